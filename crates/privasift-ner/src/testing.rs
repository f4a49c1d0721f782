//! A tiny BERT token classifier written from code, for tests of this crate
//! and of the CLI (no registry package ships NER weights).
//!
//! Its layers are the identity up to layer normalisation (every dense weight
//! is zero), and each vocabulary word's embedding is a one-hot vector on the
//! dimension of the tag it should get, which the head reads back: so the
//! model tags `ana`, `zoe` and `东` `B-PER`/`B-LOC` and the like whatever the
//! context, and the tests can assert exact spans.

use std::collections::HashMap;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use serde_json::json;

/// The tags of the tiny model, by id.
pub const TAGS: [&str; 5] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];

/// Its vocabulary and the tag id each word gets (specials and unknown words
/// get `O`).
pub const VOCAB: &[(&str, usize)] = &[
    ("[PAD]", 0),
    ("[UNK]", 0),
    ("[CLS]", 0),
    ("[SEP]", 0),
    ("[MASK]", 0),
    ("ana", 1),
    ("lopez", 2),
    ("zoe", 1),
    ("garc", 2),
    ("##ia", 0),
    ("paris", 3),
    ("new", 3),
    ("york", 4),
    ("东", 3),
    ("京", 4),
    ("lives", 0),
    ("in", 0),
    ("and", 0),
    ("met", 0),
    ("the", 0),
    (".", 0),
    (",", 0),
];

const HIDDEN: usize = 32;
const LAYERS: usize = 2;
const INTERMEDIATE: usize = 64;

/// Writes `config.json`, `tokenizer.json` and `model.safetensors` of the tiny
/// model into `dir`, with `max_positions` position embeddings.
pub fn write_tiny_bert(dir: &Path, max_positions: usize) -> Result<(), Box<dyn std::error::Error>> {
    write_tiny_bert_with(dir, max_positions, 4.0)
}

/// [`write_tiny_bert`] with the head's weight: the lower, the less sure the
/// model (at 4 the right tag has probability 1 to 9 decimals; at 0.2, 0.44).
pub fn write_tiny_bert_with(
    dir: &Path,
    max_positions: usize,
    head_weight: f32,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let id2label: serde_json::Map<String, serde_json::Value> = TAGS
        .iter()
        .enumerate()
        .map(|(i, t)| (i.to_string(), json!(t)))
        .collect();
    let config = json!({
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        "vocab_size": VOCAB.len(),
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": 2,
        "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": max_positions,
        "type_vocab_size": 2,
        "initializer_range": 0.02,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "id2label": id2label,
    });
    std::fs::write(dir.join("config.json"), serde_json::to_vec_pretty(&config)?)?;
    std::fs::write(
        dir.join("tokenizer.json"),
        serde_json::to_vec_pretty(&tokenizer_json())?,
    )?;
    candle_core::safetensors::save(
        &weights(max_positions, head_weight)?,
        dir.join("model.safetensors"),
    )?;
    Ok(())
}

/// A `WordPiece` tokenizer in the layout `BertTokenizerFast` saves: lower
/// case, accents stripped, CJK characters split, `[CLS] … [SEP]`.
pub fn tokenizer_json() -> serde_json::Value {
    let vocab: serde_json::Map<String, serde_json::Value> = VOCAB
        .iter()
        .enumerate()
        .map(|(i, (w, _))| ((*w).to_owned(), json!(i)))
        .collect();
    let added: Vec<serde_json::Value> = VOCAB
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, (w, _))| {
            json!({"id": i, "content": w, "single_word": false, "lstrip": false,
                   "rstrip": false, "normalized": false, "special": true})
        })
        .collect();
    json!({
        "version": "1.0",
        "truncation": {"max_length": 8, "strategy": "LongestFirst", "stride": 0, "direction": "Right"},
        "padding": null,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                       "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
            }
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab}
    })
}

fn weights(max_positions: usize, head_weight: f32) -> candle_core::Result<HashMap<String, Tensor>> {
    let dev = Device::Cpu;
    let mut w = HashMap::new();
    let zeros = |shape: &[usize]| Tensor::zeros(shape, DType::F32, &dev);
    let ones = |n: usize| Tensor::ones(n, DType::F32, &dev);
    // Word embeddings: one-hot on the dimension of the word's tag.
    let mut emb = vec![0f32; VOCAB.len() * HIDDEN];
    for (i, (_, tag)) in VOCAB.iter().enumerate() {
        if let Some(x) = emb.get_mut(i * HIDDEN + tag) {
            *x = 1.0;
        }
    }
    let p = "bert.embeddings";
    w.insert(
        format!("{p}.word_embeddings.weight"),
        Tensor::from_vec(emb, (VOCAB.len(), HIDDEN), &dev)?,
    );
    w.insert(
        format!("{p}.position_embeddings.weight"),
        zeros(&[max_positions, HIDDEN])?,
    );
    w.insert(
        format!("{p}.token_type_embeddings.weight"),
        zeros(&[2, HIDDEN])?,
    );
    w.insert(format!("{p}.LayerNorm.weight"), ones(HIDDEN)?);
    w.insert(format!("{p}.LayerNorm.bias"), zeros(&[HIDDEN])?);
    for l in 0..LAYERS {
        let p = format!("bert.encoder.layer.{l}");
        for m in [
            "attention.self.query",
            "attention.self.key",
            "attention.self.value",
            "attention.output.dense",
        ] {
            w.insert(format!("{p}.{m}.weight"), zeros(&[HIDDEN, HIDDEN])?);
            w.insert(format!("{p}.{m}.bias"), zeros(&[HIDDEN])?);
        }
        w.insert(
            format!("{p}.intermediate.dense.weight"),
            zeros(&[INTERMEDIATE, HIDDEN])?,
        );
        w.insert(
            format!("{p}.intermediate.dense.bias"),
            zeros(&[INTERMEDIATE])?,
        );
        w.insert(
            format!("{p}.output.dense.weight"),
            zeros(&[HIDDEN, INTERMEDIATE])?,
        );
        w.insert(format!("{p}.output.dense.bias"), zeros(&[HIDDEN])?);
        for n in ["attention.output.LayerNorm", "output.LayerNorm"] {
            w.insert(format!("{p}.{n}.weight"), ones(HIDDEN)?);
            w.insert(format!("{p}.{n}.bias"), zeros(&[HIDDEN])?);
        }
    }
    // The head reads dimension t for tag t.
    let mut head = vec![0f32; TAGS.len() * HIDDEN];
    for t in 0..TAGS.len() {
        if let Some(x) = head.get_mut(t * HIDDEN + t) {
            *x = head_weight;
        }
    }
    w.insert(
        "classifier.weight".to_owned(),
        Tensor::from_vec(head, (TAGS.len(), HIDDEN), &dev)?,
    );
    w.insert("classifier.bias".to_owned(), zeros(&[TAGS.len()])?);
    Ok(w)
}
