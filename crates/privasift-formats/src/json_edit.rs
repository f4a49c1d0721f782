//! Editing a JSON line in place: the values `clean` changes are replaced in
//! the original text, so every other byte of the line (other fields, their
//! order, spacing, number formats) stays as it was.
//!
//! [`JsonDoc::parse`] reads a line into a tree of byte ranges (with
//! `serde_json`'s borrowed `RawValue`, so nothing is re-encoded), lists its
//! leaves with their field paths, and [`JsonDoc::render`] writes the line
//! back with some leaves replaced or removed. An object that loses a member
//! is rewritten compactly from its remaining members' original text.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::Selection;

/// A value of a JSON line, as byte ranges into the line.
#[derive(Debug)]
enum Node<'a> {
    Object {
        range: Range<usize>,
        members: Vec<(Cow<'a, str>, Node<'a>)>,
    },
    Array {
        range: Range<usize>,
        items: Vec<Node<'a>>,
    },
    /// A string (index into the leaves).
    Leaf(usize),
    /// A number, boolean or null (index into the leaves).
    Scalar(usize),
}

/// A string or scalar value of the line, with its field path.
#[derive(Debug)]
pub struct Leaf<'a> {
    /// The field path (`meta.author`; array items share their array's path).
    pub path: String,
    /// The path as reports may show it (keys that read like values become `<key>`).
    pub shown: String,
    /// The decoded string, or the raw text of a number, boolean or null.
    pub text: Cow<'a, str>,
    /// Whether the value is a JSON string.
    pub is_string: bool,
    range: Range<usize>,
}

/// What becomes of a leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeafEdit {
    Keep,
    /// New text, written as a JSON string.
    Replace(String),
    /// The member (or array item) is removed.
    Drop,
}

/// A parsed JSON line.
#[derive(Debug)]
pub struct JsonDoc<'a> {
    line: &'a str,
    root: Node<'a>,
    pub leaves: Vec<Leaf<'a>>,
}

/// Why a line is not an editable JSON object; never quotes the data.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct JsonEditError(pub String);

impl<'a> JsonDoc<'a> {
    /// Parses a line that holds one JSON object.
    pub fn parse(line: &'a str) -> Result<Self, JsonEditError> {
        let mut doc = JsonDoc {
            line,
            root: Node::Scalar(0),
            leaves: Vec::new(),
        };
        let json_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        let body = line.trim_matches(json_space);
        if !body.starts_with('{') {
            // Say why: a syntax error, or valid JSON that is no object.
            serde_json::from_str::<&RawValue>(line).map_err(|e| describe(&e))?;
            return Err(JsonEditError(
                "malformed JSON: not a JSON object; record skipped".into(),
            ));
        }
        // The members are read from the whole line (which checks it all,
        // and gives columns in the line), not from a first pass over it.
        let start = line.len() - line.trim_start_matches(json_space).len();
        let mut path = String::new();
        let mut shown = String::new();
        doc.root = doc.object(line, start..start + body.len(), &mut path, &mut shown)?;
        Ok(doc)
    }

    fn offset(&self, raw: &RawValue) -> Range<usize> {
        let start = raw.get().as_ptr() as usize - self.line.as_ptr() as usize;
        start..start + raw.get().len()
    }

    fn node(
        &mut self,
        raw: &'a RawValue,
        path: &mut String,
        shown: &mut String,
    ) -> Result<Node<'a>, JsonEditError> {
        let range = self.offset(raw);
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'{') => self.object(text, range, path, shown),
            Some(b'[') => {
                let items: Vec<&'a RawValue> =
                    serde_json::from_str(text).map_err(|e| describe(&e))?;
                let mut nodes = Vec::with_capacity(items.len());
                for v in items {
                    nodes.push(self.node(v, path, shown)?);
                }
                Ok(Node::Array {
                    range,
                    items: nodes,
                })
            }
            Some(b'"') => {
                // The raw string was checked as it was read; without a
                // backslash it is its own text, between its quotes.
                let s: Cow<'a, str> = match text.get(1..text.len() - 1) {
                    Some(inner) if !inner.contains('\\') => Cow::Borrowed(inner),
                    _ => {
                        serde_json::from_str::<BorrowedStr<'a>>(text)
                            .map_err(|e| describe(&e))?
                            .0
                    }
                };
                self.leaves.push(Leaf {
                    path: path.clone(),
                    shown: shown.clone(),
                    text: s,
                    is_string: true,
                    range,
                });
                Ok(Node::Leaf(self.leaves.len() - 1))
            }
            _ => {
                self.leaves.push(Leaf {
                    path: path.clone(),
                    shown: shown.clone(),
                    text: Cow::Borrowed(text),
                    is_string: false,
                    range,
                });
                Ok(Node::Scalar(self.leaves.len() - 1))
            }
        }
    }

    /// The object whose text `text` holds (with JSON white space around it
    /// at most), at `range` of the line.
    fn object(
        &mut self,
        text: &'a str,
        range: Range<usize>,
        path: &mut String,
        shown: &mut String,
    ) -> Result<Node<'a>, JsonEditError> {
        let Members(pairs) = serde_json::from_str(text).map_err(|e| describe(&e))?;
        let mut members = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            let (len, shown_len) = (path.len(), shown.len());
            if !path.is_empty() {
                path.push('.');
                shown.push('.');
            }
            path.push_str(&k);
            shown.push_str(if crate::looks_like_name(&k) {
                &k
            } else {
                "<key>"
            });
            let child = self.node(v, path, shown)?;
            path.truncate(len);
            shown.truncate(shown_len);
            members.push((k, child));
        }
        Ok(Node::Object { range, members })
    }

    /// The value of the id field, if the selection names one: its text, and
    /// whether it is a number.
    pub fn id(&self, sel: &Selection) -> Option<(String, bool)> {
        self.leaves.iter().find(|l| sel.is_id(&l.path)).map(|l| {
            (
                l.text.to_string(),
                !l.is_string && l.text.parse::<f64>().is_ok(),
            )
        })
    }

    /// The line with the edits applied (`edits[i]` for `leaves[i]`; missing
    /// entries are `Keep`). Returns the line itself when nothing changes.
    pub fn render(&self, edits: &[LeafEdit]) -> Cow<'a, str> {
        let changed = edits.iter().any(|e| *e != LeafEdit::Keep);
        if !changed {
            return Cow::Borrowed(self.line);
        }
        let mut out = String::with_capacity(self.line.len());
        let root_range = self.range_of(&self.root);
        out.push_str(&self.line[..root_range.start]);
        self.write(&self.root, edits, &mut out);
        out.push_str(&self.line[root_range.end..]);
        Cow::Owned(out)
    }

    fn range_of(&self, n: &Node<'a>) -> Range<usize> {
        match n {
            Node::Object { range, .. } | Node::Array { range, .. } => range.clone(),
            Node::Leaf(i) | Node::Scalar(i) => self.leaves[*i].range.clone(),
        }
    }

    fn edit<'e>(&self, n: &Node<'a>, edits: &'e [LeafEdit]) -> &'e LeafEdit {
        match n {
            Node::Leaf(i) | Node::Scalar(i) => edits.get(*i).unwrap_or(&LeafEdit::Keep),
            _ => &LeafEdit::Keep,
        }
    }

    /// Whether anything inside `n` changes.
    fn touched(&self, n: &Node<'a>, edits: &[LeafEdit]) -> bool {
        match n {
            Node::Object { members, .. } => members.iter().any(|(_, c)| self.touched(c, edits)),
            Node::Array { items, .. } => items.iter().any(|c| self.touched(c, edits)),
            _ => *self.edit(n, edits) != LeafEdit::Keep,
        }
    }

    /// Whether `n` disappears: a dropped leaf, or a container all of whose
    /// (non-zero) contents are dropped.
    fn gone(&self, n: &Node<'a>, edits: &[LeafEdit]) -> bool {
        match n {
            Node::Object { members, .. } => {
                !members.is_empty() && members.iter().all(|(_, c)| self.gone(c, edits))
            }
            Node::Array { items, .. } => {
                !items.is_empty() && items.iter().all(|c| self.gone(c, edits))
            }
            _ => *self.edit(n, edits) == LeafEdit::Drop,
        }
    }

    fn write(&self, n: &Node<'a>, edits: &[LeafEdit], out: &mut String) {
        let range = self.range_of(n);
        if !self.touched(n, edits) {
            out.push_str(&self.line[range]);
            return;
        }
        match n {
            Node::Leaf(_) | Node::Scalar(_) => match self.edit(n, edits) {
                LeafEdit::Replace(s) => out.push_str(&json_string(s)),
                // A dropped leaf is removed by its container; at the root
                // (never: the root is an object) keep valid JSON.
                LeafEdit::Drop => out.push_str("null"),
                LeafEdit::Keep => out.push_str(&self.line[range]),
            },
            Node::Object { members, .. } => {
                if members.iter().any(|(_, c)| self.gone(c, edits)) {
                    // Rebuild the object from what remains.
                    out.push('{');
                    let mut first = true;
                    for (k, c) in members {
                        if self.gone(c, edits) {
                            continue;
                        }
                        if !first {
                            out.push(',');
                        }
                        first = false;
                        out.push_str(&json_string(k));
                        out.push(':');
                        self.write(c, edits, out);
                    }
                    out.push('}');
                } else {
                    self.splice(range, members.iter().map(|(_, c)| c), edits, out);
                }
            }
            Node::Array { items, .. } => {
                if items.iter().any(|c| self.gone(c, edits)) {
                    out.push('[');
                    let mut first = true;
                    for c in items {
                        if self.gone(c, edits) {
                            continue;
                        }
                        if !first {
                            out.push(',');
                        }
                        first = false;
                        self.write(c, edits, out);
                    }
                    out.push(']');
                } else {
                    self.splice(range, items.iter(), edits, out);
                }
            }
        }
    }

    /// Copies a container's text, rewriting only the children that change.
    fn splice<'n>(
        &self,
        range: Range<usize>,
        children: impl Iterator<Item = &'n Node<'a>>,
        edits: &[LeafEdit],
        out: &mut String,
    ) where
        'a: 'n,
    {
        let mut at = range.start;
        for c in children {
            if !self.touched(c, edits) {
                continue;
            }
            let r = self.range_of(c);
            out.push_str(&self.line[at..r.start]);
            self.write(c, edits, out);
            at = r.end;
        }
        out.push_str(&self.line[at..range.end]);
    }
}

/// A string written as JSON (escaped as `serde_json` does).
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn describe(e: &serde_json::Error) -> JsonEditError {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "syntax error",
        Category::Eof => "unexpected end of line",
        Category::Data => "unexpected value",
        Category::Io => "read error",
    };
    JsonEditError(format!(
        "malformed JSON: {what} at column {}; record skipped",
        e.column()
    ))
}

/// A string borrowed from the line when it has no escapes.
struct BorrowedStr<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for BorrowedStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BorrowedStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(BorrowedStr(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// An object's members in order, values left raw.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> de::Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(BorrowedStr(k)) = map.next_key::<BorrowedStr<'de>>()? {
                    let v: &'de RawValue = map.next_value()?;
                    out.push((k, v));
                }
                Ok(Members(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::custom("not an object"))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id": 7,  "text": "mail a\"b@c.fr", "meta": {"bio": "x", "n": 3.50, "tags": ["t1", {"v": "t2"}]}, "e": null}"#;

    #[test]
    fn leaves_have_paths_and_decoded_text() {
        let doc = JsonDoc::parse(LINE).unwrap();
        let got: Vec<String> = doc
            .leaves
            .iter()
            .map(|l| format!("{}={}", l.path, l.text))
            .collect();
        assert_eq!(
            got,
            [
                "id=7",
                "text=mail a\"b@c.fr",
                "meta.bio=x",
                "meta.n=3.50",
                "meta.tags=t1",
                "meta.tags.v=t2",
                "e=null"
            ]
        );
        assert_eq!(
            doc.id(&Selection::new(vec![], Some("id".into()))),
            Some(("7".into(), true))
        );
    }

    #[test]
    fn nothing_changed_gives_the_line_back() {
        let doc = JsonDoc::parse(LINE).unwrap();
        assert!(matches!(doc.render(&[]), Cow::Borrowed(l) if l == LINE));
    }

    #[test]
    fn replacing_keeps_every_other_byte() {
        let doc = JsonDoc::parse(LINE).unwrap();
        let mut edits = vec![LeafEdit::Keep; doc.leaves.len()];
        edits[1] = LeafEdit::Replace("mail [EMAIL] \"quoted\"".into());
        edits[5] = LeafEdit::Replace("T2".into());
        let out = doc.render(&edits);
        assert_eq!(
            out,
            r#"{"id": 7,  "text": "mail [EMAIL] \"quoted\"", "meta": {"bio": "x", "n": 3.50, "tags": ["t1", {"v": "T2"}]}, "e": null}"#
        );
    }

    #[test]
    fn dropping_rewrites_only_the_object_that_loses_a_member() {
        let doc = JsonDoc::parse(LINE).unwrap();
        let mut edits = vec![LeafEdit::Keep; doc.leaves.len()];
        edits[2] = LeafEdit::Drop; // meta.bio
        edits[4] = LeafEdit::Drop; // meta.tags[0]
        let out = doc.render(&edits);
        assert_eq!(
            out,
            r#"{"id": 7,  "text": "mail a\"b@c.fr", "meta": {"n":3.50,"tags":[{"v": "t2"}]}, "e": null}"#
        );
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
        // Dropping every member of an object removes it from its parent.
        let doc = JsonDoc::parse(r#"{"a": {"b": "x"}, "c": 1}"#).unwrap();
        assert_eq!(doc.render(&[LeafEdit::Drop, LeafEdit::Keep]), r#"{"c":1}"#);
    }

    #[test]
    fn malformed_lines_are_refused_without_quoting_them() {
        for bad in [
            r#"{"t": "secret@x.org""#,
            r#"["secret@x.org"]"#,
            "{} {}",
            "",
        ] {
            let e = JsonDoc::parse(bad).unwrap_err();
            assert!(!e.0.contains("secret"), "{}", e.0);
        }
    }
}
