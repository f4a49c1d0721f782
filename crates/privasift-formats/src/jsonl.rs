//! JSON Lines: a line reader on the I/O thread, a streaming JSON walker on
//! the workers.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::sync::Arc;

use privasift_core::{Field, Record, RecordId, SourceId};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::{
    Batch, BatchData, BatchReader, ErrorKind, Location, ReadError, ReadOptions, RecordError,
    Selection, Source,
};

/// What to do with a line longer than the maximum record size.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LongLines {
    /// Skip it and record an error (JSON cannot be cut).
    Skip,
    /// Cut it into pieces of at most the maximum size (plain text).
    Split,
}

/// Reads `\n`-terminated lines into batches of about `batch_bytes`, never
/// holding more than one batch (or one maximum-size record) in memory.
pub(crate) struct LineBatcher {
    pub(crate) source: Source,
    input: Box<dyn Read + Send>,
    pub(crate) counter: Arc<crate::compress::ReadTally>,
    buf: Vec<u8>,
    buf_pos: usize,
    buf_len: usize,
    next_line: u64,
    batch_bytes: usize,
    max_record: usize,
    long: LongLines,
    done: bool,
    text: bool,
    /// The rest of a line cut by `LongLines::Split`, or a partial line held
    /// back: it starts the next batch.
    carry: Option<Vec<u8>>,
    /// A read error met after some lines were read: returned next.
    pending_error: Option<ReadError>,
    /// The file's last line had no `\n`: one was added to end the batch.
    added_final_newline: bool,
}

impl LineBatcher {
    pub(crate) fn open(
        source: &Source,
        opts: &ReadOptions,
        long: LongLines,
        text: bool,
    ) -> Result<Self, ReadError> {
        let (input, counter) = crate::compress::open_decompressed(source, opts.digest)?;
        Ok(Self {
            source: source.clone(),
            input,
            counter,
            buf: vec![0; 1 << 16],
            buf_pos: 0,
            buf_len: 0,
            next_line: 1,
            batch_bytes: opts.batch_bytes.max(1),
            max_record: opts.max_record_bytes.max(1),
            long,
            done: false,
            text,
            carry: None,
            pending_error: None,
            added_final_newline: false,
        })
    }

    fn fill(&mut self) -> std::io::Result<bool> {
        if self.buf_pos < self.buf_len {
            return Ok(true);
        }
        loop {
            match self.input.read(&mut self.buf) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.buf_pos = 0;
                    self.buf_len = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn make_batch(&self, first_line: u64, bytes: Vec<u8>, errors: Vec<RecordError>) -> Batch {
        let input_bytes = bytes.len() as u64;
        let data = if self.text {
            BatchData::TextLines { first_line, bytes }
        } else {
            BatchData::JsonLines { first_line, bytes }
        };
        Batch {
            source: self.source.id,
            data,
            input_bytes,
            errors,
            added_final_newline: self.added_final_newline,
        }
    }

    pub(crate) fn next(&mut self) -> Option<Result<Batch, ReadError>> {
        if self.done && self.carry.is_none() {
            return self.pending_error.take().map(Err);
        }
        let first_line = self.next_line;
        let mut out: Vec<u8> = self
            .carry
            .take()
            .unwrap_or_else(|| Vec::with_capacity(self.batch_bytes.min(1 << 22) + 1024));
        if self.done {
            // Only a carried piece of the last line remains.
            if !out.ends_with(b"\n") {
                out.push(b'\n');
                self.next_line += 1;
                self.added_final_newline = true;
            }
            return Some(Ok(self.make_batch(first_line, out, Vec::new())));
        }
        let mut errors = Vec::new();
        let mut line_start = 0usize; // start of the current (unfinished) line in `out`
        let mut skipping = false; // inside an over-long line being skipped
        let mut skipped_bytes = 0u64;
        loop {
            match self.fill() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    if skipping {
                        errors.push(self.too_large(self.next_line, skipped_bytes));
                        out.push(b'\n');
                        self.next_line += 1;
                    } else if self.long == LongLines::Skip
                        && out.len() - line_start > self.max_record
                    {
                        let size = (out.len() - line_start) as u64;
                        out.truncate(line_start);
                        errors.push(self.too_large(self.next_line, size));
                        out.push(b'\n');
                        self.next_line += 1;
                    } else if out.len() > line_start {
                        out.push(b'\n');
                        self.next_line += 1;
                        self.added_final_newline = true;
                    }
                    break;
                }
                Err(e) => {
                    self.done = true;
                    // Keep the complete lines read so far; report the rest.
                    out.truncate(line_start);
                    let err = ReadError::io(
                        &self.source,
                        &e,
                        &format!("reading stopped at line {}", self.next_line),
                    );
                    if out.is_empty() && errors.is_empty() {
                        return Some(Err(err));
                    }
                    self.pending_error = Some(err);
                    break;
                }
            }
            let chunk = &self.buf[self.buf_pos..self.buf_len];
            let mut nl = memchr::memchr(b'\n', chunk);
            let mut take = nl.map_or(chunk.len(), |i| i + 1);
            if self.long == LongLines::Split {
                // Never let a text line grow past the maximum: stop at it.
                let room = self.max_record.saturating_sub(out.len() - line_start);
                let line_part = nl.map_or(take, |i| i);
                if line_part > room {
                    take = room;
                    nl = None;
                }
            }
            if skipping {
                skipped_bytes += take as u64;
            } else {
                out.extend_from_slice(&chunk[..take]);
            }
            self.buf_pos += take;
            if nl.is_some() {
                if skipping {
                    errors.push(self.too_large(self.next_line, skipped_bytes));
                    out.push(b'\n');
                    skipping = false;
                    skipped_bytes = 0;
                } else if self.long == LongLines::Skip
                    && out.len() - line_start > self.max_record + 1
                {
                    // The line ended in this chunk but is still too large.
                    let size = (out.len() - line_start - 1) as u64;
                    out.truncate(line_start);
                    errors.push(self.too_large(self.next_line, size));
                    out.push(b'\n');
                }
                self.next_line += 1;
                line_start = out.len();
                if out.len() >= self.batch_bytes {
                    break;
                }
            } else if !skipping && out.len() - line_start >= self.max_record {
                match self.long {
                    LongLines::Skip => {
                        if out.len() - line_start > self.max_record {
                            skipped_bytes = (out.len() - line_start) as u64;
                            out.truncate(line_start);
                            skipping = true;
                        }
                    }
                    LongLines::Split => {
                        // Emit what precedes as one batch; the long line
                        // then comes in pieces, each a batch of its own.
                        if line_start > 0 {
                            let piece = out.split_off(line_start);
                            let b = self.make_batch(first_line, out, errors);
                            self.carry = Some(piece);
                            return Some(Ok(b));
                        }
                        let cut = utf8_cut(&out, self.max_record);
                        let rest = out.split_off(cut);
                        out.push(b'\n');
                        self.carry = Some(rest);
                        // The line continues: the next piece keeps its number.
                        return Some(Ok(self.make_batch(first_line, out, errors)));
                    }
                }
            }
        }
        if out.is_empty() && errors.is_empty() {
            return self.pending_error.take().map(Err);
        }
        Some(Ok(self.make_batch(first_line, out, errors)))
    }

    fn too_large(&self, line: u64, bytes: u64) -> RecordError {
        RecordError::new(
            self.source.id,
            Location::Line(line),
            ErrorKind::RecordTooLarge,
            format!(
                "record of {bytes} bytes or more exceeds the maximum of {} bytes (--max-record-bytes); skipped",
                self.max_record
            ),
        )
    }
}

/// The largest index `<= max` that does not cut a UTF-8 sequence in two.
fn utf8_cut(bytes: &[u8], max: usize) -> usize {
    let end = max.min(bytes.len());
    // Find the last lead byte among the final three; if the character it
    // starts does not fit before `end`, cut before it.
    for i in (end.saturating_sub(3)..end).rev() {
        let b = bytes[i];
        if (b as i8) >= -0x40 {
            let width = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return if i + width > end && i > 0 { i } else { end };
        }
    }
    end
}

pub(crate) struct JsonlReader {
    lines: LineBatcher,
}

impl JsonlReader {
    pub(crate) fn open(source: &Source, opts: &ReadOptions) -> Result<Self, ReadError> {
        Ok(Self {
            lines: LineBatcher::open(source, opts, LongLines::Skip, false)?,
        })
    }
}

impl BatchReader for JsonlReader {
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

/// Walks each line of a JSON Lines batch and calls `f` with its record.
pub(crate) fn records(
    source: SourceId,
    first_line: u64,
    bytes: &[u8],
    sel: &Selection,
    f: &mut dyn FnMut(Result<Record<'_>, RecordError>),
) {
    let mut line_no = first_line;
    // A record's path buffers, reused from line to line.
    let mut paths = (String::new(), String::new());
    for (line, text) in crate::utf8_lines(bytes) {
        let n = line_no;
        line_no += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match text {
            Ok(s) => parse_line(source, n, s, sel, &mut paths, f),
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
                let repaired = String::from_utf8_lossy(line);
                parse_line(source, n, &repaired, sel, &mut paths, f);
            }
        }
    }
}

/// Walks one line; `paths` are the walker's two path buffers, cleared here
/// (reused from line to line: no allocation per record).
fn parse_line(
    source: SourceId,
    line: u64,
    text: &str,
    sel: &Selection,
    paths: &mut (String, String),
    f: &mut dyn FnMut(Result<Record<'_>, RecordError>),
) {
    let mut fields = Vec::new();
    let mut key = None;
    let mut key_is_number = false;
    let (path, shown) = paths;
    // A line that failed half-way may leave a path behind.
    path.clear();
    shown.clear();
    let mut de = serde_json::Deserializer::from_str(text);
    let walker = Walker {
        path,
        shown,
        sel,
        fields: &mut fields,
        key: &mut key,
        key_is_number: &mut key_is_number,
        top: true,
    };
    let res = walker.deserialize(&mut de).and_then(|()| de.end());
    match res {
        Ok(()) => {
            if !sel.all_fields() {
                for want in &sel.fields {
                    if !fields.iter().any(|fl: &Field<'_>| &fl.path == want) {
                        f(Err(RecordError::new(
                            source,
                            Location::Line(line),
                            ErrorKind::MissingField,
                            "missing field",
                        )
                        .with_field(want.clone())));
                    }
                }
            }
            f(Ok(Record {
                id: RecordId {
                    source,
                    index: line,
                    key,
                    key_is_number,
                },
                fields,
            }));
        }
        Err(e) => f(Err(RecordError::new(
            source,
            Location::Line(line),
            ErrorKind::MalformedJson,
            describe(&e),
        ))),
    }
}

/// A `serde_json` error without the data it may quote.
fn describe(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "syntax error",
        Category::Eof => "unexpected end of line",
        Category::Data => "not a JSON object",
        Category::Io => "read error",
    };
    format!(
        "malformed JSON: {what} at column {}; record skipped",
        e.column()
    )
}

/// Visits a JSON value, collecting the selected string fields and the id
/// without building a tree. Strings without escapes are borrowed.
struct Walker<'p, 'de> {
    path: &'p mut String,
    /// The same path as reports may show it: keys that read like values (an
    /// e-mail used as a key) are replaced by `<key>`.
    shown: &'p mut String,
    sel: &'p Selection,
    fields: &'p mut Vec<Field<'de>>,
    key: &'p mut Option<String>,
    key_is_number: &'p mut bool,
    top: bool,
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Walker<'_, 'de> {
    fn child(&mut self) -> Walker<'_, 'de> {
        Walker {
            path: &mut *self.path,
            shown: &mut *self.shown,
            sel: self.sel,
            fields: &mut *self.fields,
            key: &mut *self.key,
            key_is_number: &mut *self.key_is_number,
            top: false,
        }
    }

    fn not_object<E: de::Error>(&self) -> Result<(), E> {
        if self.top {
            Err(E::custom("not a JSON object"))
        } else {
            Ok(())
        }
    }

    fn scalar<E: de::Error>(self, shown: impl FnOnce() -> String, number: bool) -> Result<(), E> {
        self.not_object()?;
        if self.sel.is_id(self.path) {
            *self.key = Some(shown());
            *self.key_is_number = number;
        }
        Ok(())
    }

    fn string<E: de::Error>(self, text: Cow<'de, str>) -> Result<(), E> {
        self.not_object()?;
        if self.sel.is_id(self.path) {
            *self.key = Some(text.to_string());
        }
        if !text.is_empty() && self.sel.selects(self.path) {
            self.fields.push(Field {
                path: self.shown.clone(),
                text,
            });
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Walker<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walker<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        self.string(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.string(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<(), E> {
        self.string(Cow::Owned(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.scalar(|| v.to_string(), true)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.scalar(|| v.to_string(), true)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.scalar(|| v.to_string(), true)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.scalar(|| v.to_string(), false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_object()
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.not_object()?;
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            let (len, shown_len) = (self.path.len(), self.shown.len());
            if !self.path.is_empty() {
                self.path.push('.');
                self.shown.push('.');
            }
            self.path.push_str(&k);
            self.shown.push_str(if crate::looks_like_name(&k) {
                &k
            } else {
                "<key>"
            });
            if self.sel.descends(self.path) {
                map.next_value_seed(self.child())?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
            self.path.truncate(len);
            self.shown.truncate(shown_len);
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn collect(
        line: &str,
        sel: &Selection,
    ) -> (Vec<(String, String)>, Option<String>, Vec<ErrorKind>) {
        let mut fields = Vec::new();
        let mut key = None;
        let mut errs = Vec::new();
        records(0, 1, line.as_bytes(), sel, &mut |r| match r {
            Ok(rec) => {
                key = rec.id.key.clone();
                fields.extend(
                    rec.fields
                        .iter()
                        .map(|f| (f.path.clone(), f.text.to_string())),
                );
            }
            Err(e) => errs.push(e.kind),
        });
        (fields, key, errs)
    }

    #[test]
    fn walks_nested_objects_and_arrays() {
        let line = r#"{"id": 7, "text": "a\"b", "meta": {"bio": "x", "n": 3, "tags": ["t1", {"v": "t2"}]}, "e": null}"#;
        let (fields, key, errs) = collect(line, &Selection::new(vec![], Some("id".into())));
        assert_eq!(key.as_deref(), Some("7"));
        assert!(errs.is_empty());
        let paths: Vec<_> = fields.iter().map(|(p, t)| format!("{p}={t}")).collect();
        assert_eq!(
            paths,
            vec!["text=a\"b", "meta.bio=x", "meta.tags=t1", "meta.tags.v=t2"]
        );
    }

    #[test]
    fn selected_fields_only_and_missing_ones_reported() {
        let sel = Selection::new(
            vec!["meta.bio".into(), "absent".into()],
            Some("doc.key".into()),
        );
        let (fields, key, errs) = collect(
            r#"{"text":"no","meta":{"bio":"yes"},"doc":{"key":"k1"}}"#,
            &sel,
        );
        assert_eq!(fields, vec![("meta.bio".to_string(), "yes".to_string())]);
        assert_eq!(key.as_deref(), Some("k1"));
        assert_eq!(errs, vec![ErrorKind::MissingField]);
    }

    #[test]
    fn malformed_lines_are_errors_that_do_not_quote_data() {
        for bad in [
            r#"{"text": "secret@example.org""#,
            r#"["secret@example.org"]"#,
            r#""secret@example.org""#,
            "{} {}",
        ] {
            let mut msgs = Vec::new();
            records(0, 1, bad.as_bytes(), &Selection::default(), &mut |r| {
                if let Err(e) = r {
                    msgs.push(e.message);
                }
            });
            assert_eq!(msgs.len(), 1, "{bad}");
            assert!(!msgs[0].contains("secret"), "{}", msgs[0]);
        }
    }

    #[test]
    fn invalid_utf8_is_flagged_and_still_scanned() {
        let mut bytes = br#"{"text": "caf"#.to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(br#" ok"}"#);
        let mut kinds = Vec::new();
        let mut texts = Vec::new();
        records(0, 1, &bytes, &Selection::default(), &mut |r| match r {
            Ok(rec) => texts.push(rec.fields[0].text.to_string()),
            Err(e) => kinds.push(e.kind),
        });
        assert_eq!(kinds, vec![ErrorKind::InvalidUtf8]);
        assert_eq!(texts, vec!["caf\u{FFFD} ok".to_string()]);
    }

    #[test]
    fn line_numbers_count_blank_lines() {
        let data = b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n";
        let mut lines = Vec::new();
        records(0, 10, data, &Selection::default(), &mut |r| {
            lines.push(r.unwrap().id.index);
        });
        assert_eq!(lines, vec![10, 12]);
    }
}
