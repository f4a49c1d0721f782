//! privasift-eval's integration tests: score.py's self-test cases and golden
//! numbers produced by score.py on the fixtures.

#![allow(clippy::unwrap_used, clippy::panic, clippy::float_cmp)]

mod golden;
mod self_test;
