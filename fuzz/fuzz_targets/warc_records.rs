//! The WARC reader and the page pipeline of `collect filter`.
//!
//! Input: a control byte, then the file. Control bit 0: compress the data
//! as one gzip member per `\0\0`-separated chunk (so members can be many,
//! empty, or hold several records); bit 1: a tiny record-size limit.
//!
//! Checks beyond "no panic": the reader ends (at most one result per input
//! byte, plus a few); offsets never go past the file; an error message's
//! own text (file path and record id aside) quotes nothing of the input
//! beyond the reader's wording; every block parses or fails cleanly as an
//! HTTP response; then `collect filter` over the file (default policy, no
//! extraction) counts every record and page it read.
#![no_main]

use std::io::Write as _;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use privasift_collect::filter::{Exclusion, FilterOptions, KeptPage, Sink};
use privasift_collect::warc::{ReadOptions, RecordError, WarcReader};
use privasift_collect::{Policy, http};
use privasift_fuzz::Scratch;

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| Scratch::new("warc_records"));
static POLICY: LazyLock<Policy> = LazyLock::new(Policy::default);

/// What the reader's messages say in their own words.
const WORDING: &str = "does not start with a WARC/1.0 or WARC/1.1 version line; the file ends inside the record's header; header longer than KiB; header line has no colon; no Content-Length field; Content-Length is not a number; the file ends bytes into a block of Content-Length; the file ends before the CRLF CRLF that closes the record; wrong Content-Length: the block is not followed by the CRLF CRLF that closes a record; block of bytes is over the -byte limit: skipped; the gzip data does not decompress (a record's version line) (the record's block) (the record's end); the rest of its gzip member does not decompress either; reading the file";

struct Count(u64, u64, u64);

impl Sink for Count {
    fn kept(&mut self, _: usize, _: &KeptPage) -> Result<(), String> {
        self.0 += 1;
        Ok(())
    }
    fn excluded(&mut self, _: &Exclusion<'_>) -> Result<(), String> {
        self.1 += 1;
        Ok(())
    }
    fn error(&mut self, _: usize, _: &RecordError) -> Result<(), String> {
        self.2 += 1;
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let bytes = if control & 1 == 1 {
        let mut out = Vec::new();
        for chunk in rest.split(|&b| b == 0).filter(|c| !c.is_empty()) {
            let mut gz = flate2::write::GzEncoder::new(&mut out, flate2::Compression::fast());
            gz.write_all(chunk).expect("in memory");
            gz.finish().expect("in memory");
        }
        out
    } else {
        rest.to_vec()
    };
    let max = if control & 2 == 2 { 16 } else { 1 << 20 };
    let path = SCRATCH.write("input.warc", &bytes);
    let mut r = WarcReader::open(&path, ReadOptions { max_record_bytes: max }).expect("scratch file");
    let mut results = 0usize;
    let mut records = 0u64;
    while let Some(rec) = r.next_record(&mut |_| true) {
        results += 1;
        assert!(results <= bytes.len() + 2, "the reader does not end");
        match rec {
            Ok(rec) => {
                records += 1;
                assert!(rec.offset <= bytes.len() as u64);
                assert!(rec.block.len() as u64 <= max);
                let _ = http::parse_response(&rec.block, max);
            }
            Err(e) => {
                assert!(e.offset <= bytes.len() as u64);
                let msg = e.message.as_bytes();
                for w in msg.windows(6) {
                    if w.iter().any(u8::is_ascii_alphabetic)
                        && rest.windows(6).any(|x| x == w)
                        && !WORDING.as_bytes().windows(6).any(|x| x == w)
                    {
                        panic!("message quotes the input: {:?}", e.message);
                    }
                }
            }
        }
    }
    let opts = FilterOptions {
        max_record_bytes: max,
        extract: false,
        robots_cache: None,
        threads: 1,
    };
    let mut c = Count(0, 0, 0);
    let s = privasift_collect::filter(&[path], &POLICY, None, &opts, &mut c).expect("scratch file");
    assert_eq!(s.kept, c.0);
    assert_eq!(s.excluded, c.1);
    assert_eq!(s.errors, c.2);
    assert!(s.kept + s.excluded <= s.pages_read);
    assert!(s.records_read >= records);
});
