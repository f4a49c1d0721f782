//! Belgian national register numbers (`be-national-number@1`).
//!
//! The Rijksregisternummer / numéro de registre national (also the social
//! security number NISS/INSZ) is given to every person registered in Belgium,
//! and BIS numbers to those who are not: it identifies one person directly and
//! encodes the birth date and sex (GDPR Art. 4(1), Art. 87 national
//! identifiers). Eleven digits `YYMMDD SSS CC`, printed `85.07.30-033.28`,
//! `850730 033 28` or `85073003328`.
//!
//! Validation: the birth date must be plausible (month 0 and day 0 mean
//! "unknown"; BIS numbers add 20 or 40 to the month), and the key `CC` is
//! `97 - (YYMMDDSSS mod 97)`, or for people born from 2000
//! `97 - (2YYMMDDSSS mod 97)` (Arrêté royal du 8 février 1991 / Rijksregister
//! technical documentation). A bare run of eleven digits is 1 chance in 97 to
//! pass at random and competes with PESEL, the German tax id and phone
//! numbers: without a context word it scores below the default threshold and
//! leaves the candidate to the other detectors too.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const BE_NATIONAL_NUMBER: Kind = Kind::new("be-national-number", Label::NationalId);
const ID: &str = "be-national-number@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;
/// Scores from here on are sure enough to keep the candidate for ourselves;
/// below, the span is still reported but other detectors get their turn.
const ACCEPT: f32 = 0.5;

const CONTEXT: &[&str] = &[
    "registre national",
    "numéro de registre national",
    "numero de registre national",
    "REGISTRE NATIONAL",
    "rijksregister",
    "rijksregisternummer",
    "rijksregisternr",
    "national number",
    "national register",
    "national register number",
    "national registry number",
    "numéro national",
    "numero national",
    "NUMÉRO NATIONAL",
    "NISS",
    "NN",
    "N.N.",
    "INSZ",
    "numéro BIS",
    "BIS number",
    "bisnummer",
    "carte d'identité belge",
    "carte d’identité belge",
    "Belgian ID",
    "identiteitskaart",
];

pub struct BeNationalNumber {
    context: Keywords,
}

impl BeNationalNumber {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Whether `d` is a valid national register or BIS number.
fn valid(d: &[u8; 11]) -> bool {
    let num = |a: usize, b: usize| d[a..b].iter().fold(0u32, |acc, &x| acc * 10 + u32::from(x));
    let month = num(2, 4);
    let day = num(4, 6);
    // BIS numbers: +20 (sex unknown at registration) or +40 (sex known).
    let month = match month {
        0..=12 => month,
        20..=32 => month - 20,
        40..=52 => month - 40,
        _ => return false,
    };
    let max_day = if month == 0 {
        31
    } else {
        crate::validate::days_in_month(None, month)
    };
    if day > max_day {
        return false;
    }
    let body = u64::from(num(0, 9));
    let key = u64::from(num(9, 11));
    97 - body % 97 == key || 97 - (2_000_000_000 + body) % 97 == key
}

impl Detector for BeNationalNumber {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[BE_NATIONAL_NUMBER]
    }

    fn patterns(&self) -> Vec<Pattern> {
        // One pattern for every printed form, so a weak bare-digit candidate
        // handed on to other detectors is never seen twice by this one.
        vec![Pattern::new(
            r"(?-u:\b)[0-9]{2}\.?[0-9]{2}\.?[0-9]{2}[.\- ]?[0-9]{3}[.\- ]?[0-9]{2}(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let b = value.as_bytes();
        // Either both date dots or none: "85.0730..." is not a printed form.
        if (b.get(2) == Some(&b'.')) != (b.get(5) == Some(&b'.')) {
            return false;
        }
        let Some(d) = crate::validate::fixed_digits::<11>(value) else {
            return false;
        };
        if !valid(&d) {
            return false;
        }
        let dotted_or_dashed = value.bytes().any(|x| x == b'.' || x == b'-');
        let spaced = value.bytes().any(|x| x == b' ');
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = match (context, dotted_or_dashed, spaced) {
            (true, _, _) | (false, true, _) => 0.9,
            (false, false, true) => 0.8,
            (false, false, false) => 0.45,
        };
        out.push(Span::new(c.start, c.end, BE_NATIONAL_NUMBER, score, ID));
        score >= ACCEPT
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(BeNationalNumber::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|r| r.0)
            .collect()
    }

    fn score(text: &str) -> Option<f32> {
        run(text).first().map(|r| r.2)
    }

    // 85073003328 is the specimen of the Belgian documentation; the others are
    // generated (00012556777: born in 2000, key computed on 2000012556).
    #[test]
    fn finds_printed_forms_in_english_and_french() {
        assert_eq!(
            found("Numéro de registre national : 85.07.30-033.28."),
            vec!["85.07.30-033.28"]
        );
        assert_eq!(
            found("national number 85073003328 on the card"),
            vec!["85073003328"]
        );
        assert_eq!(found("NISS 850730 033 28"), vec!["850730 033 28"]);
        assert_eq!(
            found("son numéro 85.07.30-033.28 figure sur la carte"),
            vec!["85.07.30-033.28"]
        );
        assert_eq!(
            found("born in 2000: 00.01.25-567.77"),
            vec!["00.01.25-567.77"]
        );
        assert_eq!(run("INSZ: 85073003328")[0].1, "be-national-number");
    }

    #[test]
    fn scores_follow_format_and_context() {
        assert_eq!(score("ref 85.07.30-033.28"), Some(0.9));
        assert_eq!(score("ref 850730 033 28"), Some(0.8));
        assert_eq!(score("ref 85073003328"), Some(0.45));
        assert_eq!(score("rijksregisternummer: 85073003328"), Some(0.9));
        assert_eq!(score("le numéro national est le 85073003328"), Some(0.9));
    }

    #[test]
    fn bis_numbers_and_unknown_dates_are_accepted() {
        // Generated: month +40 (BIS), and month/day 00 (unknown birth date).
        let bis = "85473003317";
        assert!(valid(&crate::validate::fixed_digits::<11>(bis).unwrap()));
        assert_eq!(found(&format!("numéro BIS {bis}")), vec![bis]);
        let unknown = "85000003306";
        assert!(valid(
            &crate::validate::fixed_digits::<11>(unknown).unwrap()
        ));
    }

    #[test]
    fn wrong_keys_dates_and_lengths_do_not_fire() {
        assert!(run("registre national 85.07.30-033.29").is_empty());
        assert!(run("registre national 85073003327").is_empty());
        // Month 13, day 32 (keys recomputed so only the date is wrong).
        assert!(run("registre national 85133003370").is_empty());
        assert!(run("registre national 85073203365").is_empty());
        assert!(run("registre national 8507300332").is_empty());
        assert!(run("registre national 850730033280").is_empty());
        assert!(run("registre national 85.0730-033.28").is_empty());
    }

    #[test]
    fn glued_candidates_do_not_fire() {
        assert!(run("X85073003328").is_empty());
        assert!(run("85073003328B").is_empty());
        assert!(run("185073003328").is_empty());
        assert!(run("1-85073003328").is_empty());
        assert!(run("85073003328.5").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        for t in [
            "total 12345678901 EUR",
            "order 20240115001",
            "call 32470123456",
            "price 1.234.567,89",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
