//! Criterion benchmarks of the detectors: the whole default set on two
//! corpora, and each detector of the registry alone on one of them.
//!
//! `cargo bench -p privasift-detect` (a few minutes on two cores). The
//! corpora, about 4 MB each, are generated here by privasift-testgen with a
//! fixed seed, so every run measures the same bytes:
//!
//! - `web`: long filler with at most one value per document and few near
//!   misses, like text scraped from the web, where most bytes hold nothing;
//! - `dense`: testgen's defaults, up to four values and two near-miss chances
//!   per short document.
//!
//! Groups, all with `Throughput::Bytes` so criterion prints MB/s:
//! `set/web`, `set/dense` (`DetectorSet::default_set`), and `detector/<id>`
//! (each detector of `default_detectors()` in a set of its own, on `web`).
//! For the same figures on any file, see `examples/throughput.rs`.
#![allow(clippy::expect_used)] // a bench that cannot build its detectors has nothing to measure

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use privasift_core::Span;
use privasift_detect::detectors::default_detectors;
use privasift_detect::{DetectConfig, DetectorSet};
use privasift_testgen::{GenOptions, Generator};

/// Size of each corpus, in bytes of text.
const CORPUS_BYTES: usize = 4_000_000;
const SEED: u64 = 42;

fn web_options() -> GenOptions {
    GenOptions {
        max_items: 1,
        max_filler: 12,
        near_miss_rate: 0.05,
        ..GenOptions::default()
    }
}

/// Documents from `opts` until their texts reach [`CORPUS_BYTES`].
fn corpus(opts: GenOptions) -> Vec<String> {
    let mut g = Generator::new(SEED, opts);
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < CORPUS_BYTES {
        let text = g.next_doc().text;
        bytes += text.len();
        docs.push(text);
    }
    docs
}

fn total_bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

/// One pass of `set` over every document, the way the pipeline calls it:
/// one text at a time, reusing the output buffer.
fn scan(set: &DetectorSet, docs: &[String], out: &mut Vec<Span>) -> usize {
    let mut spans = 0;
    for d in docs {
        out.clear();
        set.detect(black_box(d), out);
        spans += out.len();
    }
    spans
}

/// Short runs: each iteration is a whole 4 MB pass, so ten samples are
/// enough to see a regression of a few percent.
fn configure(g: &mut BenchmarkGroup<'_, WallTime>) {
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
}

fn bench_set(c: &mut Criterion) {
    let set = DetectorSet::default_set(&DetectConfig::default()).expect("the default set builds");
    let mut g = c.benchmark_group("set");
    configure(&mut g);
    for (name, docs) in [
        ("web", corpus(web_options())),
        ("dense", corpus(GenOptions::default())),
    ] {
        g.throughput(Throughput::Bytes(total_bytes(&docs)));
        let mut out = Vec::new();
        // A first pass fills the lazy DFA caches, as the first megabytes of
        // a long run would; the measurement is of the steady state.
        scan(&set, &docs, &mut out);
        g.bench_function(name, |b| b.iter(|| scan(&set, &docs, &mut out)));
    }
    g.finish();
}

fn bench_detectors(c: &mut Criterion) {
    let docs = corpus(web_options());
    let mut g = c.benchmark_group("detector");
    configure(&mut g);
    g.throughput(Throughput::Bytes(total_bytes(&docs)));
    for d in default_detectors().expect("the default detectors build") {
        let id = d.id();
        let set =
            DetectorSet::new(vec![d], DetectConfig::default()).expect("a detector builds alone");
        let mut out = Vec::new();
        scan(&set, &docs, &mut out);
        g.bench_function(id, |b| b.iter(|| scan(&set, &docs, &mut out)));
    }
    g.finish();
}

criterion_group!(benches, bench_set, bench_detectors);
criterion_main!(benches);
