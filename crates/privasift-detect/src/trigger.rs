//! Where a match can start, worked out from a pattern's syntax, so that most
//! patterns are tried only near a few kinds of bytes.
//!
//! One unanchored automaton over every pattern builds its lazy-DFA states as
//! the text goes, one state per combination of partial matches in progress.
//! Over digit runs those combinations multiply (dozens of number patterns,
//! each at several offsets), so the automaton keeps building new states for
//! the whole of a long run; and even when its states are built it reads every
//! byte at lazy-DFA speed (about 1 GB/s), when most patterns cannot match far
//! from a digit, a colon or a dot. For each pattern, [`reach`] gives the most
//! bytes a match can have before its first [`Anchor`] (a digit; `://`;
//! `:`, `@` or `=`; `-` or `.`), [`Lead`] the bytes a match can start with,
//! [`Pairs`] its first two bytes and [`after_anchor`] the bytes that can
//! follow its first anchor; [`Triggers`] then lists the few
//! positions where one of them can start, and the engine tries the patterns
//! there with one anchored search each, whose automaton stays small. The
//! other patterns (literal-led: key prefixes, MRZ lines) keep an unanchored
//! automaton of their own, which finds them with a literal prefilter.
//!
//! The analysis is conservative: when it cannot tell, a pattern goes to the
//! unanchored automaton, and a start byte it cannot bound is allowed
//! everywhere. The engine's tests check that the automata together find
//! exactly what one automaton over every pattern finds.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// What a pattern's matches start near: every match holds one within a
/// bounded number of bytes from its start (a byte of a class, or `://`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// ASCII digits: phone numbers, identifiers, dates, IPv4.
    Digit,
    /// The three bytes `://`: URLs, and passwords in them. (As a byte of
    /// [`Anchor::Mark`] the colon would have these patterns tried at every
    /// word start before every colon.)
    Scheme,
    /// `:`, `@`, `=`: IPv6, MAC with colons, handles, `key=value`.
    Mark,
    /// `-` and `.`: MAC addresses with dashes or dots, `www.`. Frequent in
    /// prose, so only patterns that reach one within a few bytes use it.
    Joiner,
}

impl Anchor {
    /// In the order a pattern is offered to them: the first that bounds it
    /// closely enough takes it.
    pub(crate) const ALL: [Self; 4] = [Self::Digit, Self::Scheme, Self::Mark, Self::Joiner];

    const SCHEME: &[u8] = b"://";

    /// Whether the character `c` is an anchor in itself (`Scheme` is three).
    fn contains(self, c: u32) -> bool {
        let Ok(b) = u8::try_from(c) else {
            return false;
        };
        match self {
            Self::Digit => b.is_ascii_digit(),
            Self::Scheme => false,
            Self::Mark => matches!(b, b':' | b'@' | b'='),
            Self::Joiner => matches!(b, b'-' | b'.'),
        }
    }

    /// How many bytes an anchor takes.
    fn width(self) -> usize {
        match self {
            Self::Scheme => Self::SCHEME.len(),
            _ => 1,
        }
    }

    /// Where the first anchor lies in the literal bytes `lit`.
    fn first_in(self, lit: &[u8]) -> Option<usize> {
        match self {
            Self::Scheme => memchr::memmem::find(lit, Self::SCHEME),
            _ => lit.iter().position(|&b| self.contains(u32::from(b))),
        }
    }

    /// The most bytes a pattern may have before this anchor to be tried
    /// near it: looking further back before every anchor byte would cost
    /// more than one pass of the unanchored automaton.
    pub(crate) fn max_reach(self) -> u8 {
        match self {
            Self::Digit => 32,
            Self::Scheme => 16,
            Self::Mark => 64,
            Self::Joiner => 4,
        }
    }

    /// The first anchor at or after `from`.
    fn find(self, text: &[u8], from: usize) -> Option<usize> {
        let rest = text.get(from..)?;
        match self {
            Self::Digit => next_digit(text, from),
            Self::Scheme => {
                static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
                    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(Anchor::SCHEME));
                FINDER.find(rest).map(|i| from + i)
            }
            Self::Mark => memchr::memchr3(b':', b'@', b'=', rest).map(|i| from + i),
            Self::Joiner => memchr::memchr2(b'-', b'.', rest).map(|i| from + i),
        }
    }
}

/// A byte that is part of a word for the ASCII `\b` our patterns use.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// At most how many bytes precede the first `anchor` byte of any match of
/// `hir`: `None` when a match may hold none, or when that prefix is
/// unbounded.
pub(crate) fn reach(hir: &Hir, anchor: Anchor) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => anchor.first_in(&lit.0),
        HirKind::Class(class) => all_in(class, anchor).then_some(0),
        HirKind::Repetition(rep) if rep.min >= 1 => reach(&rep.sub, anchor),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => reach(&cap.sub, anchor),
        HirKind::Concat(parts) => {
            let mut before = 0usize;
            for part in parts {
                if let Some(n) = reach(part, anchor) {
                    return Some(before + n);
                }
                before += part.properties().maximum_len()?;
            }
            None
        }
        HirKind::Alternation(branches) => branches
            .iter()
            .try_fold(0, |most, branch| Some(most.max(reach(branch, anchor)?))),
    }
}

/// The bytes that can come right after the first anchor of a match of
/// `hir` (the pattern's reach to `anchor` being known): a `.` followed by a
/// space cannot start a MAC address, so most full stops are passed over
/// without looking back. Every byte when that cannot be told, or when a
/// match can end with its first anchor.
pub(crate) fn after_anchor(hir: &Hir, anchor: Anchor) -> [bool; 256] {
    match follow(hir, anchor) {
        Some(f) if !f.open => f.bytes,
        _ => [true; 256],
    }
}

/// What [`follow`] found: the bytes seen after the first anchor, and
/// whether the anchor can also be the last byte of the node's match (what
/// comes after the node then follows it).
struct Follow {
    bytes: [bool; 256],
    open: bool,
}

impl Follow {
    /// Adds the bytes a match of `next` can start with; false when `next`
    /// can match the empty string (what follows it may come next).
    fn add_first_bytes(&mut self, next: &Hir) -> bool {
        let lead = Lead::of(next);
        let mut all = true;
        for b in 0..256 {
            self.bytes[b] |= lead.any[b] || lead.boundary[b];
            all &= lead.any[b];
        }
        // `Lead::of` allows every byte for a node that can be empty.
        !all
    }
}

/// `None`: cannot tell.
fn follow(hir: &Hir, anchor: Anchor) -> Option<Follow> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let at = anchor.first_in(&lit.0)?;
            let mut f = Follow {
                bytes: [false; 256],
                open: false,
            };
            match lit.0.get(at + anchor.width()) {
                Some(&b) => f.bytes[usize::from(b)] = true,
                None => f.open = true,
            }
            Some(f)
        }
        HirKind::Class(class) if all_in(class, anchor) => Some(Follow {
            bytes: [false; 256],
            open: true,
        }),
        HirKind::Repetition(rep) if rep.min >= 1 => {
            let mut f = follow(&rep.sub, anchor)?;
            if f.open && rep.max != Some(1) && !f.add_first_bytes(&rep.sub) {
                return None;
            }
            Some(f)
        }
        HirKind::Capture(cap) => follow(&cap.sub, anchor),
        HirKind::Concat(parts) => {
            for (i, part) in parts.iter().enumerate() {
                if reach(part, anchor).is_some() {
                    let mut f = follow(part, anchor)?;
                    if f.open {
                        for next in &parts[i + 1..] {
                            if matches!(next.kind(), HirKind::Look(_)) {
                                continue;
                            }
                            if f.add_first_bytes(next) {
                                f.open = false;
                                break;
                            }
                        }
                    }
                    return Some(f);
                }
                // An earlier part that may hold an anchor in some matches
                // could hold the first one.
                if may_hold(part, anchor) {
                    return None;
                }
            }
            None
        }
        HirKind::Alternation(branches) => {
            let mut all = Follow {
                bytes: [false; 256],
                open: false,
            };
            for branch in branches {
                let f = follow(branch, anchor)?;
                for (a, b) in all.bytes.iter_mut().zip(f.bytes) {
                    *a |= b;
                }
                all.open |= f.open;
            }
            Some(all)
        }
        _ => None,
    }
}

/// Whether a match of `hir` may hold the first byte of an anchor.
fn may_hold(hir: &Hir, anchor: Anchor) -> bool {
    let first = match anchor {
        Anchor::Scheme => u32::from(Anchor::SCHEME[0]),
        _ => 0,
    };
    let hit = |c: u32| match anchor {
        Anchor::Scheme => c == first,
        _ => anchor.contains(c),
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.iter().any(|&b| hit(u32::from(b))),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| (u32::from(r.start())..=u32::from(r.end()).min(0xFF)).any(hit)),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| (u32::from(r.start())..=u32::from(r.end())).any(hit)),
        HirKind::Repetition(rep) => may_hold(&rep.sub, anchor),
        HirKind::Capture(cap) => may_hold(&cap.sub, anchor),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(|p| may_hold(p, anchor))
        }
    }
}

/// Whether every character of `class` is an `anchor` byte.
fn all_in(class: &Class, anchor: Anchor) -> bool {
    let bytes = |lo: u32, hi: u32| (lo..=hi).all(|c| anchor.contains(c));
    match class {
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .all(|r| bytes(u32::from(r.start()), u32::from(r.end()))),
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .all(|r| bytes(u32::from(r.start()), u32::from(r.end()))),
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

/// The pairs of first two bytes a pattern's matches can start with (a match
/// of one byte, or the last byte of the text, is allowed any second byte).
#[derive(Clone)]
pub(crate) struct Pairs {
    /// Bit `second` of row `first`.
    rows: Box<[[u64; 4]; 256]>,
}

impl Pairs {
    pub(crate) fn none() -> Self {
        Self {
            rows: Box::new([[0; 4]; 256]),
        }
    }

    /// The pairs `hir` can start with, from its literal prefixes; where
    /// those say nothing, every second byte after each byte of `lead`.
    pub(crate) fn of(hir: &Hir, lead: &Lead) -> Self {
        let mut pairs = Self::none();
        let any_second = |pairs: &mut Self| {
            for b in 0..256 {
                if lead.any[b] || lead.boundary[b] {
                    pairs.rows[b] = [u64::MAX; 4];
                }
            }
        };
        // Classes as large as an alphabet are expanded (the default stops at
        // 10 characters): hex digits and letters are what tells most
        // patterns apart here. The total still bounds the work.
        let seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_class(64)
            .limit_total(4096)
            .extract(hir);
        match seq.literals() {
            None => any_second(&mut pairs),
            Some(lits) => {
                for lit in lits {
                    match *lit.as_bytes() {
                        [] => any_second(&mut pairs),
                        [first] => pairs.rows[usize::from(first)] = [u64::MAX; 4],
                        [first, second, ..] => pairs.set(first, second),
                    }
                }
            }
        }
        pairs
    }

    fn set(&mut self, first: u8, second: u8) {
        self.rows[usize::from(first)][usize::from(second >> 6)] |= 1 << (second & 63);
    }

    fn union(&mut self, other: &Self) {
        for (row, o) in self.rows.iter_mut().zip(other.rows.iter()) {
            for (w, ow) in row.iter_mut().zip(o) {
                *w |= ow;
            }
        }
    }

    fn allows(&self, first: u8, second: Option<u8>) -> bool {
        second.is_none_or(|second| {
            self.rows[usize::from(first)][usize::from(second >> 6)] >> (second & 63) & 1 == 1
        })
    }
}

/// For one anchor, for each first byte, the most bytes a match starting
/// with it can have before its first anchor byte (`u8::MAX` would be
/// unbounded, so such patterns are never put here), with and without a word
/// boundary before it; and the pairs of first bytes the matches can have.
#[derive(Clone)]
pub(crate) struct StartTable {
    anchor: Anchor,
    any: [Option<u8>; 256],
    boundary: [Option<u8>; 256],
    pairs: Pairs,
    /// Per first byte, the larger of its two reaches, plus one (0: none):
    /// a quick first test.
    reach_plus_one: [u8; 256],
    /// The bytes that can follow an anchor that is the first of a match.
    after: [bool; 256],
    /// The largest of them all: how far before an anchor byte to look.
    most: usize,
    empty: bool,
}

impl StartTable {
    pub(crate) fn new(anchor: Anchor) -> Self {
        Self {
            anchor,
            any: [None; 256],
            boundary: [None; 256],
            pairs: Pairs::none(),
            reach_plus_one: [0; 256],
            after: [false; 256],
            most: 0,
            empty: true,
        }
    }

    /// Adds a pattern whose matches start with `lead` and `pairs`, have at
    /// most `reach` bytes before their first anchor and one of `after`
    /// right after it.
    pub(crate) fn add(&mut self, lead: &Lead, pairs: &Pairs, reach: u8, after: &[bool; 256]) {
        for (a, b) in self.after.iter_mut().zip(after) {
            *a |= b;
        }
        let raise = |slot: &mut Option<u8>| *slot = Some(slot.map_or(reach, |r| r.max(reach)));
        for b in 0..256 {
            if lead.any[b] {
                raise(&mut self.any[b]);
            }
            if lead.boundary[b] {
                raise(&mut self.boundary[b]);
            }
            if lead.any[b] || lead.boundary[b] {
                self.reach_plus_one[b] = self.reach_plus_one[b].max(reach.saturating_add(1));
            }
        }
        self.pairs.union(pairs);
        self.most = self.most.max(usize::from(reach));
        self.empty = false;
    }

    /// Whether a match of an anchored pattern can start at `s`, the next
    /// anchor byte at or after `s` being at `at`.
    fn can_start(&self, text: &[u8], s: usize, at: usize) -> bool {
        let Some(&b) = text.get(s) else {
            return false;
        };
        let gap = at - s;
        if gap >= usize::from(self.reach_plus_one[usize::from(b)]) {
            return false;
        }
        let fits = |r: Option<u8>| r.is_some_and(|r| gap <= usize::from(r));
        (fits(self.any[usize::from(b)])
            || (fits(self.boundary[usize::from(b)]) && (s == 0 || !is_word(text[s - 1]))))
            && self.pairs.allows(b, text.get(s + 1).copied())
    }
}

/// The positions of a text where an anchored pattern can start, in order,
/// from every table.
pub(crate) struct Triggers<'t> {
    text: &'t [u8],
    /// One per anchor (no allocation per text); `None` for a table without
    /// patterns.
    cursors: [Option<Cursor<'t>>; Anchor::ALL.len()],
}

/// One table's next allowed start.
struct Cursor<'t> {
    table: &'t StartTable,
    /// The first start the table allows at or after the last position
    /// asked for; `None` before the first question.
    next: Option<usize>,
    /// No start is left in the text.
    done: bool,
}

impl<'t> Triggers<'t> {
    /// `tables` has one table per anchor, in the order of [`Anchor::ALL`].
    pub(crate) fn new(text: &'t str, tables: &'t [StartTable]) -> Self {
        Self {
            text: text.as_bytes(),
            cursors: std::array::from_fn(|i| {
                tables.get(i).filter(|t| !t.empty).map(|table| Cursor {
                    table,
                    next: None,
                    done: false,
                })
            }),
        }
    }

    /// The first position at or after `from` where an anchored pattern can
    /// start, if any. `from` never moves back.
    pub(crate) fn next(&mut self, from: usize) -> Option<usize> {
        let mut first: Option<usize> = None;
        for c in self.cursors.iter_mut().flatten() {
            if c.done {
                continue;
            }
            // A start found for an earlier position still holds if it lies
            // at or after this one.
            if c.next.is_none_or(|n| n < from) {
                c.next = next_start(c.table, self.text, from);
                c.done = c.next.is_none();
            }
            if let Some(n) = c.next {
                first = Some(first.map_or(n, |f| f.min(n)));
            }
        }
        first
    }
}

/// The first position at or after `from` where a pattern of `table` can
/// start.
fn next_start(table: &StartTable, text: &[u8], from: usize) -> Option<usize> {
    let mut s = from;
    let mut at = from;
    loop {
        at = table.anchor.find(text, at.max(s))?;
        // No match has this anchor as its first: no start up to it can be
        // one (the first anchor of a match from there would be this one).
        if text
            .get(at + table.anchor.width())
            .is_some_and(|&b| !table.after[usize::from(b)])
        {
            s = at + 1;
            at += 1;
            continue;
        }
        // No match can start more than `most` bytes before an anchor byte.
        s = s.max(at.saturating_sub(table.most));
        while s <= at {
            if table.can_start(text, s, at) {
                return Some(s);
            }
            s += 1;
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
        assert_eq!(reach(&hir(r"(?-u:\b)[0-9]{3}"), Anchor::Digit), Some(0));
        assert_eq!(
            reach(&hir(r"(?-u:\b)[A-Z]{2}[0-9]{2}"), Anchor::Digit),
            Some(2)
        );
        assert_eq!(reach(&hir(r"\+[1-9]"), Anchor::Digit), Some(1));
        assert_eq!(reach(&hir(r"(?:ab|c)[0-9]"), Anchor::Digit), Some(2));
        assert_eq!(reach(&hir(r"(?:ab|c[0-9])"), Anchor::Digit), None);
        assert_eq!(reach(&hir(r"[A-Z]+[0-9]"), Anchor::Digit), None);
        assert_eq!(reach(&hir(r"[0-9A-F]{2}"), Anchor::Digit), None);
        assert_eq!(reach(&hir(r"x?[0-9]"), Anchor::Digit), Some(1));
        assert_eq!(reach(&hir(r"[ \x{A0}][0-9]"), Anchor::Digit), Some(2));
        assert_eq!(reach(&hir(r"a[0-9]*b"), Anchor::Digit), None);
    }

    #[test]
    fn reach_finds_each_anchor() {
        let url = hir(r"[Hh][Tt][Tt][Pp][Ss]?://[^ ]+");
        assert_eq!(reach(&url, Anchor::Scheme), Some(5));
        assert_eq!(reach(&url, Anchor::Mark), Some(5));
        assert_eq!(reach(&url, Anchor::Digit), None);
        let mac = hir(r"(?-u:\b)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}");
        assert_eq!(reach(&mac, Anchor::Joiner), Some(4));
        assert_eq!(reach(&hir(r"@[a-z]+"), Anchor::Mark), Some(0));
        // A colon in a class with other characters anchors nothing.
        assert_eq!(reach(&hir(r"[a:]b:"), Anchor::Mark), Some(2));
        assert_eq!(reach(&hir(r"[a:]b"), Anchor::Mark), None);
    }

    #[test]
    fn after_anchor_is_what_follows_the_first_anchor() {
        let set = |p: &str, a: Anchor| -> Vec<u8> {
            let after = after_anchor(&hir(p), a);
            (0..=255u8).filter(|&b| after[usize::from(b)]).collect()
        };
        // A full stop followed by a space starts no MAC address.
        let hex: Vec<u8> = (b'0'..=b'9')
            .chain(b'A'..=b'F')
            .chain(b'a'..=b'f')
            .collect();
        assert_eq!(
            set(r"(?-u:\b)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}", Anchor::Joiner),
            hex
        );
        // After `://`, what the literal says.
        assert_eq!(set(r"https?://w", Anchor::Scheme), vec![b'w']);
        // A repeated anchor may be followed by itself or by what comes next.
        assert_eq!(set(r"x-+y", Anchor::Joiner), vec![b'-', b'y']);
        // Branches add up.
        assert_eq!(set(r"(?:a:b|c:d)", Anchor::Mark), vec![b'b', b'd']);
        // A match may end with its anchor, or an optional part follows it:
        // anything may come next.
        assert_eq!(set(r"ab:", Anchor::Mark).len(), 256);
        assert_eq!(set(r"a:b?", Anchor::Mark).len(), 256);
        // An earlier part may hold the first anchor: cannot tell.
        assert_eq!(set(r"[a:]*b:c", Anchor::Mark).len(), 256);
        // Only the first anchor counts.
        assert_eq!(set(r"a:b:c", Anchor::Mark), vec![b'b']);
    }

    #[test]
    fn pairs_come_from_literal_prefixes() {
        let p = hir(r"(?i:token|mdp)=");
        let lead = Lead::of(&p);
        let pairs = Pairs::of(&p, &lead);
        assert!(pairs.allows(b't', Some(b'O')) && pairs.allows(b'M', Some(b'd')));
        assert!(!pairs.allows(b't', Some(b'a')) && !pairs.allows(b'x', Some(b'o')));
        // The last byte of a text has no second byte to check.
        assert!(pairs.allows(b't', None));
        // Classes up to 64 characters are listed...
        let p = hir(r"[a-z]{9}[0-9]");
        let pairs = Pairs::of(&p, &Lead::of(&p));
        assert!(pairs.allows(b'q', Some(b'z')) && !pairs.allows(b'q', Some(b'#')));
        // ...larger ones are not: every second byte after each lead.
        let p = hir(r"[!-~][0-9]");
        let pairs = Pairs::of(&p, &Lead::of(&p));
        assert!(pairs.allows(b'q', Some(b'#')) && !pairs.allows(0xC3, Some(b'0')));
    }

    #[test]
    fn triggers_skip_anchors_no_match_starts_from() {
        let mut table = StartTable::new(Anchor::Joiner);
        let p = r"(?-u:\b)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}";
        let lead = Lead::of(&hir(p));
        table.add(
            &lead,
            &Pairs::of(&hir(p), &lead),
            4,
            &after_anchor(&hir(p), Anchor::Joiner),
        );
        let text = "a face. A cafe.beef";
        let tables = [table];
        let mut t = Triggers::new(text, &tables);
        assert_eq!(t.next(0), Some(text.find("cafe").unwrap()));
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
        let mut table = StartTable::new(Anchor::Digit);
        for (p, r) in [(r"(?-u:\b)[A-Z]{2}[0-9]", 2), (r"(?-u:\b)[0-9]", 0)] {
            let lead = Lead::of(&hir(p));
            table.add(&lead, &Pairs::of(&hir(p), &lead), r, &[true; 256]);
        }
        let text = "Hello FR76 x AB99 and 12 345, xFR9";
        let tables = [table];
        let mut t = Triggers::new(text, &tables);
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
