//! Detectors: arbitrary text (invalid UTF-8 replaced) through the default
//! detector set, and through one detector alone (chosen by the first byte).
//!
//! Checks: `detect` appends (what `out` held is untouched); every span lies
//! on character boundaries inside the text, is non-empty, scores in
//! `[min_score, 1]`, names a detector of the set and a kind it can emit;
//! spans are sorted and do not overlap; a second call gives the same spans.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use privasift_core::{Kind, Label, Span};
use privasift_detect::detectors::default_detectors;
use privasift_detect::{DetectConfig, DetectorSet};

struct Set {
    set: DetectorSet,
    ids: Vec<&'static str>,
    kinds: Vec<Kind>,
}

impl Set {
    fn new(set: DetectorSet) -> Self {
        Self {
            ids: set.ids(),
            kinds: set.kinds(),
            set,
        }
    }
}

static ALL: LazyLock<Set> = LazyLock::new(|| {
    Set::new(DetectorSet::default_set(&DetectConfig::default()).expect("the default set builds"))
});

static SINGLE: LazyLock<Vec<Set>> = LazyLock::new(|| {
    default_detectors()
        .expect("the default detectors build")
        .into_iter()
        .map(|d| {
            Set::new(
                DetectorSet::new(vec![d], DetectConfig::default())
                    .expect("a detector builds alone"),
            )
        })
        .collect()
});

const SENTINEL: Kind = Kind::new("sentinel", Label::Code);

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    check(&ALL, &text);
    let single = &SINGLE[usize::from(pick) % SINGLE.len()];
    check(single, &text);
});

fn check(s: &Set, text: &str) {
    let sentinel = Span::new(7, 3, SENTINEL, 0.1, "sentinel@0");
    let mut out = vec![sentinel];
    s.set.detect(text, &mut out);
    assert_eq!(
        out[0], sentinel,
        "detect must append, not touch what out held"
    );
    let spans = &out[1..];
    for sp in spans {
        assert!(sp.start < sp.end, "empty span {sp:?}");
        assert!(sp.end <= text.len(), "span past the end {sp:?}");
        assert!(
            text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
            "span off char boundaries {sp:?}"
        );
        assert!(sp.score >= 0.5 && sp.score <= 1.0, "score {sp:?}");
        assert!(s.ids.contains(&sp.detector), "unknown detector {sp:?}");
        assert!(s.kinds.contains(&sp.kind), "kind not in the set {sp:?}");
    }
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "unsorted or overlapping {:?} {:?}",
            w[0],
            w[1]
        );
    }
    let mut again = Vec::new();
    s.set.detect(text, &mut again);
    assert_eq!(again, spans, "detect is not deterministic");
}
