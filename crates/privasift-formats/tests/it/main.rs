#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Readers end to end: every format and compression, and every kind of bad
//! input the foundation issue lists, read from real files.

use std::io::Write;
use std::path::Path;

use privasift_formats::{
    Batch, BatchReader, ErrorKind, Location, ReadError, ReadOptions, Selection, discover, open,
};

/// (index, key, field path, text) of every record, the errors, and the file error if any.
type Collected = (
    Vec<(u64, Option<String>, String, String)>,
    Vec<(ErrorKind, Location)>,
    Option<ReadError>,
);

fn read_all(path: &Path, opts: &ReadOptions, sel: &Selection) -> Collected {
    let found = discover(&[path.display().to_string()], None);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    let mut reader: Box<dyn BatchReader> = open(&found.sources[0], opts).unwrap();
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut file_error = None;
    while let Some(b) = reader.next_batch() {
        let b: Batch = match b {
            Ok(b) => b,
            Err(e) => {
                file_error = Some(e);
                continue;
            }
        };
        b.for_each_record(sel, &mut |r| match r {
            Ok(rec) => {
                for f in &rec.fields {
                    records.push((
                        rec.id.index,
                        rec.id.key.clone(),
                        f.path.clone(),
                        f.text.to_string(),
                    ));
                }
            }
            Err(e) => errors.push((e.kind, e.location)),
        });
    }
    (records, errors, file_error)
}

fn jsonl_lines(n: usize) -> String {
    (1..=n)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"line {i} é\"}}\n"))
        .collect()
}

#[test]
fn jsonl_plain_gzip_and_zstd_read_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl_lines(5000);
    let plain = dir.path().join("a.jsonl");
    std::fs::write(&plain, &body).unwrap();
    let gz = dir.path().join("a.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(body.as_bytes()).unwrap();
    enc.finish().unwrap();
    let zst = dir.path().join("a.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(body.as_bytes(), 3).unwrap()).unwrap();
    // Small batches so records span many batches.
    let opts = ReadOptions {
        batch_bytes: 4096,
        ..ReadOptions::default()
    };
    let sel = Selection::new(vec!["text".into()], Some("id".into()));
    let a = read_all(&plain, &opts, &sel);
    assert_eq!(a.0.len(), 5000);
    assert_eq!(
        a.0[4999],
        (
            5000,
            Some("r5000".into()),
            "text".into(),
            "line 5000 é".into()
        )
    );
    assert_eq!(read_all(&gz, &opts, &sel).0, a.0);
    assert_eq!(read_all(&zst, &opts, &sel).0, a.0);
}

#[test]
fn truncated_gzip_keeps_what_was_read_and_reports_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl_lines(20_000);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(body.as_bytes()).unwrap();
    let full = enc.finish().unwrap();
    let gz = dir.path().join("t.jsonl.gz");
    std::fs::write(&gz, &full[..full.len() / 2]).unwrap();
    let (records, _, err) = read_all(&gz, &ReadOptions::default(), &Selection::default());
    let err = err.expect("a file error");
    assert_eq!(err.kind, ErrorKind::Truncated);
    assert!(err.to_string().contains("t.jsonl.gz"), "{err}");
    assert!(!records.is_empty() && records.len() < 20_000 * 2);
}

#[test]
fn malformed_json_non_utf8_and_missing_fields_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.jsonl");
    let mut body = b"{\"text\": \"ok\"}\n{\"text\": \"broken\n".to_vec();
    body.extend_from_slice(
        b"{\"text\": \"caf\xE9\"}\n{\"other\": \"x\"}\n\n[1,2]\n{\"text\": \"last\"}",
    );
    std::fs::write(&p, body).unwrap();
    let sel = Selection::new(vec!["text".into()], None);
    let (records, errors, file_error) = read_all(&p, &ReadOptions::default(), &sel);
    assert!(file_error.is_none());
    let lines: Vec<u64> = records.iter().map(|r| r.0).collect();
    assert_eq!(lines, vec![1, 3, 7]);
    assert_eq!(
        errors,
        vec![
            (ErrorKind::MalformedJson, Location::Line(2)),
            (ErrorKind::InvalidUtf8, Location::Line(3)),
            (ErrorKind::MissingField, Location::Line(4)),
            (ErrorKind::MalformedJson, Location::Line(6)),
        ]
    );
}

#[test]
fn oversized_records_are_skipped_without_holding_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    let big = "x".repeat(300_000);
    std::fs::write(
        &p,
        format!("{{\"text\":\"a\"}}\n{{\"text\":\"{big}\"}}\n{{\"text\":\"b\"}}\n"),
    )
    .unwrap();
    let opts = ReadOptions {
        batch_bytes: 1024,
        max_record_bytes: 100_000,
        ..ReadOptions::default()
    };
    let (records, errors, _) = read_all(&p, &opts, &Selection::default());
    let got: Vec<(u64, String)> = records.into_iter().map(|r| (r.0, r.3)).collect();
    assert_eq!(got, vec![(1, "a".into()), (3, "b".into())]);
    assert_eq!(errors, vec![(ErrorKind::RecordTooLarge, Location::Line(2))]);
}

#[test]
fn long_text_lines_are_cut_into_pieces_on_char_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.txt");
    let line = "é".repeat(1000); // 2000 bytes
    std::fs::write(&p, format!("short\n{line}\nend\n")).unwrap();
    let opts = ReadOptions {
        batch_bytes: 64,
        max_record_bytes: 333,
        ..ReadOptions::default()
    };
    let (records, errors, _) = read_all(&p, &opts, &Selection::default());
    assert!(errors.is_empty());
    let joined: String = records
        .iter()
        .filter(|r| r.0 == 2)
        .map(|r| r.3.as_str())
        .collect();
    assert_eq!(
        joined.len(),
        line.len(),
        "{:?}",
        records.iter().map(|r| (r.0, r.3.len())).collect::<Vec<_>>()
    );
    assert_eq!(joined, line);
    assert!(
        records
            .iter()
            .filter(|r| r.0 == 2)
            .all(|r| r.3.len() <= 334)
    );
    assert_eq!(records.first().map(|r| r.3.as_str()), Some("short"));
    assert_eq!(
        records.last().map(|r| (r.0, r.3.as_str())),
        Some((3, "end"))
    );
}

#[test]
fn csv_and_tsv_name_columns_and_flag_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "id,name,note\n1,Ana,\"multi\nline\"\n2,Bo\n3,Cy,x,extra\n",
    )
    .unwrap();
    let sel = Selection::new(vec![], Some("id".into()));
    let (records, errors, _) = read_all(&csv, &ReadOptions::default(), &sel);
    assert!(records.contains(&(1, Some("1".into()), "note".into(), "multi\nline".into())));
    assert!(records.contains(&(3, Some("3".into()), "column_4".into(), "extra".into())));
    assert_eq!(
        errors,
        vec![
            (ErrorKind::WrongColumnCount, Location::Row(2)),
            (ErrorKind::WrongColumnCount, Location::Row(3))
        ]
    );
    let tsv = dir.path().join("t.tsv");
    std::fs::write(&tsv, "a\tb\nx y\tz\n").unwrap();
    let (records, errors, _) = read_all(&tsv, &ReadOptions::default(), &Selection::default());
    assert!(errors.is_empty());
    assert_eq!(records[0].3, "x y");
}

#[test]
fn empty_files_give_no_records_and_no_errors() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["e.jsonl", "e.txt", "e.jsonl.gz"] {
        let p = dir.path().join(name);
        if name.ends_with(".gz") {
            let enc = flate2::write::GzEncoder::new(
                std::fs::File::create(&p).unwrap(),
                flate2::Compression::default(),
            );
            enc.finish().unwrap();
        } else {
            std::fs::write(&p, "").unwrap();
        }
        let (records, errors, file_error) =
            read_all(&p, &ReadOptions::default(), &Selection::default());
        assert!(
            records.is_empty() && errors.is_empty() && file_error.is_none(),
            "{name}"
        );
    }
    // An empty CSV has no header: that is a file-level problem, not a panic.
    let p = dir.path().join("e.csv");
    std::fs::write(&p, "").unwrap();
    let (records, _, _) = read_all(&p, &ReadOptions::default(), &Selection::default());
    assert!(records.is_empty());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_string_columns_are_read_and_ints_serve_as_ids() {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.parquet");
    let ids: ArrayRef = Arc::new(Int64Array::from(vec![10, 11, 12]));
    let text: ArrayRef = Arc::new(StringArray::from(vec![Some("a@b.fr"), None, Some("z")]));
    let batch = RecordBatch::try_from_iter(vec![("id", ids), ("text", text)]).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(
        std::fs::File::create(&p).unwrap(),
        batch.schema(),
        None,
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let sel = Selection::new(vec![], Some("id".into()));
    let (records, errors, _) = read_all(&p, &ReadOptions::default(), &sel);
    assert!(errors.is_empty());
    assert_eq!(
        records,
        vec![
            (1, Some("10".into()), "text".into(), "a@b.fr".into()),
            (3, Some("12".into()), "text".into(), "z".into())
        ]
    );
    // A file that is not Parquet is a clear file-level error.
    let bad = dir.path().join("bad.parquet");
    std::fs::write(&bad, b"not parquet at all").unwrap();
    let found = discover(&[bad.display().to_string()], None);
    let err = open(&found.sources[0], &ReadOptions::default())
        .err()
        .unwrap();
    assert_eq!(err.kind, ErrorKind::MalformedParquet);
}

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.jsonl");
    let body = jsonl_lines(100);
    std::fs::write(&p, &body).unwrap();
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    let _ = read_all(&p, &ReadOptions::default(), &Selection::default());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), body);
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
}

#[test]
fn readers_digest_the_file_bytes_while_reading_when_asked() {
    use sha2::Digest as _;
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl_lines(3000);
    let plain = dir.path().join("a.jsonl");
    std::fs::write(&plain, &body).unwrap();
    let gz = dir.path().join("b.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(body.as_bytes()).unwrap();
    enc.finish().unwrap();
    let csv = dir.path().join("c.csv");
    std::fs::write(&csv, "a,b\n1,x\n2,y\n").unwrap();
    for path in [&plain, &gz, &csv] {
        let want = hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()));
        let found = discover(&[path.display().to_string()], None);
        for (digest, expect) in [(true, Some(want.clone())), (false, None)] {
            let opts = ReadOptions {
                batch_bytes: 1000,
                digest,
                ..ReadOptions::default()
            };
            let mut r = open(&found.sources[0], &opts).unwrap();
            // Not complete before the end.
            r.next_batch().unwrap().unwrap();
            if digest && path == &plain {
                assert_eq!(r.digest(), None, "digest before the end of {path:?}");
            }
            while r.next_batch().is_some() {}
            assert_eq!(r.digest(), expect, "{path:?}");
        }
    }
}
