//! Telephone numbers (`phone@1`).
//!
//! A phone number reaches one person (a mobile) or one household: it is
//! personal data (GDPR Art. 4(1)), and the CNIL's sheets on AI training data
//! list contact details among the data to filter. Found: international numbers
//! (`+33 6 12 34 56 78`, `+44 20 7946 0958`, `0033 6 ...`, `+1 (212) 555-0147`,
//! `+33 (0)1 ...`) and national ones of France, Belgium, Switzerland,
//! Luxembourg, Germany, Spain, Italy, the Netherlands, the United Kingdom and
//! the United States, with spaces, dots, dashes, one slash or parentheses.
//!
//! The patterns only admit 8 to 15 digits, a `+`/`00` prefix, a leading trunk
//! `0`, or the North American (`212-555-0147`) and Spanish (`612 34 56 78`)
//! groupings. Cheap checks come first (glued characters, balanced
//! parentheses, dates such as `12/03/2024`); then the number is validated with
//! `phonenumber`, a port of Google's libphonenumber metadata: international
//! numbers of the ten regions as they are (other countries: a known country
//! code and a possible length, see [`FULL_CODES`] for why), national ones
//! against a short list of regions chosen
//! by the digit count (ten digits with a trunk 0: France first, then Belgium,
//! Switzerland, the Netherlands...), the first valid one winning. A candidate
//! that swallowed a following number is retried without its last groups.
//!
//! Scores: valid with `+` 0.95 (0.85 when only the length was checked), with
//! `00` 0.9 (0.8), national with separators 0.85,
//! a bare run with a leading 0 0.6; a context word ("tél", "phone", "portable",
//! "appelez", "whatsapp"...) within 50 bytes before raises them to 0.9-0.98. A
//! bare run without `+` or leading 0 (`612345678`) is an ordinary number
//! unless a context word precedes it (then 0.85; otherwise it is not even
//! validated). An order or reference word ("commande", "SIRET", "invoice")
//! without a phone word lowers a national number to 0.4.

use std::sync::LazyLock;

use phonenumber::country::Id;
use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at};

mod validity;
use validity::Validity;

pub const PHONE: Kind = Kind::new("phone", Label::Phone);
const ID: &str = "phone@1";

/// Words that say a phone number follows.
const PHONE_WORDS: &[&str] = &[
    "tel",
    "tél",
    "TÉL",
    "telephone",
    "téléphone",
    "TÉLÉPHONE",
    "phone",
    "phones",
    "mobile",
    "mob",
    "portable",
    "cell",
    "cellphone",
    "gsm",
    "fax",
    "appelez",
    "appeler",
    "appelle",
    "rappeler",
    "rappelez",
    "joindre",
    "joignable",
    "call",
    "calling",
    "ring",
    "whatsapp",
    "signal",
    "telegram",
    "sms",
    "texto",
    "standard",
    "hotline",
    "ligne",
    "fixe",
    "Telefon",
    "Handy",
    "Rufnummer",
    "teléfono",
    "telefono",
    "móvil",
    "movil",
    "cellulare",
    "telefoon",
    "mobiel",
    "☎",
    "📞",
];

/// Words that often, but not always, introduce a phone number.
const WEAK_WORDS: &[&str] = &[
    "contact",
    "contacter",
    "numéro",
    "numero",
    "NUMÉRO",
    "num",
    "number",
    "no.",
    "n°",
    "nr",
];

const NOT_PHONE: &[&str] = &[
    "commande",
    "order",
    "facture",
    "invoice",
    "ref",
    "réf",
    "référence",
    "reference",
    "siret",
    "siren",
    "tva",
    "vat",
    "isbn",
    "issn",
    "ean",
    "iban",
    "bic",
    "rib",
    "compte",
    "account",
    "dossier",
    "ticket",
    "colis",
    "tracking",
    "suivi",
    "lot",
    "serial",
    "série",
    "modèle",
    "model",
];

// Pattern indices, in the order of `patterns()`.
const P_PLUS: usize = 0;
const P_00: usize = 1;
// 2: trunk 0 (06 12 34 56 78), 3: trunk 0 in parentheses ((030) 123456).
const P_US: usize = 4;
const P_US_PAREN: usize = 5;
const P_ES: usize = 6;
const P_ES2: usize = 7;
const P_BARE: usize = 8;
/// Spanish and Luxembourg numbers in groups of three: `612 345 678`.
const P_333: usize = 9;
/// Any grouped digits, accepted only next to a phone word: `781 1704 office`.
const P_LOOSE: usize = 10;

/// Words that, right after a number, say it is a phone number (contact lists,
/// signatures: `01 23 45 67 89 (bureau)`, `555-0147 mobile`).
const AFTER_WORDS: &[&str] = &[
    "office", "fax", "mobile", "mob", "cell", "home", "work", "tel", "phone", "bureau", "domicile",
    "portable", "perso", "pro", "standard", "direct",
];

pub struct Phone {
    strong: Keywords,
    weak: Keywords,
    order: Keywords,
    after: Keywords,
}

/// Regexes libphonenumber may keep compiled. The crate's default (100) is
/// smaller than what ten regions use, so it recompiled regexes on almost
/// every call (a quarter of the run time on phone-dense text).
const PHONE_REGEX_CACHE: usize = 4096;

impl Phone {
    pub fn new() -> Result<Self, BuildError> {
        static ENLARGE: std::sync::Once = std::sync::Once::new();
        ENLARGE.call_once(|| {
            if let Ok(mut cache) = phonenumber::metadata::DATABASE.cache().lock() {
                *cache = regex_cache::RegexCache::new(PHONE_REGEX_CACHE);
            }
        });
        // Load libphonenumber's metadata and compile the regexes of the
        // regions validated in full now (about 0.1 s, once per process)
        // rather than in the middle of the first texts.
        for (region, example) in [
            (Id::FR, "0123456789"),
            (Id::BE, "012345678"),
            (Id::CH, "0212345678"),
            (Id::LU, "27123456"),
            (Id::DE, "030123456"),
            (Id::ES, "612345678"),
            (Id::IT, "0212345678"),
            (Id::NL, "0101234567"),
            (Id::GB, "01212345678"),
            (Id::US, "2015550123"),
        ] {
            let _ = valid_in(Some(region), example);
        }
        Ok(Self {
            strong: Keywords::new(PHONE_WORDS)?,
            weak: Keywords::new(WEAK_WORDS)?,
            order: Keywords::new(NOT_PHONE)?,
            after: Keywords::new(AFTER_WORDS)?,
        })
    }
}

/// The digits of a candidate, at most 20, with an optional leading `+`,
/// without an allocation. A `(0)` trunk after a country code is dropped.
struct Compact {
    buf: [u8; 21],
    len: usize,
}

impl Compact {
    fn new(cand: &str, plus: bool) -> Option<Self> {
        let mut c = Self {
            buf: [0; 21],
            len: 0,
        };
        if plus {
            c.buf[0] = b'+';
            c.len = 1;
        }
        let b = cand.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if plus && b[i] == b'(' && b.get(i + 1) == Some(&b'0') && b.get(i + 2) == Some(&b')') {
                i += 3;
                continue;
            }
            if b[i].is_ascii_digit() {
                *c.buf.get_mut(c.len)? = b[i];
                c.len += 1;
            }
            i += 1;
        }
        Some(c)
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(..self.len).unwrap_or(&[])).unwrap_or("")
    }

    fn digits(&self) -> usize {
        self.buf
            .get(..self.len)
            .unwrap_or(&[])
            .iter()
            .filter(|b| b.is_ascii_digit())
            .count()
    }
}

fn valid_in(region: Option<Id>, number: &str) -> bool {
    static VALIDITY: LazyLock<Validity> = LazyLock::new(|| Validity::new(FULL_CODES));
    phonenumber::parse(region, number).is_ok_and(|n| {
        VALIDITY
            .is_valid(&n)
            .unwrap_or_else(|| phonenumber::is_valid(&n))
    })
}

/// Country codes of the regions whose numbers are validated in full.
///
/// `phonenumber` compiles its regexes lazily into one process-wide LRU cache
/// of 100 entries behind a mutex: validating numbers of a few dozen countries
/// thrashes it and a call then costs about 0.7 ms instead of 2-5 µs. The ten
/// regions of this list fit in the cache; other countries get a length check
/// against the same metadata, which needs no regex.
const FULL_CODES: &[u16] = &[1, 31, 32, 33, 34, 39, 41, 44, 49, 352];

/// How an international number (`+` and digits) validates, if it does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Valid per libphonenumber's number patterns.
    Full,
    /// A known country code and a fixed-line or mobile length of that country.
    Length,
}

fn check_international(number: &str) -> Option<Check> {
    let digits = number.strip_prefix('+')?;
    // Country codes are prefix-free: the first known one is the one.
    for cc_len in 1..=3 {
        let code: u16 = digits.get(..cc_len)?.parse().ok()?;
        let Some(metas) = phonenumber::metadata::DATABASE.by_code(&code) else {
            continue;
        };
        if FULL_CODES.contains(&code) {
            return valid_in(None, number).then_some(Check::Full);
        }
        let nsn = digits.get(cc_len..)?;
        let len = u16::try_from(nsn.len()).ok()?;
        // Personal numbers are fixed lines and mobiles (the general
        // descriptor of this port carries no lengths).
        let possible = metas.iter().any(|m| {
            let d = m.descriptors();
            [d.fixed_line(), d.mobile()]
                .into_iter()
                .flatten()
                .any(|t| t.possible_length().contains(&len))
        });
        return (possible && !nsn.starts_with('0')).then_some(Check::Length);
    }
    None
}

/// Whether `+digits` starts with an assigned country code and has 8 to 15 digits.
fn known_code(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && (1..=3).any(|n| {
            digits
                .get(..n)
                .and_then(|c| c.parse::<u16>().ok())
                .is_some_and(|code| phonenumber::metadata::DATABASE.by_code(&code).is_some())
                // "+20 000 000 €", "+10000000 views": amounts, not numbers.
                && digits.get(n..).is_some_and(|nsn| !nsn.starts_with('0') && !nsn.contains("0000"))
        })
}

/// Regions to try for a national number, most likely first, by shape.
fn regions(pattern: usize, digits: &str) -> &'static [Id] {
    let n = digits.len();
    let first = digits.as_bytes().first().copied().unwrap_or(b'0');
    match pattern {
        P_US | P_US_PAREN if first == b'3' => &[Id::US, Id::IT],
        P_US | P_US_PAREN => &[Id::US],
        P_ES | P_ES2 => &[Id::ES],
        P_333 => &[Id::ES, Id::LU],
        P_BARE if n == 9 => &[Id::ES, Id::LU],
        P_BARE => &[Id::US, Id::IT],
        _ => match n {
            10 => &[Id::FR, Id::BE, Id::CH, Id::NL, Id::GB, Id::DE, Id::IT],
            11 => &[Id::GB, Id::DE, Id::IT],
            9 => &[Id::BE, Id::DE, Id::IT, Id::CH],
            _ => &[Id::DE, Id::IT],
        },
    }
}

/// `dd/mm/yyyy`, `dd.mm.yy`, `dd-mm-yyyy` at the start: a date, not a number.
fn starts_like_date(cand: &str) -> bool {
    let b = cand.as_bytes();
    let two = |i: usize| {
        b.get(i).is_some_and(u8::is_ascii_digit) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let sep = |i: usize| matches!(b.get(i), Some(b'/' | b'.' | b'-'));
    let day_month = two(0) && sep(2) && two(3) && sep(5) && b.get(5) == b.get(2) && two(6);
    if !day_month {
        return false;
    }
    // Exactly three parts: "01.23.45.67.89" is a number written in pairs.
    let year_end = 6 + b
        .get(6..)
        .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    if !matches!(year_end - 6, 2 | 4) || b.get(year_end) == b.get(2) {
        return false;
    }
    let (d, m) = (
        (b[0] - b'0') * 10 + b[1] - b'0',
        (b[3] - b'0') * 10 + b[4] - b'0',
    );
    (1..=31).contains(&d) && (1..=12).contains(&m) || (1..=12).contains(&d) && (1..=31).contains(&m)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether the candidate is glued to a longer token on either side.
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = start > 0
        && byte_at(text, start - 1).is_some_and(|b| {
            is_word_byte(b)
                || matches!(b, b'+' | b'/' | b'@' | b'#' | b'=' | b'$')
                || (matches!(b, b'.' | b'-' | b',' | b':')
                    && start >= 2
                    && byte_at(text, start - 2).is_some_and(|p| p.is_ascii_digit()))
        });
    let after = match byte_at(text, end) {
        Some(b) if is_word_byte(b) || b == b'@' || b == b'%' => true,
        Some(b'.' | b'-' | b',' | b'/' | b':') => {
            byte_at(text, end + 1).is_some_and(|n| n.is_ascii_digit())
        }
        _ => false,
    };
    before || after
}

impl Phone {
    /// A grouped number next to a phone word: valid somewhere → 0.85,
    /// merely phone-shaped (7 to 15 digits, not a date) → 0.7.
    fn loose(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        let digits = cand.bytes().filter(u8::is_ascii_digit).count();
        if !(7..=15).contains(&digits) || starts_like_date(cand) {
            return false;
        }
        let score = if Self::validate(P_LOOSE, cand).is_some() {
            0.85
        } else {
            0.7
        };
        out.push(Span::new(c.start, c.end, PHONE, score, ID));
        true
    }

    /// Validates `cand`; returns the base score (before context) if valid.
    fn validate(pattern: usize, cand: &str) -> Option<f32> {
        if cand.matches('(').count() != cand.matches(')').count() || cand.matches('/').count() > 1 {
            return None;
        }
        let digits = cand.bytes().filter(u8::is_ascii_digit).count();
        if !(8..=16).contains(&digits) {
            return None;
        }
        match pattern {
            P_PLUS => {
                let c = Compact::new(cand, true)?;
                if c.digits() > 15 {
                    return None;
                }
                // A known country code and a plausible length: a number
                // written the international way, even if not allocated.
                check_international(c.as_str())
                    .map(|k| if k == Check::Full { 0.95 } else { 0.85 })
                    .or_else(|| known_code(c.as_str()).then_some(0.6))
            }
            P_00 => {
                // 00 is the international call prefix of all ten regions but the US.
                let c = Compact::new(cand.get(2..)?, true)?;
                if c.digits() > 15 {
                    return None;
                }
                check_international(c.as_str()).map(|k| if k == Check::Full { 0.9 } else { 0.8 })
            }
            _ => {
                let c = Compact::new(cand, false)?;
                let number = c.as_str();
                // Pairs ("06 12 34 56", "01.02.03.04") are the French way of
                // writing a number: then it has ten digits.
                let groups = cand.split([' ', '.', '-', '/']).filter(|g| !g.is_empty());
                let pairs = cand.split([' ', '.', '-', '/']).count() >= 4
                    && groups.clone().all(|g| g.len() == 2);
                if pairs && number.len() != 10 {
                    return None;
                }
                let valid = regions(pattern, number)
                    .iter()
                    .any(|&r| valid_in(Some(r), number));
                let separated = number.len() != cand.len();
                valid.then_some(if separated { 0.85 } else { 0.6 })
            }
        }
    }
}

impl Detector for Phone {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PHONE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        // One digit, optionally preceded by a separator: a space, dot, dash or
        // slash, an opening parenthesis, or a closing one.
        const D: &str = r"(?:(?:[ .\-/]|[ ]?\(|\)[ .\-]?)?[0-9])";
        vec![
            // P_PLUS
            Pattern::new(format!(r"\+[1-9]{D}{{7,15}}")),
            // P_00
            Pattern::new(format!(r"(?-u:\b)00[ ]?[1-9]{D}{{7,14}}")),
            // Trunk 0 then 7 to 12 more digits.
            Pattern::new(r"(?-u:\b)0[1-9](?:[ .\-/]?[0-9]){6,11}"),
            // Trunk in parentheses: (030) 1234567, (0161) 496 0000.
            Pattern::new(r"\(0[1-9][0-9]{0,3}\)[ .\-]?[0-9](?:[ .\-/]?[0-9]){4,10}"),
            // P_US: 212-555-0147, 212.555.0147, 212 555 0147.
            Pattern::new(r"(?-u:\b)[2-9][0-9]{2}[ .\-][2-9][0-9]{2}[ .\-][0-9]{4}"),
            // P_US_PAREN: (212) 555-0147.
            Pattern::new(r"\([2-9][0-9]{2}\)[ ]?[2-9][0-9]{2}[ .\-]?[0-9]{4}"),
            // P_ES: 612 34 56 78.
            Pattern::new(r"(?-u:\b)[6-9][0-9]{2}(?:[ .][0-9]{2}){3}"),
            // P_ES2: 91 123 45 67.
            Pattern::new(r"(?-u:\b)[89][0-9][ .][0-9]{3}(?:[ .][0-9]{2}){2}"),
            // P_BARE: nine or ten digits, no trunk 0 (needs a context word).
            Pattern::new(r"(?-u:\b)[1-9][0-9]{8,9}(?-u:\b)"),
            Pattern::new(r"(?-u:\b)[2-9][0-9]{2}[ .\-][0-9]{3}[ .\-][0-9]{3}(?-u:\b)"),
            Pattern::loose(
                r"(?:\([0-9]{1,4}\)[ .\-]?|(?-u:\b))[0-9]{2,4}(?:[ .\-][0-9]{2,4}){1,5}(?-u:\b)",
            ),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        if glued(text, c.start, c.end) {
            // A trailing group may be glued ("06 12 34 56 78-2"): not a phone.
            return false;
        }
        let strong = self.strong.before(text, c.start, 50) || self.after.after(text, c.end, 12);
        // "commande n° ...": an order number, unless a phone word is there too.
        let negative = !strong && self.order.before(text, c.start, 30);
        let context = strong || (!negative && self.weak.before(text, c.start, 50));
        if c.pattern == P_BARE && !context {
            return false;
        }
        if c.pattern == P_LOOSE {
            return strong && self.loose(text, c, out);
        }
        // "600 000 000" is an amount, not a number someone answers.
        if c.pattern == P_333
            && text[c.start..c.end]
                .split([' ', '.', '-'])
                .any(|g| g == "000")
        {
            return false;
        }
        let cand = &text[c.start..c.end];
        if starts_like_date(cand) {
            return false;
        }
        // The whole candidate, then without up to two trailing groups (a
        // following number the pattern swallowed), keeping 8 digits.
        let mut end = cand.len();
        for _ in 0..3 {
            let Some(part) = cand.get(..end) else {
                return false;
            };
            if let Some(base) = Self::validate(c.pattern, part) {
                let score = if context {
                    match c.pattern {
                        // Known country code, but not an allocated number.
                        P_PLUS | P_00 if base < 0.7 => 0.8,
                        P_PLUS => 0.98,
                        P_00 => 0.95,
                        P_BARE => 0.85,
                        _ if base < 0.8 => 0.9,
                        _ => 0.95,
                    }
                } else if c.pattern != P_PLUS && c.pattern != P_00 && negative {
                    0.4
                } else if c.pattern == P_333 {
                    // Thousands are grouped the same way: weaker alone.
                    0.55
                } else {
                    base
                };
                out.push(Span::new(c.start, c.start + end, PHONE, score, ID));
                return true;
            }
            match part.rfind(' ') {
                Some(i) if part[..i].bytes().filter(u8::is_ascii_digit).count() >= 8 => end = i,
                _ => return false,
            }
        }
        false
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(Phone::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    fn score(text: &str) -> f32 {
        let r = run(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        r[0].2
    }

    // Example numbers of libphonenumber's metadata, the fictional ranges of
    // Ofcom (020 7946 0xxx) and NANP (555-01xx), and the ARCEP's 01 99 00.
    #[test]
    fn finds_international_numbers() {
        assert_eq!(
            found("Call +33 6 12 34 56 78 now"),
            vec!["+33 6 12 34 56 78"]
        );
        assert_eq!(
            found("London office: +44 20 7946 0958."),
            vec!["+44 20 7946 0958"]
        );
        assert_eq!(found("NY: +1 (212) 555-0147"), vec!["+1 (212) 555-0147"]);
        assert_eq!(
            found("Appelez le +33 (0)1 99 00 12 34"),
            vec!["+33 (0)1 99 00 12 34"]
        );
        assert_eq!(found("tél 0033 6 12 34 56 78"), vec!["0033 6 12 34 56 78"]);
        assert_eq!(
            found("+41.21.234.56.78 / +352 628 123 456"),
            vec!["+41.21.234.56.78", "+352 628 123 456"]
        );
        assert_eq!(found("+4915123456789"), vec!["+4915123456789"]);
        // Other countries: country code and length only.
        assert_eq!(
            found("Stockholm +46 (0)8 928 571 38"),
            vec!["+46 (0)8 928 571 38"]
        );
        assert!((score("+46 8 928 571 38") - 0.85).abs() < 1e-6);
        assert!(found("+46 8 92").is_empty());
        assert!(found("+20 000 000 €, +10000000 views").is_empty());
    }

    #[test]
    fn finds_national_numbers_of_the_ten_regions() {
        for (text, num) in [
            ("Mon portable : 06 12 34 56 78.", "06 12 34 56 78"),
            ("bureau 01.23.45.67.89", "01.23.45.67.89"),
            ("Bruxelles 012 34 56 78", "012 34 56 78"),
            ("GSM 0450 00 12 34", "0450 00 12 34"),
            ("Lausanne 021 234 56 78", "021 234 56 78"),
            ("Berlin (030) 123456", "(030) 123456"),
            ("Handy 0151 23456789", "0151 23456789"),
            ("München 089/1234567", "089/1234567"),
            ("Madrid 612 34 56 78", "612 34 56 78"),
            ("Milano 02 1234 5678", "02 1234 5678"),
            ("Rotterdam 010 123 4567, mobiel 06-12345678", "010 123 4567"),
            ("Birmingham 0121 234 5678", "0121 234 5678"),
            ("London 020 7946 0958", "020 7946 0958"),
            ("call 201-555-0123", "201-555-0123"),
            ("call (201) 555-0123", "(201) 555-0123"),
        ] {
            assert_eq!(found(text).first().map(String::as_str), Some(num), "{text}");
        }
    }

    #[test]
    fn grouped_numbers_next_to_a_phone_word_are_phones() {
        assert_eq!(found("781 1704 office"), vec!["781 1704"]);
        assert_eq!(found("(37) 788-063-Office"), vec!["(37) 788-063"]);
        assert_eq!(found("fax 28-64-66-98"), vec!["28-64-66-98"]);
        // Without the word, grouped digits are amounts, years, references.
        assert!(found("12 500 000 habitants en 2019").is_empty());
        assert!(found("781 1704").is_empty());
        // A date next to a phone word is still a date.
        assert!(found("appelez le 12-03-2024").is_empty());
    }

    #[test]
    fn scores_follow_the_format_and_context() {
        assert!((score("+33 6 12 34 56 78") - 0.95).abs() < 1e-6);
        assert!((score("au 06 12 34 56 78") - 0.85).abs() < 1e-6);
        assert!((score("au 0612345678") - 0.6).abs() < 1e-6);
        assert!((score("tél : 0612345678") - 0.9).abs() < 1e-6);
        assert!((score("Téléphone : 06 12 34 56 78") - 0.95).abs() < 1e-6);
        // A bare run without + or trunk 0 needs a context word.
        assert!(run("id 612345678").is_empty());
        assert!((score("WhatsApp 612345678") - 0.85).abs() < 1e-6);
        assert!(score("commande n° 01 23 45 67 89") < 0.5);
    }

    #[test]
    fn dates_prices_years_and_versions_do_not_fire() {
        assert!(found("le 12/03/2024 à 10h").is_empty());
        assert!(found("le 01/03/2024 10:30").is_empty());
        assert!(found("né le 06.12.1985 12 34").is_empty());
        assert!(found("du 03-04-24 12 34 56").is_empty());
        assert!(found("Total : 1 234,56 € TTC").is_empty());
        assert!(found("en 2023 2024 2025 et 1999").is_empty());
        assert!(found("version 0.12.3.4567 et v1.2.3").is_empty());
        assert!(found("population 67 000 000 habitants").is_empty());
        assert!(found("order 20240312001 and 1234567890").is_empty());
        assert!(found("ISBN 978-2-07-036822-8").is_empty());
    }

    #[test]
    fn short_long_and_glued_numbers_do_not_fire() {
        assert!(found("06 12 34 56").is_empty());
        assert!(found("+33 6 12 34").is_empty());
        assert!(found("06 12 34 56 78 90 12 34").is_empty());
        assert!(found("x0612345678").is_empty());
        assert!(found("ref-12.0612345678").is_empty());
        assert!(found("+33 6 12 34 56 79 1").len() <= 1);
        assert!(found("a+33612345678").is_empty());
    }

    #[test]
    fn a_swallowed_following_number_is_trimmed() {
        assert_eq!(found("06 12 34 56 78 12 €"), vec!["06 12 34 56 78"]);
    }
}
