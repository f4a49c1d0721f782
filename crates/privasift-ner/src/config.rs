//! `config.json`: the architecture, its sizes and the label map.

use std::path::Path;

use candle_transformers::models::{bert, xlm_roberta};
use serde_json::{Map, Value, json};

use crate::NerError;

/// The encoder families candle-transformers provides that token
/// classification here can use.
pub enum Arch {
    Bert(bert::Config),
    /// `RoBERTa`, XLM-RoBERTa and `CamemBERT` share this architecture.
    XlmRoberta(xlm_roberta::Config),
}

pub struct ModelConfig {
    pub arch: Arch,
    pub model_type: String,
    pub hidden_size: usize,
    pub num_layers: usize,
    /// `id2label`, indexed by id.
    pub labels: Vec<String>,
    /// Longest input the position embeddings allow, special tokens included.
    pub max_tokens: usize,
    pub pad_id: u32,
}

pub fn read(path: &Path) -> Result<ModelConfig, NerError> {
    let bytes = std::fs::read(path).map_err(|source| NerError::Read {
        path: path.to_owned(),
        source,
    })?;
    let err = |message: String| NerError::Config {
        path: path.to_owned(),
        message,
    };
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(err("not a JSON object".to_owned()));
    };
    let model_type = match obj.get("model_type") {
        Some(Value::String(s)) => s.clone(),
        None => "bert".to_owned(),
        Some(_) => return Err(err("`model_type` is not a string".to_owned())),
    };
    let labels = id2label(&obj).map_err(err)?;
    let parse = |defaults: Value| -> Result<Value, NerError> {
        let mut merged = defaults;
        if let Value::Object(m) = &mut merged {
            for (k, v) in &obj {
                m.insert(k.clone(), v.clone());
            }
        }
        Ok(merged)
    };
    let (arch, max_tokens, pad_id, hidden_size, num_layers) = match model_type.as_str() {
        "bert" => {
            let merged = parse(json!({
                "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "max_position_embeddings": 512,
                "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12,
                "pad_token_id": 0
            }))?;
            let c: bert::Config =
                serde_json::from_value(merged).map_err(|e| err(format!("BERT config: {e}")))?;
            let (max, pad, h, l) = (
                c.max_position_embeddings,
                c.pad_token_id as u32,
                c.hidden_size,
                c.num_hidden_layers,
            );
            (Arch::Bert(c), max, pad, h, l)
        }
        "roberta" | "xlm-roberta" | "camembert" => {
            let merged = parse(json!({
                "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
                "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 514,
                "type_vocab_size": 1, "layer_norm_eps": 1e-5, "pad_token_id": 1,
                "position_embedding_type": "absolute"
            }))?;
            let c: xlm_roberta::Config =
                serde_json::from_value(merged).map_err(|e| err(format!("RoBERTa config: {e}")))?;
            if c.position_embedding_type != "absolute" {
                return Err(err(format!(
                    "position_embedding_type `{}` is not supported (only `absolute`)",
                    c.position_embedding_type
                )));
            }
            // Positions start after the padding id: `pad + 1 + i`.
            let max = c
                .max_position_embeddings
                .saturating_sub(c.pad_token_id as usize + 1);
            let (pad, h, l) = (c.pad_token_id, c.hidden_size, c.num_hidden_layers);
            (Arch::XlmRoberta(c), max, pad, h, l)
        }
        _ => {
            return Err(NerError::UnsupportedModelType {
                path: path.to_owned(),
                model_type,
            });
        }
    };
    if max_tokens < 3 {
        return Err(err(format!(
            "max_position_embeddings allows {max_tokens} tokens, too few for a window"
        )));
    }
    Ok(ModelConfig {
        arch,
        model_type,
        hidden_size,
        num_layers,
        labels,
        max_tokens,
        pad_id,
    })
}

fn id2label(obj: &Map<String, Value>) -> Result<Vec<String>, String> {
    let Some(map) = obj.get("id2label") else {
        return Err(
            "no `id2label` (a token-classification config names its labels there)".to_owned(),
        );
    };
    let Value::Object(map) = map else {
        return Err("`id2label` is not an object".to_owned());
    };
    let mut labels: Vec<Option<String>> = vec![None; map.len()];
    for (k, v) in map {
        let id: usize = k
            .trim()
            .parse()
            .map_err(|_| format!("`id2label` key `{k}` is not a number"))?;
        let Value::String(name) = v else {
            return Err(format!("`id2label` entry {id} is not a string"));
        };
        let slot = labels.get_mut(id).ok_or_else(|| {
            format!(
                "`id2label` ids must run from 0 to {}: found {id}",
                map.len().saturating_sub(1)
            )
        })?;
        *slot = Some(name.clone());
    }
    if labels.is_empty() {
        return Err("`id2label` is empty".to_owned());
    }
    labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| l.ok_or_else(|| format!("`id2label` has no label for id {i}")))
        .collect()
}
