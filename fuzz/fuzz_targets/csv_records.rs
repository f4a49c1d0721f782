//! CSV and TSV readers: arbitrary bytes as a `.csv` or `.tsv` file.
//!
//! Input: one control byte (bit 0: TSV; bit 1: narrow selection; bits 2-3:
//! also read a gzip (1) or zstd (2) copy), then the file's bytes. Besides the
//! reader invariants of the harness, the rows must be exactly those the
//! `csv` crate reads with the same settings, numbered 1, 2, ... without gaps:
//! each either `record-too-large` (when its cells exceed the limit) or a
//! record whose fields are its non-empty selected cells (invalid UTF-8
//! replaced), preceded by `wrong-column-count` when its length differs from
//! the header's and one `invalid-utf8` per cell that is not UTF-8. A
//! compressed copy must give the same events.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use privasift_formats::{ErrorKind, Selection};
use privasift_fuzz::{Event, OPTS, Outcome, Scratch, gzip, narrow_selection, read, zstd};

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("csv"));

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, input)) = data.split_first() else {
        return;
    };
    let tsv = ctl & 1 == 1;
    let sel = if ctl & 2 == 2 {
        narrow_selection()
    } else {
        Selection::default()
    };
    let ext = if tsv { "tsv" } else { "csv" };
    let path = SCRATCH.write(&format!("in.{ext}"), input);
    let out = read(&path, &sel, &[input]);
    oracle(input, tsv, &sel, &out);
    let packed = match (ctl >> 2) & 3 {
        1 => Some(("gz", gzip(input))),
        2 => Some(("zst", zstd(input))),
        _ => None,
    };
    if let Some((z, bytes)) = packed {
        let path = SCRATCH.write(&format!("in.{ext}.{z}"), &bytes);
        let other = read(&path, &sel, &[input, &bytes]);
        assert_eq!(other.open_error.is_some(), out.open_error.is_some());
        assert_eq!(other.read_error.is_some(), out.read_error.is_some());
        assert_eq!(
            other.events, out.events,
            ".{ext}.{z} differs from the plain file"
        );
    }
});

fn oracle(input: &[u8], tsv: bool, sel: &Selection, out: &Outcome) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let headers = match r.byte_headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            assert!(
                out.open_error.is_some(),
                "csv rejects the header, the reader does not"
            );
            return;
        }
    };
    assert!(out.open_error.is_none(), "{:?}", out.open_error);
    let columns: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let name = String::from_utf8_lossy(h).trim().to_owned();
            if name.is_empty() {
                format!("column_{}", i + 1)
            } else {
                name
            }
        })
        .collect();
    let mut rows = Vec::new();
    let mut rec = csv::ByteRecord::new();
    let failed = loop {
        match r.read_byte_record(&mut rec) {
            Ok(true) => rows.push(rec.clone()),
            Ok(false) => break false,
            Err(_) => break true,
        }
    };
    assert_eq!(failed, out.read_error.is_some(), "{:?}", out.read_error);
    let groups = out.by_number();
    if let Some((&last, _)) = groups.last_key_value() {
        assert!(
            last as usize <= rows.len(),
            "event at row {last} of {}",
            rows.len()
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let n = i as u64 + 1;
        let got: Vec<&Event> = groups.get(&n).cloned().unwrap_or_default();
        if row.as_slice().len() > OPTS.max_record_bytes {
            assert!(
                matches!(
                    got[..],
                    [Event::Error {
                        kind: ErrorKind::RecordTooLarge,
                        ..
                    }]
                ),
                "row {n}: {got:?}"
            );
            continue;
        }
        let mut want_errors: Vec<(ErrorKind, Option<String>)> = Vec::new();
        if row.len() != columns.len() {
            want_errors.push((ErrorKind::WrongColumnCount, None));
        }
        let mut key = None;
        let mut fields = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            let name = columns
                .get(c)
                .cloned()
                .unwrap_or_else(|| format!("column_{}", c + 1));
            if std::str::from_utf8(cell).is_err() {
                want_errors.push((ErrorKind::InvalidUtf8, Some(name.clone())));
            }
            let value = String::from_utf8_lossy(cell).into_owned();
            if sel.is_id(&name) {
                key = Some(value.clone());
            }
            if sel.selects(&name) && !value.is_empty() {
                fields.push((name, value));
            }
        }
        let (record, errors) = got
            .split_last()
            .unwrap_or_else(|| panic!("row {n}: no record"));
        let have_errors: Vec<(ErrorKind, Option<String>)> = errors
            .iter()
            .map(|e| match e {
                Event::Error { kind, field, .. } => (*kind, field.clone()),
                other => panic!("row {n}: two records: {other:?}"),
            })
            .collect();
        assert_eq!(have_errors, want_errors, "row {n}: errors");
        let want = Event::Record {
            index: n,
            key,
            fields,
        };
        assert_eq!(*record, &want, "row {n}: record");
    }
}
