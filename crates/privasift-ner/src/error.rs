//! What can go wrong when a model is loaded or run. Messages name the file
//! and what is wrong in it; none quotes the text being scanned.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("{}: not a directory (a model directory holds config.json, tokenizer.json and model.safetensors)", path.display())]
    NotADirectory { path: PathBuf },
    #[error("{}: missing (a model directory holds config.json, tokenizer.json and model.safetensors)", path.display())]
    MissingFile { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `config.json` is not valid JSON or lacks what the model needs.
    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    #[error("{}: unsupported model_type `{model_type}` (supported: {})", path.display(), crate::SUPPORTED_MODEL_TYPES.join(", "))]
    UnsupportedModelType { path: PathBuf, model_type: String },
    #[error("{}: id2label has no entity label privasift knows (labels: {labels}); expected tags such as B-PER, I-LOC, ORG", path.display())]
    NoEntityLabels { path: PathBuf, labels: String },
    #[error("{}: cannot load the tokenizer: {message}", path.display())]
    Tokenizer { path: PathBuf, message: String },
    /// A tensor is missing or has the wrong shape.
    #[error("{}: {message}", path.display())]
    Weights { path: PathBuf, message: String },
    #[error("invalid model option: {0}")]
    Options(String),
    /// Tokenising or running the model failed on some text (the text is not
    /// quoted).
    #[error("model inference failed: {0}")]
    Inference(String),
}

/// The first line of a candle error: its `Display` may append a backtrace.
pub(crate) fn first_line(e: &impl std::fmt::Display) -> String {
    let s = e.to_string();
    s.lines().next().unwrap_or_default().to_owned()
}
