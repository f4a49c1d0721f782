//! Same input, same bytes out, whatever the thread count.

use privasift_testgen::Budget;

use crate::{corpus, run, write};

#[test]
fn detect_and_scan_do_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = corpus(11, Budget::Bytes(2_000_000));
    assert!(data.len() > 1_900_000);
    write(dir.path(), "corpus.jsonl", &data);

    let mut detect_outs = Vec::new();
    let mut reports = Vec::new();
    let mut summaries = Vec::new();
    for threads in ["1", "2", "3"] {
        let r = run(
            dir.path(),
            [
                "detect",
                "corpus.jsonl",
                "--id-field",
                "id",
                "-j",
                threads,
                "-o",
                "spans.jsonl",
            ],
        );
        r.assert_code(0);
        detect_outs.push((
            r.stderr.clone(),
            std::fs::read(dir.path().join("spans.jsonl")).unwrap(),
        ));
        let r = run(
            dir.path(),
            [
                "scan",
                "corpus.jsonl",
                "--id-field",
                "id",
                "-j",
                threads,
                "--report",
                "r.json",
            ],
        );
        r.assert_code(0);
        summaries.push(r.stdout.clone());
        reports.push(std::fs::read(dir.path().join("r.json")).unwrap());
    }
    let lines = String::from_utf8(detect_outs[0].1.clone())
        .unwrap()
        .lines()
        .count();
    let records = String::from_utf8(data).unwrap().lines().count();
    assert_eq!(lines, records);
    for i in 1..detect_outs.len() {
        assert!(
            detect_outs[0] == detect_outs[i],
            "detect output differs with {} threads",
            i + 1
        );
        assert!(
            reports[0] == reports[i],
            "report differs with {} threads",
            i + 1
        );
        assert_eq!(
            summaries[0],
            summaries[i],
            "summary differs with {} threads",
            i + 1
        );
    }
    // The corpus is full of findings: the comparison is not between empty files.
    let rep: serde_json::Value = serde_json::from_slice(&reports[0]).unwrap();
    assert!(rep["records_with_findings"].as_u64().unwrap() > 1000);
    assert!(rep["examples"].as_array().unwrap().len() > 10);
}

#[test]
fn repeated_runs_give_identical_reports() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", corpus(5, Budget::Docs(500)));
    let a = run(dir.path(), ["scan", "c.jsonl", "--report", "a.json"]);
    a.assert_code(0);
    let b = run(dir.path(), ["scan", "c.jsonl", "--report", "b.json"]);
    b.assert_code(0);
    assert_eq!(
        std::fs::read(dir.path().join("a.json")).unwrap(),
        std::fs::read(dir.path().join("b.json")).unwrap()
    );
}
