//! International bank account numbers (`iban@1`).
//!
//! An IBAN designates one account, and so its holder. Candidates are two
//! letters, two check digits and 11 to 30 alphanumerics, in electronic form or
//! in groups of four; each is confirmed by the ISO 13616 mod-97 check and the
//! per-country BBAN format of the SWIFT registry (`iban_validate`). The
//! pattern may run into a following word ("... 189 EUR"), so the confirmation
//! tries the longest group-aligned prefix that validates.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::Keywords;

pub const IBAN: Kind = Kind::new("iban", Label::Iban);
const ID: &str = "iban@1";

pub struct Iban {
    context: Keywords,
}

impl Iban {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(&[
                "iban", "rib", "bic", "compte", "account", "virement", "transfer", "bank", "banque",
            ])?,
        })
    }
}

fn valid(candidate: &str) -> bool {
    let compact: String = candidate
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    compact.parse::<iban::Iban>().is_ok()
}

impl Detector for Iban {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[IBAN]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(
                r"(?-u:\b)[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?-u:\b)",
            ),
            Pattern::new(r"(?-u:\b)[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?-u:\b)"),
            // Typed in lower case ("my iban is gb42nawi0445..."): mod-97 and
            // the country's BBAN format still decide.
            Pattern::new(r"(?-u:\b)[a-z]{2}[0-9]{2}[a-z0-9]{11,30}(?-u:\b)"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        // Try the whole candidate, then drop trailing space-separated groups.
        let mut end = cand.len();
        loop {
            if valid(&cand[..end]) {
                let score = if self.context.before(text, c.start, 40) {
                    1.0
                } else {
                    0.97
                };
                out.push(Span::new(c.start, c.start + end, IBAN, score, ID));
                return true;
            }
            match cand[..end].rfind(' ') {
                Some(i) if i >= 15 => end = i,
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Iban::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_printed_and_electronic_ibans() {
        assert_eq!(
            found("IBAN : FR76 3000 6000 0112 3456 7890 189 EUR"),
            vec!["FR76 3000 6000 0112 3456 7890 189"]
        );
        assert_eq!(
            found("pay to DE89370400440532013000."),
            vec!["DE89370400440532013000"]
        );
        assert_eq!(
            found("GB82 WEST 1234 5698 7654 32"),
            vec!["GB82 WEST 1234 5698 7654 32"]
        );
    }

    #[test]
    fn wrong_check_digits_and_lengths_do_not_fire() {
        assert!(found("FR77 3000 6000 0112 3456 7890 189").is_empty());
        assert!(found("DE89370400440532013001").is_empty());
        assert!(found("FR76 3000 6000 0112 3456 7890 18").is_empty());
    }
}
