//! Writers: one output shard per input shard, in the input's format and
//! compression, written to a temporary file beside its destination and
//! renamed into place only when complete. A run killed at any moment leaves
//! complete shards or none (plus, at worst, a hidden `.privasift-partial-*`
//! file that the next `--resume` removes).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::{Compression, Format, Source};

/// The prefix of the temporary files shards are written to.
pub const PARTIAL_PREFIX: &str = ".privasift-partial-";

/// What becomes of one cell of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellEdit {
    Keep,
    Replace(String),
    /// Emptied (CSV) or null (Parquet): a value removed from one row only.
    Clear,
}

/// The edits of one table batch.
#[derive(Clone, Debug, Default)]
pub struct TableEdits {
    /// One entry per row of the batch: false drops the row.
    pub keep_rows: Vec<bool>,
    /// One entry per column: true removes the column (minimisation).
    pub drop_columns: Vec<bool>,
    /// Changed cells: row, column, edit.
    pub cells: Vec<(usize, usize, CellEdit)>,
}

/// The temporary file, hashing what is written to it, so the output's
/// digest costs no second read.
pub(crate) struct HashingFile {
    file: File,
    sha: sha2::Sha256,
}

impl HashingFile {
    fn new(file: File) -> Self {
        use sha2::Digest as _;
        Self {
            file,
            sha: sha2::Sha256::new(),
        }
    }

    fn finish(self) -> io::Result<String> {
        use sha2::Digest as _;
        self.file.sync_all()?;
        Ok(hex::encode(self.sha.finalize()))
    }
}

impl Write for HashingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use sha2::Digest as _;
        let n = self.file.write(buf)?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A compressed or plain byte stream into the temporary file.
enum Sink {
    Plain(BufWriter<HashingFile>),
    Gzip(flate2::write::GzEncoder<BufWriter<HashingFile>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<HashingFile>>),
}

impl Sink {
    fn new(file: HashingFile, compression: Compression) -> io::Result<Self> {
        let buf = BufWriter::with_capacity(1 << 20, file);
        Ok(match compression {
            Compression::None => Sink::Plain(buf),
            Compression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                buf,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Sink::Zstd(zstd::stream::write::Encoder::new(buf, 3)?),
        })
    }

    fn finish(self) -> io::Result<HashingFile> {
        let buf = match self {
            Sink::Plain(b) => b,
            Sink::Gzip(g) => g.finish()?,
            Sink::Zstd(z) => z.finish()?,
        };
        buf.into_inner().map_err(io::IntoInnerError::into_error)
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
        }
    }
}

enum Inner {
    Lines(Sink),
    #[cfg(feature = "parquet")]
    Parquet(Option<parquet::arrow::ArrowWriter<HashingFile>>),
}

/// Writes one output shard.
pub struct ShardWriter {
    tmp: tempfile::NamedTempFile,
    inner: Option<Inner>,
    dest: PathBuf,
    records: u64,
    /// The input's permissions, given to the output (a temporary file is
    /// private to its owner).
    permissions: Option<std::fs::Permissions>,
}

impl ShardWriter {
    /// Starts the shard that will become `dest`, in the format and
    /// compression of `source`.
    pub fn create(dest: &Path, source: &Source) -> io::Result<Self> {
        let dir = dest.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .tempfile_in(dir)?;
        let file = HashingFile::new(tmp.as_file().try_clone()?);
        let inner = match source.format {
            Format::Jsonl | Format::Text | Format::Csv | Format::Tsv => {
                Inner::Lines(Sink::new(file, source.compression)?)
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Inner::Parquet(None),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => {
                return Err(io::Error::other(
                    "this build of privasift has no Parquet support",
                ));
            }
        };
        Ok(Self {
            tmp,
            inner: Some(inner),
            dest: dest.to_owned(),
            records: 0,
            permissions: std::fs::metadata(&source.path)
                .ok()
                .map(|m| m.permissions()),
        })
    }

    /// Appends bytes of a line format (JSONL, text, CSV/TSV rows already
    /// encoded), `records` of them.
    pub fn write_lines(&mut self, bytes: &[u8], records: u64) -> io::Result<()> {
        match &mut self.inner {
            Some(Inner::Lines(w)) => {
                self.records += records;
                w.write_all(bytes)
            }
            _ => Err(io::Error::other("bytes written to a Parquet shard")),
        }
    }

    /// Appends a Parquet batch (already edited with
    /// [`edit_record_batch`](crate::edit_record_batch)).
    #[cfg(feature = "parquet")]
    pub fn write_arrow(&mut self, edited: &arrow_array::RecordBatch) -> io::Result<()> {
        let Some(Inner::Parquet(slot)) = &mut self.inner else {
            return Err(io::Error::other(
                "a record batch written to a non-Parquet shard",
            ));
        };
        if slot.is_none() {
            let file = HashingFile::new(self.tmp.as_file().try_clone()?);
            let props = parquet::file::properties::WriterProperties::builder()
                .set_compression(parquet::basic::Compression::ZSTD(
                    parquet::basic::ZstdLevel::default(),
                ))
                .build();
            *slot = Some(
                parquet::arrow::ArrowWriter::try_new(file, edited.schema(), Some(props))
                    .map_err(io::Error::other)?,
            );
        }
        if let Some(w) = slot.as_mut() {
            self.records += edited.num_rows() as u64;
            w.write(edited).map_err(io::Error::other)?;
        }
        Ok(())
    }

    /// Records written so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Completes the shard: flushes, syncs, and renames it into place.
    /// Returns its path and the hex SHA-256 of its bytes.
    pub fn finish(mut self) -> io::Result<(PathBuf, String)> {
        let file = match self.inner.take() {
            Some(Inner::Lines(w)) => Some(w.finish()?),
            #[cfg(feature = "parquet")]
            Some(Inner::Parquet(Some(w))) => Some(w.into_inner().map_err(io::Error::other)?),
            #[cfg(feature = "parquet")]
            Some(Inner::Parquet(None)) => None,
            None => None,
        };
        let digest = match file {
            Some(f) => f.finish()?,
            // Nothing was written: the digest of no bytes.
            None => HashingFile::new(self.tmp.as_file().try_clone()?).finish()?,
        };
        if let Some(p) = self.permissions.take() {
            self.tmp.as_file().set_permissions(p)?;
        }
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        if let Some(dir) = self.dest.parent()
            && let Ok(d) = File::open(dir)
        {
            // Make the rename durable (best effort: not every OS allows it).
            let _ = d.sync_all();
        }
        Ok((self.dest, digest))
    }
}
