//! French tax identification numbers: "numéro fiscal", NIF or SPI
//! (`fr-tax-id@1`).
//!
//! The French tax administration gives every taxpayer a 13-digit number for
//! life; it appears on every tax notice and on `impots.gouv.fr` and identifies
//! one person (GDPR Art. 4(1)). It starts with `0`-`3`, is printed compact or in groups
//! (`30 23 217 600 053`, `3 02 32 176 000 53`), and its last three digits are
//! the first ten read as a number, modulo 511 (the algorithm published with
//! the EU TIN service and implemented by python-stdnum `fr.nif`).
//!
//! A 13-digit run passes that check one time in 511, and 13-digit order or
//! invoice numbers are common: a valid number scores 0.45 alone (below the
//! default threshold; it does not claim the digits, so other detectors still
//! get their turn) and 0.95 next to a context word. A wrong check never fires.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const FR_TAX_ID: Kind = Kind::new("fr-tax-id", Label::NationalId);
const ID: &str = "fr-tax-id@1";

const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "numéro fiscal",
    "numero fiscal",
    "NUMÉRO FISCAL",
    "n° fiscal",
    "no fiscal",
    "identifiant fiscal",
    "référence fiscale",
    "reference fiscale",
    "numéro d'identification fiscale",
    "NIF",
    "SPI",
    "impots.gouv",
    "impots.gouv.fr",
    "impôts",
    "impots",
    "IMPÔTS",
    "avis d'imposition",
    "avis d’imposition",
    "déclaration de revenus",
    "tax number",
    "tax id",
    "tax identification",
    "TIN",
];

pub struct FrTaxId {
    context: Keywords,
}

impl FrTaxId {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
        })
    }
}

/// The 13 digits of a candidate pass the mod-511 check.
fn valid(value: &str) -> bool {
    let mut digits = [0u64; 13];
    let mut n = 0;
    for b in value.bytes().filter(u8::is_ascii_digit) {
        let Some(slot) = digits.get_mut(n) else {
            return false;
        };
        *slot = u64::from(b - b'0');
        n += 1;
    }
    if n != 13 || digits[0] > 3 {
        return false;
    }
    let head = digits[..10].iter().fold(0u64, |acc, &d| acc * 10 + d);
    let check = digits[10..].iter().fold(0u64, |acc, &d| acc * 10 + d);
    head % 511 == check
}

impl Detector for FrTaxId {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_TAX_ID]
    }

    fn patterns(&self) -> Vec<Pattern> {
        // Compact, the tax administration's "2 2 3 3 3" grouping, or "1 2 2 3 3 2".
        vec![Pattern::new(concat!(
            r"(?-u:\b)[0-3](?:[0-9]{12}",
            r"|[0-9][ \x{A0}][0-9]{2}[ \x{A0}][0-9]{3}[ \x{A0}][0-9]{3}[ \x{A0}][0-9]{3}",
            r"|[ \x{A0}][0-9]{2}[ \x{A0}][0-9]{2}[ \x{A0}][0-9]{3}[ \x{A0}][0-9]{3}[ \x{A0}][0-9]{2})(?-u:\b)",
        ))]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) || !valid(value) {
            return false;
        }
        if self.context.before(text, c.start, CONTEXT_WINDOW) {
            out.push(Span::new(c.start, c.end, FR_TAX_ID, 0.95, ID));
            true
        } else {
            // A weak guess: reported below the default threshold, and the
            // candidate is left to other detectors.
            out.push(Span::new(c.start, c.end, FR_TAX_ID, 0.45, ID));
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
        run_one(Box::new(FrTaxId::new().unwrap()), text)
    }

    fn fired(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_tax_numbers_next_to_context_words() {
        assert_eq!(
            fired("Numéro fiscal : 30 23 217 600 053"),
            vec!["30 23 217 600 053"]
        );
        assert_eq!(
            fired("votre avis d'imposition (SPI 3023217600053)"),
            vec!["3023217600053"]
        );
        assert_eq!(
            fired("Tax ID: 1 23 45 678 900 66."),
            vec!["1 23 45 678 900 66"]
        );
        assert_eq!(fired("NIF 0987654321164"), vec!["0987654321164"]);
        assert_eq!(run("n° fiscal 2345678901342")[0].2, 0.95);
    }

    #[test]
    fn valid_numbers_without_context_stay_below_threshold() {
        assert_eq!(
            run("commande 3023217600053 expédiée"),
            vec![("3023217600053".to_owned(), "fr-tax-id", 0.45)]
        );
        assert!(fired("order number 3023217600053").is_empty());
    }

    #[test]
    fn wrong_checks_never_fire() {
        assert!(run("numéro fiscal : 3023217600054").is_empty());
        assert!(run("NIF 30 23 217 600 052").is_empty());
        // First digit 4-9 is not a tax number, even with a matching check.
        assert!(run("numéro fiscal 4000000000 000").is_empty());
        assert!(run("numéro fiscal 4000000000000").is_empty());
    }

    #[test]
    fn wrong_lengths_and_glued_digits_do_not_fire() {
        assert!(run("numéro fiscal 302321760005").is_empty());
        assert!(run("numéro fiscal 30232176000531").is_empty());
        assert!(run("numéro fiscal 13023217600053").is_empty());
        assert!(run("numéro fiscal X3023217600053").is_empty());
        assert!(run("numéro fiscal 1.3023217600053").is_empty());
    }

    #[test]
    fn ordinary_numbers_do_not_fire() {
        assert!(fired("ISBN 9782070360024, EAN 3017620422003, tél 01 23 45 67 89").is_empty());
        assert!(fired("Order #1234567890123 shipped on 2024-05-03 for 1 299,00 EUR").is_empty());
    }
}
