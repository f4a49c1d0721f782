//! People who objected: a page whose text holds an e-mail address or phone
//! number on a suppression list (`privasift rights erase --suppression`) is
//! excluded. The list holds keyed hashes ([`privasift_transform::suppress_hash`]),
//! never identifiers, so the policy and this crate never see who objected;
//! matching needs the same key (`--key-file` or `PRIVASIFT_KEY`).

use std::collections::HashSet;
use std::path::Path;

use privasift_core::{Label, Span};
use privasift_detect::{DetectConfig, DetectorSet};
use privasift_transform::{Key, suppress_hash};

/// The detectors (e-mail and phone only) and the key.
pub struct People {
    set: DetectorSet,
    key: Key,
}

impl People {
    pub fn new(key: Key) -> Result<Self, String> {
        let config = DetectConfig {
            labels: Some(vec![Label::Email, Label::Phone]),
            ..DetectConfig::default()
        };
        let set = DetectorSet::default_set(&config).map_err(|e| e.to_string())?;
        Ok(Self { set, key })
    }

    /// The label of the first value of `text` whose keyed hash is in
    /// `hashes`.
    pub fn find(&self, text: &str, hashes: &HashSet<String>) -> Option<Label> {
        let mut spans: Vec<Span> = Vec::new();
        self.set.detect(text, &mut spans);
        spans.iter().find_map(|s| {
            let v = text.get(s.start..s.end)?;
            hashes
                .contains(&suppress_hash(&self.key, s.kind.label, v))
                .then_some(s.kind.label)
        })
    }
}

/// Reads a suppression list (JSON Lines with `hash` and `key_fingerprint`),
/// refusing entries made with another key. Messages name the line, never a
/// hash.
#[allow(clippy::implicit_hasher)]
pub fn load_suppression(
    path: &Path,
    key: &Key,
    out: &mut HashSet<String>,
) -> Result<usize, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("suppression list {}: {e}", path.display()))?;
    let fp = key.fingerprint();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|_| format!("{}:{}: not a suppression-list line", path.display(), i + 1))?;
        if v["key_fingerprint"].as_str() != Some(fp.as_str()) {
            return Err(format!(
                "{}:{}: this entry was made with another key (fingerprint differs): use the key the list was made with",
                path.display(),
                i + 1
            ));
        }
        let Some(h) = v["hash"].as_str() else {
            return Err(format!("{}:{}: no `hash`", path.display(), i + 1));
        };
        out.insert(h.to_owned());
        n += 1;
    }
    Ok(n)
}
