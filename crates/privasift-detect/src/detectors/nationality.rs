//! Nationalities: the words that name a nationality or the people of a
//! country or region, English and French (`nationality@1`, NRP): "a Swedish
//! citizen", "les ressortissants britanniques", "deux Norvégiennes".
//!
//! A nationality is not personal data on its own, so `nationality` is a
//! context kind ([`Kind::context`]): scans do not count it and `clean` keeps
//! it unless a policy names it. Next to a name it narrows a person down, and
//! it is the NRP label of the evaluation sets. Religious, political and
//! ethnic groups are special categories (GDPR Art. 9): the special-category
//! detector finds them when they are said of a person.
//!
//! The word lists are `data/nationalities/en.txt` and `fr.txt` (provenance
//! and format in the README there): English words with their plural and
//! lower-case forms (homographs such as "polish" or "danish" only
//! capitalised), French masculine forms from which the feminine and plurals
//! are derived. Whole words only. Score 0.7.

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::lexicon::Lexicon;
use crate::shared::Shared;

pub const NATIONALITY: Kind = Kind::context("nationality", Label::Nrp);
const ID: &str = "nationality@1";

const EN: &str = include_str!("../../data/nationalities/en.txt");
const FR: &str = include_str!("../../data/nationalities/fr.txt");

pub struct Nationality {
    words: Lexicon,
    /// Per pattern: whether the word must be written with a capital (an
    /// English homograph: "polish", "danish").
    capital_only: Vec<bool>,
}

/// The entries of a word list: lines without comments, trimmed.
fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// The feminine and plural forms of a French masculine adjective.
fn french_forms(m: &str) -> Vec<String> {
    let feminine = if m.ends_with("ien") || m.ends_with("éen") {
        format!("{m}ne")
    } else if m.ends_with('e') {
        m.to_owned()
    } else {
        format!("{m}e")
    };
    let plural = |w: &str| {
        if w.ends_with('s') || w.ends_with('x') {
            w.to_owned()
        } else {
            format!("{w}s")
        }
    };
    vec![m.to_owned(), plural(m), plural(&feminine), feminine]
}

/// `word` with its first letter in upper case.
fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Nationality {
    pub fn new() -> Result<Self, BuildError> {
        let mut words: Vec<String> = Vec::new();
        let mut capital_only = Vec::new();
        let mut add = |w: String, capital: bool| {
            if !words.contains(&w) {
                words.push(w);
                capital_only.push(capital);
            }
        };
        for e in entries(EN) {
            let (word, homograph) = match e.strip_suffix('!') {
                Some(w) => (w, true),
                None => (e, false),
            };
            for form in [word.to_owned(), format!("{word}s")] {
                add(form, homograph);
            }
        }
        for e in entries(FR) {
            let forms: Vec<String> = if e.contains(' ') {
                e.split(' ').map(str::to_owned).collect()
            } else {
                french_forms(e)
            };
            for form in forms {
                // Accented capitals are not folded by the ASCII
                // case-insensitive search: add the capitalised form.
                if !form.starts_with(|c: char| c.is_ascii()) {
                    add(capitalised(&form), false);
                }
                add(form, false);
            }
        }
        let words_ac = Lexicon::new(ID, &words, true, is_word_byte)?;
        Ok(Self {
            words: words_ac,
            capital_only,
        })
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl Detector for Nationality {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[NATIONALITY]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.detect_shared(text, &Shared::default(), out);
    }

    fn word_lists(&self) -> Vec<&dyn std::any::Any> {
        vec![&self.words]
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let Some(shared) = Shared::of(shared) else {
            return self.detect(text, out);
        };
        let b = text.as_bytes();
        for m in shared.find(&self.words, text) {
            let (s, e) = (m.start, m.end);
            if e < b.len() && is_word_byte(b[e]) {
                continue;
            }
            if self.capital_only[m.entry] && !b[s].is_ascii_uppercase() {
                continue;
            }
            out.push(Span::new(s, e, NATIONALITY, 0.7, ID));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Nationality::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn english_and_french_nationalities() {
        assert_eq!(
            found("a Swedish citizen and two Americans"),
            ["Swedish", "Americans"]
        );
        assert_eq!(
            found("les ressortissants britanniques et deux Norvégiennes"),
            ["britanniques", "Norvégiennes"]
        );
        assert_eq!(found("une famille turque, des Grecs"), ["turque", "Grecs"]);
        assert_eq!(found("a New Zealander in Paris"), ["New Zealander"]);
        assert_eq!(found("the Polish workers"), ["Polish"]);
    }

    #[test]
    fn homographs_and_parts_of_words_do_not_fire() {
        assert!(found("polish the car, a danish pastry").is_empty());
        assert!(found("Americanism, Frenchified, indianapolis").is_empty());
    }

    #[test]
    fn context_kind() {
        let found = run_one(Box::new(Nationality::new().unwrap()), "a Swedish citizen");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "nationality");
        const { assert!(!NATIONALITY.personal) };
    }
}
