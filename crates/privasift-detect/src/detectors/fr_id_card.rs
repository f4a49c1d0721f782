//! French national identity cards: card numbers and machine-readable zones
//! (`fr-id-card@1`).
//!
//! A card number designates one card and so its holder; the machine-readable
//! zone (MRZ) adds surname, given names, sex and date of birth. Three shapes:
//! - the card of 1988-2021: 12 characters, year and month of issue (`88`-`99`
//!   or `00`-`21`, `01`-`12`), three characters for the issuing department
//!   and office, five digits (`880692310285`). Nothing on the card checks the
//!   number outside the MRZ, so a bare number needs a context word: 0.9 with
//!   one, 0.4 without;
//! - the card issued since August 2021: a 9-character document number in
//!   capitals and digits (specimen `X4RTBPFW4`). We found no published rule
//!   excluding letters, so any capital or digit is accepted, but the number
//!   must mix both (a 9-letter word or a 9-digit number is not taken): 0.9
//!   with a context word, 0.35 without;
//! - the MRZs: two lines of 36 characters for the 1988-2021 card (`IDFRA`,
//!   surname, issuing office / card number, check digit, given names, birth
//!   date, check digit, sex, composite check over both lines), three lines of
//!   30 (ICAO 9303 TD1) for the current card. Lines may be joined by a line
//!   break, a space or nothing. Every check digit is verified (ICAO 9303
//!   part 3: weights 7, 3, 1; `<` = 0, `A` = 10 ... `Z` = 35): 0.95.
//!
//! Context-less guesses (0.4, 0.35) are pushed below the default threshold
//! without claiming the candidate, so the passport and driving-licence
//! detectors, whose numbers share these shapes, still get their turn.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at, stands_alone};

pub const FR_ID_CARD: Kind = Kind::new("fr-id-card", Label::NationalId);
const ID: &str = "fr-id-card@1";

const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "carte d'identité",
    "carte d’identité",
    "carte d'identite",
    "carte d’identite",
    "CARTE D'IDENTITÉ",
    "carte nationale d'identité",
    "carte nationale d’identité",
    "carte nationale d'identite",
    "CARTE NATIONALE D'IDENTITÉ",
    "carte identité",
    "CNI",
    "pièce d'identité",
    "pièce d’identité",
    "piece d'identite",
    "PIÈCE D'IDENTITÉ",
    "identity card",
    "ID card",
    "national ID",
    "national identity",
];

/// Pattern indexes, in the order of [`FrIdCard::patterns`].
const OLD_NUMBER: usize = 0;
const NEW_NUMBER: usize = 1;
const OLD_MRZ: usize = 2;
const TD1_MRZ: usize = 3;

pub struct FrIdCard {
    context: Keywords,
}

impl FrIdCard {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
        })
    }
}

/// Nine capitals and digits, at least one of each: the first change of
/// character class happens after `k` characters, for `k` in 1..=8.
fn mixed_alnum_9() -> String {
    let mut alts = Vec::with_capacity(16);
    for k in 1..=8 {
        let rest = 8 - k;
        alts.push(format!("[0-9]{{{k}}}[A-Z][A-Z0-9]{{{rest}}}"));
        alts.push(format!("[A-Z]{{{k}}}[0-9][A-Z0-9]{{{rest}}}"));
    }
    format!(r"(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))
}

/// The MRZ characters of a candidate, line breaks and spaces removed; `None`
/// if there are not exactly `len` of them.
fn mrz_chars<const N: usize>(value: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    let mut n = 0;
    for b in value.bytes().filter(|b| !matches!(b, b'\r' | b'\n' | b' ')) {
        *out.get_mut(n)? = b;
        n += 1;
    }
    (n == N).then_some(out)
}

/// The 1988-2021 card: line 1 (36) then line 2 (36).
fn old_mrz_valid(value: &str) -> bool {
    let Some(m) = mrz_chars::<72>(value) else {
        return false;
    };
    let (l1, l2) = m.split_at(36);
    crate::validate::mrz_check_ok(&[&l2[0..12]], l2.get(12))
        && crate::validate::mrz_check_ok(&[&l2[27..33]], l2.get(33))
        && crate::validate::mrz_check_ok(&[l1, &l2[..35]], l2.get(35))
}

/// The current card, ICAO 9303 TD1: three lines of 30, the third (names)
/// optional in the candidate.
fn td1_valid(value: &str) -> bool {
    let m = if let Some(m) = mrz_chars::<90>(value) {
        m
    } else if let Some(two) = mrz_chars::<60>(value) {
        let mut m = [b'<'; 90];
        m[..60].copy_from_slice(&two);
        m
    } else {
        return false;
    };
    let (l1, l2) = (&m[0..30], &m[30..60]);
    crate::validate::mrz_check_ok(&[&l1[5..14]], l1.get(14))
        && crate::validate::mrz_check_ok(&[&l2[0..6]], l2.get(6))
        && crate::validate::mrz_check_ok(&[&l2[8..14]], l2.get(14))
        && crate::validate::mrz_check_ok(
            &[&l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]],
            l2.get(29),
        )
}

/// An MRZ must not be glued to further MRZ characters.
fn mrz_alone(text: &str, start: usize, end: usize) -> bool {
    let glued = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'<');
    !glued(start.checked_sub(1).and_then(|i| byte_at(text, i))) && !glued(byte_at(text, end))
}

impl Detector for FrIdCard {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_ID_CARD]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(
                r"(?-u:\b)(?:8[89]|9[0-9]|[01][0-9]|2[01])(?:0[1-9]|1[0-2])[0-9A-Z]{3}[0-9]{5}(?-u:\b)",
            ),
            Pattern::new(mixed_alnum_9()),
            Pattern::new(concat!(
                r"(?-u:\b)IDFRA[A-Z<]{25}[A-Z0-9<]{6}(?:\r?\n|[ ])?",
                r"[A-Z0-9<]{12}[0-9][A-Z<]{14}[0-9]{6}[0-9][MF<][0-9]",
            )),
            Pattern::new(concat!(
                r"(?-u:\b)I[A-Z<]FRA[A-Z0-9<]{9}[0-9][A-Z0-9<]{15}(?:\r?\n|[ ])?",
                r"[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z<]{3}[A-Z0-9<]{11}[0-9]",
                r"(?:(?:\r?\n|[ ])?[A-Z<]{30})?",
            )),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        match c.pattern {
            OLD_MRZ | TD1_MRZ => {
                let valid = if c.pattern == OLD_MRZ {
                    old_mrz_valid(value)
                } else {
                    td1_valid(value)
                };
                if !valid || !mrz_alone(text, c.start, c.end) {
                    return false;
                }
                out.push(Span::new(c.start, c.end, FR_ID_CARD, 0.95, ID));
                true
            }
            OLD_NUMBER | NEW_NUMBER => {
                if !stands_alone(text, c.start, c.end) {
                    return false;
                }
                if self.context.before(text, c.start, CONTEXT_WINDOW) {
                    out.push(Span::new(c.start, c.end, FR_ID_CARD, 0.9, ID));
                    return true;
                }
                let guess = if c.pattern == OLD_NUMBER { 0.4 } else { 0.35 };
                out.push(Span::new(c.start, c.end, FR_ID_CARD, guess, ID));
                false
            }
            _ => false,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    // Generated specimens (fake holders), check digits computed per ICAO 9303.
    const OLD_L1: &str = "IDFRADUPONT<<<<<<<<<<<<<<<<<<<923042";
    const OLD_L2: &str = "8806923102858JEAN<<PIERRE<<8505039M4";
    const TD1_L1: &str = "IDFRAX4RTBPFW46<<<<<<<<<<<<<<<";
    const TD1_L2: &str = "8505039F3108125FRA<<<<<<<<<<<6";
    const TD1_L3: &str = "MARTIN<<MARIE<CLAIRE<<<<<<<<<<";

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(FrIdCard::new().unwrap()), text)
    }

    fn fired(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_card_numbers_next_to_context_words() {
        assert_eq!(
            fired("Carte nationale d'identité n° 880692310285"),
            vec!["880692310285"]
        );
        assert_eq!(fired("ID card number: 880692310285."), vec!["880692310285"]);
        assert_eq!(
            fired("CNI : X4RTBPFW4 (délivrée en 2022)"),
            vec!["X4RTBPFW4"]
        );
        assert_eq!(fired("pièce d'identité X4RTBPFW4"), vec!["X4RTBPFW4"]);
        assert_eq!(run("CNI 880692310285")[0].2, 0.9);
    }

    #[test]
    fn bare_numbers_stay_below_threshold() {
        assert_eq!(
            run("ref 880692310285"),
            vec![("880692310285".to_owned(), "fr-id-card", 0.4)]
        );
        assert_eq!(
            run("code X4RTBPFW4"),
            vec![("X4RTBPFW4".to_owned(), "fr-id-card", 0.35)]
        );
    }

    #[test]
    fn finds_machine_readable_zones() {
        let old = format!("{OLD_L1}\n{OLD_L2}");
        assert_eq!(
            run(&format!("MRZ:\n{old}\n")),
            vec![(old.clone(), "fr-id-card", 0.95)]
        );
        let joined = format!("{OLD_L1} {OLD_L2}");
        assert_eq!(fired(&format!("scan: {joined}")), vec![joined]);
        let td1 = format!("{TD1_L1}\n{TD1_L2}\n{TD1_L3}");
        assert_eq!(run(&td1), vec![(td1.clone(), "fr-id-card", 0.95)]);
        let td1_two = format!("{TD1_L1}\r\n{TD1_L2}");
        assert_eq!(fired(&td1_two), vec![td1_two]);
    }

    #[test]
    fn wrong_mrz_check_digits_never_fire() {
        // Card number check digit 8 -> 7.
        let bad = format!(
            "{OLD_L1}\n{}",
            OLD_L2.replacen("8806923102858", "8806923102857", 1)
        );
        assert!(run(&bad).is_empty());
        // Composite check 4 -> 5.
        let bad = format!("{OLD_L1}\n{}", OLD_L2.replace("M4", "M5"));
        assert!(run(&bad).is_empty());
        // TD1 birth date altered, check digits kept.
        let bad = format!("{TD1_L1}\n{}", TD1_L2.replacen("850503", "850504", 1));
        assert!(run(&bad).is_empty());
        // Glued to further MRZ characters.
        assert!(run(&format!("{OLD_L1}\n{OLD_L2}<")).is_empty());
    }

    #[test]
    fn near_misses_do_not_match() {
        // Month 13, year of issue 1950, 11 and 13 characters.
        assert!(run("CNI 881392310285").is_empty());
        assert!(run("CNI 500692310285").is_empty());
        assert!(run("CNI 88069231028").is_empty());
        assert!(run("CNI 8806923102851").is_empty());
        // All letters or all digits is not a current card number.
        assert!(run("CARTE NATIONALE D'IDENTITÉ").is_empty());
        assert!(run("carte d'identité 123456789").is_empty());
        // Glued to letters, digits or a dash-digit tail.
        assert!(run("CNI AX4RTBPFW4").is_empty());
        assert!(run("CNI X4RTBPFW4-2").is_empty());
    }

    #[test]
    fn ordinary_text_does_not_fire() {
        assert!(
            fired("Facture 202405031234 du 03/05/2024, réf. AB12CD34E, tél 0612345678").is_empty()
        );
    }
}
