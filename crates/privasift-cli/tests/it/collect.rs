//! `privasift collect filter` and `collect check`, end to end on WARC files
//! the tests write (WARC/1.1 records, one gzip member each).

use std::path::Path;

use privasift_collect::warc::WarcWriter;

use crate::{read_json, read_jsonl, run, write};

const EMAIL: &str = "jeanne.exemple@example.org";
const TEXT: &str = "The harbour town wakes slowly in winter. Fishermen mend their nets on the quay while the bakery fills the street with the smell of bread. Children walk to school along the sea wall, counting the boats that came back in the night. In the afternoon the library opens its doors and the old reading room fills with people who come to read newspapers.";

fn page(text: &str) -> String {
    format!(
        "<html><head><title>t</title></head><body><nav>Home | Contact</nav><article><h1>Winter</h1><p>{text}</p><p>{text}</p></article></body></html>"
    )
}

fn fetch(
    w: &mut WarcWriter<Vec<u8>>,
    n: &mut u32,
    url: &str,
    status: u16,
    ctype: &str,
    body: &[u8],
) {
    *n += 1;
    let id = format!("<urn:uuid:10000000-0000-4000-8000-{:012}>", *n);
    let mut block = format!("HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    w.write(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", &id),
            ("WARC-Date", "2025-06-01T08:00:00Z"),
            ("WARC-Target-URI", url),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &block,
    )
    .unwrap();
}

fn crawl(d: &Path) {
    let mut w = WarcWriter::new(Vec::new(), true);
    let mut n = 0;
    fetch(
        &mut w,
        &mut n,
        "https://site.example/robots.txt",
        200,
        "text/plain",
        b"User-agent: GPTBot\nDisallow: /members/\n",
    );
    fetch(
        &mut w,
        &mut n,
        "https://site.example/news",
        200,
        "text/html",
        page(TEXT).as_bytes(),
    );
    fetch(
        &mut w,
        &mut n,
        "https://site.example/members/1",
        200,
        "text/html",
        page(TEXT).as_bytes(),
    );
    fetch(
        &mut w,
        &mut n,
        "https://www.doctolib.fr/x",
        200,
        "text/html",
        page(TEXT).as_bytes(),
    );
    let with_email = format!("{TEXT} Contact: {EMAIL}.");
    fetch(
        &mut w,
        &mut n,
        "https://site.example/contact",
        200,
        "text/html",
        page(&with_email).as_bytes(),
    );
    write(d, "crawl/CC-MAIN-1.warc.gz", w.into_inner());
}

fn suppression(d: &Path) {
    run(d, ["keygen", "-o", "k.key"]).assert_code(0);
    write(
        d,
        "req.toml",
        format!("id = \"REQ-1\"\nkind = \"objection\"\n\n[person]\nemails = [\"{EMAIL}\"]\n"),
    );
    write(
        d,
        "data/crm.jsonl",
        format!("{{\"id\":1,\"text\":\"{EMAIL}\"}}\n"),
    );
    run(
        d,
        [
            "rights",
            "erase",
            "--request",
            "req.toml",
            "data/crm.jsonl",
            "-o",
            "erased",
            "--key-file",
            "k.key",
            "--suppression",
            "sup.jsonl",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
}

#[test]
fn filter_writes_kept_pages_logs_exclusions_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    crawl(d);
    suppression(d);
    write(
        d,
        "collect.toml",
        "[objections]\nsuppression = [\"sup.jsonl\"]\n\n[criteria]\nlanguages = [\"en\"]\n",
    );
    let r = run(
        d,
        [
            "collect",
            "filter",
            "crawl",
            "--policy",
            "collect.toml",
            "-o",
            "out",
            "--key-file",
            "k.key",
            "--ledger",
            "l.jsonl",
            "--summary",
            "summary.json",
        ],
    );
    r.assert_code(0);
    assert!(
        r.stdout.contains("4 pages: 1 kept, 3 excluded"),
        "{}",
        r.stdout
    );
    assert!(!r.all().contains(EMAIL));
    let kept = read_jsonl(&d.join("out/CC-MAIN-1.jsonl"));
    assert_eq!(kept.len(), 1);
    let k = &kept[0];
    assert_eq!(k["url"], "https://site.example/news");
    assert_eq!(
        k["warc_record_id"],
        "<urn:uuid:10000000-0000-4000-8000-000000000002>"
    );
    assert_eq!(k["fetch_date"], "2025-06-01T08:00:00Z");
    assert_eq!(k["lang"], "en");
    assert!(k["text"].as_str().unwrap().contains("harbour town"));
    assert!(
        k["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["signal"] == "robots.txt")
    );
    let s = read_json(&d.join("summary.json"));
    assert_eq!(s["pages_read"], 4);
    assert_eq!(s["excluded_by_reason"]["robots-disallow"], 1);
    assert_eq!(s["excluded_by_reason"]["sensitive-domain"], 1);
    assert_eq!(s["excluded_by_reason"]["objection-person"], 1);
    assert_eq!(s["excluded_by_category"]["health"], 1);
    // The ledger: verified chain, exclusions with URL and reason, never the
    // page's content or the person's address.
    run(d, ["ledger", "verify", "l.jsonl"]).assert_code(0);
    let ledger = std::fs::read_to_string(d.join("l.jsonl")).unwrap();
    assert!(ledger.contains("https://site.example/members/1"));
    assert!(ledger.contains("objection-person"));
    assert!(ledger.contains(s["policy_digest"].as_str().unwrap()));
    assert!(!ledger.contains("harbour") && !ledger.contains(EMAIL));
    // The output directory is not overwritten.
    let r = run(
        d,
        [
            "collect", "filter", "crawl", "-o", "out", "--ledger", "l.jsonl",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    // Without the key, the suppression list cannot be used.
    let r = run(
        d,
        [
            "collect",
            "filter",
            "crawl",
            "--policy",
            "collect.toml",
            "-o",
            "out2",
            "--ledger",
            "l.jsonl",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("key"), "{}", r.stderr);
}

#[test]
fn default_policy_and_dry_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    crawl(d);
    let r = run(
        d,
        [
            "collect",
            "filter",
            "crawl/CC-MAIN-1.warc.gz",
            "--dry-run",
            "--ledger",
            "l.jsonl",
            "--summary",
            "s.json",
        ],
    );
    r.assert_code(0);
    let s = read_json(&d.join("s.json"));
    assert_eq!(s["kept"], 2);
    assert_eq!(s["text_extracted"], false);
    assert!(!d.join("out").exists());
}

#[test]
fn bad_records_are_named_counted_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut warc = WarcWriter::new(Vec::new(), false);
    let mut count = 0;
    fetch(
        &mut warc,
        &mut count,
        "https://ok.example/a",
        200,
        "text/html",
        page(TEXT).as_bytes(),
    );
    warc.write_raw(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:broken>\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\nshort\r\n\r\n")
        .unwrap();
    fetch(
        &mut warc,
        &mut count,
        "https://ok.example/b",
        200,
        "text/html",
        page(TEXT).as_bytes(),
    );
    let mut bytes = warc.into_inner();
    bytes.extend_from_slice(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:cut>\r\nContent-Length: 900\r\n\r\nHTTP/1.1 200");
    write(d, "bad.warc", bytes);
    let r = run(
        d,
        [
            "collect",
            "filter",
            "bad.warc",
            "-o",
            "out",
            "--ledger",
            "l.jsonl",
            "--summary",
            "s.json",
        ],
    );
    r.assert_code(0);
    assert!(
        r.stderr.contains("bad.warc") && r.stderr.contains("<urn:uuid:cut>"),
        "{}",
        r.stderr
    );
    let s = read_json(&d.join("s.json"));
    // The record whose Content-Length runs past the end of the file, and
    // the record cut short; the page after the first is found again.
    assert_eq!(s["errors"], 2, "{s}");
    assert_eq!(s["errors_by_kind"]["truncated-record"], 2, "{s}");
    assert_eq!(s["kept"], 2, "{s}");
    let ledger = std::fs::read_to_string(d.join("l.jsonl")).unwrap();
    assert!(ledger.contains("\"problem\""));
}

#[test]
fn check_explains_one_address() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "cache/blog.example/robots.txt",
        "User-agent: CCBot\nDisallow: /\n",
    );
    let r = run(
        d,
        [
            "collect",
            "check",
            "blog.example",
            "--robots-cache",
            "cache",
        ],
    );
    r.assert_code(1);
    assert!(
        r.stdout.contains("EXCLUDE (robots-disallow)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("CCBot"), "{}", r.stdout);
    let r = run(
        d,
        ["collect", "check", "https://fine.example/page", "--json"],
    );
    r.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["decision"], "keep");
    let r = run(d, ["collect", "check", "https://www.nhs.uk/conditions/"]);
    r.assert_code(1);
    assert!(r.stdout.contains("health"), "{}", r.stdout);
    write(d, "bad.toml", "[robots]\nagnets = []\n");
    let r = run(d, ["collect", "check", "x.example", "--policy", "bad.toml"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("bad.toml") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
}

/// A tiny HTTP server on loopback, started by the test: answers `answers`
/// requests (one per connection, `Connection: close`) or gives up after
/// ten seconds; returns the (path, user agent, time) of each request.
type Served = Vec<(String, String, std::time::Instant)>;

fn serve(answers: usize) -> (u16, std::thread::JoinHandle<Served>) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut seen = Vec::new();
        while seen.len() < answers && std::time::Instant::now() < deadline {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(std::time::Duration::from_millis(5));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(2)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
            let mut ua = String::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("user-agent:") {
                    v.trim().clone_into(&mut ua);
                }
            }
            seen.push((path.clone(), ua, std::time::Instant::now()));
            let (status, body) = match path.as_str() {
                "/robots.txt" => ("200 OK", "User-agent: GPTBot\nDisallow: /private/\n"),
                "/ai.txt" => ("404 Not Found", "no"),
                _ => ("503 Service Unavailable", "later"),
            };
            let mut s = stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        seen
    });
    (port, handle)
}

#[test]
fn live_mode_fetches_politely_into_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (port, server) = serve(3);
    let host = format!("127.0.0.1:{port}");
    let r = run(
        d,
        [
            "collect",
            "fetch",
            &host,
            "--scheme",
            "http",
            "--robots-cache",
            "cache",
            "--delay-ms",
            "150",
            "--timeout-secs",
            "5",
        ],
    );
    r.assert_code(0);
    let seen = server.join().unwrap();
    let paths: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        paths,
        ["/robots.txt", "/ai.txt", "/.well-known/tdmrep.json"]
    );
    assert!(
        seen.iter().all(|s| s.1.starts_with("privasift/")),
        "{seen:?}"
    );
    for w in seen.windows(2) {
        assert!(
            w[1].2 - w[0].2 >= std::time::Duration::from_millis(140),
            "the delay is kept"
        );
    }
    let key = format!("127.0.0.1_{port}");
    assert_eq!(
        std::fs::read_to_string(d.join(format!("cache/{key}/robots.txt.status"))).unwrap(),
        "200"
    );
    assert_eq!(
        std::fs::read_to_string(d.join(format!("cache/{key}/ai.txt.status"))).unwrap(),
        "404"
    );
    // What the cache says decides.
    let r = run(
        d,
        [
            "collect",
            "check",
            &format!("http://{host}/private/a"),
            "--robots-cache",
            "cache",
        ],
    );
    r.assert_code(1);
    assert!(
        r.stdout.contains("EXCLUDE (robots-disallow)"),
        "{}",
        r.stdout
    );
    let r = run(
        d,
        [
            "collect",
            "check",
            &format!("http://{host}/public"),
            "--robots-cache",
            "cache",
        ],
    );
    r.assert_code(1);
    assert!(
        r.stdout.contains("EXCLUDE (tdmrep-unreachable)"),
        "{}",
        r.stdout
    );

    // A host that does not answer: recorded as unreachable, so excluded.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let other = format!("127.0.0.1:{closed_port}");
    let r = run(
        d,
        [
            "collect",
            "fetch",
            &other,
            "--scheme",
            "http",
            "--robots-cache",
            "cache",
            "--delay-ms",
            "0",
            "--timeout-secs",
            "2",
        ],
    );
    r.assert_code(0);
    assert!(r.stderr.contains("unreachable"), "{}", r.stderr);
    let r = run(
        d,
        [
            "collect",
            "check",
            &format!("http://{other}/x"),
            "--robots-cache",
            "cache",
        ],
    );
    r.assert_code(1);
    assert!(
        r.stdout.contains("EXCLUDE (robots-unreachable)"),
        "{}",
        r.stdout
    );
}

/// The collection summary is evidence for `privasift check`: a scraped
/// source that declares sensitive sites excluded and robots.txt honoured is
/// contradicted by a run whose policy did neither.
#[test]
fn the_summary_is_evidence_for_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    crawl(d);
    let manifest = include_str!("../../../../examples/project.toml").replacen(
        "[[sources]]\nid = \"faq-public\"",
        "[[sources]]\nid = \"forum-crawl\"\nname = \"Support forums, crawled\"\nmode = \"scraped\"\npurposes = [\"helpdesk\"]\nlegal-basis = \"legitimate-interest\"\ndata-categories = [\"forum posts\"]\nfields = [\"text\"]\ndatasheet = \"docs/datasheets/forums.md\"\npaths = [\"crawl/*.warc.gz\"]\n[sources.legitimate-interest]\ninterest = \"i\"\nnecessity = \"n\"\nbalancing = \"b\"\nmeasures = [\"m\"]\ndocument = \"d\"\nobjection-handled = true\n[sources.scraping]\ncriteria = \"c\"\ncriteria-defined-on = 2025-01-01\nfirst-collection = 2025-02-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n\n[[sources]]\nid = \"faq-public\"",
        1,
    );
    write(d, "project.toml", &manifest);
    // The default policy applies every signal and excludes every category.
    run(
        d,
        [
            "collect",
            "filter",
            "crawl",
            "-o",
            "kept",
            "--summary",
            "good.json",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let r = run(
        d,
        [
            "check",
            "project.toml",
            "--evidence",
            "good.json",
            "--json",
            "--today",
            "2026-01-15",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        !rules
            .iter()
            .any(|r| ["S4-SENS-06", "S4-SCRAPE-05"].contains(r)),
        "{rules:?}"
    );
    // A run that excluded no sensitive category and ignored robots.txt.
    write(
        d,
        "weak.toml",
        "[robots]\nhonour = false\n[sensitive]\ncategories = []\n",
    );
    run(
        d,
        [
            "collect",
            "filter",
            "crawl",
            "-o",
            "kept2",
            "--policy",
            "weak.toml",
            "--summary",
            "weak.json",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    )
    .assert_code(0);
    let r = run(
        d,
        [
            "check",
            "project.toml",
            "--evidence",
            "weak.json",
            "--json",
            "--today",
            "2026-01-15",
        ],
    );
    r.assert_code(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"S4-SENS-06") && rules.contains(&"S4-SCRAPE-05"),
        "{rules:?}"
    );
    assert_eq!(v["evidence"]["collects"][0]["policy"]["robots"], false);
}
