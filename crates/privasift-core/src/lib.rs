//! privasift's data model and the seams between its parts.
//!
//! Data flows one way: a format reader turns input into [`Record`]s made of text
//! [`Field`]s; a [`Detector`] turns a field's text into [`Span`]s; the pipeline
//! aggregates spans into findings, reports, plans and ledger entries. This crate
//! owns the shared vocabulary and does no I/O.
//!
//! ```
//! use privasift_core::{Kind, Label, Span, Sensitive};
//!
//! const EMAIL: Kind = Kind::new("email", Label::Email);
//! let text = "write to jane.doe@example.org";
//! let span = Span::new(9, 29, EMAIL, 0.99, "email@1");
//! assert_eq!(span.slice(text), Some("jane.doe@example.org"));
//! // A detected value never prints in clear:
//! let shown = format!("{}", Sensitive::new(span.slice(text).unwrap(), EMAIL));
//! assert_eq!(shown, "<email, 20 bytes>");
//! ```

mod detector;
mod label;
mod mask;
mod record;
mod sensitive;
mod span;

pub use detector::{Candidate, Detector, DetectorId, Pattern};
pub use label::{Label, UnknownLabel};
pub use mask::mask_value;
pub use record::{Field, FieldPath, Record, RecordId, SourceId};
pub use sensitive::Sensitive;
pub use span::{Kind, Span, byte_to_char_offsets};
