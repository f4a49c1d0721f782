//! French driving licence numbers (`fr-driving-licence@1`).
//!
//! A driving licence number designates one driver for life in the national
//! licence file (FNPC) and is asked for in many procedures, so it identifies
//! its holder. Two shapes are printed:
//! - the licence number proper, the NEPH ("numéro d'enregistrement
//!   préfectoral harmonisé"), also the number of the pre-2013 pink licence:
//!   12 characters, year and month of registration (`YYMM`, month `01`-`12`),
//!   department (two digits, or `2A`/`2B`), prefecture code (two digits) and
//!   a four-digit order number (`210692106990`);
//! - the title number of the card licence issued since 16 September 2013:
//!   two digits, two capitals and five digits (`13AA00002`), the same shape
//!   as a French passport number.
//!
//! Neither has a check digit, and both collide with ordinary 12-digit numbers
//! and with passport and identity-card numbers, so a context word is required
//! to fire: 0.9 with one, 0.3 without (pushed below the default threshold
//! without claiming the candidate, so other detectors keep their turn).

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const FR_DRIVING_LICENCE: Kind = Kind::new("fr-driving-licence", Label::NationalId);
const ID: &str = "fr-driving-licence@1";

const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "permis de conduire",
    "PERMIS DE CONDUIRE",
    "permis n°",
    "permis no",
    "permis numéro",
    "n° de permis",
    "n° du permis",
    "numéro de permis",
    "numero de permis",
    "numéro du permis",
    "numero du permis",
    "permis B",
    "NEPH",
    "driving licence",
    "driving license",
    "driver's license",
    "driver’s license",
    "driver's licence",
    "driver’s licence",
    "drivers license",
    "driver license",
    "licence number",
    "license number",
    "licence no",
    "license no",
];

pub struct FrDrivingLicence {
    context: Keywords,
}

impl FrDrivingLicence {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
        })
    }
}

impl Detector for FrDrivingLicence {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_DRIVING_LICENCE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(r"(?-u:\b)[0-9]{2}(?:0[1-9]|1[0-2])(?:[0-9]{2}|2[AB])[0-9]{6}(?-u:\b)"),
            Pattern::new(r"(?-u:\b)[0-9]{2}[A-Z]{2}[0-9]{5}(?-u:\b)"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        if self.context.before(text, c.start, CONTEXT_WINDOW) {
            out.push(Span::new(c.start, c.end, FR_DRIVING_LICENCE, 0.9, ID));
            true
        } else {
            out.push(Span::new(c.start, c.end, FR_DRIVING_LICENCE, 0.3, ID));
            false
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(FrDrivingLicence::new().unwrap()), text)
    }

    fn fired(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_licence_numbers_next_to_context_words() {
        assert_eq!(
            fired("Numéro de permis de conduire : 210692106990"),
            vec!["210692106990"]
        );
        assert_eq!(fired("NEPH 15042A123456."), vec!["15042A123456"]);
        assert_eq!(
            fired("permis n° 13AA00002 délivré le 16/09/2013"),
            vec!["13AA00002"]
        );
        assert_eq!(
            fired("UK visitor, driver's license: 13AB12345"),
            vec!["13AB12345"]
        );
        assert_eq!(run("driving licence 210692106990")[0].2, 0.9);
    }

    #[test]
    fn bare_numbers_stay_below_threshold() {
        assert_eq!(
            run("ref 210692106990"),
            vec![("210692106990".to_owned(), "fr-driving-licence", 0.3)]
        );
        assert_eq!(
            run("colis 13AA00002"),
            vec![("13AA00002".to_owned(), "fr-driving-licence", 0.3)]
        );
        // "permis" alone (building permit) is not a driving-licence word.
        assert!(fired("permis de construire 210692106990").is_empty());
    }

    #[test]
    fn near_misses_do_not_match() {
        // Month 13, 11 and 13 digits, glued.
        assert!(run("permis de conduire 211392106990").is_empty());
        assert!(run("permis de conduire 21069210699").is_empty());
        assert!(run("permis de conduire 2106921069901").is_empty());
        assert!(run("permis de conduire A210692106990").is_empty());
        assert!(run("permis de conduire 210692106990-1").is_empty());
        assert!(run("permis de conduire 13AA0000").is_empty());
        assert!(run("permis de conduire 13aa00002").is_empty());
    }

    #[test]
    fn ordinary_numbers_do_not_fire() {
        assert!(
            fired("Facture 210692106990 du 03/05/2024, total 1 234,56 EUR, tél. 06 12 34 56 78")
                .is_empty()
        );
    }
}
