//! Scoring of PII span predictions against gold annotations: the evaluation
//! seam between privasift's detectors and the benchmark files of
//! `../shared/bench`.
//!
//! This is a faithful port of `../shared/bench/score.py`: same input
//! validation, same per-label exact and overlap matching (one-to-one, greedy
//! by largest overlap), OTHER as "don't care", same micro averages, any-PII
//! recall and character coverage, same `--labels` and `--min-score`. It adds
//! one thing: [`Group::Kind`] scores by fine kind (`fr-nir`, `iban`...) instead
//! of label, matching the gold `orig_label` against the predictions' `kind`.
//!
//! ```
//! use privasift_eval::{score, EvalOptions, Group};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let (gold, pred) = (dir.path().join("gold.jsonl"), dir.path().join("pred.jsonl"));
//! std::fs::write(&gold, r#"{"id": "a", "text": "écrire à zoé@exemple.fr", "lang": "fr",
//!   "spans": [{"start": 9, "end": 23, "label": "EMAIL", "orig_label": "email"}]}"#.replace('\n', ""))?;
//! std::fs::write(&pred, r#"{"id": "a", "spans": [{"start": 9, "end": 23, "label": "EMAIL", "kind": "email"}]}"#)?;
//!
//! let scores = score(&gold, &pred, &EvalOptions::default())?;
//! assert_eq!(scores.micro.exact.f1, Some(1.0));
//! let by_kind = score(&gold, &pred, &EvalOptions { group: Group::Kind, ..EvalOptions::default() })?;
//! assert_eq!(by_kind.labels_scored, ["email"]);
//! println!("{scores}"); // a Markdown table
//! # Ok(()) }
//! ```

mod error;
mod matching;
mod parse;
mod scores;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

pub use error::{EvalError, Problem, Role};
pub use scores::{AnyPii, LabelScores, Micro, Ordered, Prf, Scores};

use matching::{cover_union, match_exact, match_overlap, overlap};
use parse::{ESpan, Gold};

/// Labels of the bench format, in score.py's display order.
pub const KNOWN_LABELS: &[&str] = &[
    "PERSON",
    "EMAIL",
    "PHONE",
    "IBAN",
    "CREDIT_CARD",
    "NATIONAL_ID",
    "PASSPORT",
    "IP_ADDRESS",
    "URL",
    "ADDRESS",
    "LOCATION",
    "DATE",
    "DATE_OF_BIRTH",
    "ORGANIZATION",
    "CODE",
    "NRP",
    "OTHER",
];

/// Gold label for spans that are not scored ("don't care").
pub const DONT_CARE: &str = "OTHER";
/// Labels left out of any-PII recall.
pub const ANY_PII_EXCLUDED: &[&str] = &["OTHER", "DATE"];
/// Share of a gold span one prediction must cover for any-PII recall.
pub const ANY_PII_MIN_COVER: f64 = 0.5;

/// What spans are grouped, matched and reported by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// The normalised `label` of gold and predictions (score.py's behaviour).
    #[default]
    Label,
    /// The fine kind: gold `orig_label` against the predictions' `kind`
    /// (`fr-nir`, `iban`...). Don't care and the any-PII exclusions still go
    /// by `label`.
    Kind,
}

/// Options of a scoring run, score.py's command-line flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalOptions {
    /// `--labels`: the group keys to score (labels, or kinds with
    /// [`Group::Kind`]); `None` scores every key found except OTHER.
    /// Duplicates are ignored.
    pub labels: Option<Vec<String>>,
    /// `--min-score`: predictions with a lower score are dropped; predictions
    /// without a score are kept.
    pub min_score: Option<f64>,
    pub group: Group,
}

/// Scores the predictions in `pred` against the gold documents in `gold`,
/// both JSON Lines files of the bench format (see score.py's docstring).
/// Gold documents without a prediction line count as having no predictions.
pub fn score(gold: &Path, pred: &Path, opts: &EvalOptions) -> Result<Scores, EvalError> {
    let gold_text = parse::read(Role::Gold, gold)?;
    let pred_text = parse::read(Role::Pred, pred)?;
    score_str(&gold_text, gold, &pred_text, pred, opts)
}

/// [`score`] on file contents already in memory; the paths only name the
/// files in errors and in the result.
pub fn score_str(
    gold_text: &str,
    gold_path: &Path,
    pred_text: &str,
    pred_path: &Path,
    opts: &EvalOptions,
) -> Result<Scores, EvalError> {
    let g = parse::parse_gold(gold_text, gold_path, opts)?;
    let p = parse::parse_pred(pred_text, pred_path, &g, opts)?;
    let file_name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    Ok(evaluate(
        &g,
        &p,
        opts,
        file_name(gold_path),
        file_name(pred_path),
    ))
}

fn label_rank(l: &str) -> (usize, &str) {
    (KNOWN_LABELS.iter().position(|k| *k == l).unwrap_or(99), l)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    ignored: usize,
}

#[derive(Default)]
struct PerKey {
    n_gold: usize,
    n_pred: usize,
    exact: Counts,
    overlap: Counts,
    any_gold: usize,
    any_cov: usize,
}

/// score.py's `evaluate`.
#[allow(clippy::too_many_lines)]
fn evaluate(
    gold: &Gold,
    preds: &HashMap<usize, Vec<ESpan>>,
    opts: &EvalOptions,
    gold_name: String,
    pred_name: String,
) -> Scores {
    let labels: Vec<String> = if let Some(ls) = &opts.labels {
        let mut seen = HashSet::new();
        ls.iter()
            .filter(|l| l.as_str() != DONT_CARE && seen.insert(l.as_str()))
            .cloned()
            .collect()
    } else {
        let mut seen: Vec<&str> = gold
            .docs
            .iter()
            .flat_map(|d| d.spans.iter())
            .chain(preds.values().flatten())
            .filter(|s| s.label != DONT_CARE && s.key != DONT_CARE)
            .map(|s| s.key.as_str())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        seen.sort_by_key(|l| label_rank(l));
        seen.into_iter().map(str::to_owned).collect()
    };
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let mut per: Vec<PerKey> = labels.iter().map(|_| PerKey::default()).collect();
    let mut unscored: Vec<(String, usize)> = Vec::new();
    let mut dropped_other = 0;
    let mut any_chars = 0usize;
    let mut any_chars_cov = 0usize;
    let no_preds = Vec::new();

    for (di, doc) in gold.docs.iter().enumerate() {
        let ps_all = preds.get(&di).unwrap_or(&no_preds);
        let others: Vec<&ESpan> = doc.spans.iter().filter(|s| s.label == DONT_CARE).collect();
        let ps_pii: Vec<&ESpan> = ps_all.iter().filter(|p| p.label != DONT_CARE).collect();
        dropped_other += ps_all.len() - ps_pii.len();
        for p in &ps_pii {
            if !index.contains_key(p.key.as_str()) {
                match unscored.iter_mut().find(|(k, _)| *k == p.key) {
                    Some((_, n)) => *n += 1,
                    None => unscored.push((p.key.clone(), 1)),
                }
            }
        }
        let mut gby: Vec<Vec<&ESpan>> = vec![Vec::new(); labels.len()];
        let mut pby: Vec<Vec<&ESpan>> = vec![Vec::new(); labels.len()];
        for s in &doc.spans {
            if s.label != DONT_CARE
                && let Some(&i) = index.get(s.key.as_str())
            {
                gby[i].push(s);
            }
        }
        for p in &ps_pii {
            if let Some(&i) = index.get(p.key.as_str()) {
                pby[i].push(p);
            }
        }
        for (i, k) in per.iter_mut().enumerate() {
            let (gs, ps) = (&gby[i], &pby[i]);
            k.n_gold += gs.len();
            k.n_pred += ps.len();
            if gs.is_empty() && ps.is_empty() {
                continue;
            }
            for (exact, c) in [(true, &mut k.exact), (false, &mut k.overlap)] {
                let (tp, un) = if exact {
                    match_exact(gs, ps)
                } else {
                    match_overlap(gs, ps)
                };
                let ign = un
                    .iter()
                    .filter(|&&j| others.iter().any(|o| overlap(ps[j], o) > 0))
                    .count();
                c.tp += tp;
                c.fn_ += gs.len() - tp;
                c.fp += un.len() - ign;
                c.ignored += ign;
            }
        }
        // any-PII: label-agnostic coverage of the scored gold spans.
        for s in &doc.spans {
            if ANY_PII_EXCLUDED.contains(&s.label.as_str()) {
                continue;
            }
            let Some(&i) = index.get(s.key.as_str()) else {
                continue;
            };
            let len = s.end - s.start;
            per[i].any_gold += 1;
            let best = ps_pii
                .iter()
                .map(|p| overlap(s, p))
                .max()
                .unwrap_or(0)
                .max(0);
            // best >= 0.5 * len, in integers.
            if 2 * best as usize >= len {
                per[i].any_cov += 1;
            }
            any_chars += len;
            any_chars_cov += cover_union(s, &ps_pii);
        }
    }

    let prf = |c: &Counts| Prf::from_counts(c.tp, c.fp, c.fn_, c.ignored);
    let mut micro = Micro {
        exact: Prf::default(),
        overlap: Prf::default(),
    };
    let mut out = Vec::new();
    for (l, k) in labels.iter().zip(&per) {
        micro.exact.add(&prf(&k.exact));
        micro.overlap.add(&prf(&k.overlap));
        out.push((
            l.clone(),
            LabelScores {
                n_gold: k.n_gold,
                n_pred: k.n_pred,
                exact: prf(&k.exact),
                overlap: prf(&k.overlap),
                any_pii_recall: (k.any_gold > 0).then(|| k.any_cov as f64 / k.any_gold as f64),
            },
        ));
    }
    let n_any: usize = per.iter().map(|k| k.any_gold).sum();
    let n_cov: usize = per.iter().map(|k| k.any_cov).sum();
    // Counter.most_common(): by count, ties in first-seen order (stable sort).
    unscored.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    Scores {
        n_docs: gold.docs.len(),
        n_docs_with_pred_line: preds.len(),
        labels_scored: labels,
        labels: Ordered(out),
        micro,
        any_pii: AnyPii {
            n_gold: n_any,
            n_covered: n_cov,
            recall: (n_any > 0).then(|| n_cov as f64 / n_any as f64),
            char_coverage: (any_chars > 0).then(|| any_chars_cov as f64 / any_chars as f64),
            excluded_labels: ANY_PII_EXCLUDED.to_vec(),
            min_cover: ANY_PII_MIN_COVER,
        },
        unscored_pred_labels: Ordered(unscored),
        dropped_other_preds: dropped_other,
        gold: gold_name,
        pred: pred_name,
        min_score: opts.min_score,
        group: opts.group,
    }
}
