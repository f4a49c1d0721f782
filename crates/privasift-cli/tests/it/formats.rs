//! Every input format, alone and mixed in one command.

use std::sync::Arc;

use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use serde_json::Value;

use crate::{jline, read_json, read_jsonl, run, write};

const EMAIL: &str = "jane.doe@example.org";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

fn input<'a>(rep: &'a Value, name: &str) -> &'a Value {
    rep["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not among the inputs: {}", rep["inputs"]))
}

#[test]
fn mixed_formats_directory_and_glob_in_one_command() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "people.csv",
        format!("id,name,contact\n10,Jane,{EMAIL}\n11,Bob,none\n12,Ann,\"{IBAN}\"\n"),
    );
    write(
        d,
        "people.tsv",
        format!("id\ttext\n20\tmail {EMAIL}\n21\tnothing\n"),
    );
    let jsonl: String = (0..4)
        .map(|i| {
            jline(
                i,
                if i == 2 {
                    "écrire à jane.doe@example.org"
                } else {
                    "rien"
                },
            )
        })
        .collect();
    write(d, "shard.jsonl.zst", zstd(jsonl.as_bytes()));
    write(
        d,
        "notes.txt",
        format!("first line\nsecond line {EMAIL}\n\nfourth line\n"),
    );
    write(d, "tree/a.jsonl", jline("ta", &format!("IBAN {IBAN}")));
    write(d, "tree/sub/b.txt", "nothing here\n");
    write(d, "globbed/g1.jsonl", jline("g1", EMAIL));
    write(d, "globbed/g2.jsonl", jline("g2", "nothing"));
    write(d, "globbed/skip.csv", "id,text\n1,x\n");

    let r = run(
        d,
        [
            "scan",
            "people.csv",
            "people.tsv",
            "shard.jsonl.zst",
            "notes.txt",
            "tree",
            "globbed/*.jsonl",
            "--id-field",
            "id",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    assert!(r.stdout.contains("Column profile"), "{}", r.stdout);
    assert!(r.stdout.contains("Per file"), "{}", r.stdout);
    let rep = read_json(&d.join("r.json"));
    let inputs = rep["inputs"].as_array().unwrap();
    let names: Vec<&str> = inputs.iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "people.csv",
            "people.tsv",
            "shard.jsonl.zst",
            "notes.txt",
            "tree/a.jsonl",
            "tree/sub/b.txt",
            "globbed/g1.jsonl",
            "globbed/g2.jsonl",
        ]
    );
    let expect = [
        // A name column: the person detector finds the first names.
        ("people.csv", "csv", "none", 3, 3),
        ("people.tsv", "tsv", "none", 2, 1),
        ("shard.jsonl.zst", "jsonl", "zstd", 4, 1),
        ("notes.txt", "text", "none", 3, 1),
        ("tree/a.jsonl", "jsonl", "none", 1, 1),
        ("tree/sub/b.txt", "text", "none", 1, 0),
        ("globbed/g1.jsonl", "jsonl", "none", 1, 1),
        ("globbed/g2.jsonl", "jsonl", "none", 1, 0),
    ];
    for (name, format, compression, records, with) in expect {
        let i = input(&rep, name);
        assert_eq!(i["format"], format, "{name}");
        assert_eq!(i["compression"], compression, "{name}");
        assert_eq!(i["records_scanned"], records, "{name}");
        assert_eq!(i["records_with_findings"], with, "{name}");
    }
    assert_eq!(rep["records_scanned"], 16);
    assert_eq!(rep["records_with_findings"], 8);
    assert_eq!(rep["column_profile"], true);
    assert_eq!(rep["fields"]["contact"]["kinds"]["email"][0], 1);
    assert_eq!(rep["fields"]["contact"]["kinds"]["iban"][0], 1);
    assert_eq!(rep["errors"]["total"], 0);
    // The CSV id column names the example.
    let csv_email = rep["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == 0 && e["kind"] == "email")
        .unwrap();
    assert_eq!(csv_email["id"], "10");
    assert_eq!(csv_email["field"], "contact");
}

#[test]
fn detect_reads_csv_tsv_zstd_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "t.csv",
        format!("id,text\nA7,\"quoted, with comma {EMAIL}\"\nA8,none\n"),
    );
    write(d, "t.tsv", format!("text\tid\nmail {EMAIL}\t9\n"));
    write(
        d,
        "t.jsonl.zst",
        zstd(jline(5, &format!("x {EMAIL}")).as_bytes()),
    );
    write(d, "t.txt", format!("\n{EMAIL}\n"));
    let r = run(
        d,
        [
            "detect",
            "t.csv",
            "t.tsv",
            "t.jsonl.zst",
            "t.txt",
            "--id-field",
            "id",
            "-o",
            "out.jsonl",
        ],
    );
    r.assert_code(0);
    let out = read_jsonl(&d.join("out.jsonl"));
    let got: Vec<(Value, u64)> = out
        .iter()
        .map(|l| (l["id"].clone(), l["spans"].as_array().unwrap().len() as u64))
        .collect();
    assert_eq!(
        got,
        [
            (Value::from("A7"), 1),
            (Value::from("A8"), 0),
            (Value::from("9"), 1),
            (Value::from(5), 1),
            // Text has no id field: the line number (the blank first line counts).
            (Value::from(2), 1),
        ]
    );
    assert_eq!(out[0]["spans"][0]["start"], 19);
    assert_eq!(out[4]["spans"][0]["start"], 0);
}

#[test]
fn format_option_reads_an_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "mail.log", format!("from {EMAIL}\nbye\n"));
    let r = run(d, ["scan", "mail.log"]);
    r.assert_code(2);
    assert!(r.stderr.contains("mail.log"), "{}", r.stderr);
    assert!(r.stderr.contains("--format"), "{}", r.stderr);
    let r = run(
        d,
        ["scan", "mail.log", "--format", "text", "--report", "r.json"],
    );
    r.assert_code(0);
    let rep = read_json(&d.join("r.json"));
    assert_eq!(rep["records_scanned"], 2);
    assert_eq!(rep["kinds"]["email"]["records"], 1);
    assert_eq!(rep["inputs"][0]["format"], "text");
    // Forced JSON Lines on the same file: each line is malformed, counted.
    let r = run(
        d,
        [
            "scan", "mail.log", "--format", "jsonl", "--report", "j.json",
        ],
    );
    r.assert_code(0);
    let rep = read_json(&d.join("j.json"));
    assert_eq!(rep["errors"]["by_kind"]["malformed-json"], 2);
}

fn write_parquet(path: &std::path::Path) {
    let ids = Int64Array::from(vec![100, 101, 102, 103]);
    let names = StringArray::from(vec![Some("Jane"), Some("Bob"), None, Some("Zoé")]);
    let contacts = StringArray::from(vec![
        Some(EMAIL.to_owned()),
        Some("no contact".to_owned()),
        Some(format!("IBAN {IBAN}")),
        None,
    ]);
    let notes = StringArray::from(vec![
        "rien",
        "rien",
        "rien",
        "écrire à zoe.martin@example.fr",
    ]);
    let batch = RecordBatch::try_from_iter(vec![
        ("id", Arc::new(ids) as ArrayRef),
        ("name", Arc::new(names) as ArrayRef),
        ("contact", Arc::new(contacts) as ArrayRef),
        ("notes", Arc::new(notes) as ArrayRef),
    ])
    .unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

#[test]
fn parquet_gets_a_column_profile() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_parquet(&d.join("people.parquet"));
    let r = run(
        d,
        [
            "scan",
            "people.parquet",
            "--id-field",
            "id",
            "--report",
            "r.json",
        ],
    );
    r.assert_code(0);
    assert!(r.stdout.contains("Column profile"), "{}", r.stdout);
    let rep = read_json(&d.join("r.json"));
    assert_eq!(rep["inputs"][0]["format"], "parquet");
    assert_eq!(rep["records_scanned"], 4);
    // Every row has a name (PERSON), three have a contact too.
    assert_eq!(rep["records_with_findings"], 4);
    assert_eq!(rep["column_profile"], true);
    let fields = rep["fields"].as_object().unwrap();
    assert!(
        !fields.contains_key("id"),
        "integer columns are not scanned"
    );
    assert_eq!(rep["fields"]["contact"]["records_with_text"], 3);
    assert_eq!(rep["fields"]["contact"]["kinds"]["email"][0], 1);
    assert_eq!(rep["fields"]["contact"]["kinds"]["iban"][0], 1);
    assert_eq!(rep["fields"]["notes"]["kinds"]["email"][0], 1);
    // The name column holds first names (Ana, Bob, Zoé): PERSON.
    assert_eq!(rep["fields"]["name"]["records_with_findings"], 3);
    let ex = rep["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "iban")
        .unwrap();
    assert_eq!(ex["id"], "102");
    assert_eq!(ex["record"], 3);

    // detect: integer ids stay numbers.
    let r = run(
        d,
        [
            "detect",
            "people.parquet",
            "--id-field",
            "id",
            "--fields",
            "contact,notes",
            "-o",
            "-",
        ],
    );
    r.assert_code(0);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(ids, [100, 101, 102, 103]);
    assert_eq!(lines[2]["spans"][0]["field"], "contact");
    assert_eq!(lines[2]["spans"][0]["start"], 5);
}

#[test]
fn corrupt_parquet_is_a_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "bad.parquet", b"PAR1 this is not parquet at all PAR1");
    write(d, "ok.jsonl", jline(1, EMAIL));
    let r = run(d, ["scan", "bad.parquet", "ok.jsonl", "--report", "r.json"]);
    r.assert_code(0);
    assert!(r.all().contains("bad.parquet"), "{}", r.all());
    let rep = read_json(&d.join("r.json"));
    assert_eq!(rep["errors"]["by_kind"]["malformed-parquet"], 1);
    assert_eq!(rep["records_scanned"], 1);
    run(d, ["scan", "--strict", "bad.parquet", "ok.jsonl"]).assert_code(2);
}
