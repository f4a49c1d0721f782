//! The detect job: one JSON line of spans per input record.
//!
//! ```text
//! {"id": "doc-1", "spans": [{"start": 9, "end": 29, "label": "EMAIL", "kind": "email", "score": 0.95, "detector": "email@1"}]}
//! ```
//! Offsets are Unicode code points into the field text (Python string
//! indices), end-exclusive. With one text field, spans are relative to it;
//! with several (`--fields a,b`, or none given), each span names its `field`.
//! A record that could not be read gives `{"id": <line>, "error": "...", "spans": []}`
//! so output lines stay aligned with input records.

use privasift_core::{RecordId, Span, byte_to_char_offsets};
use privasift_detect::DetectorSet;
use privasift_formats::{Batch, RecordError};
use serde::Serialize;

use crate::{Job, RecordDetector, RunOptions, Sampler};

pub struct DetectJob<'a> {
    set: &'a DetectorSet,
    /// Runs after the detector set on every record (a model layer).
    record_detector: Option<&'a dyn RecordDetector>,
    selection: privasift_formats::Selection,
    /// Write `field` on each span (several text fields per record).
    with_field: bool,
}

impl<'a> DetectJob<'a> {
    pub fn new(set: &'a DetectorSet, opts: &RunOptions) -> Self {
        Self {
            set,
            record_detector: None,
            selection: opts.selection.clone(),
            with_field: opts.selection.fields.len() != 1,
        }
    }

    /// Adds a record-level detector, whose spans join the set's (filtered
    /// by the set's labels and thresholds, overlaps resolved).
    #[must_use]
    pub fn with_record_detector(mut self, d: &'a dyn RecordDetector) -> Self {
        self.record_detector = Some(d);
        self
    }
}

/// The output of one batch: JSON lines, and the problems met.
pub struct DetectOutput {
    pub lines: Vec<u8>,
    pub records: u64,
    pub spans: u64,
    pub errors: Vec<RecordError>,
}

#[derive(Serialize)]
struct OutSpan<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    kind: &'static str,
    score: f64,
    detector: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

/// An id written back with the type it had: a JSON number stays a number.
enum OutId<'a> {
    Text(&'a str),
    Raw(&'a str),
    Index(u64),
}

impl Serialize for OutId<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OutId::Text(t) => s.serialize_str(t),
            OutId::Raw(t) => match t.parse::<i64>() {
                Ok(n) => s.serialize_i64(n),
                Err(_) => match t.parse::<f64>() {
                    Ok(x) => s.serialize_f64(x),
                    Err(_) => s.serialize_str(t),
                },
            },
            OutId::Index(n) => s.serialize_u64(*n),
        }
    }
}

fn out_id(id: &RecordId) -> OutId<'_> {
    match &id.key {
        Some(k) if id.key_is_number => OutId::Raw(k),
        Some(k) => OutId::Text(k),
        None => OutId::Index(id.index),
    }
}

#[derive(Serialize)]
struct Line<'a> {
    id: OutId<'a>,
    spans: Vec<OutSpan<'a>>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: u64,
    error: &'a str,
    spans: [(); 0],
}

impl Job for DetectJob<'_> {
    type Output = DetectOutput;

    fn process(&self, batch: &Batch, sampler: &Sampler) -> DetectOutput {
        let mut out = DetectOutput {
            lines: Vec::with_capacity(batch.input_bytes as usize / 8),
            records: 0,
            spans: 0,
            errors: Vec::new(),
        };
        // Lines are written where they are made, in the order records come;
        // (record index, start, end) of each lets skipped records, which a
        // batch may report first, take their place afterwards.
        let mut buf: Vec<u8> = Vec::with_capacity(batch.input_bytes as usize / 8);
        let mut lines: Vec<(u64, usize, usize)> = Vec::new();
        let mut per_field: Vec<Vec<Span>> = Vec::new();
        let mut offsets: Vec<usize> = Vec::new();
        batch.for_each_record(&self.selection, &mut |r| match r {
            Err(e) => {
                if e.kind.skips_record() {
                    let index = match e.location {
                        privasift_formats::Location::Line(n)
                        | privasift_formats::Location::Row(n) => n,
                    };
                    let line = ErrorLine {
                        id: index,
                        error: e.kind.as_str(),
                        spans: [],
                    };
                    push_line(&mut buf, &mut lines, index, &line);
                }
                out.errors.push(e);
            }
            Ok(rec) => {
                if !sampler.keeps(&rec.id) {
                    return;
                }
                out.records += 1;
                let mut all: Vec<OutSpan<'_>> = Vec::new();
                crate::detect_record(self.set, self.record_detector, &rec, &mut per_field);
                for (field, spans) in rec.fields.iter().zip(&per_field) {
                    offsets.clear();
                    for s in spans {
                        offsets.push(s.start);
                        offsets.push(s.end);
                    }
                    byte_to_char_offsets(&field.text, &mut offsets);
                    for (s, o) in spans.iter().zip(offsets.chunks_exact(2)) {
                        all.push(OutSpan {
                            start: o[0],
                            end: o[1],
                            label: s.label().as_str(),
                            kind: s.kind.name,
                            score: (f64::from(s.score) * 1000.0).round() / 1000.0,
                            detector: s.detector,
                            field: self.with_field.then_some(field.path.as_str()),
                        });
                    }
                }
                out.spans += all.len() as u64;
                let line = Line {
                    id: out_id(&rec.id),
                    spans: all,
                };
                push_line(&mut buf, &mut lines, rec.id.index, &line);
            }
        });
        if lines.is_sorted_by_key(|&(i, _, _)| i) {
            out.lines = buf;
        } else {
            lines.sort_by_key(|&(i, _, _)| i);
            for (_, start, end) in lines {
                out.lines.extend_from_slice(&buf[start..end]);
            }
        }
        out
    }
}

/// Appends `line` and its newline to `buf`, noting where it lies. A line
/// that cannot be serialised (never, for these types) leaves nothing.
fn push_line(
    buf: &mut Vec<u8>,
    lines: &mut Vec<(u64, usize, usize)>,
    index: u64,
    line: &impl Serialize,
) {
    let start = buf.len();
    if serde_json::to_writer(&mut *buf, line).is_ok() {
        buf.push(b'\n');
        lines.push((index, start, buf.len()));
    } else {
        buf.truncate(start);
    }
}
