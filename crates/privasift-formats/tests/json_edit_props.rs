//! Property tests of in-place JSON line editing: whatever the object (nested
//! arrays and objects, escapes, spacing), the edited line is valid JSON, the
//! replaced and dropped leaves are as asked, and every untouched leaf keeps
//! its value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use privasift_formats::{JsonDoc, LeafEdit};
use proptest::prelude::*;
use serde_json::Value;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-z\"\\\\/\n\té😀 ]{0,12}".prop_map(Value::String),
        Just(Value::Null),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z\"é ]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map("[a-z]{1,5}", value(), 1..5)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// Every leaf's value, in document order (what `JsonDoc` lists).
fn leaves(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => m.values().for_each(|x| leaves(x, out)),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        other => out.push(other.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn edits_give_valid_json_with_the_edits_applied(
        v in object(),
        pretty in any::<bool>(),
        choices in prop::collection::vec(0u8..3, 0..64),
    ) {
        let line = if pretty {
            serde_json::to_string_pretty(&v).unwrap().replace('\n', " ")
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let doc = JsonDoc::parse(&line).unwrap();
        let mut want = Vec::new();
        leaves(&v, &mut want);
        prop_assert_eq!(doc.leaves.len(), want.len());
        // Nothing asked: the line itself.
        let same = doc.render(&[]);
        prop_assert_eq!(same.as_ref(), line.as_str());
        let edits: Vec<LeafEdit> = (0..doc.leaves.len())
            .map(|i| match choices.get(i).copied().unwrap_or(0) {
                1 => LeafEdit::Replace(format!("[X{i}] \"é\"")),
                2 => LeafEdit::Drop,
                _ => LeafEdit::Keep,
            })
            .collect();
        let out = doc.render(&edits);
        let parsed: Value = serde_json::from_str(&out).expect("edited line is JSON");
        prop_assert!(parsed.is_object());
        // Kept and replaced leaves appear, in order; dropped ones do not.
        let mut got = Vec::new();
        leaves(&parsed, &mut got);
        let expected: Vec<Value> = edits
            .iter()
            .zip(&want)
            .filter_map(|(e, w)| match e {
                LeafEdit::Keep => Some(w.clone()),
                LeafEdit::Replace(s) => Some(Value::String(s.clone())),
                LeafEdit::Drop => None,
            })
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn any_line_is_parsed_or_refused_without_panic(line in "\\PC{0,80}") {
        let _ = JsonDoc::parse(&line);
    }
}
