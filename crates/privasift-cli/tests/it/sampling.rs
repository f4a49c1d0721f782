//! Deterministic sampling: `--sample-fraction` and `--sample`.

use privasift_testgen::Budget;
use serde_json::Value;

use crate::{corpus, read_json, run, write};

fn reasons(rep: &Value) -> Vec<String> {
    rep["classification"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn sample_fraction_is_deterministic_and_about_right() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", corpus(3, Budget::Docs(5000)));
    let a = run(
        dir.path(),
        [
            "scan",
            "c.jsonl",
            "--sample-fraction",
            "0.1",
            "-j",
            "1",
            "--report",
            "a.json",
        ],
    );
    a.assert_code(0);
    let b = run(
        dir.path(),
        [
            "scan",
            "c.jsonl",
            "--sample-fraction",
            "0.1",
            "-j",
            "2",
            "--report",
            "b.json",
        ],
    );
    b.assert_code(0);
    let (ja, jb) = (
        std::fs::read(dir.path().join("a.json")).unwrap(),
        std::fs::read(dir.path().join("b.json")).unwrap(),
    );
    assert!(ja == jb, "two sampled runs differ");
    let rep = read_json(&dir.path().join("a.json"));
    let scanned = rep["records_scanned"].as_u64().unwrap();
    assert!((250..=750).contains(&scanned), "{scanned} of 5000 for 10%");
    assert_eq!(scanned + rep["records_not_sampled"].as_u64().unwrap(), 5000);
    assert_eq!(rep["sample_fraction"], 0.1);
    assert_eq!(rep["classification"]["sample_size"], scanned);
    assert!(
        reasons(&rep).iter().any(|r| r.contains("sample")),
        "{:?}",
        reasons(&rep)
    );
    assert!(a.stdout.contains("not sampled"), "{}", a.stdout);

    // Another fraction gives another sample.
    let c = run(
        dir.path(),
        [
            "scan",
            "c.jsonl",
            "--sample-fraction",
            "0.5",
            "--report",
            "c.json",
        ],
    );
    c.assert_code(0);
    let half = read_json(&dir.path().join("c.json"))["records_scanned"]
        .as_u64()
        .unwrap();
    assert!((2000..=3000).contains(&half), "{half}");
}

#[test]
fn sample_n_scans_about_n_records_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", corpus(4, Budget::Docs(5000)));
    let r = run(
        dir.path(),
        ["scan", "c.jsonl", "--sample", "500", "--report", "r.json"],
    );
    r.assert_code(0);
    let rep = read_json(&dir.path().join("r.json"));
    let scanned = rep["records_scanned"].as_u64().unwrap();
    assert!(
        (250..=600).contains(&scanned),
        "{scanned} records for --sample 500"
    );
    assert!(rep["sample_fraction"].as_f64().unwrap() < 0.2);
    assert!(
        reasons(&rep).iter().any(|r| r.contains("sample")),
        "{:?}",
        reasons(&rep)
    );
    let again = run(
        dir.path(),
        [
            "scan", "c.jsonl", "--sample", "500", "-j", "1", "--report", "r2.json",
        ],
    );
    again.assert_code(0);
    assert_eq!(
        std::fs::read(dir.path().join("r.json")).unwrap(),
        std::fs::read(dir.path().join("r2.json")).unwrap()
    );
    // --sample and --sample-fraction exclude each other.
    run(
        dir.path(),
        [
            "scan",
            "c.jsonl",
            "--sample",
            "5",
            "--sample-fraction",
            "0.1",
        ],
    )
    .assert_code(2);
}
