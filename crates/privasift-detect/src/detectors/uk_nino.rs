//! UK National Insurance numbers (`uk-nino@1`).
//!
//! The National Insurance number is given to every UK resident who works or
//! claims benefits and is kept for life: it identifies one person directly
//! (GDPR/UK GDPR Art. 4(1), Art. 87 national identifiers). Two prefix
//! letters, six digits and a suffix letter A-D, printed `AB 12 34 56 C`,
//! `AB 123456 C` or `AB123456C`.
//!
//! There is no check digit. Validation follows HMRC's National Insurance
//! Manual (NIM39110): the first letter is not D, F, I, Q, U or V, the second
//! not D, F, I, O, Q, U or V, and the prefixes BG, GB, KN, NK, NT, TN and ZZ
//! are not allocated (so the official example `QQ 12 34 56 C` itself is
//! rejected); the grouping is either spaced throughout or compact. The suffix
//! is sometimes left out in print: such a number is only taken after a
//! context word. Letters may be written in either case.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const UK_NINO: Kind = Kind::new("uk-nino", Label::NationalId);
const ID: &str = "uk-nino@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;

const UNALLOCATED_PREFIXES: &[&[u8; 2]] = &[b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];

const CONTEXT: &[&str] = &[
    "national insurance",
    "national insurance number",
    "national insurance no",
    "NI number",
    "NI no",
    "NI #",
    "NINO",
    "NI-number",
    "NIN",
    "assurance nationale",
    "numéro d'assurance nationale",
    "numéro d’assurance nationale",
    "numéro national d'assurance",
    "numéro national d’assurance",
    "numéro de sécurité sociale britannique",
    "sécurité sociale britannique",
];

pub struct UkNino {
    context: Keywords,
}

impl UkNino {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Whether the candidate has a valid prefix and consistent spacing; returns
/// whether it carries a suffix letter.
fn check(value: &str) -> Option<bool> {
    let b = value.as_bytes();
    let prefix = [
        b.first()?.to_ascii_uppercase(),
        b.get(1)?.to_ascii_uppercase(),
    ];
    if matches!(prefix[0], b'D' | b'F' | b'I' | b'Q' | b'U' | b'V')
        || matches!(prefix[1], b'D' | b'F' | b'I' | b'O' | b'Q' | b'U' | b'V')
        || UNALLOCATED_PREFIXES.contains(&&prefix)
    {
        return None;
    }
    // Spaces either around every group ("AB 12 34 56 C"), around the
    // six-digit block ("AB 123456 C"), or nowhere.
    let mut spaces = [0usize; 4];
    let mut n = 0;
    for (i, _) in b.iter().enumerate().filter(|(_, x)| **x == b' ') {
        *spaces.get_mut(n)? = i;
        n += 1;
    }
    let suffix = b.last().is_some_and(u8::is_ascii_alphabetic);
    let consistent = matches!(
        (spaces.get(..n)?, suffix),
        ([], _) | ([2, 5, 8] | [2], false) | ([2, 5, 8, 11] | [2, 9], true)
    );
    // "ab 12 34 56 b" reads as words and numbers: spaced forms are capitals.
    let spaced_lowercase = n > 0 && b.iter().any(u8::is_ascii_lowercase);
    (consistent && !spaced_lowercase).then_some(suffix)
}

impl Detector for UkNino {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[UK_NINO]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"(?-u:\b)[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}(?:[ ]?[A-Da-d])?(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let Some(suffix) = check(value) else {
            return false;
        };
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = match (suffix, context) {
            (true, true) => 0.95,
            (true, false) => 0.8,
            (false, true) => 0.7,
            (false, false) => return false,
        };
        out.push(Span::new(c.start, c.end, UK_NINO, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(UkNino::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text).into_iter().map(|r| r.0).collect()
    }

    fn score(text: &str) -> Option<f32> {
        run(text).first().map(|r| r.2)
    }

    // Made-up numbers with allocated-looking prefixes.
    #[test]
    fn finds_ninos_in_english_and_french() {
        assert_eq!(
            found("National Insurance number: AB 12 34 56 C."),
            vec!["AB 12 34 56 C"]
        );
        assert_eq!(found("her NINO is JG103759A"), vec!["JG103759A"]);
        assert_eq!(found("ref AB 123456 C attached"), vec!["AB 123456 C"]);
        assert_eq!(
            found("son numéro d'assurance nationale (AB 12 34 56 C) figure"),
            vec!["AB 12 34 56 C"]
        );
        assert_eq!(found("nino: ab123456c"), vec!["ab123456c"]);
        assert_eq!(run("NINO AB123456C")[0].1, "uk-nino");
    }

    #[test]
    fn scores_follow_suffix_and_context() {
        assert_eq!(score("ref AB123456C"), Some(0.8));
        assert_eq!(score("NI number AB123456C"), Some(0.95));
        assert_eq!(score("NI number AB 12 34 56"), Some(0.7));
        assert_eq!(found("ref AB 12 34 56 and more"), Vec::<String>::new());
        assert_eq!(found("ref AB123456"), Vec::<String>::new());
    }

    #[test]
    fn invalid_prefixes_and_suffixes_do_not_fire() {
        for t in [
            "NINO QQ 12 34 56 C",
            "NINO DA123456C",
            "NINO AO123456C",
            "NINO GB123456C",
            "NINO ZZ123456A",
            "NINO TN123456B",
            "NINO AB123456E",
        ] {
            assert!(run(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn wrong_length_spacing_and_glued_do_not_fire() {
        assert!(run("NINO AB12345C").is_empty());
        assert!(run("NINO AB1234567C").is_empty());
        assert!(run("NINO AB 1234 56 C").is_empty());
        assert!(run("NINO AB12 34 56C").is_empty());
        assert!(run("NINO XAB123456C").is_empty());
        assert!(run("NINO AB123456CD").is_empty());
        assert!(run("NINO AB123456C7").is_empty());
        assert!(run("NINO 9AB123456C").is_empty());
    }

    #[test]
    fn ordinary_text_does_not_fire() {
        for t in [
            "flight BA 12 34 56 at noon",
            "model XT1234567",
            "SKU AB123456",
            "page AB 12 34 56 b",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
