//! Opening files through their decompressor, counting the bytes consumed.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Compression, ReadError, Source};

/// A reader that counts the bytes pulled from the file underneath the
/// decompressor, shared with the progress display.
pub(crate) struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens `source` for reading its uncompressed bytes; returns the reader and
/// the counter of file bytes consumed.
pub(crate) fn open_decompressed(
    source: &Source,
) -> Result<(Box<dyn Read + Send>, Arc<AtomicU64>), ReadError> {
    let file = File::open(&source.path).map_err(|e| ReadError::io(source, &e, "cannot open"))?;
    let count = Arc::new(AtomicU64::new(0));
    let counting = Counting {
        inner: file,
        count: Arc::clone(&count),
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
