//! Bad input is counted, named and survived; `--strict` turns it into exit
//! status 2 with a message naming the file.

use std::io::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::{jline, read_json, run, write};

/// One kind of bad input.
struct Case {
    /// Files to create.
    files: Vec<(&'static str, Vec<u8>)>,
    /// Paths given to `scan`.
    args: Vec<&'static str>,
    /// Error kind counted in the report.
    kind: &'static str,
    /// Text that must name the problem in stdout or stderr (file, then where).
    named: Vec<&'static str>,
}

fn good_lines(n: usize) -> String {
    (0..n).map(|i| jline(i, "nothing to report here")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn truncated_gz() -> Vec<u8> {
    let mut s = String::new();
    for i in 0..3000 {
        s += &jline(i, &format!("record {i} holds no value of note, only words"));
    }
    let gz = gzip(s.as_bytes());
    gz[..gz.len() / 2].to_vec()
}

fn cases() -> Vec<(&'static str, Case)> {
    let mut bad_json = good_lines(1);
    bad_json += "{\"id\": 1, \"text\": \"cut short\n";
    bad_json += &good_lines(1);
    let mut bad_utf8 = b"{\"text\": \"caf".to_vec();
    bad_utf8.push(0xE9);
    bad_utf8.extend_from_slice(b" au lait\"}\n");
    vec![
        (
            "malformed JSON line",
            Case {
                files: vec![("bad.jsonl", bad_json.into_bytes())],
                args: vec!["bad.jsonl"],
                kind: "malformed-json",
                named: vec!["bad.jsonl: line 2"],
            },
        ),
        (
            "CSV row with the wrong column count",
            Case {
                files: vec![(
                    "bad.csv",
                    b"id,text\n1,hello\n2,too,many,cells\n3,fine\n".to_vec(),
                )],
                args: vec!["bad.csv"],
                kind: "wrong-column-count",
                named: vec!["bad.csv: row 2"],
            },
        ),
        (
            "truncated .jsonl.gz",
            Case {
                files: vec![("cut.jsonl.gz", truncated_gz())],
                args: vec!["cut.jsonl.gz"],
                kind: "truncated",
                named: vec!["cut.jsonl.gz", "line"],
            },
        ),
        (
            "non-UTF-8 byte",
            Case {
                files: vec![("latin1.jsonl", bad_utf8)],
                args: vec!["latin1.jsonl"],
                kind: "invalid-utf8",
                named: vec!["latin1.jsonl: line 1"],
            },
        ),
        (
            "record larger than --max-record-bytes (larger than a read buffer)",
            Case {
                files: vec![(
                    "big.jsonl",
                    format!(
                        "{}{}{}",
                        good_lines(1),
                        jline(9, &"word ".repeat(30_000)),
                        good_lines(1)
                    )
                    .into_bytes(),
                )],
                args: vec!["big.jsonl", "--max-record-bytes", "1000"],
                kind: "record-too-large",
                named: vec!["big.jsonl: line 2"],
            },
        ),
        (
            "missing --fields field",
            Case {
                files: vec![("f.jsonl", good_lines(2).into_bytes())],
                args: vec!["f.jsonl", "--fields", "text,absent"],
                kind: "missing-field",
                named: vec!["f.jsonl: line 1, field `absent`"],
            },
        ),
        (
            "path that does not exist",
            Case {
                files: vec![("ok.jsonl", good_lines(2).into_bytes())],
                args: vec!["ok.jsonl", "missing.jsonl"],
                kind: "io",
                named: vec!["missing.jsonl", "no such file"],
            },
        ),
    ]
}

fn setup(dir: &Path, case: &Case) {
    for (name, bytes) in &case.files {
        write(dir, name, bytes);
    }
}

#[test]
fn bad_input_is_counted_named_and_survived() {
    for (what, case) in cases() {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path(), &case);
        let mut args = vec!["scan", "--report", "r.json"];
        args.extend(&case.args);
        let r = run(dir.path(), &args);
        r.assert_code(0);
        let rep = read_json(&dir.path().join("r.json"));
        let n = rep["errors"]["by_kind"][case.kind].as_u64().unwrap_or(0);
        assert!(
            n >= 1,
            "{what}: {} not counted: {}",
            case.kind,
            rep["errors"]
        );
        assert!(rep["errors"]["total"].as_u64().unwrap() >= n, "{what}");
        let listed = rep["errors"]["first"].as_array().unwrap();
        assert!(
            listed.iter().any(|e| e["kind"] == case.kind),
            "{what}: not listed: {listed:?}"
        );
        let all = r.all();
        for needle in &case.named {
            assert!(all.contains(needle), "{what}: {needle:?} not in\n{all}");
        }
    }
}

#[test]
fn strict_stops_on_bad_input_with_status_2_naming_the_file() {
    for (what, case) in cases() {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path(), &case);
        let mut args = vec!["scan", "--strict", "--report", "r.json"];
        args.extend(&case.args);
        let r = run(dir.path(), &args);
        r.assert_code(2);
        assert!(r.stderr.contains("--strict"), "{what}: {}", r.stderr);
        assert!(
            r.stderr.contains(case.named[0].split(':').next().unwrap()),
            "{what}: file not named: {}",
            r.stderr
        );
        assert!(
            !dir.path().join("r.json").exists(),
            "{what}: a failed run wrote a report"
        );

        let mut args = vec!["detect", "--strict", "-o", "out.jsonl"];
        args.extend(&case.args);
        let r = run(dir.path(), &args);
        r.assert_code(2);
        assert!(
            r.stderr.contains(case.named[0].split(':').next().unwrap()),
            "{what}: detect: file not named: {}",
            r.stderr
        );
    }
}

#[test]
fn detect_goes_on_after_bad_input_and_counts_it() {
    for (what, case) in cases() {
        let dir = tempfile::tempdir().unwrap();
        setup(dir.path(), &case);
        let mut args = vec!["detect", "-o", "out.jsonl"];
        args.extend(&case.args);
        let r = run(dir.path(), &args);
        r.assert_code(0);
        if case.kind == "io" {
            // See `detect_counts_missing_paths_as_problems`.
            assert!(r.stderr.contains("missing.jsonl"), "{}", r.stderr);
            continue;
        }
        assert!(
            !r.stderr.contains(" 0 problems"),
            "{what}: problem not counted: {}",
            r.stderr
        );
        let file = case.named[0].split(':').next().unwrap();
        assert!(r.stderr.contains(file), "{what}: {}", r.stderr);
    }
}

#[test]
fn detect_counts_missing_paths_as_problems() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.jsonl", good_lines(2));
    let r = run(
        dir.path(),
        ["detect", "ok.jsonl", "missing.jsonl", "-o", "out.jsonl"],
    );
    r.assert_code(0);
    assert!(
        r.stderr.contains("2 records, 0 spans, 1 problems"),
        "{}",
        r.stderr
    );
}

#[test]
fn empty_file_is_scanned_as_zero_records() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.jsonl", "");
    write(dir.path(), "empty.csv", "");
    write(dir.path(), "ok.jsonl", good_lines(3));
    let r = run(
        dir.path(),
        [
            "scan",
            "empty.jsonl",
            "empty.csv",
            "ok.jsonl",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    let rep = read_json(&dir.path().join("r.json"));
    assert_eq!(rep["records_scanned"], 3);
    let inputs = rep["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 3);
    assert_eq!(inputs[0]["records_scanned"], 0);
    let r = run(dir.path(), ["detect", "empty.jsonl", "-o", "out.jsonl"]);
    r.assert_code(0);
    assert_eq!(std::fs::read(dir.path().join("out.jsonl")).unwrap(), b"");
}

#[test]
fn empty_file_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.jsonl", "");
    let r = run(dir.path(), ["scan", "empty.jsonl", "--report", "r.json"]);
    r.assert_code(0);
    let rep = read_json(&dir.path().join("r.json"));
    assert!(
        rep["errors"]["total"].as_u64().unwrap() >= 1,
        "{}",
        rep["errors"]
    );
    assert!(r.all().contains("empty.jsonl"));
    run(dir.path(), ["scan", "--strict", "empty.jsonl"]).assert_code(2);
}

#[test]
fn small_record_over_the_limit_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = format!(
        "{}{}{}",
        good_lines(1),
        jline(9, &format!("{} jane.doe@example.org", "word ".repeat(1000))),
        good_lines(1)
    );
    write(dir.path(), "big.jsonl", data);
    let r = run(
        dir.path(),
        [
            "scan",
            "big.jsonl",
            "--max-record-bytes",
            "1000",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    let rep = read_json(&dir.path().join("r.json"));
    assert_eq!(
        rep["errors"]["by_kind"]["record-too-large"], 1,
        "{}",
        rep["errors"]
    );
    assert_eq!(rep["records_scanned"], 2);
    assert_eq!(rep["records_skipped"], 1);
    assert!(r.all().contains("big.jsonl: line 2"));
    run(
        dir.path(),
        [
            "scan",
            "--strict",
            "big.jsonl",
            "--max-record-bytes",
            "1000",
        ],
    )
    .assert_code(2);
}

#[test]
fn directory_with_an_unknown_extension_scans_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data/a.jsonl", good_lines(2));
    write(dir.path(), "data/notes.bin", "binary-ish");
    let r = run(dir.path(), ["scan", "data", "--report", "r.json"]);
    r.assert_code(0);
    assert!(r.stderr.contains("unknown extension"), "{}", r.stderr);
    let rep = read_json(&dir.path().join("r.json"));
    assert_eq!(rep["records_scanned"], 2);
    assert_eq!(rep["inputs"].as_array().unwrap().len(), 1);
    // Named explicitly, an unknown extension is an error; --strict stops on it.
    let r = run(
        dir.path(),
        [
            "scan",
            "data/a.jsonl",
            "data/notes.bin",
            "--report",
            "r2.json",
        ],
    );
    r.assert_code(0);
    assert!(r.stderr.contains("data/notes.bin"), "{}", r.stderr);
    let rep = read_json(&dir.path().join("r2.json"));
    assert_eq!(rep["errors"]["by_kind"]["unsupported"], 1);
    run(
        dir.path(),
        ["scan", "--strict", "data/a.jsonl", "data/notes.bin"],
    )
    .assert_code(2);
}

#[test]
fn directory_with_an_unknown_extension_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data/a.jsonl", good_lines(2));
    write(dir.path(), "data/notes.bin", "binary-ish");
    let r = run(dir.path(), ["scan", "data", "--report", "r.json"]);
    r.assert_code(0);
    assert!(r.all().contains("notes.bin"), "{}", r.all());
    let rep: Value = read_json(&dir.path().join("r.json"));
    assert!(
        rep["errors"]["total"].as_u64().unwrap() >= 1,
        "{}",
        rep["errors"]
    );
    run(dir.path(), ["scan", "--strict", "data"]).assert_code(2);
}

#[test]
fn no_readable_input_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), ["scan", "nothing-here.jsonl"]);
    r.assert_code(2);
    assert!(r.stderr.contains("nothing-here.jsonl"), "{}", r.stderr);
    let r = run(
        dir.path(),
        ["detect", "nothing-here.jsonl", "-o", "out.jsonl"],
    );
    r.assert_code(2);
    assert!(!dir.path().join("out.jsonl").exists());
}
