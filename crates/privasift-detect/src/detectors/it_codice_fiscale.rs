//! Italian tax codes (`it-codice-fiscale@1`).
//!
//! The codice fiscale of a natural person is derived from the surname, first
//! name, birth date, sex and birthplace (DPR 605/1973): it identifies one
//! person directly and reveals those attributes (GDPR Art. 4(1), Art. 87
//! national identifiers). Sixteen characters `RSSMRA85T10A562S`: three
//! letters of the surname, three of the first name, the year (two digits), the
//! month (a letter of `ABCDEHLMPRST`), the day (plus 40 for women), the
//! municipality (a letter and three digits) and a check letter.
//!
//! Validation (Decreto ministeriale 23 dicembre 1976, Agenzia delle Entrate):
//! the check letter is the sum, modulo 26, of the odd-position characters
//! through the "dispari" table and the even-position characters through the
//! "pari" table; the day must exist in the month. Codes issued to
//! homonyms (omocodia) replace digits by `LMNPQRSTUV`, starting from the
//! rightmost digit: the replaced positions must be such a suffix. Letters may
//! be written in either case. A code with all seven digits replaced (the
//! eighth issued for one name, birth date and place) is valid but not looked
//! for: matches must hold a digit, so that the pattern is tried near digits
//! only.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const IT_CODICE_FISCALE: Kind = Kind::new("it-codice-fiscale", Label::NationalId);
const ID: &str = "it-codice-fiscale@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;

const CONTEXT: &[&str] = &[
    "codice fiscale",
    "cod. fiscale",
    "cod. fisc.",
    "CF",
    "C.F.",
    "tax code",
    "fiscal code",
    "Italian tax code",
    "code fiscal",
    "code fiscal italien",
    "numéro fiscal italien",
];

/// Values of odd-position (1st, 3rd, ...) characters, indexed by digit or
/// letter (`0`..`9` share the values of `A`..`J`).
const ODD: [u8; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// The positions that hold digits, in the order omocodia replaces them
/// (rightmost first).
const DIGIT_POSITIONS_RIGHT_FIRST: [usize; 7] = [14, 13, 12, 10, 9, 7, 6];

/// Month letters, January to December.
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";

/// Omocodia letters, standing for 0 to 9.
const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";

pub struct ItCodiceFiscale {
    context: Keywords,
}

impl ItCodiceFiscale {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// The digit a numeric position stands for, whether written as a digit or an
/// omocodia letter.
fn digit_value(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(u32::from(c - b'0'));
    }
    OMOCODIA.iter().position(|&l| l == c).map(|i| i as u32)
}

/// Index of `c` (an uppercase letter or a digit) in `0..26` / `0..10`.
fn index(c: u8) -> Option<usize> {
    match c {
        b'0'..=b'9' => Some(usize::from(c - b'0')),
        b'A'..=b'Z' => Some(usize::from(c - b'A')),
        _ => None,
    }
}

/// Whether the 16 characters of `value` form a valid codice fiscale.
fn valid(value: &str) -> bool {
    let Ok(b) = <[u8; 16]>::try_from(value.as_bytes()) else {
        return false;
    };
    let b = b.map(|c| c.to_ascii_uppercase());
    // Omocodia replaces digits from the right: once a digit is seen going
    // leftwards, no letter may follow.
    let mut seen_digit = false;
    for &p in &DIGIT_POSITIONS_RIGHT_FIRST {
        let Some(&c) = b.get(p) else {
            return false;
        };
        if c.is_ascii_digit() {
            seen_digit = true;
        } else if seen_digit || digit_value(c).is_none() {
            return false;
        }
    }
    let Some(month) = MONTHS.iter().position(|&m| m == b[8]) else {
        return false;
    };
    let (Some(d1), Some(d2)) = (digit_value(b[9]), digit_value(b[10])) else {
        return false;
    };
    let day = d1 * 10 + d2;
    let day = if day > 40 { day - 40 } else { day };
    if day == 0 || day > crate::validate::days_in_month(None, month as u32 + 1) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in b[..15].iter().enumerate() {
        let Some(ix) = index(c) else {
            return false;
        };
        // Positions are counted from 1: index 0 is the first, odd, position.
        sum += if i % 2 == 0 {
            u32::from(ODD.get(ix).copied().unwrap_or(0))
        } else {
            ix as u32
        };
    }
    u32::from(b[15]) == u32::from(b'A') + sum % 26
}

impl Detector for ItCodiceFiscale {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[IT_CODICE_FISCALE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        const N: &str = "[0-9LMNPQRSTUVlmnpqrstuv]";
        // The first digit (of the year) is the last omocodia replaces: a
        // digit there keeps every match within a few bytes of a digit, so
        // the pattern is tried near digits only (see `trigger.rs`). Only the
        // eighth code issued for one name, birth date and place, with all
        // seven digits replaced, is not looked for.
        vec![Pattern::new(format!(
            r"(?-u:\b)[A-Za-z]{{6}}[0-9]{N}[ABCDEHLMPRSTabcdehlmprst]{N}{{2}}[A-Za-z]{N}{{3}}[A-Za-z](?-u:\b)"
        ))]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) || !valid(value) {
            return false;
        }
        let score = if self.context.before(text, c.start, CONTEXT_WINDOW) {
            1.0
        } else {
            0.95
        };
        out.push(Span::new(c.start, c.end, IT_CODICE_FISCALE, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(ItCodiceFiscale::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text).into_iter().map(|r| r.0).collect()
    }

    // RSSMRA80A01H501U and RSSMRA85T10A562S are the "Mario Rossi" specimens
    // used in the Agenzia delle Entrate's examples; MRTMTT91D08F205J and the
    // omocodic variants are computed with the published tables.
    #[test]
    fn finds_codes_in_english_and_french() {
        assert_eq!(
            found("Codice fiscale: RSSMRA85T10A562S."),
            vec!["RSSMRA85T10A562S"]
        );
        assert_eq!(
            found("his Italian tax code is RSSMRA80A01H501U, issued in Rome"),
            vec!["RSSMRA80A01H501U"]
        );
        assert_eq!(
            found("son code fiscal (MRTMTT91D08F205J) est joint"),
            vec!["MRTMTT91D08F205J"]
        );
        assert_eq!(found("cf rssmra80a01h501u"), vec!["rssmra80a01h501u"]);
        assert_eq!(run("CF RSSMRA80A01H501U")[0].1, "it-codice-fiscale");
    }

    #[test]
    fn context_raises_the_score() {
        let score = |t: &str| run(t).first().map(|r| r.2);
        assert_eq!(score("ref RSSMRA80A01H501U"), Some(0.95));
        assert_eq!(score("C.F. RSSMRA80A01H501U"), Some(1.0));
    }

    #[test]
    fn omocodia_is_accepted_from_the_right_only() {
        assert_eq!(found("CF RSSMRA80A01H50MM"), vec!["RSSMRA80A01H50MM"]);
        assert_eq!(found("CF RSSMRA80A01H5LMX"), vec!["RSSMRA80A01H5LMX"]);
        // Six of the seven digits replaced (the check letter computed).
        let six = (b'A'..=b'Z')
            .map(|c| format!("RSSMRA8LALMHRLM{}", char::from(c)))
            .find(|v| valid(v))
            .unwrap();
        assert_eq!(found(&format!("CF {six}")), vec![six.clone()]);
        // All seven replaced: valid, but left to other tools (see the top).
        let seven = (b'A'..=b'Z')
            .map(|c| format!("RSSMRAULALMHRLM{}", char::from(c)))
            .find(|v| valid(v))
            .unwrap();
        assert!(found(&format!("CF {seven}")).is_empty());
        // The same replacement in a left position only is not how codes are issued.
        assert!(!valid("RSSMRAU0A01H501U"));
    }

    #[test]
    fn women_days_are_accepted_and_impossible_days_rejected() {
        // Day 41 (a woman born on the 1st), check letter computed.
        assert!(valid("RSSMRA80A41H501Y"));
        // 30 February and 32 January, with their check letters right.
        assert!(!valid("RSSMRA80B30H501X"));
        assert!(!valid("RSSMRA80A32H501C"));
    }

    #[test]
    fn wrong_check_letter_length_or_glue_do_not_fire() {
        assert!(run("CF RSSMRA80A01H501V").is_empty());
        assert!(run("CF RSSMRA80A01H501").is_empty());
        assert!(run("CF RSSMRA80A01H501UU").is_empty());
        assert!(run("CF XRSSMRA80A01H501U").is_empty());
        assert!(run("CF RSSMRA80A01H501U7").is_empty());
        assert!(run("CF 1RSSMRA80A01H501U").is_empty());
        // Month letter F does not exist.
        assert!(run("CF RSSMRA80F01H501U").is_empty());
    }

    #[test]
    fn ordinary_words_do_not_fire() {
        for t in [
            "ABCDEFGHIJKLMNOP",
            "internationalisation",
            "SKU ABCDEF12A34B567C",
            "version 2024.01.15",
        ] {
            assert!(run(t).is_empty(), "{t}");
        }
    }
}
