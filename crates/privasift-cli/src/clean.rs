//! `privasift clean`, `keygen` and `reveal`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use privasift_core::SourceId;
use privasift_formats::{
    BatchData, Discovered, Format, JsonDoc, PARTIAL_PREFIX, RecordError, Selection, Source,
};
use privasift_ledger::Ledger;
use privasift_pipeline::{
    CleanJob, CleanObserver, CleanSink, Progress, RecordDetector, RecordEntry, RunError, Sample,
    run,
};
use privasift_transform::{Key, Policy, Transformer};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{InputArgs, OutputFile, build_set, emit, find_inputs, progress_bar, run_options};
use privasift_detect::DetectorSet;

/// The file in OUTDIR that ties its shards to the run that wrote them.
const MANIFEST: &str = ".privasift-clean.json";
/// Where the ledger goes without `--ledger`.
pub const LEDGER_ENV: &str = "PRIVASIFT_LEDGER";
const DEFAULT_LEDGER: &str = "privasift-ledger.jsonl";
/// Test hook: abort the process (as a kill would) after this many shards.
const ABORT_HOOK: &str = "PRIVASIFT_TEST_ABORT_AFTER_SHARDS";

#[derive(Args)]
pub struct CleanArgs {
    /// Input files, directories or globs (every format `scan` reads).
    #[arg(required_unless_present = "explain", value_name = "INPUT")]
    pub(crate) inputs: Vec<String>,
    /// Output directory: one shard per input shard, same format, same relative path.
    #[arg(
        long,
        short = 'o',
        value_name = "OUTDIR",
        required_unless_present = "explain"
    )]
    pub(crate) output: Option<PathBuf>,
    /// The policy (TOML; see examples/clean.toml). Default: redact every finding, drop records with special-category data.
    #[arg(long, value_name = "FILE.toml")]
    pub(crate) policy: Option<PathBuf>,
    /// Print what the policy will do, and stop.
    #[arg(long)]
    pub(crate) explain: bool,
    /// The key for pseudonymise, surrogate and encrypt (else the `PRIVASIFT_KEY` environment variable).
    #[arg(long, value_name = "FILE")]
    pub(crate) key_file: Option<PathBuf>,
    /// The processing ledger to append to (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    pub(crate) ledger: Option<PathBuf>,
    /// Finish an interrupted run into the same OUTDIR: complete shards are kept, the others are written.
    #[arg(long)]
    pub(crate) resume: bool,
    /// Keep records that cannot be read (malformed JSON) in this directory for inspection, instead of skipping them.
    #[arg(long, value_name = "DIR")]
    pub(crate) quarantine: Option<PathBuf>,
    /// Drop every record holding a value on this suppression list (written by `rights erase --suppression`; needs the same key).
    #[arg(long, value_name = "FILE.jsonl")]
    pub(crate) suppression: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    #[command(flatten)]
    pub(crate) model: crate::model::ModelArgs,
}

/// What OUTDIR was written with; `--resume` requires the same.
#[derive(Serialize, Deserialize, PartialEq, Eq, Debug)]
struct Manifest {
    tool: String,
    policy_digest: String,
    key_fingerprint: Option<String>,
    detectors: Vec<String>,
    fields: Vec<String>,
    id_field: Option<String>,
    inputs: Vec<ManifestInput>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Debug)]
struct ManifestInput {
    path: PathBuf,
    bytes: u64,
    output: PathBuf,
}

/// The ledger: the option, else `PRIVASIFT_LEDGER`, else
/// `./privasift-ledger.jsonl`.
pub fn ledger_path(option: Option<PathBuf>) -> PathBuf {
    option
        .or_else(|| std::env::var_os(LEDGER_ENV).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_LEDGER))
}

/// The policy from `--policy FILE`, else the built-in one.
pub(crate) fn load_policy(set: &DetectorSet, path: Option<&Path>) -> Result<Policy> {
    let known = set.kinds();
    Ok(match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading the policy {}", p.display()))?;
            Policy::parse(&text, &p.display().to_string(), &known)?
        }
        None => Policy::builtin(),
    })
}

pub fn clean(a: CleanArgs) -> Result<ExitCode> {
    let set = build_set(&a.input)?;
    let policy = load_policy(&set, a.policy.as_deref())?;
    if a.explain {
        emit(&policy.explain(&set.kinds()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(outdir) = a.output.clone() else {
        bail!("--output OUTDIR is required");
    };
    let key = Key::load(a.key_file.as_deref())?;
    let suppression = match (&a.suppression, &key) {
        (None, _) => None,
        (Some(p), None) => bail!(
            "--suppression {} needs the key it was made with (--key-file or PRIVASIFT_KEY)",
            p.display()
        ),
        (Some(p), Some(k)) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("reading the suppression list {}", p.display()))?;
            Some(load_suppression(&text, p, k)?)
        }
    };
    let mut transformer = Transformer::new(policy, key)?;
    let suppressed = suppression
        .as_ref()
        .map_or(0, std::collections::HashSet::len);
    if let Some(s) = suppression {
        transformer = transformer.with_suppression(s)?;
    }
    let found = find_inputs(&a.inputs, &a.input)?;
    let dests = prepare(&a.inputs, &found, &outdir, &transformer, &a.input)?;
    let model = a.model.load(a.input.quiet)?;
    // A ledger that cannot be appended to (broken chain, locked) is refused
    // before anything is written.
    let ledger_path = ledger_path(a.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let run_id = privasift_ledger::new_run_id();
    let done = clean_into(CleanInto {
        note: None,
        command: "clean",
        record_detector: model.as_ref().map(|m| m as &dyn RecordDetector),
        start: if a.suppression.is_some() {
            json!({ "suppression": { "path": a.suppression, "entries": suppressed } })
        } else {
            json!({})
        },
        found,
        dests,
        outdir: &outdir,
        set: &set,
        transformer: &transformer,
        input: &a.input,
        resume: a.resume,
        quarantine: a.quarantine.clone(),
        ledger: &mut ledger,
        run_id: &run_id,
    })?;
    if let Some(m) = &model {
        m.warn_failures();
    }

    emit(&summary(
        "Cleaned",
        &done,
        &outdir,
        a.quarantine.is_some(),
        &ledger_path,
        &run_id,
    ))?;
    Ok(if done.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The summary a clean run prints (`clean`, `rights erase`).
pub(crate) fn summary(
    verb: &str,
    done: &Cleaned,
    outdir: &Path,
    quarantine: bool,
    ledger_path: &Path,
    run_id: &str,
) -> String {
    let c = &done.counts;
    let run_sources = done.run_sources;
    let skipped_done = done.skipped_done;
    let elapsed = done.elapsed;
    let problems = done.problems;
    let first_problems = &done.first_problems;
    let mut text = String::new();
    let mb = c.bytes as f64 / 1e6;
    let _ = writeln!(
        text,
        "{verb} {} records from {} file(s) into {} ({:.1} MB in {:.1} s, {:.1} MB/s)",
        c.records_read,
        run_sources,
        outdir.display(),
        mb,
        elapsed.as_secs_f64(),
        mb / elapsed.as_secs_f64().max(1e-9)
    );
    if skipped_done > 0 {
        let _ = writeln!(
            text,
            "  {skipped_done} shard(s) were already complete (--resume) and were left as they were"
        );
    }
    let _ = writeln!(
        text,
        "  written:   {} records ({} edited, {} unchanged)",
        c.records_written,
        c.records_changed,
        c.records_written - c.records_changed
    );
    let _ = writeln!(
        text,
        "  deleted:   {} records, written nowhere",
        c.dropped()
    );
    for (why, n) in &c.records_dropped {
        let _ = writeln!(text, "             {n} by {why}");
    }
    let _ = writeln!(
        text,
        "  skipped:   {} unreadable records{}",
        c.records_skipped,
        if quarantine {
            " (malformed ones kept in --quarantine)"
        } else {
            ""
        }
    );
    let _ = writeln!(text, "  findings:  {}", c.findings);
    for (label, n) in &c.records_by_label {
        let _ = writeln!(text, "             {label}: {n} records");
    }
    for (action, n) in &c.records_by_action {
        let _ = writeln!(text, "  action {action}: {n} records");
    }
    if problems > 0 {
        let _ = writeln!(text, "  problems:  {problems}");
        for p in first_problems {
            let _ = writeln!(text, "    {p}");
        }
    }
    for e in &done.file_errors {
        let _ = writeln!(text, "  file not cleaned: {e}");
    }
    let _ = writeln!(
        text,
        "Ledger: {} (run {run_id}); check it with `privasift ledger verify {}`",
        ledger_path.display(),
        ledger_path.display()
    );
    text
}

/// What a clean run needs once its arguments are read: `clean`, and `vault
/// put`, which pseudonymises each input this way before it encrypts it.
pub(crate) struct CleanInto<'a> {
    /// Said in the ledger's `run-start` as `"for"` (e.g. `vault put`).
    pub note: Option<&'static str>,
    /// The ledger's `command` (`clean`, `rights erase`).
    pub command: &'static str,
    /// Runs after the detector set on every record (`rights erase`).
    pub record_detector: Option<&'a dyn RecordDetector>,
    /// More fields for the `run-start` body.
    pub start: serde_json::Value,
    pub found: Discovered,
    /// From [`prepare`].
    pub dests: Vec<PathBuf>,
    pub outdir: &'a Path,
    pub set: &'a DetectorSet,
    pub transformer: &'a Transformer,
    pub input: &'a InputArgs,
    pub resume: bool,
    pub quarantine: Option<PathBuf>,
    pub ledger: &'a mut Ledger,
    pub run_id: &'a str,
}

/// What a clean run did.
pub(crate) struct Cleaned {
    /// Sources cleaned by this run (all but those `--resume` found complete).
    pub run_sources: usize,
    pub counts: privasift_pipeline::CleanCounts,
    pub shards: Vec<privasift_pipeline::ShardDone>,
    pub file_errors: Vec<privasift_formats::ReadError>,
    /// Some input could not be cleaned.
    pub failed: bool,
    pub skipped_done: usize,
    pub elapsed: std::time::Duration,
    pub problems: u64,
    pub first_problems: Vec<String>,
}

/// Where each input's shard goes under `outdir`, after checking that the
/// policy's fields exist: everything `clean` refuses before it writes.
pub(crate) fn prepare(
    inputs: &[String],
    found: &Discovered,
    outdir: &Path,
    transformer: &Transformer,
    input: &InputArgs,
) -> Result<Vec<PathBuf>> {
    let dests = destinations(inputs, found, outdir)?;
    check_policy_fields(transformer.policy(), found, input)?;
    Ok(dests)
}

/// Cleans `found` into `outdir`, recording the run (start, records,
/// problems, end) in the ledger under `run_id`.
pub(crate) fn clean_into(c: CleanInto<'_>) -> Result<Cleaned> {
    let CleanInto {
        note,
        command,
        record_detector,
        start: start_extra,
        found,
        dests,
        outdir,
        set,
        transformer,
        input,
        resume,
        quarantine,
        ledger,
        run_id,
    } = c;
    let outdir = outdir.to_path_buf();

    // OUTDIR: fresh, or resumed with the same run parameters.
    let manifest = Manifest {
        tool: format!("privasift {}", env!("CARGO_PKG_VERSION")),
        policy_digest: transformer.policy().digest.clone(),
        key_fingerprint: transformer.key_fingerprint(),
        detectors: set
            .ids()
            .iter()
            .map(|s| (*s).to_owned())
            .chain(record_detector.map(|_| "record-detector".to_owned()))
            .collect(),
        fields: input.fields.clone(),
        id_field: input.id_field.clone(),
        inputs: found
            .sources
            .iter()
            .zip(&dests)
            .map(|(s, d)| ManifestInput {
                path: s.path.clone(),
                bytes: s.size,
                output: d.clone(),
            })
            .collect(),
    };
    let manifest_path = outdir.join(MANIFEST);
    let todo: Vec<Option<PathBuf>> = if resume {
        let old: Manifest = std::fs::read(&manifest_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .with_context(|| {
                format!(
                    "--resume: {} has no readable {MANIFEST}: nothing to resume",
                    outdir.display()
                )
            })?;
        if old != manifest {
            bail!(
                "--resume: {} was written with another policy, key, detector set, field selection or input list; \
                 resume with the same ones, or clean into a new directory",
                outdir.display()
            );
        }
        remove_partials(&outdir)?;
        dests
            .iter()
            .map(|d| (!d.exists()).then(|| d.clone()))
            .collect()
    } else {
        if manifest_path.exists() || dests.iter().any(|d| d.exists()) {
            bail!(
                "{} already holds cleaned output: use --resume to finish an interrupted run, or choose an empty directory",
                outdir.display()
            );
        }
        std::fs::create_dir_all(&outdir)
            .with_context(|| format!("creating {}", outdir.display()))?;
        let bytes = serde_json::to_vec_pretty(&manifest)?;
        crate::write_atomically(&manifest_path, &bytes)?;
        dests.iter().cloned().map(Some).collect()
    };
    let sources: Vec<Source> = found.sources.clone();
    let skipped_done = todo.iter().filter(|t| t.is_none()).count();

    // The ledger (opened by the caller): run start, with what identifies the run.
    let mut start = json!({
            "command": command,
            "tool": manifest.tool,
            "policy": { "origin": transformer.policy().origin, "digest": transformer.policy().digest },
            "key_fingerprint": transformer.key_fingerprint(),
            "detectors": manifest.detectors,
            // Digests are computed while reading: they are in the run-end event.
            "inputs": sources.iter().map(|s| json!({
                "source": s.id, "path": s.path, "format": s.format.as_str(), "bytes": s.size,
            })).collect::<Vec<_>>(),
            "output_dir": outdir,
            "resume": resume,
            "already_complete": skipped_done,
            "for": note,
    });
    if let (Some(body), Some(more)) = (start.as_object_mut(), start_extra.as_object()) {
        for (k, v) in more {
            body.insert(k.clone(), v.clone());
        }
    }
    ledger.append(run_id, "run-start", &start)?;
    ledger.sync()?;

    // Run.
    let selection = Selection::new(input.fields.clone(), input.id_field.clone());
    let mut opts = run_options(input, selection, Sample::All);
    opts.read.digest = true;
    let mut job = CleanJob::new(set, transformer, &sources, &opts, quarantine.is_some());
    if let Some(rd) = record_detector {
        job = job.with_record_detector(rd);
    }
    let run_sources: Vec<Source> = sources
        .iter()
        .zip(&todo)
        .filter(|(_, t)| t.is_some())
        .map(|(s, _)| s.clone())
        .collect();
    let mut sink = CleanSink::new(&sources, &todo);
    let abort_after: Option<usize> = std::env::var(ABORT_HOOK).ok().and_then(|v| v.parse().ok());
    let mut shards_done = 0usize;
    sink.on_shard = Some(Box::new(move |_| {
        shards_done += 1;
        if abort_after.is_some_and(|n| shards_done >= n) {
            std::process::abort();
        }
    }));
    let mut obs = Observer {
        ledger: &mut *ledger,
        run: run_id,
        sources: &sources,
        quarantine_dir: quarantine.clone(),
        quarantine: HashMap::new(),
        outdir: &outdir,
        dests: &dests,
        first_problems: Vec::new(),
        problems: 0,
        strict: input.strict,
    };
    let bar = progress_bar(run_sources.iter().map(|s| s.size).sum(), input.quiet);
    let started = std::time::Instant::now();
    let result = run(
        &run_sources,
        &job,
        &opts,
        &|p: Progress| bar.set_position(p.file_bytes),
        |out| {
            let flow = sink.add(out, &mut obs)?;
            bar.set_message(format!("{} records", sink.counts.records_read));
            Ok(flow)
        },
    );
    bar.finish_and_clear();
    let result = result.and_then(|_| sink.finish(&mut obs));
    let elapsed = started.elapsed();
    let quarantined = obs.commit_quarantine()?;
    let problems = obs.problems;
    let first_problems = std::mem::take(&mut obs.first_problems);
    drop(obs);

    // Run end: counts and what was written, whether or not it succeeded.
    // Input digests: computed while reading; a second read only for inputs
    // read by random access (Parquet) or not to their end.
    let missing: Vec<&Source> = run_sources
        .iter()
        .filter(|s| {
            sink.input_digests
                .get(&s.id)
                .and_then(Option::as_ref)
                .is_none()
        })
        .collect();
    let extra = digest_files(
        missing.iter().map(|s| s.path.as_path()).collect(),
        input.threads,
    )?;
    let mut input_digests: BTreeMap<SourceId, String> = sink
        .input_digests
        .iter()
        .filter_map(|(k, v)| v.clone().map(|d| (*k, d)))
        .collect();
    for (s, d) in missing.iter().zip(extra) {
        input_digests.insert(s.id, d);
    }
    let status = match &result {
        Ok(()) if sink.failed().is_empty() => "complete",
        Ok(()) => "complete-with-failed-inputs",
        Err(_) => "failed",
    };
    ledger.append(
        run_id,
        "run-end",
        &json!({
            "status": status,
            "counts": sink.counts,
            "inputs": run_sources.iter().map(|s| json!({
                "source": s.id, "path": s.path, "sha256": input_digests.get(&s.id),
            })).collect::<Vec<_>>(),
            "outputs": sink.shards.iter().map(|s| json!({
                "source": s.source, "path": s.path, "records": s.records, "sha256": s.sha256,
            })).collect::<Vec<_>>(),
            "failed_inputs": sink.file_errors.iter().map(|e| json!({"path": e.path, "kind": e.kind.as_str(), "message": e.message})).collect::<Vec<_>>(),
            "quarantined_files": quarantined,
        }),
    )?;
    ledger.sync()?;
    result.map_err(|e| match e {
        RunError::Strict(m) => anyhow::anyhow!("stopped by --strict: {m}"),
        other => anyhow::anyhow!(other),
    })?;

    Ok(Cleaned {
        run_sources: run_sources.len(),
        failed: !sink.failed().is_empty(),
        counts: sink.counts,
        shards: sink.shards,
        file_errors: sink.file_errors,
        skipped_done,
        elapsed,
        problems,
        first_problems,
    })
}

struct Observer<'a> {
    ledger: &'a mut Ledger,
    run: &'a str,
    sources: &'a [Source],
    quarantine_dir: Option<PathBuf>,
    quarantine: HashMap<SourceId, OutputFile>,
    outdir: &'a Path,
    dests: &'a [PathBuf],
    first_problems: Vec<String>,
    problems: u64,
    strict: bool,
}

/// One record of a `records` entry in the ledger, borrowed from the run's
/// [`RecordEntry`]: written straight to the line, without a map and strings
/// per record. (Fields in sorted order, as a `serde_json::Value` map wrote
/// them, so that entries read as before.)
#[derive(serde::Serialize)]
struct LedgerRecord<'a> {
    action: &'a str,
    detectors: &'a [&'static str],
    index: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    kinds: &'a [&'static str],
}

/// A `records` entry: the records of one batch from one source.
#[derive(serde::Serialize)]
struct LedgerRecords<'a> {
    records: Vec<LedgerRecord<'a>>,
    source: SourceId,
}

impl Observer<'_> {
    fn commit_quarantine(&mut self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut files: Vec<(SourceId, OutputFile)> = self.quarantine.drain().collect();
        files.sort_by_key(|(s, _)| *s);
        for (_, f) in files {
            out.push(f.path().to_owned());
            f.commit()?;
        }
        Ok(out)
    }
}

impl CleanObserver for Observer<'_> {
    fn before_shard_complete(&mut self) -> Result<(), String> {
        self.ledger.sync().map_err(|e| e.to_string())
    }

    fn entries(&mut self, entries: &[RecordEntry]) -> Result<(), String> {
        // One ledger entry per batch and source, listing its records: the
        // chain's per-entry cost (time, run, two hashes) is paid once.
        let mut i = 0;
        while i < entries.len() {
            let source = entries[i].source;
            let n = entries[i..]
                .iter()
                .take_while(|e| e.source == source)
                .count();
            let records: Vec<LedgerRecord<'_>> = entries[i..i + n]
                .iter()
                .map(|e| LedgerRecord {
                    action: e.action,
                    detectors: &e.detectors,
                    index: e.index,
                    key: e.key.as_deref(),
                    kinds: &e.kinds,
                })
                .collect();
            self.ledger
                .append(self.run, "records", &LedgerRecords { records, source })
                .map_err(|e| e.to_string())?;
            i += n;
        }
        Ok(())
    }

    fn errors(&mut self, errors: &[RecordError]) -> Result<(), String> {
        for e in errors {
            self.problems += 1;
            let path = self
                .sources
                .get(e.source as usize)
                .map_or_else(PathBuf::new, |s| s.path.clone());
            let shown = e.display_with(&path);
            if self.strict {
                return Err(format!("stopped by --strict: {shown}"));
            }
            if self.first_problems.len() < 10 {
                self.first_problems.push(shown);
            }
            let body = json!({
                "source": e.source,
                "location": e.location.to_string(),
                "field": e.field,
                "kind": e.kind.as_str(),
                "skipped": e.kind.skips_record(),
            });
            self.ledger
                .append(self.run, "problem", &body)
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn quarantine(&mut self, source: SourceId, raw: &[u8]) -> Result<(), String> {
        let Some(dir) = &self.quarantine_dir else {
            return Ok(());
        };
        if !self.quarantine.contains_key(&source) {
            let dest = self.dests.get(source as usize).ok_or("unknown source")?;
            let rel = dest.strip_prefix(self.outdir).unwrap_or(dest);
            let mut name = rel.as_os_str().to_owned();
            name.push(".rejected");
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("creating {}: {e}", parent.display()))?;
            }
            let f = OutputFile::create(&path, false).map_err(|e| format!("{e:#}"))?;
            self.quarantine.insert(source, f);
        }
        if let Some(f) = self.quarantine.get_mut(&source) {
            f.write_all(raw)
                .map_err(|e| format!("writing the quarantine: {e}"))?;
        }
        Ok(())
    }
}

/// The output path of each source: its path relative to the directory
/// argument it was found in (or its file name), under OUTDIR. Refuses two
/// inputs that would land on one output, and any output that is an input.
fn destinations(args: &[String], found: &Discovered, outdir: &Path) -> Result<Vec<PathBuf>> {
    let dirs: Vec<PathBuf> = args
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .collect();
    let mut seen: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let mut out = Vec::with_capacity(found.sources.len());
    let canon_out = absolute(outdir);
    // An OUTDIR inside an input directory would make its shards inputs of
    // the next run over that directory.
    for d in &dirs {
        if let (Some(d_abs), Some(o)) = (absolute(d), &canon_out)
            && o.starts_with(&d_abs)
        {
            bail!(
                "the output directory {} is inside the input directory {}: the cleaned shards would be read as inputs by the next run; choose an OUTDIR outside it",
                outdir.display(),
                d.display()
            );
        }
    }
    for s in &found.sources {
        let rel = dirs
            .iter()
            .find_map(|d| s.path.strip_prefix(d).ok().map(Path::to_path_buf))
            .or_else(|| s.path.file_name().map(PathBuf::from))
            .with_context(|| format!("{} has no file name", s.path.display()))?;
        let dest = outdir.join(&rel);
        if let Some(prev) = seen.insert(dest.clone(), &s.path) {
            bail!(
                "{} and {} would both be written to {}: clean them into separate directories",
                prev.display(),
                s.path.display(),
                dest.display()
            );
        }
        if let (Some(src), Some(co)) = (absolute(&s.path), &canon_out)
            && src.starts_with(co)
        {
            bail!(
                "the input {} is inside the output directory {}: inputs are never overwritten, choose another OUTDIR",
                s.path.display(),
                outdir.display()
            );
        }
        out.push(dest);
    }
    Ok(out)
}

/// The canonical form of a path that may not exist yet: its deepest
/// existing ancestor canonicalised, the rest appended.
fn absolute(path: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut cur = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    loop {
        if let Ok(c) = std::fs::canonicalize(&cur) {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        rest.push(cur.file_name()?.to_owned());
        if !cur.pop() {
            return None;
        }
    }
}

/// Refuses a policy that names a field found in no input (checked on the
/// first batch of each input), before any output is written.
fn check_policy_fields(policy: &Policy, found: &Discovered, input: &InputArgs) -> Result<()> {
    if policy.fields.is_empty() && policy.keep_fields.is_none() {
        return Ok(());
    }
    let mut paths: BTreeSet<String> = BTreeSet::new();
    let read = privasift_formats::ReadOptions {
        max_record_bytes: input.max_record_bytes,
        ..privasift_formats::ReadOptions::default()
    };
    for s in &found.sources {
        let Ok(mut reader) = privasift_formats::open(s, &read) else {
            continue;
        };
        let Some(Ok(batch)) = reader.next_batch() else {
            continue;
        };
        match &batch.data {
            BatchData::JsonLines { bytes, .. } => {
                for line in bytes.split(|b| *b == b'\n').take(1000) {
                    let Ok(text) = std::str::from_utf8(line) else {
                        continue;
                    };
                    if let Ok(doc) = JsonDoc::parse(text) {
                        paths.extend(doc.leaves.iter().map(|l| l.path.clone()));
                    }
                }
            }
            BatchData::TextLines { .. } => {
                paths.insert(privasift_formats::TEXT_FIELD.to_owned());
            }
            BatchData::Table { columns, .. } => paths.extend(columns.iter().cloned()),
        }
    }
    let exists = |p: &str| {
        paths.iter().any(|q| {
            q == p
                || q.strip_prefix(p).is_some_and(|r| r.starts_with('.'))
                || p.strip_prefix(q.as_str())
                    .is_some_and(|r| r.starts_with('.'))
        })
    };
    policy.check_fields(&exists)?;
    Ok(())
}

/// Removes the temporary files a killed run left in OUTDIR.
fn remove_partials(outdir: &Path) -> Result<()> {
    let mut stack = vec![outdir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if e.file_name().to_string_lossy().starts_with(PARTIAL_PREFIX) {
                std::fs::remove_file(&p)
                    .with_context(|| format!("removing the partial shard {}", p.display()))?;
            }
        }
    }
    Ok(())
}

/// SHA-256 of each file, hex, several files at once.
fn digest_files(paths: Vec<&Path>, threads: Option<usize>) -> Result<Vec<String>> {
    let n = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .clamp(1, 8);
    let mut out: Vec<Option<Result<String>>> = (0..paths.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        for (slot_chunk, path_chunk) in out
            .chunks_mut(paths.len().div_ceil(n).max(1))
            .zip(paths.chunks(paths.len().div_ceil(n).max(1)))
        {
            scope.spawn(move || {
                for (slot, p) in slot_chunk.iter_mut().zip(path_chunk) {
                    *slot = Some(
                        privasift_ledger::file_sha256(p)
                            .with_context(|| format!("reading {} for its digest", p.display())),
                    );
                }
            });
        }
    });
    out.into_iter()
        .map(|r| r.unwrap_or_else(|| Ok(String::new())))
        .collect()
}

#[derive(Args)]
pub struct KeygenArgs {
    /// Where to write the new key (never overwritten; readable by its owner only).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
}

pub fn keygen(a: KeygenArgs) -> Result<ExitCode> {
    let key = Key::generate()?;
    key.write_new(&a.output)?;
    emit(&format!(
        "Wrote a new key to {} (fingerprint {}).\nGive it to clean with --key-file {} or the PRIVASIFT_KEY environment variable; keep it secret and backed up.\n",
        a.output.display(),
        key.fingerprint(),
        a.output.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct RevealArgs {
    /// A file written by `clean` with `encrypt` (JSON Lines, CSV/TSV or text, plain or compressed).
    input: PathBuf,
    /// Where to write the file with the encrypted values restored (written atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// The key the values were encrypted with (else `PRIVASIFT_KEY`).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Why the data is re-identified; recorded in the ledger.
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
}

/// Restores encrypted values for the key holder, and records that it did.
pub fn reveal(args: RevealArgs) -> Result<ExitCode> {
    let Some(key) = Key::load(args.key_file.as_deref())? else {
        bail!("reveal needs the key: --key-file FILE or the PRIVASIFT_KEY environment variable");
    };
    let transformer = Transformer::new(Policy::builtin(), Some(key))?;
    let ledger_path = ledger_path(args.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let found = privasift_formats::discover(&[args.input.display().to_string()], None);
    let Some(source) = found.sources.first() else {
        bail!("{}: not a readable input", args.input.display());
    };
    let input = privasift_formats::open_raw(source)?;
    let mut reader = std::io::BufReader::new(input);
    let mut out = OutputFile::create(&args.output, false)?;
    let mut counts = privasift_transform::RevealCounts::default();
    let mut add = |c: privasift_transform::RevealCounts| {
        counts.revealed += c.revealed;
        counts.failed += c.failed;
    };
    match source.format {
        Format::Jsonl | Format::Text => {
            use std::io::BufRead as _;
            let mut line = String::new();
            let mut n = 0u64;
            loop {
                line.clear();
                n += 1;
                if reader
                    .read_line(&mut line)
                    .with_context(|| format!("{}: line {n}", args.input.display()))?
                    == 0
                {
                    break;
                }
                if source.format == Format::Text {
                    let (s, c) = transformer.reveal(&line);
                    add(c);
                    out.write_all(s.as_bytes())?;
                    continue;
                }
                // JSON: reveal inside strings, so restored values are escaped.
                let body = line.trim_end_matches(['\n', '\r']);
                let doc = JsonDoc::parse(body)
                    .map_err(|e| anyhow::anyhow!("{}: line {n}: {}", args.input.display(), e.0))?;
                let edits: Vec<privasift_formats::LeafEdit> = doc
                    .leaves
                    .iter()
                    .map(|l| {
                        if l.is_string && l.text.contains("<enc:") {
                            let (s, c) = transformer.reveal(&l.text);
                            add(c);
                            privasift_formats::LeafEdit::Replace(s)
                        } else {
                            privasift_formats::LeafEdit::Keep
                        }
                    })
                    .collect();
                out.write_all(doc.render(&edits).as_bytes())?;
                out.write_all(&line.as_bytes()[body.len()..])?;
            }
        }
        Format::Csv | Format::Tsv => {
            let delim = if source.format == Format::Tsv {
                b'\t'
            } else {
                b','
            };
            let crlf = {
                use std::io::BufRead as _;
                let head = reader.fill_buf()?;
                head.iter()
                    .position(|b| *b == b'\n')
                    .is_some_and(|i| i > 0 && head[i - 1] == b'\r')
            };
            let mut r = csv::ReaderBuilder::new()
                .delimiter(delim)
                .has_headers(false)
                .flexible(true)
                .from_reader(reader);
            let mut w = csv::WriterBuilder::new()
                .terminator(if crlf {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                })
                .delimiter(delim)
                .flexible(true)
                .from_writer(Vec::new());
            for (i, rec) in r.records().enumerate() {
                let rec =
                    rec.with_context(|| format!("{}: row {}", args.input.display(), i + 1))?;
                let cells: Vec<String> = rec
                    .iter()
                    .map(|c| {
                        let (s, n) = transformer.reveal(c);
                        add(n);
                        s
                    })
                    .collect();
                w.write_record(&cells)?;
            }
            out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
        }
        Format::Parquet => {
            bail!("reveal reads JSON Lines, CSV/TSV and text; Parquet is not supported yet")
        }
    }
    let run_id = privasift_ledger::new_run_id();
    ledger.append(
        &run_id,
        "reveal",
        &json!({
            "command": "reveal",
            "input": args.input,
            "output": args.output,
            "reason": args.reason,
            "key_fingerprint": transformer.key_fingerprint(),
            "revealed": counts.revealed,
            "not_revealed": counts.failed,
            "user": std::env::var("USER").ok(),
        }),
    )?;
    ledger.sync()?;
    // Recorded first: a reveal the ledger does not hold never happens.
    out.commit()?;
    emit(&format!(
        "Revealed {} value(s) into {}; {} token(s) did not decrypt with this key. Recorded in the ledger {}.\n",
        counts.revealed,
        args.output.display(),
        counts.failed,
        ledger_path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a suppression list: the set of keyed hashes, refusing one made
/// with another key (its hashes would never match).
pub(crate) fn load_suppression(
    text: &str,
    path: &Path,
    key: &Key,
) -> Result<std::collections::HashSet<String>> {
    let fp = key.fingerprint();
    let mut out = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|_| {
            anyhow::anyhow!("{}:{}: not a suppression-list line", path.display(), i + 1)
        })?;
        if v["key_fingerprint"].as_str() != Some(fp.as_str()) {
            bail!(
                "{}:{}: this entry was made with another key (fingerprint differs): use the key the list was made with",
                path.display(),
                i + 1
            );
        }
        let Some(h) = v["hash"].as_str() else {
            bail!("{}:{}: no `hash`", path.display(), i + 1);
        };
        out.insert(h.to_owned());
    }
    Ok(out)
}
