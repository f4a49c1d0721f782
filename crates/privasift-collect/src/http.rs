//! The HTTP response inside a WARC `response` record: status, headers and
//! body (de-chunked and gunzipped when the crawler stored it encoded).

use std::io::Read as _;

use crate::warc::ErrorKind;

/// A parsed HTTP response.
#[derive(Clone, Debug, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::warc::header(&self.headers, name)
    }

    /// Every value of a header, in order.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lower case, without parameters.
    pub fn media_type(&self) -> String {
        self.header("Content-Type")
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// The `charset` parameter of `Content-Type`, lower case.
    pub fn charset(&self) -> Option<String> {
        let ct = self.header("Content-Type")?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
        })
    }
}

/// Why a response block could not be read.
#[derive(Clone, Debug)]
pub struct HttpError {
    pub kind: ErrorKind,
    pub message: String,
}

/// Longest HTTP header section accepted.
const MAX_HEAD: usize = 128 << 10;

/// Parses the block of a `response` record. Bodies are decoded when the
/// crawler kept `Transfer-Encoding: chunked` or `Content-Encoding: gzip`;
/// the decoded body is limited to `max_body` bytes.
pub fn parse_response(block: &[u8], max_body: u64) -> Result<Response, HttpError> {
    let missing = |m: &str| HttpError {
        kind: ErrorKind::MissingHttpHeaders,
        message: m.to_owned(),
    };
    if !block.starts_with(b"HTTP/") {
        return Err(missing(
            "response record without an HTTP status line and headers",
        ));
    }
    let head_end = memchr::memmem::find(
        block.get(..MAX_HEAD.min(block.len())).unwrap_or(block),
        b"\r\n\r\n",
    )
    .map(|i| (i, i + 4))
    .or_else(|| {
        memchr::memmem::find(
            block.get(..MAX_HEAD.min(block.len())).unwrap_or(block),
            b"\n\n",
        )
        .map(|i| (i, i + 2))
    });
    let Some((head_len, body_start)) = head_end else {
        return Err(missing(
            "response record whose HTTP headers do not end (no blank line)",
        ));
    };
    let head = String::from_utf8_lossy(block.get(..head_len).unwrap_or_default());
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| missing("response record whose HTTP status line has no status code"))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let raw = block.get(body_start..).unwrap_or_default();
    let mut resp = Response {
        status,
        headers,
        body: Vec::new(),
    };
    let chunked = resp
        .header("Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(raw).ok_or_else(|| HttpError {
            kind: ErrorKind::BadHttpBody,
            message: "the chunked body is malformed".into(),
        })?
    } else {
        raw.to_vec()
    };
    let gz = resp
        .header("Content-Encoding")
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "gzip" || v == "x-gzip");
    resp.body = if gz && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .take(max_body)
            .read_to_end(&mut out)
            .map_err(|_| HttpError {
                kind: ErrorKind::BadHttpBody,
                message: "the gzip-encoded body does not decompress".into(),
            })?;
        out
    } else {
        body
    };
    Ok(resp)
}

/// Removes HTTP/1.1 chunked framing; `None` when malformed.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let eol = memchr::memchr(b'\n', raw)?;
        let size_line = std::str::from_utf8(raw.get(..eol)?).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = raw.get(eol + 1..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))
            .unwrap_or(raw);
        if raw.is_empty() {
            // Tolerate a missing last chunk.
            return Some(out);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_headers_body() {
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nX-Robots-Tag: noai\r\n\r\n<p>hi</p>",
            1 << 20,
        )
        .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type(), "text/html");
        assert_eq!(r.charset().as_deref(), Some("utf-8"));
        assert_eq!(r.header("x-robots-tag"), Some("noai"));
        assert_eq!(r.body, b"<p>hi</p>");
    }

    #[test]
    fn dechunks() {
        let r = parse_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
            1 << 20,
        )
        .unwrap();
        assert_eq!(r.body, b"abcde");
    }

    #[test]
    fn no_headers_is_an_error() {
        let e = parse_response(b"<html>no headers</html>", 1 << 20).unwrap_err();
        assert_eq!(e.kind, ErrorKind::MissingHttpHeaders);
        assert!(!e.message.contains("html"));
    }
}
