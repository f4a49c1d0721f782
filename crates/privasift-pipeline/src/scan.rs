//! The scan job: per-batch tallies, merged in input order into a report.

use std::collections::{BTreeMap, HashMap};

use privasift_core::{Kind, Label, Span, mask_value};
use privasift_detect::DetectorSet;
use privasift_formats::{Batch, Discovered, ErrorKind, RecordError, Selection};

use crate::report::{
    CONFIDENT_SCORE, ErrorSummary, Example, FieldStats, InputStats, KindStats, LabelStats,
    ScanReport, classify,
};
use crate::{Job, Output, RecordDetector, RunOptions, Sampler};

/// Examples kept per kind (masked).
const EXAMPLES_PER_KIND: usize = 3;
/// Record errors kept verbatim (the rest are counted).
const ERRORS_KEPT: usize = 100;

/// Scans every selected field of every record with a detector set.
pub struct ScanJob<'a> {
    set: &'a DetectorSet,
    /// Runs after the detector set on every record (a model layer).
    record_detector: Option<&'a dyn RecordDetector>,
    selection: Selection,
}

impl<'a> ScanJob<'a> {
    pub fn new(set: &'a DetectorSet, opts: &RunOptions) -> Self {
        Self {
            set,
            record_detector: None,
            selection: opts.selection.clone(),
        }
    }

    /// Adds a record-level detector, whose spans join the set's (filtered
    /// by the set's labels and thresholds, overlaps resolved).
    #[must_use]
    pub fn with_record_detector(mut self, d: &'a dyn RecordDetector) -> Self {
        self.record_detector = Some(d);
        self
    }

    /// A builder for the report of a run over `found`.
    pub fn report_builder(&self, found: &Discovered) -> ReportBuilder {
        ReportBuilder::new(self.set, found)
    }
}

#[derive(Default)]
struct KindAcc {
    findings: u64,
    records: u64,
}

#[derive(Default)]
struct FieldAcc {
    records_with_text: u64,
    records_with_findings: u64,
    kinds: HashMap<Kind, u64>,
}

/// What one batch contributed.
pub struct BatchScan {
    source: u32,
    records: u64,
    records_with_findings: u64,
    confident_records: u64,
    special_records: u64,
    skipped: u64,
    not_sampled: u64,
    bytes: u64,
    kinds: HashMap<Kind, KindAcc>,
    fields: HashMap<String, FieldAcc>,
    examples: Vec<Example>,
    errors: Vec<RecordError>,
    error_counts: HashMap<ErrorKind, u64>,
}

impl ScanJob<'_> {
    /// The field path as reports show it: a segment that reads like a value
    /// rather than a name (an e-mail used as a JSON key, a CSV "header" that
    /// is data), or in which a detector fires, is shown as `<key>`.
    fn shown_path(&self, path: &str) -> String {
        let mut spans = Vec::new();
        path.split('.')
            .map(|seg| {
                spans.clear();
                self.set.detect(seg, &mut spans);
                if privasift_formats::looks_like_name(seg) && spans.is_empty() {
                    seg
                } else {
                    "<key>"
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl Job for ScanJob<'_> {
    type Output = BatchScan;

    fn process(&self, batch: &Batch, sampler: &Sampler) -> BatchScan {
        let mut acc = BatchScan {
            source: batch.source,
            records: 0,
            records_with_findings: 0,
            confident_records: 0,
            special_records: 0,
            skipped: 0,
            not_sampled: 0,
            bytes: batch.input_bytes,
            kinds: HashMap::new(),
            fields: HashMap::new(),
            examples: Vec::new(),
            errors: Vec::new(),
            error_counts: HashMap::new(),
        };
        let mut per_field: Vec<Vec<Span>> = Vec::new();
        let mut record_kinds: Vec<Kind> = Vec::new();
        let mut field_kinds: Vec<Kind> = Vec::new();
        let mut example_counts: HashMap<Kind, usize> = HashMap::new();
        let mut shown_paths: HashMap<String, String> = HashMap::new();
        batch.for_each_record(&self.selection, &mut |r| match r {
            Err(e) => {
                *acc.error_counts.entry(e.kind).or_default() += 1;
                if e.kind.skips_record() {
                    acc.skipped += 1;
                }
                if acc.errors.len() < ERRORS_KEPT {
                    acc.errors.push(e);
                }
            }
            Ok(rec) => {
                if !sampler.keeps(&rec.id) {
                    acc.not_sampled += 1;
                    return;
                }
                acc.records += 1;
                record_kinds.clear();
                let mut confident = false;
                let mut special = false;
                crate::detect_record(self.set, self.record_detector, &rec, &mut per_field);
                for (field, spans) in rec.fields.iter().zip(&per_field) {
                    if !shown_paths.contains_key(&field.path) {
                        let shown = self.shown_path(&field.path);
                        shown_paths.insert(field.path.clone(), shown);
                    }
                    let path = shown_paths.get(&field.path).map_or("", String::as_str);
                    let f = acc.fields.entry(path.to_owned()).or_default();
                    f.records_with_text += 1;
                    if spans.is_empty() {
                        continue;
                    }
                    // Context kinds (dates, places, organisations) are
                    // tallied, but a field holding only those holds no
                    // personal data.
                    if spans.iter().any(|s| s.kind.personal) {
                        f.records_with_findings += 1;
                    }
                    field_kinds.clear();
                    for s in spans {
                        acc.kinds.entry(s.kind).or_default().findings += 1;
                        confident |= s.score >= CONFIDENT_SCORE && s.kind.personal;
                        special |= s.label().is_special_category();
                        if !field_kinds.contains(&s.kind) {
                            field_kinds.push(s.kind);
                        }
                        let n = example_counts.entry(s.kind).or_default();
                        if *n < EXAMPLES_PER_KIND
                            && let Some(value) = s.slice(&field.text)
                        {
                            *n += 1;
                            acc.examples.push(Example {
                                kind: s.kind.name,
                                label: s.label(),
                                masked: mask_value(value, s.kind),
                                source: rec.id.source,
                                record: rec.id.index,
                                id: rec.id.key.clone(),
                                field: path.to_owned(),
                                score: s.score,
                            });
                        }
                    }
                    for k in &field_kinds {
                        *f.kinds.entry(*k).or_default() += 1;
                        if !record_kinds.contains(k) {
                            record_kinds.push(*k);
                        }
                    }
                }
                if record_kinds.iter().any(|k| k.personal) {
                    acc.records_with_findings += 1;
                }
                if !record_kinds.is_empty() {
                    for k in &record_kinds {
                        acc.kinds.entry(*k).or_default().records += 1;
                    }
                }
                acc.confident_records += u64::from(confident);
                acc.special_records += u64::from(special);
            }
        });
        acc
    }
}

/// Merges batch tallies, in input order, into a [`ScanReport`].
pub struct ReportBuilder {
    detectors: Vec<&'static str>,
    kinds_covered: Vec<Kind>,
    inputs: Vec<InputStats>,
    records: u64,
    records_with_findings: u64,
    confident_records: u64,
    special_records: u64,
    skipped: u64,
    not_sampled: u64,
    kinds: BTreeMap<Kind, KindAcc>,
    fields: BTreeMap<String, FieldAcc>,
    examples: Vec<Example>,
    example_counts: HashMap<Kind, usize>,
    errors: ErrorSummary,
    fraction: f64,
}

impl ReportBuilder {
    fn new(set: &DetectorSet, found: &Discovered) -> Self {
        let mut errors = ErrorSummary::default();
        for p in &found.problems {
            errors.add_file(p);
        }
        Self {
            detectors: set.ids(),
            kinds_covered: set.kinds(),
            inputs: found.sources.iter().map(InputStats::new).collect(),
            records: 0,
            records_with_findings: 0,
            confident_records: 0,
            special_records: 0,
            skipped: 0,
            not_sampled: 0,
            kinds: BTreeMap::new(),
            fields: BTreeMap::new(),
            examples: Vec::new(),
            example_counts: HashMap::new(),
            errors,
            fraction: 1.0,
        }
    }

    /// Adds one output of the run; returns the first problem for `--strict`.
    pub fn add(&mut self, out: Output<BatchScan>) -> Option<String> {
        match out {
            Output::SourceEnd { .. } => None,
            Output::FileError(e) => {
                let msg = e.to_string();
                if let Some(i) = self.inputs.iter_mut().find(|i| i.path == e.path) {
                    i.error = Some(e.message.clone());
                }
                self.errors.add_file(&e);
                Some(msg)
            }
            Output::Batch(b) => {
                let first = b.errors.first().map(|e| {
                    let path = self
                        .inputs
                        .get(e.source as usize)
                        .map(|i| i.path.clone())
                        .unwrap_or_default();
                    e.display_with(&path)
                });
                self.merge(b);
                first
            }
        }
    }

    fn merge(&mut self, b: BatchScan) {
        if let Some(input) = self.inputs.get_mut(b.source as usize) {
            input.records_scanned += b.records;
            input.records_with_findings += b.records_with_findings;
            input.records_skipped += b.skipped;
            input.bytes_read += b.bytes;
        }
        self.records += b.records;
        self.records_with_findings += b.records_with_findings;
        self.confident_records += b.confident_records;
        self.special_records += b.special_records;
        self.skipped += b.skipped;
        self.not_sampled += b.not_sampled;
        for (k, a) in b.kinds {
            let e = self.kinds.entry(k).or_default();
            e.findings += a.findings;
            e.records += a.records;
        }
        for (name, a) in b.fields {
            let e = self.fields.entry(name).or_default();
            e.records_with_text += a.records_with_text;
            e.records_with_findings += a.records_with_findings;
            for (k, n) in a.kinds {
                *e.kinds.entry(k).or_default() += n;
            }
        }
        for ex in b.examples {
            let kind = Kind::new(ex.kind, ex.label);
            let n = self.example_counts.entry(kind).or_default();
            if *n < EXAMPLES_PER_KIND {
                *n += 1;
                self.examples.push(ex);
            }
        }
        for (k, n) in b.error_counts {
            self.errors.count(k, n);
        }
        for e in b.errors {
            let path = self
                .inputs
                .get(e.source as usize)
                .map(|i| i.path.clone())
                .unwrap_or_default();
            self.errors.keep(&path, e);
        }
    }

    /// Records the sampling fraction the run used.
    pub fn set_fraction(&mut self, f: f64) {
        self.fraction = f;
    }

    pub fn records_scanned(&self) -> u64 {
        self.records
    }

    pub fn finish(self) -> ScanReport {
        let share = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let mut labels: BTreeMap<Label, LabelStats> = BTreeMap::new();
        let kinds: BTreeMap<String, KindStats> = self
            .kinds
            .iter()
            .map(|(k, a)| {
                let l = labels.entry(k.label).or_default();
                l.findings += a.findings;
                l.records_by_kind_max = l.records_by_kind_max.max(a.records);
                (
                    k.name.to_owned(),
                    KindStats {
                        label: k.label,
                        personal: k.personal,
                        findings: a.findings,
                        records: a.records,
                        share_of_records: share(a.records, self.records),
                    },
                )
            })
            .collect();
        let fields: BTreeMap<String, FieldStats> = self
            .fields
            .iter()
            .map(|(name, a)| {
                let kinds = a
                    .kinds
                    .iter()
                    .map(|(k, n)| (k.name.to_owned(), (*n, share(*n, a.records_with_text))))
                    .collect();
                (
                    name.clone(),
                    FieldStats {
                        records_with_text: a.records_with_text,
                        records_with_findings: a.records_with_findings,
                        share_with_findings: share(a.records_with_findings, a.records_with_text),
                        kinds,
                    },
                )
            })
            .collect();
        let mut examples = self.examples;
        examples.sort_by(|a, b| {
            a.kind
                .cmp(b.kind)
                .then(a.source.cmp(&b.source))
                .then(a.record.cmp(&b.record))
        });
        let tabular = self.inputs.iter().any(|i| i.format.is_tabular());
        let classification = classify(
            self.records,
            self.confident_records,
            self.records_with_findings,
            self.special_records,
            &kinds,
            self.fraction,
            self.not_sampled,
            &self.kinds_covered,
        );
        ScanReport {
            tool: crate::report::Tool::current(),
            detectors: self.detectors,
            inputs: self.inputs,
            records_scanned: self.records,
            records_with_findings: self.records_with_findings,
            share_of_records_affected: share(self.records_with_findings, self.records),
            records_skipped: self.skipped,
            records_not_sampled: self.not_sampled,
            sample_fraction: self.fraction,
            classification,
            labels,
            kinds,
            column_profile: tabular,
            fields,
            examples,
            errors: self.errors,
        }
    }
}
