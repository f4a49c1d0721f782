//! The registry: every detector privasift ships, one file each.
//!
//! Order matters where two patterns can match at the same place: the earlier
//! one is tried first, and if its validation rejects the candidate the later
//! ones get their turn. Put the most specific, checksum-validated detectors
//! first.

use privasift_core::Detector;

use crate::BuildError;

pub mod email;
pub mod iban;

/// Every detector of the default set, in priority order.
pub fn default_detectors() -> Result<Vec<Box<dyn Detector>>, BuildError> {
    Ok(vec![
        Box::new(email::Email::new()?),
        Box::new(iban::Iban::new()?),
    ])
}

/// Test helper: runs one detector alone and returns `(matched text, kind name, score)`.
#[cfg(test)]
pub(crate) fn run_one(d: Box<dyn Detector>, text: &str) -> Vec<(String, &'static str, f32)> {
    let cfg = crate::DetectConfig {
        min_score: 0.0,
        ..crate::DetectConfig::default()
    };
    let set = crate::DetectorSet::new(vec![d], cfg).expect("detector builds");
    let mut out = Vec::new();
    set.detect(text, &mut out);
    out.iter()
        .map(|s| (text[s.start..s.end].to_owned(), s.kind.name, s.score))
        .collect()
}
