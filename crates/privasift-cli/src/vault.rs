//! `privasift vault`: the audit vault (init, put, list, get, purge, verify).
//!
//! The library (`privasift-vault`) stores and encrypts; this module reads
//! the keys, pseudonymises with `clean`'s machinery before `put`, and
//! records every access and deletion in the processing ledger.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use privasift_ledger::Ledger;
use privasift_transform::{Key, Transformer};
use privasift_vault::{
    AUDITOR_KEY_ENV, Access, AuditorKey, Date, OPERATOR_KEY_ENV, OperatorKey, PutRequest, Role,
    Vault, VaultError, VaultKey,
};
use serde_json::json;

use crate::clean::{CleanInto, clean_into, ledger_path, load_policy, prepare};
use crate::{InputArgs, OutputFile, build_set, emit, find_inputs};

#[derive(Subcommand)]
pub enum VaultCommand {
    /// Create a vault directory and its two keys: the operator key (put, purge) and the auditor key (read).
    Init(InitArgs),
    /// Pseudonymise each dataset file with clean's policy, encrypt it to the auditor and store it until a deadline.
    Put(PutArgs),
    /// List the objects (metadata only, no key needed) and which are past their deadline.
    List(ListArgs),
    /// Decrypt one object (auditor key only), after recording who and why in the ledger.
    Get(GetArgs),
    /// Delete every object past its deadline, recording each deletion in the ledger.
    Purge(PurgeArgs),
    /// Check every signature and digest, and that the vault holds exactly its files; exit 1 on any problem.
    Verify(VerifyArgs),
}

#[derive(Args)]
pub struct InitArgs {
    /// The vault directory (new or empty).
    dir: PathBuf,
    /// Where to write the new operator key (never overwritten; mode 0600; outside DIR).
    #[arg(long, value_name = "FILE")]
    operator_key: PathBuf,
    /// Where to write the new auditor key (never overwritten; mode 0600; outside DIR).
    #[arg(long, value_name = "FILE")]
    auditor_key: PathBuf,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
}

#[derive(Args)]
pub struct PutArgs {
    /// The vault directory.
    dir: PathBuf,
    /// Dataset files, directories or globs: each file becomes one object.
    #[arg(required = true, value_name = "DATASET")]
    datasets: Vec<String>,
    /// What the audit copy is kept for (recorded; "dispute", "litigation", "just in case"... are refused).
    #[arg(long, value_name = "TEXT")]
    purpose: String,
    /// Keep it through this day (UTC); `purge` deletes it from the next day on.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    until: Date,
    /// The operator key (else the file named by `PRIVASIFT_VAULT_OPERATOR_KEY`).
    #[arg(long, value_name = "FILE")]
    operator_key: Option<PathBuf>,
    /// The clean policy applied first (TOML). Default: redact every finding, drop records with special-category data.
    #[arg(long, value_name = "FILE.toml")]
    policy: Option<PathBuf>,
    /// The clean key, for a policy that pseudonymises, replaces or encrypts (else `PRIVASIFT_KEY`).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
pub struct ListArgs {
    /// The vault directory.
    dir: PathBuf,
    /// Say which objects are past their deadline as of this date instead of today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct GetArgs {
    /// The vault directory.
    dir: PathBuf,
    /// The object id (`privasift vault list` shows them).
    object: String,
    /// Where to write the decrypted file (written atomically, mode 0600; never inside DIR).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
    /// The auditor key (else the file named by `PRIVASIFT_VAULT_AUDITOR_KEY`).
    #[arg(long, value_name = "FILE")]
    auditor_key: Option<PathBuf>,
    /// Why the object is read; recorded in the ledger before it is decrypted.
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// Who reads it; recorded in the ledger before it is decrypted.
    #[arg(long, value_name = "NAME")]
    who: String,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
}

#[derive(Args)]
pub struct PurgeArgs {
    /// The vault directory.
    dir: PathBuf,
    /// The operator key (else the file named by `PRIVASIFT_VAULT_OPERATOR_KEY`).
    #[arg(long, value_name = "FILE")]
    operator_key: Option<PathBuf>,
    /// Purge as of this date instead of today (objects whose deadline is before it go).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
    /// The processing ledger (else `PRIVASIFT_LEDGER`, else ./privasift-ledger.jsonl).
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The vault directory.
    dir: PathBuf,
    /// Also decrypt every object (writing nothing) to authenticate every chunk (else `PRIVASIFT_VAULT_AUDITOR_KEY`, if set).
    #[arg(long, value_name = "FILE")]
    auditor_key: Option<PathBuf>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

pub fn vault(c: VaultCommand) -> Result<ExitCode> {
    match c {
        VaultCommand::Init(a) => init(a),
        VaultCommand::Put(a) => put(a),
        VaultCommand::List(a) => list(a),
        VaultCommand::Get(a) => get(a),
        VaultCommand::Purge(a) => purge(a),
        VaultCommand::Verify(a) => verify(a),
    }
}

/// The operator key from the option or the environment, checked against the
/// vault; a clear refusal when it is missing or is the auditor's.
fn operator_key(vault: &Vault, option: Option<&Path>, to: &str) -> Result<(OperatorKey, String)> {
    let Some((key, origin)) = VaultKey::load(option, Role::Operator)? else {
        bail!(
            "{to} needs the vault's operator key: --operator-key FILE, or the {OPERATOR_KEY_ENV} environment variable naming the file"
        );
    };
    let key = key.into_operator(&origin, to)?;
    vault.check_operator(&key, &origin)?;
    Ok((key, origin))
}

/// The auditor key, checked against the vault; a clear refusal when it is
/// missing or is the operator's.
fn auditor_key(vault: &Vault, option: Option<&Path>, to: &str) -> Result<(AuditorKey, String)> {
    let Some((key, origin)) = VaultKey::load(option, Role::Auditor)? else {
        let hint = if std::env::var_os(OPERATOR_KEY_ENV).is_some() {
            " (the operator key cannot read: it can put and purge only)"
        } else {
            ""
        };
        bail!(
            "{to} needs the vault's auditor key: --auditor-key FILE, or the {AUDITOR_KEY_ENV} environment variable naming the file{hint}"
        );
    };
    let key = key.into_auditor(&origin, to)?;
    vault.check_auditor(&key, &origin)?;
    Ok((key, origin))
}

fn init(a: InitArgs) -> Result<ExitCode> {
    let ledger_path = ledger_path(a.ledger.clone());
    if privasift_vault::is_inside(&ledger_path, &a.dir) {
        bail!(
            "the ledger {} would be inside the vault directory: keep it apart",
            ledger_path.display()
        );
    }
    let mut ledger = Ledger::open(&ledger_path)?;
    let info = Vault::init(&a.dir, &a.operator_key, &a.auditor_key)?;
    let run = privasift_ledger::new_run_id();
    ledger.append(
        &run,
        "run-start",
        &json!({
            "command": "vault init",
            "tool": format!("privasift {}", env!("CARGO_PKG_VERSION")),
            "vault": a.dir,
            "vault_id": info.id,
            "operator_fingerprint": info.operator.fingerprint,
            "auditor_fingerprint": info.auditor.fingerprint,
        }),
    )?;
    ledger.append(&run, "run-end", &json!({"status": "complete"}))?;
    ledger.sync()?;
    emit(&format!(
        "Created the vault {dir} (id {id}).\n\
         \x20 operator key {op} (fingerprint {opf}): puts and purges objects, cannot read them\n\
         \x20 auditor key  {aud} (fingerprint {audf}): the only key that reads them\n\
         Keep both secret, backed up and apart: give the auditor key only to those who audit.\n",
        dir = a.dir.display(),
        id = info.id,
        op = a.operator_key.display(),
        opf = info.operator.fingerprint,
        aud = a.auditor_key.display(),
        audf = info.auditor.fingerprint,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn put(a: PutArgs) -> Result<ExitCode> {
    let today = Date::today();
    // Refused before anything is read or written.
    privasift_vault::check_retention(&a.purpose, a.until, today)?;
    let vault = Vault::open(&a.dir, Access::Write)?;
    let (op, _) = operator_key(&vault, a.operator_key.as_deref(), "put")?;
    let set = build_set(&a.input)?;
    let policy = load_policy(&set, a.policy.as_deref())?;
    let transformer = Transformer::new(policy, Key::load(a.key_file.as_deref())?)?;
    let found = find_inputs(&a.datasets, &a.input)?;
    if let Some(s) = found
        .sources
        .iter()
        .find(|s| privasift_vault::is_inside(&s.path, &a.dir))
    {
        bail!(
            "{} is inside the vault directory: put reads datasets from elsewhere",
            s.path.display()
        );
    }
    // The pseudonymised copies live in a private temporary directory (0700)
    // outside the vault, removed when put ends, however it ends.
    let tmp = tempfile::Builder::new()
        .prefix("privasift-vault-put-")
        .tempdir()
        .context("creating a private temporary directory (TMPDIR)")?;
    if privasift_vault::is_inside(tmp.path(), &a.dir) {
        bail!("the temporary directory is inside the vault directory: set TMPDIR elsewhere");
    }
    let outdir = tmp.path().join("cleaned");
    let dests = prepare(&a.datasets, &found, &outdir, &transformer, &a.input)?;
    let ledger_path = ledger_path(a.ledger.clone());
    if privasift_vault::is_inside(&ledger_path, &a.dir) {
        bail!(
            "the ledger {} would be inside the vault directory: keep it apart",
            ledger_path.display()
        );
    }
    let mut ledger = Ledger::open(&ledger_path)?;
    let clean_run = privasift_ledger::new_run_id();
    let done = clean_into(CleanInto {
        note: Some("vault put"),
        command: "clean",
        record_detector: None,
        start: serde_json::json!({}),
        found,
        dests,
        outdir: &outdir,
        set: &set,
        transformer: &transformer,
        input: &a.input,
        resume: false,
        quarantine: None,
        ledger: &mut ledger,
        run_id: &clean_run,
    })?;
    if done.failed {
        let mut msg = String::from("nothing was stored: some inputs could not be read");
        for e in &done.file_errors {
            let _ = write!(msg, "\n  {e}");
        }
        bail!(msg);
    }

    let run = privasift_ledger::new_run_id();
    let info = vault.info();
    ledger.append(
        &run,
        "run-start",
        &json!({
            "command": "vault put",
            "tool": format!("privasift {}", env!("CARGO_PKG_VERSION")),
            "vault": a.dir,
            "vault_id": info.id,
            "purpose": a.purpose.trim(),
            "deadline": a.until,
            "clean_run": clean_run,
            "policy": { "origin": transformer.policy().origin, "digest": transformer.policy().digest },
            "operator_fingerprint": op.fingerprint(),
            "auditor_fingerprint": info.auditor.fingerprint,
        }),
    )?;
    ledger.sync()?;
    let pseudonymisation = privasift_vault::Pseudonymisation {
        policy: transformer.policy().origin.clone(),
        policy_digest: transformer.policy().digest.clone(),
        key_fingerprint: transformer.key_fingerprint(),
        ledger_run: Some(clean_run.clone()),
    };
    let mut stored = Vec::new();
    let mut result = Ok(());
    for shard in &done.shards {
        let name = shard
            .path
            .strip_prefix(&outdir)
            .unwrap_or(&shard.path)
            .display()
            .to_string();
        let req = PutRequest {
            name: name.clone(),
            purpose: a.purpose.clone(),
            deadline: a.until,
            today,
            pseudonymisation: pseudonymisation.clone(),
        };
        match vault.put(&op, &shard.path, &req) {
            Ok(meta) => {
                ledger.append(
                    &run,
                    "vault-put",
                    &json!({
                        "object": meta.id,
                        "name": meta.name,
                        "deadline": meta.deadline,
                        "records": shard.records,
                        "plaintext_bytes": meta.plaintext_bytes,
                        "ciphertext_sha256": meta.ciphertext_sha256,
                    }),
                )?;
                stored.push(meta);
            }
            Err(e) => {
                result = Err(anyhow::anyhow!(e).context(format!("storing {name}")));
                break;
            }
        }
    }
    ledger.append(
        &run,
        "run-end",
        &json!({
            "status": if result.is_ok() { "complete" } else { "failed" },
            "objects": stored.iter().map(|m| &m.id).collect::<Vec<_>>(),
        }),
    )?;
    ledger.sync()?;
    drop(tmp);
    result?;

    let c = &done.counts;
    let mut text = format!(
        "Pseudonymised {} records from {} file(s) (policy {}; {} records deleted, {} edited), then encrypted them into {}:\n",
        c.records_read,
        done.run_sources,
        transformer.policy().origin,
        c.dropped(),
        c.records_changed,
        a.dir.display()
    );
    for m in &stored {
        let _ = writeln!(
            text,
            "  {}  {}  {} bytes  kept until {}",
            m.id, m.name, m.plaintext_bytes, m.deadline
        );
    }
    if done.problems > 0 {
        let _ = writeln!(
            text,
            "  {} unreadable record(s) were skipped and are not in the vault:",
            done.problems
        );
        for p in &done.first_problems {
            let _ = writeln!(text, "    {p}");
        }
    }
    let _ = writeln!(
        text,
        "Readable only with the auditor key (fingerprint {}). Ledger: {} (runs {clean_run}, {run}).",
        info.auditor.fingerprint,
        ledger_path.display()
    );
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn list(a: ListArgs) -> Result<ExitCode> {
    let vault = Vault::open(&a.dir, Access::Read)?;
    let today = a.today.unwrap_or_else(Date::today);
    let listed = vault.objects()?;
    let bad = listed.iter().filter(|l| l.meta.is_err()).count();
    if a.json {
        let items: Vec<serde_json::Value> = listed
            .iter()
            .map(|l| match &l.meta {
                Ok(m) => json!({
                    "id": l.id,
                    "indexed": l.indexed,
                    "expired": m.expired(today),
                    "meta": m,
                }),
                Err(e) => json!({"id": l.id, "indexed": l.indexed, "error": e}),
            })
            .collect();
        emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json!({
                "vault": a.dir,
                "vault_id": vault.info().id,
                "today": today,
                "objects": items,
            }))?
        ))?;
    } else {
        let mut text = format!(
            "Vault {} (id {}): {} object(s), as of {today}\n",
            a.dir.display(),
            vault.info().id,
            listed.len()
        );
        if !listed.is_empty() {
            let _ = writeln!(
                text,
                "{:<16}  {:<10}  {:<13}  {:>12}  name / purpose",
                "id", "deadline", "status", "bytes"
            );
        }
        for l in &listed {
            match &l.meta {
                Ok(m) => {
                    let _ = writeln!(
                        text,
                        "{:<16}  {}  {:<13}  {:>12}  {} / {}",
                        m.id,
                        m.deadline,
                        l.status(today),
                        m.plaintext_bytes,
                        m.name,
                        m.purpose
                    );
                }
                Err(e) => {
                    let _ = writeln!(text, "{:<16}  metadata does not verify: {e}", l.id);
                }
            }
        }
        let expired = listed
            .iter()
            .filter(|l| l.meta.as_ref().is_ok_and(|m| m.expired(today)))
            .count();
        if expired > 0 {
            let _ = writeln!(
                text,
                "{expired} object(s) past their deadline: `privasift vault purge {}` deletes them.",
                a.dir.display()
            );
        }
        emit(&text)?;
    }
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes into an [`OutputFile`] (temporary until committed).
struct IntoOutput<'a>(&'a mut OutputFile);

impl Write for IntoOutput<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn get(a: GetArgs) -> Result<ExitCode> {
    if a.who.trim().is_empty() || a.reason.trim().is_empty() {
        bail!(
            "--who and --reason must say who reads the object and why: they are recorded in the ledger"
        );
    }
    let vault = Vault::open(&a.dir, Access::Read)?;
    let (key, _) = auditor_key(&vault, a.auditor_key.as_deref(), "get")?;
    let meta = vault.object(&a.object)?;
    if privasift_vault::is_inside(&a.output, &a.dir) {
        bail!(
            "{} is inside the vault directory, which never holds plaintext: write it elsewhere",
            a.output.display()
        );
    }
    let ledger_path = ledger_path(a.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let run = privasift_ledger::new_run_id();
    ledger.append(
        &run,
        "run-start",
        &json!({
            "command": "vault get",
            "tool": format!("privasift {}", env!("CARGO_PKG_VERSION")),
            "vault": a.dir,
            "vault_id": vault.info().id,
            "auditor_fingerprint": key.fingerprint(),
        }),
    )?;
    ledger.append(
        &run,
        "vault-get",
        &json!({
            "object": meta.id,
            "name": meta.name,
            "purpose": meta.purpose,
            "deadline": meta.deadline,
            "who": a.who.trim(),
            "reason": a.reason.trim(),
            "output": a.output,
            "user": std::env::var("USER").ok(),
        }),
    )?;
    // Recorded and durable before a byte is decrypted.
    ledger.sync()?;
    let mut out = OutputFile::create(&a.output, false)?;
    let result = vault
        .read(&key, &meta, &mut IntoOutput(&mut out))
        .map_err(anyhow::Error::from)
        .and_then(|stats| out.commit().map(|()| stats));
    let status = match &result {
        Ok(_) => json!({"status": "released", "plaintext_bytes": meta.plaintext_bytes}),
        Err(e) => json!({"status": "failed", "error": refusal_kind(e)}),
    };
    ledger.append(&run, "run-end", &status)?;
    ledger.sync()?;
    let stats = result?;
    emit(&format!(
        "Decrypted object {} ({}, {} bytes, {} chunks authenticated) into {}.\nRecorded in the ledger {} (run {run}): {} read it for \"{}\".\n",
        meta.id,
        meta.name,
        stats.plaintext_bytes,
        stats.chunks,
        a.output.display(),
        ledger_path.display(),
        a.who.trim(),
        a.reason.trim(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// A short, content-free word for the ledger.
fn refusal_kind(e: &anyhow::Error) -> &'static str {
    match e.downcast_ref::<VaultError>() {
        Some(VaultError::Tampered { .. }) => "object does not authenticate",
        Some(VaultError::Io { .. }) => "input/output error",
        Some(_) => "refused",
        None => "output could not be written",
    }
}

fn purge(a: PurgeArgs) -> Result<ExitCode> {
    let vault = Vault::open(&a.dir, Access::Write)?;
    let (op, _) = operator_key(&vault, a.operator_key.as_deref(), "purge")?;
    let today = a.today.unwrap_or_else(Date::today);
    let listed = vault.objects()?;
    let ledger_path = ledger_path(a.ledger.clone());
    let mut ledger = Ledger::open(&ledger_path)?;
    let run = privasift_ledger::new_run_id();
    ledger.append(
        &run,
        "run-start",
        &json!({
            "command": "vault purge",
            "tool": format!("privasift {}", env!("CARGO_PKG_VERSION")),
            "vault": a.dir,
            "vault_id": vault.info().id,
            "today": today,
            "operator_fingerprint": op.fingerprint(),
        }),
    )?;
    ledger.sync()?;
    let mut text = String::new();
    let (mut purged, mut kept, mut problems) = (Vec::new(), 0u64, Vec::new());
    for l in &listed {
        let meta = match &l.meta {
            Ok(m) => m,
            Err(e) => {
                problems.push(format!(
                    "{}: metadata does not verify ({e}); its deadline cannot be trusted, left in place",
                    l.id
                ));
                continue;
            }
        };
        if !meta.expired(today) {
            kept += 1;
            continue;
        }
        match vault.delete(&op, meta) {
            Ok(()) => {
                ledger.append(
                    &run,
                    "vault-purge",
                    &json!({
                        "object": meta.id,
                        "name": meta.name,
                        "purpose": meta.purpose,
                        "deadline": meta.deadline,
                        "ciphertext_sha256": meta.ciphertext_sha256,
                        "plaintext_bytes": meta.plaintext_bytes,
                    }),
                )?;
                let _ = writeln!(
                    text,
                    "  deleted {}  {}  (deadline {})",
                    meta.id, meta.name, meta.deadline
                );
                purged.push(meta.id.clone());
            }
            Err(e) => problems.push(format!("{}: not deleted: {e}", meta.id)),
        }
    }
    ledger.append(
        &run,
        "run-end",
        &json!({
            "status": if problems.is_empty() { "complete" } else { "complete-with-problems" },
            "purged": purged,
            "kept": kept,
            "problems": problems.len(),
        }),
    )?;
    ledger.sync()?;
    let mut head = format!(
        "Purged {} object(s) past their deadline as of {today} from {}; {kept} kept.\n",
        purged.len(),
        a.dir.display()
    );
    head.push_str(&text);
    for p in &problems {
        let _ = writeln!(head, "  problem: {p}");
    }
    let _ = writeln!(head, "Ledger: {} (run {run}).", ledger_path.display());
    emit(&head)?;
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn verify(a: VerifyArgs) -> Result<ExitCode> {
    let vault = match Vault::open(&a.dir, Access::Read) {
        Ok(v) => v,
        Err(e @ VaultError::NotAVault { .. }) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let key = match VaultKey::load(a.auditor_key.as_deref(), Role::Auditor)? {
        Some((k, origin)) => Some(k.into_auditor(&origin, "verify with decryption")?),
        None => None,
    };
    let report = vault.verify(key.as_ref());
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        let mut text = String::new();
        for p in &report.problems {
            let _ = writeln!(text, "{}: {}", p.path, p.what);
        }
        let _ = writeln!(
            text,
            "{}: {} object(s); {} intact (signature and digest){}; {} problem(s)",
            a.dir.display(),
            report.objects,
            report.intact,
            if key.is_some() {
                format!(", {} authenticated chunk by chunk", report.authenticated)
            } else {
                " (give --auditor-key to authenticate every chunk)".to_string()
            },
            report.problems.len()
        );
        emit(&text)?;
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
