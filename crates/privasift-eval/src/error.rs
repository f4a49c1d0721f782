//! What can go wrong reading gold and prediction files.

use std::fmt;
use std::path::PathBuf;

/// Which of the two input files a problem was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Gold,
    Pred,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Gold => "gold",
            Role::Pred => "prediction",
        })
    }
}

/// Bad input, as score.py reports it (its `ScoreError`, exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {role} file {}: {source}", path.display())]
    Io {
        role: Role,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{role} file {}, line {line}: {problem}", path.display())]
    Input {
        role: Role,
        path: PathBuf,
        /// 1-based line number, blank lines included.
        line: usize,
        problem: Problem,
    },
}

impl EvalError {
    /// The problem, when the error is about the content of a line.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            EvalError::Input { problem, .. } => Some(problem),
            EvalError::Io { .. } => None,
        }
    }
}

/// What is wrong with one line. Messages name the document and the span
/// offsets and labels, never a piece of the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("not JSON ({0})")]
    NotJson(String),
    #[error("needs string 'id' and 'text'")]
    GoldShape,
    #[error("needs a string 'id'")]
    PredShape,
    #[error("repeated id {0:?}")]
    RepeatedId(String),
    #[error("id {0:?} is not in the gold file")]
    UnknownId(String),
    #[error("document {doc:?}: 'spans' must be a list")]
    SpansNotList { doc: String },
    #[error("document {doc:?}: span {span} needs start, end and label")]
    SpanShape { doc: String, span: String },
    #[error("document {doc:?}: non-integer offsets in {span}")]
    NonIntegerOffsets { doc: String, span: String },
    #[error("document {doc:?}: bad label in {span}")]
    BadLabel { doc: String, span: String },
    #[error("document {doc:?}: span {span} needs a string {field:?} to group by kind")]
    MissingKind {
        doc: String,
        span: String,
        field: &'static str,
    },
    #[error("document {doc:?}: score in {span} is not a number")]
    BadScore { doc: String, span: String },
    #[error(
        "document {doc:?}: span [{start}, {end}) {label} outside the text (0..{len} code points) or empty; \
         offsets must be code points (byte or UTF-16 offsets run past the end on non-ASCII text)"
    )]
    SpanOutsideText {
        doc: String,
        start: i64,
        end: i64,
        label: String,
        len: usize,
    },
}
