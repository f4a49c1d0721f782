//! The scan report: does this dataset contain personal data, where, and how
//! sure are we. Its JSON form is a contract (`scan --report`); the text form
//! is for people.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use privasift_core::{Kind, Label};
use privasift_formats::{Compression, ErrorKind, Format, ReadError, RecordError, Source};
use serde::Serialize;

/// A finding at or above this score counts as confident for the verdict.
pub const CONFIDENT_SCORE: f32 = 0.8;
/// Record errors listed verbatim in the report.
const ERRORS_LISTED: usize = 100;

#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    pub fn current() -> Self {
        Self {
            name: "privasift",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// One input file and what came of it.
#[derive(Clone, Debug, Serialize)]
pub struct InputStats {
    pub path: PathBuf,
    pub format: Format,
    pub compression: Compression,
    pub bytes_on_disk: u64,
    /// Uncompressed bytes read.
    pub bytes_read: u64,
    pub records_scanned: u64,
    pub records_with_findings: u64,
    pub records_skipped: u64,
    /// Why reading the file stopped early, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl InputStats {
    pub(crate) fn new(s: &Source) -> Self {
        Self {
            path: s.path.clone(),
            format: s.format,
            compression: s.compression,
            bytes_on_disk: s.size,
            bytes_read: 0,
            records_scanned: 0,
            records_with_findings: 0,
            records_skipped: 0,
            error: None,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct LabelStats {
    pub findings: u64,
    /// The largest record count among the label's kinds (a lower bound on the
    /// records holding the label).
    pub records_by_kind_max: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct KindStats {
    pub label: Label,
    /// False for context kinds (event dates, place names, organisations):
    /// reported, but not personal data on their own, so not counted in
    /// `records_with_findings` nor in the verdict.
    pub personal: bool,
    pub findings: u64,
    /// Records with at least one finding of this kind.
    pub records: u64,
    pub share_of_records: f64,
}

/// Per field (the column profile, for tabular inputs).
#[derive(Clone, Debug, Serialize)]
pub struct FieldStats {
    /// Records in which the field holds text.
    pub records_with_text: u64,
    pub records_with_findings: u64,
    pub share_with_findings: f64,
    /// Kind name -> (records with that kind in this field, share of `records_with_text`).
    pub kinds: BTreeMap<String, (u64, f64)>,
}

/// A masked example: enough to find the record again, never the value.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub kind: &'static str,
    pub label: Label,
    pub masked: String,
    pub source: u32,
    /// Line or row number in the source.
    pub record: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub field: String,
    pub score: f32,
}

/// A record or file problem, as listed in the report.
#[derive(Clone, Debug, Serialize)]
pub struct ListedError {
    pub path: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ErrorSummary {
    pub total: u64,
    pub files: u64,
    pub by_kind: BTreeMap<&'static str, u64>,
    /// The first problems, in input order.
    pub first: Vec<ListedError>,
}

impl ErrorSummary {
    pub(crate) fn add_file(&mut self, e: &ReadError) {
        self.total += 1;
        self.files += 1;
        *self.by_kind.entry(e.kind.as_str()).or_default() += 1;
        if self.first.len() < ERRORS_LISTED {
            self.first.push(ListedError {
                path: e.path.clone(),
                location: None,
                field: None,
                kind: e.kind,
                message: e.message.clone(),
            });
        }
    }

    pub(crate) fn count(&mut self, kind: ErrorKind, n: u64) {
        self.total += n;
        *self.by_kind.entry(kind.as_str()).or_default() += n;
    }

    pub(crate) fn keep(&mut self, path: &Path, e: RecordError) {
        if self.first.len() < ERRORS_LISTED {
            self.first.push(ListedError {
                path: path.to_path_buf(),
                location: Some(e.location.to_string()),
                field: e.field,
                kind: e.kind,
                message: e.message,
            });
        }
    }
}

/// The answer to the CNIL's first question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    #[serde(rename = "contains personal data")]
    Contains,
    #[serde(rename = "may contain personal data")]
    MayContain,
    #[serde(rename = "no personal data found in what was scanned")]
    NoneFound,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Contains => "contains personal data",
            Verdict::MayContain => "may contain personal data",
            Verdict::NoneFound => "no personal data found in what was scanned",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Classification {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
    /// The rule the verdict applies.
    pub rule: String,
    pub confident_score: f32,
    pub sample_size: u64,
    pub sample_fraction: f64,
    /// With `sample_size` records and no finding, the share of affected
    /// records is below this at 95 % confidence (rule of three).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper_bound_share_95: Option<f64>,
    /// What the detectors of this run can see: a dataset may hold personal
    /// data of other kinds.
    pub kinds_covered: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn classify(
    records: u64,
    confident_records: u64,
    records_with_findings: u64,
    special_records: u64,
    kinds: &BTreeMap<String, KindStats>,
    fraction: f64,
    not_sampled: u64,
    covered: &[Kind],
) -> Classification {
    let mut reasons = Vec::new();
    let mut top: Vec<(&String, &KindStats)> = kinds.iter().filter(|(_, k)| k.personal).collect();
    top.sort_by(|a, b| b.1.records.cmp(&a.1.records).then(a.0.cmp(b.0)));
    let verdict = if confident_records > 0 {
        reasons.push(format!(
            "{confident_records} of {records} scanned records hold at least one finding scored {CONFIDENT_SCORE} or more"
        ));
        Verdict::Contains
    } else if records_with_findings > 0 {
        reasons.push(format!(
            "{records_with_findings} of {records} scanned records hold findings, none scored {CONFIDENT_SCORE} or more: review the examples"
        ));
        Verdict::MayContain
    } else {
        reasons.push(format!(
            "no detector fired on the {records} scanned records"
        ));
        Verdict::NoneFound
    };
    for (name, k) in top.iter().take(5) {
        reasons.push(format!(
            "{name} ({}): {} findings in {} records",
            k.label, k.findings, k.records
        ));
    }
    if special_records > 0 {
        reasons.push(format!(
            "{special_records} records hold special-category data (GDPR Art. 9) or offence data (Art. 10)"
        ));
    }
    if fraction < 1.0 {
        reasons.push(format!(
            "a deterministic sample of {:.4}% of records was scanned ({not_sampled} records not sampled)",
            fraction * 100.0
        ));
    }
    let upper =
        (verdict == Verdict::NoneFound && records > 0).then(|| (3.0 / records as f64).min(1.0));
    if let Some(u) = upper {
        reasons.push(format!(
            "with {records} records and no finding, fewer than {:.4}% of records hold the covered kinds (95% confidence); kinds not covered by the detectors are not ruled out",
            u * 100.0
        ));
    }
    Classification {
        verdict,
        reasons,
        rule: format!(
            "contains: at least 1 record with a finding scored >= {CONFIDENT_SCORE}; may contain: findings below that score only; none found: no finding at the run's thresholds"
        ),
        confident_score: CONFIDENT_SCORE,
        sample_size: records,
        sample_fraction: fraction,
        upper_bound_share_95: upper,
        kinds_covered: covered.iter().map(|k| k.name.to_owned()).collect(),
    }
}

/// The machine report of `privasift scan`.
#[derive(Clone, Debug, Serialize)]
pub struct ScanReport {
    pub tool: Tool,
    pub detectors: Vec<&'static str>,
    pub inputs: Vec<InputStats>,
    pub records_scanned: u64,
    pub records_with_findings: u64,
    pub share_of_records_affected: f64,
    /// Records that could not be scanned (malformed, too large).
    pub records_skipped: u64,
    /// Records left out by sampling.
    pub records_not_sampled: u64,
    pub sample_fraction: f64,
    pub classification: Classification,
    pub labels: BTreeMap<Label, LabelStats>,
    pub kinds: BTreeMap<String, KindStats>,
    /// Whether `fields` is a column profile (some input is tabular).
    pub column_profile: bool,
    pub fields: BTreeMap<String, FieldStats>,
    pub examples: Vec<Example>,
    pub errors: ErrorSummary,
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

/// The human summary printed by `privasift scan`.
pub fn render_summary(r: &ScanReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "privasift {} scan", r.tool.version);
    let _ = writeln!(
        s,
        "  inputs: {} file(s), {} records scanned, {} skipped, {} not sampled",
        r.inputs.len(),
        r.records_scanned,
        r.records_skipped,
        r.records_not_sampled
    );
    let _ = writeln!(
        s,
        "\nVerdict: {}",
        r.classification.verdict.as_str().to_uppercase()
    );
    for reason in &r.classification.reasons {
        let _ = writeln!(s, "  - {reason}");
    }
    let _ = writeln!(
        s,
        "\nRecords with findings: {} of {} ({})",
        r.records_with_findings,
        r.records_scanned,
        pct(r.share_of_records_affected)
    );
    if !r.kinds.is_empty() {
        let _ = writeln!(
            s,
            "\n  {:<26} {:<26} {:>10} {:>10} {:>9}",
            "kind", "label", "findings", "records", "share"
        );
        for (name, k) in &r.kinds {
            let shown = if k.personal {
                name.clone()
            } else {
                format!("{name} *")
            };
            let _ = writeln!(
                s,
                "  {:<26} {:<26} {:>10} {:>10} {:>9}",
                shown,
                k.label.as_str(),
                k.findings,
                k.records,
                pct(k.share_of_records)
            );
        }
        if r.kinds.values().any(|k| !k.personal) {
            let _ = writeln!(
                s,
                "  * context, not personal data on its own (dates, place names, organisations): not counted in records with findings"
            );
        }
    }
    if !r.fields.is_empty() {
        let title = if r.column_profile {
            "Column profile"
        } else {
            "Fields"
        };
        let _ = writeln!(s, "\n{title}:");
        for (name, f) in &r.fields {
            let mut top: Vec<(&String, f64)> =
                f.kinds.iter().map(|(k, (_, share))| (k, *share)).collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            let mut kinds: Vec<String> = top
                .iter()
                .take(6)
                .map(|(k, share)| format!("{k} {}", pct(*share)))
                .collect();
            if top.len() > 6 {
                kinds.push(format!("+{} more kinds", top.len() - 6));
            }
            let _ = writeln!(
                s,
                "  {name}: {} of {} with findings ({}){}{}",
                f.records_with_findings,
                f.records_with_text,
                pct(f.share_with_findings),
                if kinds.is_empty() { "" } else { ": " },
                kinds.join(", ")
            );
        }
    }
    if r.inputs.len() > 1 {
        let _ = writeln!(s, "\nPer file:");
        for i in &r.inputs {
            let _ = writeln!(
                s,
                "  {}: {} records, {} with findings{}",
                i.path.display(),
                i.records_scanned,
                i.records_with_findings,
                i.error
                    .as_ref()
                    .map_or(String::new(), |e| format!(" (stopped: {e})"))
            );
        }
    }
    if !r.examples.is_empty() {
        let _ = writeln!(
            s,
            "\nExamples (masked; one per kind here, more in --report):"
        );
        let mut last_kind = "";
        for e in &r.examples {
            if e.kind == last_kind {
                continue;
            }
            last_kind = e.kind;
            let path = r
                .inputs
                .get(e.source as usize)
                .map_or_else(String::new, |i| i.path.display().to_string());
            let id = e.id.as_ref().map_or(String::new(), |k| format!(" id {k}"));
            let _ = writeln!(
                s,
                "  {:<26} {:<28} {path}:{}{id} field {}",
                e.kind, e.masked, e.record, e.field
            );
        }
    }
    if r.errors.total > 0 {
        let by: Vec<String> = r
            .errors
            .by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let _ = writeln!(s, "\nProblems: {} ({})", r.errors.total, by.join(", "));
        for e in r.errors.first.iter().take(10) {
            let loc = e
                .location
                .as_ref()
                .map_or(String::new(), |l| format!(": {l}"));
            let field = e
                .field
                .as_ref()
                .map_or(String::new(), |f| format!(", field `{f}`"));
            let _ = writeln!(s, "  {}{loc}{field}: {}", e.path.display(), e.message);
        }
        if r.errors.first.len() > 10 {
            let _ = writeln!(s, "  ... (all listed in --report)");
        }
    }
    s
}
