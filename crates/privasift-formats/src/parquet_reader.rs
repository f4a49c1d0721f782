//! Parquet: record batches decoded by arrow-rs, text columns kept.
//!
//! String columns (`Utf8`, `LargeUtf8`, `Utf8View`) are scanned; integer
//! columns can serve as the id. Nested columns (structs, lists) are not
//! scanned yet.

use std::fs::File;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::{
    Batch, BatchData, BatchReader, Cell, Compression, ErrorKind, ReadError, ReadOptions, Row,
    Source,
};

pub(crate) struct ParquetReader {
    source: Source,
    inner: ParquetRecordBatchReader,
    columns: Arc<[String]>,
    next_row: u64,
    rows_total: u64,
    file_size: u64,
    bytes_done: Arc<AtomicU64>,
    done: bool,
}

impl ParquetReader {
    pub(crate) fn open(source: &Source, opts: &ReadOptions) -> Result<Self, ReadError> {
        if source.compression != Compression::None {
            return Err(ReadError::new(
                source,
                ErrorKind::Unsupported,
                "a Parquet file compresses its own pages: decompress the outer .gz/.zst first",
            ));
        }
        let file =
            File::open(&source.path).map_err(|e| ReadError::io(source, &e, "cannot open"))?;
        let builder = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ParquetRecordBatchReaderBuilder::try_new(file)
        }))
        .map_err(|_| {
            ReadError::new(
                source,
                ErrorKind::MalformedParquet,
                "corrupt metadata: the decoder failed",
            )
        })?
        .map_err(|e| {
            ReadError::new(
                source,
                ErrorKind::MalformedParquet,
                format!("not a readable Parquet file: {e}"),
            )
        })?;
        let rows_total = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        let columns: Arc<[String]> = builder
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        // Rows per batch: aim at `batch_bytes` with a guess of 1 KiB per row.
        let batch_rows = (opts.batch_bytes / 1024).clamp(64, 65_536);
        let inner = builder.with_batch_size(batch_rows).build().map_err(|e| {
            ReadError::new(
                source,
                ErrorKind::MalformedParquet,
                format!("cannot decode: {e}"),
            )
        })?;
        Ok(Self {
            source: source.clone(),
            inner,
            columns,
            next_row: 1,
            rows_total,
            file_size: source.size,
            bytes_done: Arc::new(AtomicU64::new(0)),
            done: false,
        })
    }

    fn to_rows(batch: &RecordBatch) -> (Vec<Row>, u64) {
        let n = batch.num_rows();
        let mut rows: Vec<Row> = (0..n)
            .map(|_| Vec::with_capacity(batch.num_columns()))
            .collect();
        let mut bytes = 0u64;
        for col in batch.columns() {
            for (i, row) in rows.iter_mut().enumerate() {
                let cell = cell_text(col.as_ref(), i);
                if let Cell::Text(s) = &cell {
                    bytes += s.len() as u64;
                }
                row.push(cell);
            }
        }
        (rows, bytes)
    }
}

fn cell_text(col: &dyn Array, i: usize) -> Cell {
    if col.is_null(i) {
        return Cell::Null;
    }
    match col.data_type() {
        DataType::Utf8 => Cell::Text(col.as_string::<i32>().value(i).to_owned()),
        DataType::LargeUtf8 => Cell::Text(col.as_string::<i64>().value(i).to_owned()),
        DataType::Utf8View => Cell::Text(col.as_string_view().value(i).to_owned()),
        DataType::Int32 => Cell::Other(col.as_primitive::<Int32Type>().value(i).to_string()),
        DataType::Int64 => Cell::Other(col.as_primitive::<Int64Type>().value(i).to_string()),
        DataType::UInt32 => Cell::Other(col.as_primitive::<UInt32Type>().value(i).to_string()),
        DataType::UInt64 => Cell::Other(col.as_primitive::<UInt64Type>().value(i).to_string()),
        _ => Cell::Null,
    }
}

impl BatchReader for ParquetReader {
    fn next_batch(&mut self) -> Option<Result<Batch, ReadError>> {
        if self.done {
            return None;
        }
        // parquet-rs panics on some corrupt files (found by fuzzing:
        // fuzz/regressions/parquet_open): contain it as a file error.
        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.inner.next()));
        let Ok(next) = next else {
            self.done = true;
            return Some(Err(ReadError::new(
                &self.source,
                ErrorKind::MalformedParquet,
                format!(
                    "corrupt data near row {}: the decoder failed",
                    self.next_row
                ),
            )));
        };
        match next? {
            Ok(rb) => {
                let first_row = self.next_row;
                self.next_row += rb.num_rows() as u64;
                let (rows, bytes) = Self::to_rows(&rb);
                if let Some(done) = self
                    .file_size
                    .saturating_mul(self.next_row - 1)
                    .checked_div(self.rows_total)
                {
                    self.bytes_done.store(done, Ordering::Relaxed);
                }
                Some(Ok(Batch {
                    source: self.source.id,
                    data: BatchData::Table {
                        first_row,
                        columns: Arc::clone(&self.columns),
                        rows,
                        header: None,
                        crlf: false,
                        arrow: Some(rb),
                    },
                    input_bytes: bytes,
                    errors: Vec::new(),
                    added_final_newline: false,
                }))
            }
            Err(e) => {
                self.done = true;
                Some(Err(ReadError::new(
                    &self.source,
                    ErrorKind::MalformedParquet,
                    format!("decoding stopped at row {}: {e}", self.next_row),
                )))
            }
        }
    }

    fn file_bytes_read(&self) -> u64 {
        self.bytes_done.load(Ordering::Relaxed)
    }
}
