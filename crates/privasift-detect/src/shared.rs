//! What the detector set works out once per text for several detectors.

use std::any::Any;
use std::cell::OnceCell;
use std::sync::Arc;

use crate::block::Block;
use crate::lexicon::{Found, Group, Lexicon, WordStarts};
use crate::words::Word;

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
    /// The byte ranges of the text's words (as [`crate::words::words`]
    /// splits them) that start with a capital's lead byte, when `person`
    /// has split the text: `place` reads these instead of looking for
    /// capitals and reading their words again.
    capital_words: OnceCell<Vec<(usize, usize)>>,
}

impl Shared {
    pub(crate) fn new(group: Arc<Group>) -> Self {
        Self {
            group,
            word_starts: OnceCell::new(),
            blocks: OnceCell::new(),
            capital_words: OnceCell::new(),
        }
    }

    /// The postal blocks of `text` (the text this `Shared` was made for).
    pub(crate) fn blocks(&self, text: &str) -> &[Block] {
        self.blocks
            .get_or_init(|| crate::block::postal_blocks(text))
    }

    /// Keeps the words of the text that start with a capital's lead byte,
    /// from a detector that has split the text into words anyway.
    pub(crate) fn keep_capital_words(&self, words: &[Word<'_>]) {
        if self.capital_words.get().is_none() {
            // (About one word in ten: room for that without growing the
            // vector on most texts.)
            let mut kept = Vec::with_capacity(words.len() / 6 + 4);
            for w in words {
                if crate::words::is_capital_lead(w.text.as_bytes()[0]) {
                    kept.push((w.start, w.end));
                }
            }
            let _ = self.capital_words.set(kept);
        }
    }

    /// The words kept by [`Shared::keep_capital_words`], if a detector
    /// has kept them for this text.
    pub(crate) fn capital_words(&self) -> Option<&[(usize, usize)]> {
        self.capital_words.get().map(Vec::as_slice)
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
