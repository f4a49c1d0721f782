//! Writes a deterministic fake crawl for the benchmark: `gen_warc OUT.warc.gz
//! MEGABYTES` (compressed size aimed at). Common Crawl layout: per page a
//! request, a response (an HTML page of 10-40 KB: navigation, an article of
//! generated English/French prose, a footer) and a metadata record, one gzip
//! member each; robots.txt fetched for two hosts in three (some disallow AI
//! agents), a few tdmrep.json, TDM headers and noai tags, and some pages on
//! the sensitive-site lists.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::format_push_string,
    clippy::manual_is_multiple_of
)]

use std::io::{BufWriter, Write as _};

use privasift_collect::warc::WarcWriter;

const WORDS: &[&str] = &[
    "the",
    "town",
    "harbour",
    "winter",
    "market",
    "river",
    "school",
    "library",
    "council",
    "bread",
    "music",
    "garden",
    "street",
    "morning",
    "evening",
    "train",
    "station",
    "museum",
    "history",
    "weather",
    "season",
    "festival",
    "bridge",
    "village",
    "farm",
    "forest",
    "mountain",
    "coast",
    "boat",
    "fish",
    "recipe",
    "kitchen",
    "table",
    "window",
    "letter",
    "story",
    "book",
    "reading",
    "project",
    "research",
    "energy",
    "water",
    "road",
    "bicycle",
    "walk",
    "family",
    "friends",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "village",
    "marché",
    "rivière",
    "école",
    "bibliothèque",
    "pain",
    "musique",
    "jardin",
    "rue",
    "matin",
    "soir",
    "gare",
    "musée",
    "histoire",
    "temps",
    "saison",
    "fête",
    "pont",
    "ferme",
    "forêt",
    "montagne",
    "côte",
    "bateau",
    "cuisine",
    "fenêtre",
    "and",
    "with",
    "for",
    "from",
    "into",
    "over",
    "after",
    "before",
    "while",
    "because",
    "et",
    "avec",
    "pour",
    "dans",
    "sur",
    "après",
    "avant",
    "pendant",
    "parce",
    "que",
    "is",
    "was",
    "are",
    "were",
    "est",
    "sont",
    "était",
    "opens",
    "closes",
    "grows",
    "falls",
    "rises",
    "ouvre",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn prose(r: &mut Rng, words: usize) -> String {
    let mut s = String::with_capacity(words * 7);
    for i in 0..words {
        let w = WORDS[r.below(WORDS.len() as u64) as usize];
        if i % 14 == 0 {
            if i > 0 {
                s.push_str(". ");
            }
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if r.below(40) == 0 {
            s.push_str(&format!(" {}", r.below(10_000)));
        }
    }
    s.push('.');
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).expect("usage: gen_warc OUT.warc.gz MEGABYTES");
    let mb: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let file = std::fs::File::create(out).unwrap();
    let mut w = WarcWriter::new(BufWriter::with_capacity(1 << 20, file), true);
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let sensitive = ["www.doctolib.fr", "cgt.fr", "jw.org", "tinder.com"];
    let hosts = 5000u64;
    let mut id = 0u64;
    let mut next_id = || {
        id += 1;
        format!("<urn:uuid:00000000-0000-4000-8000-{id:012}>")
    };
    let mut written = 0u64;
    let target = mb << 20;
    let mut page = 0u64;
    // robots.txt first, as a crawler fetches them (two hosts in three).
    for h in 0..hosts {
        if h % 3 == 2 {
            continue;
        }
        let body = match h % 7 {
            0 => "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /admin/\n".to_owned(),
            1 => "User-agent: CCBot\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n".to_owned(),
            _ => format!(
                "User-agent: *\nDisallow: /search\nDisallow: /cart\nCrawl-delay: {}\n",
                h % 5
            ),
        };
        let url = format!("https://site{h}.example/robots.txt");
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n{body}");
        let rid = next_id();
        w.write(
            &[
                ("WARC-Type", "response"),
                ("WARC-Record-ID", &rid),
                ("WARC-Date", "2025-05-01T00:00:00Z"),
                ("WARC-Target-URI", &url),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            block.as_bytes(),
        )
        .unwrap();
        if h % 50 == 3 {
            let url = format!("https://site{h}.example/.well-known/tdmrep.json");
            let block = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[{\"location\":\"/news/*\",\"tdm-reservation\":1},{\"location\":\"/*\",\"tdm-reservation\":0}]";
            let rid = next_id();
            w.write(
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", &rid),
                    ("WARC-Date", "2025-05-01T00:00:00Z"),
                    ("WARC-Target-URI", &url),
                    ("Content-Type", "application/http; msgtype=response"),
                ],
                block.as_bytes(),
            )
            .unwrap();
        }
    }
    while written < target {
        page += 1;
        let h = r.below(hosts);
        let host = if page % 97 == 0 {
            sensitive[(page / 97 % 4) as usize].to_owned()
        } else {
            format!("site{h}.example")
        };
        let section = ["news", "blog", "private", "admin", "articles", "info"][r.below(6) as usize];
        let url = format!("https://{host}/{section}/{page}");
        let mut headers = String::from("Content-Type: text/html; charset=utf-8\r\n");
        if page % 41 == 0 {
            headers.push_str("tdm-reservation: 1\r\n");
        }
        if page % 53 == 0 {
            headers.push_str("X-Robots-Tag: noai\r\n");
        }
        let meta = if page % 61 == 0 {
            "<meta name=\"robots\" content=\"noai, noimageai\">"
        } else {
            ""
        };
        let mut paras: Vec<String> = Vec::new();
        for _ in 0..(3 + r.below(10)) {
            let words = 120 + r.below(200) as usize;
            paras.push(format!("<p>{}</p>", prose(&mut r, words)));
        }
        let nav: String = (0..30)
            .map(|i| format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"))
            .collect();
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page {page}</title>{meta}<link rel=\"stylesheet\" href=\"/s.css\"><script>var x = {page};</script></head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>Page {page}</h1>{}</article></main><aside>{}</aside><footer><p>Legal notice, contact, cookies.</p></footer></body></html>",
            paras.join("\n"),
            prose(&mut r, 40)
        );
        let block = format!(
            "HTTP/1.1 200 OK\r\n{headers}Content-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let (req_id, resp_id, meta_id) = (next_id(), next_id(), next_id());
        let req = format!(
            "GET /{section}/{page} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: CCBot/2.0\r\n\r\n"
        );
        w.write(
            &[
                ("WARC-Type", "request"),
                ("WARC-Record-ID", &req_id),
                ("WARC-Date", "2025-05-01T00:00:00Z"),
                ("WARC-Target-URI", &url),
                ("WARC-Concurrent-To", &resp_id),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            req.as_bytes(),
        )
        .unwrap();
        w.write(
            &[
                ("WARC-Type", "response"),
                ("WARC-Record-ID", &resp_id),
                ("WARC-Date", "2025-05-01T00:00:00Z"),
                ("WARC-Target-URI", &url),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            block.as_bytes(),
        )
        .unwrap();
        w.write(
            &[
                ("WARC-Type", "metadata"),
                ("WARC-Record-ID", &meta_id),
                ("WARC-Date", "2025-05-01T00:00:00Z"),
                ("WARC-Target-URI", &url),
                ("WARC-Refers-To", &resp_id),
                ("Content-Type", "application/warc-fields"),
            ],
            b"fetchTimeMs: 212\r\n",
        )
        .unwrap();
        if page % 200 == 0 {
            written = std::fs::metadata(out).map_or(0, |m| m.len());
        }
    }
    w.into_inner().flush().unwrap();
    eprintln!(
        "{page} pages, {} bytes",
        std::fs::metadata(out).map_or(0, |m| m.len())
    );
}
