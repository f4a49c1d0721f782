//! The network: an encoder candle-transformers provides plus a linear
//! token-classification head (`classifier.weight`, `classifier.bias`, as
//! Hugging Face's `*ForTokenClassification` save it).

use std::collections::HashMap;
use std::path::Path;

use candle_core::{D, DType, Device, Tensor};
use candle_nn::{Linear, Module, VarBuilder};
use candle_transformers::models::{bert::BertModel, xlm_roberta::XLMRobertaModel};

use crate::NerError;
use crate::config::{Arch, ModelConfig};
use crate::error::first_line;

enum Encoder {
    Bert(BertModel),
    XlmRoberta(XLMRobertaModel),
}

pub struct Network {
    encoder: Encoder,
    classifier: Linear,
    device: Device,
    pad_id: u32,
}

/// Per sequence and position: the most probable label id, and its
/// probability.
pub type Predictions = (Vec<Vec<u32>>, Vec<Vec<f32>>);

/// The prefixes under which checkpoints store the encoder: the task models
/// (`BertForTokenClassification`) nest it, a bare encoder does not.
const PREFIXES: &[&str] = &["bert.", "roberta.", "camembert.", "xlm-roberta.", ""];

impl Network {
    pub fn load(
        weights: HashMap<String, Tensor>,
        cfg: &ModelConfig,
        path: &Path,
    ) -> Result<Network, NerError> {
        let err = |message: String| NerError::Weights {
            path: path.to_owned(),
            message,
        };
        let prefix = PREFIXES
            .iter()
            .find(|p| weights.contains_key(&format!("{p}embeddings.word_embeddings.weight")))
            .ok_or_else(|| {
                err("no tensor `embeddings.word_embeddings.weight` (tried the prefixes bert., roberta., camembert. and none): not a BERT-style checkpoint".to_owned())
            })?;
        for name in ["classifier.weight", "classifier.bias"] {
            if !weights.contains_key(name) {
                return Err(err(format!(
                    "no tensor `{name}`: the checkpoint has no token-classification head (an encoder alone cannot tag entities)"
                )));
            }
        }
        let device = Device::Cpu;
        let vb = VarBuilder::from_tensors(weights, DType::F32, &device);
        let labels = cfg.labels.len();
        let classifier = candle_nn::linear(cfg.hidden_size, labels, vb.pp("classifier"))
            .map_err(|e| {
                err(format!(
                    "classifier head does not match hidden_size {} and the {labels} labels of id2label: {}",
                    cfg.hidden_size,
                    first_line(&e)
                ))
            })?;
        let enc_vb = vb.pp(prefix.trim_end_matches('.'));
        let enc_vb = if prefix.is_empty() {
            vb.clone()
        } else {
            enc_vb
        };
        let encoder = match &cfg.arch {
            Arch::Bert(c) => BertModel::load(enc_vb, c).map(Encoder::Bert),
            Arch::XlmRoberta(c) => XLMRobertaModel::new(c, enc_vb).map(Encoder::XlmRoberta),
        }
        .map_err(|e| {
            err(format!(
                "cannot build the {} encoder: {}",
                cfg.model_type,
                first_line(&e)
            ))
        })?;
        Ok(Network {
            encoder,
            classifier,
            device,
            pad_id: cfg.pad_id,
        })
    }

    /// Runs a batch of token-id sequences (padded here) and returns, per
    /// sequence and position, the most probable label and its probability.
    pub fn predict(&self, batch: &[&[u32]]) -> candle_core::Result<Predictions> {
        let rows = batch.len();
        let cols = batch.iter().map(|s| s.len()).max().unwrap_or(0);
        if rows == 0 || cols == 0 {
            return Ok((Vec::new(), Vec::new()));
        }
        let mut ids = Vec::with_capacity(rows * cols);
        let mut mask = Vec::with_capacity(rows * cols);
        for seq in batch {
            ids.extend_from_slice(seq);
            ids.extend(std::iter::repeat_n(self.pad_id, cols - seq.len()));
            mask.extend(std::iter::repeat_n(1u32, seq.len()));
            mask.extend(std::iter::repeat_n(0u32, cols - seq.len()));
        }
        let ids = Tensor::from_vec(ids, (rows, cols), &self.device)?;
        let mask = Tensor::from_vec(mask, (rows, cols), &self.device)?;
        let types = ids.zeros_like()?;
        let hidden = match &self.encoder {
            Encoder::Bert(m) => m.forward(&ids, &types, Some(&mask))?,
            Encoder::XlmRoberta(m) => m.forward(&ids, &mask, &types, None, None, None)?,
        };
        let logits = self.classifier.forward(&hidden)?;
        let probs = candle_nn::ops::softmax_last_dim(&logits)?;
        let best = probs.argmax(D::Minus1)?.to_vec2::<u32>()?;
        let p = probs.max(D::Minus1)?.to_vec2::<f32>()?;
        Ok((best, p))
    }
}
