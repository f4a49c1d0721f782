//! The result of a scoring run: serialisable like `score.py --json`, and
//! displayed as a Markdown table with score.py's columns.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::Group;

/// Precision, recall and F1 from counts, for one label (or micro-averaged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Unmatched predictions lying on an OTHER gold span: neither TP nor FP.
    pub ignored: usize,
    /// `None` when TP + FP = 0.
    pub p: Option<f64>,
    /// `None` when TP + FN = 0.
    pub r: Option<f64>,
    /// `None` when 2TP + FP + FN = 0.
    pub f1: Option<f64>,
}

impl Prf {
    pub(crate) fn from_counts(tp: usize, fp: usize, fn_: usize, ignored: usize) -> Self {
        let ratio = |num: usize, den: usize| (den > 0).then(|| num as f64 / den as f64);
        Self {
            tp,
            fp,
            fn_,
            ignored,
            p: ratio(tp, tp + fp),
            r: ratio(tp, tp + fn_),
            f1: ratio(2 * tp, 2 * tp + fp + fn_),
        }
    }

    pub(crate) fn add(&mut self, other: &Prf) {
        *self = Prf::from_counts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn_ + other.fn_,
            self.ignored + other.ignored,
        );
    }
}

/// Scores of one label (or one kind, when grouping by kind).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelScores {
    pub n_gold: usize,
    pub n_pred: usize,
    pub exact: Prf,
    pub overlap: Prf,
    /// Share of this label's gold spans covered at least half by one
    /// prediction of any label; `None` for DATE and labels without gold.
    pub any_pii_recall: Option<f64>,
}

/// Exact and overlap micro averages over the scored labels.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Micro {
    pub exact: Prf,
    pub overlap: Prf,
}

/// The label-agnostic redaction view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnyPii {
    pub n_gold: usize,
    pub n_covered: usize,
    pub recall: Option<f64>,
    /// Share of those gold spans' characters covered by the union of predictions.
    pub char_coverage: Option<f64>,
    pub excluded_labels: Vec<&'static str>,
    pub min_cover: f64,
}

/// A list of `(name, value)` pairs serialised as a JSON object in list order
/// (score.py's dicts keep insertion order; a `BTreeMap` would not).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Ordered<V> {
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Everything `score.py --json` prints, plus `group`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub n_docs: usize,
    pub n_docs_with_pred_line: usize,
    /// Group keys scored: labels, or kinds when grouping by kind.
    pub labels_scored: Vec<String>,
    pub labels: Ordered<LabelScores>,
    pub micro: Micro,
    pub any_pii: AnyPii,
    /// Predictions whose key is not scored, most frequent first (ties in the
    /// order first seen), as Python's `Counter.most_common()`.
    pub unscored_pred_labels: Ordered<usize>,
    pub dropped_other_preds: usize,
    /// File names (without their directories).
    pub gold: String,
    pub pred: String,
    pub min_score: Option<f64>,
    pub group: Group,
}

impl Scores {
    /// Scored or predicted labels outside score.py's known set: score.py warns
    /// about them, since they usually mean a mapping was forgotten. Meaningless
    /// when grouping by kind.
    pub fn unknown_labels(&self) -> Vec<&str> {
        self.labels
            .keys()
            .chain(self.unscored_pred_labels.keys())
            .filter(|l| !crate::KNOWN_LABELS.contains(l))
            .collect()
    }
}

/// score.py's `_f`: three decimals, or a dash.
fn f3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"))
}

impl fmt::Display for Scores {
    /// A Markdown table with score.py's columns, padded so it also reads as
    /// plain text, followed by score.py's footnotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "GOLD {}  PRED {}  documents {} ({} with a PRED line)",
            self.gold, self.pred, self.n_docs, self.n_docs_with_pred_line
        )?;
        if let Some(m) = self.min_score {
            write!(f, "  min score {m}")?;
        }
        if self.group == Group::Kind {
            f.write_str("  grouped by kind")?;
        }
        f.write_str("\n\n")?;

        let name_col = if self.group == Group::Kind {
            "kind"
        } else {
            "label"
        };
        let w0 = self
            .labels
            .keys()
            .map(str::len)
            .chain([5, 9])
            .max()
            .unwrap_or(14)
            .max(14);
        let heads = [
            "gold",
            "pred",
            "exact P",
            "R",
            "F1",
            "overlap P",
            "R",
            "F1",
            "ign",
            "anyPII R",
        ];
        let widths = [6, 6, 7, 6, 6, 9, 6, 6, 4, 8];
        write!(f, "| {name_col:<w0$} |")?;
        for (h, w) in heads.iter().zip(widths) {
            write!(f, " {h:>w$} |")?;
        }
        write!(f, "\n|:{}-|", "-".repeat(w0))?;
        for w in widths {
            write!(f, "-{}:|", "-".repeat(w))?;
        }
        f.write_str("\n")?;

        let row = |f: &mut fmt::Formatter<'_>,
                   name: &str,
                   ng: usize,
                   np: usize,
                   ex: &Prf,
                   ov: &Prf,
                   any: Option<f64>|
         -> fmt::Result {
            let cells = [
                ng.to_string(),
                np.to_string(),
                f3(ex.p),
                f3(ex.r),
                f3(ex.f1),
                f3(ov.p),
                f3(ov.r),
                f3(ov.f1),
                ov.ignored.to_string(),
                f3(any),
            ];
            write!(f, "| {name:<w0$} |")?;
            for (c, w) in cells.iter().zip(widths) {
                write!(f, " {c:>w$} |")?;
            }
            f.write_str("\n")
        };
        for (name, v) in self.labels.iter() {
            row(
                f,
                name,
                v.n_gold,
                v.n_pred,
                &v.exact,
                &v.overlap,
                v.any_pii_recall,
            )?;
        }
        let ng = self.labels.iter().map(|(_, v)| v.n_gold).sum();
        let np = self.labels.iter().map(|(_, v)| v.n_pred).sum();
        row(
            f,
            "**micro**",
            ng,
            np,
            &self.micro.exact,
            &self.micro.overlap,
            self.any_pii.recall,
        )?;

        let a = &self.any_pii;
        write!(
            f,
            "\nany-PII recall (gold spans except {} covered >= {}% by one prediction of any label): \
             {} ({}/{}); char coverage (union of predictions): {}\n",
            a.excluded_labels.join("/"),
            (a.min_cover * 100.0) as u32,
            f3(a.recall),
            a.n_covered,
            a.n_gold,
            f3(a.char_coverage),
        )?;
        f.write_str(
            "\nign = unmatched overlap-mode predictions lying on OTHER gold spans (neither TP nor FP).\n",
        )?;
        if !self.unscored_pred_labels.is_empty() {
            let list: Vec<String> = self
                .unscored_pred_labels
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            write!(
                f,
                "\npredictions with labels not scored: {}\n",
                list.join(", ")
            )?;
        }
        if self.dropped_other_preds > 0 {
            write!(
                f,
                "\npredictions labelled OTHER (dropped): {}\n",
                self.dropped_other_preds
            )?;
        }
        Ok(())
    }
}
