//! The TDM Reservation Protocol (W3C `TDMRep` community group final report,
//! 2024) in its three forms, and the `noai` / `noimageai` directives.
//!
//! - `/.well-known/tdmrep.json`: an array of `{"location": PATTERN,
//!   "tdm-reservation": 0|1, "tdm-policy": URL}`; a location is a path
//!   pattern with robots.txt syntax (`*` for any characters, `$` at the end
//!   for the end of the path); the first rule (in the file's order) whose
//!   pattern matches the page's path applies.
//! - the `tdm-reservation` (and `tdm-policy`) HTTP response headers;
//! - `<meta name="tdm-reservation" content="1">` (and `tdm-policy`) in the
//!   HTML head.
//!
//! A reservation in any form excludes the page (we never let one form
//! override another's reservation). A value that is neither 0 nor 1, or a
//! file that is not such an array, is *unparseable*, and the page is
//! excluded with that reason.

use serde_json::Value;

/// Largest tdmrep.json parsed (as robots.txt).
pub const MAX_TDMREP_BYTES: usize = 500 * 1024;

/// One rule of a tdmrep.json file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub location: String,
    pub reserved: bool,
    pub policy: Option<String>,
}

/// What is known of a host's tdmrep.json.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TdmrepFile {
    Missing,
    /// 4xx: the host has none.
    Unavailable(u16),
    /// 5xx: unknown whether rights are reserved.
    Unreachable(String),
    Unparseable(String),
    Parsed(Vec<Rule>),
}

impl TdmrepFile {
    pub fn from_fetch(status: u16, body: &[u8]) -> TdmrepFile {
        match status {
            200..=299 => Self::parse(body),
            300..=499 => TdmrepFile::Unavailable(status),
            _ => TdmrepFile::Unreachable(format!("HTTP {status}")),
        }
    }

    pub fn parse(body: &[u8]) -> TdmrepFile {
        if body.len() > MAX_TDMREP_BYTES {
            return TdmrepFile::Unparseable(format!(
                "{} bytes, over the {} KiB limit",
                body.len(),
                MAX_TDMREP_BYTES / 1024
            ));
        }
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let v: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                return TdmrepFile::Unparseable(format!(
                    "not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ));
            }
        };
        let Value::Array(items) = v else {
            return TdmrepFile::Unparseable("not a JSON array of rules".into());
        };
        let mut rules = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            let Some(obj) = item.as_object() else {
                return TdmrepFile::Unparseable(format!("rule {n} is not an object"));
            };
            let Some(location) = obj.get("location").and_then(Value::as_str) else {
                return TdmrepFile::Unparseable(format!("rule {n} has no `location` string"));
            };
            let reserved = match obj.get("tdm-reservation") {
                Some(v) => match reservation_value(v) {
                    Some(r) => r,
                    None => {
                        return TdmrepFile::Unparseable(format!(
                            "rule {n}: `tdm-reservation` is neither 0 nor 1"
                        ));
                    }
                },
                None => {
                    return TdmrepFile::Unparseable(format!("rule {n} has no `tdm-reservation`"));
                }
            };
            let policy = obj
                .get("tdm-policy")
                .and_then(Value::as_str)
                .map(str::to_owned);
            rules.push(Rule {
                location: location.to_owned(),
                reserved,
                policy,
            });
        }
        TdmrepFile::Parsed(rules)
    }

    /// The rule that applies to `path` (path and query of the page).
    pub fn rule_for(&self, path: &str) -> Option<&Rule> {
        match self {
            TdmrepFile::Parsed(rules) => rules.iter().find(|r| pattern_matches(&r.location, path)),
            _ => None,
        }
    }
}

fn reservation_value(v: &Value) -> Option<bool> {
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => parse_reservation(s),
        _ => None,
    }
}

/// A `tdm-reservation` value from a header or meta tag: `Some(true)` for
/// 1, `Some(false)` for 0, `None` for anything else.
pub fn parse_reservation(s: &str) -> Option<bool> {
    match s.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// Does a robots.txt-style path pattern match `path`? `*` matches any run
/// of characters, a final `$` anchors at the end; otherwise a prefix match.
pub fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pat, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let p = pat.as_bytes();
    let s = path.as_bytes();
    // Greedy wildcard match with backtracking to the last star: linear in
    // practice, O(p·s) at worst, no recursion.
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if pi == p.len() {
            if !anchored || si == s.len() {
                return true;
            }
        } else if p.get(pi) == Some(&b'*') {
            star = Some((pi, si));
            pi += 1;
            continue;
        } else if si < s.len() && p.get(pi) == s.get(si) {
            pi += 1;
            si += 1;
            continue;
        }
        match star {
            Some((sp, ss)) if ss < s.len() => {
                star = Some((sp, ss + 1));
                pi = sp + 1;
                si = ss + 1;
            }
            _ => return false,
        }
    }
}

/// `noai` / `noimageai` in `X-Robots-Tag` values or a robots meta content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoAi {
    pub noai: bool,
    pub noimageai: bool,
}

/// Reads the directives of an `X-Robots-Tag` value. A value may be scoped
/// to one agent (`GPTBot: noai`): it counts when that agent is one of the
/// policy's, or `*`.
pub fn parse_robots_directives(value: &str, agents: &[String], out: &mut NoAi) {
    let mut rest = value.trim();
    if let Some((scope, after)) = rest.split_once(':') {
        let scope = scope.trim();
        // `unavailable_after: date` is a directive, not a scope.
        let is_directive = scope.eq_ignore_ascii_case("unavailable_after")
            || scope.eq_ignore_ascii_case("max-snippet")
            || scope.eq_ignore_ascii_case("max-image-preview")
            || scope.eq_ignore_ascii_case("max-video-preview");
        if !is_directive && !scope.contains(',') {
            if scope != "*" && !agents.iter().any(|a| a.eq_ignore_ascii_case(scope)) {
                return;
            }
            rest = after;
        }
    }
    for d in rest.split([',', ' ']) {
        let d = d.trim();
        if d.eq_ignore_ascii_case("noai") {
            out.noai = true;
        } else if d.eq_ignore_ascii_case("noimageai") {
            out.noimageai = true;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(pattern_matches("/", "/a/b"));
        assert!(pattern_matches("/news/*", "/news/2024/x"));
        assert!(!pattern_matches("/news/*", "/blog/x"));
        assert!(pattern_matches("/*.pdf$", "/docs/a.pdf"));
        assert!(!pattern_matches("/*.pdf$", "/docs/a.pdf?x=1"));
        assert!(pattern_matches("*", ""));
        assert!(pattern_matches("/a*b*c", "/axxbyyc"));
        assert!(!pattern_matches("/a*b*c", "/axxbyy"));
    }

    #[test]
    fn tdmrep_json_first_match() {
        let f = TdmrepFile::parse(
            br#"[{"location":"/free/*","tdm-reservation":0},{"location":"/*","tdm-reservation":1,"tdm-policy":"https://p.example/policy.json"}]"#,
        );
        assert!(!f.rule_for("/free/a").unwrap().reserved);
        assert!(f.rule_for("/paid/a").unwrap().reserved);
    }

    #[test]
    fn tdmrep_json_bad() {
        for bad in [
            &b"{"[..],
            b"{}",
            br#"[{"location":"/"}]"#,
            br#"[{"location":"/","tdm-reservation":2}]"#,
            b"[3]",
        ] {
            assert!(matches!(TdmrepFile::parse(bad), TdmrepFile::Unparseable(_)));
        }
    }

    #[test]
    fn noai_directives() {
        let agents = vec!["GPTBot".to_owned()];
        let mut n = NoAi::default();
        parse_robots_directives("noindex, noai", &agents, &mut n);
        assert!(n.noai && !n.noimageai);
        let mut n = NoAi::default();
        parse_robots_directives("otherbot: noai", &agents, &mut n);
        assert!(!n.noai);
        parse_robots_directives("gptbot: noimageai", &agents, &mut n);
        assert!(n.noimageai);
        let mut n = NoAi::default();
        parse_robots_directives("unavailable_after: 2025-01-01, noai", &agents, &mut n);
        assert!(n.noai);
    }
}
