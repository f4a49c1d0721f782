//! CSV and TSV: a header row names the columns; rows are parsed on the I/O
//! thread (quoted newlines make cutting raw bytes unsafe).

use std::sync::Arc;

use crate::{
    Batch, BatchData, BatchReader, Cell, ErrorKind, Format, Location, ReadError, ReadOptions,
    RecordError, Row, Source,
};

pub(crate) struct CsvReader {
    source: Source,
    reader: csv::Reader<std::io::BufReader<Box<dyn std::io::Read + Send>>>,
    counter: Arc<crate::compress::ReadTally>,
    columns: Arc<[String]>,
    /// The header row as written, when the first row is a header.
    header: Option<Arc<[String]>>,
    /// Rows end with `\r\n`.
    crlf: bool,
    record: csv::ByteRecord,
    next_row: u64,
    batch_bytes: usize,
    max_record: usize,
    done: bool,
    /// A read error met after some rows were read: returned next.
    pending_error: Option<ReadError>,
    /// The first row, when it turned out to be data rather than a header.
    pending: Option<csv::ByteRecord>,
}

impl CsvReader {
    pub(crate) fn open(source: &Source, opts: &ReadOptions) -> Result<Self, ReadError> {
        let (input, counter) = crate::compress::open_decompressed(source, opts.digest)?;
        // Peek at the first line's ending, so writers can give rows back
        // with the same line terminator.
        let mut input = std::io::BufReader::with_capacity(1 << 16, input);
        let crlf = {
            use std::io::BufRead as _;
            let head = input.fill_buf().unwrap_or_default();
            memchr::memchr(b'\n', head).is_some_and(|i| i > 0 && head[i - 1] == b'\r')
        };
        let delimiter = if source.format == Format::Tsv {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let headers = reader
            .byte_headers()
            .map_err(|e| {
                ReadError::new(
                    source,
                    csv_kind(&e),
                    format!("cannot read the header row: {}", describe(&e)),
                )
            })?
            .clone();
        let names: Vec<String> = headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_owned())
            .collect();
        // A first row whose cells read like values (an e-mail, a number) is
        // data, not a header: its cells are scanned, and columns get
        // positional names so no value ends up in a report as a name.
        let is_header = names
            .iter()
            .all(|n| n.is_empty() || crate::looks_like_name(n));
        let columns: Arc<[String]> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if n.is_empty() || !is_header {
                    format!("column_{}", i + 1)
                } else {
                    n.clone()
                }
            })
            .collect();
        let header: Option<Arc<[String]>> = is_header.then(|| {
            headers
                .iter()
                .map(|h| String::from_utf8_lossy(h).into_owned())
                .collect()
        });
        let pending = (!is_header).then_some(headers);
        Ok(Self {
            source: source.clone(),
            reader,
            counter,
            columns,
            header,
            crlf,
            record: csv::ByteRecord::new(),
            next_row: 1,
            batch_bytes: opts.batch_bytes.max(1),
            max_record: opts.max_record_bytes,
            done: false,
            pending_error: None,
            pending,
        })
    }
}

fn csv_kind(e: &csv::Error) -> ErrorKind {
    match e.kind() {
        csv::ErrorKind::Io(io)
            if io.kind() == std::io::ErrorKind::UnexpectedEof
                || io.kind() == std::io::ErrorKind::InvalidData =>
        {
            ErrorKind::Truncated
        }
        csv::ErrorKind::Io(_) => ErrorKind::Io,
        csv::ErrorKind::Utf8 { .. } => ErrorKind::InvalidUtf8,
        csv::ErrorKind::UnequalLengths { .. } => ErrorKind::WrongColumnCount,
        _ => ErrorKind::Io,
    }
}

/// csv's messages name positions, not content; keep only what is safe.
fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("read error: {io}"),
        csv::ErrorKind::Utf8 { pos, err } => {
            format!(
                "invalid UTF-8 in field {} at line {}",
                err.field() + 1,
                pos.as_ref().map_or(0, csv::Position::line)
            )
        }
        _ => "malformed CSV".to_owned(),
    }
}

impl BatchReader for CsvReader {
    fn next_batch(&mut self) -> Option<Result<Batch, ReadError>> {
        if self.done {
            return self.pending_error.take().map(Err);
        }
        let first_row = self.next_row;
        let mut rows: Vec<Row> = Vec::new();
        let mut errors = Vec::new();
        let mut bytes = 0usize;
        while bytes < self.batch_bytes {
            let next = match self.pending.take() {
                Some(first) => {
                    self.record = first;
                    Ok(true)
                }
                None => self.reader.read_byte_record(&mut self.record),
            };
            match next {
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Ok(true) => {}
                Err(e) => {
                    self.done = true;
                    let err = ReadError::new(
                        &self.source,
                        csv_kind(&e),
                        format!("reading stopped at row {}: {}", self.next_row, describe(&e)),
                    );
                    if rows.is_empty() && errors.is_empty() {
                        return Some(Err(err));
                    }
                    // Deliver what was read; the error ends the file.
                    self.pending_error = Some(err);
                    break;
                }
            }
            let row_no = self.next_row;
            self.next_row += 1;
            let size: usize = self.record.as_slice().len();
            bytes += size + self.record.len();
            if size > self.max_record {
                errors.push(RecordError::new(
                    self.source.id,
                    Location::Row(row_no),
                    ErrorKind::RecordTooLarge,
                    format!("row of {size} bytes exceeds the maximum of {} bytes (--max-record-bytes); skipped", self.max_record),
                ));
                rows.push(Vec::new());
                continue;
            }
            if self.record.len() != self.columns.len() {
                errors.push(RecordError::new(
                    self.source.id,
                    Location::Row(row_no),
                    ErrorKind::WrongColumnCount,
                    format!(
                        "{} cells where the header has {} columns; cells scanned by position",
                        self.record.len(),
                        self.columns.len()
                    ),
                ));
            }
            let mut row = Vec::with_capacity(self.record.len());
            for (i, cell) in self.record.iter().enumerate() {
                let text = match crate::utf8(cell) {
                    Ok(s) => s.to_owned(),
                    Err(e) => {
                        let name = self
                            .columns
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| format!("column_{}", i + 1));
                        errors.push(
                            RecordError::new(
                                self.source.id,
                                Location::Row(row_no),
                                ErrorKind::InvalidUtf8,
                                format!("invalid UTF-8 at byte {}; scanned with invalid bytes replaced by U+FFFD", e.valid_up_to()),
                            )
                            .with_field(name),
                        );
                        String::from_utf8_lossy(cell).into_owned()
                    }
                };
                row.push(Cell::Text(text));
            }
            rows.push(row);
        }
        if rows.is_empty() && errors.is_empty() {
            return None;
        }
        Some(Ok(Batch {
            source: self.source.id,
            data: BatchData::Table {
                first_row,
                columns: Arc::clone(&self.columns),
                rows,
                header: self.header.clone(),
                crlf: self.crlf,
                #[cfg(feature = "parquet")]
                arrow: None,
            },
            input_bytes: bytes as u64,
            errors,
            added_final_newline: false,
        }))
    }

    fn file_bytes_read(&self) -> u64 {
        self.counter.bytes()
    }

    fn digest(&self) -> Option<String> {
        self.counter.digest(self.source.size)
    }
}
