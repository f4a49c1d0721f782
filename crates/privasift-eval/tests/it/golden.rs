//! Golden test: `tests/fixtures/{gold,pred}.jsonl` were scored once by
//! `python3 ../shared/bench/score.py gold.jsonl pred.jsonl --json`; the numbers
//! below (and `expected-score*.json`) are its output, so the port must agree
//! with score.py without Python being installed.

use std::path::{Path, PathBuf};

use privasift_eval::{EvalOptions, Group, Prf, Scores, score};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(opts: &EvalOptions) -> Scores {
    score(&fixture("gold.jsonl"), &fixture("pred.jsonl"), opts).unwrap()
}

fn counts(p: &Prf) -> [usize; 4] {
    [p.tp, p.fp, p.fn_, p.ignored]
}

fn close(got: Option<f64>, want: f64) {
    let g = got.unwrap_or(f64::NAN);
    assert!((g - want).abs() < 1e-12, "got {got:?}, want {want}");
}

/// (label, `n_gold`, `n_pred`, exact [tp, fp, fn, ignored], overlap [...], any-PII recall)
type Row = (
    &'static str,
    usize,
    usize,
    [usize; 4],
    [usize; 4],
    Option<f64>,
);

/// Numbers from `score.py gold.jsonl pred.jsonl --json`.
#[test]
fn matches_score_py_default_run() {
    let r = run(&EvalOptions::default());
    // (label, n_gold, n_pred, exact [tp, fp, fn, ignored], overlap [...], any-PII recall)
    let want: [Row; 12] = [
        ("PERSON", 2, 3, [1, 1, 1, 1], [2, 0, 0, 1], Some(1.0)),
        ("EMAIL", 1, 1, [1, 0, 0, 0], [1, 0, 0, 0], Some(1.0)),
        ("PHONE", 1, 2, [0, 2, 1, 0], [1, 1, 0, 0], Some(1.0)),
        ("IBAN", 1, 1, [1, 0, 0, 0], [1, 0, 0, 0], Some(1.0)),
        ("CREDIT_CARD", 1, 3, [1, 2, 0, 0], [1, 2, 0, 0], Some(1.0)),
        ("NATIONAL_ID", 1, 0, [0, 0, 1, 0], [0, 0, 1, 0], Some(1.0)),
        ("IP_ADDRESS", 1, 1, [0, 1, 1, 0], [1, 0, 0, 0], Some(1.0)),
        ("URL", 0, 1, [0, 1, 0, 0], [0, 1, 0, 0], None),
        ("LOCATION", 2, 0, [0, 0, 2, 0], [0, 0, 2, 0], Some(0.5)),
        ("DATE", 1, 1, [1, 0, 0, 0], [1, 0, 0, 0], None),
        ("DATE_OF_BIRTH", 1, 1, [1, 0, 0, 0], [1, 0, 0, 0], Some(1.0)),
        ("ORGANIZATION", 1, 1, [0, 1, 1, 0], [0, 1, 1, 0], Some(0.0)),
    ];
    let order: Vec<&str> = want.iter().map(|w| w.0).collect();
    assert_eq!(r.labels_scored, order);
    for (l, ng, np, ex, ov, any) in want {
        let v = r.labels.get(l).unwrap();
        assert_eq!((v.n_gold, v.n_pred), (ng, np), "{l}");
        assert_eq!(counts(&v.exact), ex, "{l} exact");
        assert_eq!(counts(&v.overlap), ov, "{l} overlap");
        assert_eq!(v.any_pii_recall, any, "{l} any-PII");
    }
    assert_eq!(counts(&r.micro.exact), [6, 8, 7, 1]);
    close(r.micro.exact.p, 0.428_571_428_571_428_55);
    close(r.micro.exact.r, 0.461_538_461_538_461_56);
    close(r.micro.exact.f1, 0.444_444_444_444_444_4);
    assert_eq!(counts(&r.micro.overlap), [9, 5, 4, 1]);
    close(r.micro.overlap.p, 0.642_857_142_857_142_9);
    close(r.micro.overlap.r, 0.692_307_692_307_692_3);
    close(r.micro.overlap.f1, 0.666_666_666_666_666_6);
    assert_eq!((r.any_pii.n_gold, r.any_pii.n_covered), (12, 10));
    close(r.any_pii.recall, 0.833_333_333_333_333_4);
    close(r.any_pii.char_coverage, 0.851_063_829_787_234);
    assert!(r.unscored_pred_labels.is_empty());
    assert_eq!(r.dropped_other_preds, 1);
    assert_eq!((r.n_docs, r.n_docs_with_pred_line), (5, 4));
}

/// Numbers from `score.py gold.jsonl pred.jsonl --min-score 0.5
/// --labels PERSON,PHONE,NATIONAL_ID,OTHER --json`.
#[test]
fn matches_score_py_with_min_score_and_labels() {
    let opts = EvalOptions {
        labels: Some(
            ["PERSON", "PHONE", "NATIONAL_ID", "OTHER"]
                .map(String::from)
                .to_vec(),
        ),
        min_score: Some(0.5),
        group: Group::Label,
    };
    let r = run(&opts);
    assert_eq!(r.labels_scored, ["PERSON", "PHONE", "NATIONAL_ID"]);
    assert_eq!(counts(&r.micro.exact), [1, 2, 3, 1]);
    close(r.micro.exact.f1, 0.285_714_285_714_285_7);
    assert_eq!(counts(&r.micro.overlap), [2, 1, 2, 1]);
    close(r.micro.overlap.f1, 0.571_428_571_428_571_4);
    assert_eq!((r.any_pii.n_gold, r.any_pii.n_covered), (4, 3));
    close(r.any_pii.char_coverage, 0.762_711_864_406_779_6);
    // Counter.most_common(): all ties, so first-seen order.
    let unscored: Vec<(&str, usize)> = r
        .unscored_pred_labels
        .iter()
        .map(|(k, v)| (k, *v))
        .collect();
    assert_eq!(
        unscored,
        [
            ("DATE_OF_BIRTH", 1),
            ("EMAIL", 1),
            ("ORGANIZATION", 1),
            ("DATE", 1),
            ("IBAN", 1),
            ("IP_ADDRESS", 1),
            ("CREDIT_CARD", 1)
        ]
    );
}

/// The whole JSON document equals score.py's, field for field (plus `group`).
#[test]
fn json_equals_score_py_json() {
    for (opts, file) in [
        (EvalOptions::default(), "expected-score.json"),
        (
            EvalOptions {
                labels: Some(
                    ["PERSON", "PHONE", "NATIONAL_ID", "OTHER"]
                        .map(String::from)
                        .to_vec(),
                ),
                min_score: Some(0.5),
                group: Group::Label,
            },
            "expected-score-min-labels.json",
        ),
    ] {
        let mut got = serde_json::to_value(run(&opts)).unwrap();
        assert_eq!(got["group"], "label");
        got.as_object_mut().unwrap().remove("group");
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(file)).unwrap()).unwrap();
        assert_json_eq(&got, &want, file);
        // Key order too, since score.py's dicts keep insertion order
        // (a serde_json `Value` sorts its keys, so look at the text).
        let text = serde_json::to_string(&run(&opts)).unwrap();
        let pos: Vec<usize> = want["labels_scored"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                text.find(&format!("\"{}\":{{", l.as_str().unwrap()))
                    .unwrap()
            })
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{file}: label order");
    }
}

/// Equality with a tolerance on floats: `serde_json`'s default float parser may
/// be one ulp off on the expected file.
fn assert_json_eq(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) if g.is_f64() || w.is_f64() => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!((g - w).abs() < 1e-12, "{at}: got {g}, want {w}");
        }
        (Value::Object(g), Value::Object(w)) => {
            assert_eq!(
                g.keys().collect::<Vec<_>>(),
                w.keys().collect::<Vec<_>>(),
                "{at}"
            );
            for (k, gv) in g {
                assert_json_eq(gv, &w[k], &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                assert_json_eq(gv, wv, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

/// Grouping by kind. Expected numbers from score.py run on copies of the
/// fixtures where each gold `label` was replaced by its `orig_label` and each
/// prediction `label` by its `kind` (OTHER left as is): the same computation.
#[test]
fn groups_by_kind() {
    let r = run(&EvalOptions {
        group: Group::Kind,
        ..EvalOptions::default()
    });
    assert_eq!(
        r.labels_scored,
        [
            "DATE",
            "LOC",
            "ORG",
            "PER",
            "credit-card",
            "date",
            "date-of-birth",
            "email",
            "fr-nir",
            "iban",
            "ipv4",
            "org",
            "person",
            "phone",
            "url"
        ]
    );
    assert_eq!(counts(&r.micro.exact), [4, 10, 9, 1]);
    assert_eq!(counts(&r.micro.overlap), [6, 8, 7, 1]);
    close(r.micro.overlap.f1, 0.444_444_444_444_444_4);
    let ipv4 = r.labels.get("ipv4").unwrap();
    assert_eq!(
        (counts(&ipv4.exact), counts(&ipv4.overlap)),
        ([0, 1, 1, 0], [1, 0, 0, 0])
    );
    assert_eq!(r.labels.get("person").unwrap().overlap.ignored, 1);
    assert_eq!((r.any_pii.n_gold, r.any_pii.n_covered), (12, 10));
    close(r.any_pii.char_coverage, 0.851_063_829_787_234);
    assert_eq!(r.dropped_other_preds, 1);
    let table = r.to_string();
    assert!(table.contains("grouped by kind"), "{table}");
    assert!(table.contains("| date-of-birth "), "{table}");
}

#[test]
fn kind_grouping_needs_the_kind_field() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("p.jsonl");
    std::fs::write(
        &pred,
        r#"{"id": "en-2", "spans": [{"start": 38, "end": 44, "label": "LOCATION"}]}"#,
    )
    .unwrap();
    let opts = EvalOptions {
        group: Group::Kind,
        ..EvalOptions::default()
    };
    let err = score(&fixture("gold.jsonl"), &pred, &opts).unwrap_err();
    assert!(err.to_string().contains("needs a string \"kind\""), "{err}");
    assert!(score(&fixture("gold.jsonl"), &pred, &EvalOptions::default()).is_ok());
}

#[test]
fn table_is_markdown_with_score_py_columns() {
    let table = run(&EvalOptions::default()).to_string();
    println!("{table}");
    insta_like_check(&table);
}

fn insta_like_check(table: &str) {
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "GOLD gold.jsonl  PRED pred.jsonl  documents 5 (4 with a PRED line)"
    );
    assert!(lines[2].starts_with("| label "), "{table}");
    assert!(lines[3].starts_with("|:---"), "{table}");
    // Same figures as score.py's text table.
    let person = lines.iter().find(|l| l.starts_with("| PERSON")).unwrap();
    let cells: Vec<&str> = person
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "PERSON", "2", "3", "0.500", "0.500", "0.500", "1.000", "1.000", "1.000", "1", "1.000"
        ]
    );
    let micro = lines.iter().find(|l| l.starts_with("| **micro**")).unwrap();
    assert!(
        micro.contains("0.429") && micro.contains("0.667") && micro.contains("0.833"),
        "{micro}"
    );
    let url = lines.iter().find(|l| l.starts_with("| URL")).unwrap();
    assert!(url.contains(" - |"), "{url}");
    assert!(table.contains(
        "any-PII recall (gold spans except OTHER/DATE covered >= 50% by one prediction of any label): 0.833 (10/12); char coverage (union of predictions): 0.851"
    ));
    assert!(table.contains("predictions labelled OTHER (dropped): 1"));
}
