//! `collect filter`: two passes over the WARC files.
//!
//! 1. **Pre-scan**: every input is read for the `response` records of
//!    `/robots.txt`, `/ai.txt` and `/.well-known/tdmrep.json` (other blocks
//!    are skipped without being kept), which fill the per-host cache. Two
//!    passes because a crawl stores a host's robots.txt anywhere (Common
//!    Crawl keeps them in separate `robotstxt` WARC files), and a page must
//!    not be decided before its host's files are known. A host none of the
//!    inputs covers is looked up in `--robots-cache DIR`.
//! 2. **Filter**: every `response` is decided ([`crate::decide`]); kept
//!    pages go to the [`Sink`] with their text and decision trail, excluded
//!    ones with their URL and reason only. `request`, `metadata` and
//!    `revisit` records are counted (a `request` is paired with its
//!    response through `WARC-Concurrent-To`, a `metadata` record with the
//!    response just before it through `WARC-Refers-To`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::decide::{self, Check, Decision, PageInfo, SignalFile, Signals};
use crate::html;
use crate::http::{self, Response};
use crate::people::People;
use crate::policy::Policy;
use crate::warc::{self, ErrorKind, RecordError, WarcReader, WarcRecord};

/// How to run.
#[derive(Clone, Debug)]
pub struct FilterOptions {
    pub max_record_bytes: u64,
    /// Extract text for the output (false for a dry run: then text is
    /// extracted only when the policy's criteria need it).
    pub extract: bool,
    pub robots_cache: Option<PathBuf>,
    /// Text-extraction workers (1: extract on the reading thread).
    pub threads: usize,
}

impl Default for FilterOptions {
    fn default() -> Self {
        Self {
            max_record_bytes: 64 << 20,
            extract: true,
            robots_cache: None,
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        }
    }
}

/// A kept page, as written to the output (one JSON line).
#[derive(Clone, Debug, Serialize)]
pub struct KeptPage {
    pub url: String,
    pub warc_record_id: Option<String>,
    pub fetch_date: Option<String>,
    pub lang: Option<String>,
    pub text: String,
    pub decisions: Vec<Check>,
}

/// An excluded page: what the ledger gets (never its content).
#[derive(Clone, Debug)]
pub struct Exclusion<'a> {
    pub input: usize,
    pub url: &'a str,
    pub record_id: Option<&'a str>,
    pub offset: u64,
    pub reason: &'a Check,
    pub codes: Vec<&'a str>,
    pub category: Option<&'a str>,
}

/// Where results go; the CLI writes files and the ledger.
pub trait Sink {
    fn start_input(&mut self, _index: usize, _path: &Path) -> Result<(), String> {
        Ok(())
    }
    fn kept(&mut self, input: usize, page: &KeptPage) -> Result<(), String>;
    fn excluded(&mut self, ex: &Exclusion<'_>) -> Result<(), String>;
    fn error(&mut self, input: usize, e: &RecordError) -> Result<(), String>;
    fn end_input(&mut self, _index: usize) -> Result<(), String> {
        Ok(())
    }
}

/// Counts of one run: printed, written with `--summary`, and read by the
/// compliance engine.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub policy_digest: String,
    pub agents: Vec<String>,
    /// The signals the policy applied, for `privasift check --evidence`
    /// (which compares them with the manifest's declared scraping measures).
    pub policy: PolicySummary,
    pub inputs: Vec<InputSummary>,
    /// WARC records read (all types).
    pub records_read: u64,
    /// `response` records that are pages (opt-out files not counted).
    pub pages_read: u64,
    pub kept: u64,
    pub excluded: u64,
    /// By the first reason that excluded the page.
    pub excluded_by_reason: BTreeMap<String, u64>,
    /// By the signal of that reason (`robots.txt`, `sensitive-site`, ...).
    pub excluded_by_signal: BTreeMap<String, u64>,
    /// Pages of sensitive sites, by category.
    pub excluded_by_category: BTreeMap<String, u64>,
    /// Pages kept, by language.
    pub kept_by_language: BTreeMap<String, u64>,
    pub errors: u64,
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Opt-out files found in the WARC, by file.
    pub signal_records: BTreeMap<String, u64>,
    /// Hosts whose opt-out files came from the WARC or the robots cache.
    pub hosts_with_signals: u64,
    pub request_records: u64,
    pub requests_paired: u64,
    pub metadata_records: u64,
    /// `metadata` records that follow the response they refer to.
    pub metadata_paired: u64,
    pub revisit_records: u64,
    pub other_records: u64,
    /// Compressed bytes of input.
    pub input_bytes: u64,
    /// Text extracted (pages kept, or needed by the criteria).
    pub text_extracted: bool,
}

/// What a run's policy applied, in the terms of the compliance manifest.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Default, Serialize)]
pub struct PolicySummary {
    pub robots: bool,
    pub ai_txt: bool,
    pub tdmrep: bool,
    pub noai: bool,
    /// Sensitive-site categories excluded.
    pub sensitive_categories: Vec<String>,
    pub objection_domains: u64,
    pub objection_urls: u64,
    pub suppression_files: u64,
}

impl PolicySummary {
    fn of(p: &Policy) -> Self {
        Self {
            robots: p.robots,
            ai_txt: p.ai_txt,
            tdmrep: p.tdmrep,
            noai: p.noai,
            sensitive_categories: p.sensitive.categories.clone(),
            objection_domains: p.objection_domains.len() as u64,
            objection_urls: p.objection_urls.len() as u64,
            suppression_files: p.suppression_files.len() as u64,
        }
    }
}

/// Per input file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct InputSummary {
    pub path: PathBuf,
    pub bytes: u64,
    pub pages_read: u64,
    pub kept: u64,
    pub excluded: u64,
    pub errors: u64,
}

/// Why the run stopped (not a record problem: those are counted).
#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    #[error("{}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Sink(String),
}

/// Runs both passes over `inputs`.
pub fn filter(
    inputs: &[PathBuf],
    policy: &Policy,
    people: Option<&People>,
    opts: &FilterOptions,
    sink: &mut dyn Sink,
) -> Result<Summary, FilterError> {
    let mut signals = Signals::new(policy.agents.clone(), opts.robots_cache.clone());
    let wopts = warc::ReadOptions {
        max_record_bytes: opts.max_record_bytes,
    };
    // Pass 1.
    for path in inputs {
        let mut r = WarcReader::open(path, wopts).map_err(|source| FilterError::Open {
            path: path.clone(),
            source,
        })?;
        let mut want = |h: &[(String, String)]| {
            warc::header(h, "WARC-Type") == Some("response")
                && warc::header(h, "WARC-Target-URI")
                    .and_then(|u| url::Url::parse(u.trim_matches(['<', '>'])).ok())
                    .is_some_and(|u| SignalFile::of(&u).is_some())
        };
        while let Some(rec) = r.next_record(&mut want) {
            let Ok(rec) = rec else { continue };
            if !rec.has_block {
                continue;
            }
            let Some(u) = rec.target_uri().and_then(|u| url::Url::parse(u).ok()) else {
                continue;
            };
            let Some(which) = SignalFile::of(&u) else {
                continue;
            };
            match http::parse_response(&rec.block, opts.max_record_bytes) {
                Ok(resp) => signals.add_fetch(&u, which, resp.status, &resp.body),
                Err(_) => {
                    // A fetch recorded without a readable answer.
                    if let Some(k) = decide::host_key(&u) {
                        signals.set_unreachable(
                            &k,
                            which,
                            "its WARC record holds no readable HTTP response",
                        );
                    }
                }
            }
        }
    }

    let mut s = Summary {
        policy_digest: policy.digest(),
        agents: policy.agents.clone(),
        policy: PolicySummary::of(policy),
        text_extracted: opts.extract || policy.needs_text(),
        ..Summary::default()
    };
    for (k, v) in &signals.from_warc {
        s.signal_records.insert((*k).to_owned(), *v);
    }
    // Pass 2. Pages are decided here, in order (the per-host cache is
    // filled as hosts come); text extraction, the slow part, runs on
    // `threads` workers, and results go to the sink in input order.
    let threads = opts.threads.max(1);
    std::thread::scope(|scope| -> Result<Summary, FilterError> {
        let pool = if threads > 1 {
            let (jobs, job_rx) = crossbeam_channel::bounded::<(u64, Box<Job>)>(threads * 4);
            let (res_tx, results) = crossbeam_channel::unbounded::<(u64, PageResult)>();
            for _ in 0..threads {
                let job_rx = job_rx.clone();
                let res_tx = res_tx.clone();
                scope.spawn(move || {
                    for (seq, job) in job_rx {
                        if res_tx.send((seq, extract(*job, policy, people))).is_err() {
                            break;
                        }
                    }
                });
            }
            Some((jobs, results))
        } else {
            None
        };
        let mut order = Order::default();
        for (index, path) in inputs.iter().enumerate() {
            let mut r = WarcReader::open(path, wopts).map_err(|source| FilterError::Open {
                path: path.clone(),
                source,
            })?;
            let mut inp = InputSummary {
                path: path.clone(),
                bytes: r.file_size(),
                ..InputSummary::default()
            };
            s.input_bytes += r.file_size();
            sink.start_input(index, path).map_err(FilterError::Sink)?;
            let mut want = |h: &[(String, String)]| {
                warc::header(h, "WARC-Type") == Some("response")
                    && !warc::header(h, "WARC-Target-URI")
                        .and_then(|u| url::Url::parse(u.trim_matches(['<', '>'])).ok())
                        .is_some_and(|u| SignalFile::of(&u).is_some())
            };
            let mut requests: HashSet<String> = HashSet::new();
            let mut last_response: Option<String> = None;
            while let Some(rec) = r.next_record(&mut want) {
                s.records_read += 1;
                let rec = match rec {
                    Ok(rec) => rec,
                    Err(e) => {
                        count_error(&mut s, &mut inp, &e);
                        sink.error(index, &e).map_err(FilterError::Sink)?;
                        continue;
                    }
                };
                match rec.record_type() {
                    "response" => {}
                    "request" => {
                        s.request_records += 1;
                        if let Some(id) = rec.header("WARC-Concurrent-To") {
                            // Bounded: requests whose response never comes
                            // are forgotten rather than kept forever.
                            if requests.len() >= 10_000 {
                                requests.clear();
                            }
                            requests.insert(id.to_owned());
                        }
                        continue;
                    }
                    "metadata" => {
                        s.metadata_records += 1;
                        // Common Crawl writes a response's metadata right
                        // after it, pointing back with WARC-Refers-To (or
                        // WARC-Concurrent-To).
                        let refers = rec
                            .header("WARC-Refers-To")
                            .or_else(|| rec.header("WARC-Concurrent-To"));
                        if refers.is_some() && refers == last_response.as_deref() {
                            s.metadata_paired += 1;
                        }
                        continue;
                    }
                    "revisit" => {
                        s.revisit_records += 1;
                        continue;
                    }
                    _ => {
                        s.other_records += 1;
                        continue;
                    }
                }
                if rec.record_id().is_some_and(|id| requests.remove(id)) {
                    s.requests_paired += 1;
                }
                last_response = rec.record_id().map(str::to_owned);
                if !rec.has_block {
                    // An opt-out file, read in pass 1.
                    continue;
                }
                s.pages_read += 1;
                inp.pages_read += 1;
                let offset = rec.offset;
                let record_id = rec.record_id().map(str::to_owned);
                match decide_record(&rec, policy, opts, &mut signals) {
                    Step::Done(result) => order.push(Item {
                        offset,
                        record_id,
                        result,
                    }),
                    Step::Extract(job) => match &pool {
                        None => order.push(Item {
                            offset,
                            record_id,
                            result: extract(*job, policy, people),
                        }),
                        Some((jobs, _)) => {
                            order.reserve(offset, record_id);
                            let seq = order.last_seq();
                            if jobs.send((seq, job)).is_err() {
                                return Err(FilterError::Sink(
                                    "an extraction worker stopped".into(),
                                ));
                            }
                        }
                    },
                }
                if let Some((_, results)) = &pool {
                    while let Ok((seq, result)) = results.try_recv() {
                        order.fill(seq, result);
                    }
                    // Bounded memory: wait for the oldest extraction when
                    // too many pages wait behind it.
                    while order.len() > Order::MAX_WAITING {
                        match results.recv() {
                            Ok((seq, result)) => order.fill(seq, result),
                            Err(_) => {
                                return Err(FilterError::Sink(
                                    "an extraction worker stopped".into(),
                                ));
                            }
                        }
                        for item in order.ready() {
                            emit(item, index, path, r.is_gzip(), &mut s, &mut inp, sink)?;
                        }
                    }
                }
                for item in order.ready() {
                    emit(item, index, path, r.is_gzip(), &mut s, &mut inp, sink)?;
                }
            }
            // Wait for the pages of this input still being extracted.
            while !order.is_empty() {
                if let Some((_, results)) = &pool {
                    match results.recv() {
                        Ok((seq, result)) => order.fill(seq, result),
                        Err(_) => {
                            return Err(FilterError::Sink("an extraction worker stopped".into()));
                        }
                    }
                }
                for item in order.ready() {
                    emit(item, index, path, r.is_gzip(), &mut s, &mut inp, sink)?;
                }
                if pool.is_none() {
                    break;
                }
            }
            sink.end_input(index).map_err(FilterError::Sink)?;
            s.inputs.push(inp);
        }
        s.hosts_with_signals = signals.hosts_known() as u64;
        Ok(s)
    })
}

/// Pages in input order, some still being extracted.
#[derive(Default)]
struct Order {
    /// Sequence number of the front slot.
    base: u64,
    slots: std::collections::VecDeque<(u64, Option<String>, Option<PageResult>)>,
}

impl Order {
    /// Pages waiting before they can be emitted, at most (then the reader
    /// waits for the extraction of the oldest).
    const MAX_WAITING: usize = 4096;

    fn push(&mut self, item: Item) {
        self.slots
            .push_back((item.offset, item.record_id, Some(item.result)));
    }
    fn reserve(&mut self, offset: u64, record_id: Option<String>) {
        self.slots.push_back((offset, record_id, None));
    }
    fn last_seq(&self) -> u64 {
        self.base + self.slots.len() as u64 - 1
    }
    fn fill(&mut self, seq: u64, result: PageResult) {
        if let Some(slot) = seq
            .checked_sub(self.base)
            .and_then(|i| self.slots.get_mut(usize::try_from(i).ok()?))
        {
            slot.2 = Some(result);
        }
    }
    fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
    fn len(&self) -> usize {
        self.slots.len()
    }
    /// The items at the front whose result is known.
    fn ready(&mut self) -> Vec<Item> {
        let mut out = Vec::new();
        while self.slots.front().is_some_and(|s| s.2.is_some()) {
            if let Some((offset, record_id, Some(result))) = self.slots.pop_front() {
                self.base += 1;
                out.push(Item {
                    offset,
                    record_id,
                    result,
                });
            }
        }
        out
    }
}

fn count_error(s: &mut Summary, inp: &mut InputSummary, e: &RecordError) {
    s.errors += 1;
    inp.errors += 1;
    *s.errors_by_kind
        .entry(e.kind.as_str().to_owned())
        .or_default() += 1;
}

enum Outcome {
    Kept(KeptPage),
    Excluded(String, Decision),
}

type PageResult = Result<Outcome, (ErrorKind, String)>;

/// A page that passed every check needing no text, waiting for its text.
struct Job {
    url: url::Url,
    record_id: Option<String>,
    date: Option<String>,
    body: Vec<u8>,
    charset: Option<String>,
    is_html: bool,
    decision: Decision,
}

enum Step {
    Done(PageResult),
    Extract(Box<Job>),
}

/// One page's result with where it came from, emitted in input order.
struct Item {
    offset: u64,
    record_id: Option<String>,
    result: PageResult,
}

/// Decides one response record on everything that needs no text.
fn decide_record(
    rec: &WarcRecord,
    policy: &Policy,
    opts: &FilterOptions,
    signals: &mut Signals,
) -> Step {
    let Some(url) = rec.target_uri().and_then(|u| url::Url::parse(u).ok()) else {
        return Step::Done(Err((
            ErrorKind::BadHeader,
            "no WARC-Target-URI, or not an absolute URL".into(),
        )));
    };
    let resp: Response = match http::parse_response(&rec.block, opts.max_record_bytes) {
        Ok(r) => r,
        Err(e) => return Step::Done(Err((e.kind, e.message))),
    };
    let media = resp.media_type();
    let is_html = media == "text/html" || media == "application/xhtml+xml";
    let head = is_html.then(|| html::scan_head(&resp.body));
    let info = PageInfo {
        url: &url,
        date: rec.date(),
        http: Some((resp.status, &media, &resp.headers)),
        head: head.as_ref(),
    };
    let d = decide::decide_page(policy, signals, &info);
    if !d.keep() {
        return Step::Done(Ok(Outcome::Excluded(url.to_string(), d)));
    }
    if !(opts.extract || policy.needs_text()) {
        return Step::Done(Ok(Outcome::Kept(KeptPage {
            url: url.to_string(),
            warc_record_id: rec.record_id().map(str::to_owned),
            fetch_date: rec.date().map(str::to_owned),
            lang: None,
            text: String::new(),
            decisions: d.trail,
        })));
    }
    let charset = resp
        .charset()
        .or_else(|| head.as_ref().and_then(|h| h.charset.clone()));
    Step::Extract(Box::new(Job {
        url,
        record_id: rec.record_id().map(str::to_owned),
        date: rec.date().map(str::to_owned),
        body: resp.body,
        charset,
        is_html,
        decision: d,
    }))
}

/// The text of a page, and the checks on it.
fn extract(job: Job, policy: &Policy, people: Option<&People>) -> PageResult {
    let Job {
        url,
        record_id,
        date,
        body,
        charset,
        is_html,
        decision: mut d,
    } = job;
    let body = html::decode(&body, charset.as_deref()).map_err(|e| match e {
        html::DecodeError::InvalidUtf8 { at } => (
            ErrorKind::InvalidUtf8,
            format!("the page is not UTF-8 (invalid byte at body offset {at}) and declares no charset privasift decodes"),
        ),
        html::DecodeError::Unsupported(cs) => (
            ErrorKind::InvalidUtf8,
            format!("the page's charset `{cs}` is not supported (UTF-8, windows-1252, ISO-8859-1/15)"),
        ),
    })?;
    let extracted = if is_html {
        html::main_text(&body, url.as_str())
    } else {
        let t = body.trim().to_owned();
        (!t.is_empty()).then_some(t)
    };
    let Some(text) = extracted else {
        d.trail.push(Check {
            signal: "extraction",
            result: "exclude",
            code: "no-text".into(),
            reason: "the extractor found no main text".into(),
        });
        return Ok(Outcome::Excluded(url.to_string(), d));
    };
    let lang = html::language(&text).map(|(l, _)| l);
    decide::decide_text(policy, people, &text, lang.as_deref(), &mut d);
    if !d.keep() {
        return Ok(Outcome::Excluded(url.to_string(), d));
    }
    Ok(Outcome::Kept(KeptPage {
        url: url.to_string(),
        warc_record_id: record_id,
        fetch_date: date,
        lang,
        text,
        decisions: d.trail,
    }))
}

/// Counts one page's result and hands it to the sink.
fn emit(
    item: Item,
    index: usize,
    path: &Path,
    gzip: bool,
    s: &mut Summary,
    inp: &mut InputSummary,
    sink: &mut dyn Sink,
) -> Result<(), FilterError> {
    match item.result {
        Err(e) => {
            let e = RecordError {
                path: path.to_path_buf(),
                offset: item.offset,
                gzip,
                record_id: item.record_id,
                kind: e.0,
                message: e.1,
            };
            count_error(s, inp, &e);
            sink.error(index, &e).map_err(FilterError::Sink)?;
        }
        Ok(Outcome::Kept(p)) => {
            s.kept += 1;
            inp.kept += 1;
            *s.kept_by_language
                .entry(p.lang.clone().unwrap_or_else(|| "und".into()))
                .or_default() += 1;
            sink.kept(index, &p).map_err(FilterError::Sink)?;
        }
        Ok(Outcome::Excluded(url, d)) => {
            s.excluded += 1;
            inp.excluded += 1;
            if let Some(reason) = d.reason() {
                *s.excluded_by_reason.entry(reason.code.clone()).or_default() += 1;
                *s.excluded_by_signal
                    .entry(reason.signal.to_owned())
                    .or_default() += 1;
                if let Some(c) = &d.category {
                    *s.excluded_by_category.entry(c.clone()).or_default() += 1;
                }
                sink.excluded(&Exclusion {
                    input: index,
                    url: &url,
                    record_id: item.record_id.as_deref(),
                    offset: item.offset,
                    reason,
                    codes: d.codes(),
                    category: d.category.as_deref(),
                })
                .map_err(FilterError::Sink)?;
            }
        }
    }
    Ok(())
}

/// `collect check`: the decision for one address, from its URL alone (no
/// HTTP headers, no page), with the opt-out files of the robots cache.
pub fn check_address(
    policy: &Policy,
    address: &str,
    robots_cache: Option<PathBuf>,
) -> Result<(url::Url, Decision), String> {
    let with_scheme = if address.contains("://") {
        address.to_owned()
    } else {
        format!("https://{address}/")
    };
    let url = url::Url::parse(&with_scheme)
        .map_err(|e| format!("`{address}` is neither a URL nor a domain: {e}"))?;
    if url.host_str().is_none() {
        return Err(format!("`{address}` has no host"));
    }
    let mut signals = Signals::new(policy.agents.clone(), robots_cache);
    let info = PageInfo {
        url: &url,
        date: None,
        http: None,
        head: None,
    };
    let d = decide::decide_page(policy, &mut signals, &info);
    Ok((url, d))
}
