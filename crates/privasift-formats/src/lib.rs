//! privasift's readers: everything a dataset can come as, turned into
//! [`Batch`]es of records.
//!
//! [`discover`] expands the user's paths (files, directories, globs) into
//! [`Source`]s with a [`Format`] and a [`Compression`]; [`open`] returns a
//! [`BatchReader`] that streams a source in batches of bounded size. A batch
//! is the unit of parallel work: the pipeline reads batches on one thread and
//! turns them into [`Record`](privasift_core::Record)s on the workers with
//! [`Batch::for_each_record`], so JSON parsing scales with cores.
//!
//! Problems are values, never panics: a bad file is a [`ReadError`] and the
//! run goes on with the next one; a bad record is a [`RecordError`] that names
//! file, line or row and field, and never contains the data.
//!
//! ```
//! use privasift_formats::{discover, open, ReadOptions, Selection};
//! # let dir = tempfile::tempdir().unwrap();
//! # let path = dir.path().join("a.jsonl");
//! # std::fs::write(&path, "{\"id\": 1, \"text\": \"hello\"}\n").unwrap();
//! let found = discover(&[path.display().to_string()], None);
//! let opts = ReadOptions::default();
//! let mut reader = open(&found.sources[0], &opts).unwrap();
//! let batch = reader.next_batch().unwrap().unwrap();
//! let sel = Selection::default();
//! let mut texts = Vec::new();
//! batch.for_each_record(&sel, &mut |r| texts.push(r.unwrap().fields[0].text.to_string()));
//! assert_eq!(texts, vec!["hello".to_string()]);
//! ```

#[cfg(feature = "parquet")]
mod arrow_edit;
mod batch;
mod compress;
mod csv_reader;
mod error;
mod json_edit;
mod jsonl;
#[cfg(feature = "parquet")]
mod parquet_reader;
mod selection;
mod source;
mod text;
mod write;

#[cfg(feature = "parquet")]
pub use arrow_edit::edit_record_batch;
pub use batch::{Batch, BatchData, Cell, Row};
pub use error::{ErrorKind, Location, ReadError, RecordError};
pub use json_edit::{JsonDoc, JsonEditError, Leaf, LeafEdit};
pub use selection::{Selection, looks_like_name};
pub use source::{Compression, Discovered, Format, Source, discover};
pub use text::TEXT_FIELD;
pub use write::{CellEdit, PARTIAL_PREFIX, ShardWriter, TableEdits};

/// How readers cut input into batches.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Target size of a batch in input bytes (uncompressed).
    pub batch_bytes: usize,
    /// Records larger than this are skipped and counted, so that one huge
    /// record cannot exhaust memory. Plain text is cut into pieces instead.
    pub max_record_bytes: usize,
    /// Compute the SHA-256 of each file while reading it
    /// ([`BatchReader::digest`]), for the ledger.
    pub digest: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            batch_bytes: 1 << 20,
            max_record_bytes: 64 << 20,
            digest: false,
        }
    }
}

/// Streams one source as batches.
pub trait BatchReader: Send {
    /// The next batch, a file-level error (after which the reader is done),
    /// or `None` at the end.
    fn next_batch(&mut self) -> Option<Result<Batch, ReadError>>;

    /// Bytes of the file consumed so far (compressed bytes for compressed
    /// files), for progress reporting.
    fn file_bytes_read(&self) -> u64;

    /// The hex SHA-256 of the whole file, when the reader consumed all of it
    /// (computed on the way, so a digest costs no second read); `None` when
    /// it did not (a read error, or a format read by random access).
    fn digest(&self) -> Option<String> {
        None
    }
}

/// `bytes` as UTF-8 text: a SIMD check for the common case (every line of
/// every input goes through here), std's, which says where the first bad
/// byte is, only for input that fails it.
///
/// # Errors
/// The bytes are not valid UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// The `\n`-separated pieces of `bytes`, as `bytes.split(|&b| b == b'\n')`
/// gives them (an empty piece after a final newline included), found with
/// `memchr` rather than a byte at a time: every batch of lines goes through
/// here.
pub fn lines(bytes: &[u8]) -> Lines<'_> {
    Lines { rest: Some(bytes) }
}

/// The iterator of [`lines`].
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    /// What is left, `None` once the last piece is given.
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        if let Some(i) = memchr::memchr(b'\n', rest) {
            self.rest = rest.get(i + 1..);
            rest.get(..i)
        } else {
            self.rest = None;
            Some(rest)
        }
    }
}

/// The lines of a batch, as [`lines`] gives them, each with its text or
/// where its UTF-8 goes wrong. The batch is checked whole, once (a line
/// ends at an ASCII `\n`, so the lines of valid bytes are valid); only a
/// batch that fails is checked line by line.
pub(crate) fn utf8_lines(
    bytes: &[u8],
) -> impl Iterator<Item = (&[u8], Result<&str, std::str::Utf8Error>)> {
    let whole = simdutf8::basic::from_utf8(bytes).ok();
    let mut start = 0;
    lines(bytes).map(move |line| {
        let text = match whole.and_then(|w| w.get(start..start + line.len())) {
            Some(t) => Ok(t),
            None => utf8(line),
        };
        start += line.len() + 1;
        (line, text)
    })
}

/// Opens a source's bytes through its decompressor (for tools that read a
/// file whole, like `privasift reveal`).
pub fn open_raw(source: &Source) -> Result<Box<dyn std::io::Read + Send>, ReadError> {
    compress::open_decompressed(source, false).map(|(r, _)| r)
}

/// Opens a source with the reader for its format.
pub fn open(source: &Source, opts: &ReadOptions) -> Result<Box<dyn BatchReader>, ReadError> {
    match source.format {
        Format::Jsonl => Ok(Box::new(jsonl::JsonlReader::open(source, opts)?)),
        Format::Text => Ok(Box::new(text::TextReader::open(source, opts)?)),
        Format::Csv | Format::Tsv => Ok(Box::new(csv_reader::CsvReader::open(source, opts)?)),
        #[cfg(feature = "parquet")]
        Format::Parquet => Ok(Box::new(parquet_reader::ParquetReader::open(source, opts)?)),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => Err(ReadError::new(
            source,
            ErrorKind::Unsupported,
            "this build of privasift has no Parquet support (feature `parquet`)",
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod lines_tests {
    #[test]
    fn lines_are_what_split_gives() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let len = (next() % 200) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| [b'\n', b'a', b'{', 0xC3][(next() % 4) as usize])
                .collect();
            let want: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let got: Vec<&[u8]> = super::lines(&bytes).collect();
            assert_eq!(got, want, "{bytes:?}");
        }
        assert_eq!(super::lines(b"").collect::<Vec<_>>(), vec![b"".as_slice()]);
        // With their text, checked whole or line by line.
        let batch = b"caf\xc3\xa9\n\xff bad\nok\n";
        let got: Vec<_> = super::utf8_lines(batch)
            .map(|(l, t)| (l.len(), t.map_err(|e| e.valid_up_to())))
            .collect();
        assert_eq!(
            got,
            vec![(5, Ok("café")), (5, Err(0)), (2, Ok("ok")), (0, Ok(""))]
        );
        let got: Vec<_> = super::utf8_lines("né\nà".as_bytes())
            .map(|(_, t)| t)
            .collect();
        assert_eq!(got, vec![Ok("né"), Ok("à")]);
        assert_eq!(
            super::lines(b"a\n").collect::<Vec<_>>(),
            vec![b"a".as_slice(), b""]
        );
    }
}

#[cfg(test)]
mod utf8_tests {
    #[test]
    fn valid_text_passes_and_a_bad_byte_is_located() {
        assert_eq!(
            super::utf8("née à Zürich, 東京".as_bytes()),
            Ok("née à Zürich, 東京")
        );
        let bad = b"caf\xc3\xa9 \xff end";
        assert_eq!(super::utf8(bad).map_err(|e| e.valid_up_to()), Err(6));
    }
}
