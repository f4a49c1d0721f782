//! robots.txt (RFC 9309) and ai.txt (the same syntax) for a list of AI user
//! agents, with `texting_robots` as the parser.
//!
//! What a host's file says, from its fetch:
//! - 2xx: parsed. Only the first [`MAX_ROBOTS_BYTES`] are parsed (RFC 9309
//!   §2.5 lets a crawler stop at 500 KiB); the reason says so. A file that
//!   is not UTF-8 or that the parser rejects is *unparseable*: the page is
//!   excluded, since we cannot tell what the publisher asked.
//! - 4xx: "unavailable": everything is allowed (§2.3.1.3).
//! - 5xx or no answer: "unreachable": everything is disallowed (§2.3.1.4).
//! - no fetch at all in the WARC nor in the robots cache: *missing*, which the
//!   policy decides (`[robots] missing`, default allow, as "unavailable").
//!
//! An agent named in no group falls back to the `*` group (§2.2.1); the page
//! is allowed only if every agent of the policy is allowed.

use texting_robots::Robot;

/// RFC 9309 §2.5: crawlers must parse at least 500 KiB.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// What is known of one host's robots.txt (or ai.txt).
pub enum RobotsFile {
    /// No fetch of it in the WARC or the cache.
    Missing,
    /// Fetched with a 4xx status: no rules apply.
    Unavailable(u16),
    /// Fetched with a 5xx status, or recorded as unreachable.
    Unreachable(String),
    /// Could not be parsed (not UTF-8, parser error).
    Unparseable(String),
    Parsed(Box<Parsed>),
}

/// A parsed file: one matcher per agent named in it, and the `*` one for the
/// others.
pub struct Parsed {
    /// (lower-case agent, its rules), for agents the file names.
    named: Vec<(String, Robot)>,
    star: Option<Robot>,
    /// The file was longer than [`MAX_ROBOTS_BYTES`] and was cut.
    pub truncated_from: Option<usize>,
    /// The body looked like an HTML page rather than robots rules.
    pub html: bool,
}

impl std::fmt::Debug for RobotsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RobotsFile::Missing => write!(f, "Missing"),
            RobotsFile::Unavailable(s) => write!(f, "Unavailable({s})"),
            RobotsFile::Unreachable(s) => write!(f, "Unreachable({s})"),
            RobotsFile::Unparseable(s) => write!(f, "Unparseable({s})"),
            RobotsFile::Parsed(p) => write!(
                f,
                "Parsed({} named, truncated {:?})",
                p.named.len(),
                p.truncated_from
            ),
        }
    }
}

impl RobotsFile {
    /// From a fetch: the HTTP status and the body.
    pub fn from_fetch(status: u16, body: &[u8], agents: &[String]) -> RobotsFile {
        match status {
            200..=299 => Self::parse(body, agents),
            // Redirects the crawler did not follow: RFC 9309 says follow up
            // to five; a WARC holds the redirect only, so we treat it as
            // unavailable (what §2.3.1.2 says after too many redirects).
            300..=499 => RobotsFile::Unavailable(status),
            _ => RobotsFile::Unreachable(format!("HTTP {status}")),
        }
    }

    /// Parses a body fetched with a 2xx status.
    pub fn parse(body: &[u8], agents: &[String]) -> RobotsFile {
        let (body, truncated_from) = if body.len() > MAX_ROBOTS_BYTES {
            let cut = body.get(..MAX_ROBOTS_BYTES).unwrap_or(body);
            // Stop at the last complete line.
            let end = memchr::memrchr(b'\n', cut).map_or(cut.len(), |i| i + 1);
            (cut.get(..end).unwrap_or(cut), Some(body.len()))
        } else {
            (body, None)
        };
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let text = match std::str::from_utf8(body) {
            Ok(t) => t,
            Err(e) => {
                return RobotsFile::Unparseable(format!(
                    "not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ));
            }
        };
        let html = text.trim_start().starts_with('<');
        let referenced = referenced_agents(text);
        let mut named = Vec::new();
        for a in agents {
            let lower = a.to_ascii_lowercase();
            if referenced.contains(&lower) && !named.iter().any(|(n, _)| *n == lower) {
                match Robot::new(&lower, body) {
                    Ok(r) => named.push((lower, r)),
                    Err(_) => {
                        return RobotsFile::Unparseable(format!(
                            "the parser rejects the rules for {a}"
                        ));
                    }
                }
            }
        }
        let star = if named.len() < agents.len() {
            match Robot::new("*", body) {
                Ok(r) => Some(r),
                Err(_) => {
                    return RobotsFile::Unparseable("the parser rejects the `*` rules".into());
                }
            }
        } else {
            None
        };
        RobotsFile::Parsed(Box::new(Parsed {
            named,
            star,
            truncated_from,
            html,
        }))
    }
}

/// The `User-agent` values of a file, lower case.
fn referenced_agents(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        if k == "user-agent" || k == "useragent" || k == "user agent" {
            let v = v.trim().to_ascii_lowercase();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// The verdict of one file on one URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    /// Stable reason code: `allowed`, `disallow`, `unreachable`,
    /// `unparseable`, `missing`, `unavailable`.
    pub code: &'static str,
    pub detail: String,
}

/// What `file` (named `name`, "robots.txt" or "ai.txt") says of `url` for
/// `agents`. `missing_allows` is the policy's choice for a missing file.
pub fn verdict(
    file: &RobotsFile,
    name: &str,
    url: &str,
    agents: &[String],
    missing_allows: bool,
) -> Verdict {
    match file {
        RobotsFile::Missing => Verdict {
            allowed: missing_allows,
            code: "missing",
            detail: if missing_allows {
                format!(
                    "no {name} for this host in the WARC or the robots cache: allowed (the policy treats a missing file as RFC 9309 treats an unavailable one)"
                )
            } else {
                format!(
                    "no {name} for this host in the WARC or the robots cache: excluded by the policy (`missing = \"exclude\"`)"
                )
            },
        },
        RobotsFile::Unavailable(s) => Verdict {
            allowed: true,
            code: "unavailable",
            detail: format!("{name} unavailable (HTTP {s}): no rules apply (RFC 9309 §2.3.1.3)"),
        },
        RobotsFile::Unreachable(why) => Verdict {
            allowed: false,
            code: "unreachable",
            detail: format!(
                "{name} unreachable ({why}): everything is disallowed (RFC 9309 §2.3.1.4)"
            ),
        },
        RobotsFile::Unparseable(why) => Verdict {
            allowed: false,
            code: "unparseable",
            detail: format!(
                "{name} cannot be parsed ({why}): excluded, because what the publisher asked is unknown"
            ),
        },
        RobotsFile::Parsed(p) => {
            let mut denied: Vec<&str> = Vec::new();
            // The `*` group is matched once for every agent it covers.
            let mut star_allows: Option<bool> = None;
            for a in agents {
                let named = p
                    .named
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(a))
                    .map(|(_, r)| r);
                let allowed = match (named, &p.star) {
                    (Some(r), _) => r.allowed(url),
                    (None, Some(star)) => *star_allows.get_or_insert_with(|| star.allowed(url)),
                    (None, None) => true,
                };
                if !allowed {
                    denied.push(a);
                }
            }
            let cut = p.truncated_from.map_or_else(String::new, |n| {
                format!(
                    "; the file is {n} bytes, only its first {} KiB were parsed (RFC 9309 §2.5)",
                    MAX_ROBOTS_BYTES / 1024
                )
            });
            let html = if p.html {
                "; the body looks like an HTML page, whose lines hold no rules"
            } else {
                ""
            };
            if denied.is_empty() {
                Verdict {
                    allowed: true,
                    code: "allowed",
                    detail: format!(
                        "{name} allows the {} AI agents of the policy{cut}{html}",
                        agents.len()
                    ),
                }
            } else {
                let shown: Vec<&str> = denied.iter().take(5).copied().collect();
                let more = if denied.len() > 5 {
                    format!(" and {} more", denied.len() - 5)
                } else {
                    String::new()
                };
                Verdict {
                    allowed: false,
                    code: "disallow",
                    detail: format!("{name} disallows {}{more}{cut}", shown.join(", ")),
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn agents() -> Vec<String> {
        vec!["GPTBot".into(), "CCBot".into()]
    }

    #[test]
    fn named_and_star_groups() {
        let f = RobotsFile::parse(
            b"User-agent: GPTBot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /admin\n",
            &agents(),
        );
        let v = verdict(
            &f,
            "robots.txt",
            "https://a.example/private/x",
            &agents(),
            true,
        );
        assert!(!v.allowed);
        assert!(v.detail.contains("GPTBot") && !v.detail.contains("CCBot"));
        let v = verdict(&f, "robots.txt", "https://a.example/admin", &agents(), true);
        assert!(!v.allowed && v.detail.contains("CCBot"));
        let v = verdict(&f, "robots.txt", "https://a.example/ok", &agents(), true);
        assert!(v.allowed);
    }

    #[test]
    fn agent_names_are_case_insensitive() {
        let f = RobotsFile::parse(b"user-agent: gptbot\ndisallow: /\n", &agents());
        assert!(!verdict(&f, "robots.txt", "/x", &agents(), true).allowed);
    }

    #[test]
    fn statuses() {
        let f = RobotsFile::from_fetch(404, b"", &agents());
        assert!(verdict(&f, "robots.txt", "/x", &agents(), true).allowed);
        let f = RobotsFile::from_fetch(503, b"", &agents());
        let v = verdict(&f, "robots.txt", "/x", &agents(), true);
        assert!(!v.allowed && v.code == "unreachable");
    }

    #[test]
    fn huge_file_is_cut_at_500_kib() {
        let mut body = b"User-agent: *\nDisallow: /secret\n".to_vec();
        while body.len() < 10 << 20 {
            body.extend_from_slice(b"Disallow: /some/long/path/that/repeats\n");
        }
        let f = RobotsFile::parse(&body, &agents());
        let v = verdict(&f, "robots.txt", "/secret", &agents(), true);
        assert!(!v.allowed);
        assert!(v.detail.contains("500 KiB"));
    }

    #[test]
    fn not_utf8_is_unparseable() {
        let f = RobotsFile::parse(b"User-agent: *\nDisallow: /\xff\xfe\n", &agents());
        let v = verdict(&f, "robots.txt", "/x", &agents(), true);
        assert!(!v.allowed && v.code == "unparseable");
    }
}
