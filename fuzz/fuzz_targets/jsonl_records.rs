//! JSON Lines reader: arbitrary bytes as a `.jsonl` file.
//!
//! Input: one control byte (bit 0: narrow selection `text`, `meta.bio`, `b`
//! with id `id`; bit 1: compare with the gzip rather than the zstd copy),
//! then the file's bytes. Besides the reader invariants of the harness, every
//! line must produce what it should: nothing when blank, `record-too-large`
//! when longer than the limit, else a record or `malformed-json` (exactly
//! when `serde_json` rejects the line or it is not an object), preceded by
//! `invalid-utf8` when the line is not UTF-8 and by one `missing-field` per
//! absent selected field. With all fields selected, every non-empty string
//! `serde_json` sees must be among the record's fields. The same bytes
//! gzip- or zstd-compressed must give the same events.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use privasift_formats::{ErrorKind, Selection};
use privasift_fuzz::{Event, OPTS, Outcome, Scratch, gzip, lines, narrow_selection, read, zstd};
use serde_json::Value;

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("jsonl"));

/// Known bug (see README): a JSON line longer than `max_record_bytes` is kept
/// when its `\n` arrives in the same read as the part that crosses the limit;
/// only lines whose end comes in a later read are skipped. While this is
/// true the oracle accepts either outcome for such lines and skips the
/// compressed comparison (reads cut differently).
const TOLERATE_LONG_LINES_KEPT: bool = false;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, input)) = data.split_first() else {
        return;
    };
    let sel = if ctl & 1 == 1 {
        narrow_selection()
    } else {
        Selection::default()
    };
    let path = SCRATCH.write("in.jsonl", input);
    let out = read(&path, &sel, &[input]);
    assert!(out.open_error.is_none(), "{:?}", out.open_error);
    assert!(out.read_error.is_none(), "{:?}", out.read_error);
    let long = oracle(input, &out, &sel);
    if long && TOLERATE_LONG_LINES_KEPT {
        return;
    }
    let (name, bytes) = if ctl & 2 == 2 {
        ("in.jsonl.gz", gzip(input))
    } else {
        ("in.jsonl.zst", zstd(input))
    };
    let path = SCRATCH.write(name, &bytes);
    let packed = read(&path, &sel, &[input, &bytes]);
    assert!(packed.open_error.is_none() && packed.read_error.is_none());
    assert_eq!(
        packed.events, out.events,
        "{name} differs from the plain file"
    );
});

/// Checks each line's events; returns whether a line exceeds the limit.
fn oracle(input: &[u8], out: &Outcome, sel: &Selection) -> bool {
    let lines = lines(input);
    let groups = out.by_number();
    if let Some((&last, _)) = groups.last_key_value() {
        assert!(
            last as usize <= lines.len(),
            "event at line {last} of {}",
            lines.len()
        );
    }
    let mut long = false;
    for (i, line) in lines.iter().enumerate() {
        let n = i as u64 + 1;
        let got: Vec<&Event> = groups.get(&n).cloned().unwrap_or_default();
        if line.len() > OPTS.max_record_bytes {
            long = true;
            if let [
                Event::Error {
                    kind: ErrorKind::RecordTooLarge,
                    ..
                },
            ] = got[..]
            {
                continue;
            }
            if !TOLERATE_LONG_LINES_KEPT {
                panic!(
                    "line {n} of {} bytes is over the limit but gave {got:?}",
                    line.len()
                );
            }
        }
        normal_line(n, line, &got, sel);
    }
    long
}

fn kind(e: &Event) -> Option<ErrorKind> {
    match e {
        Event::Error { kind, .. } => Some(*kind),
        Event::Record { .. } => None,
    }
}

fn normal_line(n: u64, line: &[u8], got: &[&Event], sel: &Selection) {
    if line.iter().all(u8::is_ascii_whitespace) {
        assert!(got.is_empty(), "blank line {n} gave {got:?}");
        return;
    }
    let mut rest = got;
    if std::str::from_utf8(line).is_err() {
        assert_eq!(
            rest.first().and_then(|e| kind(e)),
            Some(ErrorKind::InvalidUtf8),
            "line {n}: {got:?}"
        );
        rest = &rest[1..];
    }
    let text = String::from_utf8_lossy(line);
    let record_fields = match rest {
        [e] if kind(e) == Some(ErrorKind::MalformedJson) => None,
        [missing @ .., Event::Record { fields, .. }] => {
            let want: Vec<Option<&str>> = sel
                .fields
                .iter()
                .filter(|w| !fields.iter().any(|(p, _)| p == *w))
                .map(|w| Some(w.as_str()))
                .collect();
            let have: Vec<Option<&str>> = missing
                .iter()
                .map(|e| match e {
                    Event::Error {
                        kind: ErrorKind::MissingField,
                        field,
                        ..
                    } => field.as_deref(),
                    other => panic!("line {n}: unexpected {other:?}"),
                })
                .collect();
            assert_eq!(have, want, "line {n}: missing-field errors");
            Some(fields)
        }
        _ => panic!("line {n}: expected a record or malformed-json, got {got:?}"),
    };
    if !sel.all_fields() {
        return;
    }
    let parsed = serde_json::from_str::<Value>(&text);
    match (&parsed, record_fields) {
        (Ok(Value::Object(_)), Some(fields)) => {
            let mut leaves = Vec::new();
            let v = parsed.as_ref().ok().unwrap_or(&Value::Null);
            collect(v, &mut String::new(), &mut leaves);
            // serde_json keeps the last of duplicate keys; the reader scans
            // them all, so its fields are a superset (as a multiset).
            let mut pool: Vec<&(String, String)> = fields.iter().collect();
            for leaf in &leaves {
                let at = pool.iter().position(|f| *f == leaf);
                assert!(
                    at.is_some(),
                    "line {n}: field {} missing from the record",
                    leaf.0
                );
                if let Some(i) = at {
                    pool.swap_remove(i);
                }
            }
        }
        (Ok(Value::Object(_)), None) => panic!("line {n}: a JSON object reported malformed"),
        (Ok(_) | Err(_), Some(_)) => {
            panic!("line {n}: not a JSON object ({parsed:?}) read as a record")
        }
        (_, None) => {}
    }
}

fn collect(v: &Value, path: &mut String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if !s.is_empty() => out.push((path.clone(), s.clone())),
        Value::Array(a) => a.iter().for_each(|x| collect(x, path, out)),
        Value::Object(m) => {
            for (k, x) in m {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                collect(x, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}
