//! Splitting text into words, for the detectors that read words rather than
//! patterns (names, places, organisations).

/// Which bytes belong to words: ASCII letters and digits, `'`, `-`, `.` and
/// every non-ASCII byte (one table load per byte in the hot loop).
const WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-' || c == b'.' || c >= 0x80;
        i += 1;
    }
    t
};

/// A fixed list of words, looked up by hash: a slice's `contains` compares
/// the word with every entry, and the name detectors ask for every
/// capitalised word of a text.
pub(crate) struct WordList {
    set: rustc_hash::FxHashSet<&'static str>,
    /// The first bytes and the lengths (63 for any longer) of the words: a
    /// word that fails either is not looked up. Most words asked about
    /// are not in the list, and most fail here.
    firsts: [bool; 256],
    lengths: u64,
}

impl WordList {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        Self::of(&[words])
    }

    /// One set of the words of several lists.
    pub(crate) fn of(lists: &[&[&'static str]]) -> Self {
        let set: rustc_hash::FxHashSet<&'static str> =
            lists.iter().flat_map(|l| l.iter().copied()).collect();
        let mut firsts = [false; 256];
        let mut lengths = 0u64;
        for w in &set {
            if let Some(&b) = w.as_bytes().first() {
                firsts[usize::from(b)] = true;
            }
            lengths |= 1 << w.len().min(63);
        }
        Self {
            set,
            firsts,
            lengths,
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        let Some(&b) = word.as_bytes().first() else {
            return self.set.contains(word);
        };
        self.firsts[usize::from(b)]
            && self.lengths >> word.len().min(63) & 1 == 1
            && self.set.contains(word)
    }
}

/// Days and months, English and French, capitalised: capitalised words
/// that are neither names nor places.
pub(crate) const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Lundi",
    "Mardi",
    "Mercredi",
    "Jeudi",
    "Vendredi",
    "Samedi",
    "Dimanche",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Janvier",
    "Février",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
];

/// One word of the text and its byte span.
pub(crate) struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

/// Whether byte `c` belongs to a word.
pub(crate) fn is_word_byte(c: u8) -> bool {
    WORD_BYTE[usize::from(c)]
}

pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    // Bytes, not chars: ASCII letters, digits, ' - . and every non-ASCII byte
    // (accented letters; a few non-ASCII punctuation marks stay glued to
    // their word, which then does not read as capitalised).
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6);
    let mut i = 0;
    while i < b.len() {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let (next, word) = word_at(text, i);
        i = next;
        if let Some(w) = word {
            out.push(w);
        }
    }
    out
}

/// The word starting at byte `s` (a word byte after a non-word byte), and
/// the byte where the scan goes on. `None` when trimming leaves nothing.
#[allow(clippy::many_single_char_names)] // a byte scanner: b, i, s, e, w read best short
pub(crate) fn word_at(text: &str, s: usize) -> (usize, Option<Word<'_>>) {
    let b = text.as_bytes();
    let mut i = s;
    while i < b.len() && is_word_byte(b[i]) {
        i += 1;
    }
    let mut e = i;
    // A trailing dot is punctuation unless the word is an initial or a
    // title ("G.", "M.", "Dr.").
    let w = &b[s..e];
    let ends_dot = w.ends_with(b".");
    let keeps_dot = ends_dot
        && w.first().is_some_and(u8::is_ascii_uppercase)
        && w.iter()
            .filter(|c| c.is_ascii_alphabetic() || **c >= 0x80)
            .count()
            <= 3;
    if ends_dot && !keeps_dot {
        e -= 1;
    }
    while e > s && matches!(b[e - 1], b'\'' | b'-') {
        e -= 1;
    }
    // Cuts fall on ASCII bytes, so on char boundaries.
    let word = (e > s).then(|| Word {
        start: s,
        end: e,
        text: &text[s..e],
    });
    (i, word)
}

/// The word that ends before byte `at` (skipping the non-word bytes
/// before `at`).
pub(crate) fn word_before(text: &str, at: usize) -> Option<Word<'_>> {
    let b = text.as_bytes();
    let mut e = at.min(b.len());
    while e > 0 && !is_word_byte(b[e - 1]) {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_word_byte(b[s - 1]) {
        s -= 1;
    }
    if s == e {
        return None;
    }
    word_at(text, s).1
}

/// Every letter is a capital, and there are at least two.
pub(crate) fn all_caps(w: &str) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
            && !b.iter().any(u8::is_ascii_lowercase);
    }
    // A lower-case letter (a cheaper test than "alphabetic") ends it early.
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// `DUPONT` -> `Dupont`.
pub(crate) fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_answer_as_their_set() {
        let long = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochxxxxxxxxxx";
        let list = WordList::of(&[&["Dear", "cher", "", "é"], &[long]]);
        for (w, want) in [
            ("Dear", true),
            ("cher", true),
            ("", true),
            ("é", true),
            (long, true),
            ("Dea", false),
            ("Dears", false),
            ("dear", false),
            ("chère", false),
            ("x", false),
            (&long[1..], false),
        ] {
            assert_eq!(list.contains(w), want, "{w}");
        }
        assert!(!WordList::new(&["a"]).contains(""));
    }
}
