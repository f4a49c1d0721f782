//! Loading, tokenisation, windowing and label decoding on the tiny model.

use privasift_core::Label;
use privasift_ner::{DETECTOR_ID, NerOptions};
use privasift_pipeline::RecordDetector;

use crate::{load, spans, tiny};

#[test]
fn tags_words_and_merges_bio_runs() {
    let dir = tiny(64);
    let m = load(dir.path(), NerOptions::default());
    let text = "Ana Lopez lives in New York, and met Zoe in Paris.";
    assert_eq!(
        spans(&m, text),
        vec![
            (0, 9, "ner-person", "Ana Lopez"),
            (19, 27, "ner-location", "New York"),
            (37, 40, "ner-person", "Zoe"),
            (44, 49, "ner-location", "Paris"),
        ]
    );
    let s = m.detect(text).unwrap();
    assert!(
        s.iter()
            .all(|s| s.score > 0.99 && s.detector == DETECTOR_ID)
    );
    assert_eq!(s[0].label(), Label::Person);
    assert!(
        m.summary().contains("bert encoder, 2 layers"),
        "{}",
        m.summary()
    );
}

#[test]
fn a_word_takes_its_first_subword_tag_and_spans_cover_whole_words() {
    let dir = tiny(64);
    let m = load(dir.path(), NerOptions::default());
    // garcia = garc (I-PER) + ##ia (O): one word, inside Ana's entity.
    assert_eq!(
        spans(&m, "ana GARCIA met"),
        vec![(0, 10, "ner-person", "ana GARCIA")]
    );
}

#[test]
fn empty_and_blank_texts_give_nothing() {
    let dir = tiny(64);
    let m = load(dir.path(), NerOptions::default());
    assert!(spans(&m, "").is_empty());
    assert!(spans(&m, " \n\t ").is_empty());
    assert!(spans(&m, "the the the").is_empty());
}

#[test]
fn multibyte_text_keeps_offsets_on_char_boundaries() {
    let dir = tiny(64);
    let m = load(dir.path(), NerOptions::default());
    // Accents are stripped by the normaliser (Zoé → zoe), a combining acute
    // accent belongs to its letter, emoji are unknown words, CJK characters
    // are words of their own.
    let text = "😀 Zoé lives in 东京, and Zoe\u{301} met ana 🎉 lopez in PARIS";
    let got = spans(&m, text);
    assert_eq!(
        got.iter().map(|s| (s.2, s.3)).collect::<Vec<_>>(),
        vec![
            ("ner-person", "Zoé"),
            ("ner-location", "东京"),
            ("ner-person", "Zoe\u{301}"),
            ("ner-person", "ana"),
            ("ner-person", "lopez"),
            ("ner-location", "PARIS"),
        ]
    );
    assert_eq!((got[0].0, got[0].1), (5, 9));
}

#[test]
fn long_texts_span_several_windows_without_duplicates() {
    let dir = tiny(64);
    // 16 tokens a window (14 content tokens), 4 shared: a window every 10 tokens.
    let opts = NerOptions {
        max_tokens: 16,
        stride: 4,
        batch_size: 3,
        ..NerOptions::default()
    };
    let m = load(dir.path(), opts);
    let unit = "Ana Lopez lives in Paris and the the the. ";
    let text = unit.repeat(40);
    let got = spans(&m, &text);
    assert_eq!(got.len(), 80, "one person and one place per sentence");
    for (i, s) in got.iter().enumerate() {
        let base = (i / 2) * unit.len();
        let want = if i % 2 == 0 {
            (base, base + 9, "ner-person")
        } else {
            (base + 19, base + 24, "ner-location")
        };
        assert_eq!((s.0, s.1, s.2), want, "span {i}");
    }
    // Same spans whatever the window geometry and the batch size.
    for (max_tokens, stride, batch_size) in [(4, 0, 1), (7, 3, 2), (64, 10, 8), (1000, 500, 1)] {
        let other = load(
            dir.path(),
            NerOptions {
                max_tokens,
                stride,
                batch_size,
                ..NerOptions::default()
            },
        );
        assert_eq!(
            spans(&other, &text),
            got,
            "max_tokens {max_tokens} stride {stride}"
        );
    }
}

#[test]
fn an_entity_cut_by_a_window_edge_is_joined() {
    let dir = tiny(64);
    let opts = NerOptions {
        max_tokens: 6,
        stride: 2,
        batch_size: 2,
        ..NerOptions::default()
    };
    let m = load(dir.path(), opts);
    // 4 content tokens a window: "new york" straddles windows at many shifts.
    for pad in 0..6 {
        let text = format!("{}new york", "the ".repeat(pad));
        assert_eq!(
            spans(&m, &text),
            vec![(pad * 4, pad * 4 + 8, "ner-location", "new york")],
            "pad {pad}"
        );
    }
}

#[test]
fn very_long_texts_stream_through_segments() {
    let dir = tiny(64);
    let m = load(
        dir.path(),
        NerOptions {
            batch_size: 16,
            ..NerOptions::default()
        },
    );
    // Past several tokenizer segments, with no white space in one stretch.
    let unit = "the ana lopez met zoe in paris, ";
    let mut text = unit.repeat(3 * privasift_ner::SEGMENT_BYTES / unit.len());
    text.push_str(&"x".repeat(privasift_ner::SEGMENT_BYTES + 7));
    text.push_str(" zoe");
    let got = spans(&m, &text);
    let units = 3 * privasift_ner::SEGMENT_BYTES / unit.len();
    assert_eq!(got.len(), 3 * units + 1);
    assert_eq!(got.last().unwrap().3, "zoe");
}

#[test]
fn record_detector_fills_each_field_and_batches_across_fields() {
    let dir = tiny(64);
    let m = load(
        dir.path(),
        NerOptions {
            max_tokens: 8,
            stride: 2,
            batch_size: 4,
            ..NerOptions::default()
        },
    );
    let texts = ["ana lopez", "", "the the the the the the the paris", "zoe"];
    let mut out = vec![Vec::new(); texts.len()];
    m.detect_record(&texts, &mut out);
    let got: Vec<Vec<(usize, usize)>> = out
        .iter()
        .map(|v| v.iter().map(|s| (s.start, s.end)).collect())
        .collect();
    assert_eq!(
        got,
        vec![vec![(0, 9)], vec![], vec![(28, 33)], vec![(0, 3)]]
    );
    assert_eq!(m.failures(), 0);
}

#[test]
fn min_score_drops_unsure_spans() {
    let dir = tempfile::tempdir().unwrap();
    // A weak head: the right tag wins with probability about 0.44.
    privasift_ner::testing::write_tiny_bert_with(dir.path(), 64, 0.2).unwrap();
    let text = "ana lopez in paris";
    let unsure = load(dir.path(), NerOptions::default());
    assert!(unsure.detect(text).unwrap().is_empty());
    let lenient = load(
        dir.path(),
        NerOptions {
            min_score: 0.3,
            ..NerOptions::default()
        },
    );
    let got = lenient.detect(text).unwrap();
    assert_eq!(
        got.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
        vec![(0, 9), (13, 18)]
    );
    assert!(got.iter().all(|s| (0.3..0.5).contains(&s.score)), "{got:?}");
}
