//! The bundled example project and how rule examples are built on it.
//!
//! A rule's `bad` and `good` examples are TOML fragments merged onto
//! `examples/project.toml` (a fictional project that passes every rule):
//! tables merge key by key, arrays of tables merge element by element (the
//! first `[[sources]]` of a fragment edits the project's first source),
//! other values (and empty arrays) replace, and the string `"<unset>"`
//! removes a key.

use toml::{Table, Value};

use crate::evidence::Evidence;
use crate::manifest::{Date, Manifest};
use crate::parse::ManifestError;
use crate::rule::Example;

/// The example project (`examples/project.toml` in the repository).
pub const PROJECT: &str = include_str!("../../../examples/project.toml");

/// The date examples are checked on: retention periods in the example run
/// to 2027 and later.
pub const TODAY: Date = Date {
    year: 2026,
    month: 1,
    day: 15,
};

/// Merges `fragment` onto `base`.
pub fn merge(base: &str, fragment: &str) -> Result<String, toml::de::Error> {
    let mut b: Table = toml::from_str(base)?;
    let f: Table = toml::from_str(fragment)?;
    merge_tables(&mut b, f);
    Ok(toml::to_string(&b).unwrap_or_default())
}

fn merge_tables(base: &mut Table, over: Table) {
    for (k, v) in over {
        if v.as_str() == Some("<unset>") {
            base.remove(&k);
            continue;
        }
        match (base.get_mut(&k), v) {
            (Some(Value::Table(b)), Value::Table(o)) => merge_tables(b, o),
            (Some(Value::Array(b)), Value::Array(o))
                if !o.is_empty()
                    && o.iter().all(Value::is_table)
                    && b.iter().all(Value::is_table) =>
            {
                for (i, item) in o.into_iter().enumerate() {
                    match (b.get_mut(i), item) {
                        (Some(Value::Table(bt)), Value::Table(ot)) => merge_tables(bt, ot),
                        (_, item) => b.push(item),
                    }
                }
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// The manifest text, manifest and evidence of an example.
pub fn build(example: &Example) -> Result<(String, Manifest, Evidence), String> {
    let text = merge(PROJECT, example.manifest).map_err(|e| e.to_string())?;
    let manifest =
        crate::parse::parse(&text, "example").map_err(|e: ManifestError| e.to_string())?;
    let mut evidence = Evidence {
        today: Some(TODAY),
        ..Evidence::default()
    };
    if let Some(scan) = example.scan {
        evidence
            .add_scan_json(std::path::Path::new("example-scan.json"), scan)
            .map_err(|e| e.to_string())?;
    }
    Ok((text, manifest, evidence))
}
