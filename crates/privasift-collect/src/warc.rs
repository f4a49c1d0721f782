//! A streaming WARC 1.0/1.1 record reader (ISO 28500), plain or gzip with one
//! member per record (the Common Crawl layout; a file compressed as a single
//! stream works too).
//!
//! Our own reader rather than the `warc` crate: what matters here is what
//! happens on bad input. Every problem (a truncated record, a wrong
//! `Content-Length`, a header line without a colon, a corrupt gzip member, a
//! record over the size limit) is a [`RecordError`] naming the file, the byte
//! offset of the record (or of its gzip member) and its `WARC-Record-ID` when
//! known, and the reader carries on with the next record: in a plain file it
//! scans forward from the failed record for the next `WARC/1.` line; in a
//! gzip file it goes to the next member (scanning the raw bytes for a gzip
//! header when the member itself is corrupt). Memory is bounded by the
//! largest record body kept (`max_record_bytes`); bodies the caller does not
//! want are skipped without being held.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// What kind of problem a record had (the summary counts them by this).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// The file ends inside a record.
    Truncated,
    /// The version line or a header line is malformed.
    BadHeader,
    /// `Content-Length` is missing, not a number, or wrong (the block is not
    /// followed by the `CRLF CRLF` that ends a record).
    BadContentLength,
    /// A gzip member does not decompress.
    CorruptGzip,
    /// The record's block is over the size limit: skipped.
    RecordTooLarge,
    /// A `response` record whose block has no HTTP status line and headers.
    MissingHttpHeaders,
    /// An HTTP body that cannot be decoded (chunked or gzip encoding broken).
    BadHttpBody,
    /// A page whose text is not UTF-8 (nor a declared charset we decode).
    InvalidUtf8,
    /// Reading the file failed.
    Io,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Truncated => "truncated-record",
            ErrorKind::BadHeader => "bad-warc-header",
            ErrorKind::BadContentLength => "bad-content-length",
            ErrorKind::CorruptGzip => "corrupt-gzip",
            ErrorKind::RecordTooLarge => "record-too-large",
            ErrorKind::MissingHttpHeaders => "missing-http-headers",
            ErrorKind::BadHttpBody => "bad-http-body",
            ErrorKind::InvalidUtf8 => "invalid-utf8",
            ErrorKind::Io => "io",
        }
    }
}

/// A problem with one record. Its message never quotes the record's content.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}{}: {message}", path.display(), where_(*offset, *gzip), record_id.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct RecordError {
    pub path: PathBuf,
    /// Byte offset of the record in the file, or of its gzip member.
    pub offset: u64,
    pub gzip: bool,
    pub record_id: Option<String>,
    pub kind: ErrorKind,
    pub message: String,
}

fn where_(offset: u64, gzip: bool) -> String {
    if gzip {
        format!("record in the gzip member at byte {offset}")
    } else {
        format!("record at byte {offset}")
    }
}

/// One WARC record: its named fields and its block (the HTTP response for a
/// `response` record), or no block when the caller skipped it.
#[derive(Clone, Debug, Default)]
pub struct WarcRecord {
    /// Offset of the record (plain file) or of its gzip member.
    pub offset: u64,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
    /// The block's length as declared (also when it was skipped).
    pub content_length: u64,
    /// False when the block was not read (the caller did not want it).
    pub has_block: bool,
}

impl WarcRecord {
    /// The first value of a named field (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
    pub fn record_type(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }
    pub fn target_uri(&self) -> Option<&str> {
        // Some writers put the URI in angle brackets (WARC 1.0 grammar).
        self.header("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>'))
    }
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }
    pub fn date(&self) -> Option<&str> {
        self.header("WARC-Date")
    }
}

/// The first value of `name` in `headers` (case-insensitive).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Says, from a record's fields, whether to keep its block.
pub type WantBlock<'a> = &'a mut dyn FnMut(&[(String, String)]) -> bool;

/// How the reader treats record blocks.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// Blocks larger than this are skipped and reported as
    /// [`ErrorKind::RecordTooLarge`].
    pub max_record_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_record_bytes: 64 << 20,
        }
    }
}

/// Longest WARC header section accepted.
const MAX_HEADER_BYTES: usize = 256 << 10;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

enum State {
    Plain(BufReader<File>),
    /// Between gzip members.
    GzIdle(BufReader<File>),
    /// Inside a gzip member that starts at `start`.
    GzMember {
        dec: Box<BufReader<flate2::bufread::GzDecoder<BufReader<File>>>>,
        start: u64,
    },
    Done,
}

/// Reads the records of one WARC file in order.
pub struct WarcReader {
    path: PathBuf,
    state: State,
    opts: ReadOptions,
    gzip: bool,
    /// Offset in the decompressed stream (plain: in the file).
    pos: u64,
    size: u64,
}

enum Parsed {
    Record(WarcRecord),
    /// The stream (file or member) ended cleanly.
    End,
}

impl WarcReader {
    /// Opens a `.warc` or `.warc.gz` file; gzip is recognised by its magic
    /// bytes, not by the name.
    pub fn open(path: &Path, opts: ReadOptions) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let size = file.metadata().map_or(0, |m| m.len());
        let mut magic = [0u8; 3];
        let n = read_full(&mut file, &mut magic)?;
        file.seek(SeekFrom::Start(0))?;
        let gzip = n == 3 && magic == GZIP_MAGIC;
        let buf = BufReader::with_capacity(256 << 10, file);
        Ok(Self {
            path: path.to_path_buf(),
            state: if gzip {
                State::GzIdle(buf)
            } else {
                State::Plain(buf)
            },
            opts,
            gzip,
            pos: 0,
            size,
        })
    }

    pub fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Size of the file on disk.
    pub fn file_size(&self) -> u64 {
        self.size
    }

    /// The next record, or the next problem; `None` at the end of the file.
    /// `want_block` sees the record's fields and says whether to keep its
    /// block (a skipped block costs no memory).
    pub fn next_record(
        &mut self,
        want_block: WantBlock<'_>,
    ) -> Option<Result<WarcRecord, RecordError>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut r) => {
                    let start = self.pos;
                    let res = parse_record(&mut r, &mut self.pos, self.opts, want_block);
                    match res {
                        Ok(Parsed::End) => return None,
                        Ok(Parsed::Record(mut rec)) => {
                            rec.offset = start;
                            self.state = State::Plain(r);
                            return Some(Ok(rec));
                        }
                        Err(e) => {
                            let err = self.error(start, e);
                            // A block that was too large was skipped whole:
                            // the next record follows it.
                            if err.kind == ErrorKind::RecordTooLarge {
                                self.state = State::Plain(r);
                            } else {
                                match resync_plain(r, start) {
                                    Ok((r, at)) => {
                                        self.pos = at;
                                        self.state = State::Plain(r);
                                    }
                                    Err(_) => self.state = State::Done,
                                }
                            }
                            return Some(Err(err));
                        }
                    }
                }
                State::GzIdle(mut raw) => {
                    let start = match raw.stream_position() {
                        Ok(p) => p,
                        Err(e) => return Some(Err(self.io_error(0, &e))),
                    };
                    match raw.fill_buf() {
                        Ok([]) => return None,
                        Ok(_) => {}
                        Err(e) => return Some(Err(self.io_error(start, &e))),
                    }
                    self.pos = 0;
                    self.state = State::GzMember {
                        // Small: a buffer per member, and records are read
                        // with large reads that bypass it.
                        dec: Box::new(BufReader::with_capacity(
                            16 << 10,
                            flate2::bufread::GzDecoder::new(raw),
                        )),
                        start,
                    };
                }
                State::GzMember { mut dec, start } => {
                    let res = parse_record(&mut dec, &mut self.pos, self.opts, want_block);
                    match res {
                        Ok(Parsed::Record(mut rec)) => {
                            rec.offset = start;
                            self.state = State::GzMember { dec, start };
                            return Some(Ok(rec));
                        }
                        Ok(Parsed::End) => {
                            self.state = State::GzIdle(dec.into_inner().into_inner());
                        }
                        Err(e) => {
                            let gz_broken = e.gzip;
                            let mut err = self.error(start, e);
                            if !gz_broken {
                                // The record is bad but the member may be
                                // sound: finish it and go on with the next.
                                match io::copy(&mut dec, &mut io::sink()) {
                                    Ok(_) => {
                                        self.state = State::GzIdle(dec.into_inner().into_inner());
                                        return Some(Err(err));
                                    }
                                    Err(_) => {
                                        err.message.push_str(
                                            "; the rest of its gzip member does not decompress either",
                                        );
                                    }
                                }
                            }
                            let raw = dec.into_inner().into_inner();
                            match resync_gzip(raw, start) {
                                Ok(raw) => self.state = State::GzIdle(raw),
                                Err(_) => self.state = State::Done,
                            }
                            return Some(Err(err));
                        }
                    }
                }
            }
        }
    }

    fn error(&self, offset: u64, e: ParseError) -> RecordError {
        RecordError {
            path: self.path.clone(),
            offset,
            gzip: self.gzip,
            record_id: e.record_id,
            kind: e.kind,
            message: e.message,
        }
    }

    fn io_error(&self, offset: u64, e: &io::Error) -> RecordError {
        RecordError {
            path: self.path.clone(),
            offset,
            gzip: self.gzip,
            record_id: None,
            kind: ErrorKind::Io,
            message: format!("reading the file: {}", e.kind()),
        }
    }
}

struct ParseError {
    kind: ErrorKind,
    message: String,
    record_id: Option<String>,
    /// The gzip decompression itself failed (as opposed to the record).
    gzip: bool,
}

impl ParseError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            record_id: None,
            gzip: false,
        }
    }

    fn from_io(e: &io::Error, what: &str) -> Self {
        // flate2 reports corrupt data as InvalidInput/InvalidData and a
        // member cut short as UnexpectedEof.
        match e.kind() {
            io::ErrorKind::UnexpectedEof => Self {
                kind: ErrorKind::Truncated,
                message: format!("the file ends inside {what}"),
                record_id: None,
                gzip: true,
            },
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => Self {
                kind: ErrorKind::CorruptGzip,
                message: format!("the gzip data does not decompress ({what})"),
                record_id: None,
                gzip: true,
            },
            k => Self {
                kind: ErrorKind::Io,
                message: format!("reading {what}: {k}"),
                record_id: None,
                gzip: true,
            },
        }
    }

    fn id(mut self, id: Option<&str>) -> Self {
        self.record_id = id.map(str::to_owned);
        self
    }
}

/// Reads one record from `r` (decompressed bytes), advancing `pos`.
fn parse_record(
    r: &mut dyn BufRead,
    pos: &mut u64,
    opts: ReadOptions,
    want_block: WantBlock<'_>,
) -> Result<Parsed, ParseError> {
    let mut line = Vec::with_capacity(128);
    // Blank lines between records are tolerated.
    loop {
        line.clear();
        let n = read_line(r, &mut line, 64 << 10)
            .map_err(|e| ParseError::from_io(&e, "a record's version line"))?;
        *pos += n as u64;
        if n == 0 {
            return Ok(Parsed::End);
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    let version = trim_eol(&line);
    if !version.starts_with(b"WARC/1.") {
        return Err(ParseError::new(
            ErrorKind::BadHeader,
            "does not start with a WARC/1.0 or WARC/1.1 version line",
        ));
    }
    let mut headers: Vec<(String, String)> = Vec::with_capacity(16);
    let mut header_bytes = 0usize;
    loop {
        line.clear();
        let n = read_line(r, &mut line, 64 << 10)
            .map_err(|e| ParseError::from_io(&e, "the record's header"))?;
        *pos += n as u64;
        header_bytes += n;
        let id = header(&headers, "WARC-Record-ID").map(str::to_owned);
        let id = id.as_deref();
        if n == 0 {
            return Err(ParseError::new(
                ErrorKind::Truncated,
                "the file ends inside the record's header",
            )
            .id(id));
        }
        if header_bytes > MAX_HEADER_BYTES {
            return Err(ParseError::new(
                ErrorKind::BadHeader,
                format!("header longer than {} KiB", MAX_HEADER_BYTES >> 10),
            )
            .id(id));
        }
        let l = trim_eol(&line);
        if l.is_empty() {
            break;
        }
        if l.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            // A folded continuation line.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(String::from_utf8_lossy(l).trim());
                continue;
            }
        }
        let Some(colon) = memchr::memchr(b':', l) else {
            return Err(ParseError::new(
                ErrorKind::BadHeader,
                format!("header line {} has no colon", headers.len() + 1),
            )
            .id(id));
        };
        let (name, value) = l.split_at(colon);
        let name = String::from_utf8_lossy(name).trim().to_owned();
        let value = String::from_utf8_lossy(value.get(1..).unwrap_or_default())
            .trim()
            .to_owned();
        headers.push((name, value));
    }
    let id = header(&headers, "WARC-Record-ID").map(str::to_owned);
    let Some(len) = header(&headers, "Content-Length") else {
        return Err(
            ParseError::new(ErrorKind::BadContentLength, "no Content-Length field")
                .id(id.as_deref()),
        );
    };
    let Ok(len) = len.parse::<u64>() else {
        return Err(ParseError::new(
            ErrorKind::BadContentLength,
            "Content-Length is not a number",
        )
        .id(id.as_deref()));
    };
    let too_large = len > opts.max_record_bytes;
    let want = !too_large && want_block(&headers);
    let mut block = Vec::new();
    let got = if want {
        block.reserve(usize::try_from(len.min(16 << 20)).unwrap_or(0));
        r.take(len)
            .read_to_end(&mut block)
            .map_err(|e| ParseError::from_io(&e, "the record's block").id(id.as_deref()))?
            as u64
    } else {
        io::copy(&mut r.take(len), &mut io::sink())
            .map_err(|e| ParseError::from_io(&e, "the record's block").id(id.as_deref()))?
    };
    *pos += got;
    if got < len {
        return Err(ParseError::new(
            ErrorKind::Truncated,
            format!("the file ends {got} bytes into a block of Content-Length {len}"),
        )
        .id(id.as_deref()));
    }
    let mut end = [0u8; 4];
    let n = read_full(r, &mut end)
        .map_err(|e| ParseError::from_io(&e, "the record's end").id(id.as_deref()))?;
    *pos += n as u64;
    if n < 4 {
        return Err(ParseError::new(
            ErrorKind::Truncated,
            "the file ends before the CRLF CRLF that closes the record",
        )
        .id(id.as_deref()));
    }
    if end != *b"\r\n\r\n" {
        return Err(ParseError::new(
            ErrorKind::BadContentLength,
            format!(
                "wrong Content-Length ({len}): the block is not followed by the CRLF CRLF that closes a record"
            ),
        )
        .id(id.as_deref()));
    }
    if too_large {
        return Err(ParseError::new(
            ErrorKind::RecordTooLarge,
            format!(
                "block of {len} bytes is over the {}-byte limit: skipped",
                opts.max_record_bytes
            ),
        )
        .id(id.as_deref()));
    }
    Ok(Parsed::Record(WarcRecord {
        offset: 0,
        headers,
        block,
        content_length: len,
        has_block: want,
    }))
}

/// After a bad record at `start` in a plain file: the position of the next
/// line that starts with `WARC/1.`, and a reader there.
fn resync_plain(r: BufReader<File>, start: u64) -> io::Result<(BufReader<File>, u64)> {
    let mut file = r.into_inner();
    let from = start + 1;
    file.seek(SeekFrom::Start(from))?;
    let mut r = BufReader::with_capacity(256 << 10, file);
    let at = scan_for(&mut r, from, b"\nWARC/1.")?.map_or(u64::MAX, |p| p + 1);
    let mut file = r.into_inner();
    let at = if at == u64::MAX {
        file.seek(SeekFrom::End(0))?
    } else {
        file.seek(SeekFrom::Start(at))?
    };
    Ok((BufReader::with_capacity(256 << 10, file), at))
}

/// After a corrupt gzip member at `start`: a reader at the next gzip header.
fn resync_gzip(r: BufReader<File>, start: u64) -> io::Result<BufReader<File>> {
    let mut file = r.into_inner();
    let from = start + 1;
    file.seek(SeekFrom::Start(from))?;
    let mut r = BufReader::with_capacity(256 << 10, file);
    let at = scan_for(&mut r, from, &GZIP_MAGIC)?;
    let mut file = r.into_inner();
    match at {
        Some(p) => file.seek(SeekFrom::Start(p))?,
        None => file.seek(SeekFrom::End(0))?,
    };
    Ok(BufReader::with_capacity(256 << 10, file))
}

/// Absolute offset of the next occurrence of `needle`, reading from `r`
/// whose first byte is at offset `from`.
fn scan_for(r: &mut BufReader<File>, from: u64, needle: &[u8]) -> io::Result<Option<u64>> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut base = from;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        let mut hay = std::mem::take(&mut carry);
        let carried = hay.len() as u64;
        hay.extend_from_slice(buf);
        if let Some(i) = finder.find(&hay) {
            return Ok(Some(base - carried + i as u64));
        }
        let n = buf.len();
        r.consume(n);
        base += n as u64;
        let keep = needle.len().saturating_sub(1).min(hay.len());
        carry = hay.split_off(hay.len() - keep);
    }
}

/// Reads up to and including `\n`, at most `limit` bytes (a longer line is
/// cut, and the rest is read as the next line, which then fails to parse).
fn read_line(r: &mut dyn BufRead, out: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut total = 0;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(total);
        }
        let room = limit - total;
        let (n, done) = match memchr::memchr(b'\n', buf) {
            Some(i) if i < room => (i + 1, true),
            _ => (buf.len().min(room), false),
        };
        out.extend_from_slice(buf.get(..n).unwrap_or_default());
        r.consume(n);
        total += n;
        if done || total >= limit {
            return Ok(total);
        }
    }
}

fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(buf.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Writes WARC/1.1 records, plain or one gzip member per record: for tests,
/// benchmarks and fixtures.
pub struct WarcWriter<W: io::Write> {
    out: W,
    gzip: bool,
}

impl<W: io::Write> WarcWriter<W> {
    pub fn new(out: W, gzip: bool) -> Self {
        Self { out, gzip }
    }

    /// Writes one record with the given fields (`Content-Length` is added)
    /// and block.
    pub fn write(&mut self, fields: &[(&str, &str)], block: &[u8]) -> io::Result<()> {
        let mut rec = Vec::with_capacity(block.len() + 512);
        rec.extend_from_slice(b"WARC/1.1\r\n");
        for (n, v) in fields {
            rec.extend_from_slice(n.as_bytes());
            rec.extend_from_slice(b": ");
            rec.extend_from_slice(v.as_bytes());
            rec.extend_from_slice(b"\r\n");
        }
        rec.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        rec.extend_from_slice(block);
        rec.extend_from_slice(b"\r\n\r\n");
        self.write_raw(&rec)
    }

    /// Writes bytes as they are (one gzip member when compressing): for
    /// deliberately broken records.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.gzip {
            let mut gz = flate2::write::GzEncoder::new(&mut self.out, flate2::Compression::fast());
            gz.write_all(bytes)?;
            gz.finish()?;
            Ok(())
        } else {
            self.out.write_all(bytes)
        }
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

use std::io::Write as _;
