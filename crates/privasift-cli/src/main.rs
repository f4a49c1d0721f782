//! `privasift`: find personal data in AI training datasets.
//!
//! The only crate that prints. Commands parse their options into the
//! libraries' option structs, run the pipeline, and render its results.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use privasift_core::Label;
use privasift_detect::{DetectConfig, DetectorSet};
use privasift_formats::{Discovered, Format, ReadOptions, Selection, discover};
mod clean;
mod collect;
mod comply;
mod ledger;
mod model;
mod rights;
mod vault;

use privasift_pipeline::{
    DetectJob, Flow, Output, Progress, RunError, RunOptions, Sample, ScanJob, render_summary, run,
};

#[derive(Parser)]
#[command(
    name = "privasift",
    version,
    about = "Find personal data in AI training datasets, as the CNIL's AI how-to sheets ask",
    long_about = "privasift finds personal data (e-mails, phone numbers, IBANs, cards, national identifiers, ...) \
                  in training datasets of any size: JSON Lines, CSV/TSV, Parquet and text, plain or .gz/.zst.\n\n\
                  Start with `privasift scan DATA/` to learn whether a dataset contains personal data."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Say whether a dataset contains personal data: counts per kind, field and file, masked examples.
    Scan(ScanArgs),
    /// Write the spans found in each record as JSON Lines (the contract evaluations use).
    Detect(DetectArgs),
    /// Score a detect output against gold annotations (../shared/bench format).
    Eval(EvalArgs),
    /// List the detectors, the kinds they find and their labels.
    Detectors,
    /// Write a cleaned copy of a dataset: findings redacted, masked, pseudonymised, encrypted or generalised, records with special-category data deleted, every action in the ledger.
    Clean(clean::CleanArgs),
    /// Make a new secret key for pseudonymise, surrogate and encrypt.
    Keygen(clean::KeygenArgs),
    /// Restore the values `clean` encrypted (key holder only; recorded in the ledger).
    Reveal(clean::RevealArgs),
    /// Check and summarise the processing ledger.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// The audit vault: pseudonymised, encrypted copies kept for an audit until a deadline; operator key puts and purges, auditor key reads.
    #[command(subcommand)]
    Vault(vault::VaultCommand),
    /// Write a commented project manifest to fill in (for `check`, `report`, `dpia`).
    Init(comply::InitArgs),
    /// Check a project manifest against the CNIL's AI how-to sheets, with evidence from scans and ledgers; exit 1 when a legal obligation fails.
    Check(comply::CheckArgs),
    /// List the CNIL rules `check` applies, or explain one.
    Rules(comply::RulesArgs),
    /// Write a compliance report for a DPO (HTML, Markdown or JSON).
    Report(comply::ReportArgs),
    /// Write a DPIA draft: Markdown, or JSON the CNIL's PIA software imports.
    Dpia(comply::DpiaArgs),
    /// Print the JSON Schema of the project manifest.
    Schema,
    /// A person's rights over a dataset: find their records (access), or write the dataset without them (erasure, objection).
    #[command(subcommand)]
    Rights(rights::RightsCommand),
    /// Web collection that respects the sheets: filter WARC crawls for opt-outs (robots.txt, ai.txt, TDM reservation, noai), sensitive sites and objections, with a logged decision per page.
    #[command(subcommand)]
    Collect(collect::CollectCommand),
}

#[derive(Args)]
struct InputArgs {
    /// Force the input format instead of guessing it from file extensions.
    #[arg(long, value_name = "jsonl|csv|tsv|parquet|text")]
    format: Option<Format>,
    /// Text fields to scan, as dotted paths (`text,meta.bio`); default: every string field.
    #[arg(long, value_delimiter = ',', value_name = "A,B.C")]
    fields: Vec<String>,
    /// Field holding the record id, shown in reports and written by `detect`.
    #[arg(long, value_name = "FIELD")]
    id_field: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Stop at the first bad record or file instead of counting it and going on.
    #[arg(long)]
    strict: bool,
    /// Records larger than this many bytes are skipped and counted.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    max_record_bytes: usize,
    /// Report only these labels (PERSON, EMAIL, PHONE, IBAN, ...).
    #[arg(long, value_delimiter = ',', value_name = "L1,L2")]
    labels: Vec<Label>,
    /// Drop spans scoring below this (0 to 1; default 0.5, or the --config file's).
    #[arg(long, value_name = "S")]
    min_score: Option<f32>,
    /// A label's or a kind's own threshold, overriding --min-score:
    /// `--threshold PERSON=0.8,HEALTH=0.7,place-name=0.75` (a kind's wins over its label's).
    #[arg(long, value_delimiter = ',', value_name = "LABEL|KIND=S", value_parser = parse_threshold)]
    threshold: Vec<(String, f32)>,
    /// Detection settings from a TOML file: `labels`, `min-score` and a
    /// `[thresholds]` table of labels and kinds (see examples/detect.toml);
    /// the flags above override it.
    #[arg(long, value_name = "FILE.toml")]
    config: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Args)]
struct ScanArgs {
    /// Files, directories (recursive) or glob patterns.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: model::ModelArgs,
    /// Write the machine-readable report (JSON) to this file.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Scan a deterministic sample of about N records, spread over the input.
    #[arg(long, value_name = "N", conflicts_with = "sample_fraction")]
    sample: Option<u64>,
    /// Scan a deterministic sample of this share of records (0 to 1).
    #[arg(long, value_name = "F")]
    sample_fraction: Option<f64>,
    /// Exit with status 1 when the verdict is "contains personal data" (for CI gates).
    #[arg(long)]
    fail_on_findings: bool,
}

#[derive(Args)]
struct DetectArgs {
    /// Input files, directories or globs.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// The text field to scan (offsets are relative to it). Ignored when --fields is given.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    text_field: String,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: model::ModelArgs,
    /// Output file (`-` for standard output); written atomically.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold annotations (JSON Lines: id, text, spans with start, end, label).
    gold: PathBuf,
    /// Predictions (the output of `privasift detect`).
    pred: PathBuf,
    /// Score only these labels.
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
    /// Ignore predictions scoring below this.
    #[arg(long)]
    min_score: Option<f64>,
    /// Group by fine kind (gold `orig_label`, prediction `kind`) instead of label.
    #[arg(long)]
    by_kind: bool,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    // A panic (ours or a dependency's, e.g. parquet-rs on a corrupt file,
    // which the reader contains) prints where, never a payload that could
    // quote data.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!(
            "internal error{at}; the input it met is reported as a problem if the run goes on"
        );
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(a) => scan(a),
        Command::Detect(a) => detect(a),
        Command::Eval(a) => eval(a),
        Command::Detectors => detectors(),
        Command::Clean(a) => clean::clean(a),
        Command::Keygen(a) => clean::keygen(a),
        Command::Reveal(a) => clean::reveal(a),
        Command::Ledger(c) => ledger::ledger(c),
        Command::Vault(c) => vault::vault(c),
        Command::Init(a) => comply::init(a),
        Command::Check(a) => comply::check(a),
        Command::Rules(a) => comply::rules(a),
        Command::Report(a) => comply::report(a),
        Command::Dpia(a) => comply::dpia(a),
        Command::Schema => comply::schema(),
        Command::Rights(c) => rights::rights(c),
        Command::Collect(c) => collect::collect(c),
    };
    match result {
        Ok(code) => code,
        // `privasift eval ... | head`: the reader left, nothing to report.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The detection settings file of `--config`.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DetectFile {
    labels: Option<Vec<String>>,
    min_score: Option<f32>,
    #[serde(default)]
    thresholds: std::collections::BTreeMap<String, f32>,
}

fn build_set(input: &InputArgs) -> Result<DetectorSet> {
    let file: DetectFile = match &input.config {
        None => DetectFile::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
    };
    let mut labels: Option<Vec<Label>> = match &file.labels {
        Some(ls) => Some(
            ls.iter()
                .map(|l| {
                    l.parse().map_err(|_| {
                        anyhow::anyhow!(
                            "{}: `{l}` in `labels` is not a label",
                            input.config.as_deref().unwrap_or(Path::new("")).display()
                        )
                    })
                })
                .collect::<Result<_>>()?,
        ),
        None => None,
    };
    if !input.labels.is_empty() {
        labels = Some(input.labels.clone());
    }
    // Thresholds: the file's, then the flags'; each names a label or a kind.
    let from_file = file.thresholds.iter().map(|(k, v)| (k.clone(), *v, true));
    let from_flags = input.threshold.iter().map(|(k, v)| (k.clone(), *v, false));
    // The kinds a threshold may name, known only by building the detectors:
    // built when a threshold names something that is not a label (building
    // them costs as much as the run's own set).
    let mut known: Option<Vec<privasift_core::Kind>> = None;
    let min_score = input
        .min_score
        .or(file.min_score)
        .unwrap_or(DetectConfig::default().min_score);
    if !(0.0..=1.0).contains(&min_score) {
        anyhow::bail!("min-score {min_score}: a score is between 0 and 1");
    }
    let mut config = DetectConfig {
        labels,
        min_score,
        ..DetectConfig::default()
    };
    for (target, score, in_file) in from_file.chain(from_flags) {
        let whence = if in_file {
            format!(
                "{}: [thresholds] ",
                input.config.as_deref().unwrap_or(Path::new("")).display()
            )
        } else {
            "--threshold ".to_owned()
        };
        if !(0.0..=1.0).contains(&score) {
            anyhow::bail!("{whence}{target} = {score}: a score is between 0 and 1");
        }
        if let Ok(label) = target.parse::<Label>() {
            config.thresholds.insert(label, score);
            continue;
        }
        if known.is_none() {
            known = Some(
                DetectorSet::default_set(&DetectConfig::default())
                    .context("building the detectors")?
                    .kinds(),
            );
        }
        if known.iter().flatten().any(|k| k.name == target) {
            config.kind_thresholds.insert(target, score);
        } else {
            anyhow::bail!(
                "{whence}`{target}` is neither a label nor a kind (`privasift detectors` lists them)"
            );
        }
    }
    DetectorSet::default_set(&config).context("building the detectors")
}

/// `PERSON=0.8` or `place-name=0.75` for `--threshold` (checked against the
/// labels and kinds when the detectors are built).
fn parse_threshold(s: &str) -> Result<(String, f32), String> {
    let (target, score) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected LABEL=SCORE or KIND=SCORE, e.g. PERSON=0.8"))?;
    let score: f32 = score
        .trim()
        .parse()
        .map_err(|_| format!("`{score}` is not a score between 0 and 1"))?;
    if !(0.0..=1.0).contains(&score) {
        return Err(format!("`{score}` is not a score between 0 and 1"));
    }
    Ok((target.trim().to_owned(), score))
}

fn run_options(input: &InputArgs, selection: Selection, sample: Sample) -> RunOptions {
    RunOptions {
        threads: input
            .threads
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
            })
            .max(1),
        read: ReadOptions {
            max_record_bytes: input.max_record_bytes,
            ..ReadOptions::default()
        },
        selection,
        strict: input.strict,
        sample,
    }
}

fn find_inputs(paths: &[String], input: &InputArgs) -> Result<Discovered> {
    let mut found = discover(paths, input.format);
    // Files met in directories whose format is unknown are problems too: a
    // dataset shard saved as .data would otherwise go unscanned unnoticed.
    for p in std::mem::take(&mut found.skipped_unknown) {
        found.problems.push(privasift_formats::ReadError {
            path: p,
            kind: privasift_formats::ErrorKind::Unsupported,
            message: "unknown extension, not scanned (name it .jsonl, .csv, .tsv, .parquet or .txt, or pass --format)".into(),
        });
    }
    for p in &found.problems {
        eprintln!("warning: {p}");
        if input.strict {
            bail!("stopped by --strict: {p}");
        }
    }
    if found.sources.is_empty() {
        bail!("no readable input among {}", paths.join(", "));
    }
    Ok(found)
}

/// A byte-based progress bar on a terminal, nothing otherwise.
fn progress_bar(total: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn scan(a: ScanArgs) -> Result<ExitCode> {
    let found = find_inputs(&a.paths, &a.input)?;
    let set = build_set(&a.input)?;
    let sample = match (a.sample, a.sample_fraction) {
        (Some(n), _) => Sample::Records(n),
        (None, Some(f)) if (0.0..=1.0).contains(&f) => Sample::Fraction(f),
        (None, Some(f)) => bail!("--sample-fraction must be between 0 and 1, got {f}"),
        (None, None) => Sample::All,
    };
    let selection = Selection::new(a.input.fields.clone(), a.input.id_field.clone());
    let opts = run_options(&a.input, selection, sample);
    let model = a.model.load(a.input.quiet)?;
    let mut job = ScanJob::new(&set, &opts);
    if let Some(m) = &model {
        job = job.with_record_detector(m);
    }
    let mut builder = job.report_builder(&found);
    let bar = progress_bar(found.total_bytes(), a.input.quiet);
    let limit = match sample {
        Sample::Records(n) => Some(n),
        _ => None,
    };
    let strict = a.input.strict;
    let stats = run(
        &found.sources,
        &job,
        &opts,
        &|p: Progress| {
            bar.set_position(p.file_bytes);
        },
        |out| {
            let problem = builder.add(out);
            if strict && let Some(p) = problem {
                return Err(RunError::Strict(p));
            }
            bar.set_message(format!("{} records", builder.records_scanned()));
            Ok(match limit {
                Some(n) if builder.records_scanned() >= n => Flow::Stop,
                _ => Flow::Continue,
            })
        },
    );
    bar.finish_and_clear();
    if let Some(m) = &model {
        m.warn_failures();
    }
    let stats = stats?;
    builder.set_fraction(stats.fraction);
    let report = builder.finish();
    if let Some(path) = &a.report {
        let json = serde_json::to_vec_pretty(&report).context("serialising the report")?;
        write_atomically(path, &json)
            .with_context(|| format!("writing the report to {}", path.display()))?;
    }
    let mut text = render_summary(&report);
    if let Some(path) = &a.report {
        let _ = writeln!(text, "\nReport written to {}", path.display());
    }
    emit(&text)?;
    let contains = report.classification.verdict == privasift_pipeline::Verdict::Contains;
    Ok(if a.fail_on_findings && contains {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn detect(a: DetectArgs) -> Result<ExitCode> {
    let found = find_inputs(&a.inputs, &a.input)?;
    let set = build_set(&a.input)?;
    let fields = if a.input.fields.is_empty() {
        vec![a.text_field.clone()]
    } else {
        a.input.fields.clone()
    };
    let selection = Selection::new(fields, a.input.id_field.clone());
    let opts = run_options(&a.input, selection, Sample::All);
    let model = a.model.load(a.input.quiet)?;
    let mut job = DetectJob::new(&set, &opts);
    if let Some(m) = &model {
        job = job.with_record_detector(m);
    }
    let bar = progress_bar(
        found.total_bytes(),
        a.input.quiet || a.output.as_os_str() == "-",
    );
    let to_stdout = a.output.as_os_str() == "-";
    let mut sink = OutputFile::create(&a.output, to_stdout)?;
    let (mut records, mut spans) = (0u64, 0u64);
    let mut problems = found.problems.len() as u64;
    let mut first_problems: Vec<String> = found
        .problems
        .iter()
        .take(10)
        .map(ToString::to_string)
        .collect();
    let strict = a.input.strict;
    let result = run(
        &found.sources,
        &job,
        &opts,
        &|p: Progress| bar.set_position(p.file_bytes),
        |out| match out {
            Output::SourceEnd { .. } => Ok(Flow::Continue),
            Output::Batch(b) => {
                records += b.records;
                spans += b.spans;
                problems += b.errors.len() as u64;
                for e in b
                    .errors
                    .iter()
                    .take(10usize.saturating_sub(first_problems.len()))
                {
                    let path = found
                        .sources
                        .get(e.source as usize)
                        .map_or_else(PathBuf::new, |s| s.path.clone());
                    first_problems.push(e.display_with(&path));
                }
                if strict && let Some(e) = b.errors.first() {
                    let path = found
                        .sources
                        .get(e.source as usize)
                        .map_or_else(PathBuf::new, |s| s.path.clone());
                    return Err(RunError::Strict(e.display_with(&path)));
                }
                sink.write_all(&b.lines)
                    .map_err(|e| RunError::Sink(format!("writing the output: {e}")))?;
                Ok(Flow::Continue)
            }
            Output::FileError(e) => {
                problems += 1;
                first_problems.push(e.to_string());
                if strict {
                    return Err(RunError::Strict(e.to_string()));
                }
                Ok(Flow::Continue)
            }
        },
    );
    bar.finish_and_clear();
    if let Some(m) = &model {
        m.warn_failures();
    }
    result?;
    sink.commit()?;
    eprintln!("{records} records, {spans} spans, {problems} problems");
    for p in &first_problems {
        eprintln!("  {p}");
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    let opts = privasift_eval::EvalOptions {
        labels: (!a.labels.is_empty()).then(|| a.labels.clone()),
        min_score: a.min_score,
        group: if a.by_kind {
            privasift_eval::Group::Kind
        } else {
            privasift_eval::Group::Label
        },
    };
    let scores = privasift_eval::score(&a.gold, &a.pred, &opts)?;
    if a.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
    } else {
        emit(&scores.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn detectors() -> Result<ExitCode> {
    let set = DetectorSet::default_set(&DetectConfig::default())?;
    let mut text = format!("{:<26} {:<28} label\n", "detector", "kind");
    for d in set.describe() {
        for k in d.1 {
            let _ = writeln!(text, "{:<26} {:<28} {}", d.0, k.name, k.label);
        }
    }
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to a temporary file beside the target and renames it into place on
/// success, so a failed or killed run never leaves a partial output. A
/// target that exists and is not a regular file (`/dev/null`, a named pipe)
/// is written directly: renaming over it would replace the device.
enum OutputFile {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(std::io::BufWriter<tempfile::NamedTempFile>, PathBuf),
    Special(std::io::BufWriter<std::fs::File>, PathBuf),
}

impl OutputFile {
    fn create(path: &Path, stdout: bool) -> Result<Self> {
        if stdout {
            return Ok(Self::Stdout(std::io::BufWriter::new(std::io::stdout())));
        }
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            return Ok(Self::Special(
                std::io::BufWriter::new(f),
                path.to_path_buf(),
            ));
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        Ok(Self::File(
            std::io::BufWriter::with_capacity(1 << 20, tmp),
            path.to_path_buf(),
        ))
    }

    fn path(&self) -> &Path {
        match self {
            Self::Stdout(_) => Path::new("-"),
            Self::File(_, p) | Self::Special(_, p) => p,
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Self::Stdout(w) => w.write_all(bytes),
            Self::File(w, _) => w.write_all(bytes),
            Self::Special(w, _) => w.write_all(bytes),
        }
    }

    fn commit(self) -> Result<()> {
        match self {
            Self::Stdout(mut w) => w.flush().context("writing to standard output"),
            Self::Special(mut w, path) => w
                .flush()
                .with_context(|| format!("writing {}", path.display())),
            Self::File(w, path) => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| anyhow::anyhow!("writing {}: {}", path.display(), e.error()))?;
                tmp.as_file().sync_all().ok();
                tmp.persist(&path).with_context(|| {
                    format!("moving the output into place at {}", path.display())
                })?;
                Ok(())
            }
        }
    }
}

/// Writes to standard output; a closed pipe is an error the caller can tell
/// apart (`print!` would panic).
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = OutputFile::create(path, false)?;
    out.write_all(bytes)?;
    out.commit()
}
