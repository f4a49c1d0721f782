//! French social security numbers: NIR, "numéro de sécurité sociale" or
//! "numéro INSEE" (`fr-nir@1`).
//!
//! The NIR is assigned to every person born in France (and to foreigners who
//! work there) and follows them for life; it encodes sex, year and month of
//! birth and place of birth, so it is both an identifier and a source of
//! personal data. The CNIL treats it as a number whose use is regulated in
//! itself (Loi Informatique et Libertés, art. 30; GDPR Art. 87).
//!
//! Candidates are 13 characters, compact or printed in the usual groups
//! (`1 85 05 78 006 084 91`), optionally followed by the two-digit key after a
//! space or a dash:
//! - sex `1`/`2`, or `3`, `4`, `7`, `8` for temporary numbers;
//! - two digits of the year of birth;
//! - month `01`-`12`, or the pseudo-months `20`-`42` and `50`-`99` that INSEE
//!   gives people whose civil status is incomplete; `00`, `13`-`19` and
//!   `43`-`49` are rejected;
//! - department `01`-`99`, `2A` or `2B` (Corsica; overseas `97x`/`98x` use
//!   three digits and leave two for the commune, which changes nothing here);
//! - commune and order number, three digits each, neither `000`.
//!
//! The key is `97 - (number mod 97)`, where `2A` is read as `19` and `2B` as
//! `18` (INSEE; same rule as python-stdnum `fr.nir`). A wrong key never fires.
//! A keyed NIR scores 0.95, or 0.85 for a temporary number or a pseudo-month
//! (rarer, and the shape of 15-digit American Express numbers), and 1.0 with
//! a context word; a 13-character number without its key is reported only
//! next to a context word (0.7).

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};

pub const FR_NIR: Kind = Kind::new("fr-nir", Label::NationalId);
const ID: &str = "fr-nir@1";

/// How far before a candidate context words are looked for, in bytes.
const CONTEXT_WINDOW: usize = 50;

const CONTEXT_WORDS: &[&str] = &[
    "sécurité sociale",
    "securite sociale",
    "SÉCURITÉ SOCIALE",
    "sécu",
    "secu",
    "SÉCU",
    "NIR",
    "INSEE",
    "carte vitale",
    "social security",
    "numéro SS",
    "numero SS",
    "NUMÉRO SS",
    "n° SS",
    "n°SS",
    "no SS",
    "NSS",
    "assuré social",
    "assure social",
];

pub struct FrNir {
    context: Keywords,
}

impl FrNir {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT_WORDS)?,
        })
    }
}

/// The 13 significant characters of a candidate and its key, if printed.
struct Parsed {
    body: [u8; 13],
    key: Option<u64>,
}

fn parse(value: &str) -> Option<Parsed> {
    let mut chars = [0u8; 15];
    let mut n = 0;
    for b in value.bytes() {
        if b.is_ascii_digit() || b == b'A' || b == b'B' {
            *chars.get_mut(n)? = b;
            n += 1;
        }
    }
    let mut body = [0u8; 13];
    body.copy_from_slice(chars.get(..13)?);
    let key = match n {
        13 => None,
        15 => Some(u64::from(chars[13] - b'0') * 10 + u64::from(chars[14] - b'0')),
        _ => return None,
    };
    Some(Parsed { body, key })
}

/// Department, commune and order number are plausible.
fn plausible(body: &[u8; 13]) -> bool {
    &body[5..7] != b"00" && &body[7..10] != b"000" && &body[10..13] != b"000"
}

/// A permanent number (sex `1`/`2`) with a real month: the common case. The
/// other forms are rarer, and 15-digit American Express numbers (`34`, `37`)
/// take their shape, so without context they score a little lower.
fn ordinary(body: &[u8; 13]) -> bool {
    matches!(body[0], b'1' | b'2')
        && matches!(&body[3..5], [b'0', b'1'..=b'9'] | [b'1', b'0'..=b'2'])
}

/// The NIR key of the 13-character body, Corsican departments included.
fn key(body: &[u8; 13]) -> Option<u64> {
    let mut number = 0u64;
    for (i, &b) in body.iter().enumerate() {
        let d = match (i, b) {
            (5, b'2') if matches!(body[6], b'A' | b'B') => 1,
            (6, b'A') => 9,
            (6, b'B') => 8,
            (_, b'0'..=b'9') => b - b'0',
            _ => return None,
        };
        number = number * 10 + u64::from(d);
    }
    Some(97 - number % 97)
}

impl Detector for FrNir {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[FR_NIR]
    }

    fn patterns(&self) -> Vec<Pattern> {
        // Groups may be separated by a space or a no-break space; the key may
        // follow after a space or a dash.
        vec![Pattern::new(concat!(
            r"(?-u:\b)[1-478][ \x{A0}]?[0-9]{2}[ \x{A0}]?(?:0[1-9]|1[0-2]|[23][0-9]|4[0-2]|[5-9][0-9])",
            r"[ \x{A0}]?(?:[0-9]{2}|2[AB])[ \x{A0}]?[0-9]{3}[ \x{A0}]?[0-9]{3}",
            r"(?:(?:[ \x{A0}]?|[ ]?-[ ]?)[0-9]{2})?(?-u:\b)",
        ))]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let Some(p) = parse(value) else {
            return false;
        };
        if !plausible(&p.body) {
            return false;
        }
        let Some(expected) = key(&p.body) else {
            return false;
        };
        let context = self.context.before(text, c.start, CONTEXT_WINDOW);
        let score = match p.key {
            Some(k) if k != expected => return false,
            Some(_) if context => 1.0,
            Some(_) if ordinary(&p.body) => 0.95,
            Some(_) => 0.85,
            None if context => 0.7,
            None => return false,
        };
        out.push(Span::new(c.start, c.end, FR_NIR, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(FrNir::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text).into_iter().map(|(s, _, _)| s).collect()
    }

    #[test]
    fn finds_keyed_nirs_in_every_printed_form() {
        assert_eq!(
            found("Numéro de sécurité sociale : 1 85 05 78 006 084 91."),
            vec!["1 85 05 78 006 084 91"]
        );
        assert_eq!(
            found("his social security number is 185057800608491"),
            vec!["185057800608491"]
        );
        assert_eq!(
            found("NIR 1850578006084 91 (clé)"),
            vec!["1850578006084 91"]
        );
        assert_eq!(found("n° SS: 1850578006084-91"), vec!["1850578006084-91"]);
        assert_eq!(
            found("Carte Vitale\u{a0}: 2\u{a0}69\u{a0}04\u{a0}99\u{a0}123\u{a0}456\u{a0}46"),
            vec!["2\u{a0}69\u{a0}04\u{a0}99\u{a0}123\u{a0}456\u{a0}46"]
        );
    }

    #[test]
    fn scores_depend_on_context() {
        let r = run("ref 185057800608491 end");
        assert_eq!(r, vec![("185057800608491".to_owned(), "fr-nir", 0.95)]);
        let r = run("N° INSEE : 185057800608491");
        assert!((r[0].2 - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn corsica_pseudo_months_and_temporary_numbers() {
        // 2A is read as 19, 2B as 18 when computing the key.
        assert_eq!(
            found("né en Corse-du-Sud, NIR 1 85 05 2A 123 456 33"),
            vec!["1 85 05 2A 123 456 33"]
        );
        assert_eq!(found("sécu 285052B01234556"), vec!["285052B01234556"]);
        // Pseudo-month 42 and a temporary number (sex digit 7) score lower.
        assert_eq!(
            run("1854278006084 04"),
            vec![("1854278006084 04".to_owned(), "fr-nir", 0.85)]
        );
        assert_eq!(
            run("7850578006084 82"),
            vec![("7850578006084 82".to_owned(), "fr-nir", 0.85)]
        );
        assert_eq!(run("NIR 7850578006084 82")[0].2, 1.0);
    }

    #[test]
    fn nir_without_key_needs_context() {
        assert_eq!(
            run("numéro de sécu : 1 85 05 78 006 084"),
            vec![("1 85 05 78 006 084".to_owned(), "fr-nir", 0.7)]
        );
        assert!(found("commande 1850578006084 expédiée").is_empty());
    }

    #[test]
    fn wrong_keys_never_fire() {
        assert!(found("sécurité sociale : 1 85 05 78 006 084 36").is_empty());
        assert!(found("185057800608492").is_empty());
        assert!(found("NIR 1 85 05 2A 123 456 34").is_empty());
    }

    #[test]
    fn impossible_structures_do_not_match() {
        // Month 13 is neither a real month nor one of INSEE's pseudo-months
        // (20-42, 50-99): the key is right but the number is not a NIR.
        assert!(found("NIR 1 85 13 78 006 084 25").is_empty());
        // Sex digit 5, department 00, order 000.
        assert!(found("NIR 585057800608410").is_empty());
        assert!(found("NIR 185050000608463").is_empty());
        assert!(found("NIR 185057800600078").is_empty());
    }

    #[test]
    fn glued_or_wrong_length_do_not_fire() {
        assert!(found("x 2185057800608491 y").is_empty());
        assert!(found("1850578006084917").is_empty());
        assert!(found("REF185057800608491").is_empty());
        assert!(found("id 12-185057800608491").is_empty());
        assert!(found("sécu 18505780060849").is_empty());
    }

    #[test]
    fn ordinary_numbers_do_not_fire() {
        assert!(found("Appelez le 01 85 05 78 00 ou le 06 12 34 56 78.").is_empty());
        assert!(found("Total: 1 850 578,00 EUR, commande 123456789012345").is_empty());
    }
}
