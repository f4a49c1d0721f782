//! Context words: what surrounds a candidate raises or lowers its score.
//!
//! Detectors look at a short window before (and sometimes after) a candidate
//! for words such as "tél", "IBAN", "né le", "SSN". Windows are cut on
//! character boundaries; matching is ASCII-case-insensitive and whole-word, so
//! "tel" does not fire inside "hotel". Non-ASCII letters compare exactly:
//! list accented variants ("téléphone", "TÉLÉPHONE") where they matter.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The largest char boundary of `text` at or before `i` (`i` past the end
/// gives the end).
/// The automaton of a word list: ASCII case-insensitive, leftmost-longest.
/// `every_byte` for one that reads every byte of every text (a full DFA:
/// faster to search, slower to build); context words, searched in small
/// windows, do without.
pub(crate) fn word_automaton<P: AsRef<[u8]>>(
    detector: &'static str,
    words: impl IntoIterator<Item = P>,
    every_byte: bool,
) -> Result<AhoCorasick, crate::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(every_byte.then_some(AhoCorasickKind::DFA))
        .build(words)
        .map_err(|e| crate::BuildError::Detector {
            detector,
            message: e.to_string(),
        })
}

pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or after `i`.
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// At most `max` bytes of `text` ending at `at`, starting on a char boundary.
pub fn before(text: &str, at: usize, max: usize) -> &str {
    let at = at.min(text.len());
    let mut from = at.saturating_sub(max);
    while from < at && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

/// At most `max` bytes of `text` starting at `at`, ending on a char boundary.
pub fn after(text: &str, at: usize, max: usize) -> &str {
    let at = at.min(text.len());
    let mut to = (at + max).min(text.len());
    while to > at && !text.is_char_boundary(to) {
        to -= 1;
    }
    text.get(at..to).unwrap_or("")
}

/// A list of context words, compiled once when the detector is built.
#[derive(Clone, Debug)]
pub struct Keywords {
    ac: AhoCorasick,
}

impl Keywords {
    /// Builds the matcher. Word lists are constants in detector files, so a
    /// failure here is a programming error caught by each detector's tests;
    /// it is still reported as an error, not a panic.
    pub fn new(words: &[&str]) -> Result<Self, crate::BuildError> {
        Ok(Self {
            ac: word_automaton("keywords", words, false)?,
        })
    }

    /// Whether `window` contains one of the words as a whole word.
    pub fn any_in(&self, window: &str) -> bool {
        let b = window.as_bytes();
        self.ac
            .find_iter(window)
            .any(|m| whole_word(b, m.start(), m.end()))
    }

    /// Whether one of the words occurs within `max` bytes before `at`. Word
    /// boundaries are checked against the whole text, so a window that starts
    /// inside a word ("condam|nés") does not produce a keyword.
    pub fn before(&self, text: &str, at: usize, max: usize) -> bool {
        let window = before(text, at, max);
        let offset = at.min(text.len()) - window.len();
        self.any_at(text, offset, window)
    }

    /// Whether one of the words occurs within `max` bytes after `at`.
    pub fn after(&self, text: &str, at: usize, max: usize) -> bool {
        let window = after(text, at, max);
        self.any_at(text, at.min(text.len()), window)
    }

    fn any_at(&self, text: &str, offset: usize, window: &str) -> bool {
        let b = text.as_bytes();
        self.ac
            .find_iter(window)
            .any(|m| whole_word(b, offset + m.start(), offset + m.end()))
    }
}

/// A national number written as a bare digit run, whose check digit passes
/// by chance for one number in ten or eleven: how it is scored.
pub struct DigitId<'a, const N: usize> {
    pub kind: privasift_core::Kind,
    pub id: privasift_core::DetectorId,
    pub valid: fn(&[u8; N]) -> bool,
    pub context: &'a Keywords,
    /// Score without a context word (below the default threshold, so the
    /// span stays but other detectors still get the candidate) and with one.
    pub scores: (f32, f32),
}

impl<const N: usize> DigitId<'_, N> {
    /// Confirms `c`: it stands alone, has exactly `N` digits that pass the
    /// check; pushes a span scored by the context words within 50 bytes
    /// before it, and claims the candidate only with one.
    pub fn confirm(
        &self,
        text: &str,
        c: privasift_core::Candidate,
        out: &mut Vec<privasift_core::Span>,
    ) -> bool {
        let Some(value) = text.get(c.start..c.end) else {
            return false;
        };
        if !stands_alone(text, c.start, c.end) {
            return false;
        }
        let Some(d) = crate::validate::fixed_digits::<N>(value) else {
            return false;
        };
        if !(self.valid)(&d) {
            return false;
        }
        let context = self.context.before(text, c.start, 50);
        let score = if context {
            self.scores.1
        } else {
            self.scores.0
        };
        out.push(privasift_core::Span::new(
            c.start, c.end, self.kind, score, self.id,
        ));
        context
    }
}

/// ASCII letters and digits, and every byte of a non-ASCII character (so an
/// accented letter counts as part of a word).
/// Whether `b[s..e]` is a whole word, and not the label of a placeholder
/// `privasift clean` wrote (`[PHONE]`, `<enc:PHONE:…>`): a redacted value
/// must not become the context that makes its neighbour a finding, or
/// cleaning twice would not give what cleaning once gave.
fn whole_word(b: &[u8], s: usize, e: usize) -> bool {
    let left = s.checked_sub(1).map(|i| b[i]);
    let right = b.get(e).copied();
    let bounded = !left.is_some_and(is_word_byte) && !right.is_some_and(is_word_byte);
    let placeholder = matches!(
        (left, right),
        (Some(b'['), Some(b']')) | (Some(b':'), Some(b':'))
    );
    bounded && !placeholder
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The byte at `i`, if any: for boundary checks around candidates.
pub fn byte_at(text: &str, i: usize) -> Option<u8> {
    text.as_bytes().get(i).copied()
}

/// Whether the candidate `[start, end)` sits alone: not glued to letters,
/// digits or to a character that would extend it (e.g. `-` or `.` followed by
/// a digit), which is how a longer number or code shows itself.
pub fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before_ok = start == 0 || {
        let c = b[start - 1];
        !(c.is_ascii_alphanumeric() || c == b'_' || c == b'/' || c == b'@')
            && !(matches!(c, b'-' | b'.' | b',') && start >= 2 && b[start - 2].is_ascii_digit())
    };
    let after_ok = end >= b.len() || {
        let c = b[end];
        !(c.is_ascii_alphanumeric() || c == b'_' || c == b'/')
            && !(matches!(c, b'-' | b'.' | b',') && b.get(end + 1).is_some_and(u8::is_ascii_digit))
    };
    before_ok && after_ok
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn windows_respect_char_boundaries() {
        let t = "téléphone: 0612345678";
        let w = before(t, 13, 10);
        assert_eq!(w, "léphone: ");
        assert_eq!(before(t, 13, 11), "léphone: ");
        assert_eq!(before(t, 13, 12), "éléphone: ");
        assert_eq!(after("aé", 0, 2), "a");
        assert_eq!(before("", 5, 3), "");
    }

    #[test]
    fn keywords_match_whole_words_case_insensitively() {
        let k = Keywords::new(&["tel", "téléphone"]).unwrap();
        assert!(k.any_in("Tel: "));
        assert!(k.any_in("son téléphone est"));
        assert!(!k.any_in("hotel"));
        assert!(!k.any_in("telephonic"));
        // A window cut inside a word must not create one.
        let nes = Keywords::new(&["nés"]).unwrap();
        let t = "les condamnés 12";
        assert!(!nes.before(t, 14, 6));
        assert!(nes.before("ils sont nés le 12", 16, 8));
    }

    #[test]
    fn stands_alone_rejects_glued_candidates() {
        assert!(stands_alone("n 123 x", 2, 5));
        assert!(!stands_alone("n 1.123 x", 4, 7));
        assert!(!stands_alone("ab123", 2, 5));
        assert!(stands_alone("(123).", 1, 4));
    }
}
