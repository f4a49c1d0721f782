//! Dates of birth and other dates (`date-of-birth@2`).
//!
//! A date of birth, with a name or a place, singles out a person; it is one of
//! the quasi-identifiers that re-identify "anonymised" records, and part of
//! the civil status the NIR encodes. Dates the text says are dates of birth
//! ("né le 3 mai 1985", "DOB: 05/03/1985") are `date-of-birth`
//! (`DATE_OF_BIRTH`); every other valid date is `date` (`DATE`), a context kind
//! ([`Kind::context`]): not personal data on its own, so scans do not count
//! it and `clean` keeps it unless a policy names it, but `detect` reports it
//! (`--labels` and `--threshold DATE=...` choose).
//!
//! Any date is a candidate, then confirmed:
//! - formats: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (and `mm/dd/yyyy`:
//!   a numeric date is accepted if either reading is a real date),
//!   `yyyy-mm-dd` (`/` and `.` too), two-digit years (`00`-`30` read as
//!   20xx, `31`-`99` as 19xx), `3 mai 1985` and `1er août 1985` in French,
//!   `3 May 1985`, `3rd of May, 1985` and `May 3, 1985` in English, with
//!   full or abbreviated month names (`janv.`, `Feb.`);
//! - the day must exist in its month (leap years included) and the year lie
//!   in 1900..=2030;
//! - a birth word ("né le", "née", "né(e)", "date de naissance", "DDN",
//!   "born", "DOB", "date of birth", "birth date", "birthday") must end
//!   within 40 bytes before the date, with no digit between it and the date,
//!   so "né le 3 mai 1985, marié le 4 juin 2010" reports only the first date.
//!
//! The span is the date alone, without the context words. Score 0.9 for a
//! date of birth, 0.8 for another date.

use aho_corasick::AhoCorasick;
use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{before, stands_alone};

pub const DATE_OF_BIRTH: Kind = Kind::new("date-of-birth", Label::DateOfBirth);
pub const DATE: Kind = Kind::context("date", Label::Date);
const ID: &str = "date-of-birth@2";

/// How far before the date the birth word may end, in bytes.
const CONTEXT_WINDOW: usize = 40;

const SCORE: f32 = 0.9;
/// A date without birth context.
const DATE_SCORE: f32 = 0.8;

/// Birth words; matched whole-word and ASCII-case-insensitively, so accented
/// capitals are listed separately. "né" also covers "né(e)" and "né.e".
const CONTEXT_WORDS: &[&str] = &[
    "né",
    "née",
    "nés",
    "nées",
    "né·e",
    "né·es",
    "NÉ",
    "NÉE",
    "NÉS",
    "NÉES",
    "NÉ·E",
    "ne le",
    "nee le",
    "ne(e) le",
    "naissance",
    "naiss",
    "DDN",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "born",
    "DOB",
    "D.O.B",
    "d.o.b.",
];

/// French and English month names, full and abbreviated, for the patterns.
const MONTHS: &str = concat!(
    r"(?i:janvier|janv|f[ée]vrier|f[ée]vr|f[ée]v|mars|avril|avr|mai|juin|juillet|juil|ao[uû]t",
    r"|septembre|sept|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c",
    r"|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug",
    r"|september|sep|october|november|december)",
);

const NUMERIC: usize = 0;
const DAY_MONTH_YEAR: usize = 1;
const MONTH_DAY_YEAR: usize = 2;

pub struct DateOfBirth {
    context: AhoCorasick,
}

impl DateOfBirth {
    pub fn new() -> Result<Self, BuildError> {
        let context = crate::context::word_automaton(ID, CONTEXT_WORDS, false)?;
        Ok(Self { context })
    }

    /// A birth word ends within the window before `start`, and no digit
    /// stands between it and the date.
    fn birth_context(&self, text: &str, start: usize) -> bool {
        let window = before(text, start, CONTEXT_WINDOW);
        // Boundaries are read in the whole text: a window cut inside
        // "condamnés" or "année" must not yield the words "nés" or "née".
        let offset = start.saturating_sub(window.len());
        let b = text.as_bytes();
        let word_at = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(|&c| is_word_byte(c));
        let last = self
            .context
            .find_iter(window)
            .filter(|m| {
                !word_at((offset + m.start()).checked_sub(1)) && !word_at(Some(offset + m.end()))
            })
            .last();
        last.is_some_and(|m| {
            !b.get(offset + m.end()..start)
                .unwrap_or(&[])
                .iter()
                .any(u8::is_ascii_digit)
        })
    }
}

/// ASCII letters and digits, and every byte of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn valid_date(d: u32, m: u32, y: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if crate::validate::is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2030).contains(&y) && (1..=days).contains(&d)
}

/// A year as written: two digits are read as 2000-2030 or 1931-1999.
fn full_year(value: u32, digits: usize) -> u32 {
    match (digits, value) {
        (2, 0..=30) => 2000 + value,
        (2, _) => 1900 + value,
        _ => value,
    }
}

/// The leading number of a token and how many digits it has.
fn leading_number(token: &str) -> Option<(u32, usize)> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    token.get(..digits)?.parse().ok().map(|n| (n, digits))
}

/// The month a (French or English, full or abbreviated) name stands for.
fn month_from_name(token: &str) -> Option<u32> {
    let mut key = [0u8; 4];
    let mut n = 0;
    for c in token.chars().take(4) {
        let folded = match c {
            'é' | 'É' => 'e',
            'û' | 'Û' => 'u',
            'ſ' => 's',
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        };
        if !folded.is_ascii_lowercase() {
            return None;
        }
        key[n] = folded as u8;
        n += 1;
    }
    let key = &key[..n];
    let month = match key.get(..3)? {
        b"jan" => 1,
        b"fev" | b"feb" => 2,
        b"mar" => 3,
        b"avr" | b"apr" => 4,
        b"mai" | b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"jui" if key == b"juin" => 6,
        b"jui" if key == b"juil" => 7,
        b"aou" | b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// A numeric date: `y-m-d` when the first field has four digits, otherwise
/// `d-m-y` or `m-d-y`.
fn numeric_valid(value: &str) -> bool {
    let mut fields = value.split(['/', '-', '.']).map(leading_number);
    let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return false;
    };
    if a.1 == 4 {
        return valid_date(c.0, b.0, a.0);
    }
    let y = full_year(c.0, c.1);
    valid_date(a.0, b.0, y) || valid_date(b.0, a.0, y)
}

/// A date with a month name: the first number is the day, the last the year.
fn named_valid(value: &str) -> bool {
    let mut day = None;
    let mut year = None;
    let mut month = None;
    for token in value
        .split([' ', ',', '.', '\u{a0}'])
        .filter(|t| !t.is_empty())
    {
        if let Some(number) = leading_number(token) {
            if day.is_none() {
                day = Some(number.0);
            } else {
                year = Some(full_year(number.0, number.1));
            }
        } else if month.is_none() {
            month = month_from_name(token);
        }
    }
    match (day, month, year) {
        (Some(d), Some(m), Some(y)) => valid_date(d, m, y),
        _ => false,
    }
}

/// Not glued to a letter (accented ones included) or to a longer number.
fn alone(text: &str, start: usize, end: usize) -> bool {
    let prev_letter = text
        .get(..start)
        .and_then(|t| t.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    let next_letter = text
        .get(end..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphanumeric);
    !prev_letter && !next_letter && stands_alone(text, start, end)
}

impl Detector for DateOfBirth {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[DATE_OF_BIRTH, DATE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(concat!(
                r"(?-u:\b)(?:[0-9]{1,2}(?:/[0-9]{1,2}/|-[0-9]{1,2}-|\.[0-9]{1,2}\.)(?:[0-9]{4}|[0-9]{2})",
                r"|[0-9]{4}(?:-[0-9]{1,2}-|/[0-9]{1,2}/|\.[0-9]{1,2}\.)[0-9]{1,2})(?-u:\b)",
            )),
            Pattern::new(format!(
                r"(?-u:\b)(?:1er|1ER|[0-9]{{1,2}}(?:st|nd|rd|th)?)[ \x{{A0}}]{{1,2}}(?:of[ ])?{MONTHS}\.?,?[ \x{{A0}}]{{1,2}}(?:[0-9]{{4}}|[0-9]{{2}})(?-u:\b)"
            )),
            Pattern::new(format!(
                r"(?-u:\b){MONTHS}\.?[ \x{{A0}}]{{1,2}}[0-9]{{1,2}}(?:st|nd|rd|th)?,?[ \x{{A0}}]{{1,2}}[0-9]{{4}}(?-u:\b)"
            )),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        let valid = match c.pattern {
            NUMERIC => numeric_valid(value),
            DAY_MONTH_YEAR | MONTH_DAY_YEAR => named_valid(value),
            _ => false,
        };
        if !valid || !alone(text, c.start, c.end) {
            return false;
        }
        if self.birth_context(text, c.start) {
            out.push(Span::new(c.start, c.end, DATE_OF_BIRTH, SCORE, ID));
        } else {
            out.push(Span::new(c.start, c.end, DATE, DATE_SCORE, ID));
        }
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    /// Dates of birth found (other dates are left out).
    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(DateOfBirth::new().unwrap()), text)
            .into_iter()
            .filter(|(_, k, _)| *k == "date-of-birth")
            .map(|(s, _, _)| s)
            .collect()
    }

    /// Other dates found.
    fn dates(text: &str) -> Vec<String> {
        run_one(Box::new(DateOfBirth::new().unwrap()), text)
            .into_iter()
            .filter(|(_, k, _)| *k == "date")
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn other_dates_are_dates_and_context() {
        assert_eq!(
            dates("Réunion le 03/05/1985 à 10h, puis le 4 juin 2010."),
            ["03/05/1985", "4 juin 2010"]
        );
        assert_eq!(
            dates("Invoice dated May 3, 1985, paid 2024-06-30."),
            ["May 3, 1985", "2024-06-30"]
        );
        // A date of birth is not also a date; invalid dates are neither.
        assert!(dates("né le 3 mai 1985").is_empty());
        assert!(dates("le 31/02/2020, version 1.2.3, 12-34-5678").is_empty());
        const { assert!(!DATE.personal && DATE_OF_BIRTH.personal) };
    }

    #[test]
    fn finds_french_dates_of_birth() {
        assert_eq!(
            found("Jean Dupont, né le 3 mai 1985 à Lyon."),
            vec!["3 mai 1985"]
        );
        assert_eq!(
            found("Marie, née le 03/05/1985, demeurant à Paris"),
            vec!["03/05/1985"]
        );
        assert_eq!(found("Date de naissance : 1985-05-03"), vec!["1985-05-03"]);
        assert_eq!(found("né(e) le 1er août 1979"), vec!["1er août 1979"]);
        assert_eq!(found("DDN: 12.11.64"), vec!["12.11.64"]);
        assert_eq!(found("NÉE LE 14 FÉVRIER 1972"), vec!["14 FÉVRIER 1972"]);
        assert_eq!(found("Né à Ajaccio le 25 déc. 1960"), vec!["25 déc. 1960"]);
        assert_eq!(
            found("née le\u{a0}3\u{a0}mars\u{a0}2001"),
            vec!["3\u{a0}mars\u{a0}2001"]
        );
    }

    #[test]
    fn finds_english_dates_of_birth() {
        assert_eq!(
            found("He was born on 3 May 1985 in Leeds."),
            vec!["3 May 1985"]
        );
        assert_eq!(
            found("She was born May 3, 1985 in Ohio"),
            vec!["May 3, 1985"]
        );
        assert_eq!(found("DOB: 05/03/1985"), vec!["05/03/1985"]);
        assert_eq!(
            found("Date of birth: 21st February 1990"),
            vec!["21st February 1990"]
        );
        assert_eq!(found("Birth date: Dec. 25, 1960"), vec!["Dec. 25, 1960"]);
        assert_eq!(
            found("birthday: 3rd of June 2001"),
            vec!["3rd of June 2001"]
        );
        // US order: 12/31 is only valid as month/day.
        assert_eq!(found("D.O.B. 12/31/1999"), vec!["12/31/1999"]);
        assert_eq!(found("born 29.02.2000"), vec!["29.02.2000"]);
    }

    #[test]
    fn invalid_dates_do_not_fire() {
        assert!(found("né le 31/02/1985").is_empty());
        assert!(found("né le 32 mai 1985").is_empty());
        assert!(found("né le 13/13/1985").is_empty());
        assert!(found("born 29.02.1900").is_empty());
        assert!(found("né le 03/05/1850").is_empty());
        assert!(found("date of birth: 2099-01-01").is_empty());
        assert!(found("born 1985-13-03").is_empty());
    }

    #[test]
    fn dates_without_birth_context_do_not_fire() {
        assert!(found("Réunion le 03/05/1985 à 10h.").is_empty());
        assert!(found("Invoice dated May 3, 1985, paid 3 June 1985.").is_empty());
        assert!(found("born in 1985; moved on 3 May 2010").is_empty());
        assert!(found("une naissance difficile. Puis, bien plus tard, le 3 mai 2010").is_empty());
    }

    #[test]
    fn birth_words_inside_longer_words_do_not_count() {
        // The 40-byte window starts inside "condamnés" and "année".
        assert!(
            found("ils furent condamnés à trois ans de prison (ferme). Le 28 décembre 1992")
                .is_empty()
        );
        assert!(
            found("Au cours de cette année, la Cour a en fait bien statué le 3 mai 1995")
                .is_empty()
        );
        assert!(found("donné le 3 mai 1995").is_empty());
    }

    #[test]
    fn only_the_date_next_to_the_birth_word_fires() {
        assert_eq!(
            found("né le 3 mai 1985, marié le 4 juin 2010"),
            vec!["3 mai 1985"]
        );
    }

    #[test]
    fn glued_or_odd_numbers_do_not_fire() {
        assert!(found("né le 103/05/1985").is_empty());
        assert!(found("DOB: 05/03/1985/12").is_empty());
        assert!(found("DOB: 05/03/19851").is_empty());
        assert!(found("born 1.2.3.4").is_empty());
        assert!(found("DOB: v05.03.85b").is_empty());
        assert!(found("né le 3 maison 1985").is_empty());
    }
}
