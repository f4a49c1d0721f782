//! `privasift collect filter` and `privasift collect check`: web collection
//! that respects opt-outs, sensitive sites and objections (issue 6).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use privasift_collect::filter::{Exclusion, FilterOptions, KeptPage, Sink};
use privasift_collect::warc::RecordError;
use privasift_collect::{Policy, Summary};
use privasift_formats::{Compression, Format, ShardWriter, Source};
use privasift_ledger::Ledger;
use privasift_transform::Key;
use serde_json::json;

use crate::clean::ledger_path;

#[derive(Subcommand)]
pub enum CollectCommand {
    /// Filter WARC files: keep the pages the policy allows (JSON Lines with their text and decision trail), log every exclusion with its reason.
    Filter(FilterArgs),
    /// Explain the decision for one URL or domain (robots.txt, ai.txt and tdmrep.json from --robots-cache).
    Check(CheckArgs),
    /// Live mode: fetch robots.txt, ai.txt and tdmrep.json of hosts into a robots cache, politely (one request at a time, a delay per host, a clear user agent, timeouts).
    Fetch(FetchArgs),
}

#[derive(Args)]
pub struct FetchArgs {
    /// Domains (example.org), host:port, or URLs; or `-` to read them from standard input, one a line.
    #[arg(required = true, value_name = "DOMAIN")]
    pub hosts: Vec<String>,
    /// The robots cache to fill (read by `collect filter` and `collect check`).
    #[arg(long, value_name = "DIR")]
    pub robots_cache: PathBuf,
    /// Milliseconds between two requests to the same host (a longer Crawl-delay in robots.txt wins, up to 60 s).
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub delay_ms: u64,
    /// Seconds before a request is given up (the file is then recorded as unreachable).
    #[arg(long, default_value_t = 10, value_name = "S")]
    pub timeout_secs: u64,
    /// The User-Agent sent.
    #[arg(long, value_name = "UA")]
    pub user_agent: Option<String>,
    /// Scheme for hosts given without one.
    #[arg(long, default_value = "https", value_parser = ["https", "http"])]
    pub scheme: String,
}

#[derive(Args)]
pub struct FilterArgs {
    /// WARC files (.warc, .warc.gz) or directories holding them.
    #[arg(required = true, value_name = "WARC")]
    pub inputs: Vec<PathBuf>,
    /// The collection policy (TOML; see examples/collect.toml). Default: every opt-out honoured for the shipped AI agents, every sensitive category excluded.
    #[arg(long, value_name = "collect.toml")]
    pub policy: Option<PathBuf>,
    /// Output directory: one JSON Lines file of kept pages per input.
    #[arg(
        long,
        short = 'o',
        value_name = "OUTDIR",
        required_unless_present = "dry_run"
    )]
    pub output: Option<PathBuf>,
    /// Directory of opt-out files per host (HOST/robots.txt, ai.txt, tdmrep.json, optional FILE.status), for hosts the WARC does not cover.
    #[arg(long, value_name = "DIR")]
    pub robots_cache: Option<PathBuf>,
    /// The processing ledger to append to (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Write the run's summary (counts per reason, category, error kind) as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub summary: Option<PathBuf>,
    /// The key of the suppression lists named in the policy (else `PRIVASIFT_KEY`).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Decide and log every page but write no output; text is extracted only if the policy's criteria need it.
    #[arg(long)]
    pub dry_run: bool,
    /// Records with a larger block are skipped and counted.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_record_bytes: u64,
    /// Text-extraction worker threads (default: all cores); the output does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Print no problems as they happen (the summary still counts them).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    /// A URL (`https://example.org/page`) or a domain (`example.org`).
    #[arg(value_name = "URL|DOMAIN")]
    pub address: String,
    /// The collection policy (default: the built-in one).
    #[arg(long, value_name = "collect.toml")]
    pub policy: Option<PathBuf>,
    /// Directory of opt-out files per host (as for `collect filter`).
    #[arg(long, value_name = "DIR")]
    pub robots_cache: Option<PathBuf>,
    /// Print the decision as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn collect(c: CollectCommand) -> Result<ExitCode> {
    match c {
        CollectCommand::Filter(a) => filter(a),
        CollectCommand::Check(a) => check(a),
        CollectCommand::Fetch(a) => fetch(a),
    }
}

fn load_policy(path: Option<&Path>) -> Result<Policy> {
    Ok(match path {
        Some(p) => Policy::from_file(p)?,
        None => Policy::default(),
    })
}

/// WARC files among `inputs` (directories searched recursively, hidden
/// entries skipped), in a stable order.
fn find_warcs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for e in entries {
            let p = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if p.is_dir() {
                walk(&p, out)?;
            } else {
                let n = p.to_string_lossy().to_ascii_lowercase();
                if n.ends_with(".warc") || n.ends_with(".warc.gz") {
                    out.push(p);
                }
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out).with_context(|| format!("reading the directory {}", i.display()))?;
        } else if i.is_file() {
            out.push(i.clone());
        } else {
            bail!("{}: no such file or directory", i.display());
        }
    }
    if out.is_empty() {
        bail!("no .warc or .warc.gz file among the inputs");
    }
    Ok(out)
}

/// `OUTDIR/<name without .warc[.gz]>.jsonl`, made unique.
fn destinations(inputs: &[PathBuf], outdir: &Path) -> Vec<PathBuf> {
    let mut used = std::collections::HashSet::new();
    inputs
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            let stem = if lower.ends_with(".warc.gz") {
                name.get(..name.len() - 8).unwrap_or(&name)
            } else if lower.ends_with(".warc") {
                name.get(..name.len() - 5).unwrap_or(&name)
            } else {
                &name
            };
            let mut candidate = format!("{stem}.jsonl");
            let mut n = 2;
            while !used.insert(candidate.clone()) {
                candidate = format!("{stem}-{n}.jsonl");
                n += 1;
            }
            outdir.join(candidate)
        })
        .collect()
}

/// Exclusions are logged in batches so a crawl of millions of pages does
/// not make millions of ledger lines; a batch stays far below the ledger's
/// 1 MiB line limit.
const BATCH_PAGES: usize = 500;
const BATCH_BYTES: usize = 256 << 10;

struct CliSink<'a> {
    ledger: &'a mut Ledger,
    run: String,
    inputs: &'a [PathBuf],
    dests: Vec<PathBuf>,
    writer: Option<ShardWriter>,
    outputs: Vec<serde_json::Value>,
    pending: Vec<serde_json::Value>,
    pending_bytes: usize,
    pending_input: usize,
    quiet: bool,
    shown_errors: u64,
    line: Vec<u8>,
    policy_digest: String,
}

impl CliSink<'_> {
    fn flush_exclusions(&mut self) -> Result<(), String> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pages = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let input = self
            .inputs
            .get(self.pending_input)
            .map(|p| p.display().to_string());
        self.ledger
            .append(
                &self.run,
                "exclusions",
                &json!({ "input": input, "policy_digest": self.policy_digest, "pages": pages }),
            )
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

impl Sink for CliSink<'_> {
    fn start_input(&mut self, index: usize, _path: &Path) -> Result<(), String> {
        if let Some(dest) = self.dests.get(index) {
            let source = Source {
                id: index as u32,
                path: dest.clone(),
                format: Format::Jsonl,
                compression: Compression::None,
                size: 0,
            };
            self.writer = Some(
                ShardWriter::create(dest, &source)
                    .map_err(|e| format!("creating the output for {}: {e}", dest.display()))?,
            );
        }
        Ok(())
    }

    fn kept(&mut self, _input: usize, page: &KeptPage) -> Result<(), String> {
        if let Some(w) = &mut self.writer {
            self.line.clear();
            serde_json::to_writer(&mut self.line, page).map_err(|e| e.to_string())?;
            self.line.push(b'\n');
            w.write_lines(&self.line, 1)
                .map_err(|e| format!("writing the output: {e}"))?;
        }
        Ok(())
    }

    fn excluded(&mut self, ex: &Exclusion<'_>) -> Result<(), String> {
        if ex.input != self.pending_input {
            self.flush_exclusions()?;
            self.pending_input = ex.input;
        }
        let entry = json!({
            "url": ex.url,
            "record": ex.record_id,
            "offset": ex.offset,
            "reason": ex.reason.code,
            "signal": ex.reason.signal,
            "why": ex.reason.reason,
            "reasons": ex.codes,
            "category": ex.category,
        });
        self.pending_bytes += entry.to_string().len();
        self.pending.push(entry);
        if self.pending.len() >= BATCH_PAGES || self.pending_bytes >= BATCH_BYTES {
            self.flush_exclusions()?;
        }
        Ok(())
    }

    fn error(&mut self, input: usize, e: &RecordError) -> Result<(), String> {
        if !self.quiet && self.shown_errors < 20 {
            eprintln!("warning: {e}");
        }
        self.shown_errors += 1;
        let path = self.inputs.get(input).map(|p| p.display().to_string());
        self.ledger
            .append(
                &self.run,
                "problem",
                &json!({ "input": path, "offset": e.offset, "record": e.record_id, "kind": e.kind.as_str() }),
            )
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    fn end_input(&mut self, index: usize) -> Result<(), String> {
        self.flush_exclusions()?;
        if let Some(w) = self.writer.take() {
            let records = w.records();
            let (path, sha) = w
                .finish()
                .map_err(|e| format!("completing the output: {e}"))?;
            self.outputs.push(json!({
                "input": self.inputs.get(index).map(|p| p.display().to_string()),
                "path": path.display().to_string(),
                "records": records,
                "sha256": sha,
            }));
        }
        // Durable per input: a killed run keeps what the ledger says.
        self.ledger.sync().map_err(|e| e.to_string())
    }
}

fn filter(a: FilterArgs) -> Result<ExitCode> {
    let mut policy = load_policy(a.policy.as_deref())?;
    let inputs = find_warcs(&a.inputs)?;
    let people = if policy.suppression_files.is_empty() {
        None
    } else {
        let Some(key) = Key::load(a.key_file.as_deref())? else {
            bail!(
                "the policy's [objections] suppression lists need the key they were made with (--key-file or PRIVASIFT_KEY)"
            );
        };
        let mut hashes = std::collections::HashSet::new();
        for f in &policy.suppression_files {
            privasift_collect::people::load_suppression(f, &key, &mut hashes)
                .map_err(anyhow::Error::msg)?;
        }
        policy.people = hashes;
        Some(privasift_collect::people::People::new(key).map_err(anyhow::Error::msg)?)
    };
    let dests = match (&a.output, a.dry_run) {
        (Some(outdir), false) => {
            let dests = destinations(&inputs, outdir);
            for d in &dests {
                if d.exists() {
                    bail!(
                        "{} already exists: choose an empty output directory",
                        d.display()
                    );
                }
            }
            std::fs::create_dir_all(outdir)
                .with_context(|| format!("creating {}", outdir.display()))?;
            dests
        }
        _ => Vec::new(),
    };
    let ledger_path = ledger_path(a.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let run = privasift_ledger::new_run_id();
    let digest = policy.digest();
    ledger.append(
        &run,
        "run-start",
        &json!({
            "command": "collect filter",
            "tool": concat!("privasift ", env!("CARGO_PKG_VERSION")),
            "policy": a.policy.as_ref().map(|p| p.display().to_string()),
            "policy_digest": digest,
            "agents": policy.agents,
            "sensitive_categories": policy.sensitive.categories,
            "people_objections": policy.people.len(),
            "inputs": inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "dry_run": a.dry_run,
        }),
    )?;
    ledger.sync()?;
    let opts = FilterOptions {
        max_record_bytes: a.max_record_bytes,
        extract: !a.dry_run,
        robots_cache: a.robots_cache.clone(),
        threads: a.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        }),
    };
    let quiet = a.quiet;
    let mut sink = CliSink {
        ledger: &mut ledger,
        run: run.clone(),
        inputs: &inputs,
        dests,
        writer: None,
        outputs: Vec::new(),
        pending: Vec::new(),
        pending_bytes: 0,
        pending_input: 0,
        quiet,
        shown_errors: 0,
        line: Vec::new(),
        policy_digest: digest.clone(),
    };
    let summary = privasift_collect::filter(&inputs, &policy, people.as_ref(), &opts, &mut sink)
        .map_err(anyhow::Error::msg)?;
    let outputs = std::mem::take(&mut sink.outputs);
    let shown = sink.shown_errors;
    drop(sink);
    ledger.append(
        &run,
        "run-end",
        &json!({
            "pages_read": summary.pages_read,
            "kept": summary.kept,
            "excluded": summary.excluded,
            "excluded_by_reason": summary.excluded_by_reason,
            "excluded_by_category": summary.excluded_by_category,
            "errors_by_kind": summary.errors_by_kind,
            "outputs": outputs,
        }),
    )?;
    ledger.sync()?;
    if let Some(p) = &a.summary {
        let json = serde_json::to_vec_pretty(&summary).context("serialising the summary")?;
        crate::write_atomically(p, &json)
            .with_context(|| format!("writing the summary to {}", p.display()))?;
    }
    let mut text = render(&summary);
    if shown > 20 && !a.quiet {
        let _ = writeln!(
            text,
            "({} more problems not shown; see the ledger)",
            shown - 20
        );
    }
    if let Some(o) = &a.output
        && !a.dry_run
    {
        let _ = writeln!(text, "Kept pages written to {}", o.display());
    }
    if let Some(p) = &a.summary {
        let _ = writeln!(text, "Summary written to {}", p.display());
    }
    let _ = writeln!(
        text,
        "Ledger: {} (run {run}); check it with `privasift ledger verify {}`",
        ledger_path.display(),
        ledger_path.display()
    );
    crate::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The summary in words.
fn render(s: &Summary) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{} WARC file(s), {} records, {} pages: {} kept, {} excluded, {} problem(s)",
        s.inputs.len(),
        s.records_read,
        s.pages_read,
        s.kept,
        s.excluded,
        s.errors
    );
    let _ = writeln!(
        t,
        "Opt-out files: {} robots.txt, {} ai.txt, {} tdmrep.json in the WARC; {} host(s) with opt-out files",
        s.signal_records.get("robots.txt").unwrap_or(&0),
        s.signal_records.get("ai.txt").unwrap_or(&0),
        s.signal_records.get("tdmrep.json").unwrap_or(&0),
        s.hosts_with_signals
    );
    if !s.excluded_by_reason.is_empty() {
        let _ = writeln!(t, "Excluded, by reason:");
        for (k, v) in &s.excluded_by_reason {
            let _ = writeln!(t, "  {k:<28} {v}");
        }
    }
    if !s.excluded_by_category.is_empty() {
        let _ = writeln!(t, "Sensitive sites excluded, by category:");
        for (k, v) in &s.excluded_by_category {
            let _ = writeln!(t, "  {k:<28} {v}");
        }
    }
    if !s.kept_by_language.is_empty() {
        let langs: Vec<String> = s
            .kept_by_language
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(t, "Kept, by language: {}", langs.join(", "));
    }
    if !s.errors_by_kind.is_empty() {
        let _ = writeln!(t, "Problems, by kind:");
        for (k, v) in &s.errors_by_kind {
            let _ = writeln!(t, "  {k:<28} {v}");
        }
    }
    let _ = writeln!(t, "Policy digest: {}", s.policy_digest);
    t
}

fn check(a: CheckArgs) -> Result<ExitCode> {
    let policy = load_policy(a.policy.as_deref())?;
    let (url, d) =
        privasift_collect::filter::check_address(&policy, &a.address, a.robots_cache.clone())
            .map_err(anyhow::Error::msg)?;
    let keep = d.keep();
    if a.json {
        let v = json!({
            "url": url.as_str(),
            "decision": if keep { "keep" } else { "exclude" },
            "reason": d.reason().map(|c| &c.code),
            "category": d.category,
            "checks": d.trail,
            "policy_digest": policy.digest(),
            "note": "from the address alone: HTTP headers and meta tags are read when a page is filtered",
        });
        crate::emit(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
    } else {
        let mut t = String::new();
        let verdict = match d.reason() {
            None => "KEEP".to_owned(),
            Some(r) => format!("EXCLUDE ({})", r.code),
        };
        let _ = writeln!(t, "{url}: {verdict}");
        for c in &d.trail {
            let mark = if c.excludes() { "exclude" } else { "allow  " };
            let _ = writeln!(t, "  {mark} {:<22} {}", c.signal, c.reason);
        }
        let _ = writeln!(
            t,
            "(from the address alone: the page's HTTP headers (tdm-reservation, X-Robots-Tag), meta tags, language and text are checked when it is filtered)"
        );
        crate::emit(&t)?;
    }
    Ok(if keep {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn fetch(a: FetchArgs) -> Result<ExitCode> {
    let mut hosts = Vec::new();
    for h in &a.hosts {
        if h == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("reading hosts from standard input")?;
            hosts.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned),
            );
        } else {
            hosts.push(h.clone());
        }
    }
    let mut opts = privasift_collect::live::FetchOptions {
        delay: std::time::Duration::from_millis(a.delay_ms),
        timeout: std::time::Duration::from_secs(a.timeout_secs.max(1)),
        scheme: a.scheme.clone(),
        ..privasift_collect::live::FetchOptions::default()
    };
    if let Some(ua) = &a.user_agent {
        opts.user_agent.clone_from(ua);
    }
    std::fs::create_dir_all(&a.robots_cache)
        .with_context(|| format!("creating {}", a.robots_cache.display()))?;
    let fetched = privasift_collect::live::fetch_all(&hosts, &a.robots_cache, &opts, |f| {
        match (&f.status, &f.error) {
            (Some(s), _) => eprintln!("{} {}: HTTP {s}, {} bytes", f.host, f.file, f.bytes),
            (None, Some(e)) => eprintln!("{} {}: unreachable ({e})", f.host, f.file),
            (None, None) => {}
        }
    })
    .map_err(anyhow::Error::msg)?;
    let unreachable = fetched.iter().filter(|f| f.status.is_none()).count();
    crate::emit(&format!(
        "{} file(s) of {} host(s) fetched into {}; {unreachable} unreachable (recorded: pages of a host whose robots.txt is unreachable are excluded)\n",
        fetched.len(),
        fetched.len() / 3,
        a.robots_cache.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
