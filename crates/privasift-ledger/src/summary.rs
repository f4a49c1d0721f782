//! Per-run summaries of a ledger for a DPO (`privasift ledger show`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::{Entry, GENESIS_PREV, LedgerError, VerifyError, WalkError, walk};

/// What [`summarise`] read. Serialises as the `--json` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The ledger file, as given.
    pub path: String,
    /// The whole chain verified. When false, `error` says where it breaks
    /// and everything below covers only the entries before that line.
    pub verified: bool,
    pub error: Option<VerifyError>,
    /// Entries read and verified (all of them when `verified`).
    pub entries: u64,
    /// `hash` of the last entry read and verified.
    pub last_hash: String,
    /// The run id asked for, if any.
    pub run_filter: Option<String>,
    /// Runs in order of their first entry (only the asked-for run when
    /// filtering).
    pub runs: Vec<RunSummary>,
}

/// One run's entries, summarised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    pub run: String,
    /// `time` of the run's first entry.
    pub started: String,
    /// `time` of its (last) `run-end` entry; `None`: the run did not finish.
    pub ended: Option<String>,
    /// A `run-end` entry was read.
    pub finished: bool,
    /// `command` (a string) from the `run-start` body.
    pub command: Option<String>,
    /// Body of the (first) `run-start` entry.
    pub start: Option<Value>,
    /// Body of the (last) `run-end` entry.
    pub end: Option<Value>,
    /// `seq` (= line) of the run's first and last entries.
    pub first_seq: u64,
    pub last_seq: u64,
    /// Entries of this run.
    pub entries: u64,
    /// Count per event name.
    pub events: BTreeMap<String, u64>,
    /// Aggregate of `record` events; only when a run was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<RecordCounts>,
}

/// Aggregate of a run's `record` events, whose bodies look like
/// `{"source":0,"index":12,"key":"doc-3","kinds":["EMAIL"],"action":"redact","detectors":["email@2"]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    /// `record` events.
    pub total: u64,
    /// Count per `action` value (`(none)` when the body has no string
    /// `action`).
    pub actions: BTreeMap<String, u64>,
    /// Count per kind, over the `kinds` arrays (a record with two kinds
    /// counts once for each).
    pub kinds: BTreeMap<String, u64>,
}

const NO_ACTION: &str = "(none)";

/// Reads the ledger (verifying it at the same time) and summarises its runs,
/// or only `run`, with its `record` events aggregated.
///
/// A broken chain is not an error here: the summary has `verified: false`,
/// the [`VerifyError`], and what could be read before the break. An unknown
/// `run` is [`LedgerError::UnknownRun`] only when the chain verified (with a
/// broken chain the run may be past the break, so the summary is returned
/// with no runs).
pub fn summarise(path: &Path, run: Option<&str>) -> Result<Summary, LedgerError> {
    let io_err = |source| LedgerError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_err)?;
    let mut runs: Vec<RunSummary> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut entries = 0u64;
    let mut last_hash = GENESIS_PREV.to_string();
    let result = walk(BufReader::new(file), |e: Entry| {
        entries = e.seq;
        last_hash.clone_from(&e.hash);
        if run.is_some_and(|r| r != e.run) {
            return;
        }
        let i = *index.entry(e.run.clone()).or_insert_with(|| {
            runs.push(RunSummary {
                run: e.run.clone(),
                started: e.time.clone(),
                ended: None,
                finished: false,
                command: None,
                start: None,
                end: None,
                first_seq: e.seq,
                last_seq: e.seq,
                entries: 0,
                events: BTreeMap::new(),
                records: run.map(|_| RecordCounts::default()),
            });
            runs.len() - 1
        });
        let r = &mut runs[i];
        r.entries += 1;
        r.last_seq = e.seq;
        *r.events.entry(e.event.clone()).or_insert(0) += 1;
        match e.event.as_str() {
            "run-start" if r.start.is_none() => {
                r.command = e
                    .body
                    .get("command")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                r.start = Some(e.body);
            }
            "run-end" => {
                r.ended = Some(e.time);
                r.finished = true;
                r.end = Some(e.body);
            }
            "record" => {
                if let Some(counts) = &mut r.records {
                    count_record(counts, &e.body);
                }
            }
            // Several records in one entry: `{"source": 0, "records": [...]}`.
            "records" => {
                if let Some(counts) = &mut r.records
                    && let Some(list) = e.body.get("records").and_then(Value::as_array)
                {
                    for rec in list {
                        count_record(counts, rec);
                    }
                }
            }
            _ => {}
        }
    });
    let error = match result {
        Ok(_) => None,
        Err(WalkError::Io(e)) => return Err(io_err(e)),
        Err(WalkError::Bad(v)) => Some(v),
    };
    if let Some(r) = run
        && runs.is_empty()
        && error.is_none()
    {
        return Err(LedgerError::UnknownRun(r.to_string()));
    }
    Ok(Summary {
        path: path.display().to_string(),
        verified: error.is_none(),
        error,
        entries,
        last_hash,
        run_filter: run.map(str::to_string),
        runs,
    })
}

fn count_record(counts: &mut RecordCounts, body: &Value) {
    counts.total += 1;
    let action = body
        .get("action")
        .and_then(Value::as_str)
        .unwrap_or(NO_ACTION);
    *counts.actions.entry(action.to_string()).or_insert(0) += 1;
    if let Some(kinds) = body.get("kinds").and_then(Value::as_array) {
        for kind in kinds.iter().filter_map(Value::as_str) {
            *counts.kinds.entry(kind.to_string()).or_insert(0) += 1;
        }
    }
}

fn counts_line(counts: &BTreeMap<String, u64>) -> String {
    if counts.is_empty() {
        return "none".to_string();
    }
    let mut by_count: Vec<(&String, &u64)> = counts.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    by_count
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A human-readable text summary for a DPO. The first line says whether
/// the chain verified.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    match &summary.error {
        None => {
            let _ = writeln!(
                out,
                "Chain VERIFIED: {}, {} entries, last hash {}",
                summary.path, summary.entries, summary.last_hash
            );
        }
        Some(e) => {
            let _ = writeln!(out, "Chain BROKEN: {}, {e}", summary.path);
            let _ = writeln!(
                out,
                "  Only the {} entries before line {} verified (last good hash {}); \
                 nothing from line {} on can be trusted. Below covers only those entries.",
                summary.entries,
                e.line.max(1),
                summary.last_hash,
                e.line.max(1)
            );
        }
    }
    match (&summary.run_filter, summary.runs.len()) {
        (Some(r), 0) => {
            let _ = writeln!(
                out,
                "\nRun {r} is not in the part of the ledger that could be read."
            );
        }
        (Some(_), _) => {}
        (None, 0) => {
            let _ = writeln!(out, "\nNo runs.");
        }
        (None, 1) => {
            let _ = writeln!(out, "\n1 run:");
        }
        (None, n) => {
            let _ = writeln!(out, "\n{n} runs:");
        }
    }
    for r in &summary.runs {
        let status = if r.finished { "finished" } else { "UNFINISHED" };
        let _ = writeln!(out, "\nrun {}  {status}", r.run);
        let _ = writeln!(out, "  started   {}", r.started);
        match &r.ended {
            Some(t) => {
                let _ = writeln!(out, "  ended     {t}");
            }
            None => {
                let _ = writeln!(
                    out,
                    "  ended     -  (no run-end entry: the run did not finish, or is still running)"
                );
            }
        }
        let _ = writeln!(out, "  command   {}", r.command.as_deref().unwrap_or("-"));
        let _ = writeln!(
            out,
            "  lines     {}-{} ({} {})",
            r.first_seq,
            r.last_seq,
            r.entries,
            if r.entries == 1 { "entry" } else { "entries" }
        );
        let _ = writeln!(out, "  events    {}", counts_line(&r.events));
        if let Some(start) = &r.start {
            let _ = writeln!(out, "  start     {start}");
        }
        if let Some(end) = &r.end {
            let _ = writeln!(out, "  end       {end}");
        }
        if let Some(rec) = &r.records {
            let _ = writeln!(out, "  records   {}", rec.total);
            let _ = writeln!(out, "  actions   {}", counts_line(&rec.actions));
            let _ = writeln!(out, "  kinds     {}", counts_line(&rec.kinds));
        }
    }
    out
}
