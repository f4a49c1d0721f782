//! `privasift eval` on a testgen gold file and privasift's own predictions.

use serde_json::Value;

use crate::{gold, run, write};

#[test]
fn eval_scores_detect_output_against_gold() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "gold.jsonl", gold(21, 300));
    run(
        d,
        [
            "detect",
            "gold.jsonl",
            "--id-field",
            "id",
            "-o",
            "pred.jsonl",
        ],
    )
    .assert_code(0);

    let r = run(d, ["eval", "gold.jsonl", "pred.jsonl"]);
    r.assert_code(0);
    let micro = r
        .stdout
        .lines()
        .find(|l| l.starts_with("| **micro**"))
        .unwrap_or_else(|| panic!("no micro row:\n{}", r.stdout));
    assert!(r.stdout.contains("| label"), "{}", r.stdout);
    assert!(r.stdout.contains("| EMAIL"), "{}", r.stdout);
    assert!(r.stdout.contains("documents 300"), "{}", r.stdout);
    assert_eq!(micro.matches('|').count(), 12, "{micro}");

    // testgen annotates the values it plants, not the names in its filler
    // text ("You can reach Ms Smith"), which the person detector finds: the
    // regression check leaves PERSON out.
    let labels = "EMAIL,PHONE,IBAN,CREDIT_CARD,NATIONAL_ID,PASSPORT,IP_ADDRESS,URL,LOCATION,DATE_OF_BIRTH,CREDENTIAL,DEVICE_ID,LICENCE_PLATE";
    let r = run(
        d,
        [
            "eval",
            "gold.jsonl",
            "pred.jsonl",
            "--json",
            "--labels",
            labels,
        ],
    );
    r.assert_code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["n_docs"], 300);
    assert_eq!(v["n_docs_with_pred_line"], 300);
    let f1 = v["micro"]["exact"]["f1"].as_f64().unwrap();
    // privasift finds the values testgen plants: a drop means a regression.
    assert!(f1 > 0.9, "micro exact F1 {f1}");
    assert!(v["labels"]["NATIONAL_ID"]["n_gold"].as_u64().unwrap() > 0);

    let r = run(d, ["eval", "gold.jsonl", "pred.jsonl", "--by-kind"]);
    r.assert_code(0);
    assert!(r.stdout.contains("| kind"), "{}", r.stdout);
    for kind in ["| fr-nir", "| iban", "| email", "| **micro**"] {
        assert!(r.stdout.contains(kind), "{kind} missing:\n{}", r.stdout);
    }
    let r = run(
        d,
        ["eval", "gold.jsonl", "pred.jsonl", "--by-kind", "--json"],
    );
    r.assert_code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["labels"]["fr-nir"]["n_gold"].as_u64().unwrap() > 0,
        "{}",
        v["labels"]
    );
    assert!(v["labels"].get("NATIONAL_ID").is_none());

    let r = run(
        d,
        [
            "eval",
            "gold.jsonl",
            "pred.jsonl",
            "--labels",
            "EMAIL",
            "--json",
        ],
    );
    r.assert_code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["labels_scored"], serde_json::json!(["EMAIL"]));
}

#[test]
fn eval_rejects_bad_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "gold.jsonl", gold(1, 5));
    write(d, "pred.jsonl", "{not json}\n");
    let r = run(d, ["eval", "gold.jsonl", "pred.jsonl"]);
    r.assert_code(2);
    assert!(r.stderr.contains("pred.jsonl"), "{}", r.stderr);
    let r = run(d, ["eval", "gold.jsonl", "missing.jsonl"]);
    r.assert_code(2);
}

#[test]
fn closed_stdout_is_not_a_panic() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "gold.jsonl", gold(2, 300));
    run(
        d,
        [
            "detect",
            "gold.jsonl",
            "--id-field",
            "id",
            "-o",
            "pred.jsonl",
        ],
    )
    .assert_code(0);
    let mut child = crate::cmd(d)
        .args(["eval", "gold.jsonl", "pred.jsonl", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
