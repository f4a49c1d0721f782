//! Errors that name where, never what.

use std::fmt;
use std::path::PathBuf;

use privasift_core::SourceId;
use serde::Serialize;

use crate::Source;

/// What went wrong, as a stable category counted in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The path could not be opened or read.
    Io,
    /// A compressed stream ended early or is corrupt.
    Truncated,
    /// The format or compression is not known.
    Unsupported,
    /// A JSON line that does not parse, or is not an object.
    MalformedJson,
    /// Bytes that are not UTF-8; the record is scanned with them replaced by U+FFFD.
    InvalidUtf8,
    /// A CSV row whose number of cells differs from the header's.
    WrongColumnCount,
    /// A record larger than the configured maximum; skipped.
    RecordTooLarge,
    /// A selected field that the record lacks.
    MissingField,
    /// A selected field that is not text.
    NotText,
    /// A Parquet file that cannot be decoded.
    MalformedParquet,
    /// A file with no record at all (often a failed export).
    Empty,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Truncated => "truncated",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::MalformedJson => "malformed-json",
            ErrorKind::InvalidUtf8 => "invalid-utf8",
            ErrorKind::WrongColumnCount => "wrong-column-count",
            ErrorKind::RecordTooLarge => "record-too-large",
            ErrorKind::MissingField => "missing-field",
            ErrorKind::NotText => "not-text",
            ErrorKind::MalformedParquet => "malformed-parquet",
            ErrorKind::Empty => "empty",
        }
    }

    /// Whether the record is left out of the scan (as opposed to scanned
    /// with a warning).
    pub fn skips_record(self) -> bool {
        matches!(
            self,
            ErrorKind::MalformedJson | ErrorKind::RecordTooLarge | ErrorKind::MalformedParquet
        )
    }
}

/// Where in a source a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Location {
    Line(u64),
    Row(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// A problem with one record. The message describes the problem (expected
/// token, column number, byte offset), never the record's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordError {
    pub source: SourceId,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub kind: ErrorKind,
    pub message: String,
}

impl RecordError {
    pub fn new(
        source: SourceId,
        location: Location,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Self {
        Self {
            source,
            location,
            field: None,
            kind,
            message: message.into(),
        }
    }

    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Renders the error with the source's path: `data.jsonl: line 7, field
    /// text: missing field`.
    pub fn display_with(&self, path: &std::path::Path) -> String {
        match &self.field {
            Some(f) => format!(
                "{}: {}, field `{f}`: {}",
                path.display(),
                self.location,
                self.message
            ),
            None => format!("{}: {}: {}", path.display(), self.location, self.message),
        }
    }
}

/// A problem with a whole source: it could not be opened, or reading it
/// stopped (a truncated gzip). Records read before the error were kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub kind: ErrorKind,
    pub message: String,
}

impl ReadError {
    pub fn new(source: &Source, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            path: source.path.clone(),
            kind,
            message: message.into(),
        }
    }

    pub fn io(source: &Source, e: &std::io::Error, what: &str) -> Self {
        let kind = match e.kind() {
            std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::InvalidInput => ErrorKind::Truncated,
            _ => ErrorKind::Io,
        };
        Self::new(source, kind, format!("{what}: {e}"))
    }
}
