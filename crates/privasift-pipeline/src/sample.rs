//! Deterministic sampling: the same records are chosen on every run, on any
//! number of threads, without reading the dataset twice.

use serde::Serialize;

/// Which records to scan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "mode", content = "value")]
pub enum Sample {
    #[default]
    All,
    /// Each record is kept with this probability, decided by a hash of its
    /// source path and position.
    Fraction(f64),
    /// About this many records, spread over the whole input: a fraction is
    /// estimated from the input size and the first batch's record size, and
    /// the run stops once this many are scanned.
    Records(u64),
}

/// FNV-1a: a stable hash of the source path (std's hasher may change between
/// Rust releases, which would change samples).
pub(crate) fn path_hash(path: &std::path::Path) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64 finaliser: spreads (path hash, index) uniformly over u64.
pub(crate) fn keep(path_hash: u64, index: u64, fraction: f64) -> bool {
    if fraction >= 1.0 {
        return true;
    }
    let mut z = path_hash ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z as f64) < fraction * (u64::MAX as f64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn fraction_is_respected_and_deterministic() {
        let h = path_hash(std::path::Path::new("data/shard-0001.jsonl"));
        let kept = (0..100_000u64).filter(|&i| keep(h, i, 0.1)).count();
        assert!((9_000..11_000).contains(&kept), "{kept}");
        let again = (0..100_000u64).filter(|&i| keep(h, i, 0.1)).count();
        assert_eq!(kept, again);
        assert!((0..1000u64).all(|i| keep(h, i, 1.0)));
        assert!(!(0..1000u64).any(|i| keep(h, i, 0.0)));
    }
}
