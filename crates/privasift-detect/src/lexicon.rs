//! Word lists searched only where a word can start.
//!
//! The nationality, organisation, address and special-category detectors
//! look for the entries of a word list in every text. An unanchored
//! Aho-Corasick pass reads every byte through the automaton (about a fifth
//! of a second per 100 MB each); but an entry only counts where a word
//! starts, so a [`Lexicon`] walks its automaton only from the bytes that
//! follow a non-word byte and whose first bytes can begin an entry (bit
//! sets of hashed three-, five- and eight-byte prefixes, so most words are turned
//! away without touching the automaton), and each walk ends as soon as no
//! entry continues.
//!
//! In a detector set, the lists of all its detectors are read together
//! ([`Group`], from `Detector::word_lists`): their prefix sets are merged
//! into tables with a bit per list, [`WordStarts`] reads each text's word
//! starts once and keeps those where some list may begin, with the lists
//! that may, and each list walks its automaton from its own only. A
//! detector run alone scans for its list by itself ([`Lexicon::find`]).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::words::ByteClass;

/// A word list compiled for anchored searches at word starts.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// A contiguous NFA, not a DFA: the special categories' 2,000 entries
    /// made an 8 MB DFA (the organisations' 722, 2.4 MB), whose rows each
    /// walk read from far in memory; the NFA is a small fraction of that,
    /// and as fast here (dense transitions near the root, where most walks
    /// end). Peak RSS of `detect` -11 MB.
    automaton: NFA,
    /// Bytes an entry can begin with (both cases when matching ignores
    /// ASCII case).
    first: [bool; 256],
    /// Bytes that belong to a word: an entry cannot start after one.
    word_byte: [bool; 256],
    /// `word_byte` as a [`ByteClass`], when it is one and every entry
    /// begins with a letter, a digit or a non-ASCII byte: blocks are then
    /// read with vector instructions, taking every such byte after a
    /// non-word byte as a start (a few more starts than `first` gives,
    /// which the prefix sets turn away).
    fast: Option<ByteClass>,
    /// The hashed first three (folded) bytes of every entry; an entry of
    /// one or two bytes sets every key it begins.
    prefixes: Box<[u64; PREFIX_WORDS]>,
    /// The hashed first eight bytes of the entries that have eight, the
    /// first five of those that have five to seven (in `long`), and the
    /// first three of those that have fewer (in `short`): a candidate whose
    /// three bytes begin an entry must also pass one of these. Common words
    /// share their first three bytes with some entry ("the" with "therapy",
    /// "pro" with "protest": two in five word starts passed the first set
    /// alone in the special categories' list), rarely their first five; and
    /// the common words that open entries of several words ("the", "la",
    /// "un", "dans") rarely their first eight ("the pill", "un cancer":
    /// with five bytes, "the b" passed for "the bible" before "the bipolar"
    /// and "the best"; a tenth of the word starts of a web-like text then
    /// walked an automaton for nothing).
    long: Box<[u64; PREFIX_WORDS]>,
    short: Box<[u64; PREFIX_WORDS]>,
    /// Entries that only match up to the end of a word (see
    /// [`Lexicon::ending_words`]); empty: every entry may end anywhere.
    word_end: Vec<bool>,
}

/// Bits in the prefix set: 2^15 (4 KiB, in L1). A few hundred entries set
/// a few percent of them, so a word that begins no entry passes by chance
/// a few times in a hundred.
const PREFIX_BITS: u32 = 15;
const PREFIX_WORDS: usize = 1 << (PREFIX_BITS - 6);

fn prefix_slot(a: u8, b: u8, c: u8) -> (usize, u64) {
    slot(prefix_hash(
        u32::from(a) | (u32::from(b) << 8) | (u32::from(c) << 16),
    ))
}

/// The hash of three bytes read as a little-endian number: `PREFIX_BITS`
/// bits.
fn prefix_hash(key: u32) -> u32 {
    key.wrapping_mul(0x9E37_79B1) >> (32 - PREFIX_BITS)
}

/// A hash's word index and bit in a prefix set.
fn slot(h: u32) -> (usize, u64) {
    // `h` has PREFIX_BITS bits: the word index and the bit fit.
    ((h >> 6) as usize, 1u64 << (h & 63))
}

fn long_slot(bytes: [u8; 5]) -> (usize, u64) {
    let mut key = 0u64;
    for (i, b) in bytes.into_iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    slot(long_hash(key))
}

/// The hash of five bytes read as a little-endian number: `PREFIX_BITS`
/// bits.
fn long_hash(key: u64) -> u32 {
    // `as`: the top PREFIX_BITS bits.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PREFIX_BITS)) as u32
}

/// The hash of eight bytes read as a little-endian number: `PREFIX_BITS`
/// bits, from another multiplier than [`long_hash`] (both are looked up in
/// the same set).
fn eight_hash(key: u64) -> u32 {
    // `as`: the top PREFIX_BITS bits.
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - PREFIX_BITS)) as u32
}

/// The eight bytes of `b` from `at`, little-endian, with bytes past the end
/// read as 0 (as if the text ended there).
fn load8(b: &[u8], at: usize) -> u64 {
    if let Some(&eight) = b.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        return u64::from_le_bytes(eight);
    }
    let rest = b.get(at..).unwrap_or(&[]);
    let mut eight = [0u8; 8];
    eight[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(eight)
}

/// `w` with the ASCII capitals among its eight bytes made lower case, eight
/// bytes at once: a byte's high bit marks it as at least `A`, or above `Z`,
/// after adding the right constant to its low seven bits (which cannot carry
/// into the next byte).
pub(crate) fn fold8(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = w & !HIGH;
    let at_least_a = low7 + ONES * u64::from(0x80 - b'A');
    let above_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let capital = at_least_a & !above_z & !w & HIGH;
    w | (capital >> 2)
}

/// `term`, and the same with the typographic apostrophe when it has a
/// straight one: word lists write `'`, French text often has `’` ("crise
/// d’angoisse", "L’Oréal"), and a byte-level lexicon cannot fold one into
/// the other (one byte against three), so both are entries.
pub(crate) fn with_either_apostrophe(term: &str) -> impl Iterator<Item = String> {
    let curly = term.contains('\'').then(|| term.replace('\'', "’"));
    std::iter::once(term.to_owned()).chain(curly)
}

/// One match: byte offsets in the searched text and the entry's index in
/// the list given to [`Lexicon::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

impl Lexicon {
    /// Compiles `words`. `ascii_case_insensitive` folds ASCII letters only
    /// (list accented capitals where they matter); `word_byte` says which
    /// bytes belong to words, for the left edge of a match.
    pub(crate) fn new<P: AsRef<[u8]>>(
        detector: &'static str,
        words: impl IntoIterator<Item = P>,
        ascii_case_insensitive: bool,
        word_byte: fn(u8) -> bool,
    ) -> Result<Self, crate::BuildError> {
        let words: Vec<P> = words.into_iter().collect();
        let mut first = [false; 256];
        let mut prefixes = Box::new([0u64; PREFIX_WORDS]);
        let mut long = Box::new([0u64; PREFIX_WORDS]);
        let mut short = Box::new([0u64; PREFIX_WORDS]);
        let set = |bits: &mut [u64; PREFIX_WORDS], a: u8, b: u8, c: u8| {
            let (w, bit) = prefix_slot(a, b, c);
            bits[w] |= bit;
        };
        for w in &words {
            // The prefix sets read ASCII capitals as lower case even for a
            // list that tells case apart: they only turn candidates away
            // (the automaton decides), and every list then reads the same
            // keys at the same starts (see [`WordStarts`]).
            let w = w.as_ref().to_ascii_lowercase();
            match *w.as_slice() {
                [] => {}
                [a] => (0..=255).for_each(|b| {
                    (0..=255).for_each(|c| {
                        set(&mut prefixes, a, b, c);
                        set(&mut short, a, b, c);
                    });
                }),
                [a, b] => (0..=255).for_each(|c| {
                    set(&mut prefixes, a, b, c);
                    set(&mut short, a, b, c);
                }),
                [a, b, c, _, _, _, _, _, ..] => {
                    set(&mut prefixes, a, b, c);
                    let mut eight = [0u8; 8];
                    eight.copy_from_slice(&w[..8]);
                    let (slot, bit) = slot(eight_hash(u64::from_le_bytes(eight)));
                    long[slot] |= bit;
                }
                [a, b, c, _, _, ..] => {
                    set(&mut prefixes, a, b, c);
                    let mut five = [0u8; 5];
                    five.copy_from_slice(&w[..5]);
                    let (slot, bit) = long_slot(five);
                    long[slot] |= bit;
                }
                [a, b, c, ..] => {
                    set(&mut prefixes, a, b, c);
                    set(&mut short, a, b, c);
                }
            }
            if let Some(&c) = w.first() {
                first[usize::from(c)] = true;
                first[usize::from(c.to_ascii_uppercase())] = true;
            }
        }
        let automaton = NFA::builder()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .map_err(|e| crate::BuildError::Detector {
                detector,
                message: e.to_string(),
            })?;
        let mut wb = [false; 256];
        for (c, slot) in (0u8..=255).zip(wb.iter_mut()) {
            *slot = word_byte(c);
        }
        let alnum_first = (0u8..=255)
            .filter(|&c| first[usize::from(c)])
            .all(|c| c.is_ascii_alphanumeric() || c >= 0x80);
        let fast = ByteClass::of(word_byte).filter(|_| alnum_first);
        Ok(Self {
            automaton,
            first,
            word_byte: wb,
            fast,
            prefixes,
            long,
            short,
            word_end: Vec::new(),
        })
    }

    /// Marks the entries (by index, `true`) that match only where the word
    /// ends with them: the longest entry at a start is then the longest
    /// that ends there, so "palm vein" is still found in "palm vein scans"
    /// when "palm vein scanners" is also listed.
    pub(crate) fn ending_words(mut self, word_end: Vec<bool>) -> Self {
        self.word_end = word_end;
        self
    }

    /// Whether a start whose first bytes hash to `h3` (three), `h5` (five)
    /// and `h8` (eight) passes the prefix sets. Without a branch: most starts fail,
    /// and a branch per start mispredicted often enough to cost more than
    /// the tests themselves.
    #[inline]
    fn may_begin(&self, (h3, h5, h8): (u32, u32, u32)) -> bool {
        let (w3, bit3) = slot(h3);
        let (w5, bit5) = slot(h5);
        let (w8, bit8) = slot(h8);
        let short = self.short[w3] & bit3 != 0;
        #[allow(clippy::needless_bitwise_bool)]
        let long = (self.long[w5] & bit5 != 0) | (self.long[w8] & bit8 != 0);
        #[allow(clippy::needless_bitwise_bool)]
        let pass = (self.prefixes[w3] & bit3 != 0) & (short | long);
        pass
    }

    /// The longest entry that starts at `s` and ends by `to`.
    fn longest_at(&self, b: &[u8], s: usize, to: usize) -> Option<Hit> {
        let nfa = &self.automaton;
        // Built with anchored starts, so this cannot fail.
        let mut sid = nfa.start_state(Anchored::Yes).ok()?;
        let mut hit = None;
        for (at, &c) in b[s..to].iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, c);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                let entry = nfa.match_pattern(sid, 0);
                let end = s + at + 1;
                // Match states also carry entries that end here but start
                // later (the unanchored automaton's failure matches).
                let cut = self.word_end.get(entry.as_usize()) == Some(&true)
                    && b.get(end).is_some_and(|&c| self.word_byte[usize::from(c)]);
                if end - nfa.pattern_len(entry) == s && !cut {
                    hit = Some(Hit {
                        start: s,
                        end,
                        entry: entry.as_usize(),
                    });
                }
            }
        }
        hit
    }

    /// The longest entries that start at the start of `text` or after a
    /// non-word byte, within `text[from..to]`, left to right and not
    /// overlapping (the search goes on after each one's end). The left edge
    /// is read in the whole text, so a range that starts inside a word
    /// finds nothing there; the right edge is left to the caller.
    pub(crate) fn find<'a>(&'a self, text: &'a [u8], from: usize, to: usize) -> Hits<'a> {
        Hits {
            lexicon: self,
            text,
            at: from,
            to: to.min(text.len()),
            base: from,
            mask: 0,
        }
    }

    /// What [`find`](Self::find) finds in the whole of `text`, read from
    /// the text's [`WordStarts`] for `group`, where this list has bit
    /// `bit`: only the starts the group's prefix sets kept for it, then the
    /// automaton from each.
    fn find_in<'a>(&'a self, text: &'a [u8], starts: &'a WordStarts, bit: u8) -> StartHits<'a> {
        StartHits {
            lexicon: self,
            text,
            starts: starts.starts.iter(),
            bit,
            after: 0,
        }
    }
}

/// The matches of [`Lexicon::find_in`].
pub(crate) struct StartHits<'a> {
    lexicon: &'a Lexicon,
    text: &'a [u8],
    starts: std::slice::Iter<'a, Start>,
    bit: u8,
    /// The end of the last match: the search goes on after it.
    after: usize,
}

impl Iterator for StartHits<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        for st in self.starts.by_ref() {
            if st.lists & self.bit == 0 || st.at < self.after {
                continue;
            }
            if let Some(hit) = self.lexicon.longest_at(self.text, st.at, self.text.len()) {
                self.after = hit.end;
                return Some(hit);
            }
        }
        None
    }
}

/// What a list finds in a text: from the shared word starts, or by its own
/// scan (a list outside the group, or a detector run alone).
pub(crate) enum Found<'a> {
    Shared(StartHits<'a>),
    Own(Hits<'a>),
}

impl Iterator for Found<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        match self {
            Self::Shared(h) => h.next(),
            Self::Own(h) => h.next(),
        }
    }
}

/// The hashes of the first three, five and eight bytes of `w` (read as
/// text from its low byte, ASCII capitals folded).
fn key_hashes(w: u64) -> (u32, u32, u32) {
    // `as`: the low three bytes.
    (
        prefix_hash((w & 0xFF_FFFF) as u32),
        long_hash(w & 0xFF_FFFF_FFFF),
        eight_hash(w),
    )
}

/// The word lists of a detector set whose candidates are found together:
/// their prefix sets merged into tables of one byte per hash, a bit per
/// list, so that one look-up per word start says which lists may begin
/// there (most starts: none). Up to eight lists whose word bytes are a
/// [`ByteClass`]; others read their own starts.
#[derive(Debug, Default)]
pub(crate) struct Group {
    /// The lists, by address: a list's bit is `1 << index`.
    members: Vec<usize>,
    prefixes: Box<[u8]>,
    short: Box<[u8]>,
    long: Box<[u8]>,
    /// For each byte, the lists for which a start after it is none: `_`
    /// for those whose words take it, `'`, `-` and `.` likewise.
    not_after: Box<[u8]>,
}

const SLOTS: usize = 1 << PREFIX_BITS;

impl Group {
    pub(crate) fn new<'a>(lists: impl IntoIterator<Item = &'a Lexicon>) -> Self {
        let lists: Vec<&Lexicon> = lists
            .into_iter()
            .filter(|l| l.fast.is_some())
            .take(8)
            .collect();
        let table = |bits: fn(&Lexicon) -> &[u64; PREFIX_WORDS]| -> Box<[u8]> {
            (0..SLOTS)
                .map(|h| {
                    let (w, bit) = slot(h as u32);
                    lists
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| bits(l)[w] & bit != 0)
                        .fold(0u8, |m, (i, _)| m | (1 << i))
                })
                .collect()
        };
        let flagged = |class: ByteClass| {
            lists
                .iter()
                .enumerate()
                .filter(|(_, l)| l.fast == Some(class))
                .fold(0u8, |m, (i, _)| m | (1 << i))
        };
        Self {
            members: lists
                .iter()
                .map(|l| std::ptr::from_ref(*l) as usize)
                .collect(),
            prefixes: table(|l| &l.prefixes),
            short: table(|l| &l.short),
            long: table(|l| &l.long),
            not_after: (0..=255u8)
                .map(|c| match c {
                    b'_' => flagged(ByteClass::AlnumUnderscore),
                    b'\'' | b'-' | b'.' => flagged(ByteClass::Word),
                    _ => 0,
                })
                .collect(),
        }
    }

    /// `lexicon`'s bit, if it is a member.
    fn bit(&self, lexicon: &Lexicon) -> Option<u8> {
        let at = std::ptr::from_ref(lexicon) as usize;
        self.members.iter().position(|&m| m == at).map(|i| 1u8 << i)
    }

    /// What `lexicon` finds in the whole of `text` (whose starts for this
    /// group are `starts`, worked out on first use).
    pub(crate) fn find<'a>(
        &'a self,
        lexicon: &'a Lexicon,
        text: &'a [u8],
        starts: impl FnOnce() -> &'a WordStarts,
    ) -> Found<'a> {
        match self.bit(lexicon) {
            Some(bit) => Found::Shared(lexicon.find_in(text, starts(), bit)),
            None => Found::Own(lexicon.find(text, 0, text.len())),
        }
    }
}

/// The places in a text where an entry of some list of a [`Group`] may
/// start (a letter, a digit or a non-ASCII byte after any other byte, or at
/// the start, whose first bytes pass that list's prefix sets), with the
/// lists that may: worked out once per text by the detector set, for every
/// list of the group to read.
#[derive(Debug, Default)]
pub(crate) struct WordStarts {
    starts: Vec<Start>,
}

#[derive(Clone, Copy, Debug)]
struct Start {
    at: usize,
    /// A bit per list of the group.
    lists: u8,
}

impl WordStarts {
    pub(crate) fn of(text: &[u8], group: &Group) -> Self {
        if group.members.is_empty() {
            return Self { starts: Vec::new() };
        }
        // The tables as arrays, so that indexing them with a hash of
        // `PREFIX_BITS` bits needs no bounds check (they are empty in a
        // group without members).
        let (Ok(prefixes), Ok(short), Ok(long), Ok(not_after)) = (
            <&[u8; SLOTS]>::try_from(&*group.prefixes),
            <&[u8; SLOTS]>::try_from(&*group.short),
            <&[u8; SLOTS]>::try_from(&*group.long),
            <&[u8; 256]>::try_from(&*group.not_after),
        ) else {
            return Self { starts: Vec::new() };
        };
        // (About one word start in four passes the prefix sets: room for
        // that without growing the vector on most texts.)
        let mut starts = Vec::with_capacity(text.len() / 24 + 4);
        let mut base = 0;
        while base < text.len() {
            let block = &text[base..(base + 64).min(text.len())];
            let prev_alnum = base
                .checked_sub(1)
                .is_some_and(|i| text[i].is_ascii_alphanumeric() || text[i] >= 0x80);
            let alnum = ByteClass::Alnum.mask(block);
            let mut todo = alnum & !((alnum << 1) | u64::from(prev_alnum));
            while todo != 0 {
                let k = todo.trailing_zeros();
                todo &= todo - 1;
                let at = base + k as usize;
                let (h3, h5, h8) = key_hashes(fold8(load8(text, at)));
                let (h3, h5, h8) = (h3 as usize, h5 as usize, h8 as usize);
                let not_after = at
                    .checked_sub(1)
                    .map_or(0, |i| not_after[usize::from(text[i])]);
                let lists = prefixes[h3] & (short[h3] | long[h5] | long[h8]) & !not_after;
                if lists != 0 {
                    starts.push(Start { at, lists });
                }
            }
            base += 64;
        }
        Self { starts }
    }
}

/// The matches of [`Lexicon::find`].
pub(crate) struct Hits<'a> {
    lexicon: &'a Lexicon,
    text: &'a [u8],
    /// Where the next block of candidates starts.
    at: usize,
    to: usize,
    /// The block being read: its first byte, and a bit per byte that can
    /// start an entry (not yet looked at).
    base: usize,
    mask: u64,
}

impl Hits<'_> {
    /// Marks, without branches, the bytes of `text[at..at + 64]` (within
    /// `to`) that follow a non-word byte and can begin an entry, and moves
    /// `at` past them.
    fn load_block(&mut self) {
        let lex = self.lexicon;
        let b = self.text;
        let base = self.at;
        let end = (base + 64).min(self.to);
        let mask = if let Some(class) = lex.fast {
            let block = &b[base..end];
            let prev_word = base > 0 && lex.word_byte[usize::from(b[base - 1])];
            let after_word = (class.mask(block) << 1) | u64::from(prev_word);
            ByteClass::Alnum.mask(block) & !after_word
        } else {
            let mut prev = if base == 0 { 0 } else { b[base - 1] };
            let mut mask = 0u64;
            for (k, &c) in b[base..end].iter().enumerate() {
                // `&`, not `&&`: no branch in this loop.
                #[allow(clippy::needless_bitwise_bool)]
                let starts = lex.first[usize::from(c)] & !lex.word_byte[usize::from(prev)];
                mask |= u64::from(starts) << k;
                prev = c;
            }
            mask
        };
        // Then keeps the starts whose first bytes can begin an entry, one
        // bit at a time but without a branch on the outcome: most starts
        // fail, and a branch per start mispredicted often enough to cost
        // more than the tests themselves.
        // Bytes at or after `to` read as 0, as if the text ended there.
        let within = &b[..self.to];
        let mut keep = 0u64;
        let mut todo = mask;
        while todo != 0 {
            let k = todo.trailing_zeros();
            todo &= todo - 1;
            let at = base + k as usize;
            keep |= u64::from(lex.may_begin(key_hashes(fold8(load8(within, at))))) << k;
        }
        self.base = base;
        self.mask = keep;
        self.at = end;
    }
}

impl Iterator for Hits<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        let lex = self.lexicon;
        let (b, to) = (&self.text[..self.to], self.to);
        loop {
            while self.mask == 0 {
                if self.at >= to {
                    return None;
                }
                self.load_block();
            }
            let s = self.base + self.mask.trailing_zeros() as usize;
            self.mask &= self.mask - 1;
            if let Some(hit) = lex.longest_at(b, s, to) {
                // Go on after the match: drop what is left of this block.
                self.mask = 0;
                self.at = hit.end;
                return Some(hit);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn alnum(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c >= 0x80
    }

    fn hits(lex: &Lexicon, text: &str) -> Vec<(usize, usize, usize)> {
        lex.find(text.as_bytes(), 0, text.len())
            .map(|h| (h.start, h.end, h.entry))
            .collect()
    }

    #[test]
    fn longest_entry_at_word_starts_only() {
        let lex = Lexicon::new("t", ["cat", "catholic", "holi"], true, alnum).unwrap();
        assert_eq!(hits(&lex, "Catholic cat"), [(0, 8, 1), (9, 12, 0)]);
        // "holi" inside "catholic" does not start a word; "cats" starts
        // with an entry (the caller checks the right edge).
        assert_eq!(hits(&lex, "xcatholic cats"), [(10, 13, 0)]);
        assert_eq!(hits(&lex, "é-holi"), [(3, 7, 2)]);
        assert!(hits(&lex, "").is_empty());
    }

    #[test]
    fn entries_that_must_end_a_word_give_way_to_shorter_ones() {
        let words = ["palm vein", "palm vein scan", "scan"];
        let lex = Lexicon::new("t", words, true, alnum).unwrap();
        // Without the mark, the longest entry is cut inside "scanners".
        assert_eq!(hits(&lex, "palm vein scanners"), [(0, 14, 1)]);
        let lex = lex.ending_words(vec![true, true, false]);
        assert_eq!(hits(&lex, "palm vein scanners"), [(0, 9, 0), (10, 14, 2)]);
        assert_eq!(hits(&lex, "palm vein scan."), [(0, 14, 1)]);
        assert!(hits(&lex, "palm veins").is_empty());
    }

    #[test]
    fn eight_bytes_fold_as_one_byte_does() {
        let mut next = crate::xorshift(11);
        for round in 0..20_000 {
            let w = next() ^ (next() << 32);
            let w = if round % 2 == 0 {
                w
            } else {
                w & 0x7F7F_7F7F_7F7F_7F7F
            };
            let want = u64::from_le_bytes(w.to_le_bytes().map(|c| c.to_ascii_lowercase()));
            assert_eq!(fold8(w), want, "{w:#x}");
        }
        for c in 0u8..=255 {
            let w = u64::from_le_bytes([c; 8]);
            assert_eq!(fold8(w).to_le_bytes(), [c.to_ascii_lowercase(); 8]);
        }
        assert_eq!(load8(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(load8(b"abc", 3), 0);
        assert_eq!(load8(b"abcdefghi", 1), u64::from_le_bytes(*b"bcdefghi"));
    }

    #[test]
    fn case_and_range() {
        let lex = Lexicon::new("t", ["Inc", "ministère"], false, alnum).unwrap();
        assert_eq!(
            hits(&lex, "inc Inc MINISTÈRE ministère"),
            [(4, 7, 0), (19, 29, 1)]
        );
        // The range cuts the right edge; the left edge is read in the whole
        // text.
        let text = "Inc Inc";
        let found: Vec<_> = lex.find(text.as_bytes(), 1, 6).map(|h| h.start).collect();
        assert!(found.is_empty());
        let found: Vec<_> = lex.find(text.as_bytes(), 4, 7).map(|h| h.start).collect();
        assert_eq!(found, [4]);
    }

    /// What an anchored leftmost-longest search finds at each word start, the
    /// lexicon finds too, on random texts over a small alphabet (so entries
    /// overlap and nest often), short ones and ones over several 64-byte
    /// blocks.
    #[test]
    fn agrees_with_an_unanchored_search_at_word_starts() {
        let words = ["ab", "abc", "b", "bca", "ca", "a b", "cab*", "é"];
        let lex = Lexicon::new("t", words, true, alnum).unwrap();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(words)
            .unwrap();
        let alphabet = ["a", "b", "c", "A", " ", "é", "*", "B"];
        let mut next = crate::xorshift(7);
        for round in 0..3000 {
            let n = usize::try_from(next() % if round % 3 == 0 { 300 } else { 14 }).unwrap();
            let text: String = (0..n)
                .map(|_| alphabet[usize::try_from(next() % 8).unwrap()])
                .collect();
            let b = text.as_bytes();
            let at_start = |s: usize| s == 0 || !alnum(b[s - 1]);
            // Reference: at each word start, the longest entry there;
            // skip past it.
            let mut want = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if at_start(i) {
                    let input = aho_corasick::Input::new(b)
                        .span(i..b.len())
                        .anchored(Anchored::Yes);
                    let m = ac.try_find(input).unwrap();
                    if let Some(m) = m {
                        want.push((m.start(), m.end(), m.pattern().as_usize()));
                        i = m.end();
                        continue;
                    }
                }
                i += 1;
            }
            assert_eq!(hits(&lex, &text), want, "{text:?}");
        }
    }

    /// Read from a text's shared word starts, every list of a group finds
    /// what its own scan finds: lists of each word class, telling case
    /// apart or not, on random texts where `_`, `'`, `-`, `.` come before
    /// entries.
    #[test]
    fn shared_starts_find_what_each_list_finds() {
        fn underscore(c: u8) -> bool {
            alnum(c) || c == b'_'
        }
        let words = ["ab", "Abc", "b", "bca", "ca", "a b", "é", "Ab-c", "c.a"];
        let lexicons: Vec<Lexicon> = [
            alnum as fn(u8) -> bool,
            underscore,
            crate::words::is_word_byte,
            |c: u8| c == b'a',
        ]
        .into_iter()
        .flat_map(|class| [true, false].map(|fold| Lexicon::new("t", words, fold, class).unwrap()))
        .collect();
        assert!(lexicons.iter().filter(|l| l.fast.is_some()).count() == 6);
        // The six lists with a byte class share their starts; the other two
        // read their own.
        let group = Group::new(&lexicons);
        assert_eq!(group.members.len(), 6);
        let alphabet = ["a", "b", "c", "A", " ", "é", "_", "'", "-", ".", "B"];
        let mut next = crate::xorshift(5);
        for round in 0..3000 {
            let n = usize::try_from(next() % if round % 3 == 0 { 300 } else { 14 }).unwrap();
            let text: String = (0..n)
                .map(|_| alphabet[usize::try_from(next() % 11).unwrap()])
                .collect();
            let b = text.as_bytes();
            let starts = WordStarts::of(b, &group);
            for lex in &lexicons {
                let shared: Vec<Hit> = group.find(lex, b, || &starts).collect();
                let own: Vec<Hit> = lex.find(b, 0, b.len()).collect();
                assert_eq!(shared, own, "{text:?}");
            }
        }
    }
}
