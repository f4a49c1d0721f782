//! Dutch citizen service numbers (`nl-bsn@1`).
//!
//! The burgerservicenummer (BSN, formerly sofinummer) is given to every person
//! registered in the Netherlands and used across government, health care and
//! employment: it identifies one person directly, and its processing is
//! restricted by the Wet algemene bepalingen burgerservicenummer (GDPR
//! Art. 87 national identifiers). Nine digits, printed `123456782` or
//! `1234.56.782` (older numbers may lose their leading zero and show eight).
//!
//! Validation, the "elfproef" of the Wet algemene bepalingen BSN:
//! `9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11)`, and not all zeros. The check
//! is 1 chance in 11 and the number a bare digit run: without a context word
//! a nine-digit number scores below the default threshold and leaves the
//! candidate to the other detectors too; the dotted `4.2.3` print, specific to
//! the BSN, scores in between; an eight-digit number is only taken with a
//! context word.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const NL_BSN: Kind = Kind::new("nl-bsn", Label::NationalId);
const ID: &str = "nl-bsn@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;
/// Scores from here on are sure enough to keep the candidate for ourselves;
/// below, the span is still reported but other detectors get their turn.
const ACCEPT: f32 = 0.5;

const CONTEXT: &[&str] = &[
    "BSN",
    "BSN-nummer",
    "burgerservicenummer",
    "burger service nummer",
    "sofinummer",
    "sofi-nummer",
    "sofi nummer",
    "citizen service number",
    "Dutch social security number",
    "numéro BSN",
    "numéro de service citoyen",
    "numéro de sécurité sociale néerlandais",
];

pub struct NlBsn {
    context: Keywords,
}

impl NlBsn {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// The digits of an eight- or nine-digit candidate, left-padded with a zero
/// to nine.
fn nine_digits(s: &str) -> Option<[u8; 9]> {
    let mut d = [0u8; 9];
    let mut n = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        *d.get_mut(n)? = b - b'0';
        n += 1;
    }
    match n {
        9 => Some(d),
        8 => {
            d.copy_within(0..8, 1);
            d[0] = 0;
            Some(d)
        }
        _ => None,
    }
}

fn elfproef(d: &[u8; 9]) -> bool {
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i32 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| i32::from(x) * w)
        .sum();
    (sum - i32::from(d[8])).rem_euclid(11) == 0
}

impl Detector for NlBsn {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[NL_BSN]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"(?-u:\b)(?:[0-9]{8,9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3})(?-u:\b)",
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
        if !elfproef(&d) {
            return false;
        }
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = match (context, value.len()) {
            (true, _) => 0.9,
            (false, 8) => return false,
            (false, 11) => 0.6,
            (false, _) => 0.4,
        };
        out.push(Span::new(c.start, c.end, NL_BSN, score, ID));
        score >= ACCEPT
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(NlBsn::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|r| r.0)
            .collect()
    }

    // Generated numbers: 123456782 and 111222333 are the usual test BSNs
    // (they pass the elfproef), 012345672 is computed.
    #[test]
    fn finds_bsn_with_context_in_english_french_and_dutch() {
        assert_eq!(found("BSN: 123456782."), vec!["123456782"]);
        assert_eq!(
            found("Uw burgerservicenummer is 1112.22.333"),
            vec!["1112.22.333"]
        );
        assert_eq!(
            found("his citizen service number 111222333 was leaked"),
            vec!["111222333"]
        );
        assert_eq!(found("son numéro BSN : 012345672"), vec!["012345672"]);
        assert_eq!(found("sofinummer 12345672"), vec!["12345672"]);
        assert_eq!(run("BSN 123456782")[0].1, "nl-bsn");
    }

    #[test]
    fn scores_without_context() {
        let bare = run("ref 123456782 ok");
        assert_eq!(bare.len(), 1);
        assert!(bare[0].2 < 0.5);
        assert_eq!(run("ref 1234.56.782").first().map(|r| r.2), Some(0.6));
        // Eight digits only with a context word.
        assert!(run("ref 12345672").is_empty());
    }

    #[test]
    fn wrong_check_digit_zeros_or_length_do_not_fire() {
        assert!(run("BSN 123456783").is_empty());
        assert!(run("BSN 1234.56.783").is_empty());
        assert!(run("BSN 000000000").is_empty());
        assert!(run("BSN 1234567").is_empty());
        assert!(run("BSN 1234567820").is_empty());
    }

    #[test]
    fn glued_candidates_do_not_fire() {
        assert!(run("BSN NL123456782").is_empty());
        assert!(run("BSN 123456782x").is_empty());
        assert!(run("BSN 7.123456782").is_empty());
        assert!(run("BSN 123456782-4").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        for t in [
            "date 20240115",
            "order 987654321",
            "tel 0612345678",
            "amount 100000002",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
