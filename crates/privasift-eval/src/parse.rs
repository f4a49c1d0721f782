//! Reading gold and prediction JSON Lines, with score.py's validation.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{EvalError, Problem, Role};
use crate::{EvalOptions, Group};

/// One span as the scorer sees it: code-point offsets, its label (which
/// decides "don't care" and the any-PII exclusions) and the key it is grouped
/// and matched by (the label itself, or its fine kind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ESpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub key: String,
}

pub(crate) struct GoldDoc {
    pub len: usize,
    pub spans: Vec<ESpan>,
}

/// Gold documents in file order, and their index by id.
pub(crate) struct Gold {
    pub docs: Vec<GoldDoc>,
    pub index: HashMap<String, usize>,
}

/// Splits like Python's `str.splitlines()` on the line ends JSON Lines files
/// use (`\n`, `\r\n`, `\r`), numbering lines from 1. Unlike Python, U+2028
/// and the other Unicode line separators do not end a line: they are legal
/// inside JSON strings.
fn numbered_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\n', '\r']) {
            None => (rest, ""),
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
        };
        out.push((out.len() + 1, line));
        rest = next;
    }
    out
}

pub(crate) fn read(role: Role, path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        role,
        path: path.to_owned(),
        source,
    })
}

/// A span rendered for error messages: offsets and label only, so that a
/// stray text field can never reach a message.
fn span_repr(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut parts = Vec::new();
            for k in ["start", "end", "label"] {
                if let Some(x) = m.get(k) {
                    let shown = match x {
                        Value::Number(_) | Value::Bool(_) | Value::Null => x.to_string(),
                        Value::String(s) if s.chars().count() <= 40 => format!("{s:?}"),
                        Value::String(_) => "<long string>".to_owned(),
                        Value::Array(_) => "<list>".to_owned(),
                        Value::Object(_) => "<object>".to_owned(),
                    };
                    parts.push(format!("{k:?}: {shown}"));
                }
            }
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(_) => "<list>".to_owned(),
        Value::String(_) => "<string>".to_owned(),
        Value::Number(_) => "<number>".to_owned(),
        Value::Bool(_) => "<bool>".to_owned(),
        Value::Null => "null".to_owned(),
    }
}

/// An integer offset, as Python sees one: JSON `1.0` and `true` are not.
fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_u64().map(|_| i64::MAX)),
        _ => None,
    }
}

/// score.py's `_check_span`, plus the key lookup for kind grouping.
fn check_span(
    doc: &str,
    text_len: usize,
    v: &Value,
    key_field: Option<&'static str>,
) -> Result<ESpan, Problem> {
    let shape = || Problem::SpanShape {
        doc: doc.to_owned(),
        span: span_repr(v),
    };
    let Value::Object(m) = v else {
        return Err(shape());
    };
    let (Some(start), Some(end), Some(label)) = (m.get("start"), m.get("end"), m.get("label"))
    else {
        return Err(shape());
    };
    let (Some(start), Some(end)) = (int(start), int(end)) else {
        return Err(Problem::NonIntegerOffsets {
            doc: doc.to_owned(),
            span: span_repr(v),
        });
    };
    let label = match label {
        Value::String(s) if !s.is_empty() => s.clone(),
        _ => {
            return Err(Problem::BadLabel {
                doc: doc.to_owned(),
                span: span_repr(v),
            });
        }
    };
    let inside = 0 <= start && start < end && usize::try_from(end).is_ok_and(|e| e <= text_len);
    if !inside {
        return Err(Problem::SpanOutsideText {
            doc: doc.to_owned(),
            start,
            end,
            label,
            len: text_len,
        });
    }
    let key = key_of(doc, m, v, &label, key_field)?;
    Ok(ESpan {
        start: start as usize,
        end: end as usize,
        label,
        key,
    })
}

fn key_of(
    doc: &str,
    m: &Map<String, Value>,
    v: &Value,
    label: &str,
    key_field: Option<&'static str>,
) -> Result<String, Problem> {
    let Some(field) = key_field else {
        return Ok(label.to_owned());
    };
    match m.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        // Don't-care spans are never scored, so their kind does not matter.
        _ if label == crate::DONT_CARE => Ok(label.to_owned()),
        _ => Err(Problem::MissingKind {
            doc: doc.to_owned(),
            span: span_repr(v),
            field,
        }),
    }
}

fn spans_of<'v>(d: &'v Map<String, Value>, doc: &str) -> Result<&'v [Value], Problem> {
    match d.get("spans") {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(Problem::SpansNotList {
            doc: doc.to_owned(),
        }),
    }
}

/// score.py's `parse_gold_lines`.
pub(crate) fn parse_gold(text: &str, path: &Path, opts: &EvalOptions) -> Result<Gold, EvalError> {
    let err = |line, problem| EvalError::Input {
        role: Role::Gold,
        path: path.to_owned(),
        line,
        problem,
    };
    let key_field = match opts.group {
        Group::Label => None,
        Group::Kind => Some("orig_label"),
    };
    let mut gold = Gold {
        docs: Vec::new(),
        index: HashMap::new(),
    };
    for (n, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| err(n, Problem::NotJson(e.to_string())))?;
        let Value::Object(d) = &v else {
            return Err(err(n, Problem::GoldShape));
        };
        let (Some(Value::String(id)), Some(Value::String(text))) = (d.get("id"), d.get("text"))
        else {
            return Err(err(n, Problem::GoldShape));
        };
        if gold.index.contains_key(id) {
            return Err(err(n, Problem::RepeatedId(id.clone())));
        }
        let len = text.chars().count();
        let spans = spans_of(d, id)
            .and_then(|ss| {
                ss.iter()
                    .map(|s| check_span(id, len, s, key_field))
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(|p| err(n, p))?;
        gold.index.insert(id.clone(), gold.docs.len());
        gold.docs.push(GoldDoc { len, spans });
    }
    Ok(gold)
}

/// score.py's `parse_pred_lines`: predictions per gold document index, the
/// `min_score` filter applied (spans without a score are kept).
pub(crate) fn parse_pred(
    text: &str,
    path: &Path,
    gold: &Gold,
    opts: &EvalOptions,
) -> Result<HashMap<usize, Vec<ESpan>>, EvalError> {
    let err = |line, problem| EvalError::Input {
        role: Role::Pred,
        path: path.to_owned(),
        line,
        problem,
    };
    let key_field = match opts.group {
        Group::Label => None,
        Group::Kind => Some("kind"),
    };
    let mut preds: HashMap<usize, Vec<ESpan>> = HashMap::new();
    for (n, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| err(n, Problem::NotJson(e.to_string())))?;
        let Value::Object(d) = &v else {
            return Err(err(n, Problem::PredShape));
        };
        let Some(Value::String(id)) = d.get("id") else {
            return Err(err(n, Problem::PredShape));
        };
        let Some(&di) = gold.index.get(id) else {
            return Err(err(n, Problem::UnknownId(id.clone())));
        };
        if preds.contains_key(&di) {
            return Err(err(n, Problem::RepeatedId(id.clone())));
        }
        let len = gold.docs[di].len;
        let mut spans = Vec::new();
        for s in spans_of(d, id).map_err(|p| err(n, p))? {
            let span = check_span(id, len, s, key_field).map_err(|p| err(n, p))?;
            let score = match s.get("score") {
                None | Some(Value::Null) => None,
                Some(Value::Number(x)) => x.as_f64(),
                Some(_) => {
                    return Err(err(
                        n,
                        Problem::BadScore {
                            doc: id.clone(),
                            span: span_repr(s),
                        },
                    ));
                }
            };
            if let (Some(min), Some(sc)) = (opts.min_score, score)
                && sc < min
            {
                continue;
            }
            spans.push(span);
        }
        preds.insert(di, spans);
    }
    Ok(preds)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_follow_python_splitlines() {
        let got: Vec<_> = numbered_lines("a\r\nb\rc\n\nd").into_iter().collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        let got: Vec<_> = numbered_lines("a\nb\n").into_iter().collect();
        assert_eq!(got, vec![(1, "a"), (2, "b")]);
    }

    #[test]
    fn span_repr_never_shows_other_fields() {
        let v: Value = serde_json::from_str(
            r#"{"start": 1, "end": 2, "label": "EMAIL", "text": "jane@example.org"}"#,
        )
        .unwrap();
        let shown = span_repr(&v);
        assert!(!shown.contains("jane"), "{shown}");
        assert_eq!(shown, r#"{"start": 1, "end": 2, "label": "EMAIL"}"#);
    }
}
