//! Plain text: one record per line, field `text`.
//!
//! Lines longer than the maximum record size are cut into pieces on UTF-8
//! boundaries, each piece a record with the line's number (a value that
//! straddles a cut may be missed; the limit is 64 MiB by default).

use std::borrow::Cow;

use privasift_core::{Field, Record, RecordId, SourceId};

use crate::jsonl::{LineBatcher, LongLines};
use crate::{Batch, BatchReader, ErrorKind, Location, ReadError, ReadOptions, RecordError, Source};

/// The field name plain-text records use.
pub const TEXT_FIELD: &str = "text";

pub(crate) struct TextReader {
    lines: LineBatcher,
}

impl TextReader {
    pub(crate) fn open(source: &Source, opts: &ReadOptions) -> Result<Self, ReadError> {
        Ok(Self {
            lines: LineBatcher::open(source, opts, LongLines::Split, true)?,
        })
    }
}

impl BatchReader for TextReader {
    fn next_batch(&mut self) -> Option<Result<Batch, ReadError>> {
        self.lines.next()
    }

    fn file_bytes_read(&self) -> u64 {
        self.lines.counter.bytes()
    }

    fn digest(&self) -> Option<String> {
        self.lines.counter.digest(self.lines.source.size)
    }
}

pub(crate) fn records(
    source: SourceId,
    first_line: u64,
    bytes: &[u8],
    f: &mut dyn FnMut(Result<Record<'_>, RecordError>),
) {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if body.is_empty() && bytes.is_empty() {
        return;
    }
    for (i, (line, text)) in crate::utf8_lines(body).enumerate() {
        let n = first_line + i as u64;
        let cr = line.ends_with(b"\r");
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let text = match text {
            Ok(s) => Cow::Borrowed(if cr { &s[..s.len() - 1] } else { s }),
            Err(e) => {
                f(Err(RecordError::new(
                    source,
                    Location::Line(n),
                    ErrorKind::InvalidUtf8,
                    format!(
                        "invalid UTF-8 at byte {} of the line; scanned with invalid bytes replaced by U+FFFD",
                        e.valid_up_to()
                    ),
                )));
                String::from_utf8_lossy(line)
            }
        };
        f(Ok(Record {
            id: RecordId {
                source,
                index: n,
                key: None,
                key_is_number: false,
            },
            fields: vec![Field {
                path: TEXT_FIELD.to_owned(),
                text,
            }],
        }));
    }
}
