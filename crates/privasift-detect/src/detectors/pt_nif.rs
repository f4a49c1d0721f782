//! Portuguese tax numbers (`pt-nif@1`).
//!
//! The NIF (número de identificação fiscal, "número de contribuinte") is given
//! to every taxpayer in Portugal and printed on the citizen card: for a
//! natural person it identifies one person directly (GDPR Art. 4(1), Art. 87
//! national identifiers). Nine digits, printed `123456789` or `123 456 789`;
//! the first digit is 1, 2 or 3 for residents, `45` starts non-residents'
//! numbers, and 5, 6, 8 and 9 start those of companies, public bodies, sole
//! traders and others.
//!
//! Validation (Autoridade Tributária, Decreto-Lei 463/79): the ninth digit is
//! `11 - (Σ dᵢ·(9-i) mod 11)` over the first eight digits, 10 and 11 giving 0.
//! The check is about 1 chance in 11 and the number a bare digit run: without
//! a context word it scores below the default threshold and leaves the
//! candidate to the other detectors too (Dutch BSN, US SSN, phones).

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{DigitId, Keywords};

pub const PT_NIF: Kind = Kind::new("pt-nif", Label::NationalId);
const ID: &str = "pt-nif@1";

const CONTEXT: &[&str] = &[
    "NIF",
    "N.I.F.",
    "NIPC",
    "contribuinte",
    "nº de contribuinte",
    "número de contribuinte",
    "numero de contribuinte",
    "número de identificação fiscal",
    "numero de identificacao fiscal",
    "número fiscal",
    "tax number",
    "taxpayer number",
    "Portuguese tax",
    "numéro fiscal portugais",
    "numéro d'identification fiscale",
    "numéro d’identification fiscale",
    "numéro de contribuable",
];

pub struct PtNif {
    context: Keywords,
}

impl PtNif {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

fn valid(d: &[u8; 9]) -> bool {
    let prefix_ok = matches!(d[0], 1 | 2 | 3 | 5 | 6 | 8 | 9) || (d[0] == 4 && d[1] == 5);
    if !prefix_ok {
        return false;
    }
    let sum: u32 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| u32::from(x) * w)
        .sum();
    let check = match 11 - sum % 11 {
        10 | 11 => 0,
        c => c,
    };
    check == u32::from(d[8])
}

impl Detector for PtNif {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PT_NIF]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"(?-u:\b)[0-9]{3}(?:[0-9]{6}|[ ][0-9]{3}[ ][0-9]{3})(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        DigitId::<9> {
            kind: PT_NIF,
            id: ID,
            valid,
            context: &self.context,
            scores: (0.4, 0.9),
        }
        .confirm(text, c, out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(PtNif::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|r| r.0)
            .collect()
    }

    // Generated numbers: 123456789 and 999999990 are the usual test NIFs,
    // 232013969 and 451234561 are computed with the published rule.
    #[test]
    fn finds_nif_with_context_in_english_french_and_portuguese() {
        assert_eq!(found("NIF: 123456789."), vec!["123456789"]);
        assert_eq!(
            found("Número de contribuinte 232 013 969"),
            vec!["232 013 969"]
        );
        assert_eq!(
            found("his Portuguese tax number is 232013969"),
            vec!["232013969"]
        );
        assert_eq!(
            found("numéro fiscal portugais : 451234561"),
            vec!["451234561"]
        );
        assert_eq!(found("contribuinte n.º 999999990"), vec!["999999990"]);
        assert_eq!(run("NIF 123456789")[0].1, "pt-nif");
    }

    #[test]
    fn valid_number_without_context_scores_low() {
        let r = run("ref 123456789 ok");
        assert_eq!(r.len(), 1);
        assert!(r[0].2 < 0.5);
    }

    #[test]
    fn wrong_check_digit_prefix_or_length_do_not_fire() {
        assert!(run("NIF 123456780").is_empty());
        assert!(run("NIF 232 013 968").is_empty());
        // Prefixes 0, 4 (other than 45) and 7 are not in the accepted set.
        assert!(run("NIF 012345679").is_empty());
        assert!(run("NIF 412345676").is_empty());
        assert!(run("NIF 712345671").is_empty());
        assert!(run("NIF 12345678").is_empty());
        assert!(run("NIF 1234567890").is_empty());
        assert!(run("NIF 232 013 9690").is_empty());
        assert!(run("NIF 232 0139 69").is_empty());
    }

    #[test]
    fn glued_candidates_do_not_fire() {
        assert!(run("NIF PT123456789").is_empty());
        assert!(run("NIF 123456789b").is_empty());
        assert!(run("NIF 1.123456789").is_empty());
        assert!(run("NIF 123456789,50").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        for t in [
            "prix 123 456 789 €",
            "order 987654321",
            "tel 912345678",
            "population 100000002",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
