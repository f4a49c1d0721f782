//! Bad manifests are refused with file, line, column and a suggestion;
//! never a panic.

use privasift_rules::examples::{PROJECT, merge};
use privasift_rules::{ManifestError, parse};
use proptest::prelude::*;

fn err(text: &str) -> ManifestError {
    parse(text, "m.toml").expect_err("must be refused")
}

/// The 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text = PROJECT.replace("phase = \"development\"", "phase = \"development");
    let e = err(&text);
    assert_eq!(e.origin, "m.toml");
    assert_eq!(e.line, line_of(&text, "phase = \"development"));
    assert!(
        e.to_string().starts_with(&format!("m.toml:{}:", e.line)),
        "{e}"
    );
}

#[test]
fn unknown_keys_and_values_get_a_suggestion() {
    let text = PROJECT.replacen(
        "legal-basis = \"legitimate-interest\"",
        "legal_basis = \"legitimate-interest\"",
        1,
    );
    let e = err(&text);
    assert_eq!(
        (e.line, e.column),
        (line_of(&text, "legal_basis ="), 1),
        "{e}"
    );
    assert!(e.message.contains("unknown field `legal_basis`"), "{e}");
    assert_eq!(e.help.as_deref(), Some("did you mean `legal-basis`?"));

    let text = PROJECT.replacen(
        "legal-basis = \"legitimate-interest\"",
        "legal-basis = \"legitimate_interest\"",
        1,
    );
    let e = err(&text);
    assert_eq!(e.line, line_of(&text, "legitimate_interest"));
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `legitimate-interest`?"),
        "{e}"
    );
}

#[test]
fn wrong_types_are_refused_where_they_are() {
    let text = PROJECT.replace("records = 480000", "records = \"many\"");
    let e = err(&text);
    assert_eq!(e.line, line_of(&text, "records = \"many\""), "{e}");
    let text = PROJECT.replace("started = 2025-03-01", "started = \"March 2025\"");
    let e = err(&text);
    assert_eq!(e.line, line_of(&text, "March 2025"), "{e}");
    assert!(e.message.contains("date"), "{e}");
}

#[test]
fn impossible_combinations_are_refused_with_where_and_why() {
    let cases: &[(&str, &str, &str)] = &[
        // (fragment, text on the line the error must point at, words of the message)
        (
            "[[actors]]\n[[actors]]\non-behalf-of = \"<unset>\"\n",
            "gdpr-role = \"processor\"",
            "acts for no controller",
        ),
        (
            "[[actors]]\n[[actors]]\non-behalf-of = \"Exemplar Support\"\n",
            "on-behalf-of",
            "not a controller",
        ),
        (
            "[retention]\ndevelopment = { start = 2025-03-01, end = 2024-03-01 }\n",
            "end = 2024-03-01",
            "ends (2024-03-01) before it starts",
        ),
        (
            "[[sources]]\n[[sources]]\nart9-exception = \"research\"\n",
            "art9-exception",
            "declares no special category",
        ),
        (
            "[[sources]]\npurposes = [\"helpdsk\"]\n",
            "helpdsk",
            "no `[[purposes]]` entry",
        ),
        (
            "[[sources]]\nconsent = { free = true }\n",
            "consent",
            "legal basis is `legitimate-interest`",
        ),
        (
            "[[deviations]]\nrule = \"S6-DESIGN-99\"\njustification = \"x\"\n",
            "S6-DESIGN-99",
            "no rule has the id",
        ),
        (
            "[[deviations]]\nrule = \"S4-BASIS-01\"\njustification = \"x\"\n",
            "S4-BASIS-01",
            "cannot be departed from",
        ),
        (
            "[[dpia.risks]]\nseverity = 5\n",
            "severity",
            "not on the 4-level scale",
        ),
        ("version = 2\n", "version", "version 2"),
    ];
    for (fragment, at, words) in cases {
        let text = merge(PROJECT, fragment).unwrap();
        let e = err(&text);
        assert!(e.message.contains(words), "{fragment}: {e}");
        let want = text.lines().position(|l| l.contains(at)).unwrap() + 1;
        // Merged text puts inline tables on their own lines; the error points
        // at the key, which is on the line or within the same table.
        assert!(
            e.line == want
                || text
                    .lines()
                    .nth(e.line - 1)
                    .is_some_and(|l| l.contains(at) || l.starts_with('[')),
            "{fragment}: {e} (want line {want})"
        );
    }
    // A suggestion for a misspelt purpose id.
    let e = err(&merge(PROJECT, "[[sources]]\npurposes = [\"helpdsk\"]\n").unwrap());
    assert_eq!(e.help.as_deref(), Some("did you mean `helpdesk`?"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Cutting any range out of a valid manifest never panics: it parses or
    /// gives a located error.
    #[test]
    fn mangled_manifests_never_panic(start in 0usize..6000, len in 0usize..200) {
        let bytes = PROJECT.as_bytes();
        let s = start.min(bytes.len());
        let e = (s + len).min(bytes.len());
        let mut text = bytes[..s].to_vec();
        text.extend_from_slice(&bytes[e..]);
        let text = String::from_utf8_lossy(&text);
        if let Err(e) = parse(&text, "m.toml") {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }
}
