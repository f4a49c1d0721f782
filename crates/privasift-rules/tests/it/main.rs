//! Integration tests of the compliance engine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod decisions;
mod manifest_errors;
mod outputs;
