//! `privasift detect`: one line per record, in order, ids kept with their
//! type, code-point offsets, normalised labels, atomic output.

use privasift_core::Label;
use serde_json::{Value, json};

use crate::{file_names, jline, read_jsonl, run, write};

const EMAIL: &str = "jane.doe@example.org";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";

/// Python-style slicing: `text[start:end]` in code points.
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn one_line_per_record_in_order_with_typed_ids() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        json!("a-1"),
        json!(2),
        json!("003"),
        json!(-4),
        json!(5.5),
        json!("x y"),
    ];
    let mut data = String::new();
    for (i, id) in ids.iter().enumerate() {
        let text = if i % 2 == 0 {
            format!("mail {EMAIL}")
        } else {
            "rien".to_owned()
        };
        data += &jline(id.clone(), &text);
    }
    write(dir.path(), "in.jsonl", &data);

    let r = run(
        dir.path(),
        ["detect", "in.jsonl", "--id-field", "id", "-o", "out.jsonl"],
    );
    r.assert_code(0);
    assert!(r.stderr.contains("6 records"), "{}", r.stderr);
    let out = read_jsonl(&dir.path().join("out.jsonl"));
    let got: Vec<&Value> = out.iter().map(|l| &l["id"]).collect();
    assert_eq!(got, ids.iter().collect::<Vec<_>>());
    for (i, line) in out.iter().enumerate() {
        let n = line["spans"].as_array().unwrap().len();
        assert_eq!(n, usize::from(i % 2 == 0), "{line}");
    }

    // Without --id-field: the line number.
    let r = run(dir.path(), ["detect", "in.jsonl", "-o", "-"]);
    r.assert_code(0);
    let got: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(got, (1..=6).map(|n| json!(n)).collect::<Vec<_>>());
}

#[test]
fn many_records_over_several_batches_stay_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 12_000u64;
    let mut data = String::with_capacity(2 << 20);
    for i in 1..=n {
        let text = if i % 7 == 0 {
            format!(
                "le dossier {i} mentionne {EMAIL} et rien d'autre, suivi de mots {}",
                "bla ".repeat(20)
            )
        } else {
            format!(
                "le dossier {i} ne mentionne personne, seulement des mots {}",
                "bla ".repeat(20)
            )
        };
        data += &jline(i, &text);
        if i == 5000 {
            data += "{\"id\": 0, \"text\": broken}\n";
        }
        if i == 8000 {
            // Too large: the reader reports it before the batch's records.
            data += &jline(0, &"a".repeat(3000));
        }
    }
    assert!(data.len() > 1 << 20, "must span more than one batch");
    write(dir.path(), "in.jsonl", &data);
    let r = run(
        dir.path(),
        [
            "detect",
            "in.jsonl",
            "--id-field",
            "id",
            "-j",
            "3",
            "--max-record-bytes",
            "2000",
            "-o",
            "out.jsonl",
        ],
    );
    r.assert_code(0);
    let out = read_jsonl(&dir.path().join("out.jsonl"));
    assert_eq!(out.len() as u64, n + 2);
    let mut expect = 1u64;
    for (line_no, l) in (1u64..).zip(&out) {
        if l.get("error").is_some() {
            // A skipped record keeps its place, with its line number.
            let error = if line_no == 5001 {
                "malformed-json"
            } else {
                assert_eq!(line_no, 8002);
                "record-too-large"
            };
            assert_eq!(l["id"], line_no);
            assert_eq!(l["error"], error);
            continue;
        }
        assert_eq!(l["id"], expect);
        let spans = l["spans"].as_array().unwrap();
        assert_eq!(spans.len(), usize::from(expect.is_multiple_of(7)), "{l}");
        expect += 1;
    }
}

#[test]
fn offsets_are_code_points_and_labels_are_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        format!("Héllo 😀 ünïcödé — 日本語のテキスト écrivez à {EMAIL} merci"),
        format!("e\u{301}te\u{301} 👩‍👩‍👧 virement sur {IBAN}, mail {EMAIL}"),
        format!("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇫🇷 {EMAIL}"),
        format!("{EMAIL} au début, puis 😀"),
    ];
    let data: String = texts.iter().enumerate().map(|(i, t)| jline(i, t)).collect();
    write(dir.path(), "u.jsonl", &data);
    let r = run(dir.path(), ["detect", "u.jsonl", "-o", "out.jsonl"]);
    r.assert_code(0);
    let out = read_jsonl(&dir.path().join("out.jsonl"));
    assert_eq!(out.len(), texts.len());
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let mut found = Vec::new();
    for (text, line) in texts.iter().zip(&out) {
        let spans = line["spans"].as_array().unwrap();
        assert!(!spans.is_empty(), "{line}");
        let mut prev_end = 0;
        for s in spans {
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(start < end && end as usize <= text.chars().count(), "{s}");
            assert!(start >= prev_end, "spans overlap or are unsorted: {line}");
            prev_end = end;
            let label = s["label"].as_str().unwrap();
            assert!(labels.contains(&label), "unknown label {label}");
            let score = s["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score), "{s}");
            assert!(s["detector"].as_str().unwrap().contains('@'), "{s}");
            assert!(s.get("field").is_none(), "one text field: no `field`");
            found.push((slice(text, start, end), label.to_owned()));
        }
    }
    let emails = found
        .iter()
        .filter(|(v, l)| v == EMAIL && l == "EMAIL")
        .count();
    assert_eq!(emails, 4, "{found:?}");
    assert!(
        found.contains(&(IBAN.to_owned(), "IBAN".to_owned())),
        "{found:?}"
    );
}

/// `-o /dev/null` or a named pipe is written directly: the atomic rename
/// must not replace the device with a regular file.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_is_written_not_replaced() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", jline(1, &format!("mail {EMAIL}")));
    let fifo = dir.path().join("out.pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo here");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let r = run(dir.path(), ["detect", "in.jsonl", "-o", "out.pipe"]);
    r.assert_code(0);
    let got = reader.join().unwrap();
    assert!(got.contains("\"EMAIL\""), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// Thresholds name labels or kinds, from flags or a `--config` file; a kind's
/// wins over its label's; unknown names and keys are refused.
#[test]
fn thresholds_per_label_and_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in.jsonl",
        jline(1, "Elle vit à Lyon, en France. Position 48.8584, 2.2945."),
    );
    let kinds = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["detect", "in.jsonl", "-o", "-"];
        all.extend_from_slice(args);
        let r = run(d, all);
        r.assert_code(0);
        let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
        let mut k: Vec<String> = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap().to_owned())
            .collect();
        k.sort();
        k
    };
    assert_eq!(
        kinds(&["--labels", "LOCATION"]),
        ["gps-coordinates", "place-name", "place-name"]
    );
    // The town (0.7) goes, the country (0.8) and the coordinates stay.
    assert_eq!(
        kinds(&["--labels", "LOCATION", "--threshold", "place-name=0.75"]),
        ["gps-coordinates", "place-name"]
    );
    // A kind's threshold wins over its label's.
    assert_eq!(
        kinds(&[
            "--labels",
            "LOCATION",
            "--threshold",
            "LOCATION=0.99,place-name=0.5"
        ]),
        ["place-name", "place-name"]
    );
    // The same from a file; a flag overrides the file.
    write(
        d,
        "detect.toml",
        "labels = [\"LOCATION\"]\nmin-score = 0.5\n[thresholds]\nplace-name = 0.75\n",
    );
    assert_eq!(
        kinds(&["--config", "detect.toml"]),
        ["gps-coordinates", "place-name"]
    );
    assert_eq!(
        kinds(&["--config", "detect.toml", "--min-score", "0.99"]),
        ["place-name"]
    );
    // Unknown names and keys are clear errors.
    let r = run(
        d,
        [
            "detect",
            "in.jsonl",
            "-o",
            "-",
            "--threshold",
            "plaec-name=0.5",
        ],
    );
    r.assert_code(2);
    assert!(
        r.stderr
            .contains("`plaec-name` is neither a label nor a kind"),
        "{}",
        r.stderr
    );
    write(d, "bad.toml", "min_score = 0.5\n");
    let r = run(d, ["detect", "in.jsonl", "-o", "-", "--config", "bad.toml"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("bad.toml") && r.stderr.contains("min_score"),
        "{}",
        r.stderr
    );
}

#[test]
fn labels_option_restricts_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = jline(
        1,
        &format!("virement sur {IBAN}, mail {EMAIL}, tél 06 12 34 56 78"),
    );
    write(dir.path(), "in.jsonl", &data);
    let all = run(dir.path(), ["detect", "in.jsonl", "-o", "-"]);
    all.assert_code(0);
    let all: Value = serde_json::from_str(all.stdout.trim()).unwrap();
    let mut labels: Vec<&str> = all["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["EMAIL", "IBAN", "PHONE"]);

    let only = run(
        dir.path(),
        ["detect", "in.jsonl", "--labels", "EMAIL", "-o", "-"],
    );
    only.assert_code(0);
    let only: Value = serde_json::from_str(only.stdout.trim()).unwrap();
    let spans = only["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1, "{only}");
    assert_eq!(spans[0]["label"], "EMAIL");
}

#[test]
fn several_fields_name_the_field_of_each_span() {
    let dir = tempfile::tempdir().unwrap();
    let line =
        json!({"id": "k", "title": format!("à {EMAIL}"), "body": {"text": format!("IBAN {IBAN}")}});
    write(dir.path(), "in.jsonl", format!("{line}\n"));
    let r = run(
        dir.path(),
        [
            "detect",
            "in.jsonl",
            "--fields",
            "title,body.text",
            "--id-field",
            "id",
            "-o",
            "-",
        ],
    );
    r.assert_code(0);
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let spans = v["spans"].as_array().unwrap();
    let got: Vec<(&str, &str, u64)> = spans
        .iter()
        .map(|s| {
            (
                s["field"].as_str().unwrap(),
                s["label"].as_str().unwrap(),
                s["start"].as_u64().unwrap(),
            )
        })
        .collect();
    // Fields come in the order of the line (serde_json writes keys sorted).
    assert_eq!(got, [("body.text", "IBAN", 5), ("title", "EMAIL", 2)]);
}

#[test]
fn output_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", jline(1, &format!("mail {EMAIL}")));
    let r = run(dir.path(), ["detect", "in.jsonl", "-o", "out.jsonl"]);
    r.assert_code(0);
    assert_eq!(file_names(dir.path()), ["in.jsonl", "out.jsonl"]);

    // A failed run leaves neither the target nor a temporary file.
    let mut bad = jline(1, "fine");
    bad += "{\"text\": \n";
    write(dir.path(), "bad.jsonl", &bad);
    let r = run(
        dir.path(),
        ["detect", "bad.jsonl", "--strict", "-o", "new.jsonl"],
    );
    r.assert_code(2);
    assert_eq!(
        file_names(dir.path()),
        ["bad.jsonl", "in.jsonl", "out.jsonl"]
    );

    // A failed run does not touch an existing target either.
    let before = std::fs::read(dir.path().join("out.jsonl")).unwrap();
    let r = run(
        dir.path(),
        ["detect", "bad.jsonl", "--strict", "-o", "out.jsonl"],
    );
    r.assert_code(2);
    assert_eq!(std::fs::read(dir.path().join("out.jsonl")).unwrap(), before);
    assert_eq!(
        file_names(dir.path()),
        ["bad.jsonl", "in.jsonl", "out.jsonl"]
    );

    // An output in a directory that does not exist is an error, not a panic.
    let r = run(
        dir.path(),
        ["detect", "in.jsonl", "-o", "no/such/dir/out.jsonl"],
    );
    r.assert_code(2);
}

#[test]
fn per_label_thresholds_trade_recall_for_precision() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A full name scores 0.85, a first name alone 0.6.
    write(
        d,
        "in.jsonl",
        jline(
            json!(1),
            "Jenny Marsh called; thanks to Sophie for the note.",
        ),
    );
    let persons = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["detect", "in.jsonl", "--id-field", "id", "-o", "out.jsonl"];
        args.extend_from_slice(extra);
        run(d, args).assert_code(0);
        let text = "Jenny Marsh called; thanks to Sophie for the note.";
        read_jsonl(&d.join("out.jsonl"))[0]["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["label"] == "PERSON")
            .map(|s| {
                slice(
                    text,
                    s["start"].as_u64().unwrap(),
                    s["end"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(persons(&[]), ["Jenny Marsh", "Sophie"]);
    assert_eq!(persons(&["--threshold", "PERSON=0.8"]), ["Jenny Marsh"]);
    // The label's own threshold wins over --min-score, both ways.
    assert_eq!(
        persons(&["--min-score", "0.9", "--threshold", "PERSON=0.5"]),
        ["Jenny Marsh", "Sophie"]
    );
    for bad in ["PERSON", "NOBODY=0.5", "PERSON=2", "PERSON=x"] {
        let r = run(
            d,
            ["detect", "in.jsonl", "-o", "o2.jsonl", "--threshold", bad],
        );
        assert_eq!(r.code, Some(2), "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("--threshold"), "{bad}: {}", r.stderr);
    }
}
