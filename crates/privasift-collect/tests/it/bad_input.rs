//! Bad input: each problem is a clear message naming file and record,
//! counted, and the run goes on; nothing panics.

use privasift_collect::Policy;
use privasift_collect::filter::FilterOptions;
use privasift_collect::warc::{ErrorKind, ReadOptions, WarcReader};

use crate::{Crawl, run, run_with};

fn record(id: &str, url: &str, block: &[u8], declared_len: usize) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: {id}\r\nWARC-Date: 2025-03-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {declared_len}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page_block(text: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
        crate::html("", text)
    )
    .into_bytes()
}

#[test]
fn wrong_content_length_then_the_next_record() {
    let dir = tempfile::tempdir().unwrap();
    for gz in [false, true] {
        let mut c = Crawl::new(gz);
        let block = page_block(crate::ENGLISH);
        // Declared 40 bytes too short: the block is not followed by CRLF CRLF.
        c.raw(&record(
            "<urn:uuid:bad-length>",
            "https://w.example/bad",
            &block,
            block.len() - 40,
        ));
        c.page("https://w.example/good", &[], "");
        let p = c.save(dir.path(), if gz { "w.warc.gz" } else { "w.warc" });
        let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
        assert_eq!(got.errors.len(), 1, "gzip {gz}: {:?}", got.errors);
        let e = &got.errors[0];
        assert_eq!(e.kind, ErrorKind::BadContentLength);
        let msg = e.to_string();
        assert!(msg.contains(&p.display().to_string()), "{msg}");
        assert!(msg.contains("<urn:uuid:bad-length>"), "{msg}");
        assert!(msg.contains("Content-Length"), "{msg}");
        assert!(!msg.contains("harbour"), "{msg}");
        assert_eq!(got.outcome("https://w.example/good"), "kept", "gzip {gz}");
        assert_eq!(s.errors_by_kind.get("bad-content-length"), Some(&1));
    }
}

#[test]
fn truncated_record_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    for gz in [false, true] {
        let mut c = Crawl::new(gz);
        c.page("https://t.example/first", &[], "");
        let block = page_block(crate::ENGLISH);
        let rec = record(
            "<urn:uuid:cut>",
            "https://t.example/cut",
            &block,
            block.len(),
        );
        c.raw(&rec);
        let p = c.save(dir.path(), if gz { "t.warc.gz" } else { "t.warc" });
        // Cut the file in the middle of the last record.
        let bytes = std::fs::read(&p).unwrap();
        let cut = bytes.len() - if gz { 200 } else { rec.len() / 2 };
        std::fs::write(&p, &bytes[..cut]).unwrap();
        let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
        assert_eq!(got.outcome("https://t.example/first"), "kept", "gzip {gz}");
        assert_eq!(got.errors.len(), 1, "gzip {gz}: {:?}", got.errors);
        let e = &got.errors[0];
        assert!(
            matches!(e.kind, ErrorKind::Truncated | ErrorKind::CorruptGzip),
            "{:?}",
            e.kind
        );
        let msg = e.to_string();
        assert!(
            msg.contains(&p.display().to_string()) && msg.contains("byte"),
            "{msg}"
        );
        assert_eq!(s.errors, 1);
    }
}

#[test]
fn corrupt_gzip_member_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.page("https://z.example/before", &[], "");
    let mut bad = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(
        &mut bad,
        &record(
            "<urn:uuid:z>",
            "https://z.example/bad",
            &page_block(crate::ENGLISH),
            10,
        ),
    )
    .unwrap();
    let mut bad = bad.finish().unwrap();
    // Damage the deflate data (past the 10-byte gzip header).
    for b in bad.iter_mut().skip(14).take(30) {
        *b ^= 0x5a;
    }
    let mut bytes = {
        let p = c.save(dir.path(), "z.warc.gz");
        std::fs::read(p).unwrap()
    };
    bytes.extend_from_slice(&bad);
    let mut after = Crawl::new(true);
    after.page("https://z.example/after", &[], "");
    let tail = after.save(dir.path(), "tail.warc.gz");
    bytes.extend_from_slice(&std::fs::read(&tail).unwrap());
    std::fs::remove_file(&tail).unwrap();
    let p = dir.path().join("z.warc.gz");
    std::fs::write(&p, &bytes).unwrap();
    let (got, s) = run(&[p], &Policy::default());
    assert_eq!(got.outcome("https://z.example/before"), "kept");
    assert_eq!(got.outcome("https://z.example/after"), "kept");
    assert!(s.errors >= 1);
    assert!(
        got.errors.iter().any(|e| e.kind == ErrorKind::CorruptGzip),
        "{:?}",
        got.errors
    );
}

#[test]
fn response_without_headers_and_non_utf8_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    let block = crate::html("", crate::ENGLISH).into_bytes();
    c.raw(&record(
        "<urn:uuid:noheaders>",
        "https://h.example/raw",
        &block,
        block.len(),
    ));
    let mut latin = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>".to_vec();
    latin.extend_from_slice(&b"caf\xe9 cr\xe8me ".repeat(50));
    latin.extend_from_slice(b"</p></body></html>");
    c.raw(&record(
        "<urn:uuid:latin>",
        "https://h.example/latin",
        &latin,
        latin.len(),
    ));
    // Declared windows-1252: decoded, kept.
    let mut declared =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n".to_vec();
    declared.extend_from_slice(crate::html("", crate::ENGLISH).as_bytes());
    declared.extend_from_slice(b"<p>caf\xe9</p>");
    c.raw(&record(
        "<urn:uuid:declared>",
        "https://h.example/declared",
        &declared,
        declared.len(),
    ));
    c.page("https://h.example/fine", &[], "");
    let p = c.save(dir.path(), "h.warc.gz");
    let (got, s) = run(&[p], &Policy::default());
    let kinds: Vec<ErrorKind> = got.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![ErrorKind::MissingHttpHeaders, ErrorKind::InvalidUtf8]
    );
    assert!(got.errors[0].to_string().contains("<urn:uuid:noheaders>"));
    assert!(got.errors[1].to_string().contains("not UTF-8"));
    assert!(!got.errors[1].to_string().contains("caf"));
    assert_eq!(got.outcome("https://h.example/declared"), "kept");
    assert_eq!(got.outcome("https://h.example/fine"), "kept");
    assert_eq!(s.errors_by_kind.get("missing-http-headers"), Some(&1));
    assert_eq!(s.errors_by_kind.get("invalid-utf8"), Some(&1));
}

#[test]
fn oversized_record_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(false);
    let big = format!("{} ", crate::ENGLISH).repeat(200);
    c.page("https://big.example/small", &[], "");
    c.fetch(
        "https://big.example/huge",
        200,
        &[("Content-Type", "text/plain")],
        big.as_bytes(),
    );
    c.page("https://big.example/after", &[], "");
    let p = c.save(dir.path(), "big.warc");
    let opts = FilterOptions {
        max_record_bytes: 20_000,
        ..FilterOptions::default()
    };
    let (got, s) = run_with(&[p], &Policy::default(), &opts);
    assert_eq!(s.errors_by_kind.get("record-too-large"), Some(&1));
    assert_eq!(got.outcome("https://big.example/after"), "kept");
    assert_eq!(got.outcome("https://big.example/small"), "kept");
}

#[test]
fn garbage_and_empty_files_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.warc", Vec::new()),
        ("junk.warc", b"hello\nthis is not a warc\n".to_vec()),
        ("junk.warc.gz", vec![0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5]),
        (
            "header.warc",
            b"WARC/1.1\r\nWARC-Type: response\r\nno colon here\r\n\r\n".to_vec(),
        ),
        (
            "nolength.warc",
            b"WARC/1.1\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n".to_vec(),
        ),
        (
            "badlength.warc",
            b"WARC/1.1\r\nContent-Length: -5\r\n\r\n".to_vec(),
        ),
        (
            "huge-length.warc",
            b"WARC/1.1\r\nContent-Length: 99999999999999\r\n\r\nabc".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let (got, s) = run(std::slice::from_ref(&p), &Policy::default());
        assert_eq!(s.kept, 0, "{name}");
        for e in &got.errors {
            assert!(e.to_string().contains(name), "{name}: {e}");
        }
        if !bytes.is_empty() {
            assert!(s.errors >= 1, "{name}");
        }
    }
}

#[test]
fn reader_reports_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Crawl::new(true);
    c.page("https://o.example/a", &[], "");
    c.page("https://o.example/b", &[], "");
    let p = c.save(dir.path(), "o.warc.gz");
    let mut r = WarcReader::open(&p, ReadOptions::default()).unwrap();
    let mut offsets = Vec::new();
    while let Some(rec) = r.next_record(&mut |_| false) {
        offsets.push(rec.unwrap().offset);
    }
    // warcinfo + 2 × (request, response, metadata), each its own member.
    assert_eq!(offsets.len(), 7);
    assert_eq!(offsets[0], 0);
    assert!(offsets.windows(2).all(|w| w[0] < w[1]));
}

/// A poor man's fuzzer that runs on stable in every `cargo test`: a crawl
/// with every kind of record, damaged in many deterministic ways (bytes
/// flipped, cut, inserted, gzip members spliced), read to the end without a
/// panic, every problem counted.
#[test]
fn damaged_crawls_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    for gz in [false, true] {
        let mut crawl = Crawl::new(gz);
        crawl.robots("m.example", 200, b"User-agent: GPTBot\nDisallow: /x\n");
        crawl.fetch(
            "https://m.example/.well-known/tdmrep.json",
            200,
            &[("Content-Type", "application/json")],
            br#"[{"location":"/r*","tdm-reservation":1}]"#,
        );
        crawl.page(
            "https://m.example/a",
            &[("tdm-reservation", "0")],
            r#"<meta name="robots" content="noai">"#,
        );
        crawl.page("https://m.example/x", &[], "");
        crawl.page(
            "https://m.example/r",
            &[("Transfer-Encoding", "chunked")],
            "",
        );
        crawl.page("https://www.doctolib.fr/", &[], "");
        let path = crawl.save(dir.path(), if gz { "m.warc.gz" } else { "m.warc" });
        let original = std::fs::read(&path).unwrap();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..150 {
            let mut bytes = original.clone();
            let len = bytes.len() as u64;
            match round % 5 {
                0 => {
                    for _ in 0..=(next() % 8) {
                        let i = (next() % len) as usize;
                        bytes[i] ^= (next() % 255 + 1) as u8;
                    }
                }
                1 => bytes.truncate((next() % len) as usize),
                2 => {
                    let i = (next() % len) as usize;
                    let junk: Vec<u8> = (0..(next() % 64)).map(|_| next() as u8).collect();
                    bytes.splice(i..i, junk);
                }
                3 => {
                    let i = (next() % len) as usize;
                    let len = (next() % 200) as usize;
                    bytes.drain(i..(i + len).min(bytes.len()));
                }
                _ => {
                    // A piece of the file copied elsewhere.
                    let i = (next() % len) as usize;
                    let j = (next() % len) as usize;
                    let piece: Vec<u8> = bytes[i..(i + 300).min(bytes.len())].to_vec();
                    bytes.splice(j..j, piece);
                }
            }
            let q = dir.path().join(format!(
                "damaged-{round}.warc{}",
                if gz { ".gz" } else { "" }
            ));
            std::fs::write(&q, &bytes).unwrap();
            let (got, s) = run(std::slice::from_ref(&q), &Policy::default());
            assert_eq!(got.errors.len() as u64, s.errors);
            assert!(s.kept + s.excluded <= s.pages_read);
            for e in &got.errors {
                assert!(e.to_string().contains("damaged-"), "{e}");
            }
            std::fs::remove_file(&q).unwrap();
        }
    }
}
