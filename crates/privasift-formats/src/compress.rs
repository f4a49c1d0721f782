//! Opening files through their decompressor, counting the bytes consumed.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sha2::Digest as _;

use crate::{Compression, ReadError, Source};

/// What was pulled from a file underneath its decompressor: the byte count
/// (for the progress display) and the SHA-256 of those bytes (so the ledger
/// can record the input's digest without reading it twice).
pub struct ReadTally {
    bytes: AtomicU64,
    /// Only when asked for ([`ReadOptions::digest`](crate::ReadOptions)).
    sha: Option<Mutex<sha2::Sha256>>,
}

impl ReadTally {
    fn new(digest: bool) -> Self {
        Self {
            bytes: AtomicU64::new(0),
            sha: digest.then(|| Mutex::new(sha2::Sha256::new())),
        }
    }

    /// File bytes consumed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The hex SHA-256 of the file, if exactly `size` bytes were read (the
    /// whole file), else `None`.
    pub fn digest(&self, size: u64) -> Option<String> {
        if self.bytes() != size {
            return None;
        }
        let sha = self.sha.as_ref()?.lock().ok()?.clone();
        Some(hex::encode(sha.finalize()))
    }
}

/// A reader that tallies the bytes pulled from the file.
pub(crate) struct Counting<R> {
    inner: R,
    tally: Arc<ReadTally>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tally.bytes.fetch_add(n as u64, Ordering::Relaxed);
        if let Some(Ok(mut sha)) = self.tally.sha.as_ref().map(Mutex::lock) {
            sha.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// Opens `source` for reading its uncompressed bytes; returns the reader and
/// the tally of file bytes consumed.
pub(crate) fn open_decompressed(
    source: &Source,
    digest: bool,
) -> Result<(Box<dyn Read + Send>, Arc<ReadTally>), ReadError> {
    let file = File::open(&source.path).map_err(|e| ReadError::io(source, &e, "cannot open"))?;
    let count = Arc::new(ReadTally::new(digest));
    let counting = Counting {
        inner: file,
        tally: Arc::clone(&count),
    };
    let reader: Box<dyn Read + Send> = match source.compression {
        Compression::None => Box::new(counting),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            counting,
        ))),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::new(counting)
                .map_err(|e| ReadError::io(source, &e, "cannot start zstd decoder"))?,
        ),
    };
    Ok((reader, count))
}
