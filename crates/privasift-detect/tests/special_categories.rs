//! The special-category detector on its annotated EN/FR test set
//! (`tests/data/special_categories.jsonl`, see the README beside it), scored
//! at record level: does the detector set say that a text reveals a category
//! about a person, and is it right?
//!
//! `cargo test -p privasift-detect --test special_categories -- --nocapture`
//! prints the table the README quotes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use privasift_detect::{DetectConfig, DetectorSet};

const DATA: &str = include_str!("data/special_categories.jsonl");
/// A second, harder tuning set (everyday paraphrases, drug names,
/// procedures, couples, devices), written after the lexicons had met the
/// targets on the first.
const MORE: &str = include_str!("data/special_categories_more.jsonl");
/// A third tuning set (everyday wording in varied registers: forum posts,
/// HR e-mails, CVs, dating profiles, court reports, medical letters), all
/// nine categories, written after the second.
const THIRD: &str = include_str!("data/special_categories_third.jsonl");
/// A fourth tuning set (reviews, support tickets, posts, police blotters,
/// school and HR forms, face unlock, voice assistants, timeclocks) for the
/// five categories the held-out set found weakest.
const FOURTH: &str = include_str!("data/special_categories_fourth.jsonl");
const FIFTH: &str = include_str!("data/special_categories_fifth.jsonl");
/// Written independently of the lexicons and never used to tune them.
const HELDOUT: &str = include_str!("data/special_categories_heldout.jsonl");

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fp)
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fn_)
        }
    }
}

fn score(data: &str, name: &str) -> BTreeMap<String, Counts> {
    let set = DetectorSet::default_set(&DetectConfig::default()).unwrap();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let gold: BTreeSet<String> = v["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        let mut spans = Vec::new();
        set.detect(text, &mut spans);
        let found: BTreeSet<String> = spans
            .iter()
            .filter(|s| s.label().is_special_category())
            .map(|s| s.label().as_str().to_owned())
            .collect();
        for c in gold.union(&found) {
            let e = counts.entry(c.clone()).or_default();
            match (gold.contains(c), found.contains(c)) {
                (true, true) => e.tp += 1,
                (false, true) => {
                    e.fp += 1;
                    errors.push(format!("FP {c:<26} {}: {text}", v["id"]));
                }
                (true, false) => {
                    e.fn_ += 1;
                    errors.push(format!("FN {c:<26} {}: {text}", v["id"]));
                }
                _ => {}
            }
        }
        n += 1;
    }
    println!("{name}: {n} texts; record level, default threshold\n");
    println!("| category | precision | recall | TP | FP | FN |\n|---|---:|---:|---:|---:|---:|");
    for (c, k) in &counts {
        println!(
            "| {c} | {:.2} | {:.2} | {} | {} | {} |",
            k.precision(),
            k.recall(),
            k.tp,
            k.fp,
            k.fn_
        );
    }
    if std::env::var_os("SHOW_ERRORS").is_some() && name != "held-out set" {
        for e in &errors {
            println!("{e}");
        }
    }
    println!();
    counts
}

#[test]
fn record_level_precision_and_recall_per_category() {
    assert!(
        DATA.lines().count() >= 300,
        "the issue asks for at least 300 texts"
    );
    let counts = score(DATA, "tuning set");
    // The targets, P >= 0.9 and R >= 0.85 per category, reached on
    // this set, which the lexicons and cues were tuned on (the held-out set
    // below says how far that carries): a change that loses ground fails.
    let below: Vec<String> = counts
        .iter()
        .filter(|(_, k)| k.precision() < 0.9 || k.recall() < 0.85)
        .map(|(c, k)| format!("{c}: P {:.2} R {:.2}", k.precision(), k.recall()))
        .collect();
    assert!(
        below.is_empty(),
        "below the floors (P 0.90, R 0.85): {below:?}"
    );
    let short: Vec<&String> = counts
        .iter()
        .filter(|(_, k)| k.recall() < 0.85)
        .map(|(c, _)| c)
        .collect();
    println!("\nbelow the issue's recall target of 0.85: {short:?}");
}

/// Fails when a category falls under its floors (precision, recall), then
/// prints the categories under the targets.
fn hold_floors(counts: &BTreeMap<String, Counts>, floors: &[(&str, f64, f64)]) {
    for &(category, p, r) in floors {
        let k = counts.get(category).copied().unwrap_or_default();
        assert!(
            k.precision() >= p && k.recall() >= r,
            "{category}: P {:.2} R {:.2}, floors P {p} R {r}",
            k.precision(),
            k.recall()
        );
    }
    let short: Vec<&String> = counts
        .iter()
        .filter(|(_, k)| k.recall() < 0.85 || k.precision() < 0.9)
        .map(|(c, _)| c)
        .collect();
    println!("\nbelow the issue's targets (P 0.90, R 0.85): {short:?}");
}

/// The second tuning set: it does not meet the targets everywhere
/// (a couple or a gender said without a word for them: "Hannah here, my
/// wife Jess and I"), so each category has a floor at the level measured
/// when it was added (2026-11-24), as a regression guard.
#[test]
fn harder_tuning_set_scores() {
    let counts = score(MORE, "second tuning set");
    let floors: [(&str, f64, f64); 6] = [
        ("BIOMETRIC", 1.0, 0.75),
        ("CRIMINAL_OFFENCE", 0.9, 0.95),
        ("GENETIC", 0.85, 0.95),
        ("HEALTH", 0.9, 0.85),
        ("RELIGION_OR_BELIEF", 1.0, 1.0),
        ("SEXUAL_ORIENTATION_OR_LIFE", 0.9, 0.6),
    ];
    hold_floors(&counts, &floors);
}

/// The third tuning set: each category has a floor a little under the level
/// reached after the lexicons were extended from its misses (first measured
/// at P 0.80-1.00, R 0.56-0.88 per category), as a regression guard. What
/// it still misses is mostly a couple or a transition said without a word
/// for it, or a term with nobody the cues can see ("Three years sober this
/// Sunday", "Rajesh ... an observant Sikh").
#[test]
fn third_tuning_set_scores() {
    assert_eq!(THIRD.lines().count(), 240);
    let counts = score(THIRD, "third tuning set");
    let floors: [(&str, f64, f64); 9] = [
        ("BIOMETRIC", 0.95, 0.9),
        ("CRIMINAL_OFFENCE", 0.95, 0.9),
        ("ETHNIC_ORIGIN", 0.95, 0.9),
        ("GENETIC", 0.95, 0.95),
        ("HEALTH", 0.95, 0.85),
        ("POLITICAL_OPINION", 0.85, 0.9),
        ("RELIGION_OR_BELIEF", 0.95, 0.85),
        ("SEXUAL_ORIENTATION_OR_LIFE", 0.95, 0.75),
        ("TRADE_UNION", 0.95, 0.9),
    ];
    hold_floors(&counts, &floors);
}

/// The fourth tuning set: each category has a floor a little under the
/// level reached after the lexicons were extended from its misses (first
/// measured at P 0.89-1.00, R 0.50-0.96 per category), as a regression
/// guard. What it still misses is mostly a couple said without a word for
/// it ("Me (29F) and my girlfriend (31F)", "Thomas vit en couple avec
/// Julien").
#[test]
fn fourth_tuning_set_scores() {
    assert_eq!(FOURTH.lines().count(), 160);
    let counts = score(FOURTH, "fourth tuning set");
    let floors: [(&str, f64, f64); 5] = [
        ("BIOMETRIC", 0.9, 0.9),
        ("CRIMINAL_OFFENCE", 0.95, 0.95),
        ("GENETIC", 0.95, 0.9),
        ("HEALTH", 0.9, 0.85),
        ("SEXUAL_ORIENTATION_OR_LIFE", 0.95, 0.6),
    ];
    hold_floors(&counts, &floors);
}

/// The fifth tuning set (232 lines, mostly the five categories that missed
/// the held-out target: informal registers, reviews, tickets, records):
/// floors a little under the level reached after the lexicons were
/// extended from its misses (first measured at R 0.10 for biometric data,
/// 0.33 for health, 0.49 for offences). A biometric capture or a same-sex
/// couple said without a fixed term ("scans my daughter's thumb", "deux
/// hommes ... nous pacser") is found by pairs of words since (biometric R
/// 0.37 -> 0.93, sexual life 0.63 -> 0.80); what it still misses is mostly
/// a couple named without a word of orientation ("her partner Maggie") and
/// slang ("banged up", "on a tag").
#[test]
fn fifth_tuning_set_scores() {
    assert_eq!(FIFTH.lines().count(), 232);
    let counts = score(FIFTH, "fifth tuning set");
    let floors: [(&str, f64, f64); 5] = [
        ("BIOMETRIC", 0.95, 0.9),
        ("CRIMINAL_OFFENCE", 0.95, 0.65),
        ("GENETIC", 0.95, 0.85),
        ("HEALTH", 0.9, 0.7),
        ("SEXUAL_ORIENTATION_OR_LIFE", 0.95, 0.75),
    ];
    hold_floors(&counts, &floors);
}

/// The held-out set: figures a user can expect on text the lexicons were
/// not tuned on. Its errors are not printed, so they cannot guide tuning.
#[test]
fn held_out_record_level_scores() {
    let counts = score(HELDOUT, "held-out set");
    let tp: u32 = counts.values().map(|k| k.tp).sum();
    let fp: u32 = counts.values().map(|k| k.fp).sum();
    let fn_: u32 = counts.values().map(|k| k.fn_).sum();
    let all = Counts { tp, fp, fn_ };
    println!(
        "held-out, all categories: P {:.2} R {:.2}",
        all.precision(),
        all.recall()
    );
    // Floors a little under the level measured (2026-11-24: P 0.92 R 0.78;
    // after the third tuning set's terms: P 0.93 R 0.83), as a regression
    // guard.
    assert!(
        all.precision() >= 0.9 && all.recall() >= 0.81,
        "P {:.2} R {:.2}",
        all.precision(),
        all.recall()
    );
}
