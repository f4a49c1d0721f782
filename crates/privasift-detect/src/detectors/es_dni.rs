//! Spanish DNI and NIE numbers (`es-dni@1`).
//!
//! The DNI (Documento Nacional de Identidad) number, which is also the
//! citizen's NIF, identifies one Spanish national; the NIE (Número de
//! Identidad de Extranjero) one foreign resident (GDPR Art. 4(1), Art. 87
//! national identifiers). DNI: eight digits and a control letter, printed
//! `12345678Z`, `12345678-Z` or `12.345.678-Z`. NIE: `X`, `Y` or `Z`, seven
//! digits and a control letter, printed `X1234567L` or `X-1234567-L`.
//!
//! Validation: the control letter is `TRWAGMYFPDXBNJZSQVHLCKE[n mod 23]`,
//! where for a NIE the prefix counts as 0, 1 or 2 before the seven digits
//! (Real Decreto 1553/2005, Ministerio del Interior). A wrong letter never
//! fires. A space before the letter is accepted only for capitals, so that
//! "12345678 a" (a number followed by the word "a") is not taken.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const ES_DNI: Kind = Kind::new("es-dni", Label::NationalId);
pub const ES_NIE: Kind = Kind::new("es-nie", Label::NationalId);
const ID: &str = "es-dni@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;

const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

const CONTEXT: &[&str] = &[
    "DNI",
    "D.N.I.",
    "NIE",
    "N.I.E.",
    "NIF",
    "N.I.F.",
    "documento nacional de identidad",
    "número de identidad de extranjero",
    "numero de identidad de extranjero",
    "identity",
    "identity card",
    "identity number",
    "ID card",
    "ID number",
    "pièce d'identité",
    "pièce d’identité",
    "carte d'identité",
    "carte d’identité",
    "numéro d'identité",
    "numéro d’identité",
];

pub struct EsDni {
    context: Keywords,
}

impl EsDni {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// The kind of a valid candidate, or `None` when the letter does not match.
fn check(value: &str) -> Option<Kind> {
    let b = value.as_bytes();
    let (&letter, rest) = b.split_last()?;
    let (kind, mut n) = match rest.first()?.to_ascii_uppercase() {
        b'X' => (ES_NIE, 0u32),
        b'Y' => (ES_NIE, 1),
        b'Z' => (ES_NIE, 2),
        _ => (ES_DNI, 0),
    };
    let mut count = 0;
    for &x in rest.iter().filter(|x| x.is_ascii_digit()) {
        n = n * 10 + u32::from(x - b'0');
        count += 1;
    }
    let expected_digits = if kind == ES_NIE { 7 } else { 8 };
    if count != expected_digits {
        return None;
    }
    // "12345678 a": a spaced letter must be a capital.
    if rest.contains(&b' ') && b.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    let expected = LETTERS.get((n % 23) as usize)?;
    (letter.to_ascii_uppercase() == *expected).then_some(kind)
}

impl Detector for EsDni {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[ES_DNI, ES_NIE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(
                r"(?-u:\b)(?:[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3})[\- ]?[A-Za-z](?-u:\b)",
            ),
            Pattern::new(r"(?-u:\b)[XYZxyz][\- ]?[0-9]{7}[\- ]?[A-Za-z](?-u:\b)"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let Some(kind) = check(value) else {
            return false;
        };
        let score = if self.context.before(text, c.start, CONTEXT_WINDOW) {
            1.0
        } else {
            0.9
        };
        out.push(Span::new(c.start, c.end, kind, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(EsDni::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text).into_iter().map(|r| r.0).collect()
    }

    // 12345678Z is the specimen of the Spanish DNI; X1234567L, Y1234567X and
    // Z1234567R are computed with the published rule.
    #[test]
    fn finds_dni_in_english_and_french() {
        assert_eq!(found("DNI: 12345678Z."), vec!["12345678Z"]);
        assert_eq!(
            found("her identity document 12345678-Z was scanned"),
            vec!["12345678-Z"]
        );
        assert_eq!(
            found("pièce d'identité n° 12.345.678-Z"),
            vec!["12.345.678-Z"]
        );
        assert_eq!(
            found("le numéro 12345678 Z figure au dossier"),
            vec!["12345678 Z"]
        );
        assert_eq!(found("dni 12345678z"), vec!["12345678z"]);
        assert_eq!(run("DNI 12345678Z")[0].1, "es-dni");
    }

    #[test]
    fn finds_nie_forms() {
        assert_eq!(found("NIE X1234567L"), vec!["X1234567L"]);
        assert_eq!(found("titulaire du NIE Y-1234567-X"), vec!["Y-1234567-X"]);
        assert_eq!(found("resident Z 1234567 R"), vec!["Z 1234567 R"]);
        assert_eq!(run("NIE X1234567L")[0].1, "es-nie");
    }

    #[test]
    fn context_raises_the_score() {
        let score = |t: &str| run(t).first().map(|r| r.2);
        assert_eq!(score("ref 12345678Z"), Some(0.9));
        assert_eq!(score("DNI 12345678Z"), Some(1.0));
        assert_eq!(
            score("Documento Nacional de Identidad: 12345678Z"),
            Some(1.0)
        );
    }

    #[test]
    fn wrong_letter_never_fires() {
        assert!(run("DNI 12345678A").is_empty());
        assert!(run("DNI 12.345.678-Y").is_empty());
        assert!(run("NIE X1234567M").is_empty());
        assert!(run("NIE Z1234567L").is_empty());
    }

    #[test]
    fn wrong_length_and_glued_do_not_fire() {
        assert!(run("DNI 1234567Z").is_empty());
        assert!(run("DNI 123456789Z").is_empty());
        assert!(run("NIE X12345678L").is_empty());
        assert!(run("DNI A12345678Z").is_empty());
        assert!(run("DNI 12345678ZA").is_empty());
        assert!(run("DNI 12345678Z9").is_empty());
        assert!(run("DNI 1-12345678Z").is_empty());
        assert!(run("DNI 12.345.678Z5").is_empty());
    }

    #[test]
    fn ordinary_text_does_not_fire() {
        // 12345678 % 23 is Z, 12345667 % 23 is A ("12345667 a", a word).
        assert_eq!(check("12345667A"), Some(ES_DNI));
        for t in [
            "we sold 12345667 a year ago",
            "total 12345678 EUR",
            "order 20240115 B2",
            "x 1234567 y",
        ] {
            assert!(run(t).is_empty(), "{t}");
        }
    }
}
