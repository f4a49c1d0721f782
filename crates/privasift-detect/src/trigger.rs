//! Where a match can start, worked out from a pattern's syntax, so that most
//! patterns are tried only near a digit.
//!
//! One unanchored automaton over every pattern builds its lazy-DFA states as
//! the text goes, one state per combination of partial matches in progress.
//! Over digit runs those combinations multiply (dozens of number patterns,
//! each at several offsets), so the automaton keeps building new states for
//! the whole of a long run: that, not matching, was most of the detector
//! set's time. Most patterns cannot match without a digit near their start,
//! though. For those, [`reach`] gives the most bytes a match can have before
//! its first digit and [`Lead`] the bytes it can start with; [`Triggers`]
//! then lists the few positions where one of them can start, and the engine
//! tries the patterns there with one anchored search each, whose automaton
//! stays small. The other patterns (keywords, URLs, hex) keep an unanchored
//! automaton of their own, which no longer sees the digit patterns.
//!
//! The analysis is conservative: when it cannot tell, a pattern goes to the
//! unanchored automaton, and a start byte it cannot bound is allowed
//! everywhere. The engine's tests check that both automata together find
//! exactly what one automaton over every pattern finds.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The byte that triggers the anchored patterns.
fn is_trigger(b: u8) -> bool {
    b.is_ascii_digit()
}

/// A byte that is part of a word for the ASCII `\b` our patterns use.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// At most how many bytes precede the first digit of any match of `hir`:
/// `None` when a match may hold no digit, or when that prefix is unbounded.
pub(crate) fn reach(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => lit.0.iter().position(|&b| is_trigger(b)),
        HirKind::Class(class) => all_triggers(class).then_some(0),
        HirKind::Repetition(rep) if rep.min >= 1 => reach(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => reach(&cap.sub),
        HirKind::Concat(parts) => {
            let mut before = 0usize;
            for part in parts {
                if let Some(n) = reach(part) {
                    return Some(before + n);
                }
                before += part.properties().maximum_len()?;
            }
            None
        }
        HirKind::Alternation(branches) => branches
            .iter()
            .try_fold(0, |most, branch| Some(most.max(reach(branch)?))),
    }
}

/// Whether every character of `class` is a trigger byte.
fn all_triggers(class: &Class) -> bool {
    match class {
        Class::Unicode(c) => c.ranges().iter().all(|r| {
            u8::try_from(u32::from(r.start())).is_ok_and(is_trigger)
                && u8::try_from(u32::from(r.end())).is_ok_and(is_trigger)
        }),
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .all(|r| is_trigger(r.start()) && is_trigger(r.end())),
    }
}

/// The first bytes a pattern's matches can have: `any` may start a match
/// anywhere, `boundary` only where an ASCII word boundary precedes it (the
/// pattern begins with `(?-u:\b)`).
#[derive(Clone)]
pub(crate) struct Lead {
    pub(crate) any: [bool; 256],
    pub(crate) boundary: [bool; 256],
}

impl Lead {
    pub(crate) fn of(hir: &Hir) -> Self {
        let mut lead = Self {
            any: [false; 256],
            boundary: [false; 256],
        };
        if lead.add(hir, false).is_some() {
            // The pattern can match the empty string: it can start anywhere.
            lead.any = [true; 256];
        }
        lead
    }

    fn push(&mut self, b: u8, after_boundary: bool) {
        if after_boundary && is_word(b) {
            self.boundary[usize::from(b)] = true;
        } else {
            self.any[usize::from(b)] = true;
        }
    }

    /// Adds the first bytes of `hir`, knowing whether a word boundary is
    /// asserted where it starts. Returns `None` when every match of `hir`
    /// consumes a byte, else whether a word boundary is still asserted after
    /// an empty match of it.
    fn add(&mut self, hir: &Hir, after_boundary: bool) -> Option<bool> {
        match hir.kind() {
            HirKind::Empty => Some(after_boundary),
            HirKind::Look(look) => Some(
                after_boundary
                    || matches!(
                        look,
                        Look::WordAscii | Look::WordStartAscii | Look::WordStartHalfAscii
                    ),
            ),
            HirKind::Literal(lit) => match lit.0.first() {
                Some(&b) => {
                    self.push(b, after_boundary);
                    None
                }
                None => Some(after_boundary),
            },
            HirKind::Class(class) => {
                match class {
                    Class::Unicode(c) => {
                        for r in c.ranges() {
                            let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                            for b in lo..=hi.min(0x7F) {
                                self.push(b as u8, after_boundary);
                            }
                            if hi > 0x7F {
                                // Some non-ASCII character: any lead byte.
                                for b in 0xC2..=0xF4u8 {
                                    self.push(b, after_boundary);
                                }
                            }
                        }
                    }
                    Class::Bytes(c) => {
                        for r in c.ranges() {
                            for b in r.start()..=r.end() {
                                self.push(b, after_boundary);
                            }
                        }
                    }
                }
                None
            }
            HirKind::Repetition(rep) => {
                let inner = self.add(&rep.sub, after_boundary);
                if rep.min == 0 {
                    Some(after_boundary)
                } else {
                    inner
                }
            }
            HirKind::Capture(cap) => self.add(&cap.sub, after_boundary),
            HirKind::Concat(parts) => {
                let mut asserted = after_boundary;
                for part in parts {
                    asserted = self.add(part, asserted)?;
                }
                Some(asserted)
            }
            HirKind::Alternation(branches) => {
                let mut empty: Option<bool> = None;
                for branch in branches {
                    if let Some(a) = self.add(branch, after_boundary) {
                        empty = Some(empty.map_or(a, |e| e && a));
                    }
                }
                empty
            }
        }
    }
}

/// For each first byte, the most bytes a match starting with it can have
/// before its first digit (`u8::MAX` would be unbounded, so such patterns
/// are never put here), with and without a word boundary before it.
#[derive(Clone)]
pub(crate) struct StartTable {
    any: [Option<u8>; 256],
    boundary: [Option<u8>; 256],
    /// The largest of them all: how far before a digit to look.
    most: usize,
}

impl StartTable {
    pub(crate) fn new() -> Self {
        Self {
            any: [None; 256],
            boundary: [None; 256],
            most: 0,
        }
    }

    /// Adds a pattern whose matches start with `lead` and have at most
    /// `reach` bytes before their first digit. `reach` must fit in a byte.
    pub(crate) fn add(&mut self, lead: &Lead, reach: u8) {
        let raise = |slot: &mut Option<u8>| *slot = Some(slot.map_or(reach, |r| r.max(reach)));
        for b in 0..256 {
            if lead.any[b] {
                raise(&mut self.any[b]);
            }
            if lead.boundary[b] {
                raise(&mut self.boundary[b]);
            }
        }
        self.most = self.most.max(usize::from(reach));
    }

    /// Whether a match of an anchored pattern can start at `s`, the next
    /// digit at or after `s` being at `digit`.
    fn can_start(&self, text: &[u8], s: usize, digit: usize) -> bool {
        let Some(&b) = text.get(s) else {
            return false;
        };
        let gap = digit - s;
        let fits = |r: Option<u8>| r.is_some_and(|r| gap <= usize::from(r));
        fits(self.any[usize::from(b)])
            || (fits(self.boundary[usize::from(b)]) && (s == 0 || !is_word(text[s - 1])))
    }
}

/// The positions of a text where an anchored pattern can start, in order.
pub(crate) struct Triggers<'t> {
    text: &'t [u8],
    table: &'t StartTable,
    /// The first digit at or after the last position asked for.
    digit: usize,
}

impl<'t> Triggers<'t> {
    pub(crate) fn new(text: &'t str, table: &'t StartTable) -> Self {
        Self {
            text: text.as_bytes(),
            table,
            digit: 0,
        }
    }

    /// The first position at or after `from` where an anchored pattern can
    /// start, if any.
    pub(crate) fn next(&mut self, from: usize) -> Option<usize> {
        let mut s = from;
        loop {
            if self.digit < s {
                self.digit = s;
            }
            self.digit = next_digit(self.text, self.digit)?;
            // No match can start more than `most` bytes before a digit.
            s = s.max(self.digit.saturating_sub(self.table.most));
            while s <= self.digit {
                if self.table.can_start(self.text, s, self.digit) {
                    return Some(s);
                }
                s += 1;
            }
        }
    }
}

/// The first ASCII digit at or after `from`.
pub(crate) fn next_digit(text: &[u8], from: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let rest = text.get(from..)?;
    // Eight bytes at a time: a byte is a digit when it lies in 0x30..=0x39.
    let mut i = 0;
    while i + 8 <= rest.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&rest[i..i + 8]);
        let w = u64::from_le_bytes(word);
        // High bit of each byte set when the byte is >= 0x30 and <= 0x39
        // (only for bytes below 0x80; bytes with the high bit set never are).
        let ge30 = (w | HI).wrapping_sub(LO * 0x30);
        let le39 = (LO * 0xB9).wrapping_sub(w & !HI);
        let hits = ge30 & le39 & !w & HI;
        if hits != 0 {
            return Some(from + i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    rest[i..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| from + i + p)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn hir(p: &str) -> Hir {
        regex_syntax::ParserBuilder::new().build().parse(p).unwrap()
    }

    #[test]
    fn reach_is_the_longest_prefix_before_a_digit() {
        assert_eq!(reach(&hir(r"(?-u:\b)[0-9]{3}")), Some(0));
        assert_eq!(reach(&hir(r"(?-u:\b)[A-Z]{2}[0-9]{2}")), Some(2));
        assert_eq!(reach(&hir(r"\+[1-9]")), Some(1));
        assert_eq!(reach(&hir(r"(?:ab|c)[0-9]")), Some(2));
        assert_eq!(reach(&hir(r"(?:ab|c[0-9])")), None);
        assert_eq!(reach(&hir(r"[A-Z]+[0-9]")), None);
        assert_eq!(reach(&hir(r"[0-9A-F]{2}")), None);
        assert_eq!(reach(&hir(r"x?[0-9]")), Some(1));
        assert_eq!(reach(&hir(r"[ \x{A0}][0-9]")), Some(2));
        assert_eq!(reach(&hir(r"a[0-9]*b")), None);
    }

    #[test]
    fn lead_knows_which_starts_need_a_word_boundary() {
        let lead = Lead::of(&hir(r"(?:-|(?-u:\b))[0-9]"));
        assert!(lead.any[usize::from(b'-')]);
        assert!(lead.boundary[usize::from(b'7')]);
        assert!(!lead.any[usize::from(b'7')]);
        let lead = Lead::of(&hir(r"(?:\((?-u:\b)|x?)[0-9]"));
        assert!(lead.any[usize::from(b'(')] && lead.any[usize::from(b'x')]);
        assert!(
            lead.any[usize::from(b'7')],
            "the empty branch asserts nothing"
        );
        let lead = Lead::of(&hir(r"[ \x{A0}]"));
        assert!(lead.any[0xC2] && lead.any[usize::from(b' ')]);
        assert!(Lead::of(&hir(r"a?")).any.iter().all(|&b| b));
    }

    #[test]
    fn triggers_list_boundary_starts_near_digits() {
        let mut table = StartTable::new();
        table.add(&Lead::of(&hir(r"(?-u:\b)[A-Z]{2}[0-9]")), 2);
        table.add(&Lead::of(&hir(r"(?-u:\b)[0-9]")), 0);
        let text = "Hello FR76 x AB99 and 12 345, xFR9";
        let mut t = Triggers::new(text, &table);
        let mut got = Vec::new();
        let mut from = 0;
        while let Some(s) = t.next(from) {
            got.push(&text[s..s + 2]);
            from = s + 1;
        }
        assert_eq!(got, vec!["FR", "AB", "12", "34"]);
    }

    #[test]
    fn next_digit_finds_every_digit() {
        let text = "abcdefghéèà0xyz1234567890 ÿ9";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let want = bytes
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, b)| b.is_ascii_digit())
                .map(|(i, _)| i);
            assert_eq!(next_digit(bytes, from), want, "from {from}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for from in 0..all.len() {
            let want = (from..all.len()).find(|&i| all[i].is_ascii_digit());
            assert_eq!(next_digit(&all, from), want);
        }
    }
}
