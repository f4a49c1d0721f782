//! libphonenumber's validity test, on automata compiled once.
//!
//! `phonenumber::is_valid` tries the national number against a regex per
//! number type, each looked up in a process-wide LRU cache behind a mutex
//! (held during the search, so worker threads queue on it) and searched
//! unanchored. Over digit strings an unanchored lazy DFA keeps building
//! states, so each call cost several microseconds and most of the phone
//! detector's time. [`Validity`] answers the same question from the same
//! metadata: for each region of a country code, one automaton over the
//! general pattern and every type's pattern, searched anchored (which is what
//! libphonenumber's "a match that starts at 0" means), and each type's
//! possible lengths. The test `agrees_with_libphonenumber` compares the two
//! on every region sharing the codes we validate in full.

use std::sync::OnceLock;

use phonenumber::PhoneNumber;
use regex_automata::{Anchored, Input, MatchKind, PatternSet, meta};

/// The number types libphonenumber's `number_type` knows, in its order.
fn types(
    d: &phonenumber::metadata::Descriptors,
) -> [Option<&phonenumber::metadata::Descriptor>; 10] {
    [
        d.premium_rate(),
        d.toll_free(),
        d.shared_cost(),
        d.voip(),
        d.personal_number(),
        d.pager(),
        d.uan(),
        d.voicemail(),
        d.fixed_line(),
        d.mobile(),
    ]
}

/// One region's patterns.
struct Region {
    /// Numbers of a shared country code whose national number starts with
    /// these digits belong to this region.
    leading: Option<meta::Regex>,
    /// Pattern 0 is the general descriptor, the others the types'.
    patterns: meta::Regex,
    /// Possible lengths per pattern (empty: any).
    lengths: Vec<Vec<u16>>,
}

impl Region {
    /// libphonenumber's `number_type(meta, national) != Unknown`.
    fn has_type(&self, national: &str) -> bool {
        let mut set = PatternSet::new(self.patterns.pattern_len());
        self.patterns
            .which_overlapping_matches(&Input::new(national).anchored(Anchored::Yes), &mut set);
        let len = u16::try_from(national.len()).unwrap_or(u16::MAX);
        let fits = |i: usize| {
            regex_automata::PatternID::new(i).is_ok_and(|p| set.contains(p))
                && (self.lengths[i].is_empty() || self.lengths[i].contains(&len))
        };
        fits(0) && (1..self.lengths.len()).any(fits)
    }

    fn starts_here(&self, national: &str) -> Option<bool> {
        self.leading
            .as_ref()
            .map(|l| l.is_match(Input::new(national).anchored(Anchored::Yes)))
    }
}

/// The regions of one country code, in libphonenumber's order.
type Code = Vec<Region>;

/// Validity of numbers of a fixed list of country codes.
pub(super) struct Validity {
    codes: Vec<(u16, OnceLock<Option<Code>>)>,
}

fn compile(patterns: &[&str], kind: MatchKind) -> Option<meta::Regex> {
    meta::Regex::builder()
        .syntax(
            regex_automata::util::syntax::Config::new()
                .ignore_whitespace(true)
                .unicode(false),
        )
        .configure(meta::Config::new().match_kind(kind))
        .build_many(patterns)
        .ok()
}

fn build(code: u16) -> Option<Code> {
    let db = &*phonenumber::metadata::DATABASE;
    let mut regions = Vec::new();
    for id in db.region(&code)? {
        let meta = db.by_id(id)?;
        let d = meta.descriptors();
        let mut patterns = vec![d.general().national_number().as_str()];
        let mut lengths = vec![d.general().possible_length().to_vec()];
        for t in types(d).into_iter().flatten() {
            patterns.push(t.national_number().as_str());
            lengths.push(t.possible_length().to_vec());
        }
        let leading = match meta.leading_digits() {
            Some(l) => Some(compile(&[l.as_str()], MatchKind::LeftmostFirst)?),
            None => None,
        };
        regions.push(Region {
            leading,
            patterns: compile(&patterns, MatchKind::All)?,
            lengths,
        });
    }
    Some(regions)
}

impl Validity {
    pub(super) fn new(codes: &[u16]) -> Self {
        Self {
            codes: codes.iter().map(|&c| (c, OnceLock::new())).collect(),
        }
    }

    /// Whether libphonenumber would call `number` valid; `None` for a
    /// country code not in the list (or whose metadata did not compile),
    /// for the caller to ask libphonenumber itself.
    pub(super) fn is_valid(&self, number: &PhoneNumber) -> Option<bool> {
        let code = number.code().value();
        let (_, regions) = self.codes.iter().find(|(c, _)| *c == code)?;
        let regions = regions.get_or_init(|| build(code)).as_ref()?;
        let national = number.national().to_string();
        // libphonenumber's `source_for`: the only region of the code, else
        // the first whose leading digits match or, without leading digits,
        // under which the number has a type; then the number must have a
        // type under that region.
        if let [only] = regions.as_slice() {
            return Some(only.has_type(&national));
        }
        for r in regions {
            match r.starts_here(&national) {
                Some(true) => return Some(r.has_type(&national)),
                Some(false) => {}
                None if r.has_type(&national) => return Some(true),
                None => {}
            }
        }
        Some(false)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use phonenumber::country::Id;

    #[test]
    fn agrees_with_libphonenumber() {
        let codes = [1u16, 31, 32, 33, 34, 39, 41, 44, 49, 352];
        let validity = Validity::new(&codes);
        let db = &*phonenumber::metadata::DATABASE;
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let mut inputs: Vec<(Option<Id>, String)> = Vec::new();
        for code in codes {
            for meta in db.by_code(&code).unwrap() {
                let region: Option<Id> = meta.id().parse().ok();
                // The metadata's examples, as they are, with a trunk 0, in
                // international form, and with each digit changed.
                let examples: Vec<String> = types(meta.descriptors())
                    .into_iter()
                    .flatten()
                    .filter_map(|t| t.example().map(str::to_owned))
                    .collect();
                for ex in &examples {
                    inputs.push((region, ex.clone()));
                    inputs.push((region, format!("0{ex}")));
                    inputs.push((None, format!("+{code}{ex}")));
                    for i in 0..ex.len() {
                        for digit in ['0', '1', '5', '9'] {
                            let mut v: Vec<char> = ex.chars().collect();
                            v[i] = digit;
                            let v: String = v.into_iter().collect();
                            inputs.push((None, format!("+{code}{v}")));
                            inputs.push((region, v));
                        }
                    }
                }
                // Random numbers of 6 to 13 digits.
                for k in 0..300u64 {
                    let len = 6 + (next() % 8) as usize;
                    let mut n: String = (0..len)
                        .map(|_| char::from(b'0' + (next() % 10) as u8))
                        .collect();
                    if k % 2 == 0 {
                        n.replace_range(0..1, "0");
                    }
                    inputs.push((None, format!("+{code}{}", &n[1..])));
                    inputs.push((region, n));
                }
            }
        }
        let (mut valid, mut checked) = (0, 0);
        for (region, text) in &inputs {
            let Ok(number) = phonenumber::parse(*region, text) else {
                continue;
            };
            let Some(ours) = validity.is_valid(&number) else {
                // A number of another code (a changed digit moved it).
                continue;
            };
            let theirs = phonenumber::is_valid(&number);
            assert_eq!(ours, theirs, "{region:?} {text}");
            checked += 1;
            valid += usize::from(theirs);
        }
        assert!(
            checked > 20_000 && valid > 2_000,
            "{checked} checked, {valid} valid"
        );
        assert!(
            checked - valid > 5_000,
            "too few invalid numbers: {checked} / {valid}"
        );
    }
}
