//! Batches: the unit of parallel work, and how records come out of them.

use std::borrow::Cow;
use std::sync::Arc;

use privasift_core::{Field, Record, RecordId, SourceId};

use crate::{RecordError, Selection, jsonl, text};

/// A cell of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Null,
    /// Text: scanned.
    Text(String),
    /// A number or other non-text value rendered as a string: usable as the
    /// record id, never scanned.
    Other(String),
}

/// A row of a table, one cell per column. A row the reader skipped is empty.
pub type Row = Vec<Cell>;

/// The records of a batch, in the shape the reader left them.
#[derive(Debug)]
pub enum BatchData {
    /// Complete JSON lines; line `first_line + i` is the `i`-th `\n`-separated
    /// piece. Skipped lines are left empty so numbering holds.
    JsonLines { first_line: u64, bytes: Vec<u8> },
    /// Complete text lines, numbered the same way.
    TextLines { first_line: u64, bytes: Vec<u8> },
    /// Rows of a table, numbered from `first_row` (1-based, header excluded).
    Table {
        first_row: u64,
        columns: Arc<[String]>,
        rows: Vec<Row>,
        /// The header row as it was written (CSV with a header), so a
        /// writer can give it back.
        header: Option<Arc<[String]>>,
        /// CSV rows ended with `\r\n`.
        crlf: bool,
        /// The decoded record batch (Parquet), so a writer keeps the schema
        /// and every non-text column as it was.
        #[cfg(feature = "parquet")]
        arrow: Option<arrow_array::RecordBatch>,
    },
}

/// A slice of one source, with the problems met while reading it.
#[derive(Debug)]
pub struct Batch {
    pub source: SourceId,
    pub data: BatchData,
    /// Uncompressed input bytes this batch covers.
    pub input_bytes: u64,
    /// Records skipped or flagged by the reader (too large, wrong column count).
    pub errors: Vec<RecordError>,
    /// Line formats: the file's last line had no final `\n` and the reader
    /// added one (a writer that must give the file back leaves it out).
    pub added_final_newline: bool,
}

impl Batch {
    /// Calls `f` with every record of the batch, or with the error that made
    /// a record unusable. Records that scan with a warning (invalid UTF-8,
    /// missing field) produce both the error and the record.
    pub fn for_each_record(
        &self,
        sel: &Selection,
        f: &mut dyn FnMut(Result<Record<'_>, RecordError>),
    ) {
        for e in &self.errors {
            f(Err(e.clone()));
        }
        match &self.data {
            BatchData::JsonLines { first_line, bytes } => {
                jsonl::records(self.source, *first_line, bytes, sel, f);
            }
            BatchData::TextLines { first_line, bytes } => {
                text::records(self.source, *first_line, bytes, f);
            }
            BatchData::Table {
                first_row,
                columns,
                rows,
                ..
            } => {
                for (i, row) in rows.iter().enumerate() {
                    // Rows the reader skipped (too large) are left empty.
                    if row.is_empty() {
                        continue;
                    }
                    f(Ok(table_record(
                        self.source,
                        first_row + i as u64,
                        columns,
                        row,
                        sel,
                    )));
                }
            }
        }
    }

    /// How many records (or skipped records) the batch holds, for sampling.
    pub fn len_hint(&self) -> usize {
        match &self.data {
            BatchData::JsonLines { bytes, .. } | BatchData::TextLines { bytes, .. } => {
                memchr::memchr_iter(b'\n', bytes).count()
            }
            BatchData::Table { rows, .. } => rows.len(),
        }
    }
}

fn table_record<'a>(
    source: SourceId,
    index: u64,
    columns: &[String],
    row: &'a Row,
    sel: &Selection,
) -> Record<'a> {
    let mut key = None;
    let mut key_is_number = false;
    let mut fields = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        let name = columns
            .get(i)
            .map_or_else(|| format!("column_{}", i + 1), Clone::clone);
        let (value, is_text) = match cell {
            Cell::Null => continue,
            Cell::Text(v) => (v, true),
            Cell::Other(v) => (v, false),
        };
        if sel.is_id(&name) {
            key = Some(value.clone());
            key_is_number = !is_text;
        }
        if is_text && sel.selects(&name) && !value.is_empty() {
            fields.push(Field {
                path: name,
                text: Cow::Borrowed(value.as_str()),
            });
        }
    }
    Record {
        id: RecordId {
            source,
            index,
            key,
            key_is_number,
        },
        fields,
    }
}
