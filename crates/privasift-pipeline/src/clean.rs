//! The clean job: every record is scanned, the policy decides, and the
//! record is written back edited in its own format, or deleted.
//!
//! Workers turn a batch into the bytes (or, for Parquet, the record batch)
//! of its output, plus one [`RecordEntry`] per record that was acted on; the
//! [`CleanSink`] writes them, in input order, to one shard per input shard,
//! and appends the entries to the processing ledger. A record dropped by the
//! policy exists only in the worker's memory: it is written nowhere.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use privasift_core::SourceId;
use privasift_core::{Label, Span};
use privasift_detect::DetectorSet;
use privasift_formats::{
    Batch, BatchData, Cell, CellEdit, ErrorKind, Format, JsonDoc, LeafEdit, Location, ReadError,
    RecordError, Selection, ShardWriter, Source, TableEdits,
};
use privasift_transform::{Decision, FieldInput, FieldOutcome, FieldPlan, Transformer};
use serde::Serialize;

use crate::{Flow, Job, Output, RunError, RunOptions, Sampler};

/// Scans records and applies a [`Transformer`]'s policy to them.
/// A detector that sees a whole record at once: it decides what to report
/// in each field from all of them (e.g. `privasift rights`, where a name
/// counts only when another attribute of the person is in the same record).
pub trait RecordDetector: Sync {
    /// Pushes spans for field `i` into `out[i]` (`out` has one empty vector
    /// per text).
    fn detect_record(&self, texts: &[&str], out: &mut [Vec<Span>]);
}

pub struct CleanJob<'a> {
    set: &'a DetectorSet,
    /// Runs after the detector set, on every record.
    record_detector: Option<&'a dyn RecordDetector>,
    transformer: &'a Transformer,
    selection: Selection,
    formats: Vec<Format>,
    quarantine: bool,
}

impl<'a> CleanJob<'a> {
    pub fn new(
        set: &'a DetectorSet,
        transformer: &'a Transformer,
        sources: &[Source],
        opts: &RunOptions,
        quarantine: bool,
    ) -> Self {
        Self {
            set,
            record_detector: None,
            transformer,
            selection: opts.selection.clone(),
            formats: sources.iter().map(|s| s.format).collect(),
            quarantine,
        }
    }
}

/// The output of one batch.
pub enum Chunk {
    /// Encoded lines (JSONL, text, CSV/TSV rows), `records` of them.
    Bytes { bytes: Vec<u8>, records: u64 },
    /// An edited Parquet batch.
    #[cfg(feature = "parquet")]
    Arrow(arrow_array::RecordBatch),
}

/// What the ledger records about one record that was acted on: never a
/// value, only where the record is, what was found and what was done.
#[derive(Clone, Debug, Serialize)]
pub struct RecordEntry {
    pub source: SourceId,
    /// Line (JSONL, text) or row (CSV, Parquet), 1-based.
    pub index: u64,
    /// The `--id-field` value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub kinds: Vec<&'static str>,
    pub action: &'static str,
    pub detectors: Vec<&'static str>,
}

/// Counts of a run (or a batch).
#[derive(Clone, Debug, Default, Serialize)]
pub struct CleanCounts {
    pub records_read: u64,
    pub records_written: u64,
    /// Written with at least one edit.
    pub records_changed: u64,
    /// Deleted by the policy, by reason.
    pub records_dropped: BTreeMap<&'static str, u64>,
    /// Could not be read (malformed, too large): not written, counted here.
    pub records_skipped: u64,
    pub findings: u64,
    /// Records with a finding of each label.
    pub records_by_label: BTreeMap<&'static str, u64>,
    /// Records per action taken.
    pub records_by_action: BTreeMap<&'static str, u64>,
    /// Problems met, by kind (some only warn: the record is still written).
    pub problems: BTreeMap<&'static str, u64>,
    /// Input bytes (uncompressed) processed.
    pub bytes: u64,
}

impl CleanCounts {
    fn add(&mut self, o: &CleanCounts) {
        self.records_read += o.records_read;
        self.records_written += o.records_written;
        self.records_changed += o.records_changed;
        self.records_skipped += o.records_skipped;
        self.findings += o.findings;
        self.bytes += o.bytes;
        for (k, v) in &o.records_dropped {
            *self.records_dropped.entry(k).or_default() += v;
        }
        for (k, v) in &o.records_by_label {
            *self.records_by_label.entry(k).or_default() += v;
        }
        for (k, v) in &o.records_by_action {
            *self.records_by_action.entry(k).or_default() += v;
        }
        for (k, v) in &o.problems {
            *self.problems.entry(k).or_default() += v;
        }
    }

    /// Records dropped by the policy, all reasons.
    pub fn dropped(&self) -> u64 {
        self.records_dropped.values().sum()
    }

    fn note(&mut self, d: &Decision) {
        self.findings += d.findings as u64;
        for l in &d.labels {
            *self.records_by_label.entry(l.as_str()).or_default() += 1;
        }
        if !d.actions.is_empty() || d.dropped.is_some() {
            *self.records_by_action.entry(d.action()).or_default() += 1;
        }
        if let Some(r) = d.dropped {
            *self.records_dropped.entry(r.as_str()).or_default() += 1;
        } else {
            self.records_written += 1;
            if !d.is_unchanged() {
                self.records_changed += 1;
            }
        }
    }
}

/// A batch, cleaned.
pub struct CleanOutput {
    pub source: SourceId,
    pub chunk: Chunk,
    pub entries: Vec<RecordEntry>,
    pub counts: CleanCounts,
    pub errors: Vec<RecordError>,
    /// Raw lines of records that could not be read, for `--quarantine`.
    pub quarantined: Vec<u8>,
}

fn entry(source: SourceId, index: u64, key: Option<String>, d: &Decision) -> Option<RecordEntry> {
    (d.findings > 0 || !d.actions.is_empty() || d.dropped.is_some()).then(|| RecordEntry {
        source,
        index,
        key,
        kinds: d.labels.iter().map(|l| l.as_str()).collect(),
        action: d.action(),
        detectors: d.detectors.iter().copied().collect(),
    })
}

impl<'a> CleanJob<'a> {
    /// Adds a record-level detector.
    #[must_use]
    pub fn with_record_detector(mut self, d: &'a dyn RecordDetector) -> Self {
        self.record_detector = Some(d);
        self
    }
}

impl Job for CleanJob<'_> {
    type Output = CleanOutput;

    fn process(&self, batch: &Batch, _sampler: &Sampler) -> CleanOutput {
        let mut out = CleanOutput {
            source: batch.source,
            chunk: Chunk::Bytes {
                bytes: Vec::new(),
                records: 0,
            },
            entries: Vec::new(),
            counts: CleanCounts {
                bytes: batch.input_bytes,
                ..CleanCounts::default()
            },
            errors: Vec::new(),
            quarantined: Vec::new(),
        };
        for e in &batch.errors {
            self.problem(&mut out, e.clone());
        }
        match &batch.data {
            BatchData::JsonLines { first_line, bytes } => {
                self.jsonl(batch.source, *first_line, bytes, &mut out);
                keep_missing_newline(batch, &mut out.chunk);
            }
            BatchData::TextLines { first_line, bytes } => {
                self.text(batch.source, *first_line, bytes, &mut out);
                keep_missing_newline(batch, &mut out.chunk);
            }
            BatchData::Table {
                first_row,
                columns,
                rows,
                header,
                crlf,
                #[cfg(feature = "parquet")]
                arrow,
            } => {
                let edits = self.table(batch.source, *first_row, columns, rows, &mut out);
                #[cfg(feature = "parquet")]
                if let Some(rb) = arrow {
                    match privasift_formats::edit_record_batch(rb, &edits) {
                        Ok(edited) => out.chunk = Chunk::Arrow(edited),
                        Err(e) => {
                            // Cannot happen for text edits; never lose it silently.
                            self.problem(
                                &mut out,
                                RecordError::new(
                                    batch.source,
                                    Location::Row(*first_row),
                                    ErrorKind::Io,
                                    format!("cannot rebuild the record batch: {e}; its rows are not written"),
                                ),
                            );
                            out.counts.records_skipped += rows.len() as u64;
                            out.chunk =
                                Chunk::Arrow(arrow_array::RecordBatch::new_empty(rb.schema()));
                        }
                    }
                    return out;
                }
                let format = self
                    .formats
                    .get(batch.source as usize)
                    .copied()
                    .unwrap_or(Format::Csv);
                out.chunk = Chunk::Bytes {
                    records: out.counts.records_written,
                    bytes: encode_csv(
                        format,
                        *crlf,
                        (*first_row == 1).then_some(header.as_deref()).flatten(),
                        rows,
                        &edits,
                    ),
                };
            }
        }
        out
    }
}

impl CleanJob<'_> {
    fn problem(&self, out: &mut CleanOutput, e: RecordError) {
        *out.counts.problems.entry(e.kind.as_str()).or_default() += 1;
        if e.kind.skips_record() {
            out.counts.records_skipped += 1;
        }
        out.errors.push(e);
    }

    /// The `--id-field` value as the ledger may hold it: as it is when no
    /// detector fires on it (a row number, an opaque id), else its keyed
    /// token (`<EMAIL_…>`, the pseudonym `clean` writes for it), or only its
    /// label without a key. The ledger never holds a detected value.
    fn ledger_key(&self, key: Option<String>) -> Option<String> {
        let key = key?;
        let mut spans = Vec::new();
        self.set.detect(&key, &mut spans);
        if let Some(rd) = self.record_detector {
            let mut per = [Vec::new()];
            rd.detect_record(&[key.as_str()], &mut per);
            let [found] = per;
            spans.extend(found);
        }
        match spans.first() {
            None => Some(key),
            Some(s) => Some(self.transformer.token(s.kind.label, &key)),
        }
    }

    /// A line as text; invalid UTF-8 is replaced by U+FFFD and counted as a
    /// problem (the record is still cleaned and written).
    fn decode<'l>(
        &self,
        raw: &'l [u8],
        source: SourceId,
        line: u64,
        out: &mut CleanOutput,
    ) -> std::borrow::Cow<'l, str> {
        match privasift_formats::utf8(raw) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(e) => {
                self.problem(
                    out,
                    RecordError::new(
                        source,
                        Location::Line(line),
                        ErrorKind::InvalidUtf8,
                        format!(
                            "invalid UTF-8 at byte {} of the line; cleaned and written with invalid bytes replaced by U+FFFD",
                            e.valid_up_to()
                        ),
                    ),
                );
                String::from_utf8_lossy(raw)
            }
        }
    }

    /// Looks again at every edited field: removing a value changes the
    /// context of its neighbours (a phone number next to a URL that held
    /// `id=` is a phone number once the URL is gone), so what the edited
    /// text still holds is edited in turn, until nothing is left to edit
    /// (at most three more passes). This is what makes cleaning the output
    /// again change nothing.
    fn settle(&self, paths: &[&str], d: &mut Decision) {
        let mut spans = Vec::new();
        for _ in 0..3 {
            if d.dropped.is_some() {
                return;
            }
            let mut again = false;
            for (i, f) in d.fields.iter_mut().enumerate() {
                let FieldOutcome::Replace(text) = f else {
                    continue;
                };
                let path = paths.get(i).copied().unwrap_or("");
                spans.clear();
                self.set.detect(text, &mut spans);
                let t = self.transformer;
                // Kept values stay; surrogates are realistic values on
                // purpose and are not replaced again.
                spans.retain(|s| {
                    !matches!(
                        t.policy().action_for(s.kind, path),
                        privasift_transform::Action::Keep | privasift_transform::Action::Surrogate
                    )
                });
                if spans.is_empty() {
                    continue;
                }
                let more = t.decide(&[FieldInput {
                    path,
                    text,
                    plan: FieldPlan::Scan,
                    spans: &spans,
                }]);
                d.findings += more.findings;
                d.labels.extend(more.labels);
                d.actions.extend(more.actions);
                d.detectors.extend(more.detectors);
                if more.dropped.is_some() {
                    d.dropped = more.dropped;
                    d.fields.clear();
                    return;
                }
                if let Some(next) = more.fields.into_iter().next()
                    && next != FieldOutcome::Unchanged
                {
                    again = true;
                    *f = next;
                }
            }
            if !again {
                return;
            }
        }
    }

    /// Detects in every field to scan; `spans` receives all findings and
    /// `ranges[i]` the slice of field `i`.
    fn detect_fields(
        &self,
        texts: &[(&str, &FieldPlan)],
        spans: &mut Vec<Span>,
        ranges: &mut Vec<(usize, usize)>,
    ) {
        spans.clear();
        ranges.clear();
        for (text, plan) in texts {
            let start = spans.len();
            if **plan == FieldPlan::Scan && !text.is_empty() {
                self.set.detect(text, spans);
            }
            ranges.push((start, spans.len()));
        }
        let Some(rd) = self.record_detector else {
            return;
        };
        let scanned: Vec<&str> = texts
            .iter()
            .map(|(t, p)| if **p == FieldPlan::Scan { *t } else { "" })
            .collect();
        let mut extra: Vec<Vec<Span>> = vec![Vec::new(); texts.len()];
        rd.detect_record(&scanned, &mut extra);
        if extra.iter().all(Vec::is_empty) {
            return;
        }
        // Rebuild the flat list, each field's spans together and in order.
        let mut merged = Vec::with_capacity(spans.len() + extra.len());
        let mut new_ranges = Vec::with_capacity(ranges.len());
        for ((a, b), more) in ranges.iter().zip(extra) {
            let start = merged.len();
            merged.extend_from_slice(&spans[*a..*b]);
            merged.extend(more);
            merged[start..].sort_by_key(|s: &Span| (s.start, std::cmp::Reverse(s.end)));
            new_ranges.push((start, merged.len()));
        }
        *spans = merged;
        *ranges = new_ranges;
    }

    fn jsonl(&self, source: SourceId, first_line: u64, bytes: &[u8], out: &mut CleanOutput) {
        let mut buf: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 8);
        let mut spans = Vec::new();
        let mut ranges = Vec::new();
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if body.is_empty() && bytes.is_empty() {
            out.chunk = Chunk::Bytes {
                bytes: buf,
                records: 0,
            };
            return;
        }
        for (i, raw) in privasift_formats::lines(body).enumerate() {
            let n = first_line + i as u64;
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue; // blank, or a line the reader skipped (counted there)
            }
            let text = self.decode(raw, source, n, out);
            let doc = match JsonDoc::parse(&text) {
                Ok(d) => d,
                Err(e) => {
                    self.problem(
                        out,
                        RecordError::new(source, Location::Line(n), ErrorKind::MalformedJson, e.0),
                    );
                    if self.quarantine {
                        out.quarantined.extend_from_slice(raw);
                        out.quarantined.push(b'\n');
                    }
                    continue;
                }
            };
            out.counts.records_read += 1;
            let plans: Vec<FieldPlan> = doc
                .leaves
                .iter()
                .map(|l| match self.transformer.plan(&l.path) {
                    FieldPlan::Scan if !l.is_string || !self.selection.selects(&l.path) => {
                        FieldPlan::Whole(privasift_transform::Action::Keep, Label::Person)
                    }
                    p => p,
                })
                .collect();
            let texts: Vec<(&str, &FieldPlan)> = doc
                .leaves
                .iter()
                .zip(&plans)
                .map(|(l, p)| (l.text.as_ref(), p))
                .collect();
            self.detect_fields(&texts, &mut spans, &mut ranges);
            let inputs: Vec<FieldInput<'_>> = doc
                .leaves
                .iter()
                .zip(&plans)
                .zip(&ranges)
                .map(|((l, p), (a, b))| FieldInput {
                    path: &l.path,
                    text: &l.text,
                    plan: p.clone(),
                    spans: &spans[*a..*b],
                })
                .collect();
            let mut d = self.transformer.decide(&inputs);
            let paths: Vec<&str> = doc.leaves.iter().map(|l| l.path.as_str()).collect();
            self.settle(&paths, &mut d);
            out.counts.note(&d);
            let key = doc.id(&self.selection).map(|(k, _)| k);
            if let Some(e) = entry(source, n, self.ledger_key(key), &d) {
                out.entries.push(e);
            }
            if d.dropped.is_some() {
                continue;
            }
            let edits: Vec<LeafEdit> = d
                .fields
                .into_iter()
                .map(|f| match f {
                    FieldOutcome::Unchanged => LeafEdit::Keep,
                    FieldOutcome::Replace(s) => LeafEdit::Replace(s),
                    FieldOutcome::Drop => LeafEdit::Drop,
                })
                .collect();
            buf.extend_from_slice(doc.render(&edits).as_bytes());
            buf.push(b'\n');
        }
        out.chunk = Chunk::Bytes {
            bytes: buf,
            records: out.counts.records_written,
        };
    }

    fn text(&self, source: SourceId, first_line: u64, bytes: &[u8], out: &mut CleanOutput) {
        let mut buf: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 8);
        let mut spans = Vec::new();
        let plan = self.transformer.plan(privasift_formats::TEXT_FIELD);
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if !(body.is_empty() && bytes.is_empty()) {
            for (i, raw) in privasift_formats::lines(body).enumerate() {
                let n = first_line + i as u64;
                let (line, cr) = match raw.strip_suffix(b"\r") {
                    Some(l) => (l, true),
                    None => (raw, false),
                };
                if line.is_empty() {
                    buf.extend_from_slice(raw);
                    buf.push(b'\n');
                    continue;
                }
                let text = self.decode(line, source, n, out);
                out.counts.records_read += 1;
                spans.clear();
                if plan == FieldPlan::Scan {
                    self.set.detect(&text, &mut spans);
                    if let Some(rd) = self.record_detector {
                        let mut per = [Vec::new()];
                        rd.detect_record(&[text.as_ref()], &mut per);
                        let [found] = per;
                        spans.extend(found);
                        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
                    }
                }
                let mut d = self.transformer.decide(&[FieldInput {
                    path: privasift_formats::TEXT_FIELD,
                    text: &text,
                    plan: plan.clone(),
                    spans: &spans,
                }]);
                self.settle(&[privasift_formats::TEXT_FIELD], &mut d);
                out.counts.note(&d);
                if let Some(e) = entry(source, n, None, &d) {
                    out.entries.push(e);
                }
                if d.dropped.is_some() {
                    continue;
                }
                match d.fields.first() {
                    Some(FieldOutcome::Replace(s)) => buf.extend_from_slice(s.as_bytes()),
                    Some(FieldOutcome::Drop) => {}
                    _ => buf.extend_from_slice(text.as_bytes()),
                }
                if cr {
                    buf.push(b'\r');
                }
                buf.push(b'\n');
            }
        }
        out.chunk = Chunk::Bytes {
            bytes: buf,
            records: out.counts.records_written,
        };
    }

    fn table(
        &self,
        source: SourceId,
        first_row: u64,
        columns: &Arc<[String]>,
        rows: &[privasift_formats::Row],
        out: &mut CleanOutput,
    ) -> TableEdits {
        let col_plans: Vec<FieldPlan> = columns
            .iter()
            .map(|c| match self.transformer.plan(c) {
                FieldPlan::Scan if !self.selection.selects(c) => {
                    FieldPlan::Whole(privasift_transform::Action::Keep, Label::Person)
                }
                p => p,
            })
            .collect();
        let mut edits = TableEdits {
            keep_rows: vec![true; rows.len()],
            drop_columns: col_plans.iter().map(|p| *p == FieldPlan::Drop).collect(),
            cells: Vec::new(),
        };
        let mut spans = Vec::new();
        let mut ranges = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if row.is_empty() {
                edits.keep_rows[i] = false; // skipped by the reader, counted there
                continue;
            }
            out.counts.records_read += 1;
            let n = first_row + i as u64;
            let mut key = None;
            // Text cells only: numbers and other typed values pass through.
            let mut idx = Vec::new();
            let mut texts: Vec<(&str, &FieldPlan)> = Vec::new();
            for (j, cell) in row.iter().enumerate() {
                let name = columns.get(j).map_or("", String::as_str);
                if self.selection.is_id(name) {
                    key = match cell {
                        Cell::Text(s) | Cell::Other(s) => Some(s.clone()),
                        Cell::Null => None,
                    };
                }
                if let (Cell::Text(s), Some(p)) = (cell, col_plans.get(j)) {
                    idx.push(j);
                    texts.push((s.as_str(), p));
                }
            }
            self.detect_fields(&texts, &mut spans, &mut ranges);
            let inputs: Vec<FieldInput<'_>> = idx
                .iter()
                .zip(&texts)
                .zip(&ranges)
                .map(|((j, (t, p)), (a, b))| FieldInput {
                    path: columns.get(*j).map_or("", String::as_str),
                    text: t,
                    plan: (*p).clone(),
                    spans: &spans[*a..*b],
                })
                .collect();
            let mut d = self.transformer.decide(&inputs);
            let paths: Vec<&str> = inputs.iter().map(|f| f.path).collect();
            self.settle(&paths, &mut d);
            out.counts.note(&d);
            if let Some(e) = entry(source, n, self.ledger_key(key), &d) {
                out.entries.push(e);
            }
            if d.dropped.is_some() {
                edits.keep_rows[i] = false;
                continue;
            }
            for (j, f) in idx.iter().zip(d.fields) {
                match f {
                    FieldOutcome::Unchanged => {}
                    FieldOutcome::Replace(s) => edits.cells.push((i, *j, CellEdit::Replace(s))),
                    // A dropped column is removed whole; a value dropped in
                    // one row is emptied.
                    FieldOutcome::Drop if edits.drop_columns[*j] => {}
                    FieldOutcome::Drop => edits.cells.push((i, *j, CellEdit::Clear)),
                }
            }
        }
        edits
    }
}

/// A file whose last line had no `\n` is given back without one.
fn keep_missing_newline(batch: &Batch, chunk: &mut Chunk) {
    if batch.added_final_newline
        && let Chunk::Bytes { bytes, .. } = chunk
        && bytes.last() == Some(&b'\n')
    {
        bytes.pop();
    }
}

/// Encodes CSV/TSV rows with their edits (and the header, for a source's
/// first batch).
fn encode_csv(
    format: Format,
    crlf: bool,
    header: Option<&[String]>,
    rows: &[privasift_formats::Row],
    edits: &TableEdits,
) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(Vec::new());
    let keep_col = |j: usize| !edits.drop_columns.get(j).copied().unwrap_or(false);
    // Writing to a Vec cannot fail.
    if let Some(h) = header {
        let _ = w.write_record(
            h.iter()
                .enumerate()
                .filter(|(j, _)| keep_col(*j))
                .map(|(_, c)| c.as_str()),
        );
    }
    let mut cells = edits.cells.iter().peekable();
    let mut out: Vec<&str> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mine: Vec<&(usize, usize, CellEdit)> =
            std::iter::from_fn(|| cells.next_if(|(r, _, _)| *r == i)).collect();
        if !edits.keep_rows.get(i).copied().unwrap_or(true) {
            continue;
        }
        out.clear();
        for (j, cell) in row.iter().enumerate() {
            if !keep_col(j) {
                continue;
            }
            out.push(
                match mine.iter().find(|(_, c, _)| *c == j).map(|(_, _, e)| e) {
                    Some(CellEdit::Replace(s)) => s.as_str(),
                    Some(CellEdit::Clear) => "",
                    _ => match cell {
                        Cell::Text(s) | Cell::Other(s) => s.as_str(),
                        Cell::Null => "",
                    },
                },
            );
        }
        let _ = w.write_record(&out);
    }
    w.into_inner().unwrap_or_default()
}

/// One output shard, finished.
#[derive(Clone, Debug, Serialize)]
pub struct ShardDone {
    pub source: SourceId,
    pub path: PathBuf,
    pub records: u64,
    /// Hex SHA-256 of the shard's bytes.
    pub sha256: String,
}

/// A callback run after each completed shard.
pub type ShardHook<'a> = Box<dyn FnMut(&ShardDone) + 'a>;

/// Writes cleaned batches to their shards in input order, and hands each
/// batch's ledger entries and problems to the caller.
pub struct CleanSink<'a> {
    sources: &'a [Source],
    dests: &'a [Option<PathBuf>],
    current: Option<(SourceId, ShardWriter)>,
    failed: Vec<SourceId>,
    pub counts: CleanCounts,
    pub per_source: BTreeMap<SourceId, CleanCounts>,
    pub shards: Vec<ShardDone>,
    pub file_errors: Vec<ReadError>,
    /// The SHA-256 of each input read to its end, computed while reading.
    pub input_digests: BTreeMap<SourceId, Option<String>>,
    /// Called after each shard is complete (tests use it to stop a run at a
    /// known point).
    pub on_shard: Option<ShardHook<'a>>,
}

/// Where a cleaned batch's side products go.
pub trait CleanObserver {
    fn entries(&mut self, entries: &[RecordEntry]) -> Result<(), String>;
    fn errors(&mut self, errors: &[RecordError]) -> Result<(), String>;
    fn quarantine(&mut self, source: SourceId, raw: &[u8]) -> Result<(), String>;
    /// Called before a shard is renamed into place: everything said about
    /// its records must be durable first (the ledger synced), so a run
    /// killed after the rename has recorded every action in the shard.
    fn before_shard_complete(&mut self) -> Result<(), String>;
}

impl<'a> CleanSink<'a> {
    /// `dests[i]` is the output path for source `i` (`None`: already done,
    /// skipped by `--resume`).
    pub fn new(sources: &'a [Source], dests: &'a [Option<PathBuf>]) -> Self {
        Self {
            sources,
            dests,
            current: None,
            failed: Vec::new(),
            counts: CleanCounts::default(),
            per_source: BTreeMap::new(),
            shards: Vec::new(),
            file_errors: Vec::new(),
            input_digests: BTreeMap::new(),
            on_shard: None,
        }
    }

    fn writer(
        &mut self,
        source: SourceId,
        obs: &mut dyn CleanObserver,
    ) -> Result<&mut ShardWriter, RunError> {
        if self.current.as_ref().is_some_and(|(s, _)| *s != source) {
            self.finish_current(obs)?;
        }
        if self.current.is_none() {
            let src = self
                .sources
                .get(source as usize)
                .ok_or_else(|| RunError::Sink("unknown source".into()))?;
            let dest = self
                .dests
                .get(source as usize)
                .and_then(Clone::clone)
                .ok_or_else(|| {
                    RunError::Sink(format!("no output path for {}", src.path.display()))
                })?;
            let w = ShardWriter::create(&dest, src).map_err(|e| {
                RunError::Sink(format!(
                    "cannot create the output for {}: {e}",
                    src.path.display()
                ))
            })?;
            self.current = Some((source, w));
        }
        match &mut self.current {
            Some((_, w)) => Ok(w),
            None => Err(RunError::Sink("no output shard".into())),
        }
    }

    fn finish_current(&mut self, obs: &mut dyn CleanObserver) -> Result<(), RunError> {
        if let Some((source, w)) = self.current.take() {
            obs.before_shard_complete().map_err(RunError::Sink)?;
            let records = w.records();
            let (path, sha256) = w
                .finish()
                .map_err(|e| RunError::Sink(format!("cannot complete an output shard: {e}")))?;
            let done = ShardDone {
                source,
                path,
                records,
                sha256,
            };
            if let Some(f) = self.on_shard.as_mut() {
                f(&done);
            }
            self.shards.push(done);
        }
        Ok(())
    }

    /// Takes one output of the run.
    pub fn add(
        &mut self,
        out: Output<CleanOutput>,
        obs: &mut dyn CleanObserver,
    ) -> Result<Flow, RunError> {
        match out {
            Output::SourceEnd { source, digest } => {
                if self.current.as_ref().is_some_and(|(s, _)| *s == source) {
                    self.finish_current(obs)?;
                }
                self.input_digests.insert(source, digest);
            }
            Output::Batch(b) => {
                if self.failed.contains(&b.source) {
                    return Ok(Flow::Continue);
                }
                obs.errors(&b.errors).map_err(RunError::Sink)?;
                if !b.quarantined.is_empty() {
                    obs.quarantine(b.source, &b.quarantined)
                        .map_err(RunError::Sink)?;
                }
                let w = self.writer(b.source, obs)?;
                match &b.chunk {
                    Chunk::Bytes { bytes, records } => w.write_lines(bytes, *records),
                    #[cfg(feature = "parquet")]
                    Chunk::Arrow(rb) => w.write_arrow(rb),
                }
                .map_err(|e| RunError::Sink(format!("cannot write an output shard: {e}")))?;
                obs.entries(&b.entries).map_err(RunError::Sink)?;
                self.counts.add(&b.counts);
                self.per_source.entry(b.source).or_default().add(&b.counts);
            }
            Output::FileError(e) => {
                let Some(id) = self
                    .sources
                    .iter()
                    .position(|s| s.path == e.path)
                    .map(|i| i as SourceId)
                else {
                    self.file_errors.push(e);
                    return Ok(Flow::Continue);
                };
                if e.kind == ErrorKind::Empty {
                    // An empty input gives an empty output shard.
                    if self
                        .sources
                        .get(id as usize)
                        .is_some_and(|s| s.format != Format::Parquet)
                    {
                        self.writer(id, obs)?;
                        self.finish_current(obs)?;
                    }
                } else {
                    // A shard is written only when its input was read to the
                    // end: drop the partial output (its temporary file goes).
                    if self.current.as_ref().is_some_and(|(s, _)| *s == id) {
                        self.current = None;
                    }
                    self.failed.push(id);
                }
                self.file_errors.push(e);
            }
        }
        Ok(Flow::Continue)
    }

    /// Completes the last shard.
    pub fn finish(&mut self, obs: &mut dyn CleanObserver) -> Result<(), RunError> {
        self.finish_current(obs)
    }

    /// Sources whose output was abandoned because reading them failed.
    pub fn failed(&self) -> &[SourceId] {
        &self.failed
    }
}
