//! `privasift-gen`: writes fake EN/FR documents with gold spans (or light
//! records for benchmarks) as JSON Lines.
//!
//! ```text
//! privasift-gen --seed 42 --docs 2000 -o gold.jsonl
//! privasift-gen --seed 42 --bytes 1GB --format jsonl -o bench.jsonl
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{ArgGroup, Parser, ValueEnum};
use privasift_testgen::{Budget, Format, GenOptions, Generator, parse_size, write_docs};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// Bench gold format: id, text, lang, spans.
    Gold,
    /// Light records without spans: id, text, lang, meta.
    Jsonl,
}

/// Generate fake documents full of personal data, with gold spans.
#[derive(Debug, Parser)]
#[command(name = "privasift-gen", version, group(ArgGroup::new("budget").required(true).args(["docs", "bytes"])))]
struct Args {
    /// Random seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Number of documents to write.
    #[arg(long)]
    docs: Option<u64>,
    /// Output size: 100MB, 1GB, 512MiB... (the file stays under it).
    #[arg(long, value_parser = parse_size_arg)]
    bytes: Option<u64>,
    #[arg(long, value_enum, default_value = "gold")]
    format: FormatArg,
    /// Output file; standard output when absent or `-`.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Share of French documents, 0 to 1.
    #[arg(long, default_value_t = 0.5)]
    lang_mix: f64,
    /// Probability of each of two near-miss slots per document, 0 to 1.
    #[arg(long, default_value_t = 0.25)]
    near_miss_rate: f64,
    /// Most annotated values per document.
    #[arg(long, default_value_t = 4)]
    max_items: usize,
    /// Most filler sentences (no personal data) per document: raise it for
    /// web-like density (`--max-items 1 --max-filler 12`: about one value per KB).
    #[arg(long, default_value_t = 3)]
    max_filler: usize,
}

fn parse_size_arg(s: &str) -> Result<u64, String> {
    parse_size(s).map_err(|e| e.to_string())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let opts = GenOptions {
        lang_mix: args.lang_mix,
        near_miss_rate: args.near_miss_rate,
        max_items: args.max_items,
        max_filler: args.max_filler,
        ..GenOptions::default()
    };
    let mut generator = Generator::new(args.seed, opts);
    let budget = match (args.docs, args.bytes) {
        (Some(n), _) => Budget::Docs(n),
        (None, Some(b)) => Budget::Bytes(b),
        (None, None) => anyhow::bail!("give --docs or --bytes"),
    };
    let format = match args.format {
        FormatArg::Gold => Format::Gold,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let started = Instant::now();
    let (summary, target) = match &args.output {
        Some(p) if p.as_os_str() != "-" => {
            let f = File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
            let w = BufWriter::with_capacity(1 << 20, f);
            let s = write_docs(&mut generator, w, format, budget)
                .with_context(|| format!("cannot write {}", p.display()))?;
            (s, p.display().to_string())
        }
        _ => {
            let w = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            let s = write_docs(&mut generator, w, format, budget)
                .context("cannot write to standard output")?;
            (s, "standard output".to_owned())
        }
    };
    let secs = started.elapsed().as_secs_f64();
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "wrote {} documents, {} bytes, {} gold spans, {} near misses to {target} in {secs:.2} s ({:.0} MB/s)",
        summary.docs,
        summary.bytes,
        summary.spans,
        summary.near_misses,
        summary.bytes as f64 / 1e6 / secs.max(1e-9)
    )?;
    Ok(())
}
