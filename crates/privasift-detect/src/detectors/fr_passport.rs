//! French passports: passport numbers and machine-readable zones
//! (`fr-passport@1`).
//!
//! A passport number designates one booklet and so its holder; the
//! machine-readable zone (MRZ) adds names, nationality, sex and date of birth.
//! - Numbers are two digits, two capitals and five digits (`12AB34567`). The
//!   number carries no check digit outside the MRZ, so alone it scores 0.55
//!   and 0.95 after a context word. The 2013 driving licence prints its
//!   title number in the same shape: after a driving-licence word and no
//!   passport word, the candidate is left to `fr-driving-licence`.
//! - The MRZ (ICAO 9303 TD3): line 1 `P<FRA` and the names, 44 characters;
//!   line 2 passport number, check digit, nationality `FRA`, birth date,
//!   check digit, sex, expiry date, check digit, personal number, check digit
//!   and the composite check digit, 44 characters. Both lines together, or
//!   line 2 alone, with every check digit verified (weights 7, 3, 1; `<` = 0,
//!   `A` = 10 ... `Z` = 35): 0.98.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at, stands_alone};

pub const FR_PASSPORT: Kind = Kind::new("fr-passport", Label::Passport);
const ID: &str = "fr-passport@1";

const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "passeport",
    "passeports",
    "PASSEPORT",
    "passport",
    "passports",
    "n° de passeport",
    "document de voyage",
    "travel document",
];

/// Words that make a passport-shaped number a driving-licence title number.
const LICENCE_WORDS: &[&str] = &[
    "permis",
    "permis de conduire",
    "driving licence",
    "driving license",
    "driver's license",
    "driver’s license",
    "driver's licence",
    "drivers license",
    "driver license",
];

const NUMBER: usize = 0;
const MRZ_TWO_LINES: usize = 1;
const MRZ_LINE_2: usize = 2;

pub struct FrPassport {
    context: Keywords,
    licence: Keywords,
}

impl FrPassport {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
            licence: Keywords::new(LICENCE_WORDS)?,
        })
    }
}

/// Line 2 of a TD3 MRZ: the last 44 MRZ characters of the candidate.
fn line2_valid(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(l) = bytes
        .len()
        .checked_sub(44)
        .and_then(|from| bytes.get(from..))
    else {
        return false;
    };
    crate::validate::mrz_check_ok(&[&l[0..9]], l.get(9))
        && crate::validate::mrz_check_ok(&[&l[13..19]], l.get(19))
        && crate::validate::mrz_check_ok(&[&l[21..27]], l.get(27))
        && crate::validate::mrz_check_ok(&[&l[28..42]], l.get(42))
        && crate::validate::mrz_check(&[&l[0..10], &l[13..20], &l[21..43]]) == l.get(43).copied()
}

/// An MRZ must not be glued to further MRZ characters.
fn mrz_alone(text: &str, start: usize, end: usize) -> bool {
    let glued = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'<');
    !glued(start.checked_sub(1).and_then(|i| byte_at(text, i))) && !glued(byte_at(text, end))
}

impl Detector for FrPassport {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_PASSPORT]
    }

    fn patterns(&self) -> Vec<Pattern> {
        // Line 2 after the first character of the passport number (which is
        // alphanumeric, so a leading word boundary applies to it).
        const LINE_2_TAIL: &str =
            r"[A-Z0-9<]{8}[0-9<]FRA[0-9]{6}[0-9][MFX<][0-9]{6}[0-9][A-Z0-9<]{14}[0-9<][0-9]";
        vec![
            Pattern::new(r"(?-u:\b)[0-9]{2}[A-Z]{2}[0-9]{5}(?-u:\b)"),
            Pattern::new(format!(
                r"(?-u:\b)P[A-Z<]FRA[A-Z<]{{39}}(?:\r?\n|[ ])?[A-Z0-9]{LINE_2_TAIL}"
            )),
            Pattern::new(format!(r"(?-u:\b)[A-Z0-9]{LINE_2_TAIL}")),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        match c.pattern {
            NUMBER => {
                if !stands_alone(text, c.start, c.end) {
                    return false;
                }
                let passport = self.context.before(text, c.start, CONTEXT_WINDOW);
                if !passport && self.licence.before(text, c.start, CONTEXT_WINDOW) {
                    return false;
                }
                let score = if passport { 0.95 } else { 0.55 };
                out.push(Span::new(c.start, c.end, FR_PASSPORT, score, ID));
                true
            }
            MRZ_TWO_LINES | MRZ_LINE_2 => {
                if !line2_valid(value) || !mrz_alone(text, c.start, c.end) {
                    return false;
                }
                out.push(Span::new(c.start, c.end, FR_PASSPORT, 0.98, ID));
                true
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

    // A generated specimen (fake holder), check digits computed per ICAO 9303.
    const L1: &str = "P<FRAMARTIN<<MARIE<CLAIRE<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "12AB345673FRA8505039F3108125<<<<<<<<<<<<<<<2";

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(FrPassport::new().unwrap()), text)
    }

    #[test]
    fn finds_passport_numbers() {
        assert_eq!(
            run("Passeport n° 12AB34567, délivré à Lyon"),
            vec![("12AB34567".to_owned(), "fr-passport", 0.95)]
        );
        assert_eq!(
            run("passport number: 09XY12345."),
            vec![("09XY12345".to_owned(), "fr-passport", 0.95)]
        );
        assert_eq!(
            run("réf. 12AB34567"),
            vec![("12AB34567".to_owned(), "fr-passport", 0.55)]
        );
    }

    #[test]
    fn driving_licence_context_leaves_the_number_alone() {
        assert!(run("permis de conduire n° 13AA00002").is_empty());
        // Both words: the passport word wins.
        assert_eq!(run("permis et passeport : 13AA00002").len(), 1);
    }

    #[test]
    fn finds_machine_readable_zones() {
        let two = format!("{L1}\n{L2}");
        assert_eq!(
            run(&format!("MRZ\n{two}\n")),
            vec![(two.clone(), "fr-passport", 0.98)]
        );
        assert_eq!(
            run(&format!("line: {L2}")),
            vec![(L2.to_owned(), "fr-passport", 0.98)]
        );
        let joined = format!("{L1} {L2}");
        assert_eq!(run(&joined), vec![(joined.clone(), "fr-passport", 0.98)]);
    }

    #[test]
    fn wrong_mrz_check_digits_never_fire() {
        // Passport number check 3 -> 4.
        assert!(run(&L2.replacen("673FRA", "674FRA", 1)).is_empty());
        // Expiry date changed, check digits kept.
        assert!(run(&format!("{L1}\n{}", L2.replacen("310812", "310813", 1))).is_empty());
        // Composite check 2 -> 3.
        let mut bad = L2.to_owned();
        bad.pop();
        bad.push('3');
        assert!(run(&bad).is_empty());
        // Another nationality on line 2 is not a French passport.
        assert!(run(&L2.replacen("FRA", "DEU", 1)).is_empty());
    }

    #[test]
    fn near_misses_do_not_match() {
        assert!(run("passeport 12AB3456").is_empty());
        assert!(run("passeport 12AB345678").is_empty());
        assert!(run("passeport 123B34567").is_empty());
        assert!(run("passeport 12ab34567").is_empty());
        assert!(run("passeport X12AB34567").is_empty());
        assert!(run("passeport 12AB34567-8").is_empty());
        assert!(run("Commande 2024-05-03, total 12 345,67 EUR, tél 06 12 34 56 78").is_empty());
    }
}
