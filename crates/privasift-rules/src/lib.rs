//! privasift's compliance engine: an AI development project's manifest
//! checked against the CNIL's AI how-to sheets, with evidence from the data
//! tools (scan reports, processing ledgers).
//!
//! Data flows one way: [`parse`](parse::parse) reads the manifest,
//! [`Evidence::load`] the evidence, [`check`] decides (the decision trees
//! of `decisions.rs`) and runs every rule (one file each under `rules/`),
//! and the renderers (`render.rs`, `dpia.rs`) turn the [`Report`] into
//! text, Markdown, HTML, JSON or a PIA-software import. The engine is a pure
//! function of manifest, evidence and date; it prints nothing.

pub mod decisions;
pub mod dpia;
pub mod engine;
pub mod evidence;
pub mod examples;
pub mod init;
pub mod manifest;
pub mod parse;
pub mod render;
pub mod rule;
pub mod rules;

pub use engine::{Finding, Report, check};
pub use evidence::Evidence;
pub use manifest::Manifest;
pub use parse::{ManifestError, parse};

/// The manifest's JSON Schema, generated from the types.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Manifest);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
