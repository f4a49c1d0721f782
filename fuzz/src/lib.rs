//! The harness shared by privasift's fuzz targets.
//!
//! Readers are only reachable through files (`discover` → `open` →
//! `next_batch` → `for_each_record`), so each target writes its input to a
//! scratch file of its own, reads it back through the public API with small
//! [`ReadOptions`] (so batching, record limits and line cutting are all
//! exercised on inputs of a few hundred bytes), turns everything that comes
//! out into owned [`Event`]s, and checks on the way the invariants every
//! reader must keep:
//!
//! - batches: the right shape for the format, numbered without gaps from one
//!   batch to the next, line batches ending with `\n`;
//! - records: ids inside their batch and strictly increasing, field texts
//!   non-empty (and, for plain text, without `\n`), fields inside the
//!   selection;
//! - errors: locations inside their batch, the right location kind, and no
//!   message quoting the input (see [`Known::check_message`]);
//! - a reader that returned a file-level error is done.
//!
//! The per-format oracles (what each line or row must produce) live in the
//! targets.

use std::path::PathBuf;

use privasift_formats::{
    BatchData, ErrorKind, Format, Location, ReadError, ReadOptions, Selection, discover, open,
};

/// Small limits, so that a fuzz input of a few hundred bytes spans several
/// batches and meets the record limit.
pub const OPTS: ReadOptions = ReadOptions {
    batch_bytes: 64,
    max_record_bytes: 256,
    digest: false,
};

/// The field selection used by targets that test selections.
pub fn narrow_selection() -> Selection {
    Selection::new(
        vec!["text".into(), "meta.bio".into(), "b".into()],
        Some("id".into()),
    )
}

/// A directory of its own under the temp dir (per target and process), where
/// each input is written before it is read back.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    pub fn new(target: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("privasift-fuzz-{target}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("cannot create the scratch directory");
        Self { dir }
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).expect("cannot write the scratch file");
        p
    }
}

/// What came out of a reader, owned.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Record {
        index: u64,
        key: Option<String>,
        fields: Vec<(String, String)>,
    },
    Error {
        kind: ErrorKind,
        location: Location,
        field: Option<String>,
        message: String,
    },
}

impl Event {
    /// The line or row number the event is about.
    pub fn number(&self) -> u64 {
        match self {
            Event::Record { index, .. } => *index,
            Event::Error {
                location: Location::Line(n) | Location::Row(n),
                ..
            } => *n,
        }
    }
}

/// Everything a reader produced for one file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub open_error: Option<ReadError>,
    pub read_error: Option<ReadError>,
    pub events: Vec<Event>,
    pub batches: usize,
}

impl Outcome {
    /// Events grouped by line or row number, in order of appearance within
    /// each group.
    pub fn by_number(&self) -> std::collections::BTreeMap<u64, Vec<&Event>> {
        let mut m: std::collections::BTreeMap<u64, Vec<&Event>> = Default::default();
        for e in &self.events {
            m.entry(e.number()).or_default().push(e);
        }
        m
    }
}

/// Reads the file at `path` through `discover` and `open` with [`OPTS`],
/// checking the reader invariants; `known` are the bytes the file is known
/// to hold (raw and, when available, decompressed), which no error message
/// may quote.
pub fn read(path: &std::path::Path, sel: &Selection, known: &[&[u8]]) -> Outcome {
    let known = Known::new(known);
    let found = discover(&[path.display().to_string()], None);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    assert_eq!(found.sources.len(), 1);
    let src = &found.sources[0];
    let mut out = Outcome::default();
    let mut reader = match open(src, &OPTS) {
        Ok(r) => r,
        Err(e) => {
            known.check_message(&e.message);
            out.open_error = Some(e);
            return out;
        }
    };
    let text = src.format == Format::Text;
    let table = src.format.is_tabular();
    let mut expect_first: Option<u64> = None;
    while let Some(item) = reader.next_batch() {
        let batch = match item {
            Ok(b) => b,
            Err(e) => {
                known.check_message(&e.message);
                out.read_error = Some(e);
                assert!(
                    reader.next_batch().is_none(),
                    "a reader must be done after a file-level error"
                );
                break;
            }
        };
        out.batches += 1;
        assert_eq!(batch.source, src.id);
        let (first, count) = match &batch.data {
            BatchData::JsonLines { first_line, bytes }
            | BatchData::TextLines { first_line, bytes } => {
                let is_text = matches!(batch.data, BatchData::TextLines { .. });
                assert_eq!(
                    is_text, text,
                    "line batch of the wrong kind for {:?}",
                    src.format
                );
                assert!(!table, "line batch for a table format");
                assert!(
                    bytes.is_empty() || bytes.ends_with(b"\n"),
                    "a line batch must hold complete lines"
                );
                assert_eq!(batch.input_bytes, bytes.len() as u64);
                let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                (*first_line, lines)
            }
            BatchData::Table {
                first_row, rows, ..
            } => {
                assert!(table, "table batch for {:?}", src.format);
                (*first_row, rows.len() as u64)
            }
        };
        assert!(
            count > 0 || !batch.errors.is_empty(),
            "an empty batch must not be returned"
        );
        if let Some(want) = expect_first {
            // A plain-text line cut into pieces keeps its number: the batch
            // after a piece starts on the same line.
            let ok = first == want || (text && first + 1 == want);
            assert!(ok, "batch starts at {first}, expected {want}");
        } else {
            assert_eq!(first, 1, "numbering starts at 1");
        }
        expect_first = Some(first + count);
        let range = first..first + count;
        let mut last_record: Option<u64> = None;
        batch.for_each_record(sel, &mut |r| match r {
            Ok(rec) => {
                assert_eq!(rec.id.source, src.id);
                let n = rec.id.index;
                assert!(range.contains(&n), "record {n} outside its batch {range:?}");
                if let Some(l) = last_record {
                    assert!(n > l, "record {n} after record {l} in one batch");
                }
                last_record = Some(n);
                for f in &rec.fields {
                    assert!(!f.text.is_empty(), "empty field {}", f.path);
                    if !sel.all_fields() {
                        assert!(sel.fields.contains(&f.path), "unselected field {}", f.path);
                    }
                    if text {
                        assert_eq!(f.path, "text");
                        assert!(!f.text.contains('\n'));
                    }
                }
                out.events.push(Event::Record {
                    index: n,
                    key: rec.id.key.clone(),
                    fields: rec
                        .fields
                        .iter()
                        .map(|f| (f.path.clone(), f.text.to_string()))
                        .collect(),
                });
            }
            Err(e) => {
                assert_eq!(e.source, src.id);
                let n = match (e.location, table) {
                    (Location::Row(n), true) | (Location::Line(n), false) => n,
                    (l, _) => panic!("location {l:?} for {:?}", src.format),
                };
                assert!(
                    range.contains(&n),
                    "error at {n} outside its batch {range:?}"
                );
                known.check_message(&e.message);
                out.events.push(Event::Error {
                    kind: e.kind,
                    location: e.location,
                    field: e.field,
                    message: e.message,
                });
            }
        });
    }
    if src.format != Format::Parquet {
        // Parquet's figure is an estimate from the row count in the footer.
        assert!(
            reader.file_bytes_read() <= src.size,
            "{} bytes read of a {}-byte file",
            reader.file_bytes_read(),
            src.size
        );
    }
    out
}

/// The static text of privasift's messages: a window of an error message
/// found in it is not evidence of a leak even when the input holds it too.
const VOCABULARY: &[&str] = &[
    "invalid UTF-8 at byte N of the line; scanned with invalid bytes replaced by U+FFFD",
    "invalid UTF-8 in field N at line N",
    "record of N bytes or more exceeds the maximum of N bytes (--max-record-bytes); skipped",
    "row of N bytes exceeds the maximum of N bytes (--max-record-bytes); skipped",
    "N cells where the header has N columns; cells scanned by position",
    "malformed JSON: syntax error at column N; record skipped",
    "malformed JSON: unexpected end of line at column N; record skipped",
    "malformed JSON: not a JSON object at column N; record skipped",
    "malformed JSON: read error at column N; record skipped",
    "missing field",
    "reading stopped at line N",
    "reading stopped at row N: malformed CSV",
    "cannot read the header row: read error: ",
    "cannot start zstd decoder",
    "not a readable Parquet file: ",
    "decoding stopped at row N: ",
    "cannot decode: ",
    // The libraries' own wording, met while fuzzing.
    "corrupt deflate stream",
    "invalid gzip header",
    "Parquet error: Invalid Parquet file. Corrupt footer",
    "Unknown frame descriptor",
    "Data corruption detected",
];

/// The shortest run of input bytes an error message may not contain.
const LEAK_WINDOW: usize = 6;

/// The runs of [`LEAK_WINDOW`] bytes of the known inputs, hashed.
///
/// Messages are matched against hashes, not bytes: libFuzzer watches byte
/// comparisons (`memcmp`) and copies what it sees compared into new inputs,
/// so comparing message text with the input would teach it to write the
/// messages' own words (`corrupt deflate stream`) into its inputs and then
/// report them as leaks.
pub struct Known<'a> {
    inputs: &'a [&'a [u8]],
    windows: std::collections::HashSet<u64>,
}

fn window_hash(w: &[u8]) -> u64 {
    w.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl<'a> Known<'a> {
    pub fn new(inputs: &'a [&'a [u8]]) -> Self {
        let windows = inputs
            .iter()
            .flat_map(|k| k.windows(LEAK_WINDOW).map(window_hash))
            .collect();
        Self { inputs, windows }
    }

    /// Checks that `message` quotes no run of [`LEAK_WINDOW`] bytes (holding
    /// a letter) of the known inputs that is not part of the messages' own
    /// wording. Error messages must describe problems by position, never by
    /// content.
    pub fn check_message(&self, message: &str) {
        for w in message.as_bytes().windows(LEAK_WINDOW) {
            if !w.iter().any(u8::is_ascii_alphabetic) || !self.windows.contains(&window_hash(w)) {
                continue;
            }
            let quoted = self.inputs.iter().any(|k| contains(k, w));
            if quoted && !VOCABULARY.iter().any(|v| contains(v.as_bytes(), w)) {
                panic!(
                    "error message quotes the input ({:?}): {message:?}",
                    String::from_utf8_lossy(w)
                );
            }
        }
    }
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// The lines of `input` as the line readers number them: split on `\n`, a
/// final `\n` ending the last line rather than starting an empty one.
pub fn lines(input: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip into memory");
    e.finish().expect("gzip into memory")
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 1).expect("zstd into memory")
}

/// What a decompressor gives for `bytes` before it stops, capped at 64 KiB
/// (for the leak check of compressed inputs), and whether that is all of it:
/// the stream ended cleanly within the cap.
pub fn decompressed_prefix(bytes: &[u8], gz: bool) -> (Vec<u8>, bool) {
    use std::io::Read;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let mut r: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(bytes))
    } else {
        match zstd::stream::read::Decoder::new(bytes) {
            Ok(d) => Box::new(d),
            Err(_) => return (out, false),
        }
    };
    while out.len() < 1 << 16 {
        match r.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    (out, false)
}
