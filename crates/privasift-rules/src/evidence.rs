//! Evidence from the data tools: scan reports (`privasift scan --report`)
//! and processing ledgers (`privasift clean --ledger`). Rules compare it
//! with what the manifest declares; evidence beats declarations.
//!
//! Nothing here holds a detected value: scan reports carry counts and masked
//! examples (which are not read), ledgers carry kinds and actions.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::manifest::{Date, SpecialCategory};

/// Everything the rules can see beside the manifest.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evidence {
    pub scans: Vec<ScanEvidence>,
    pub ledgers: Vec<LedgerEvidence>,
    /// Summaries of `privasift collect filter` (`--summary`).
    pub collects: Vec<CollectEvidence>,
    /// The date the check runs on (expiry of retention periods).
    pub today: Option<Date>,
}

/// What a scan report says.
#[derive(Clone, Debug, Serialize)]
pub struct ScanEvidence {
    pub path: PathBuf,
    pub verdict: String,
    pub records_scanned: u64,
    pub records_with_findings: u64,
    /// Records that could not be read (malformed, too large).
    pub records_skipped: u64,
    pub sample_fraction: f64,
    /// Fields holding personal data (records with findings > 0), with
    /// those record counts.
    pub fields_with_findings: BTreeMap<String, u64>,
    /// Inputs scanned (paths as the report gives them).
    pub inputs: Vec<String>,
    /// Findings per label.
    pub labels: BTreeMap<String, u64>,
    /// Records with each special category (from the per-kind counts).
    pub special: BTreeMap<SpecialCategory, u64>,
    /// Kinds the scan could see.
    pub kinds_covered: Vec<String>,
}

impl ScanEvidence {
    pub fn found_personal_data(&self) -> bool {
        self.verdict == "contains personal data"
    }
}

/// What a web-collection summary (`privasift collect filter --summary`)
/// says: how many pages were read, kept and excluded, why, and with which
/// policy.
#[derive(Clone, Debug, Serialize)]
pub struct CollectEvidence {
    pub path: PathBuf,
    /// The WARC files read.
    pub inputs: Vec<String>,
    pub pages_read: u64,
    pub kept: u64,
    pub excluded: u64,
    pub excluded_by_signal: BTreeMap<String, u64>,
    pub excluded_by_category: BTreeMap<String, u64>,
    /// The signals the run's policy applied (absent from older summaries).
    pub policy: Option<CollectPolicy>,
}

/// The opt-out and exclusion settings a collection run applied (one flag
/// per signal, as the summary writes them).
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CollectPolicy {
    #[serde(default)]
    pub robots: bool,
    #[serde(default)]
    pub ai_txt: bool,
    #[serde(default)]
    pub tdmrep: bool,
    #[serde(default)]
    pub noai: bool,
    /// Sensitive-site categories excluded.
    #[serde(default)]
    pub sensitive_categories: Vec<String>,
    #[serde(default)]
    pub objection_domains: u64,
    #[serde(default)]
    pub objection_urls: u64,
    /// Suppression lists of people who objected.
    #[serde(default)]
    pub suppression_files: u64,
}

#[derive(Deserialize)]
struct RawCollect {
    pages_read: u64,
    #[serde(default)]
    kept: u64,
    #[serde(default)]
    excluded: u64,
    #[serde(default)]
    excluded_by_signal: BTreeMap<String, u64>,
    #[serde(default)]
    excluded_by_category: BTreeMap<String, u64>,
    #[serde(default)]
    inputs: Vec<RawInput>,
    #[serde(default)]
    policy: Option<CollectPolicy>,
}

/// What a ledger says.
#[derive(Clone, Debug, Serialize)]
pub struct LedgerEvidence {
    pub path: PathBuf,
    /// The hash chain verified.
    pub verified: bool,
    /// Where it breaks, if it does.
    pub error: Option<String>,
    pub entries: u64,
    pub runs: Vec<LedgerRun>,
}

/// One run of a ledger.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LedgerRun {
    pub run: String,
    pub command: Option<String>,
    pub started: String,
    pub finished: bool,
    /// Records the run acted on that held special-category data...
    pub special_records: u64,
    /// ...and of those, the ones it deleted (`drop-record`).
    pub special_dropped: u64,
    /// Records acted on, per action.
    pub actions: BTreeMap<String, u64>,
}

/// Evidence that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: not a scan report (`privasift scan --report`), a collection summary (`privasift collect filter --summary`) nor a ledger: {reason}"
    )]
    Unknown { path: PathBuf, reason: String },
}

#[derive(Deserialize)]
struct RawReport {
    classification: RawClassification,
    records_scanned: u64,
    records_with_findings: u64,
    #[serde(default)]
    records_skipped: u64,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
    #[serde(default)]
    sample_fraction: Option<f64>,
    #[serde(default)]
    inputs: Vec<RawInput>,
    #[serde(default)]
    labels: BTreeMap<String, RawLabel>,
    #[serde(default)]
    kinds: BTreeMap<String, RawKind>,
}

#[derive(Deserialize)]
struct RawClassification {
    verdict: String,
    #[serde(default)]
    kinds_covered: Vec<String>,
}

#[derive(Deserialize)]
struct RawInput {
    path: String,
}

#[derive(Deserialize)]
struct RawField {
    #[serde(default)]
    records_with_findings: u64,
}

#[derive(Deserialize)]
struct RawLabel {
    findings: u64,
}

#[derive(Deserialize)]
struct RawKind {
    label: String,
    records: u64,
}

impl Evidence {
    /// Reads each file: a JSON object is a scan report, JSON Lines a ledger.
    pub fn load(paths: &[PathBuf]) -> Result<Evidence, EvidenceError> {
        let mut ev = Evidence::default();
        for p in paths {
            let io = |source| EvidenceError::Io {
                path: p.clone(),
                source,
            };
            let text = std::fs::read_to_string(p).map_err(io)?;
            if let Ok(c) = serde_json::from_str::<RawCollect>(&text) {
                ev.collects.push(collect(p, c));
                continue;
            }
            match serde_json::from_str::<RawReport>(&text) {
                Ok(r) => ev.scans.push(scan(p, r)),
                Err(report_err) => {
                    if text.trim_start().starts_with("{\"seq\"") || text.is_empty() {
                        ev.ledgers.push(ledger(p)?);
                    } else {
                        return Err(EvidenceError::Unknown {
                            path: p.clone(),
                            reason: report_err.to_string(),
                        });
                    }
                }
            }
        }
        Ok(ev)
    }

    /// Adds a scan report given as JSON text (what `load` does for a file).
    pub fn add_scan_json(&mut self, path: &Path, text: &str) -> Result<(), serde_json::Error> {
        let r: RawReport = serde_json::from_str(text)?;
        self.scans.push(scan(path, r));
        Ok(())
    }

    /// Records with a special category, over all scans.
    pub fn special_found(&self) -> BTreeMap<SpecialCategory, u64> {
        let mut m = BTreeMap::new();
        for s in &self.scans {
            for (c, n) in &s.special {
                *m.entry(*c).or_default() += n;
            }
        }
        m
    }

    /// The collection summaries that concern a scraped source: those whose
    /// WARC inputs match its `paths`, or all of them when it gives none.
    pub fn collects_for<'a>(&'a self, s: &crate::manifest::Source) -> Vec<&'a CollectEvidence> {
        self.collects
            .iter()
            .filter(|c| {
                s.paths.is_empty()
                    || c.inputs
                        .iter()
                        .any(|i| crate::decisions::source_matches(s, i))
            })
            .collect()
    }

    pub fn personal_data_found(&self) -> bool {
        self.scans.iter().any(ScanEvidence::found_personal_data)
    }
}

fn collect(path: &Path, c: RawCollect) -> CollectEvidence {
    CollectEvidence {
        path: path.to_path_buf(),
        inputs: c.inputs.into_iter().map(|i| i.path).collect(),
        pages_read: c.pages_read,
        kept: c.kept,
        excluded: c.excluded,
        excluded_by_signal: c.excluded_by_signal,
        excluded_by_category: c.excluded_by_category,
        policy: c.policy,
    }
}

fn scan(path: &Path, r: RawReport) -> ScanEvidence {
    let mut special = BTreeMap::new();
    for k in r.kinds.values() {
        if let Some(c) = SpecialCategory::from_label(&k.label)
            && k.records > 0
        {
            let e: &mut u64 = special.entry(c).or_default();
            *e = (*e).max(k.records);
        }
    }
    ScanEvidence {
        path: path.to_path_buf(),
        verdict: r.classification.verdict,
        records_scanned: r.records_scanned,
        records_with_findings: r.records_with_findings,
        records_skipped: r.records_skipped,
        fields_with_findings: r
            .fields
            .into_iter()
            .filter(|(_, f)| f.records_with_findings > 0)
            .map(|(k, f)| (k, f.records_with_findings))
            .collect(),
        sample_fraction: r.sample_fraction.unwrap_or(1.0),
        inputs: r.inputs.into_iter().map(|i| i.path).collect(),
        labels: r.labels.into_iter().map(|(k, v)| (k, v.findings)).collect(),
        special,
        kinds_covered: r.classification.kinds_covered,
    }
}

fn ledger(path: &Path) -> Result<LedgerEvidence, EvidenceError> {
    let io = |source| EvidenceError::Io {
        path: path.to_path_buf(),
        source,
    };
    let summary = privasift_ledger::summarise(path, None).map_err(|e| EvidenceError::Unknown {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut runs: Vec<LedgerRun> = summary
        .runs
        .iter()
        .map(|r| LedgerRun {
            run: r.run.clone(),
            command: r.command.clone(),
            started: r.started.clone(),
            finished: r.finished,
            ..LedgerRun::default()
        })
        .collect();
    // Per-record events, read only up to where the chain verified.
    let file = std::fs::File::open(path).map_err(io)?;
    for line in std::io::BufReader::new(file)
        .lines()
        .take(summary.entries as usize)
    {
        let line = line.map_err(io)?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(run) = runs
            .iter_mut()
            .find(|r| Some(r.run.as_str()) == v["run"].as_str())
        else {
            continue;
        };
        let records: Vec<&serde_json::Value> = match v["event"].as_str() {
            Some("record") => vec![&v["body"]],
            Some("records") => v["body"]["records"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        for r in records {
            let action = r["action"].as_str().unwrap_or("(none)").to_owned();
            let special = r["kinds"].as_array().is_some_and(|ks| {
                // Labels (`HEALTH`), or kind names (`health`).
                ks.iter().filter_map(|k| k.as_str()).any(|k| {
                    SpecialCategory::from_label(k).is_some()
                        || serde_json::from_value::<SpecialCategory>(serde_json::Value::String(
                            k.to_owned(),
                        ))
                        .is_ok()
                })
            });
            if special {
                run.special_records += 1;
                if action.starts_with("drop-record") {
                    run.special_dropped += 1;
                }
            }
            *run.actions.entry(action).or_default() += 1;
        }
    }
    Ok(LedgerEvidence {
        path: path.to_path_buf(),
        verified: summary.verified,
        error: summary.error.map(|e| e.to_string()),
        entries: summary.entries,
        runs,
    })
}
