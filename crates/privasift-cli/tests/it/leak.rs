//! No detected value, from good records or broken ones, may come out of the
//! binary: not on stdout, not on stderr, not in the report, not in detect's
//! output (which carries offsets only).

use std::fmt::Write as _;
use std::path::Path;

use privasift_testgen::{GenKind, Lang, kind_values};

use crate::{Run, jline, run, write};

/// Fake values from the generator, plus the published test values.
fn values() -> Vec<String> {
    let mut v: Vec<String> = vec![
        "jane.doe@example.org".into(),
        "FR76 3000 6000 0112 3456 7890 189".into(),
        "4111 1111 1111 1111".into(),
    ];
    for (kind, lang) in [
        (GenKind::Email, Lang::Fr),
        (GenKind::Iban, Lang::Fr),
        (GenKind::Phone, Lang::Fr),
        (GenKind::Phone, Lang::En),
        (GenKind::FrNir, Lang::Fr),
    ] {
        v.extend(kind_values(kind, lang, 1234, 4));
    }
    v
}

/// The forms of a value that must not appear: as written, and without its
/// separators (a report could normalise it).
fn forms(value: &str) -> Vec<String> {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect();
    let mut f = vec![value.to_owned()];
    if compact != value && compact.chars().count() >= 6 {
        f.push(compact);
    }
    f
}

#[track_caller]
fn assert_no_value(what: &str, haystack: &str, values: &[String]) {
    for v in values {
        for form in forms(v) {
            assert!(
                !haystack.contains(&form),
                "{what} contains the value {form:?}:\n{haystack}"
            );
        }
    }
}

fn check_run(what: &str, r: &Run, values: &[String]) {
    r.assert_no_panic();
    assert_no_value(&format!("{what}: stdout"), &r.stdout, values);
    assert_no_value(&format!("{what}: stderr"), &r.stderr, values);
}

/// JSONL with good lines and broken lines (truncated, not an object,
/// invalid UTF-8, too large), CSV with wrong column counts, and text.
fn fixtures(dir: &Path, values: &[String]) {
    let mut jsonl: Vec<u8> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        jsonl.extend(jline(format!("doc-{i}"), &format!("écrire à {v} demain")).bytes());
        match i % 5 {
            0 => jsonl.extend(format!("{{\"id\": \"bad-{i}\", \"text\": \"{v}\n").bytes()),
            1 => jsonl.extend(format!("[\"{v}\"]\n").bytes()),
            2 => {
                jsonl.extend(b"{\"text\": \"caf");
                jsonl.push(0xE9);
                jsonl.extend(format!(" {v}\"}}\n").bytes());
            }
            3 => jsonl.extend(format!("{{\"text\": \"{v}\", \"text\": {v}}}\n").bytes()),
            _ => jsonl.extend(format!("\"{v}\"\n").bytes()),
        }
    }
    // Well over --max-record-bytes (70 000 below), so that it is skipped
    // despite the bug of `small_record_over_the_limit_is_skipped`.
    jsonl.extend(jline("huge", &format!("{} {}", "x".repeat(300_000), values[0])).bytes());
    write(dir, "mixed.jsonl", jsonl);

    let mut csv = String::from("id,text,note\n");
    for (i, v) in values.iter().enumerate() {
        if i % 2 == 0 {
            writeln!(csv, "{i},\"contact: {v}\",ok").unwrap();
        } else {
            writeln!(csv, "{i},\"{v}\",extra,{v}").unwrap();
        }
    }
    write(dir, "table.csv", csv);

    let text: String = values.iter().map(|v| format!("line with {v}\n")).collect();
    write(dir, "notes.txt", text);
}

#[test]
fn no_value_leaks_from_scan_or_detect() {
    let dir = tempfile::tempdir().unwrap();
    let values = values();
    fixtures(dir.path(), &values);
    let inputs = ["mixed.jsonl", "table.csv", "notes.txt"];

    let mut args = vec!["scan", "--report", "r.json", "--max-record-bytes", "70000"];
    args.extend(inputs);
    let r = run(dir.path(), &args);
    r.assert_code(0);
    check_run("scan", &r, &values);
    // The run did find and flag things, so the check above means something.
    assert!(r.stdout.contains("CONTAINS PERSONAL DATA"));
    let report = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert_no_value("scan report", &report, &values);
    let rep: serde_json::Value = serde_json::from_str(&report).unwrap();
    for kind in [
        "malformed-json",
        "invalid-utf8",
        "wrong-column-count",
        "record-too-large",
    ] {
        assert!(
            rep["errors"]["by_kind"][kind].as_u64().unwrap_or(0) > 0,
            "{kind} not counted: {}",
            rep["errors"]
        );
    }
    for kind in ["email", "iban", "phone", "fr-nir", "credit-card"] {
        assert!(
            rep["kinds"][kind]["findings"].as_u64().unwrap_or(0) > 0,
            "{kind}"
        );
    }

    let mut args = vec!["detect", "-o", "spans.jsonl", "--max-record-bytes", "70000"];
    args.extend(inputs);
    let r = run(dir.path(), &args);
    r.assert_code(0);
    check_run("detect", &r, &values);
    let spans = std::fs::read_to_string(dir.path().join("spans.jsonl")).unwrap();
    assert!(spans.contains("\"IBAN\""));
    assert_no_value("detect output", &spans, &values);

    // The first problem, as --strict reports it, names no value either.
    for input in inputs {
        let r = run(dir.path(), ["scan", "--strict", input]);
        check_run("scan --strict", &r, &values);
        let r = run(dir.path(), ["detect", "--strict", "-o", "-", input]);
        check_run("detect --strict", &r, &values);
    }
}

#[test]
fn json_keys_holding_values_do_not_leak_into_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "k.jsonl",
        "{\"contacts\": {\"jane.doe@example.org\": \"friend\"}}\n",
    );
    let r = run(dir.path(), ["scan", "k.jsonl", "--report", "r.json"]);
    r.assert_code(0);
    let values = vec!["jane.doe@example.org".to_owned()];
    check_run("scan", &r, &values);
    let report = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert_no_value("scan report", &report, &values);
}

#[test]
fn headerless_csv_does_not_leak_its_first_row() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nh.csv",
        "jane.doe@example.org,FR76 3000 6000 0112 3456 7890 189\nbob@example.org,x\n",
    );
    let r = run(dir.path(), ["scan", "nh.csv", "--report", "r.json"]);
    r.assert_code(0);
    let values = vec![
        "jane.doe@example.org".to_owned(),
        "FR76 3000 6000 0112 3456 7890 189".to_owned(),
    ];
    check_run("scan", &r, &values);
    let report = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert_no_value("scan report", &report, &values);
}
