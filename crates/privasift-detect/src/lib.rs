//! privasift's detectors and the [`DetectorSet`] that runs them.
//!
//! Each detector lives in its own file under `detectors/` with its doc, its
//! patterns, its validation (checksums, lengths, context words) and its tests;
//! [`detectors::default_detectors`] is the registry. A [`DetectorSet`] compiles
//! the patterns of every detector into one automaton, so a text is scanned
//! once whatever the number of detectors, and merges overlapping spans.
//!
//! ```
//! use privasift_detect::{DetectConfig, DetectorSet};
//!
//! let set = DetectorSet::default_set(&DetectConfig::default()).unwrap();
//! let mut spans = Vec::new();
//! set.detect("Écrire à jeanne.martin@exemple.fr avant lundi", &mut spans);
//! assert_eq!(spans.len(), 1);
//! assert_eq!(spans[0].kind.name, "email");
//! ```

mod block;
pub mod context;
pub mod detectors;
mod engine;
mod lexicon;
pub mod names;
mod shared;
mod trigger;
pub mod validate;
mod words;

pub use engine::{BuildError, DetectConfig, DetectorSet};

/// A seeded xorshift generator for the tests that build random texts: the
/// same seed gives the same texts on every platform.
#[cfg(test)]
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
