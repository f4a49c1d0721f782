//! Windowing: a text's tokens, cut into overlapping windows that fit the
//! model, each owning the tokens it predicts.
//!
//! The text is tokenised in segments cut before white space (at most
//! [`SEGMENT_BYTES`] each), lazily, so an enormous document never holds more
//! than a segment and a window of tokens in memory. Windows hold at most
//! `len` content tokens and start every `len - stride` tokens; in the
//! `stride` tokens two windows share, the first half is predicted by the
//! earlier window and the second by the later, so every token is taken from
//! the window where it is farthest from a cut edge, and exactly once.

use std::collections::VecDeque;

use tokenizers::Tokenizer;

use crate::NerError;
use crate::error::first_line;

/// Text is tokenised this many bytes at a time (cut before white space when
/// there is some): a segment's tokens are those of the whole text for
/// tokenizers that split on white space first (BERT's, `RoBERTa`'s).
pub const SEGMENT_BYTES: usize = 16 * 1024;

/// A token of the text: its id, its byte offsets, and its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub id: u32,
    pub start: usize,
    pub end: usize,
    pub word: u64,
}

/// One window of one field, ready for the model.
#[derive(Debug)]
pub struct Window {
    pub field: usize,
    /// Token ids, special tokens included.
    pub ids: Vec<u32>,
    /// The tokens this window predicts, in order.
    pub owned: Vec<Tok>,
    /// Position in `ids` of `owned[0]`.
    pub owned_at: usize,
}

/// Window geometry, resolved against the model's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// Content tokens per window (special tokens excluded).
    pub len: usize,
    /// Tokens shared by consecutive windows.
    pub stride: usize,
}

impl Geometry {
    /// `max_tokens` counts the special tokens; it is clamped to what the
    /// model's position embeddings allow, and the stride to half a window.
    pub fn new(max_tokens: usize, stride: usize, model_max: usize, specials: usize) -> Geometry {
        let total = max_tokens.min(model_max).max(specials + 1);
        let len = total.saturating_sub(specials).max(1);
        Geometry {
            len,
            stride: stride.min(len / 2),
        }
    }

    fn step(self) -> usize {
        (self.len - self.stride).max(1)
    }
}

/// The windows of one text, produced on demand.
pub struct Windows<'t> {
    text: &'t str,
    field: usize,
    geometry: Geometry,
    /// Byte position of the next segment to tokenise.
    next_segment: usize,
    segments_done: u64,
    /// Tokens from global index `base` on.
    buf: VecDeque<Tok>,
    base: usize,
    /// Start (global token index) of the next window.
    next_start: usize,
    first: bool,
    done: bool,
}

impl<'t> Windows<'t> {
    pub fn new(text: &'t str, field: usize, geometry: Geometry) -> Self {
        Windows {
            text,
            field,
            geometry,
            next_segment: 0,
            segments_done: 0,
            buf: VecDeque::new(),
            base: 0,
            next_start: 0,
            first: true,
            done: text.trim().is_empty(),
        }
    }

    /// The next window, with `lead` and `trail` special tokens around its
    /// content; `None` once the text is covered.
    pub fn next_window(
        &mut self,
        tokenizer: &Tokenizer,
        lead: &[u32],
        trail: &[u32],
    ) -> Result<Option<Window>, NerError> {
        if self.done {
            return Ok(None);
        }
        let g = self.geometry;
        let s = self.next_start;
        // One token past the window tells whether another window follows.
        while self.base + self.buf.len() <= s + g.len && self.next_segment < self.text.len() {
            self.tokenize_segment(tokenizer)?;
        }
        let available = self.base + self.buf.len();
        let e = (s + g.len).min(available);
        let last = available <= s + g.len;
        if s >= e {
            self.done = true;
            return Ok(None);
        }
        let own_start = if self.first { s } else { s + g.stride / 2 };
        let own_end = if last { e } else { s + g.step() + g.stride / 2 };
        let mut ids = Vec::with_capacity(lead.len() + (e - s) + trail.len());
        ids.extend_from_slice(lead);
        ids.extend(self.buf.range(s - self.base..e - self.base).map(|t| t.id));
        ids.extend_from_slice(trail);
        let owned = self
            .buf
            .range(own_start - self.base..own_end.min(e) - self.base)
            .copied()
            .collect();
        let window = Window {
            field: self.field,
            ids,
            owned,
            owned_at: lead.len() + (own_start - s),
        };
        self.first = false;
        if last {
            self.done = true;
            self.buf.clear();
        } else {
            self.next_start = s + g.step();
            let drop = self.next_start - self.base;
            self.buf.drain(..drop);
            self.base = self.next_start;
        }
        Ok(Some(window))
    }

    fn tokenize_segment(&mut self, tokenizer: &Tokenizer) -> Result<(), NerError> {
        let from = self.next_segment;
        let to = segment_end(self.text, from);
        self.next_segment = to;
        let Some(segment) = self.text.get(from..to) else {
            return Ok(());
        };
        let enc = tokenizer
            .encode(segment, false)
            .map_err(|e| NerError::Inference(format!("cannot tokenise: {}", first_line(&e))))?;
        // Word ids restart in each segment; tokens without one are words of
        // their own.
        let seg = self.segments_done << 32;
        self.segments_done += 1;
        let mut own_word = 1u64 << 31;
        for ((&id, &(a, b)), word) in enc
            .get_ids()
            .iter()
            .zip(enc.get_offsets())
            .zip(enc.get_word_ids())
        {
            let word = if let Some(w) = word {
                seg | u64::from(*w)
            } else {
                own_word += 1;
                seg | own_word
            };
            self.buf.push_back(Tok {
                id,
                start: from + a.min(segment.len()),
                end: from + b.min(segment.len()),
                word,
            });
        }
        Ok(())
    }
}

/// Where the segment starting at `from` ends: before the last white space
/// within [`SEGMENT_BYTES`], else at a character boundary.
fn segment_end(text: &str, from: usize) -> usize {
    let limit = from + SEGMENT_BYTES;
    if limit >= text.len() {
        return text.len();
    }
    let mut cut = limit;
    while cut > from && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = text.get(from..cut).unwrap_or_default();
    match window.rfind(char::is_whitespace) {
        Some(i) if i > 0 => from + i,
        _ if cut > from => cut,
        // A single character longer than the limit cannot happen (4 bytes
        // max), but never return an empty segment.
        _ => text.len(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn geometry_clamps_to_the_model() {
        assert_eq!(
            Geometry::new(256, 32, 512, 2),
            Geometry {
                len: 254,
                stride: 32
            }
        );
        assert_eq!(
            Geometry::new(1024, 32, 512, 2),
            Geometry {
                len: 510,
                stride: 32
            }
        );
        assert_eq!(Geometry::new(6, 32, 512, 2), Geometry { len: 4, stride: 2 });
        assert_eq!(Geometry::new(0, 0, 512, 2), Geometry { len: 1, stride: 0 });
    }

    #[test]
    fn segments_cut_before_white_space_on_char_boundaries() {
        let text = "é ".repeat(SEGMENT_BYTES);
        let mut from = 0;
        while from < text.len() {
            let to = segment_end(&text, from);
            assert!(to > from && text.is_char_boundary(to));
            assert!(to - from <= SEGMENT_BYTES);
            from = to;
        }
        let dense = "字".repeat(SEGMENT_BYTES);
        let to = segment_end(&dense, 0);
        assert!(dense.is_char_boundary(to) && to > 0 && to <= SEGMENT_BYTES);
    }
}
