//! Polish PESEL numbers (`pl-pesel@1`).
//!
//! The PESEL (Powszechny Elektroniczny System Ewidencji Ludności) number is
//! given to every resident of Poland: it identifies one person directly and
//! encodes the birth date and sex (GDPR Art. 4(1), Art. 87 national
//! identifiers). Eleven digits `YYMMDDZZZXQ`, where the month carries the
//! century (+80 for the 1800s, +0 for the 1900s, +20, +40, +60 for the 2000s,
//! 2100s and 2200s).
//!
//! Validation: the birth date must exist (leap years included, the century
//! being known), and the last digit is `(10 - Σ wᵢdᵢ mod 10) mod 10` with
//! weights 1,3,7,9,1,3,7,9,1,3 (Ustawa o ewidencji ludności, Ministry of
//! Digital Affairs specification). The check is 1 chance in 10 to pass at
//! random and the candidate is a bare digit run: without the word "PESEL"
//! nearby it scores below the default threshold and leaves the candidate to
//! the other detectors too.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const PL_PESEL: Kind = Kind::new("pl-pesel", Label::NationalId);
const ID: &str = "pl-pesel@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;

const CONTEXT: &[&str] = &[
    "PESEL",
    "nr PESEL",
    "numer PESEL",
    "numéro PESEL",
    "Polish national id",
    "Polish ID number",
    "numer ewidencyjny",
];

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

pub struct PlPesel {
    context: Keywords,
}

impl PlPesel {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Whether the eleven ASCII digits of `b` form a valid PESEL.
fn valid(b: &[u8]) -> bool {
    let Ok(d) = <[u8; 11]>::try_from(b) else {
        return false;
    };
    let d = d.map(|x| u32::from(x.wrapping_sub(b'0')));
    if d.iter().any(|&x| x > 9) {
        return false;
    }
    let yy = d[0] * 10 + d[1];
    let mm = d[2] * 10 + d[3];
    let dd = d[4] * 10 + d[5];
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return false,
    };
    if dd == 0 || dd > crate::validate::days_in_month(Some(century + yy), month) {
        return false;
    }
    let sum: u32 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
    (10 - sum % 10) % 10 == d[10]
}

impl Detector for PlPesel {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PL_PESEL]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(r"(?-u:\b)[0-9]{11}(?-u:\b)")]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) || !valid(value.as_bytes()) {
            return false;
        }
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = if context { 0.9 } else { 0.45 };
        out.push(Span::new(c.start, c.end, PL_PESEL, score, ID));
        // Without context the span stays, below the threshold, and other
        // detectors (Belgian, German ids, phones) still get their turn.
        context
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(PlPesel::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|r| r.0)
            .collect()
    }

    // 44051401359 and 02070803628 are the specimen numbers of the PESEL
    // documentation; 02270803624 is generated (born 8 July 2002).
    #[test]
    fn finds_pesel_with_context_in_english_and_french() {
        assert_eq!(found("PESEL: 44051401359."), vec!["44051401359"]);
        assert_eq!(
            found("Her PESEL number is 02070803628, see file"),
            vec!["02070803628"]
        );
        assert_eq!(found("numéro PESEL 02270803624"), vec!["02270803624"]);
        assert_eq!(
            found("le numéro (PESEL) du salarié : 44051401359"),
            vec!["44051401359"]
        );
        assert_eq!(run("PESEL 44051401359")[0].1, "pl-pesel");
    }

    #[test]
    fn valid_checksum_without_context_scores_low() {
        let r = run("customer 44051401359 paid");
        assert_eq!(r.len(), 1);
        assert!(r[0].2 < 0.5);
        assert!(found("ref 44051401359").is_empty());
    }

    #[test]
    fn wrong_check_digit_date_or_length_do_not_fire() {
        assert!(run("PESEL 44051401358").is_empty());
        assert!(run("PESEL 4405140135").is_empty());
        assert!(run("PESEL 440514013590").is_empty());
        // 30 February 1944 and month 13, check digits recomputed.
        assert!(run("PESEL 44023001356").is_empty());
        assert!(run("PESEL 44131401350").is_empty());
        // 29 February: 2000 is a leap year, 1900 is not.
        assert!(valid(b"00222900009"));
        assert!(!valid(b"00022900003"));
    }

    #[test]
    fn glued_candidates_do_not_fire() {
        assert!(run("PESEL A44051401359").is_empty());
        assert!(run("PESEL 44051401359x").is_empty());
        assert!(run("PESEL 1-44051401359").is_empty());
        assert!(run("PESEL 44051401359.7").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        for t in [
            "total 12345678901 EUR",
            "order 20240115001",
            "call 33612345678",
            "2024 and 1999",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
