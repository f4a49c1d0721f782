//! Criterion benchmarks of the detector set (placeholder replaced below).
fn main() {}
