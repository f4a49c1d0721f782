//! Tests that build their own WARC files (WARC/1.1, written by the crate's
//! `WarcWriter` following ISO 28500: version line, named fields,
//! `Content-Length`, block, CRLF CRLF; one gzip member per record), then
//! filter them and check the decision and reason of every page.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::type_complexity,
    clippy::format_push_string
)]

mod bad_input;
mod signals;

use std::path::{Path, PathBuf};

use privasift_collect::filter::{Exclusion, FilterOptions, KeptPage, Sink};
use privasift_collect::warc::{RecordError, WarcWriter};
use privasift_collect::{Policy, Summary};

/// A crawl being written: request, response and metadata records per page,
/// Common Crawl style.
pub struct Crawl {
    w: WarcWriter<Vec<u8>>,
    n: u32,
}

impl Crawl {
    pub fn new(gzip: bool) -> Self {
        let mut c = Self {
            w: WarcWriter::new(Vec::new(), gzip),
            n: 0,
        };
        c.w.write(
            &[
                ("WARC-Type", "warcinfo"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000000>",
                ),
                ("WARC-Date", "2025-03-01T10:00:00Z"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: privasift tests\r\nformat: WARC File Format 1.1\r\n",
        )
        .unwrap();
        c
    }

    fn id(&mut self) -> String {
        self.n += 1;
        format!("<urn:uuid:00000000-0000-4000-8000-{:012}>", self.n)
    }

    /// A fetch of `url`: request, response (with the HTTP status, headers
    /// and body) and metadata records. Returns the response's record id.
    pub fn fetch(
        &mut self,
        url: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> String {
        self.fetch_on(url, "2025-03-01T10:00:00Z", status, headers, body)
    }

    pub fn fetch_on(
        &mut self,
        url: &str,
        date: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> String {
        let req_id = self.id();
        let resp_id = self.id();
        let meta_id = self.id();
        let host = url::Url::parse(url).unwrap().host_str().unwrap().to_owned();
        let req = format!(
            "GET {} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n\r\n",
            url::Url::parse(url).unwrap().path()
        );
        self.w
            .write(
                &[
                    ("WARC-Type", "request"),
                    ("WARC-Record-ID", &req_id),
                    ("WARC-Date", date),
                    ("WARC-Target-URI", url),
                    ("WARC-Concurrent-To", &resp_id),
                    ("Content-Type", "application/http; msgtype=request"),
                ],
                req.as_bytes(),
            )
            .unwrap();
        let mut block = format!("HTTP/1.1 {status} X\r\n");
        for (n, v) in headers {
            block.push_str(&format!("{n}: {v}\r\n"));
        }
        block.push_str("\r\n");
        let mut block = block.into_bytes();
        block.extend_from_slice(body);
        self.w
            .write(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", &resp_id),
                    ("WARC-Date", date),
                    ("WARC-Target-URI", url),
                    ("Content-Type", "application/http; msgtype=response"),
                ],
                &block,
            )
            .unwrap();
        self.w
            .write(
                &[
                    ("WARC-Type", "metadata"),
                    ("WARC-Record-ID", &meta_id),
                    ("WARC-Date", date),
                    ("WARC-Target-URI", url),
                    ("WARC-Refers-To", &resp_id),
                    ("Content-Type", "application/warc-fields"),
                ],
                b"fetchTimeMs: 120\r\n",
            )
            .unwrap();
        resp_id
    }

    /// An HTML page with an article's worth of English text.
    pub fn page(&mut self, url: &str, headers: &[(&str, &str)], head: &str) -> String {
        let mut h = vec![("Content-Type", "text/html; charset=utf-8")];
        h.extend_from_slice(headers);
        self.fetch(url, 200, &h, html(head, ENGLISH).as_bytes())
    }

    pub fn robots(&mut self, host: &str, status: u16, body: &[u8]) {
        self.fetch(
            &format!("https://{host}/robots.txt"),
            status,
            &[("Content-Type", "text/plain")],
            body,
        );
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        self.w.write_raw(bytes).unwrap();
    }

    pub fn save(self, dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, self.w.into_inner()).unwrap();
        p
    }
}

pub const ENGLISH: &str = "The harbour town wakes slowly in winter. Fishermen mend their nets on the quay while the bakery fills the street with the smell of bread. Children walk to school along the sea wall, counting the boats that came back in the night. In the afternoon the library opens its doors and the old reading room fills with people who come to read newspapers and talk about the weather, the tides and the price of fish.";
pub const FRENCH: &str = "Le village se réveille lentement en hiver. Les pêcheurs réparent leurs filets sur le quai pendant que la boulangerie remplit la rue d'une odeur de pain chaud. Les enfants vont à l'école le long de la digue en comptant les bateaux rentrés dans la nuit. L'après-midi, la bibliothèque ouvre ses portes et la vieille salle de lecture se remplit de gens qui viennent lire le journal et parler du temps.";

pub fn html(head: &str, text: &str) -> String {
    format!(
        "<!doctype html><html><head><title>A page</title>{head}</head><body><nav><a href=\"/\">Home</a> | <a href=\"/contact\">Contact</a></nav><article><h1>Winter</h1><p>{text}</p><p>{text}</p><p>{text}</p></article><footer>Legal notice</footer></body></html>"
    )
}

/// Everything a run produced.
#[derive(Default)]
pub struct Collected {
    pub kept: Vec<KeptPage>,
    /// (url, reason code, signal, reason, all codes, category)
    pub excluded: Vec<(String, String, String, String, Vec<String>, Option<String>)>,
    pub errors: Vec<RecordError>,
}

impl Sink for Collected {
    fn kept(&mut self, _: usize, page: &KeptPage) -> Result<(), String> {
        self.kept.push(page.clone());
        Ok(())
    }
    fn excluded(&mut self, ex: &Exclusion<'_>) -> Result<(), String> {
        self.excluded.push((
            ex.url.to_owned(),
            ex.reason.code.clone(),
            ex.reason.signal.to_owned(),
            ex.reason.reason.clone(),
            ex.codes.iter().map(|s| (*s).to_owned()).collect(),
            ex.category.map(str::to_owned),
        ));
        Ok(())
    }
    fn error(&mut self, _: usize, e: &RecordError) -> Result<(), String> {
        self.errors.push(e.clone());
        Ok(())
    }
}

impl Collected {
    /// The reason code a URL was excluded for, or "kept".
    pub fn outcome(&self, url: &str) -> String {
        if self.kept.iter().any(|k| k.url == url) {
            return "kept".into();
        }
        self.excluded
            .iter()
            .find(|e| e.0 == url)
            .map_or_else(|| "absent".into(), |e| e.1.clone())
    }
    pub fn reason(&self, url: &str) -> String {
        self.excluded
            .iter()
            .find(|e| e.0 == url)
            .map(|e| e.3.clone())
            .unwrap_or_default()
    }
    pub fn kept_page(&self, url: &str) -> &KeptPage {
        self.kept.iter().find(|k| k.url == url).unwrap()
    }
}

pub fn run(paths: &[PathBuf], policy: &Policy) -> (Collected, Summary) {
    run_with(paths, policy, &FilterOptions::default())
}

pub fn run_with(paths: &[PathBuf], policy: &Policy, opts: &FilterOptions) -> (Collected, Summary) {
    let mut c = Collected::default();
    let s = privasift_collect::filter(paths, policy, None, opts, &mut c).unwrap();
    (c, s)
}

pub fn policy(toml: &str) -> Policy {
    Policy::from_str(toml, Path::new("."), "test.toml").unwrap()
}
