//! Spans: where in a text a detector found what.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::{DetectorId, Label};

/// A fine-grained kind of personal data (`fr-nir`, `email`, `iban`), mapped to
/// one [`Label`] of the normalised set. Kinds are constants declared by the
/// detector that produces them, so adding a detector never edits this crate.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kind {
    /// Stable, lowercase, dash-separated name, e.g. `fr-nir`.
    pub name: &'static str,
    pub label: Label,
    /// Whether a finding of this kind is, on its own, personal data. Kinds
    /// that only help read the text around personal data (an event date, a
    /// city or country name, a company) are not: a scan does not count them
    /// as findings of personal data and `clean` keeps them unless a policy
    /// rule names them.
    pub personal: bool,
}

impl Kind {
    /// A kind whose findings are personal data when its label's are
    /// ([`Label::is_personal`]).
    pub const fn new(name: &'static str, label: Label) -> Self {
        Self {
            name,
            label,
            personal: label.is_personal(),
        }
    }

    /// A kind whose findings are context, not personal data on their own
    /// (a place name, an event date, an organisation).
    pub const fn context(name: &'static str, label: Label) -> Self {
        Self {
            name,
            label,
            personal: false,
        }
    }
}

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name, self.label)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

/// One detection: byte offsets into the field text (end-exclusive), always on
/// UTF-8 character boundaries. Output formats convert to code points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Confidence in `[0, 1]`: checksum-validated identifiers score near 1,
    /// context words move the score up or down.
    pub score: f32,
    pub detector: DetectorId,
}

impl Span {
    pub fn new(start: usize, end: usize, kind: Kind, score: f32, detector: DetectorId) -> Self {
        Self {
            start,
            end,
            kind,
            score: score.clamp(0.0, 1.0),
            detector,
        }
    }

    pub fn label(&self) -> Label {
        self.kind.label
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers, or `None` if it does not lie on character
    /// boundaries of `text` (which would be a detector bug).
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Converts sorted byte offsets into Unicode code-point offsets (Python string
/// indices), in one forward pass over `text`. `offsets` need not be sorted,
/// but sorted input is converted in linear time.
pub fn byte_to_char_offsets(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        return;
    }
    let bytes = text.as_bytes();
    let mut pos = 0usize; // byte position
    let mut chars = 0usize; // code points before `pos`
    for off in offsets.iter_mut() {
        let target = (*off).min(bytes.len());
        if target < pos {
            pos = 0;
            chars = 0;
        }
        // Count UTF-8 lead bytes between pos and target: each starts one code point.
        chars += bytes[pos..target]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        pos = target;
        *off = chars;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const K: Kind = Kind::new("test", Label::Code);

    #[test]
    fn char_offsets_match_python_indices() {
        let text = "né le 3 mai, café ☕ à Zürich";
        let mut offs: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        offs.push(text.len());
        let expected: Vec<usize> = (0..offs.len()).collect();
        byte_to_char_offsets(text, &mut offs);
        assert_eq!(offs, expected);
    }

    #[test]
    fn unsorted_offsets_still_convert() {
        let text = "ééé abc";
        let mut offs = vec![7, 2, 9];
        byte_to_char_offsets(text, &mut offs);
        assert_eq!(offs, vec![4, 1, 6]);
    }

    #[test]
    fn score_is_clamped_and_slice_respects_boundaries() {
        let s = Span::new(0, 1, K, 1.7, "t@1");
        assert!((s.score - 1.0).abs() < f32::EPSILON);
        assert_eq!(s.slice("é"), None);
    }
}
