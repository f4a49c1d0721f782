//! E-mail addresses (`email@2`).
//!
//! An e-mail address nearly always identifies a person, directly (first and
//! last name in the local part) or through the mailbox owner (GDPR Art. 4(1)).
//! Every `@` is found with `memchr` and the address grown around it: a local
//! part of letters (any script), digits and `._%+-`, at most 64 bytes (RFC
//! 5321); a domain of LDH labels ending in an alphabetic top-level domain.
//! Consecutive or trailing dots are rejected. Role addresses (`contact@`,
//! `info@`) still name a mailbox but score lower: they rarely point at one
//! person. The local part of `user:password@host` (a URL's credentials, the
//! secret detector's) and `@user@instance` (a fediverse handle) are left alone.
//!
//! Why not a pattern: a local part that may start anywhere in a word makes
//! the shared automaton track every position of every word; anchoring on
//! `@` costs one `memchr` pass.

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::context::Keywords;

pub const EMAIL: Kind = Kind::new("email", Label::Email);
const ID: &str = "email@2";

const ROLE_LOCAL_PARTS: &[&str] = &[
    "contact",
    "info",
    "support",
    "admin",
    "noreply",
    "no-reply",
    "webmaster",
    "postmaster",
    "sales",
    "hello",
    "bonjour",
    "accueil",
    "service",
    "abuse",
    "press",
    "presse",
    "jobs",
    "recrutement",
    "newsletter",
];

pub struct Email {
    role: Keywords,
}

impl Email {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            role: Keywords::new(ROLE_LOCAL_PARTS)?,
        })
    }
}

fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// The start of the local part ending at `at`, if there is one.
fn local_start(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev() {
        if !local_char(c) || at - i > 64 {
            break;
        }
        start = i;
    }
    // A local part does not start with a dot.
    while text[start..at].starts_with('.') {
        start += 1;
    }
    (start < at).then_some(start)
}

/// The end of the domain starting at `from`, if it is a valid one.
fn domain_end(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    let mut last_label = (from, from);
    loop {
        let label_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') && i - label_start < 63
        {
            i += 1;
        }
        if i == label_start || b[label_start] == b'-' || b[i - 1] == b'-' {
            // An empty or dash-edged label ends the domain before it.
            i = label_start.saturating_sub(1);
            break;
        }
        last_label = (label_start, i);
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        break;
    }
    let (ls, le) = last_label;
    let tld_ok =
        le > ls && le - ls >= 2 && le - ls <= 24 && b[ls..le].iter().all(u8::is_ascii_alphabetic);
    // At least one dot, and the address does not run on into a word.
    let has_dot = ls > from;
    let glued = b
        .get(le)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'@');
    (tld_ok && has_dot && !glued && i >= le && le - from <= 253).then_some(le)
}

impl Detector for Email {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[EMAIL]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        let mut next = 0;
        for at in memchr::memchr_iter(b'@', text.as_bytes()) {
            if at < next {
                continue;
            }
            let Some(start) = local_start(text, at) else {
                continue;
            };
            let Some(end) = domain_end(text, at + 1) else {
                continue;
            };
            let local = &text[start..at];
            if local.ends_with('.') || local.contains("..") {
                continue;
            }
            let before = text[..start].chars().next_back();
            // Inside a URL ("postgres://user:p4ss!word@host"): the secret
            // detector's, whatever the password's characters.
            let token_start = text[..start]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            if text[token_start..start].contains("://") {
                continue;
            }
            // user:password@host is a URL's credentials; @user@host a handle;
            // "x.@y" a local part glued to a longer token.
            if matches!(before, Some('@' | '.' | '/'))
                || (before == Some(':') && !text[..start].ends_with("mailto:"))
            {
                continue;
            }
            let score = if self.role.any_in(local) && !local.contains('.') {
                0.7
            } else {
                0.95
            };
            out.push(Span::new(start, end, EMAIL, score, ID));
            next = end;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Email::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_addresses_in_english_and_french_text() {
        assert_eq!(
            found("Contact: jane.doe+news@mail.example.co.uk."),
            vec!["jane.doe+news@mail.example.co.uk"]
        );
        assert_eq!(
            found("écrivez à élise.martin@exemple.fr"),
            vec!["élise.martin@exemple.fr"]
        );
        assert_eq!(
            found("<a href=\"mailto:p.durand@orange.fr\">"),
            vec!["p.durand@orange.fr"]
        );
    }

    #[test]
    fn near_misses_do_not_fire() {
        assert!(found("user@localhost").is_empty());
        assert!(found("a..b@example.com").is_empty());
        assert!(found("version 1.2@3.4").is_empty());
        assert!(found("https://user:s3cret@example.com/").is_empty());
        assert!(found("postgres://ana:x!9*Qz@db.example.org/app").is_empty());
        // A multi-byte space before the token (found by the property tests).
        assert_eq!(
            found("iban :\u{a0}NjLjane.doe@example.org"),
            vec!["NjLjane.doe@example.org"]
        );
        assert!(found("@alice@mastodon.social").is_empty());
        assert!(found("a@b.c0m x@y.z").is_empty());
        assert_eq!(
            found("mailto:p.durand@orange.fr"),
            vec!["p.durand@orange.fr"]
        );
        assert_eq!(found("two: a.b@x.org,c@y.fr"), vec!["a.b@x.org", "c@y.fr"]);
        assert!(found("@handle and foo@ bar").is_empty());
    }

    #[test]
    fn role_addresses_score_lower() {
        let r = run_one(
            Box::new(Email::new().unwrap()),
            "info@example.org and marc.lenoir@example.org",
        );
        assert!(r[0].2 < r[1].2);
    }
}
