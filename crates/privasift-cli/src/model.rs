//! `--model DIR`: the optional model layer (`privasift-ner`, cargo feature
//! `ner`), run after the rules on `scan`, `detect` and `clean`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use privasift_core::Span;
use privasift_pipeline::RecordDetector;

#[derive(Args, Clone, Debug)]
pub(crate) struct ModelArgs {
    /// Also run a token-classification model (BERT/RoBERTa/CamemBERT in the Hugging Face layout:
    /// config.json, tokenizer.json, model.safetensors) from DIR, on the CPU, for higher recall.
    /// Thousands of times slower than the rules: see the README.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Model windows run per batch.
    #[arg(long, default_value_t = 8, value_name = "N", requires = "model")]
    pub model_batch: usize,
    /// Tokens per model window, special tokens included (clamped to what the model allows).
    #[arg(long, default_value_t = 256, value_name = "N", requires = "model")]
    pub model_window: usize,
}

/// The loaded model; uninhabited in a build without the model layer.
#[cfg(feature = "ner")]
pub(crate) struct Model(privasift_ner::NerModel);
#[cfg(not(feature = "ner"))]
pub(crate) enum Model {}

impl ModelArgs {
    /// Loads the model `--model` names, if any (its summary goes to stderr
    /// unless `quiet`).
    pub(crate) fn load(&self, quiet: bool) -> Result<Option<Model>> {
        let Some(dir) = &self.model else {
            return Ok(None);
        };
        #[cfg(feature = "ner")]
        {
            use anyhow::Context;
            let opts = privasift_ner::NerOptions {
                max_tokens: self.model_window,
                batch_size: self.model_batch,
                // The detector set applies --min-score and --threshold to
                // model spans as to every other.
                min_score: 0.0,
                ..privasift_ner::NerOptions::default()
            };
            let m = privasift_ner::NerModel::load(dir, opts)
                .with_context(|| format!("loading the model in {}", dir.display()))?;
            if !quiet {
                eprintln!("model layer: {}", m.summary());
            }
            Ok(Some(Model(m)))
        }
        #[cfg(not(feature = "ner"))]
        {
            let _ = quiet;
            anyhow::bail!(
                "--model {}: this build has no model layer; rebuild with --features ner",
                dir.display()
            )
        }
    }
}

impl Model {
    /// Warns when the model failed on some records (they keep their rule
    /// spans).
    pub(crate) fn warn_failures(&self) {
        #[cfg(feature = "ner")]
        {
            let n = self.0.failures();
            if n > 0 {
                eprintln!(
                    "warning: the model failed on {n} records; they have rule-based spans only"
                );
            }
        }
    }
}

impl RecordDetector for Model {
    fn detect_record(&self, texts: &[&str], out: &mut [Vec<Span>]) {
        #[cfg(feature = "ner")]
        self.0.detect_record(texts, out);
        #[cfg(not(feature = "ner"))]
        {
            let _ = (texts, out);
            match *self {}
        }
    }
}
