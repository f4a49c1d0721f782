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
    /// A 4096-bit set over the words' length, first two and last bytes: a
    /// word that misses it is not looked up. Most words asked about are
    /// not in the list (a capitalised word is asked of several lists), and
    /// most miss here. (Not a [`KeyFilter`] on purpose: inline, with a
    /// shorter hash, PERSON ran 6 % faster than with one.)
    bits: [u64; 64],
    /// For each first byte, a bit per length (15 for 15 and more) of the
    /// words that begin with it: two loads turn away most words before
    /// any hashing (a capitalised word is asked of a dozen lists).
    by_first: [u16; 256],
}

impl WordList {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        Self::of(&[words])
    }

    /// One set of the words of several lists.
    pub(crate) fn of(lists: &[&[&'static str]]) -> Self {
        let set: rustc_hash::FxHashSet<&'static str> =
            lists.iter().flat_map(|l| l.iter().copied()).collect();
        let mut bits = [0u64; 64];
        let mut by_first = [0u16; 256];
        for w in &set {
            let (i, bit) = Self::slot(w.as_bytes());
            bits[i] |= bit;
            let first = w.as_bytes().first().copied().unwrap_or(0);
            by_first[usize::from(first)] |= 1 << w.len().min(15);
        }
        Self {
            set,
            bits,
            by_first,
        }
    }

    fn slot(w: &[u8]) -> (usize, u64) {
        let byte = |i: usize| u64::from(w.get(i).copied().unwrap_or(0));
        let last = w.len().checked_sub(1).map_or(0, byte);
        let packed = (w.len() as u64) | byte(0) << 8 | byte(1) << 16 | last << 24;
        let h = packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52;
        ((h >> 6) as usize, 1u64 << (h & 63))
    }

    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let first = word.as_bytes().first().copied().unwrap_or(0);
        if self.by_first[usize::from(first)] >> word.len().min(15) & 1 == 0 {
            return false;
        }
        let (i, bit) = Self::slot(word.as_bytes());
        self.bits[i] & bit != 0 && self.set.contains(word)
    }
}

/// A bit set over hashed keys, in front of a large hash set: `false` means
/// the key is surely not in the set it was built from; `true`, maybe. The
/// gazetteers' hash sets span megabytes, so a look-up of a word they do not
/// hold (most words asked about) costs a cache miss; this set's 64 KiB
/// mostly stays in cache. Built from 40,000 keys, one bit in thirteen is
/// set. The hash reads the length and the first and last bytes only.
pub(crate) struct KeyFilter {
    /// `FILTER_WORDS` words.
    bits: Box<[u64]>,
}

const FILTER_BITS: u32 = 19;
const FILTER_WORDS: usize = 1 << (FILTER_BITS - 6);

impl KeyFilter {
    pub(crate) fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; FILTER_WORDS].into_boxed_slice();
        for k in keys {
            let (w, bit) = Self::slot(k.as_bytes());
            bits[w] |= bit;
        }
        Self { bits }
    }

    pub(crate) fn may_contain(&self, key: &str) -> bool {
        self.may_contain_bytes(key.as_bytes())
    }

    /// [`may_contain`](Self::may_contain) of a key's UTF-8 bytes.
    pub(crate) fn may_contain_bytes(&self, key: &[u8]) -> bool {
        let (w, bit) = Self::slot(key);
        self.bits[w] & bit != 0
    }

    fn slot(key: &[u8]) -> (usize, u64) {
        let byte = |i: usize| u64::from(key.get(i).copied().unwrap_or(0));
        let n = key.len();
        let from_end = |k: usize| n.checked_sub(k).map_or(0, byte);
        let packed = (n as u64)
            | byte(0) << 8
            | byte(1) << 16
            | byte(2) << 24
            | byte(3) << 32
            | from_end(1) << 40
            | from_end(2) << 48
            | from_end(3) << 56;
        let h = packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS);
        ((h >> 6) as usize, 1u64 << (h & 63))
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

/// Packs 64 flags (each 0 or 1) into a mask, flag `k` at bit `k`: eight
/// at a time, by a multiplication that gathers the low bit of each byte into
/// the top byte.
#[inline]
fn pack_flags(flags: &[u8; 64]) -> u64 {
    let mut bits = 0u64;
    for (i, chunk) in flags.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        bits |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i);
    }
    bits
}

/// Byte classes that block scans test 64 bytes at a time. Each is written
/// with comparisons rather than a table look-up, so that the compiler turns
/// the loop over a block into vector instructions (a look-up per byte
/// cannot be).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ByteClass {
    /// ASCII letters and digits, and every non-ASCII byte.
    Alnum,
    /// [`ByteClass::Alnum`] and `_`.
    AlnumUnderscore,
    /// The bytes of [`words`]: [`ByteClass::Alnum`] and `'`, `-`, `.`
    /// ([`WORD_BYTE`]).
    Word,
    /// What can begin a capitalised word: an ASCII capital or the lead
    /// byte of a UTF-8 sequence from U+00C0 on (accented capitals; the
    /// caller checks the case of the char).
    CapitalLead,
    /// ASCII digits.
    Digit,
}

impl ByteClass {
    /// The class that answers as `f` on every byte, if one does.
    pub(crate) fn of(f: fn(u8) -> bool) -> Option<Self> {
        [
            Self::Alnum,
            Self::AlnumUnderscore,
            Self::Word,
            Self::CapitalLead,
            Self::Digit,
        ]
        .into_iter()
        .find(|class| (0..=255u8).all(|c| class.mask(&[c]) & 1 == u64::from(f(c))))
    }

    /// A bit per byte of `block` (at most 64 bytes) in the class, byte `k`
    /// at bit `k`; none past the block. (Always inlined, as is `mask_of`:
    /// a loop only becomes vector code once its test is inlined into it.
    /// `|` between booleans: no branch per byte.)
    #[allow(clippy::inline_always, clippy::needless_bitwise_bool)]
    #[inline(always)]
    pub(crate) fn mask(self, block: &[u8]) -> u64 {
        #[cfg(target_feature = "sse2")]
        if let Ok(full) = <&[u8; 64]>::try_from(block) {
            return sse2::mask(self, full);
        }
        let alnum = |c: u8| {
            let letter = (c | 0x20).wrapping_sub(b'a') < 26;
            let digit = c.wrapping_sub(b'0') < 10;
            letter | digit | (c >= 0x80)
        };
        // One loop per class, so that each is vectorised on its own.
        match self {
            Self::Alnum => mask_of(block, alnum),
            Self::AlnumUnderscore => mask_of(block, |c| alnum(c) | (c == b'_')),
            Self::Word => mask_of(block, |c| {
                alnum(c) | (c == b'\'') | (c == b'-') | (c == b'.')
            }),
            Self::CapitalLead => mask_of(block, is_capital_lead),
            Self::Digit => mask_of(block, |c| c.wrapping_sub(b'0') < 10),
        }
    }
}

/// [`ByteClass::mask`] of a whole 64-byte block, sixteen bytes per
/// instruction (SSE2, which every x86-64 processor has): a quarter of the
/// instructions of the portable loop, and each word detector reads every
/// block of every text through one of these.
#[cfg(target_feature = "sse2")]
#[allow(clippy::inline_always)]
mod sse2 {
    use safe_arch::{
        add_i8_m128i, cmp_eq_mask_i8_m128i, cmp_gt_mask_i8_m128i, cmp_lt_mask_i8_m128i,
        load_unaligned_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i, sub_i8_m128i,
    };

    use super::ByteClass;

    fn splat(c: u8) -> m128i {
        set_splat_i8_m128i(i8::from_ne_bytes([c]))
    }

    /// All ones in the lanes whose byte, read as unsigned, is in
    /// `lo..lo + n` (`n` at most 128): shifted down by `lo`, then compared
    /// as signed bytes after moving the range to the bottom of them.
    #[inline(always)]
    fn in_range(x: m128i, lo: u8, n: u8) -> m128i {
        let shifted = add_i8_m128i(sub_i8_m128i(x, splat(lo)), splat(0x80));
        cmp_lt_mask_i8_m128i(shifted, splat(n.wrapping_add(0x80)))
    }

    /// The class's lanes; only the top bit of each lane counts (so a byte
    /// of 0x80 or more can stand for itself).
    #[inline(always)]
    fn lanes(class: ByteClass, x: m128i) -> m128i {
        let alnum = || in_range(x | splat(0x20), b'a', 26) | in_range(x, b'0', 10) | x;
        match class {
            ByteClass::Alnum => alnum(),
            ByteClass::AlnumUnderscore => alnum() | cmp_eq_mask_i8_m128i(x, splat(b'_')),
            ByteClass::Word => {
                alnum()
                    | cmp_eq_mask_i8_m128i(x, splat(b'\''))
                    | cmp_eq_mask_i8_m128i(x, splat(b'-'))
                    | cmp_eq_mask_i8_m128i(x, splat(b'.'))
            }
            // 0xC3 and above: above 0x42 once the top bit is flipped.
            ByteClass::CapitalLead => {
                in_range(x, b'A', 26) | cmp_gt_mask_i8_m128i(x ^ splat(0x80), splat(0x42))
            }
            ByteClass::Digit => in_range(x, b'0', 10),
        }
    }

    #[inline(always)]
    pub(super) fn mask(class: ByteClass, block: &[u8; 64]) -> u64 {
        let (chunks, _) = block.as_chunks::<16>();
        let mut bits = 0u64;
        for (k, chunk) in chunks.iter().enumerate() {
            let m = move_mask_i8_m128i(lanes(class, load_unaligned_m128i(chunk)));
            // `as`: the sixteen bits of the mask.
            bits |= u64::from(m as u16) << (16 * k);
        }
        bits
    }
}

/// A bit per byte of `block` (at most 64 bytes) for which `holds` is true;
/// none past the block.
#[allow(clippy::inline_always)]
#[inline(always)]
fn mask_of(block: &[u8], holds: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; 64];
    if let Ok(full) = <&[u8; 64]>::try_from(block) {
        for (&c, f) in full.iter().zip(flags.iter_mut()) {
            *f = u8::from(holds(c));
        }
    } else {
        for (&c, f) in block.iter().zip(flags.iter_mut()) {
            *f = u8::from(holds(c));
        }
    }
    pack_flags(&flags)
}

pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    // Bytes, not chars: ASCII letters, digits, ' - . and every non-ASCII byte
    // (accented letters; a few non-ASCII punctuation marks stay glued to
    // their word, which then does not read as capitalised).
    let b = text.as_bytes();
    // (About one word in six bytes; a short text's few words fit without
    // growing the vector.)
    let mut out = Vec::with_capacity(b.len() / 6 + 4);
    runs_of(b, ByteClass::Word, |start, end| {
        if let Some(w) = trim_word(text, start, end) {
            out.push(w);
        }
    });
    out
}

/// Calls `each(start, end)` for every maximal run of bytes of `class` in
/// `b`, left to right. 64 bytes at a time: a bit per byte of the class,
/// set without branches; a run starts at a set bit after a clear one and
/// ends at a clear bit after a set one, and those edges, which alternate,
/// are read off with `trailing_zeros` (a word is about five bytes: a loop
/// with a branch per byte cost twice as much).
#[inline]
pub(crate) fn runs_of(b: &[u8], class: ByteClass, mut each: impl FnMut(usize, usize)) {
    // Whether the byte before the block is in the class (as a bit), and
    // where the run that reaches into the block started.
    let mut carry = 0u64;
    let mut start = 0;
    for (block_no, block) in b.chunks(64).enumerate() {
        let base = block_no * 64;
        let mask = class.mask(block);
        let before = (mask << 1) | carry;
        let starts = mask & !before;
        // (Bits past a short last block are clear in `mask`: no edge there
        // is taken for the end of a run; the text's end closes it below.)
        let valid = u64::MAX >> (64 - block.len());
        let mut edges = (starts | (!mask & before)) & valid;
        while edges != 0 {
            let k = edges.trailing_zeros();
            edges &= edges - 1;
            let at = base + k as usize;
            if starts >> k & 1 == 1 {
                start = at;
            } else {
                each(start, at);
            }
        }
        carry = mask >> 63;
    }
    // A run that reaches the end of the text.
    if let Some(last) = b.last()
        && class.mask(std::slice::from_ref(last)) & 1 == 1
    {
        each(start, b.len());
    }
}

/// Whether byte `c` can begin a word written as a name (see
/// [`ByteClass::CapitalLead`]). (`|`: no branch, so that a loop over bytes
/// is vectorised.)
#[allow(clippy::inline_always, clippy::needless_bitwise_bool)]
#[inline(always)]
pub(crate) fn is_capital_lead(c: u8) -> bool {
    (c.wrapping_sub(b'A') < 26) | (c >= 0xC3)
}

/// The bytes that can begin a word written as a name: an ASCII capital or
/// the lead byte of a two-byte or longer UTF-8 sequence from U+00C0 on
/// (accented capitals; the caller checks the case of the char). The
/// reference [`ByteClass::CapitalLead`] is tested against.
#[cfg(test)]
const CAPITAL_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_uppercase() || i >= 0xC3;
        i += 1;
    }
    t
};

/// The offsets, left to right, of the bytes of `text` that follow a
/// non-word byte (or start the text) and can begin a capitalised word (see
/// [`ByteClass::CapitalLead`]). Read 64 bytes at a time without branches: a detector
/// that only cares about capitalised words skips the rest of the text
/// (most of it) at a fraction of the cost of a byte loop.
pub(crate) fn capital_starts(text: &str) -> CapitalStarts<'_> {
    CapitalStarts {
        b: text.as_bytes(),
        at: 0,
        base: 0,
        mask: 0,
    }
}

pub(crate) struct CapitalStarts<'t> {
    b: &'t [u8],
    /// Where the next block starts.
    at: usize,
    /// The block being read and a bit per start not yet returned.
    base: usize,
    mask: u64,
}

impl Iterator for CapitalStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            if self.at >= self.b.len() {
                return None;
            }
            let base = self.at;
            let end = (base + 64).min(self.b.len());
            let prev_word = base > 0 && WORD_BYTE[usize::from(self.b[base - 1])];
            let block = &self.b[base..end];
            let (word, capital) = (
                ByteClass::Word.mask(block),
                ByteClass::CapitalLead.mask(block),
            );
            // A start follows a byte that is not a word byte.
            let after_word = (word << 1) | u64::from(prev_word);
            self.base = base;
            self.mask = capital & !after_word;
            self.at = end;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

/// The word starting at byte `s` (a word byte after a non-word byte), and
/// the byte where the scan goes on. `None` when trimming leaves nothing.
pub(crate) fn word_at(text: &str, s: usize) -> (usize, Option<Word<'_>>) {
    let b = text.as_bytes();
    let mut i = s;
    while i < b.len() && is_word_byte(b[i]) {
        i += 1;
    }
    (i, trim_word(text, s, i))
}

/// The word in the run of word bytes `text[s..e]`, trimmed of the
/// punctuation it may end with. `None` when nothing is left. (Inlined:
/// most words end with a letter or a digit and have nothing to trim, and
/// `words()` asks for every word of every text.)
#[inline]
fn trim_word(text: &str, s: usize, e: usize) -> Option<Word<'_>> {
    let b = text.as_bytes();
    if e > s && !matches!(b[e - 1], b'.' | b'\'' | b'-') {
        // (A run of word bytes ends on ASCII or at the end of the text, so
        // on a char boundary.)
        return Some(Word {
            start: s,
            end: e,
            text: &text[s..e],
        });
    }
    trim_punctuation(text, s, e)
}

/// [`trim_word`] of a run that ends with `.`, `'` or `-`.
#[inline(never)]
fn trim_punctuation(text: &str, s: usize, mut e: usize) -> Option<Word<'_>> {
    let b = text.as_bytes();
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
    (e > s).then(|| Word {
        start: s,
        end: e,
        text: &text[s..e],
    })
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
    // Most words asked about are capitalised ("Paris"): a small second
    // letter answers at once, as the tests below would.
    if w.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
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

    /// What `words` gave before it read 64 bytes at a time: a byte at a
    /// time, through `word_at`.
    fn words_one_byte_at_a_time(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !is_word_byte(b[i]) {
                i += 1;
                continue;
            }
            let (next, word) = word_at(text, i);
            i = next;
            out.extend(word.map(|w| (w.start, w.end)));
        }
        out
    }

    #[test]
    fn bytes_are_classified_as_by_the_tables() {
        type Reference = (ByteClass, fn(u8) -> bool);
        let reference: [Reference; 5] = [
            (ByteClass::Word, |c| WORD_BYTE[usize::from(c)]),
            (ByteClass::CapitalLead, |c| CAPITAL_LEAD[usize::from(c)]),
            (ByteClass::Alnum, |c| c.is_ascii_alphanumeric() || c >= 0x80),
            (ByteClass::AlnumUnderscore, |c| {
                c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
            }),
            (ByteClass::Digit, |c| c.is_ascii_digit()),
        ];
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d);
        let all: Vec<u8> = (0..=255).collect();
        let random = (0..=64)
            .chain([64; 200])
            .map(|len| (0..len).map(|_| (next() % 256) as u8).collect::<Vec<u8>>());
        for block in all.chunks(64).map(<[u8]>::to_vec).chain(random) {
            for (class, holds) in reference {
                let mask = class.mask(&block);
                for (k, &c) in block.iter().enumerate() {
                    assert_eq!(mask >> k & 1 == 1, holds(c), "{class:?} {c:#x}");
                }
                if block.len() < 64 {
                    assert_eq!(mask >> block.len(), 0, "nothing past the block");
                }
                assert_eq!(ByteClass::of(holds), Some(class));
            }
        }
        assert_eq!(ByteClass::of(|c| c == b'x'), None);
    }

    /// `count` texts of fewer than `max` pieces drawn from `pieces`.
    fn random_texts<'p>(
        pieces: &'p [&'p str],
        count: usize,
        max: u64,
    ) -> impl Iterator<Item = String> + 'p {
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15);
        (0..count).map(move |_| {
            let n = next() % max;
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
    }

    #[test]
    fn capital_starts_are_found_as_a_byte_at_a_time() {
        let pieces = [
            "A", "a", "É", "é", " ", "-", ".", "'", "Zoë", "x", "\n", "1", "«",
        ];
        for text in random_texts(&pieces, 2000, 120) {
            let b = text.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| CAPITAL_LEAD[usize::from(b[i])] && (i == 0 || !is_word_byte(b[i - 1])))
                .collect();
            assert_eq!(capital_starts(&text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn words_are_cut_as_a_byte_at_a_time() {
        let pieces = [
            "a",
            "Dr.",
            "M.",
            " ",
            "  ",
            ".",
            "-",
            "'",
            "é",
            "Zoë",
            "12",
            ",",
            "\n",
            "x.y",
            "G.",
            "end.",
            "l'",
            "--",
            "Anne-Marie",
        ];
        for text in random_texts(&pieces, 3000, 90) {
            let got: Vec<(usize, usize)> = words(&text).iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(got, words_one_byte_at_a_time(&text), "{text:?}");
        }
        // Runs across 64-byte blocks, and a text that is one long word.
        let long = format!("{} {}", "x".repeat(130), "y.".repeat(70));
        let got: Vec<(usize, usize)> = words(&long).iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(got, words_one_byte_at_a_time(&long));
        assert!(words("").is_empty() && words(" . ").is_empty());
    }

    #[test]
    fn a_key_filter_never_turns_a_key_away() {
        let keys: Vec<String> = (0..40_000).map(|i| format!("ville-{i}")).collect();
        let filter = KeyFilter::new(keys.iter().map(String::as_str));
        assert!(keys.iter().all(|k| filter.may_contain(k)));
        assert!(filter.may_contain("ville-7") && !KeyFilter::new([]).may_contain(""));
        // Words it was not built from are mostly turned away.
        let passed = (0..10_000)
            .filter(|i| filter.may_contain(&format!("mot{i}")))
            .count();
        assert!(passed < 2_000, "{passed}");
    }

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
