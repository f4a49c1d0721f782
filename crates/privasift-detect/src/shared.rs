//! What the detector set works out once per text for several detectors.

use std::any::Any;
use std::cell::OnceCell;
use std::sync::Arc;

use crate::block::Block;
use crate::lexicon::{Found, Group, Lexicon, WordStarts};

/// Handed to every detector with each text (`Detector::detect_shared`):
/// what several detectors read of a text, worked out by the first that
/// asks and kept for the others.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// The word lists of the set's detectors (`Detector::word_lists`).
    group: Arc<Group>,
    word_starts: OnceCell<WordStarts>,
    /// The text's postal blocks (`person` takes their recipients,
    /// `organization` their companies).
    blocks: OnceCell<Vec<Block>>,
}

impl Shared {
    pub(crate) fn new(group: Arc<Group>) -> Self {
        Self {
            group,
            word_starts: OnceCell::new(),
            blocks: OnceCell::new(),
        }
    }

    /// The postal blocks of `text` (the text this `Shared` was made for).
    pub(crate) fn blocks(&self, text: &str) -> &[Block] {
        self.blocks
            .get_or_init(|| crate::block::postal_blocks(text))
    }

    /// What `lexicon` finds in the whole of `text` (the text this `Shared`
    /// was made for): from the word starts of the set's lists, found in one
    /// pass for all of them, when `lexicon` is one of them; else by its own
    /// scan (a detector run alone).
    pub(crate) fn find<'a>(&'a self, lexicon: &'a Lexicon, text: &'a str) -> Found<'a> {
        let b = text.as_bytes();
        self.group.find(lexicon, b, || {
            self.word_starts
                .get_or_init(|| WordStarts::of(b, &self.group))
        })
    }

    /// The set's `Shared`, when `shared` is one.
    pub(crate) fn of(shared: &dyn Any) -> Option<&Self> {
        shared.downcast_ref()
    }
}
