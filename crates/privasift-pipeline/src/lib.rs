//! privasift's run loop: sources are read in batches on one thread, batches
//! are processed in parallel by a [`Job`], and outputs come back to the
//! caller in input order, so results do not depend on the thread count.
//!
//! Two jobs ship: [`ScanJob`] (the scan report: does this dataset contain
//! personal data?) and [`DetectJob`] (one JSON line of spans per record, the
//! contract evaluations use).
//!
//! ```
//! use privasift_detect::{DetectConfig, DetectorSet};
//! use privasift_formats::discover;
//! use privasift_pipeline::{RunOptions, ScanJob, run};
//! # let dir = tempfile::tempdir().unwrap();
//! # let path = dir.path().join("a.jsonl");
//! # std::fs::write(&path, "{\"text\": \"mail me: ana.lopez@example.es\"}\n{\"text\": \"nothing\"}\n").unwrap();
//! let found = discover(&[path.display().to_string()], None);
//! let set = DetectorSet::default_set(&DetectConfig::default()).unwrap();
//! let opts = RunOptions::default();
//! let job = ScanJob::new(&set, &opts);
//! let mut report = job.report_builder(&found);
//! run(&found.sources, &job, &opts, &|_| {}, |out| { report.add(out); Ok(privasift_pipeline::Flow::Continue) }).unwrap();
//! let report = report.finish();
//! assert_eq!(report.records_scanned, 2);
//! assert_eq!(report.records_with_findings, 1);
//! ```

mod clean;
mod detect;
mod report;
mod run;
mod sample;
mod scan;

pub use clean::{
    Chunk, CleanCounts, CleanJob, CleanObserver, CleanOutput, CleanSink, RecordDetector,
    RecordEntry, ShardDone, ShardHook,
};
pub use detect::DetectJob;
pub use report::{Classification, ScanReport, Verdict, render_summary};
pub use run::{Flow, Job, Output, Progress, RunError, RunOptions, RunStats, Sampler, run};
pub use sample::Sample;
pub use scan::{ReportBuilder, ScanJob};

/// Runs the detector set, then the record detector if any, over every field
/// of `rec`; `per_field[i]` receives the spans of field `i`.
pub(crate) fn detect_record(
    set: &privasift_detect::DetectorSet,
    record_detector: Option<&dyn RecordDetector>,
    rec: &privasift_core::Record<'_>,
    per_field: &mut Vec<Vec<privasift_core::Span>>,
) {
    per_field.resize_with(rec.fields.len(), Vec::new);
    for (field, spans) in rec.fields.iter().zip(per_field.iter_mut()) {
        spans.clear();
        set.detect(&field.text, spans);
    }
    let Some(rd) = record_detector else {
        return;
    };
    let texts: Vec<&str> = rec.fields.iter().map(|f| f.text.as_ref()).collect();
    let mut extra: Vec<Vec<privasift_core::Span>> = vec![Vec::new(); texts.len()];
    rd.detect_record(&texts, &mut extra);
    for (spans, more) in per_field.iter_mut().zip(extra) {
        set.merge(spans, more);
    }
}
