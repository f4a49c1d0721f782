//! The compliance commands: `init`, `check`, `rules`, `report`, `dpia`,
//! `schema`. The engine is `privasift-rules`; this file reads files, picks
//! a renderer and an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};
use privasift_rules::manifest::Date;
use privasift_rules::{Evidence, Manifest, Report};

use crate::{emit, write_atomically};

#[derive(Args)]
pub struct InitArgs {
    /// Where to write the manifest.
    #[arg(short, long, default_value = "privasift.toml", value_name = "FILE")]
    output: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct EvidenceArgs {
    /// The project manifest (TOML; `privasift init` writes one).
    #[arg(value_name = "MANIFEST")]
    manifest: PathBuf,
    /// Scan reports (`privasift scan --report`) and processing ledgers
    /// (`privasift clean --ledger`) to check the manifest against.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    evidence: Vec<PathBuf>,
    /// Check as of this date (YYYY-MM-DD) instead of today: retention
    /// periods that ended before it are past their expiry.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    input: EvidenceArgs,
    /// Print the findings and the engine's decisions as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    input: EvidenceArgs,
    /// The report: `.html`, `.md` or `.json` (by extension).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

#[derive(Args)]
pub struct DpiaArgs {
    #[command(flatten)]
    input: EvidenceArgs,
    /// The draft: `.json` is the CNIL PIA software's import format, `.md` a
    /// readable draft.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// `pia` (PIA software import), `md`, or `json` (privasift's own draft
    /// structure); default: from the extension.
    #[arg(long, value_name = "pia|md|json")]
    format: Option<String>,
}

#[derive(Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: Option<RulesCommand>,
    /// List the rules as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Print a rule's documentation, source and examples.
    Explain {
        /// The rule id, e.g. S4-BASIS-01.
        id: String,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date like 2026-01-15"))
}

pub fn init(a: InitArgs) -> Result<ExitCode> {
    if a.output.exists() && !a.force {
        bail!(
            "{} exists: not overwritten (use --force to replace it)",
            a.output.display()
        );
    }
    write_atomically(&a.output, privasift_rules::init::TEMPLATE.as_bytes())?;
    eprintln!(
        "wrote {}: fill it in, then run `privasift check {}`",
        a.output.display(),
        a.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads, parses and checks. A manifest mistake is an error with file, line
/// and column.
fn run(input: &EvidenceArgs) -> Result<(String, Manifest, Report)> {
    let origin = input.manifest.display().to_string();
    let text = std::fs::read_to_string(&input.manifest)
        .with_context(|| format!("cannot read the manifest {origin}"))?;
    let manifest = privasift_rules::parse(&text, &origin).map_err(anyhow::Error::msg)?;
    let mut evidence = Evidence::load(&input.evidence)?;
    evidence.today = Some(input.today.unwrap_or_else(Date::today));
    let report = privasift_rules::check(&manifest, &text, &evidence);
    Ok((origin, manifest, report))
}

fn exit(report: &Report) -> ExitCode {
    if report.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn check(a: CheckArgs) -> Result<ExitCode> {
    let (origin, _, report) = run(&a.input)?;
    if a.json {
        let mut s = serde_json::to_string_pretty(&report)?;
        s.push('\n');
        emit(&s)?;
    } else {
        emit(&privasift_rules::render::text(&report, &origin))?;
    }
    Ok(exit(&report))
}

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

pub fn report(a: ReportArgs) -> Result<ExitCode> {
    let (origin, _, report) = run(&a.input)?;
    let body = match extension(&a.output).as_str() {
        "html" | "htm" => privasift_rules::render::html(&report, &origin),
        "md" | "markdown" => privasift_rules::render::markdown(&report, &origin),
        "json" => serde_json::to_string_pretty(&report)? + "\n",
        other => bail!(
            "{}: unknown report format `.{other}`: use .html, .md or .json",
            a.output.display()
        ),
    };
    write_atomically(&a.output, body.as_bytes())?;
    eprintln!(
        "wrote {}: {} error(s), {} warning(s), {} suggestion(s)",
        a.output.display(),
        report.counts.errors,
        report.counts.warnings,
        report.counts.suggestions
    );
    Ok(exit(&report))
}

pub fn dpia(a: DpiaArgs) -> Result<ExitCode> {
    let (_, manifest, report) = run(&a.input)?;
    let today = report.evidence.today.unwrap_or_else(Date::today);
    let draft = privasift_rules::dpia::draft(&manifest, &report, today);
    let format = a
        .format
        .clone()
        .unwrap_or_else(|| match extension(&a.output).as_str() {
            "md" | "markdown" => "md".into(),
            _ => "pia".into(),
        });
    let body = match format.as_str() {
        "pia" => {
            serde_json::to_string_pretty(&privasift_rules::dpia::pia_export(&draft, &manifest))?
                + "\n"
        }
        "md" => privasift_rules::dpia::markdown(&draft),
        "json" => serde_json::to_string_pretty(&draft)? + "\n",
        other => bail!("unknown DPIA format `{other}`: use pia, md or json"),
    };
    write_atomically(&a.output, body.as_bytes())?;
    let proposed = draft
        .risks
        .iter()
        .filter(|r| r.rated_by == "proposed")
        .count();
    eprintln!(
        "wrote {} ({format}): {} AI-specific risks, {proposed} with a rating proposed by privasift to review; DPIA {}",
        a.output.display(),
        draft.risks.len(),
        if draft.required.required {
            "required"
        } else {
            "not required by a legal trigger"
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn rules(a: RulesArgs) -> Result<ExitCode> {
    let all = privasift_rules::rules::all();
    match a.command {
        Some(RulesCommand::Explain { id }) => {
            let Some(rule) = privasift_rules::rules::find(&id) else {
                let ids: Vec<&str> = all.iter().map(|r| r.meta().id).collect();
                let hint = privasift_rules::parse::did_you_mean(&id, ids.iter().copied())
                    .map(|c| format!(" (did you mean {c}?)"))
                    .unwrap_or_default();
                bail!("no rule has the id `{id}`{hint}; `privasift rules` lists them");
            };
            emit(&privasift_rules::render::explain(rule.meta()))?;
        }
        None if a.json => {
            let v: Vec<serde_json::Value> = all
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id, "title": m.title, "sheet": m.sheet, "kind": m.kind,
                        "confidence": m.confidence,
                        "severity": privasift_rules::engine::severity(m.kind, m.confidence),
                        "applies": m.applies, "source": m.source,
                    })
                })
                .collect();
            emit(&(serde_json::to_string_pretty(&v)? + "\n"))?;
        }
        None => emit(&privasift_rules::render::rule_list(&all))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn schema() -> Result<ExitCode> {
    emit(&privasift_rules::schema())?;
    Ok(ExitCode::SUCCESS)
}
