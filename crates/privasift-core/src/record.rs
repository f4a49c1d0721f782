//! Records: what readers produce and detectors look at.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// Index of an input file in the run's list of sources.
pub type SourceId = u32;

/// Where a record comes from: source file, its 1-based line (JSONL, text) or
/// row (CSV, Parquet) number, and the value of the user's id field if any.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RecordId {
    pub source: SourceId,
    pub index: u64,
    /// The `--id-field` value. It is an identifier chosen by the user (a row
    /// key), shown in reports so a record can be found again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Whether the id was a JSON number (so outputs write it back as one).
    #[serde(skip)]
    pub key_is_number: bool,
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(k) => write!(f, "record {} (id {k})", self.index),
            None => write!(f, "record {}", self.index),
        }
    }
}

/// The path of a field inside a record: dotted object keys, `a.b.c`; array
/// elements share their array's path (`comments.text`), so counts per field
/// stay meaningful. For CSV and Parquet it is the column name.
pub type FieldPath = String;

/// One text field of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub path: FieldPath,
    pub text: Cow<'a, str>,
}

/// A record as the detectors see it: its id and its text fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    pub id: RecordId,
    pub fields: Vec<Field<'a>>,
}
