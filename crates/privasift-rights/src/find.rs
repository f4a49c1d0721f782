//! The `rights find` job: every record of the person, in every format.
//!
//! JSON and text lines are first searched as raw bytes (one Aho-Corasick
//! pass over the batch, line by line); only lines that may hold the person
//! are parsed. That is what keeps a search for a handful of identifiers
//! near the speed of reading.

use std::collections::BTreeSet;

use privasift_core::SourceId;
use privasift_formats::{
    Batch, BatchData, Cell, ErrorKind, JsonDoc, Location, RecordError, Selection,
};
use privasift_pipeline::{Job, Sampler};
use serde::Serialize;

use crate::matcher::{Hit, Matcher};

/// One record of the person.
#[derive(Clone, Debug, Serialize)]
pub struct Found {
    /// Line (JSONL, text) or row (CSV, Parquet), 1-based.
    pub index: u64,
    /// The `--id-field` value, unless it is itself one of the person's
    /// identifiers (then `None` and `id_hidden`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub id_hidden: bool,
    /// What matched (kinds, never values).
    pub matched: BTreeSet<&'static str>,
    /// Fields where it matched.
    pub fields: BTreeSet<String>,
    /// The record itself, for an access request's export.
    #[serde(skip)]
    pub export: Option<serde_json::Value>,
}

/// What one batch gave.
#[derive(Debug)]
pub struct FindOutput {
    pub source: SourceId,
    pub records: u64,
    pub bytes: u64,
    pub found: Vec<Found>,
    pub errors: Vec<RecordError>,
}

pub struct FindJob<'a> {
    matcher: &'a Matcher,
    selection: Selection,
    export: bool,
}

impl<'a> FindJob<'a> {
    pub fn new(matcher: &'a Matcher, selection: Selection, export: bool) -> Self {
        Self {
            matcher,
            selection,
            export,
        }
    }

    fn hits(&self, text: &str) -> Vec<Hit> {
        let mut h = Vec::new();
        self.matcher.hits(text, &mut h);
        h
    }

    /// The id to show: hidden when it is an identifier of the person.
    fn shown_id(&self, id: Option<String>) -> (Option<String>, bool) {
        match id {
            Some(k) if !self.hits(&k).is_empty() => (None, true),
            other => (other, false),
        }
    }

    fn lines(&self, source: SourceId, first: u64, bytes: &[u8], json: bool, out: &mut FindOutput) {
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if body.is_empty() {
            return;
        }
        for (i, raw) in privasift_formats::lines(body).enumerate() {
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            out.records += 1;
            if !self.matcher.may_match(raw) {
                continue;
            }
            let n = first + i as u64;
            let text = String::from_utf8_lossy(raw);
            if !json {
                let per = vec![self.hits(&text)];
                if let Some(matched) = self.matcher.record(&per) {
                    out.found.push(Found {
                        index: n,
                        id: None,
                        id_hidden: false,
                        matched,
                        fields: BTreeSet::from([privasift_formats::TEXT_FIELD.to_owned()]),
                        export: self
                            .export
                            .then(|| serde_json::json!({ "line": n, "text": text })),
                    });
                }
                continue;
            }
            match JsonDoc::parse(&text) {
                Ok(doc) => {
                    let leaves: Vec<_> = doc
                        .leaves
                        .iter()
                        .filter(|l| l.is_string && self.selection.selects(&l.path))
                        .collect();
                    let per: Vec<Vec<Hit>> = leaves.iter().map(|l| self.hits(&l.text)).collect();
                    if let Some(matched) = self.matcher.record(&per) {
                        let fields = leaves
                            .iter()
                            .zip(&per)
                            .filter(|(_, h)| !h.is_empty())
                            .map(|(l, _)| l.shown.clone())
                            .collect();
                        let (id, id_hidden) =
                            self.shown_id(doc.id(&self.selection).map(|(k, _)| k));
                        out.found.push(Found {
                            index: n,
                            id,
                            id_hidden,
                            matched,
                            fields,
                            export: self
                                .export
                                .then(|| serde_json::from_str(&text).ok())
                                .flatten(),
                        });
                    }
                }
                Err(e) => {
                    // A malformed line is still searched, as text.
                    out.errors.push(RecordError::new(
                        source,
                        Location::Line(n),
                        ErrorKind::MalformedJson,
                        e.0,
                    ));
                    let per = vec![self.hits(&text)];
                    if let Some(matched) = self.matcher.record(&per) {
                        out.found.push(Found {
                            index: n,
                            id: None,
                            id_hidden: false,
                            matched,
                            fields: BTreeSet::from(["(malformed line)".to_owned()]),
                            export: self
                                .export
                                .then(|| serde_json::json!({ "line": n, "malformed": text })),
                        });
                    }
                }
            }
        }
    }
}

impl Job for FindJob<'_> {
    type Output = FindOutput;

    fn process(&self, batch: &Batch, _sampler: &Sampler) -> FindOutput {
        let mut out = FindOutput {
            source: batch.source,
            records: 0,
            bytes: batch.input_bytes,
            found: Vec::new(),
            errors: batch.errors.clone(),
        };
        match &batch.data {
            BatchData::JsonLines { first_line, bytes } => {
                self.lines(batch.source, *first_line, bytes, true, &mut out);
            }
            BatchData::TextLines { first_line, bytes } => {
                self.lines(batch.source, *first_line, bytes, false, &mut out);
            }
            BatchData::Table {
                first_row,
                columns,
                rows,
                ..
            } => {
                for (i, row) in rows.iter().enumerate() {
                    if row.is_empty() {
                        continue;
                    }
                    out.records += 1;
                    let mut per = Vec::new();
                    let mut names = Vec::new();
                    let mut id = None;
                    for (c, cell) in columns.iter().zip(row) {
                        if self.selection.is_id(c)
                            && let Cell::Text(t) | Cell::Other(t) = cell
                        {
                            id = Some(t.clone());
                        }
                        if let Cell::Text(t) = cell
                            && self.selection.selects(c)
                        {
                            per.push(self.hits(t));
                            names.push(c.clone());
                        }
                    }
                    if let Some(matched) = self.matcher.record(&per) {
                        let (id, id_hidden) = self.shown_id(id);
                        let export = self.export.then(|| {
                            let obj: serde_json::Map<String, serde_json::Value> = columns
                                .iter()
                                .zip(row)
                                .map(|(c, cell)| {
                                    let v = match cell {
                                        Cell::Null => serde_json::Value::Null,
                                        Cell::Text(t) | Cell::Other(t) => {
                                            serde_json::Value::String(t.clone())
                                        }
                                    };
                                    (c.clone(), v)
                                })
                                .collect();
                            serde_json::Value::Object(obj)
                        });
                        out.found.push(Found {
                            index: first_row + i as u64,
                            id,
                            id_hidden,
                            matched,
                            fields: names
                                .into_iter()
                                .zip(&per)
                                .filter(|(_, h)| !h.is_empty())
                                .map(|(n, _)| n)
                                .collect(),
                            export,
                        });
                    }
                }
            }
        }
        out
    }
}
