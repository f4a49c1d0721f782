//! What the detector set works out once per text for several detectors.

use std::any::Any;
use std::cell::OnceCell;

use crate::lexicon::WordStarts;

/// Handed to every detector with each text (`Detector::detect_shared`):
/// what several detectors read of a text, worked out by the first that
/// asks and kept for the others.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    word_starts: OnceCell<WordStarts>,
}

impl Shared {
    /// Where the word lists' entries can start in `text` (the text this
    /// `Shared` was made for).
    pub(crate) fn word_starts(&self, text: &str) -> &WordStarts {
        self.word_starts
            .get_or_init(|| WordStarts::of(text.as_bytes()))
    }

    /// The set's `Shared`, when `shared` is one.
    pub(crate) fn of(shared: &dyn Any) -> Option<&Self> {
        shared.downcast_ref()
    }
}
