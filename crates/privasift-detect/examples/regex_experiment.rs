//! Scratch: how the combined automaton behaves under different settings.
use std::time::Instant;

use privasift_detect::detectors::default_detectors;
use regex_automata::{Input, meta};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let raw = std::fs::read_to_string(&args[1])?;
    let mut text = String::new();
    while text.len() < 10_000_000 {
        text.push_str(&raw);
    }
    let mut pats = Vec::new();
    let mut names = Vec::new();
    for d in default_detectors()? {
        for p in d.patterns() {
            pats.push(p.regex);
            names.push(d.id());
        }
    }
    println!("{} patterns", pats.len());
    if args.get(2).is_some_and(|a| a == "groups") {
        for k in [1usize, 2, 3, 4, 6, 8, 12] {
            let size = pats.len().div_ceil(k);
            let res: Vec<meta::Regex> = pats
                .chunks(size)
                .map(|c| {
                    meta::Regex::builder()
                        .configure(meta::Config::new().hybrid_cache_capacity(16 << 20))
                        .build_many(c)
                })
                .collect::<Result<_, _>>()?;
            // warm
            for r in &res {
                let _ = r.find_iter(&text[..1_000_000]).count();
            }
            let t = Instant::now();
            let mut n = 0;
            for r in &res {
                n += r.find_iter(&text).count();
            }
            println!(
                "k={k}: {:.1} MB/s ({n} matches)",
                text.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
            );
        }
        return Ok(());
    }
    if args.get(2).is_some_and(|a| a == "loo") {
        let time = |ps: &[String]| -> f64 {
            let Ok(re) = meta::Regex::builder()
                .configure(meta::Config::new().hybrid_cache_capacity(16 << 20))
                .build_many(ps)
            else {
                return f64::NAN;
            };
            let _ = re.find_iter(&text[..2_000_000]).count();
            (0..2)
                .map(|_| {
                    let t = Instant::now();
                    let _ = re.find_iter(&text).count();
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let base = time(&pats);
        println!("all: {:.1} MB/s", text.len() as f64 / 1e6 / base);
        let mut rows = Vec::new();
        for i in 0..pats.len() {
            let mut p2 = pats.clone();
            p2.remove(i);
            rows.push((base / time(&p2), i));
        }
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (x, i) in rows.iter().take(12) {
            println!(
                "without #{i:<3} {:<22} {x:>6.2}x  {}",
                names[*i],
                &pats[*i].chars().take(100).collect::<String>()
            );
        }
        return Ok(());
    }
    if args.get(2).is_some_and(|a| a == "counts") {
        per_pattern(&text, &pats, &names);
        return Ok(());
    }
    for cap in [2usize << 20, 8 << 20, 64 << 20] {
        let re = meta::Regex::builder()
            .configure(meta::Config::new().hybrid_cache_capacity(cap))
            .build_many(&pats)?;
        let t = Instant::now();
        let n = re.find_iter(&text).count();
        println!(
            "cap {cap}: {:.1} MB/s, {n} matches",
            text.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
        );
    }
    // Leave-one-out: which pattern makes the set slow?
    let base = {
        let re = meta::Regex::builder()
            .configure(meta::Config::new().hybrid_cache_capacity(8 << 20))
            .build_many(&pats)?;
        let t = Instant::now();
        let _ = re.find_iter(Input::new(&text)).count();
        t.elapsed().as_secs_f64()
    };
    for i in 0..pats.len() {
        let mut p2 = pats.clone();
        p2.remove(i);
        let re = meta::Regex::builder()
            .configure(meta::Config::new().hybrid_cache_capacity(8 << 20))
            .build_many(&p2)?;
        let t = Instant::now();
        let _ = re.find_iter(&text).count();
        let dt = t.elapsed().as_secs_f64();
        println!(
            "without #{i:<3} {:<22} {:>6.2}x  {}",
            names[i],
            base / dt,
            &pats[i].chars().take(90).collect::<String>()
        );
    }
    Ok(())
}

/// Per-pattern match counts of the leftmost-first scan (what confirm() sees).
pub fn per_pattern(text: &str, pats: &[String], names: &[&str]) {
    let Ok(re) = meta::Regex::builder()
        .configure(meta::Config::new().hybrid_cache_capacity(8 << 20))
        .build_many(pats)
    else {
        return;
    };
    let mut counts = vec![0usize; pats.len()];
    for m in re.find_iter(text) {
        counts[m.pattern().as_usize()] += 1;
    }
    let mut v: Vec<_> = counts.iter().enumerate().filter(|(_, c)| **c > 0).collect();
    v.sort_by(|a, b| b.1.cmp(a.1));
    for (i, c) in v {
        println!(
            "{c:>8} #{i:<3} {:<22} {}",
            names[i],
            &pats[i].chars().take(80).collect::<String>()
        );
    }
}
