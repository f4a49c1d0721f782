//! `privasift rights find` / `erase`: a generated person across JSONL, CSV
//! and Parquet shards, a similar name that is someone else, pseudonyms,
//! suppression lists, and requests that cannot be used.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use privasift_testgen::Budget;

use crate::{corpus, read_json, run, write};

const EMAIL: &str = "odile.fauxnom@example.org";
const PHONE_WRITTEN: &str = "06 98 76 54 32";

const REQUEST: &str = r#"id = "REQ-T-1"
kind = "erasure"
[person]
emails = ["Odile.Fauxnom@example.org"]
phones = ["+33 6 98 76 54 32"]
names = [{ name = "Odile Fauxnom", and = ["Angers"] }]
"#;

/// The dataset: generated filler, the person in 3 JSONL lines, 1 CSV row
/// and 1 Parquet row; a similar name and a namesake elsewhere that are not
/// her.
fn dataset(d: &Path) {
    let mut jsonl = String::from_utf8(corpus(7, Budget::Docs(200))).unwrap();
    let _ = writeln!(
        jsonl,
        "{{\"id\":\"p1\",\"text\":\"Écrire à {EMAIL} pour la commande\"}}"
    );
    let _ = writeln!(
        jsonl,
        "{{\"id\":\"p2\",\"text\":\"Rappeler au {PHONE_WRITTEN}\"}}"
    );
    jsonl
        .push_str("{\"id\":\"p3\",\"text\":\"Odile Fauxnom, cliente à Angers, est satisfaite\"}\n");
    jsonl.push_str("{\"id\":\"x1\",\"text\":\"Odile Fauxnomme, cliente à Angers\"}\n");
    jsonl.push_str("{\"id\":\"x2\",\"text\":\"Odile Fauxnom habite à Brest\"}\n");
    write(d, "data/posts.jsonl", jsonl);
    write(
        d,
        "data/crm.csv",
        format!(
            "id,name,city,contact\nc1,Paul Exemple,Lyon,paul@example.org\nc2,Odile Fauxnom,Angers,\nc3,Odile Fauxnom,Brest,\nc4,Zoé Test,Angers,{EMAIL}\n"
        ),
    );
    let batch = RecordBatch::try_from_iter(vec![
        ("id", Arc::new(Int64Array::from(vec![1, 2, 3])) as ArrayRef),
        (
            "note",
            Arc::new(StringArray::from(vec![
                "rien à signaler".to_owned(),
                format!("tel {}", "+33698765432"),
                "Odile Fauxnomme à Angers".to_owned(),
            ])) as ArrayRef,
        ),
    ])
    .unwrap();
    let file = std::fs::File::create(d.join("data/tickets.parquet")).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    write(d, "req.toml", REQUEST);
}

/// (file name, record index) pairs found, sorted.
fn found(v: &serde_json::Value) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        let name = Path::new(f["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for r in f["records"].as_array().unwrap() {
            out.push((name.clone(), r["index"].as_u64().unwrap()));
        }
    }
    out.sort();
    out
}

fn find_json(d: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "rights",
        "find",
        "--request",
        "req.toml",
        "--ledger",
        "l.jsonl",
        "--json",
        "-q",
    ];
    args.extend_from_slice(extra);
    let r = run(d, &args);
    r.assert_code(0);
    serde_json::from_str(&r.stdout).unwrap()
}

#[test]
fn finds_every_record_of_the_person_and_none_of_a_similar_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    let v = find_json(d, &["data", "--id-field", "id"]);
    let want = vec![
        ("crm.csv".to_owned(), 2),
        ("crm.csv".to_owned(), 4),
        ("posts.jsonl".to_owned(), 201),
        ("posts.jsonl".to_owned(), 202),
        ("posts.jsonl".to_owned(), 203),
        ("tickets.parquet".to_owned(), 2),
    ];
    assert_eq!(found(&v), want, "{v:#}");
    assert_eq!(v["found"], true);
    // Nothing printed names her identifiers.
    let r = run(
        d,
        [
            "rights",
            "find",
            "--request",
            "req.toml",
            "data",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    for s in [EMAIL, "Odile", "98 76", "698765432"] {
        assert!(!r.all().contains(s), "the output quotes {s}");
        assert!(
            !std::fs::read_to_string(d.join("l.jsonl"))
                .unwrap()
                .contains(s),
            "the ledger holds {s}"
        );
    }
    run(d, ["ledger", "verify", "l.jsonl"]).assert_code(0);
}

#[test]
fn an_access_request_exports_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    run(
        d,
        [
            "rights",
            "find",
            "--request",
            "req.toml",
            "data",
            "--export",
            "her.jsonl",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(d.join("her.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    assert!(lines.iter().any(|l| {
        l["data"]["text"]
            .as_str()
            .is_some_and(|t| t.contains(EMAIL))
    }));
}

#[test]
fn erase_leaves_nothing_of_the_person_and_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    run(
        d,
        [
            "rights",
            "erase",
            "--request",
            "req.toml",
            "data",
            "-o",
            "out",
            "--dry-run",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    assert!(!d.join("out").exists(), "a dry run writes nothing");
    run(
        d,
        [
            "rights",
            "erase",
            "--request",
            "req.toml",
            "data",
            "-o",
            "out",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let v = find_json(d, &["out"]);
    assert_eq!(v["found"], false, "{v:#}");
    assert_eq!(v["records_searched"], 205 + 4 + 3 - 6);
    // The similar name and the namesake are still there, untouched.
    let posts = std::fs::read_to_string(d.join("out/posts.jsonl")).unwrap();
    assert!(
        posts.contains("Odile Fauxnomme, cliente à Angers")
            && posts.contains("Odile Fauxnom habite à Brest")
    );
    let original = std::fs::read_to_string(d.join("data/posts.jsonl")).unwrap();
    let kept: Vec<&str> = original
        .lines()
        .filter(|l| !l.contains("\"p1\"") && !l.contains("\"p2\"") && !l.contains("\"p3\""))
        .collect();
    assert_eq!(
        posts.lines().collect::<Vec<_>>(),
        kept,
        "other records are byte-identical"
    );
    // The input is untouched; the ledger records the request, never her.
    assert_eq!(original.lines().count(), 205);
    let ledger = std::fs::read_to_string(d.join("l.jsonl")).unwrap();
    assert!(ledger.contains("REQ-T-1") && ledger.contains("rights erase"));
    assert!(!ledger.contains(EMAIL) && !ledger.contains("Odile"));
}

#[test]
fn redact_mode_keeps_the_records_without_her_values() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    write(
        d,
        "req.toml",
        REQUEST.replace(
            "kind = \"erasure\"",
            "kind = \"objection\"\nerase = \"redact\"",
        ),
    );
    run(
        d,
        [
            "rights",
            "erase",
            "--request",
            "req.toml",
            "data/posts.jsonl",
            "-o",
            "out",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let posts = std::fs::read_to_string(d.join("out/posts.jsonl")).unwrap();
    assert_eq!(posts.lines().count(), 205);
    assert!(
        posts.contains("\"Écrire à [EMAIL] pour la commande\""),
        "{posts}"
    );
    assert!(posts.contains("[PERSON], cliente à Angers"));
    assert!(
        posts.contains("Odile Fauxnom habite à Brest"),
        "a namesake elsewhere is not her"
    );
}

#[test]
fn pseudonyms_are_found_with_the_key_that_made_them_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    run(d, ["keygen", "-o", "k1.key"]).assert_code(0);
    run(d, ["keygen", "-o", "k2.key"]).assert_code(0);
    write(d, "p.toml", "version = 1\ndefault = \"pseudonymise\"\n");
    run(
        d,
        [
            "clean",
            "data/posts.jsonl",
            "-o",
            "cl",
            "--policy",
            "p.toml",
            "--key-file",
            "k1.key",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    assert!(
        !std::fs::read_to_string(d.join("cl/posts.jsonl"))
            .unwrap()
            .contains(EMAIL)
    );
    let v = find_json(d, &["cl", "--key-file", "k1.key"]);
    let got = found(&v);
    assert!(
        got.contains(&("posts.jsonl".to_owned(), 201))
            && got.contains(&("posts.jsonl".to_owned(), 202)),
        "{v:#}"
    );
    assert!(
        !got.contains(&("posts.jsonl".to_owned(), 205)),
        "the namesake's pseudonym needs the attribute: {v:#}"
    );
    let v = find_json(d, &["cl", "--key-file", "k2.key"]);
    assert_eq!(v["found"], false, "another key: {v:#}");
    let v = find_json(d, &["cl"]);
    assert_eq!(v["found"], false, "no key: {v:#}");
}

#[test]
fn suppression_lists_keep_the_person_out_of_later_cleans() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    run(d, ["keygen", "-o", "k.key"]).assert_code(0);
    run(
        d,
        [
            "rights",
            "erase",
            "--request",
            "req.toml",
            "data/crm.csv",
            "-o",
            "out",
            "--key-file",
            "k.key",
            "--suppression",
            "sup.jsonl",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let list = std::fs::read_to_string(d.join("sup.jsonl")).unwrap();
    assert!(
        !list.contains(EMAIL) && !list.contains("698765432"),
        "keyed hashes only"
    );
    write(
        d,
        "crawl/new.jsonl",
        format!(
            "{{\"id\":\"n1\",\"text\":\"contact: {EMAIL}\"}}\n{{\"id\":\"n2\",\"text\":\"contact: paul@example.org\"}}\n"
        ),
    );
    let r = run(
        d,
        [
            "clean",
            "crawl",
            "-o",
            "cl",
            "--key-file",
            "k.key",
            "--suppression",
            "sup.jsonl",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    r.assert_code(0);
    assert!(r.stdout.contains("drop-record:suppressed"), "{}", r.stdout);
    let out = std::fs::read_to_string(d.join("cl/new.jsonl")).unwrap();
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("\"n2\""));
    // Another key cannot use the list.
    run(d, ["keygen", "-o", "k2.key"]).assert_code(0);
    let r = run(
        d,
        [
            "clean",
            "crawl",
            "-o",
            "cl2",
            "--key-file",
            "k2.key",
            "--suppression",
            "sup.jsonl",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("another key"), "{}", r.stderr);
}

#[test]
fn a_person_not_found_is_told_so_and_bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    dataset(d);
    write(
        d,
        "none.toml",
        "id = \"R\"\nkind = \"access\"\n[person]\nemails = [\"nobody@example.net\"]\n",
    );
    let r = run(
        d,
        [
            "rights",
            "find",
            "--request",
            "none.toml",
            "data",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    r.assert_code(0);
    assert!(
        r.stdout.contains("No record matches") && r.stdout.contains("Art. 11"),
        "{}",
        r.stdout
    );
    for (text, words) in [
        (
            "id = \"R\"\nkind = \"access\"\n[person]\n",
            "no usable identifier",
        ),
        (
            "id = \"R\"\nkind = \"access\"\n[person]\nphones = [\"12 34\"]\n",
            "phones[0] is not a valid phone number",
        ),
        (
            "id = \"R\"\nkind = \"access\"\n[person]\nnames = [{ name = \"Odile Fauxnom\", and = [] }]\n",
            "a name alone",
        ),
    ] {
        write(d, "bad.toml", text);
        let r = run(
            d,
            [
                "rights",
                "find",
                "--request",
                "bad.toml",
                "data",
                "--ledger",
                "l.jsonl",
                "-q",
            ],
        );
        r.assert_code(2);
        assert!(
            r.stderr.contains(words) && r.stderr.contains("bad.toml:"),
            "{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains("12 34") && !r.stderr.contains("Fauxnom"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_corrupt_line_is_still_searched_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "req.toml", REQUEST);
    write(
        d,
        "data/a.jsonl",
        format!("{{\"id\":1,\"text\":\"ok\"}}\n{{\"id\":2,\"text\":\"{EMAIL}\"\n"),
    );
    let v = find_json(d, &["data"]);
    assert_eq!(v["records_found"], 1);
    assert_eq!(v["problems"], 1);
    let _ = read_json;
}
