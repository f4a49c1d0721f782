//! A deterministic generator of FAKE English and French documents full of the
//! personal data privasift's detectors find, with gold spans: the test data
//! the real corpora of `../shared/bench` lack (French identifiers, contact
//! details, credentials...).
//!
//! Each document mixes neutral filler prose, 0 to 4 sentences that carry one
//! value each (an e-mail, a French NIR with a valid key, an IBAN with valid
//! check digits...), and near misses that must not be flagged (a card number
//! failing Luhn, an IBAN with wrong check digits, a price, a version number).
//! Output is the bench format, offsets in code points:
//! `{"id","text","lang","spans":[{"start","end","label","orig_label"}]}`,
//! where `orig_label` is privasift's kind (`fr-nir`) and `label` its label.
//!
//! ```
//! use privasift_testgen::{GenOptions, Generator};
//!
//! let mut g = Generator::new(42, GenOptions::default());
//! let doc = g.next_doc();
//! for s in &doc.spans {
//!     let value: String = doc.text.chars().skip(s.start).take(s.end - s.start).collect();
//!     assert!(!value.is_empty());
//! }
//! // Same seed, same documents.
//! assert_eq!(Generator::new(42, GenOptions::default()).next_doc(), doc);
//! ```

mod checks;
mod kinds;
mod templates;
mod values;
mod words;

use std::io::{self, Write};

use rand::{Rng, SeedableRng};
use serde::Serialize;

pub use kinds::GenKind;
pub use values::NearMiss;

use values::{Rng8, pick};
use words::{
    FILLER_EN, FILLER_FR, FIRST_NAMES, LAST_NAMES, TITLES_EN, TITLES_FR, WORDS_EN, WORDS_FR,
};

/// Language of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

/// One gold span, bench format: code-point offsets, end-exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    /// The normalised label, e.g. `NATIONAL_ID`.
    pub label: &'static str,
    /// privasift's kind, e.g. `fr-nir`.
    pub orig_label: &'static str,
}

/// One generated document, serialised as a line of a bench gold file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub lang: Lang,
    pub spans: Vec<GoldSpan>,
    /// How many near-miss sentences the text holds (not written in gold files).
    #[serde(skip)]
    pub near_misses: usize,
}

/// Generator settings.
#[derive(Clone, Debug, PartialEq)]
pub struct GenOptions {
    /// Share of French documents, in `[0, 1]` (the rest are English).
    pub lang_mix: f64,
    /// Near-miss rate: each document has two chances, each with this
    /// probability, to get a near-miss sentence; so `2 × near_miss_rate`
    /// near misses per document on average (0.5 with the default 0.25).
    pub near_miss_rate: f64,
    /// Each document carries a uniform number of annotated values in
    /// `0..=max_items`.
    pub max_items: usize,
    /// Filler sentences per document, uniform in `1..=max_filler`.
    pub max_filler: usize,
    /// Prefix of document ids: `{id_prefix}{seed}-{index}`.
    pub id_prefix: String,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            lang_mix: 0.5,
            near_miss_rate: 0.25,
            max_items: 4,
            max_filler: 3,
            id_prefix: "gen-".to_owned(),
        }
    }
}

/// Builds document text while counting code points, so spans come out in
/// Python string offsets without a second pass.
struct Builder<'a> {
    text: &'a mut String,
    chars: usize,
}

impl Builder<'_> {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
    }
}

enum Slot {
    Item(GenKind),
    Near(NearMiss),
    Filler,
}

/// A seeded document generator: the same seed and options give the same
/// documents, byte for byte, on every platform.
pub struct Generator {
    rng: Rng8,
    opts: GenOptions,
    seed: u64,
    index: u64,
    kinds: Vec<(GenKind, u32)>,
    total_weight: u32,
    scratch: String,
}

impl Generator {
    pub fn new(seed: u64, mut opts: GenOptions) -> Self {
        opts.lang_mix = clamp01(opts.lang_mix);
        opts.near_miss_rate = clamp01(opts.near_miss_rate);
        opts.max_filler = opts.max_filler.max(1);
        let kinds: Vec<(GenKind, u32)> = GenKind::ALL.iter().map(|&k| (k, k.weight())).collect();
        let total_weight = kinds.iter().map(|(_, w)| w).sum();
        Self {
            rng: Rng8::seed_from_u64(seed),
            opts,
            seed,
            index: 0,
            kinds,
            total_weight,
            scratch: String::with_capacity(256),
        }
    }

    /// The next document.
    pub fn next_doc(&mut self) -> GoldDoc {
        let mut doc = GoldDoc {
            id: String::new(),
            text: String::new(),
            lang: Lang::En,
            spans: Vec::new(),
            near_misses: 0,
        };
        self.fill(&mut doc);
        doc
    }

    /// Replaces `doc` with the next document, reusing its buffers.
    pub fn fill(&mut self, doc: &mut GoldDoc) {
        use std::fmt::Write as _;
        doc.id.clear();
        let _ = write!(
            doc.id,
            "{}{}-{:08}",
            self.opts.id_prefix, self.seed, self.index
        );
        self.index += 1;
        doc.text.clear();
        doc.spans.clear();
        let r = &mut self.rng;
        let lang = if r.random_bool(self.opts.lang_mix) {
            Lang::Fr
        } else {
            Lang::En
        };
        doc.lang = lang;

        let mut slots: Vec<Slot> = Vec::with_capacity(12);
        for _ in 0..r.random_range(0..=self.opts.max_items) {
            let mut roll = r.random_range(0..self.total_weight);
            let mut kind = GenKind::Email;
            for &(k, w) in &self.kinds {
                if roll < w {
                    kind = k;
                    break;
                }
                roll -= w;
            }
            slots.push(Slot::Item(kind));
        }
        for _ in 0..2 {
            if r.random_bool(self.opts.near_miss_rate) {
                slots.push(Slot::Near(pick(r, NearMiss::ALL)));
            }
        }
        for _ in 0..r.random_range(1..=self.opts.max_filler) {
            slots.push(Slot::Filler);
        }
        for i in (1..slots.len()).rev() {
            let j = r.random_range(0..=i);
            slots.swap(i, j);
        }
        doc.near_misses = slots.iter().filter(|s| matches!(s, Slot::Near(_))).count();

        let mut b = Builder {
            text: &mut doc.text,
            chars: 0,
        };
        // A sentence ending on its value ("IBAN : {v}") is a form line: the
        // next one starts on a new line rather than after a space.
        let mut ended_on_value = false;
        // The people templates name ("Ms Smith", "Jean Martin"), annotated
        // PERSON like the values.
        let mut names: Vec<GoldSpan> = Vec::new();
        for (i, slot) in slots.iter().enumerate() {
            if i > 0 {
                b.push(if ended_on_value || r.random_bool(0.15) {
                    "\n"
                } else {
                    " "
                });
            }
            ended_on_value = false;
            match *slot {
                Slot::Filler => filler(r, lang, &mut b),
                Slot::Item(kind) => {
                    let template = pick(r, templates::templates(kind, lang));
                    ended_on_value = template.ends_with("{v}");
                    let scratch = &mut self.scratch;
                    render(r, lang, template, &mut b, &mut names, |r, b| {
                        let (s, e) = values::value(kind, r, lang, scratch);
                        b.push(&scratch[..s]);
                        let start = b.chars;
                        b.push(&scratch[s..e]);
                        doc.spans.push(GoldSpan {
                            start,
                            end: b.chars,
                            label: kind.label().as_str(),
                            orig_label: kind.name(),
                        });
                        b.push(&scratch[e..]);
                    });
                }
                Slot::Near(m) => {
                    let template = pick(r, templates::near_miss_templates(m, lang));
                    ended_on_value = template.ends_with("{v}");
                    let scratch = &mut self.scratch;
                    render(r, lang, template, &mut b, &mut names, |r, b| {
                        values::near_miss(m, r, lang, scratch);
                        b.push(scratch);
                    });
                }
            }
        }
        if !names.is_empty() {
            doc.spans.append(&mut names);
            doc.spans.sort_by_key(|s| s.start);
        }
    }
}

/// `n` near-miss values of one sort, without their sentences: for detector
/// tests that need values which look right and must be rejected.
pub fn near_miss_values(m: NearMiss, lang: Lang, seed: u64, n: usize) -> Vec<String> {
    let mut r = Rng8::seed_from_u64(seed);
    let mut out = String::new();
    (0..n)
        .map(|_| {
            values::near_miss(m, &mut r, lang, &mut out);
            out.clone()
        })
        .collect()
}

/// `n` values of one kind, without their sentences (the annotated part only).
pub fn kind_values(kind: GenKind, lang: Lang, seed: u64, n: usize) -> Vec<String> {
    let mut r = Rng8::seed_from_u64(seed);
    let mut out = String::new();
    (0..n)
        .map(|_| {
            let (s, e) = values::value(kind, &mut r, lang, &mut out);
            out[s..e].to_owned()
        })
        .collect()
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// Renders a template, calling `value` at `{v}`.
fn render(
    r: &mut Rng8,
    lang: Lang,
    template: &str,
    b: &mut Builder<'_>,
    names: &mut Vec<GoldSpan>,
    mut value: impl FnMut(&mut Rng8, &mut Builder<'_>),
) {
    let person = |start: usize, end: usize| GoldSpan {
        start,
        end,
        label: "PERSON",
        orig_label: "person",
    };
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        b.push(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            b.push(&rest[open..]);
            return;
        };
        match &after[..close] {
            "v" => value(r, b),
            "n" => {
                let titles = if lang == Lang::Fr {
                    TITLES_FR
                } else {
                    TITLES_EN
                };
                // French courtesy titles are part of the name (as in court
                // decisions); English ones and "Dr" are not.
                let title = pick(r, titles);
                let start = b.chars;
                b.push(title);
                b.push(" ");
                let name_start = if matches!(title, "M." | "Mme" | "Me") {
                    start
                } else {
                    b.chars
                };
                b.push(pick(r, LAST_NAMES));
                names.push(person(name_start, b.chars));
            }
            "f" => {
                let start = b.chars;
                b.push(pick(r, FIRST_NAMES));
                names.push(person(start, b.chars));
            }
            "fl" => {
                let start = b.chars;
                b.push(pick(r, FIRST_NAMES));
                b.push(" ");
                b.push(pick(r, LAST_NAMES));
                names.push(person(start, b.chars));
            }
            other => {
                b.push("{");
                b.push(other);
                b.push("}");
            }
        }
        rest = &after[close + 1..];
    }
    b.push(rest);
}

/// A neutral sentence: a stock one, or a bag of lower-case words.
fn filler(r: &mut Rng8, lang: Lang, b: &mut Builder<'_>) {
    let (stock, words) = match lang {
        Lang::Fr => (FILLER_FR, WORDS_FR),
        Lang::En => (FILLER_EN, WORDS_EN),
    };
    if r.random_bool(0.6) {
        b.push(pick(r, stock));
        return;
    }
    let n = r.random_range(6..=14);
    for i in 0..n {
        let w = pick(r, words);
        if i == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                let up: String = c.to_uppercase().chain(cs).collect();
                b.push(&up);
            }
        } else {
            b.push(" ");
            b.push(w);
        }
    }
    b.push(".");
}

/// What [`write_docs`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Bench gold format with spans.
    #[default]
    Gold,
    /// Light records for benchmarks, no spans:
    /// `{"id","text","lang","meta":{"generator","seed","n_pii","n_near_miss"}}`.
    Jsonl,
}

/// When [`write_docs`] stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    Docs(u64),
    /// Stops before the first document that would take the output past this
    /// many bytes.
    Bytes(u64),
}

/// What [`write_docs`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub docs: u64,
    pub bytes: u64,
    pub spans: u64,
    pub near_misses: u64,
}

#[derive(Serialize)]
struct Meta {
    generator: &'static str,
    seed: u64,
    n_pii: usize,
    n_near_miss: usize,
}

#[derive(Serialize)]
struct LightDoc<'a> {
    id: &'a str,
    text: &'a str,
    lang: Lang,
    meta: Meta,
}

/// Streams documents as JSON Lines to `out` until `budget` is reached, in
/// bounded memory (one document at a time). Wrap `out` in a `BufWriter`.
pub fn write_docs<W: Write>(
    generator: &mut Generator,
    mut out: W,
    format: Format,
    budget: Budget,
) -> io::Result<Summary> {
    let mut sum = Summary::default();
    let mut doc = generator.next_doc();
    let mut line = Vec::with_capacity(4096);
    loop {
        if let Budget::Docs(n) = budget
            && sum.docs >= n
        {
            break;
        }
        if sum.docs > 0 {
            generator.fill(&mut doc);
        }
        line.clear();
        match format {
            Format::Gold => serde_json::to_writer(&mut line, &doc)?,
            Format::Jsonl => serde_json::to_writer(
                &mut line,
                &LightDoc {
                    id: &doc.id,
                    text: &doc.text,
                    lang: doc.lang,
                    meta: Meta {
                        generator: "privasift-testgen",
                        seed: generator.seed,
                        n_pii: doc.spans.len(),
                        n_near_miss: doc.near_misses,
                    },
                },
            )?,
        }
        line.push(b'\n');
        if let Budget::Bytes(max) = budget
            && sum.bytes + line.len() as u64 > max
        {
            break;
        }
        out.write_all(&line)?;
        sum.docs += 1;
        sum.bytes += line.len() as u64;
        sum.spans += doc.spans.len() as u64;
        sum.near_misses += doc.near_misses as u64;
    }
    out.flush()?;
    Ok(sum)
}

/// A size that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("bad size `{0}`: expected a number with an optional unit (B, KB, MB, GB, KiB, MiB, GiB)")]
pub struct SizeError(pub String);

/// Parses `100MB`, `1GB`, `512KiB`, `1.5G`, `4096`: decimal units (MB =
/// 10^6 bytes) unless written with `i` (MiB = 2^20).
pub fn parse_size(s: &str) -> Result<u64, SizeError> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| SizeError(s.to_owned()))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(SizeError(s.to_owned())),
    };
    let bytes = n * mult;
    if !bytes.is_finite() || !(0.0..=1.8e19).contains(&bytes) {
        return Err(SizeError(s.to_owned()));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("100MB").unwrap(), 100_000_000);
        assert_eq!(parse_size("1GiB").unwrap(), 1 << 30);
        assert_eq!(parse_size("1.5k").unwrap(), 1500);
        assert_eq!(parse_size("42").unwrap(), 42);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("10XB").is_err());
    }

    #[test]
    fn byte_budget_is_never_exceeded() {
        let mut g = Generator::new(1, GenOptions::default());
        let mut out = Vec::new();
        let s = write_docs(&mut g, &mut out, Format::Jsonl, Budget::Bytes(20_000)).unwrap();
        assert!(s.bytes <= 20_000 && s.bytes > 15_000, "{s:?}");
        assert_eq!(s.bytes as usize, out.len());
    }
}
