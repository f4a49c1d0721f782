//! German tax identification numbers (`de-tax-id@1`).
//!
//! The Steuerliche Identifikationsnummer (`IdNr`, "Steuer-ID") is given for life
//! to every person registered in Germany (§ 139b Abgabenordnung): it
//! identifies one person directly (GDPR Art. 4(1), Art. 87 national
//! identifiers). Eleven digits, printed `86 095 742 719` or `86095742719`.
//!
//! Validation, as published by the Bundeszentralamt für Steuern: the first
//! digit is not 0; in the first ten digits exactly one digit occurs twice or
//! three times and every other digit at most once, and a digit occurring three
//! times may not fill three adjacent places; the eleventh digit is the
//! ISO 7064 MOD 11,10 check digit. The check is 1 chance in 10 and the number
//! a bare digit run: without a context word it scores below the default
//! threshold and leaves the candidate to the other detectors too.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{DigitId, Keywords};
use crate::validate::iso7064_mod11_10;

pub const DE_TAX_ID: Kind = Kind::new("de-tax-id", Label::NationalId);
const ID: &str = "de-tax-id@1";

const CONTEXT: &[&str] = &[
    "Steuer-ID",
    "Steuer-IdNr",
    "Steuer-Identifikationsnummer",
    "Steueridentifikationsnummer",
    "steuerliche Identifikationsnummer",
    "Identifikationsnummer",
    "IdNr",
    "Id-Nr",
    "tax id",
    "tax ID number",
    "tax identification number",
    "TIN",
    "numéro fiscal allemand",
    "numero fiscal allemand",
    "identifiant fiscal allemand",
    "numéro d'identification fiscale",
    "numéro d’identification fiscale",
];

pub struct DeTaxId {
    context: Keywords,
}

impl DeTaxId {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// The digit-repetition rule of the first ten digits.
fn repetition_ok(body: &[u8]) -> bool {
    let mut counts = [0u8; 10];
    for &x in body {
        if let Some(c) = counts.get_mut(usize::from(x)) {
            *c += 1;
        }
    }
    let mut repeated = None;
    for (digit, &n) in counts.iter().enumerate() {
        match n {
            0 | 1 => {}
            2 | 3 if repeated.is_none() => repeated = Some((digit as u8, n)),
            _ => return false,
        }
    }
    match repeated {
        None => false,
        Some((digit, 3)) => !body.windows(3).any(|w| w.iter().all(|&x| x == digit)),
        Some(_) => true,
    }
}

fn valid(d: &[u8; 11]) -> bool {
    d[0] != 0 && repetition_ok(&d[..10]) && iso7064_mod11_10(d)
}

impl Detector for DeTaxId {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[DE_TAX_ID]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"(?-u:\b)[1-9][0-9](?:[0-9]{9}|[ ][0-9]{3}[ ][0-9]{3}[ ][0-9]{3})(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        DigitId::<11> {
            kind: DE_TAX_ID,
            id: ID,
            valid,
            context: &self.context,
            scores: (0.45, 0.9),
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
        run_one(Box::new(DeTaxId::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|r| r.0)
            .collect()
    }

    // 86095742719 is the example of the Bundeszentralamt für Steuern; the
    // others are generated with the published rules.
    #[test]
    fn finds_tax_ids_in_english_french_and_german() {
        assert_eq!(found("Steuer-ID: 86 095 742 719"), vec!["86 095 742 719"]);
        assert_eq!(
            found("Ihre Steueridentifikationsnummer lautet 86095742719."),
            vec!["86095742719"]
        );
        assert_eq!(
            found("German tax ID 12345678807 for payroll"),
            vec!["12345678807"]
        );
        assert_eq!(
            found("son numéro fiscal allemand est le 11213456783"),
            vec!["11213456783"]
        );
        assert_eq!(found("IdNr. 51234567897"), vec!["51234567897"]);
        assert_eq!(run("TIN 86095742719")[0].1, "de-tax-id");
    }

    #[test]
    fn valid_number_without_context_scores_low() {
        let r = run("ref 86095742719 ok");
        assert_eq!(r.len(), 1);
        assert!(r[0].2 < 0.5);
    }

    #[test]
    fn repetition_rule_is_applied() {
        // All ten digits distinct, three digits repeated, one digit three
        // times in a row: check digits are right, the rule is not.
        assert!(run("Steuer-ID 65321987041").is_empty());
        assert!(run("Steuer-ID 47112345670").is_empty());
        assert!(run("Steuer-ID 11123456786").is_empty());
        assert!(repetition_ok(&[1, 1, 2, 1, 3, 4, 5, 6, 7, 8]));
        assert!(!repetition_ok(&[1, 1, 2, 2, 3, 4, 5, 6, 7, 8]));
    }

    #[test]
    fn wrong_check_digit_leading_zero_or_length_do_not_fire() {
        assert!(run("Steuer-ID 86095742718").is_empty());
        assert!(run("Steuer-ID 86 095 742 718").is_empty());
        assert!(run("Steuer-ID 06095742719").is_empty());
        assert!(run("Steuer-ID 8609574271").is_empty());
        assert!(run("Steuer-ID 860957427190").is_empty());
        assert!(run("Steuer-ID 86 095 742 7190").is_empty());
    }

    #[test]
    fn glued_candidates_do_not_fire() {
        assert!(run("Steuer-ID DE86095742719").is_empty());
        assert!(run("Steuer-ID 86095742719a").is_empty());
        assert!(run("Steuer-ID 3.86095742719").is_empty());
        assert!(run("Steuer-ID 86095742719-2").is_empty());
    }

    #[test]
    fn ordinary_numbers_score_below_threshold() {
        for t in [
            "total 12345678901 EUR",
            "Tel. 49 301 234 567",
            "Bestellung 20240115001",
            "1999 bis 2024",
        ] {
            assert!(run(t).iter().all(|r| r.2 < 0.5), "{t}");
        }
    }
}
