//! How much of the detector set's time is the lazy DFA building its states.
//!
//! `cargo run --release -p privasift-detect --example warmup -- FILE [PASSES]`
//! runs the detectors of the foundation issue (identifiers, dates of birth,
//! credentials; no names, places or special categories) over each line of
//! FILE several times (default 4) on one thread, and prints MB/s per pass.
//! The first pass pays for building the shared automaton's DFA states; the
//! later ones show the matching speed once they exist.

use std::io::Write as _;
use std::time::Instant;

use privasift_core::Label;
use privasift_detect::{DetectConfig, DetectorSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: warmup FILE [PASSES]")?;
    let passes: usize = args.get(2).map_or(Ok(4), |s| s.parse())?;
    let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let cfg = DetectConfig {
        labels: Some(vec![
            Label::Email,
            Label::Phone,
            Label::Iban,
            Label::CreditCard,
            Label::NationalId,
            Label::Passport,
            Label::IpAddress,
            Label::Url,
            Label::DateOfBirth,
            Label::Credential,
            Label::DeviceId,
            Label::LicencePlate,
        ]),
        ..DetectConfig::default()
    };
    let set = DetectorSet::default_set(&cfg)?;
    let mut out = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for pass in 0..passes {
        let t = Instant::now();
        let mut n = 0;
        for l in &lines {
            out.clear();
            set.detect(l, &mut out);
            n += out.len();
        }
        let mbps = text.len() as f64 / 1e6 / t.elapsed().as_secs_f64();
        writeln!(stdout, "pass {pass}: {mbps:.1} MB/s ({n} spans)")?;
    }
    Ok(())
}
