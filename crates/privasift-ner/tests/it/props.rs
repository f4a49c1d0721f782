//! Any text: no panic, spans on character boundaries, inside the text,
//! non-empty, trimmed, sorted and disjoint, whatever the window geometry.

use std::sync::OnceLock;

use proptest::prelude::*;

use privasift_ner::{NerModel, NerOptions};

use crate::tiny;

struct Models {
    _dir: tempfile::TempDir,
    wide: NerModel,
    narrow: NerModel,
}

fn models() -> &'static Models {
    static M: OnceLock<Models> = OnceLock::new();
    M.get_or_init(|| {
        let dir = tiny(64);
        let wide = NerModel::load(dir.path(), NerOptions::default()).unwrap();
        let narrow = NerModel::load(
            dir.path(),
            NerOptions {
                max_tokens: 5,
                stride: 2,
                batch_size: 3,
                ..NerOptions::default()
            },
        )
        .unwrap();
        Models {
            _dir: dir,
            wide,
            narrow,
        }
    })
}

/// Vocabulary words in any case, run together or not, with scripts, emoji,
/// combining marks, controls and white space of all sorts.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("ana".to_owned()),
        Just("LOPEZ".to_owned()),
        Just("Zoe\u{301}".to_owned()),
        Just("new".to_owned()),
        Just("York".to_owned()),
        Just("东京".to_owned()),
        Just("garcia".to_owned()),
        Just("😀".to_owned()),
        Just("👩\u{200d}👩\u{200d}👧".to_owned()),
        Just("\u{301}".to_owned()),
        Just(" ".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\n".to_owned()),
        Just(".".to_owned()),
        Just("\u{0}".to_owned()),
        "\\PC{0,6}",
        "[a-zA-Zà-ÿ]{1,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(model: &NerModel, text: &str) -> Vec<(usize, usize)> {
    let spans = model.detect(text).unwrap();
    let mut last_end = 0;
    for s in &spans {
        let slice = s
            .slice(text)
            .unwrap_or_else(|| panic!("{}..{} not on char boundaries", s.start, s.end));
        assert!(
            !slice.is_empty() && slice.trim() == slice,
            "{}..{}",
            s.start,
            s.end
        );
        assert!(s.start >= last_end, "overlap or disorder at {}", s.start);
        assert!((0.0..=1.0).contains(&s.score));
        last_end = s.end;
    }
    spans.iter().map(|s| (s.start, s.end)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_spans_on_char_boundaries(t in text()) {
        let m = models();
        let wide = check(&m.wide, &t);
        let narrow = check(&m.narrow, &t);
        // The tiny model ignores context, so windowing must not change anything.
        prop_assert_eq!(wide, narrow);
    }
}
