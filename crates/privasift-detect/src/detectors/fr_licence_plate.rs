//! French vehicle registration plates (`fr-licence-plate@1`).
//!
//! A registration number leads, through the vehicle register (SIV), to the
//! vehicle's keeper: the CNIL treats it as personal data. Two formats:
//! - SIV, since 2009: `AB-123-CD`, two letters, three digits, two letters,
//!   joined by dashes (as on the plate), spaces or nothing. Letters `I`, `O`
//!   and `U` are never issued; `SS` is excluded from both letter blocks, and
//!   `WW` is used only in the left block (temporary registrations), so a `WW`
//!   right block is rejected; the digit block `000` is not issued. Scores:
//!   dashes 0.85, spaces 0.7, compact 0.5, any form 0.95 after a context
//!   word;
//! - FNI, before 2009 and still on older vehicles: `1234 AB 75`, one to four
//!   digits, one to three letters (`I` and `O` are not used, being read as
//!   digits), and the department (`01`-`95`, `2A`, `2B`, `971`-`976`),
//!   separated by spaces or dashes. Scores 0.5, 0.9 after a context word;
//!   single-letter series (only the oldest plates) and series that read as
//!   words next to numbers (`AM`, `PM`, `EUR`, `KG`: "10 AM 12") need a
//!   context word.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const FR_LICENCE_PLATE: Kind = Kind::new("fr-licence-plate", Label::LicencePlate);
const ID: &str = "fr-licence-plate@1";

const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "immatriculation",
    "immatriculé",
    "immatriculée",
    "immatricule",
    "immatriculee",
    "plaque",
    "plaques",
    "véhicule",
    "vehicule",
    "véhicules",
    "VÉHICULE",
    "voiture",
    "carte grise",
    "SIV",
    "licence plate",
    "license plate",
    "number plate",
    "registration",
    "plate",
    "vehicle",
    "car",
];

const SIV: usize = 0;
const FNI: usize = 1;

pub struct FrLicencePlate {
    context: Keywords,
}

impl FrLicencePlate {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
        })
    }
}

/// Letter blocks that read as ordinary words next to numbers ("10 AM 12",
/// "234 EUR 12"): as FNI series they need a context word.
const FNI_STOP_SERIES: &[&[u8]] = &[
    b"AM", b"PM", b"EUR", b"USD", b"GBP", b"CHF", b"CAD", b"JPY", b"TTC", b"HT", b"KG", b"KM",
    b"MB", b"GB", b"KB", b"TB", b"MHZ", b"GHZ", b"BC", b"AD",
];

/// The SIV letter and digit blocks are ones the register issues.
fn siv_issued(value: &[u8]) -> bool {
    let (Some(left), Some(right)) = (value.get(..2), value.get(value.len().saturating_sub(2)..))
    else {
        return false;
    };
    let zero_block = value
        .iter()
        .filter(|b| b.is_ascii_digit())
        .all(|&b| b == b'0');
    left != b"SS" && right != b"SS" && right != b"WW" && !zero_block
}

/// The score of an SIV plate without context, by its separators.
fn siv_score(value: &[u8]) -> f32 {
    match value.get(2) {
        Some(b'-') => 0.85,
        Some(b'0'..=b'9') => 0.5,
        _ => 0.7,
    }
}

/// The series of an FNI plate needs context: one letter, or a stop word.
fn fni_needs_context(value: &[u8]) -> bool {
    // Separators are a space, a dash or a no-break space (0xC2 0xA0).
    let series = value
        .split(|b| matches!(b, b' ' | b'-' | 0xC2 | 0xA0))
        .filter(|part| !part.is_empty())
        .nth(1)
        .unwrap_or(&[]);
    series.len() < 2 || FNI_STOP_SERIES.contains(&series)
}

impl Detector for FrLicencePlate {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_LICENCE_PLATE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(concat!(
                r"(?-u:\b)[A-HJ-NP-TV-Z]{2}(?:-[0-9]{3}-|[ \x{A0}][0-9]{3}[ \x{A0}]|[0-9]{3})",
                r"[A-HJ-NP-TV-Z]{2}(?-u:\b)",
            )),
            Pattern::new(concat!(
                r"(?-u:\b)[0-9]{1,4}[ \x{A0}-][A-HJ-NP-Z]{1,3}[ \x{A0}-]",
                r"(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])(?-u:\b)",
            )),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let value = value.as_bytes();
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = match c.pattern {
            SIV if !siv_issued(value) => return false,
            SIV if context => 0.95,
            SIV => siv_score(value),
            FNI if context => 0.9,
            FNI if fni_needs_context(value) => return false,
            FNI => 0.5,
            _ => return false,
        };
        out.push(Span::new(c.start, c.end, FR_LICENCE_PLATE, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(FrLicencePlate::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text).into_iter().map(|(s, _, _)| s).collect()
    }

    #[test]
    fn finds_siv_plates_with_each_separator() {
        assert_eq!(
            run("Véhicule immatriculé AB-123-CD."),
            vec![("AB-123-CD".to_owned(), "fr-licence-plate", 0.95)]
        );
        assert_eq!(
            run("vu une Clio GH-456-JK hier"),
            vec![("GH-456-JK".to_owned(), "fr-licence-plate", 0.85)]
        );
        assert_eq!(
            run("réf GH 456 JK"),
            vec![("GH 456 JK".to_owned(), "fr-licence-plate", 0.7)]
        );
        assert_eq!(
            run("code GH456JK"),
            vec![("GH456JK".to_owned(), "fr-licence-plate", 0.5)]
        );
        assert_eq!(
            run("the car's number plate is EF 789 GH"),
            vec![("EF 789 GH".to_owned(), "fr-licence-plate", 0.95)]
        );
        // WW on the left: a temporary registration.
        assert_eq!(found("WW-123-AB"), vec!["WW-123-AB"]);
    }

    #[test]
    fn finds_fni_plates() {
        assert_eq!(
            run("ancienne plaque 1234 AB 75"),
            vec![("1234 AB 75".to_owned(), "fr-licence-plate", 0.9)]
        );
        assert_eq!(
            run("une 2CV 567 BCD 2A garée"),
            vec![("567 BCD 2A".to_owned(), "fr-licence-plate", 0.5)]
        );
        assert_eq!(found("garée 98-XY-974"), vec!["98-XY-974"]);
        assert_eq!(found("immatriculation : 12 A 33"), vec!["12 A 33"]);
    }

    #[test]
    fn letters_i_o_u_and_reserved_blocks_do_not_fire() {
        assert!(found("AO-123-BC").is_empty());
        assert!(found("AB-123-CI").is_empty());
        assert!(found("UB-123-CD").is_empty());
        assert!(found("1234 OB 75").is_empty());
        assert!(found("1234 AI 75").is_empty());
        assert!(found("SS-123-AB").is_empty());
        assert!(found("AB-123-SS").is_empty());
        assert!(found("AB-123-WW").is_empty());
        assert!(found("AB-000-CD").is_empty());
    }

    #[test]
    fn near_misses_do_not_match() {
        // Mixed or doubled separators, wrong lengths, lowercase, glued.
        assert!(found("AB-123 CD").is_empty());
        assert!(found("AB--123-CD").is_empty());
        assert!(found("AB-1234-CD").is_empty());
        assert!(found("ABC-123-DE").is_empty());
        assert!(found("ab-123-cd").is_empty());
        assert!(found("XAB123CD").is_empty());
        assert!(found("AB-123-CD-4").is_empty());
        // FNI: department 96 or 00, five digits.
        assert!(found("1234 AB 96").is_empty());
        assert!(found("1234 AB 00").is_empty());
        assert!(found("12345 AB 75").is_empty());
    }

    #[test]
    fn ordinary_text_does_not_fire() {
        assert!(
            found("Rendez-vous à 10 AM 12 personnes, 3 X 12 = 36, ISO 9001 et RFC 2616.")
                .is_empty()
        );
        assert!(found("Le 12 mai 2024, 1 234 EUR TTC, tél. 01 23 45 67 89.").is_empty());
        assert!(found("Prix : 234 EUR 12 mois, 5 KG 20 pièces").is_empty());
    }
}
