//! score.py's own `--self-test` cases, ported one by one with their expected
//! numbers (section numbers follow score.py's `self_test`).

use std::path::Path;

use privasift_eval::{EvalError, EvalOptions, Problem, Scores, score, score_str};
use serde_json::{Value, json};

fn gold_line(id: &str, text: &str, spans: &[(usize, usize, &str)], lang: &str) -> String {
    let spans: Vec<Value> = spans
        .iter()
        .map(|&(s, e, l)| json!({"start": s, "end": e, "label": l, "orig_label": l}))
        .collect();
    json!({"id": id, "text": text, "lang": lang, "spans": spans}).to_string()
}

fn pred_line(id: &str, spans: &[(usize, usize, &str, f64)]) -> String {
    let spans: Vec<Value> = spans
        .iter()
        .map(|&(s, e, l, sc)| json!({"start": s, "end": e, "label": l, "score": sc}))
        .collect();
    json!({"id": id, "spans": spans}).to_string()
}

fn run_with(gold: &[String], pred: &[String], opts: &EvalOptions) -> Result<Scores, EvalError> {
    score_str(
        &gold.join("\n"),
        Path::new("GOLD"),
        &pred.join("\n"),
        Path::new("PRED"),
        opts,
    )
}

fn run(gold: &[String], pred: &[String]) -> Scores {
    run_with(gold, pred, &EvalOptions::default()).unwrap()
}

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < 1e-9)
}

/// Python slicing by code points.
fn cp(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

fn cp_index(text: &str, needle: &str) -> usize {
    let b = text.find(needle).unwrap();
    text[..b].chars().count()
}

#[test]
fn case1_exact_hit_boundary_miss_label_confusion() {
    let t = "John Smith met Mr. Paul Durand in Paris.";
    assert_eq!(cp(t, 15, 30), "Mr. Paul Durand");
    let gold = [gold_line(
        "a",
        t,
        &[(0, 10, "PERSON"), (15, 30, "PERSON"), (34, 39, "LOCATION")],
        "en",
    )];
    let pred = [pred_line(
        "a",
        &[
            (0, 10, "PERSON", 0.9),
            (19, 30, "PERSON", 0.9),
            (34, 39, "ORGANIZATION", 0.5),
        ],
    )];
    let r = run(&gold, &pred);
    let p = r.labels.get("PERSON").unwrap();
    assert_eq!((p.exact.tp, p.exact.fp, p.exact.fn_), (1, 1, 1));
    assert_eq!((p.overlap.tp, p.overlap.fp, p.overlap.fn_), (2, 0, 0));
    assert!(close(p.exact.f1, 0.5));
    assert!(close(r.labels.get("LOCATION").unwrap().overlap.r, 0.0));
    let org = r.labels.get("ORGANIZATION").unwrap();
    assert!(close(org.overlap.p, 0.0));
    assert_eq!(org.overlap.r, None, "recall undefined without gold");
    assert_eq!(r.micro.overlap.tp, 2);
    assert_eq!(r.micro.overlap.fp, 1);
    assert_eq!(r.micro.overlap.fn_, 1);
    assert!(close(r.micro.exact.f1, 2.0 / (2.0 + 2.0 + 2.0)));
    assert!(close(r.any_pii.recall, 1.0), "any-PII ignores the label");
    // Label order follows score.py's KNOWN_LABELS.
    assert_eq!(r.labels_scored, ["PERSON", "LOCATION", "ORGANIZATION"]);

    // --labels restricts the scored labels
    let opts = EvalOptions {
        labels: Some(vec!["PERSON".into()]),
        ..EvalOptions::default()
    };
    let r2 = run_with(&gold, &pred, &opts).unwrap();
    assert_eq!(r2.labels.keys().collect::<Vec<_>>(), ["PERSON"]);
    assert_eq!(r2.micro.overlap.fp, 0, "ORGANIZATION prediction not scored");
    assert_eq!(
        r2.unscored_pred_labels.0,
        vec![("ORGANIZATION".to_owned(), 1)]
    );
    assert_eq!(r2.any_pii.n_gold, 2, "--labels restricts any-PII gold");
}

#[test]
fn case2_greedy_one_to_one() {
    let t2 = "x".repeat(40);
    let gold = [gold_line(
        "b",
        &t2,
        &[(0, 10, "PERSON"), (10, 20, "PERSON")],
        "en",
    )];
    let pred = [pred_line(
        "b",
        &[(5, 12, "PERSON", 1.0), (8, 20, "PERSON", 1.0)],
    )];
    let r = run(&gold, &pred);
    assert_eq!(
        r.labels.get("PERSON").unwrap().overlap.tp,
        2,
        "both gold spans matched"
    );

    let pred = [pred_line("b", &[(0, 20, "PERSON", 1.0)])];
    let r = run(&gold, &pred);
    let o = r.labels.get("PERSON").unwrap().overlap;
    assert_eq!(
        (o.tp, o.fp, o.fn_),
        (1, 0, 1),
        "one prediction matches one gold span only"
    );
    assert_eq!(
        r.any_pii.n_covered, 2,
        "one prediction may cover several gold spans"
    );

    let gold = [gold_line("b", &t2, &[(0, 20, "PERSON")], "en")];
    let pred = [pred_line(
        "b",
        &[(0, 5, "PERSON", 1.0), (5, 20, "PERSON", 1.0)],
    )];
    let o = run(&gold, &pred).labels.get("PERSON").unwrap().overlap;
    assert_eq!(
        (o.tp, o.fp, o.fn_),
        (1, 1, 0),
        "split prediction: larger part matches"
    );

    let pred = [pred_line(
        "b",
        &[(0, 20, "PERSON", 1.0), (0, 20, "PERSON", 1.0)],
    )];
    let e = run(&gold, &pred).labels.get("PERSON").unwrap().exact;
    assert_eq!((e.tp, e.fp), (1, 1), "duplicate prediction: second is FP");
}

#[test]
fn case3_other_is_dont_care() {
    let t3 = "The Nobel Prize went to Marie Curie.";
    let gold = [gold_line(
        "c",
        t3,
        &[(4, 15, "OTHER"), (24, 35, "PERSON")],
        "en",
    )];
    let pred = [pred_line(
        "c",
        &[
            (4, 15, "PERSON", 1.0),
            (10, 15, "ORGANIZATION", 1.0),
            (24, 35, "PERSON", 1.0),
            (0, 3, "DATE", 1.0),
            (4, 9, "OTHER", 1.0),
        ],
    )];
    let r = run(&gold, &pred);
    assert!(
        r.labels.get("OTHER").is_none(),
        "OTHER is not a scored label"
    );
    let p = r.labels.get("PERSON").unwrap().overlap;
    assert_eq!(
        (p.tp, p.fp, p.fn_, p.ignored),
        (1, 0, 0, 1),
        "prediction on OTHER ignored"
    );
    assert_eq!(
        r.labels.get("ORGANIZATION").unwrap().overlap.fp,
        0,
        "partial overlap ignored too"
    );
    assert_eq!(
        r.labels.get("DATE").unwrap().overlap.fp,
        1,
        "prediction off OTHER is an FP"
    );
    assert_eq!(
        r.dropped_other_preds, 1,
        "predictions labelled OTHER dropped"
    );
    assert_eq!(r.any_pii.n_gold, 1, "OTHER gold not in any-PII");
}

#[test]
fn case4_missing_documents_unknown_ids_bad_offsets() {
    let gold = [
        gold_line("d1", "Call Anna.", &[(5, 9, "PERSON")], "en"),
        gold_line("d2", "Hi Bob", &[(3, 6, "PERSON")], "en"),
    ];
    let pred = [pred_line("d2", &[(3, 6, "PERSON", 1.0)])];
    let r = run(&gold, &pred);
    let o = r.labels.get("PERSON").unwrap().overlap;
    assert_eq!(
        (o.tp, o.fn_, r.n_docs_with_pred_line),
        (1, 1, 1),
        "missing document = no predictions"
    );

    let cases: [(Vec<String>, &str); 4] = [
        (vec![pred_line("zz", &[])], "unknown id"),
        (
            vec![pred_line("d2", &[(3, 7, "PERSON", 1.0)])],
            "span past the end",
        ),
        (
            vec![pred_line("d2", &[(3, 3, "PERSON", 1.0)])],
            "empty span",
        ),
        (
            vec![pred_line("d2", &[]), pred_line("d2", &[])],
            "repeated id",
        ),
    ];
    for (bad, what) in cases {
        let err = run_with(&gold, &bad, &EvalOptions::default());
        assert!(err.is_err(), "{what}: no error raised");
    }
    // The errors name the file, the line and the problem.
    let err = run_with(
        &gold,
        &[pred_line("d2", &[]), pred_line("d2", &[])],
        &EvalOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, EvalError::Input { line: 2, .. }), "{err}");
    assert_eq!(err.problem(), Some(&Problem::RepeatedId("d2".into())));
    assert_eq!(
        err.to_string(),
        "prediction file PRED, line 2: repeated id \"d2\""
    );
    let err = run_with(&gold, &[pred_line("zz", &[])], &EvalOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "prediction file PRED, line 1: id \"zz\" is not in the gold file"
    );
    let err = run_with(
        &gold,
        &[pred_line("d2", &[(3, 7, "PERSON", 1.0)])],
        &EvalOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(
        err.problem(),
        Some(Problem::SpanOutsideText {
            start: 3,
            end: 7,
            len: 6,
            ..
        })
    ));
}

#[test]
fn case5_unicode_offsets_are_code_points() {
    let t5 = "Zoë 😀 à Orléans, écrit à José Núñez 👍🏽 ok";
    let (zs, ze) = (0, 3);
    let os = cp_index(t5, "Orléans");
    let oe = os + 7;
    let js = cp_index(t5, "José Núñez");
    let je = js + 10;
    assert_eq!(
        (cp(t5, zs, ze), cp(t5, os, oe), cp(t5, js, je)),
        ("Zoë".into(), "Orléans".into(), "José Núñez".into())
    );
    assert_eq!((os, js), (8, 25));
    let spans = [(zs, ze, "PERSON"), (os, oe, "LOCATION"), (js, je, "PERSON")];
    let gold = [gold_line("u", t5, &spans, "fr")];
    let exact: Vec<_> = spans.iter().map(|&(s, e, l)| (s, e, l, 1.0)).collect();
    let r = run(&gold, &[pred_line("u", &exact)]);
    assert!(close(r.micro.exact.f1, 1.0));

    // UTF-16 offsets are shifted by the emoji: exact miss, overlap hit.
    let u16 = |i: usize| t5.chars().take(i).map(char::len_utf16).sum::<usize>();
    let shifted: Vec<_> = spans
        .iter()
        .map(|&(s, e, l)| (u16(s), u16(e), l, 1.0))
        .collect();
    let r = run(&gold, &[pred_line("u", &shifted)]);
    assert_eq!(
        r.micro.exact.tp, 1,
        "only the span before the emoji matches exactly"
    );
    assert_eq!(r.micro.overlap.tp, 3, "UTF-16 offsets still overlap");

    // UTF-8 byte offsets run past the end of this text: error.
    let b8 = |i: usize| t5.chars().take(i).map(char::len_utf8).sum::<usize>();
    let err = run_with(
        &gold,
        &[pred_line("u", &[(b8(js), b8(je), "PERSON", 1.0)])],
        &EvalOptions::default(),
    );
    assert!(err.is_err(), "byte offsets past the end rejected");
}

#[test]
fn case6_any_pii_threshold_and_char_coverage() {
    let t6 = "0123456789".repeat(3);
    let gold = [gold_line(
        "v",
        &t6,
        &[(0, 10, "PERSON"), (10, 20, "ADDRESS"), (20, 30, "DATE")],
        "en",
    )];
    let pred = [pred_line(
        "v",
        &[
            (0, 5, "URL", 1.0),
            (10, 14, "PHONE", 1.0),
            (16, 20, "PHONE", 1.0),
            (20, 30, "DATE", 1.0),
        ],
    )];
    let r = run(&gold, &pred);
    let a = &r.any_pii;
    assert_eq!(
        (a.n_gold, a.n_covered),
        (2, 1),
        "5/10 counts, 4/10 does not, DATE excluded"
    );
    assert!(close(a.char_coverage, (5.0 + 8.0) / 20.0));
    assert!(close(r.labels.get("PERSON").unwrap().any_pii_recall, 1.0));
    assert_eq!(r.labels.get("DATE").unwrap().any_pii_recall, None);
}

#[test]
fn case7_min_score_keeps_spans_without_score() {
    let t2 = "x".repeat(40);
    let gold = [gold_line("w", &t2, &[(0, 5, "PERSON")], "en")];
    let pl = [json!({"id": "w", "spans": [
        {"start": 0, "end": 5, "label": "PERSON", "score": 0.3},
        {"start": 6, "end": 9, "label": "PERSON"}]})
    .to_string()];
    let opts = EvalOptions {
        min_score: Some(0.5),
        ..EvalOptions::default()
    };
    let r = run_with(&gold, &pl, &opts).unwrap();
    let p = r.labels.get("PERSON").unwrap();
    assert_eq!((p.overlap.tp, p.n_pred), (0, 1));
}

#[test]
fn case8_through_files_json_and_table() {
    let t5 = "Zoë 😀 à Orléans, écrit à José Núñez 👍🏽 ok";
    let (os, js) = (8, 25);
    let (oe, je) = (os + 7, js + 10);
    let dir = tempfile::tempdir().unwrap();
    let gp = dir.path().join("g.jsonl");
    let pp = dir.path().join("p.jsonl");
    std::fs::write(
        &gp,
        format!(
            "{}\n{}\n",
            gold_line("u", t5, &[(js, je, "PERSON"), (os, oe, "LOCATION")], "fr"),
            gold_line("m", "nothing here", &[], "en")
        ),
    )
    .unwrap();
    let mut pred = pred_line(
        "u",
        &[(js, je, "PERSON", 0.85), (os, oe - 1, "LOCATION", 0.85)],
    ) + "\n";
    std::fs::write(&pp, &pred).unwrap();
    let r = score(&gp, &pp, &EvalOptions::default()).unwrap();
    let j: Value = serde_json::to_value(&r).unwrap();
    assert_eq!(j["micro"]["exact"]["f1"], json!(0.5));
    assert_eq!(j["micro"]["overlap"]["f1"], json!(1.0));
    assert_eq!(j["gold"], json!("g.jsonl"));
    assert!(r.to_string().contains("micro"));

    pred.push_str(&pred_line("nope", &[]));
    pred.push('\n');
    std::fs::write(&pp, &pred).unwrap();
    let err = score(&gp, &pp, &EvalOptions::default()).unwrap_err();
    assert!(err.to_string().contains("p.jsonl, line 2"), "{err}");
    assert!(matches!(err.problem(), Some(Problem::UnknownId(id)) if id == "nope"));
}
