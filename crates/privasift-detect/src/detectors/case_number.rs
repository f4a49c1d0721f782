//! Court case numbers (`case-number@1`): the application number of the
//! European Court of Human Rights ("requête n° 38629/97", "application no.
//! 18711/91") and its older four-part form ("no 31/1993/426/505").
//!
//! A case number points to one applicant's case: in a published decision
//! whose names were pseudonymised, it is what links the text back to the
//! person. It is not personal data on its own (a context kind: `clean`
//! keeps it unless a policy names it), but `detect` and `scan` show it.
//! Candidates: "n°", "no", "No." or "nos" then a number of 3 to 6 digits, a
//! slash and a two-digit year, or the four-part form (1 to 3 digits, a
//! four-digit year from 1950, then two groups of 3 digits). The word is
//! required: without it the numbers look like many others, but it covers
//! a list that follows it ("nos 29701/96, 29702/96 et 29703/96"). Only the
//! numbers are reported.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::byte_at;

pub const CASE_NUMBER: Kind = Kind::context("case-number", Label::Code);
const ID: &str = "case-number@2";

pub struct CaseNumber;

impl CaseNumber {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for CaseNumber {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[CASE_NUMBER]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(
                r"(?-u:\b)(?:n°|N°|no|No|nos|Nos|numéros|numéros de dossier)\.? ?[0-9]{3,6}/[0-9]{2}(?-u:\b)",
            ),
            Pattern::new(
                r"(?-u:\b)(?:n°|N°|no|No)\.? ?[0-9]{1,3}/(?:19[5-9][0-9]|20[0-9]{2})/[0-9]{3}/[0-9]{3}(?-u:\b)",
            ),
            // Three application numbers in a row make a list without the
            // word: "26480/95, 28291/95, 29280/95".
            Pattern::new(
                r"(?-u:\b)[0-9]{4,6}/[0-9]{2}, [0-9]{4,6}/[0-9]{2}, [0-9]{4,6}/[0-9]{2}(?-u:\b)",
            ),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        // Glued to a longer run of numbers and slashes: a date, a path.
        if byte_at(text, c.end).is_some_and(|b| b == b'/' || b.is_ascii_digit())
            || (c.start > 0 && byte_at(text, c.start - 1) == Some(b'/'))
        {
            return false;
        }
        let Some(first_digit) = text[c.start..c.end].find(|ch: char| ch.is_ascii_digit()) else {
            return false;
        };
        let start = c.start + first_digit;
        // Inside a list already walked from its head: nothing more.
        if c.pattern == 2 && in_list(text, start) {
            return false;
        }
        let score = if c.pattern == 1 { 0.8 } else { 0.75 };
        // A list found by its shape: each of its numbers, to the last.
        let first_end = if c.pattern == 2 {
            start + text[start..].find(',').unwrap_or(c.end - start)
        } else {
            c.end
        };
        out.push(Span::new(start, first_end, CASE_NUMBER, score, ID));
        // The others of a list: "(nos 28309/06 et 48102/06)", "nos
        // 29701/96, 29702/96 and 29703/96". (The four-part form comes alone.)
        if c.pattern != 1 {
            rest_of_list(text, first_end, score, out);
        }
        true
    }
}

/// What separates the numbers of a list (longest first).
const LIST_SEPARATORS: &[&str] = &[", et ", ", and ", ", ", " et ", " and ", " & "];

/// Whether an application number and a separator of a list come just
/// before byte `at` ("29701/96, " before "29702/96").
fn in_list(text: &str, at: usize) -> bool {
    let head = &text.as_bytes()[..at];
    let Some(before) = LIST_SEPARATORS
        .iter()
        .find_map(|sep| head.strip_suffix(sep.as_bytes()))
    else {
        return false;
    };
    let year = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    year == 2 && before.len() > 2 && before[before.len() - 3] == b'/'
}

/// The application numbers that follow one at `at`, separated by commas or
/// "et"/"and", each pushed with `score`.
fn rest_of_list(text: &str, mut at: usize, score: f32, out: &mut Vec<Span>) {
    // (Linear: a list is walked once, from its head; `confirm` skips the
    // candidates inside it.)
    loop {
        let rest = &text[at..];
        let Some(next) = LIST_SEPARATORS
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            break;
        };
        let from = text.len() - next.len();
        let b = next.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let year = b
            .get(digits + 1..)
            .map_or(0, |y| y.iter().take_while(|c| c.is_ascii_digit()).count());
        if !(3..=6).contains(&digits) || b.get(digits) != Some(&b'/') || year != 2 {
            break;
        }
        let end = from + digits + 3;
        if byte_at(text, end).is_some_and(|b| b == b'/' || b.is_ascii_alphanumeric()) {
            break;
        }
        out.push(Span::new(from, end, CASE_NUMBER, score, ID));
        at = end;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(CaseNumber::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn lists_of_application_numbers() {
        assert_eq!(
            found("les requêtes (nos 28309/06 et 48102/06) contre la Pologne"),
            ["28309/06", "48102/06"]
        );
        assert_eq!(
            found("applications nos. 29701/96, 29702/96 and 29703/96."),
            ["29701/96", "29702/96", "29703/96"]
        );
        assert_eq!(
            found("(nos 1/95). 26480/95, 28291/95, 29280/95, 26699/96 et 29700/96."),
            ["26480/95", "28291/95", "29280/95", "26699/96", "29700/96"]
        );
        assert_eq!(
            found("sous les numéros de dossier 36529/97 et 37393/97, respectivement"),
            ["36529/97", "37393/97"]
        );
        // A long list: each number once (the walk starts at its head only).
        let long: Vec<String> = (0..2000).map(|i| format!("{}/96", 10_000 + i)).collect();
        assert_eq!(found(&long.join(", ")).len(), 2000);
        // Two numbers without the word: no list.
        assert!(found("pages 1234/56, 7890/12.").is_empty());
        // Not a list of application numbers: a date after the comma.
        assert_eq!(found("no 31831/96, 12/05/1998"), ["31831/96"]);
    }

    #[test]
    fn application_numbers_after_their_word() {
        assert_eq!(
            found("une requête (n° 38629/97) contre la Suède"),
            ["38629/97"]
        );
        assert_eq!(
            found("requête (no 18711/91) et No. 4451/03"),
            ["18711/91", "4451/03"]
        );
        assert_eq!(
            found("l'affaire Boner (no 30/1993/425/504)."),
            ["30/1993/425/504"]
        );
    }

    #[test]
    fn not_dates_fractions_or_paths() {
        assert!(found("le 12/05/97, 38629/97 sans numéro, n° 12/05/1997").is_empty());
        assert!(found("a/b/38629/97 and no 123/4567").is_empty());
        assert!(found("page 30/1993/425/5040").is_empty());
    }

    #[test]
    fn a_context_kind() {
        const { assert!(!CASE_NUMBER.personal) };
    }
}
