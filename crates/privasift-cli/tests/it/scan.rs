//! `privasift scan`: the verdict, the counts, the report.

use serde_json::Value;

use crate::{jline, read_json, run, summary_kind_row, write};

/// Obviously fake values: published test card, documentation IBAN, example.org.
const EMAIL: &str = "jane.doe@example.org";
const EMAIL2: &str = "jean.martin@example.fr";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
const CARD: &str = "4111 1111 1111 1111";
const PHONE: &str = "06 12 34 56 78";

fn known_dataset() -> String {
    let mut s = String::new();
    s += &jline("r1", &format!("Contact {EMAIL} for details."));
    s += &jline("r2", &format!("Please wire the deposit to {IBAN} today."));
    s += &serde_json::json!({"id": "r3", "text": "nothing to see here", "meta": {"note": format!("test card {CARD}")}})
        .to_string();
    s.push('\n');
    s += &jline("r4", &format!("Appelez le {PHONE} ou écrivez à {EMAIL2}"));
    s += &jline("r5", "the weather was mild and the river calm");
    s
}

#[test]
fn scan_reports_verdict_counts_and_masked_examples() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data.jsonl", known_dataset());
    let r = run(
        dir.path(),
        [
            "scan",
            "data.jsonl",
            "--id-field",
            "id",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    assert!(
        r.stdout.contains("Verdict: CONTAINS PERSONAL DATA"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("5 records scanned"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Records with findings: 4 of 5"),
        "{}",
        r.stdout
    );
    assert_eq!(
        summary_kind_row(&r.stdout, "email"),
        Some((2, 2)),
        "{}",
        r.stdout
    );
    assert_eq!(summary_kind_row(&r.stdout, "iban"), Some((1, 1)));
    assert_eq!(summary_kind_row(&r.stdout, "credit-card"), Some((1, 1)));
    assert_eq!(summary_kind_row(&r.stdout, "phone"), Some((1, 1)));
    assert!(r.stdout.contains("Report written to r.json"));

    let rep = read_json(&dir.path().join("r.json"));
    assert_eq!(rep["records_scanned"], 5);
    assert_eq!(rep["records_with_findings"], 4);
    assert_eq!(rep["records_skipped"], 0);
    assert_eq!(rep["classification"]["verdict"], "contains personal data");
    assert!(rep["classification"].get("upper_bound_share_95").is_none());
    assert_eq!(rep["kinds"]["email"]["records"], 2);
    assert_eq!(rep["kinds"]["email"]["findings"], 2);
    assert_eq!(rep["kinds"]["email"]["label"], "EMAIL");
    assert_eq!(rep["kinds"]["iban"]["records"], 1);
    assert_eq!(rep["kinds"]["credit-card"]["records"], 1);
    assert_eq!(rep["labels"]["EMAIL"]["findings"], 2);
    assert_eq!(rep["fields"]["text"]["records_with_text"], 5);
    assert_eq!(rep["fields"]["text"]["records_with_findings"], 3);
    assert_eq!(rep["fields"]["text"]["kinds"]["email"][0], 2);
    assert_eq!(rep["fields"]["meta.note"]["kinds"]["credit-card"][0], 1);
    assert_eq!(rep["column_profile"], false);
    assert_eq!(rep["errors"]["total"], 0);

    let examples = rep["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 5, "{examples:#?}");
    for ex in examples {
        let masked = ex["masked"].as_str().unwrap();
        assert!(masked.contains('*'), "{masked}");
        for v in [EMAIL, EMAIL2, IBAN, CARD, PHONE] {
            assert!(!masked.contains(v), "{masked} shows {v}");
        }
    }
    let email_ex: Vec<&str> = examples
        .iter()
        .filter(|e| e["kind"] == "email")
        .map(|e| e["masked"].as_str().unwrap())
        .collect();
    assert_eq!(email_ex, ["j***@***.org", "j***@***.fr"]);
    let card = examples
        .iter()
        .find(|e| e["kind"] == "credit-card")
        .unwrap();
    assert_eq!(card["field"], "meta.note");
    assert_eq!(card["record"], 3);
    assert_eq!(card["id"], "r3");

    insta::assert_json_snapshot!("scan_report", normalise(rep));
}

/// Takes out what legitimately changes between versions and machines: the
/// tool version, the detector registry (asserted on separately) and paths.
fn normalise(mut rep: Value) -> Value {
    let detectors = rep["detectors"].as_array().unwrap();
    assert!(
        detectors
            .iter()
            .any(|d| d.as_str().unwrap().starts_with("email@"))
    );
    let covered = rep["classification"]["kinds_covered"].as_array().unwrap();
    assert!(covered.iter().any(|k| k == "fr-nir"));
    rep["tool"]["version"] = "[version]".into();
    rep["detectors"] = "[detectors]".into();
    rep["classification"]["kinds_covered"] = "[kinds]".into();
    for input in rep["inputs"].as_array_mut().unwrap() {
        let p = input["path"].as_str().unwrap();
        let name = std::path::Path::new(p)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        input["path"] = format!("[dir]/{name}").into();
    }
    rep
}

#[test]
fn scan_without_personal_data_gives_an_upper_bound() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::new();
    for i in 0..300 {
        s += &jline(
            i,
            "le chat dort sur le canapé pendant que la pluie tombe doucement",
        );
    }
    write(dir.path(), "clean.jsonl", s);
    let r = run(dir.path(), ["scan", "clean.jsonl", "--report", "r.json"]);
    r.assert_code(0);
    assert!(
        r.stdout
            .contains("Verdict: NO PERSONAL DATA FOUND IN WHAT WAS SCANNED"),
        "{}",
        r.stdout
    );
    let rep = read_json(&dir.path().join("r.json"));
    assert_eq!(
        rep["classification"]["verdict"],
        "no personal data found in what was scanned"
    );
    assert_eq!(rep["records_scanned"], 300);
    assert_eq!(rep["records_with_findings"], 0);
    let upper = rep["classification"]["upper_bound_share_95"]
        .as_f64()
        .unwrap();
    assert!((upper - 0.01).abs() < 1e-12, "{upper}");
    assert!(rep["kinds"].as_object().unwrap().is_empty());
    assert!(rep["examples"].as_array().unwrap().is_empty());
}

#[test]
fn fail_on_findings_exits_1_only_when_personal_data_is_found() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data.jsonl", known_dataset());
    write(dir.path(), "clean.jsonl", jline(1, "nothing personal"));
    run(dir.path(), ["scan", "data.jsonl", "--fail-on-findings"]).assert_code(1);
    run(dir.path(), ["scan", "clean.jsonl", "--fail-on-findings"]).assert_code(0);
}

#[test]
fn labels_restrict_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data.jsonl", known_dataset());
    let r = run(
        dir.path(),
        [
            "scan",
            "data.jsonl",
            "--labels",
            "IBAN",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    let rep = read_json(&dir.path().join("r.json"));
    let kinds: Vec<&String> = rep["kinds"].as_object().unwrap().keys().collect();
    assert_eq!(kinds, ["iban"]);
    assert_eq!(rep["records_with_findings"], 1);
}

#[test]
fn bad_option_values_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "data.jsonl", known_dataset());
    let r = run(
        dir.path(),
        ["scan", "data.jsonl", "--sample-fraction", "1.5"],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("--sample-fraction"), "{}", r.stderr);
    let r = run(
        dir.path(),
        ["scan", "data.jsonl", "--labels", "NOT_A_LABEL"],
    );
    r.assert_code(2);
    let r = run(dir.path(), ["scan", "data.jsonl", "--format", "xml"]);
    r.assert_code(2);
    assert!(r.stderr.contains("unknown format"), "{}", r.stderr);
}
