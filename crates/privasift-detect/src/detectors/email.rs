//! E-mail addresses (`email@1`).
//!
//! An e-mail address nearly always identifies a person, directly (first and
//! last name in the local part) or through the mailbox owner (GDPR Art. 4(1)).
//! The pattern is ASCII (RFC 5321 dot-atom local part, LDH domain labels, an
//! alphabetic top-level domain); the confirmation rejects consecutive or
//! trailing dots and over-long parts. Role addresses (`contact@`, `info@`)
//! still name a mailbox but score lower: they rarely point at one person.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::Keywords;

pub const EMAIL: Kind = Kind::new("email", Label::Email);
const ID: &str = "email@1";

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

impl Detector for Email {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[EMAIL]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(
            r"[\p{L}\p{N}_%+\-][\p{L}\p{N}._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?-u:\b)",
        )]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let value = &text[c.start..c.end];
        // A local part glued to a longer token ("#a@b.fr" is fine, "x.@y" not).
        if text[..c.start].ends_with('.') {
            return false;
        }
        let Some((local, domain)) = value.split_once('@') else {
            return false;
        };
        if local.ends_with('.') || local.contains("..") || domain.len() > 253 {
            return false;
        }
        let score = if self.role.any_in(local) && !local.contains('.') {
            0.7
        } else {
            0.95
        };
        out.push(Span::new(c.start, c.end, EMAIL, score, ID));
        true
    }
}

#[cfg(test)]
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
