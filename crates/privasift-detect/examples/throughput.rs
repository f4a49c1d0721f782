//! Throughput of the detector set, whole and per detector, on a text file.
//!
//! `cargo run --release -p privasift-detect --example throughput -- FILE [MB]`
//! reads FILE (plain text, or any file: it is treated as text), repeats it up
//! to MB megabytes (default 20) and prints MB/s for the whole default set and
//! for each detector alone, on one thread. `ONLY=person` measures only the
//! detectors whose id starts with `person` (for a profiler); `ONLY_ALL=1`
//! only the whole set.

use std::time::Instant;

use privasift_detect::detectors::default_detectors;
use privasift_detect::{DetectConfig, DetectorSet};

fn mbps(set: &DetectorSet, lines: &[&str], bytes: usize) -> (f64, usize) {
    let mut out = Vec::new();
    let mut n = 0;
    let t = Instant::now();
    for l in lines {
        out.clear();
        set.detect(l, &mut out);
        n += out.len();
    }
    (bytes as f64 / 1e6 / t.elapsed().as_secs_f64(), n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: throughput FILE [MB]")?;
    let mb: usize = args.get(2).map_or(Ok(20), |s| s.parse())?;
    let raw = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
    let mut text = String::new();
    while text.len() < mb * 1_000_000 {
        text.push_str(&raw);
        text.push('\n');
    }
    let lines: Vec<&str> = text.lines().collect();
    let cfg = DetectConfig::default();
    let all = DetectorSet::default_set(&cfg)?;
    // Warm the automata's caches on the first tenth, as a long run would.
    let warm = lines.len() / 10;
    let only = std::env::var("ONLY").ok();
    if only.is_none() {
        let _ = mbps(&all, &lines[..warm], 0);
        let (r, n) = mbps(&all, &lines, text.len());
        println!("{:<24} {r:>8.1} MB/s {n:>8} spans", "ALL");
    }
    if std::env::var_os("ONLY_ALL").is_some() {
        return Ok(());
    }
    for d in default_detectors()? {
        let id = d.id();
        if only.as_ref().is_some_and(|o| !id.starts_with(o.as_str())) {
            continue;
        }
        let set = DetectorSet::new(vec![d], cfg.clone())?;
        let (r, n) = mbps(&set, &lines, text.len());
        println!("{id:<24} {r:>8.1} MB/s {n:>8} spans");
    }
    Ok(())
}
