//! US Social Security numbers (`us-ssn@1`).
//!
//! The SSN is given by the Social Security Administration to every US citizen
//! and many residents, and is used as a national identifier by employers,
//! banks and health insurers: it identifies one person directly and its
//! disclosure enables identity theft (GDPR Art. 4(1), Art. 87 national
//! identifiers). `AAA-GG-SSSS`, printed `123-45-6789`, `123 45 6789` or as
//! nine bare digits.
//!
//! There is no check digit. Validation follows the SSA's rules on issued
//! numbers (Program Operations Manual RM 10201.035, randomisation of 2011):
//! the area is not 000, 666 nor 900-999, the group not 00 and the serial not
//! 0000. Numbers the SSA voided after they were printed in advertising
//! (078-05-1120, 219-09-9999) and the textbook `123-45-6789` score low. The
//! dashed form scores 0.7, the spaced one 0.6, nine bare digits 0.35 (below
//! the default threshold: the candidate is then also left to the other
//! nine-digit detectors); a context word ("SSN", "social security") raises
//! all to 0.95.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const US_SSN: Kind = Kind::new("us-ssn", Label::NationalId);
const ID: &str = "us-ssn@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;
/// Scores from here on are sure enough to keep the candidate for ourselves;
/// below, the span is still reported but other detectors get their turn.
const ACCEPT: f32 = 0.5;
/// Score of numbers known to be specimens, voided or fake.
const KNOWN_FAKE: f32 = 0.2;

/// Voided advertising numbers and the textbook example, as `AAAGGSSSS`.
const KNOWN_FAKES: &[&[u8; 9]] = &[b"078051120", b"219099999", b"123456789"];

const CONTEXT: &[&str] = &[
    "SSN",
    "SSNs",
    "SS#",
    "SS #",
    "SS no",
    "social security",
    "social security number",
    "social security no",
    "social sec",
    "soc sec",
    "taxpayer identification",
    "sécurité sociale américaine",
    "securite sociale americaine",
    "numéro de sécurité sociale américain",
    "numéro de sécurité sociale (SSN)",
    "numéro SSN",
];

pub struct UsSsn {
    context: Keywords,
}

impl UsSsn {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// The nine digits, if the candidate has exactly nine.
fn nine_digits(s: &str) -> Option<[u8; 9]> {
    let mut d = [0u8; 9];
    let mut n = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        *d.get_mut(n)? = b;
        n += 1;
    }
    (n == 9).then_some(d)
}

/// Whether the area, group and serial can have been issued.
fn issuable(d: &[u8; 9]) -> bool {
    let area = &d[0..3];
    let group = &d[3..5];
    let serial = &d[5..9];
    area != b"000" && area != b"666" && area[0] != b'9' && group != b"00" && serial != b"0000"
}

impl Detector for UsSsn {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[US_SSN]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"(?-u:\b)[0-9]{3}(?:-[0-9]{2}-|[ ][0-9]{2}[ ]|[0-9]{2})[0-9]{4}(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let Some(d) = nine_digits(value) else {
            return false;
        };
        if !issuable(&d) {
            return false;
        }
        let score = if KNOWN_FAKES.contains(&&d) {
            KNOWN_FAKE
        } else if self.context.before(text, c.start, CONTEXT_WINDOW) {
            0.95
        } else {
            match value.as_bytes().get(3) {
                Some(b'-') => 0.7,
                Some(b' ') => 0.6,
                _ => 0.35,
            }
        };
        out.push(Span::new(c.start, c.end, US_SSN, score, ID));
        score >= ACCEPT
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(UsSsn::new().unwrap()), text)
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

    // Made-up numbers in the issuable ranges.
    #[test]
    fn finds_ssns_in_english_and_french() {
        assert_eq!(found("SSN: 512-34-7788."), vec!["512-34-7788"]);
        assert_eq!(
            found("his social security number is 512 34 7788"),
            vec!["512 34 7788"]
        );
        assert_eq!(
            found("Social Security No. 512347788 on file"),
            vec!["512347788"]
        );
        assert_eq!(
            found("son numéro de sécurité sociale américain : 512-34-7788"),
            vec!["512-34-7788"]
        );
        assert_eq!(
            found("l'employé (SS# 701-22-3456) a signé"),
            vec!["701-22-3456"]
        );
        assert_eq!(run("SSN 512-34-7788")[0].1, "us-ssn");
    }

    #[test]
    fn scores_follow_format_and_context() {
        assert_eq!(score("ref 512-34-7788"), Some(0.7));
        assert_eq!(score("ref 512 34 7788"), Some(0.6));
        assert_eq!(score("ref 512347788"), Some(0.35));
        assert_eq!(score("SSN 512347788"), Some(0.95));
    }

    #[test]
    fn known_fakes_score_low() {
        for t in [
            "SSN 078-05-1120",
            "social security 219-09-9999",
            "SSN: 123-45-6789",
        ] {
            assert_eq!(score(t), Some(KNOWN_FAKE), "{t}");
        }
    }

    #[test]
    fn numbers_never_issued_do_not_fire() {
        for t in [
            "SSN 000-12-3456",
            "SSN 666-12-3456",
            "SSN 912-34-5678",
            "SSN 512-00-7788",
            "SSN 512-34-0000",
        ] {
            assert!(run(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn wrong_length_mixed_separators_and_glued_do_not_fire() {
        assert!(run("SSN 512-34-778").is_empty());
        assert!(run("SSN 512-34-77889").is_empty());
        assert!(run("SSN 5123-4-7788").is_empty());
        assert!(run("SSN 512-34 7788").is_empty());
        assert!(run("SSN A512-34-7788").is_empty());
        assert!(run("SSN 512-34-7788B").is_empty());
        assert!(run("SSN 1-512-34-7788").is_empty());
        assert!(run("SSN 512-34-7788-1").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        // US phones are 3-3-4; dates and amounts do not have the shape.
        for t in [
            "call 512-347-7881",
            "on 2024-01-15",
            "total 512347788 USD",
            "zip 78701-1234",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
