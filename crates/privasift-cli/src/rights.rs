//! `privasift rights find` and `rights erase`: a person's records, found
//! from what the controller knows (access, erasure, objection).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use privasift_detect::{DetectConfig, DetectorSet};
use privasift_formats::Selection;
use privasift_ledger::Ledger;
use privasift_pipeline::{Output, Progress, Sample, run};
use privasift_rights::{EraseMode, FindJob, Found, Matcher, Request};
use privasift_transform::{Key, Policy, Transformer};
use serde_json::json;

use crate::clean::{CleanInto, clean_into, ledger_path, prepare};
use crate::{InputArgs, OutputFile, emit, find_inputs, progress_bar, run_options};

#[derive(Subcommand)]
pub enum RightsCommand {
    /// Find every record of a person in a dataset (any format), from a request file; for an access request, export them.
    Find(FindArgs),
    /// Write a copy of a dataset without the person's records (or with their values redacted), recorded in the ledger.
    Erase(EraseArgs),
}

#[derive(Args)]
pub struct Common {
    /// The request (TOML): who the person is and what they ask. See README, "Rights".
    #[arg(long, value_name = "FILE.toml")]
    request: PathBuf,
    /// Input files, directories or globs.
    #[arg(required = true, value_name = "DATASET")]
    inputs: Vec<String>,
    /// The key `clean` used: the person's pseudonyms are searched too (else `PRIVASIFT_KEY`, if set).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
pub struct FindArgs {
    #[command(flatten)]
    common: Common,
    /// Write the person's records to this JSON Lines file (an access request's export).
    #[arg(long, value_name = "FILE.jsonl")]
    export: Option<PathBuf>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct EraseArgs {
    #[command(flatten)]
    common: Common,
    /// Output directory: the new version of the dataset, shard for shard.
    #[arg(long, short = 'o', value_name = "OUTDIR")]
    output: PathBuf,
    /// Show what would change, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Add the person's keyed hashes to this suppression list, which `clean --suppression` applies from then on (needs the key).
    #[arg(long, value_name = "FILE.jsonl")]
    suppression: Option<PathBuf>,
}

pub fn rights(c: RightsCommand) -> Result<ExitCode> {
    match c {
        RightsCommand::Find(a) => find(a),
        RightsCommand::Erase(a) => erase(a),
    }
}

fn load(c: &Common) -> Result<(Request, Matcher, Option<Key>)> {
    let origin = c.request.display().to_string();
    let text = std::fs::read_to_string(&c.request)
        .with_context(|| format!("cannot read the request {origin}"))?;
    let req = Request::parse(&text, &origin).map_err(anyhow::Error::msg)?;
    // The key is optional here: without it, pseudonyms are searched only
    // when the request lists them.
    let key = match (&c.key_file, std::env::var_os(privasift_transform::KEY_ENV)) {
        (None, None) => None,
        (kf, _) => Key::load(kf.as_deref())?,
    };
    let matcher = Matcher::new(&req, key.as_ref(), Policy::builtin().token_chars)
        .map_err(anyhow::Error::msg)?;
    Ok((req, matcher, key))
}

/// What a search found, per file.
struct Searched {
    records: u64,
    bytes: u64,
    files: Vec<(PathBuf, Vec<Found>)>,
    problems: u64,
    file_errors: Vec<String>,
}

fn search(c: &Common, matcher: &Matcher, export: bool) -> Result<Searched> {
    let found = find_inputs(&c.inputs, &c.input)?;
    let selection = Selection::new(c.input.fields.clone(), c.input.id_field.clone());
    let opts = run_options(&c.input, selection.clone(), Sample::All);
    let job = FindJob::new(matcher, selection, export);
    let mut per: BTreeMap<u32, Vec<Found>> = BTreeMap::new();
    let mut s = Searched {
        records: 0,
        bytes: 0,
        files: Vec::new(),
        problems: 0,
        file_errors: Vec::new(),
    };
    let bar = progress_bar(found.sources.iter().map(|x| x.size).sum(), c.input.quiet);
    let strict = c.input.strict;
    let result = run(
        &found.sources,
        &job,
        &opts,
        &|p: Progress| bar.set_position(p.file_bytes),
        |out| {
            match out {
                Output::Batch(b) => {
                    s.records += b.records;
                    s.bytes += b.bytes;
                    s.problems += b.errors.len() as u64;
                    if strict && let Some(e) = b.errors.first() {
                        let path = found
                            .sources
                            .get(e.source as usize)
                            .map(|x| x.path.clone())
                            .unwrap_or_default();
                        return Err(privasift_pipeline::RunError::Strict(e.display_with(&path)));
                    }
                    per.entry(b.source).or_default().extend(b.found);
                }
                Output::FileError(e) => {
                    if strict {
                        return Err(privasift_pipeline::RunError::Strict(e.to_string()));
                    }
                    s.file_errors.push(e.to_string());
                }
                Output::SourceEnd { .. } => {}
            }
            Ok(privasift_pipeline::Flow::Continue)
        },
    );
    bar.finish_and_clear();
    result.map_err(|e| anyhow::anyhow!(e))?;
    for src in &found.sources {
        if let Some(f) = per.remove(&src.id) {
            s.files.push((src.path.clone(), f));
        }
    }
    Ok(s)
}

fn total(s: &Searched) -> usize {
    s.files.iter().map(|(_, f)| f.len()).sum()
}

fn identifiers(req: &Request) -> serde_json::Value {
    json!(
        req.identifier_counts()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| ((*k).to_owned(), json!(n)))
            .collect::<serde_json::Map<_, _>>()
    )
}

fn summary(req: &Request, s: &Searched, elapsed: f64) -> String {
    let mut t = String::new();
    let ids: Vec<String> = req
        .identifier_counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let _ = writeln!(
        t,
        "Request {} ({}): {}",
        req.id,
        privasift_rights::request::kind_name(req.kind),
        ids.join(", ")
    );
    let mb = s.bytes as f64 / 1e6;
    let _ = writeln!(
        t,
        "Searched {} records ({:.1} MB in {:.1} s, {:.1} MB/s)",
        s.records,
        mb,
        elapsed,
        mb / elapsed.max(1e-9)
    );
    let n = total(s);
    if n == 0 {
        let _ = writeln!(
            t,
            "No record matches the person's identifiers. Answer that their data was not found in this dataset (GDPR Art. 11(2)); do not ask them for more data only to search again."
        );
    } else {
        let _ = writeln!(t, "Found {n} record(s) of the person:");
        for (path, f) in &s.files {
            let _ = writeln!(t, "  {}: {} record(s)", path.display(), f.len());
            for r in f.iter().take(20) {
                let id = match (&r.id, r.id_hidden) {
                    (Some(k), _) => format!(" (id {k})"),
                    (None, true) => {
                        " (its id is one of the person's identifiers: not shown)".to_owned()
                    }
                    _ => String::new(),
                };
                let matched: Vec<&str> = r.matched.iter().copied().collect();
                let fields: Vec<&str> = r.fields.iter().map(String::as_str).collect();
                let _ = writeln!(
                    t,
                    "    record {}{id}: {} in {}",
                    r.index,
                    matched.join(", "),
                    fields.join(", ")
                );
            }
            if f.len() > 20 {
                let _ = writeln!(t, "    … and {} more (--json lists them all)", f.len() - 20);
            }
        }
    }
    if s.problems > 0 {
        let _ = writeln!(
            t,
            "  {} problem(s) met while reading (malformed records were searched as text)",
            s.problems
        );
    }
    for e in &s.file_errors {
        let _ = writeln!(t, "  file not searched: {e}");
    }
    t
}

fn find(a: FindArgs) -> Result<ExitCode> {
    let (req, matcher, key) = load(&a.common)?;
    let mut ledger = Ledger::open(&ledger_path(a.common.ledger.clone()))?;
    let run_id = privasift_ledger::new_run_id();
    ledger.append(
        &run_id,
        "run-start",
        &json!({
            "command": "rights find",
            "request": { "id": req.id, "kind": privasift_rights::request::kind_name(req.kind), "identifiers": identifiers(&req) },
            "key_fingerprint": key.as_ref().map(Key::fingerprint),
            "inputs": a.common.inputs,
            "export": a.export.is_some(),
        }),
    )?;
    ledger.sync()?;
    let started = std::time::Instant::now();
    let s = search(&a.common, &matcher, a.export.is_some())?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut exported = 0u64;
    if let Some(path) = &a.export {
        let mut out = OutputFile::create(path, false)?;
        for (p, f) in &s.files {
            for r in f {
                if let Some(v) = &r.export {
                    let mut line =
                        serde_json::to_vec(&json!({ "file": p, "record": r.index, "data": v }))?;
                    line.push(b'\n');
                    out.write_all(&line)?;
                    exported += 1;
                }
            }
        }
        out.commit()?;
    }
    ledger.append(
        &run_id,
        "run-end",
        &json!({
            "records_searched": s.records,
            "records_found": total(&s),
            "per_file": s.files.iter().map(|(p, f)| json!({"path": p, "records": f.len()})).collect::<Vec<_>>(),
            "exported": exported,
            "problems": s.problems,
            "failed_inputs": s.file_errors.len(),
        }),
    )?;
    ledger.sync()?;
    if a.json {
        let v = json!({
            "request": req.id,
            "kind": privasift_rights::request::kind_name(req.kind),
            "records_searched": s.records,
            "records_found": total(&s),
            "found": total(&s) > 0,
            "files": s.files.iter().map(|(p, f)| json!({"path": p, "records": f})).collect::<Vec<_>>(),
            "problems": s.problems,
            "failed_inputs": s.file_errors,
            "ledger_run": run_id,
        });
        emit(&(serde_json::to_string_pretty(&v)? + "\n"))?;
    } else {
        let mut t = summary(&req, &s, elapsed);
        if let Some(p) = &a.export {
            let _ = writeln!(t, "Exported {exported} record(s) to {}", p.display());
        }
        emit(&t)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn erase(a: EraseArgs) -> Result<ExitCode> {
    let (req, matcher, key) = load(&a.common)?;
    if a.dry_run {
        let started = std::time::Instant::now();
        let s = search(&a.common, &matcher, false)?;
        let mut t = summary(&req, &s, started.elapsed().as_secs_f64());
        let _ = writeln!(
            t,
            "Dry run: {} would {} {} record(s); nothing was written.",
            a.output.display(),
            match req.erase {
                EraseMode::DropRecord => "leave out",
                EraseMode::Redact => "hold, with the person's values redacted,",
            },
            total(&s)
        );
        emit(&t)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &a.suppression {
        let Some(k) = &key else {
            anyhow::bail!(
                "--suppression needs the key (--key-file or PRIVASIFT_KEY): the list holds keyed hashes, never identifiers"
            );
        };
        let n = add_to_suppression(path, &req, k)?;
        eprintln!(
            "suppression list {}: {n} keyed hash(es) of request {} added",
            path.display(),
            req.id
        );
    }
    // `clean` with no detector but the person, and a policy that drops
    // their records or redacts their values.
    let set = DetectorSet::new(Vec::new(), DetectConfig::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let action = match req.erase {
        EraseMode::DropRecord => "drop-record",
        EraseMode::Redact => "redact",
    };
    let policy = Policy::parse(
        &format!("version = 1\ndefault = \"{action}\"\nspecial-categories = \"{action}\"\n"),
        "(rights erase)",
        privasift_rights::matcher::KINDS,
    )?;
    let transformer = Transformer::new(policy, key)?;
    let found = find_inputs(&a.common.inputs, &a.common.input)?;
    let dests = prepare(
        &a.common.inputs,
        &found,
        &a.output,
        &transformer,
        &a.common.input,
    )?;
    let ledger_path = ledger_path(a.common.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let run_id = privasift_ledger::new_run_id();
    let done = clean_into(CleanInto {
        note: None,
        command: "rights erase",
        record_detector: Some(&matcher),
        start: json!({
            "request": { "id": req.id, "kind": privasift_rights::request::kind_name(req.kind), "identifiers": identifiers(&req), "erase": action },
        }),
        found,
        dests,
        outdir: &a.output,
        set: &set,
        transformer: &transformer,
        input: &a.common.input,
        resume: false,
        quarantine: None,
        ledger: &mut ledger,
        run_id: &run_id,
    })?;
    emit(&crate::clean::summary(
        "Erased the person: read",
        &done,
        &a.output,
        false,
        &ledger_path,
        &run_id,
    ))?;
    Ok(if done.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Appends the request's entries to a suppression list (JSON Lines, written
/// atomically: the old list plus the new lines, renamed into place).
fn add_to_suppression(path: &std::path::Path, req: &Request, key: &Key) -> Result<usize> {
    let mut text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let fp = key.fingerprint();
    let existing = crate::clean::load_suppression(&text, path, key)?;
    let mut added = 0;
    for (label, hash) in privasift_rights::suppression_entries(req, key) {
        if existing.contains(&hash) {
            continue;
        }
        let line = json!({ "request": req.id, "label": label.as_str(), "hash": hash, "key_fingerprint": fp });
        text.push_str(&line.to_string());
        text.push('\n');
        added += 1;
    }
    crate::write_atomically(path, text.as_bytes())?;
    Ok(added)
}
