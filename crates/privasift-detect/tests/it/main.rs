//! Property tests of the detector set: whatever the text, `detect` does not
//! panic and its spans are well formed (in bounds, on character boundaries,
//! sorted, non-overlapping, scores in `[0, 1]`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::LazyLock;

use privasift_core::Span;
use privasift_detect::{DetectConfig, DetectorSet};
use privasift_testgen::{GenKind, GenOptions, Generator, Lang, kind_values};
use proptest::prelude::*;

static SET: LazyLock<DetectorSet> =
    LazyLock::new(|| DetectorSet::default_set(&DetectConfig::default()).unwrap());

/// Fake values of every kind the generator knows, in both languages.
static VALUES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut v = vec![
        "jane.doe@example.org".to_owned(),
        "FR76 3000 6000 0112 3456 7890 189".to_owned(),
        "4111 1111 1111 1111".to_owned(),
    ];
    for (i, &kind) in GenKind::ALL.iter().enumerate() {
        for lang in [Lang::En, Lang::Fr] {
            v.extend(kind_values(kind, lang, i as u64, 2));
        }
    }
    v
});

/// Detects and checks every invariant; returns the spans.
fn check(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    SET.detect(text, &mut out);
    let mut prev_end = 0;
    for s in &out {
        assert!(s.start < s.end, "empty span {s:?} in {text:?}");
        assert!(s.end <= text.len(), "span past the end {s:?} in {text:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span off char boundaries {s:?} in {text:?}"
        );
        assert!(s.slice(text).is_some(), "{s:?}");
        assert!(
            s.start >= prev_end,
            "spans unsorted or overlapping at {s:?} in {text:?}: {out:?}"
        );
        prev_end = s.end;
        assert!((0.0..=1.0).contains(&s.score), "score {s:?}");
        assert!(!s.kind.name.is_empty() && s.detector.contains('@'), "{s:?}");
    }
    // Detection appends: what was in the buffer stays.
    let marker = Span::new(
        0,
        0,
        out.first().map_or(
            privasift_core::Kind::new("m", privasift_core::Label::Code),
            |s| s.kind,
        ),
        0.0,
        "m@1",
    );
    let mut again = vec![marker];
    SET.detect(text, &mut again);
    assert_eq!(again.len(), out.len() + 1);
    assert_eq!(
        &again[1..],
        &out[..],
        "detect is not deterministic on {text:?}"
    );
    out
}

/// Pieces that make detectors work hard: digits with separators, letters,
/// accents, combining marks, emoji, CJK, context words and punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,20}",
        "[0-9 .\\-/+()]{1,30}",
        "[A-Za-z]{1,12}",
        "[A-Z0-9]{2,18}",
        "[àéèêëîïôöùûüçÀÉÈÊÎÔÙÇßøåñ]{1,6}",
        "[a-z]{1,5}[\u{300}-\u{36f}]{1,3}",
        "[😀🙂👩‍💻🇫🇷❤️✓]{1,4}",
        "[日本語中文字한국어]{1,8}",
        "[ \t\n\r]{1,3}",
        "[@:#/=?&%_~.,;'\"<>\\[\\]{}]{1,4}",
        prop::sample::select(vec![
            "IBAN",
            "iban :",
            "SSN",
            "NIR",
            "né le",
            "born on",
            "tel:",
            "Tél.",
            "+33",
            "0033",
            "https://",
            "http://user:",
            "@",
            "mailto:",
            "passeport n°",
            "BSN",
            "PESEL",
            "NIF",
            "Steuer-ID",
            "-----BEGIN",
            "sk_live_",
            "AKIA",
            "ghp_",
            "GPS",
            "N 48°",
            "FR76",
            // Names, places, organisations, dates.
            "Mme",
            "Dr.",
            "starring",
            "Michael Behe",
            "Behe's",
            "Paris",
            "SEINÄJOKI",
            "Saint-Denis",
            "New York",
            "à Nice",
            "Inc.",
            "University of",
            "ministère des",
            " & Co.",
            "3 mai 1985",
            "2024-06-30",
            // Postal blocks, relatives, landmarks, lists of case numbers.
            "\n> ",
            "\n??? ",
            "\n1072 Pohlstrasse 9",
            "\nUnit 8524 Box 0979",
            "Marta Palermo\n",
            "'s daughter",
            "ex-Zombie ",
            "the Dratchev novel",
            "Palais des Droits de l’",
            "Lord Rodger of ",
            "\nG. Platt, ",
            "nos 28309/06 et ",
            "29701/96, ",
            " street in ",
            ", Cite El ",
            "mika: \"",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(VALUES.clone()),
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    // 1000 cases by default (fast); PROPTEST_CASES raises it for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_unicode_string(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn arbitrary_chars_including_controls(s in prop::collection::vec(any::<char>(), 0..120)) {
        let s: String = s.into_iter().collect();
        check(&s);
    }

    #[test]
    fn mixed_pieces_and_fake_values(s in text()) {
        check(&s);
    }

    #[test]
    fn fake_values_inside_noise(
        pre in text(),
        value in prop::sample::select(VALUES.clone()),
        post in text(),
        sep in prop::sample::select(vec!["", " ", "\n", "é", "😀", "\u{301}", "日", ":", "-"]),
    ) {
        let s = format!("{pre}{sep}{value}{sep}{post}");
        check(&s);
        // With plain spaces around it, a value still leaves well-formed spans.
        check(&format!("{pre} {value} {post}"));
    }

    #[test]
    fn all_caps_and_no_spaces(s in text()) {
        check(&s.to_uppercase());
        let squashed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        check(&squashed);
    }
}

#[test]
fn values_alone_are_found() {
    // A sanity anchor for the properties: the values the strategies insert
    // are mostly detected, so the checks above run on real spans.
    let found = VALUES
        .iter()
        .filter(|v| !check(&format!("value: {v} .")).is_empty())
        .count();
    assert!(found * 2 > VALUES.len(), "{found} of {}", VALUES.len());
}

#[test]
fn generated_documents_in_caps_and_without_spaces() {
    let mut g = Generator::new(9, GenOptions::default());
    for _ in 0..300 {
        let doc = g.next_doc();
        check(&doc.text);
        check(&doc.text.to_uppercase());
        let squashed: String = doc.text.chars().filter(|c| !c.is_whitespace()).collect();
        check(&squashed);
    }
}

#[test]
fn one_megabyte_documents() {
    // Realistic text.
    let mut g = Generator::new(77, GenOptions::default());
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&g.next_doc().text);
        text.push(' ');
    }
    let spans = check(&text);
    assert!(spans.len() > 1000, "{}", spans.len());
    // Degenerate texts: one long token of digits, of letters, of separators,
    // and repeated values with no space between them.
    check(&"7".repeat(1 << 20));
    check(&"é".repeat(1 << 19));
    check(&"word-".repeat(210_000));
    check(&"3f2a9c1e-".repeat(116_000));
    check(&"@.".repeat(1 << 19));
    let glued: String = VALUES
        .iter()
        .cycle()
        .take(40_000)
        .map(String::as_str)
        .collect();
    check(&glued[..glued.floor_char_boundary(1 << 20)]);
}

#[test]
fn one_megabyte_documents_of_one_structure() {
    // Shapes that once cost time in the square of the text's size (or of
    // a line's length): an
    // address book (20 s for 1.3 MB: each name was compared with every
    // word), special-category terms (20 s for 1 MB: each term searched
    // the text before it for a profile word), a list of application
    // numbers (minutes and gigabytes: each number walked the rest of the
    // list). Linear now: a fraction of a second each in release builds.
    let book: String = (0..12_000)
        .map(|i| {
            format!(
                "Marta Palermo\nCityscan {i}\nMarta Palermo\n{} Pohlstrasse 9\n\n",
                1000 + i
            )
        })
        .collect();
    assert!(check(&book).len() >= 36_000);
    let terms = [
        "I", "have", "diabetes", "and", "my", "wife", "is", "Catholic", ".",
    ];
    let special: String = (0..120_000)
        .map(|i| terms[(i * 7) % terms.len()])
        .collect::<Vec<_>>()
        .join(" ");
    check(&special);
    let numbers: Vec<String> = (0..60_000).map(|i| format!("{}/96", 10_000 + i)).collect();
    let list = format!("nos {}", numbers.join(", "));
    assert_eq!(check(&list).len(), 60_000);
    let names: String = (0..60_000)
        .map(|i| {
            if i % 2 == 0 {
                "John Smith, "
            } else {
                "Jean Dupont's daughter, "
            }
        })
        .collect();
    check(&names);
    // One long line: addresses after a cue (48 s for 1 MB: each cue and
    // each street searched the line to its ends), handles (48 s: each
    // looked for its line's ends).
    let addresses: String = (0..20_000)
        .map(|i| format!("Eva Kleist lives at {i} rue de la Paix, 75002 Paris. "))
        .collect();
    assert!(check(&addresses).len() >= 20_000);
    let handles: String = (0..40_000).map(|i| format!("ping @user{i} now ")).collect();
    assert!(check(&handles).len() >= 40_000);
}

/// Time grows with the square of the length on these texts: 32 KiB take
/// 0.5 s, 64 KiB 2.2 s, 128 KiB 9 s, so 1 MiB takes minutes (each detector
/// alone takes under 2 ms on 32 KiB).
#[test]
fn one_megabyte_of_short_hyphenated_tokens() {
    check(&"a1-".repeat(350_000));
    check(&"ab-".repeat(350_000));
}
