//! Plain-text reader and the decompressors: arbitrary bytes as `.txt`, or as
//! the compressed bytes of `.txt.gz`, `.txt.zst` and `.jsonl.gz`.
//!
//! Input: one control byte, then the file's bytes. Control `% 4`:
//! - 0: a plain `.txt`. When the input is UTF-8 without `\r`, the pieces of
//!   each line (records with its number, in order, none longer than the
//!   limit) must join into the line exactly, with no error; otherwise every
//!   `invalid-utf8` must be on a line that is not UTF-8. A gzip (bit 2 clear)
//!   or zstd copy must give the same events.
//! - 1, 2, 3: the bytes are the compressed stream of `.txt.gz`, `.txt.zst`,
//!   `.jsonl.gz`. No error message may quote the stream or what it
//!   decompresses to; when the stream decompresses without error, the
//!   events must equal those of the decompressed bytes read as a plain file.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use privasift_formats::{ErrorKind, Selection};
use privasift_fuzz::{Event, OPTS, Outcome, Scratch, decompressed_prefix, gzip, lines, read, zstd};

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("text"));

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, input)) = data.split_first() else {
        return;
    };
    let sel = Selection::default();
    match ctl % 4 {
        0 => {
            let path = SCRATCH.write("in.txt", input);
            let out = read(&path, &sel, &[input]);
            assert!(
                out.open_error.is_none() && out.read_error.is_none(),
                "{out:?}"
            );
            oracle(input, &out);
            let (z, bytes) = if ctl & 4 == 0 {
                ("gz", gzip(input))
            } else {
                ("zst", zstd(input))
            };
            let path = SCRATCH.write(&format!("in.txt.{z}"), &bytes);
            let other = read(&path, &sel, &[input, &bytes]);
            assert!(other.open_error.is_none() && other.read_error.is_none());
            assert_eq!(
                other.events, out.events,
                ".txt.{z} differs from the plain file"
            );
        }
        m => {
            let (name, plain, gz) = match m {
                1 => ("in.txt.gz", "in.txt", true),
                2 => ("in.txt.zst", "in.txt", false),
                _ => ("in.jsonl.gz", "in.jsonl", true),
            };
            let (inner, complete) = decompressed_prefix(input, gz);
            let path = SCRATCH.write(name, input);
            let out = read(&path, &sel, &[input, &inner]);
            if !complete || out.open_error.is_some() || out.read_error.is_some() {
                return;
            }
            // A clean stream: the decompressed bytes read as a plain file
            // must give the same events. (JSON lines over the limit are cut
            // differently by reads of different sizes: a known bug, see the
            // jsonl target.)
            if plain == "in.jsonl"
                && lines(&inner)
                    .iter()
                    .any(|l| l.len() > OPTS.max_record_bytes)
            {
                return;
            }
            let path = SCRATCH.write(plain, &inner);
            let direct = read(&path, &sel, &[&inner]);
            assert_eq!(out.events, direct.events, "{name} differs from its content");
        }
    }
});

fn oracle(input: &[u8], out: &Outcome) {
    let lines = lines(input);
    let groups = out.by_number();
    if let Some((&last, _)) = groups.last_key_value() {
        assert!(
            last as usize <= lines.len(),
            "event at line {last} of {}",
            lines.len()
        );
    }
    let clean = std::str::from_utf8(input).is_ok() && !input.contains(&b'\r');
    for (n, events) in &groups {
        let line = lines[*n as usize - 1];
        for e in events {
            match e {
                Event::Record { fields, .. } => {
                    assert_eq!(fields.len(), 1, "line {n}: one field per record");
                    if clean {
                        assert!(
                            fields[0].1.len() <= OPTS.max_record_bytes,
                            "line {n}: piece too long"
                        );
                    }
                }
                Event::Error { kind, .. } => {
                    assert!(!clean, "line {n}: error {e:?} on clean text");
                    assert_eq!(*kind, ErrorKind::InvalidUtf8, "line {n}: {e:?}");
                    assert!(
                        std::str::from_utf8(line).is_err(),
                        "line {n} is UTF-8: {e:?}"
                    );
                }
            }
        }
    }
    if !clean {
        return;
    }
    for (i, line) in lines.iter().enumerate() {
        let n = i as u64 + 1;
        let joined: String = groups
            .get(&n)
            .map(|es| {
                es.iter()
                    .filter_map(|e| match e {
                        Event::Record { fields, .. } => Some(fields[0].1.as_str()),
                        Event::Error { .. } => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(joined.as_bytes(), *line, "line {n} does not join back");
    }
}
