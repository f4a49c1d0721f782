//! `--model DIR`: the model layer on `detect`, `scan` and `clean`, with the
//! tiny BERT `privasift_ner::testing` writes (it tags words by vocabulary:
//! `东 京` and `new york` are places, `ana lopez` a person).

use crate::{jline, read_jsonl, run, write};

#[cfg(feature = "ner")]
fn tiny_model(dir: &std::path::Path) {
    privasift_ner::testing::write_tiny_bert(&dir.join("model"), 64).unwrap();
}

#[cfg(feature = "ner")]
#[test]
fn detect_reports_model_spans_in_code_points() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path());
    let text = "😀 é 东京 new york";
    write(
        dir.path(),
        "in.jsonl",
        jline(1, text) + &jline(2, "nothing here"),
    );
    let r = run(
        dir.path(),
        [
            "detect",
            "in.jsonl",
            "--id-field",
            "id",
            "--model",
            "model",
            "--model-window",
            "6",
            "-o",
            "out.jsonl",
        ],
    );
    r.assert_code(0);
    assert!(
        r.stderr.contains("model layer: bert encoder, 2 layers"),
        "{}",
        r.stderr
    );
    let out = read_jsonl(&dir.path().join("out.jsonl"));
    let spans: Vec<(u64, u64, &str, &str, &str)> = out[0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["detector"] == "ner@1")
        .map(|s| {
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap(),
                s["kind"].as_str().unwrap(),
                s["detector"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            (4, 6, "LOCATION", "ner-location", "ner@1"),
            (7, 15, "LOCATION", "ner-location", "ner@1")
        ]
    );
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[4..6].iter().collect::<String>(), "东京");
    assert_eq!(out[1]["spans"].as_array().unwrap().len(), 0);
    // --labels and --threshold apply to model spans too.
    let r = run(
        dir.path(),
        [
            "detect", "in.jsonl", "--model", "model", "--labels", "PERSON", "-q", "-o", "-",
        ],
    );
    r.assert_code(0);
    assert!(!r.stdout.contains("ner@1"), "{}", r.stdout);
}

#[cfg(feature = "ner")]
#[test]
fn scan_and_clean_use_the_model() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path());
    write(dir.path(), "in.jsonl", jline(1, "they met ana in 东京"));
    let r = run(
        dir.path(),
        [
            "scan", "in.jsonl", "--model", "model", "-q", "--report", "r.json",
        ],
    );
    r.assert_code(0);
    let report = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert!(report.contains("ner-location"), "{report}");
    assert!(
        !report.contains("东京"),
        "the report must not quote the value"
    );
    let r = run(
        dir.path(),
        [
            "clean",
            "in.jsonl",
            "-o",
            "out",
            "--model",
            "model",
            "-q",
            "--ledger",
            "ledger.jsonl",
        ],
    );
    r.assert_code(0);
    let cleaned = std::fs::read_to_string(dir.path().join("out/in.jsonl")).unwrap();
    // The person the model found is redacted; the place, context, is kept.
    assert!(!cleaned.contains("ana"), "{cleaned}");
    assert!(cleaned.contains("东京"), "{cleaned}");
}

#[cfg(feature = "ner")]
#[test]
fn a_bad_model_directory_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path());
    std::fs::remove_file(dir.path().join("model/tokenizer.json")).unwrap();
    write(dir.path(), "in.jsonl", jline(1, "x"));
    let r = run(
        dir.path(),
        ["detect", "in.jsonl", "--model", "model", "-o", "-"],
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("loading the model in model"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("tokenizer.json: missing"), "{}", r.stderr);
}

#[cfg(not(feature = "ner"))]
#[test]
fn without_the_feature_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", jline(1, "x"));
    let r = run(
        dir.path(),
        ["detect", "in.jsonl", "--model", "m", "-o", "-"],
    );
    r.assert_code(2);
    assert!(
        r.stderr
            .contains("this build has no model layer; rebuild with --features ner"),
        "{}",
        r.stderr
    );
}
