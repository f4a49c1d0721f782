//! Secrets (`secret@1`): kinds `private-key`, `api-key` and `url-password`.
//!
//! A credential is not personal data in itself, but it opens an account, a
//! mailbox or a database full of it, and one left in a training set can be
//! memorised and regurgitated by the model: the CNIL's AI sheets ask that
//! training data be cleaned of them (security of processing, GDPR Art. 32).
//!
//! Found:
//! - `private-key`: PEM blocks `-----BEGIN ... PRIVATE KEY-----` up to the
//!   matching `-----END ...-----` (at most 16 KiB; a truncated block runs to
//!   the end of its base64 body). A header without key material (a parser
//!   checking for it) does not fire. Score 0.99.
//! - `api-key`: well-known prefixed tokens, whose formats their issuers
//!   publish: AWS access key ids (`AKIA`/`ASIA` + 16), GitHub (`ghp_`, `gho_`,
//!   `ghu_`, `ghs_`, `ghr_`, `github_pat_`), Slack (`xoxb-`...), Stripe
//!   (`sk_live_`, `rk_live_`), Google (`AIza` + 35), Anthropic (`sk-ant-`),
//!   OpenAI-style `sk-` with at least 32 characters, GitLab (`glpat-`) and JWTs
//!   (`eyJ...eyJ...sig`): 0.9 to 0.99. Then the generic rule: a key named like
//!   `api_key`, `token`, `secret`, `password`, `mot_de_passe` (with prefixes
//!   and suffixes, `db_password`, `aws_secret_access_key`) or a `Bearer`
//!   header, followed by a value of at least 16 characters holding a letter
//!   and a digit whose Shannon entropy is at least 3 bits per character, and
//!   which is not a placeholder (`xxxxxxxxxxxxxxxx`, `your_api_key_here`,
//!   `12345678...`): 0.7, reported on the value only.
//! - `url-password`: `scheme://user:password@host`, reported on the password
//!   only; documentation placeholders (`password`, `pass`, `***`, `xxx`) are
//!   left to the URL detector. Score 0.9.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{after, byte_at};

pub const PRIVATE_KEY: Kind = Kind::new("private-key", Label::Credential);
pub const API_KEY: Kind = Kind::new("api-key", Label::Credential);
pub const URL_PASSWORD: Kind = Kind::new("url-password", Label::Credential);
const ID: &str = "secret@1";

/// How far after a PEM header its end line is looked for.
const MAX_PEM: usize = 16 * 1024;
/// Key material a PEM block must hold to be a key (a 256-bit EC key is ~160).
const MIN_PEM_BODY: usize = 64;
/// Minimum Shannon entropy, in bits per character, of a generic secret value.
const MIN_ENTROPY: f64 = 3.0;

// Pattern indices, in the order of `patterns()`.
const P_PEM: usize = 0;
const P_AWS: usize = 1;
const P_GITHUB: usize = 2;
const P_GITHUB_PAT: usize = 3;
const P_SLACK: usize = 4;
const P_STRIPE: usize = 5;
const P_GOOGLE: usize = 6;
const P_SK: usize = 7;
const P_GITLAB: usize = 8;
const P_JWT: usize = 9;
const P_GENERIC: usize = 10;
const P_BEARER: usize = 11;
const P_URL_PASSWORD: usize = 12;

/// Values that stand for a secret in documentation and templates.
const PLACEHOLDERS: &[&str] = &[
    "xxxx",
    "****",
    "....",
    "your",
    "example",
    "sample",
    "dummy",
    "placeholder",
    "changeme",
    "change_me",
    "redacted",
    "12345678",
    "abcdefgh",
    "qwerty",
    "insert",
    "replace",
    "secret_here",
    "key_here",
    "token_here",
    "<",
    "${",
    "{{",
    "%s",
    "process.env",
    "environ",
    "getenv",
];

/// Passwords in URLs that are documentation, not credentials.
const URL_PLACEHOLDERS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "secret",
    "mdp",
    "motdepasse",
    "mot_de_passe",
    "changeme",
    "pw",
    "p",
    "x",
    "xxx",
    "xxxx",
    "***",
    "****",
    "...",
    "user",
    "token",
];

pub struct Secret;

impl Secret {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

/// Shannon entropy of the bytes of `s`, in bits per byte.
fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[usize::from(b)] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A generic value that looks like a real secret, not a word or a template.
fn high_entropy_secret(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.len() >= 16
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.bytes().any(|b| b.is_ascii_alphabetic())
        && !PLACEHOLDERS.iter().any(|p| lower.contains(p))
        && entropy(value) >= MIN_ENTROPY
}

/// The score of a value carrying a well-known prefix, if it has one.
fn prefixed_score(value: &str) -> Option<f32> {
    let starts = |p: &str| value.starts_with(p);
    if starts("-----BEGIN") {
        return None;
    }
    if starts("sk-ant-")
        || starts("sk_live_")
        || starts("rk_live_")
        || starts("glpat-")
        || starts("github_pat_")
    {
        return Some(0.99);
    }
    if ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
        .iter()
        .any(|p| starts(p))
        && value.len() >= 40
    {
        return Some(0.99);
    }
    if (starts("AKIA") || starts("ASIA")) && value.len() == 20 {
        return Some(0.95);
    }
    if starts("AIza") && value.len() == 39 {
        return Some(0.95);
    }
    if starts("xox") && value.len() >= 15 {
        return Some(0.97);
    }
    if starts("eyJ") && value.split('.').count() == 3 {
        return Some(0.95);
    }
    None
}

impl Secret {
    fn confirm_pem(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let window = after(text, c.end, MAX_PEM);
        let body_len = |body: &str| {
            body.bytes()
                .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
                .count()
        };
        let end = if let Some(i) = memchr::memmem::find(window.as_bytes(), b"-----END") {
            let tail = window.get(i + 8..).unwrap_or("");
            let close = memchr::memmem::find(tail.as_bytes(), b"-----").filter(|&j| j <= 64);
            match (close, window.get(..i)) {
                (Some(j), Some(body)) if body_len(body) >= MIN_PEM_BODY => c.end + i + 8 + j + 5,
                _ => return false,
            }
        } else {
            // Truncated: the body runs as long as base64 and line breaks do.
            let n = window
                .bytes()
                .take_while(|b| {
                    b.is_ascii_alphanumeric()
                        || matches!(
                            b,
                            b'+' | b'/' | b'=' | b'\r' | b'\n' | b' ' | b'\\' | b':' | b'-' | b','
                        )
                })
                .count();
            if body_len(window.get(..n).unwrap_or("")) < MIN_PEM_BODY {
                return false;
            }
            let body = window.get(..n).unwrap_or("").trim_end();
            c.end + body.len()
        };
        out.push(Span::new(c.start, end, PRIVATE_KEY, 0.99, ID));
        true
    }

    fn confirm_prefixed(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let value = &text[c.start..c.end];
        // Glued to a longer token: a key inside a longer identifier or blob.
        if c.start > 0 && byte_at(text, c.start - 1).is_some_and(|b| is_token_byte(b) || b >= 0x80)
        {
            return false;
        }
        if byte_at(text, c.end).is_some_and(is_token_byte) {
            return false;
        }
        let score = match c.pattern {
            P_SK => {
                if value.starts_with("sk-ant-") {
                    0.99
                } else if high_entropy_secret(value.get(3..).unwrap_or("")) {
                    0.9
                } else {
                    return false;
                }
            }
            P_SLACK | P_GITLAB | P_GITHUB_PAT | P_STRIPE => {
                if !value.bytes().any(|b| b.is_ascii_digit()) {
                    return false;
                }
                prefixed_score(value).unwrap_or(0.95)
            }
            P_AWS => {
                // Access key ids are base32-ish: 16 of [A-Z2-7] after the prefix.
                if !value.bytes().skip(4).any(|b| b.is_ascii_digit()) {
                    return false;
                }
                0.95
            }
            _ => prefixed_score(value).unwrap_or(0.9),
        };
        out.push(Span::new(c.start, c.end, API_KEY, score, ID));
        true
    }

    fn confirm_generic(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        // The value starts after the separator and an optional quote.
        let Some(sep) = cand.find([':', '=', ' ']) else {
            return false;
        };
        let rest = &cand[sep..];
        let skip = rest.len()
            - rest
                .trim_start_matches([':', '=', '>', ' ', '"', '\''])
                .len();
        let vstart = sep + skip;
        let mut value = &cand[vstart..];
        // A closing quote or trailing punctuation is not part of the value.
        value = value.trim_end_matches(['.', ',']);
        if byte_at(text, c.end).is_some_and(|b| b >= 0x80) {
            return false;
        }
        let score = if let Some(s) = prefixed_score(value) {
            s
        } else if high_entropy_secret(value) {
            0.7
        } else {
            return false;
        };
        let start = c.start + vstart;
        out.push(Span::new(start, start + value.len(), API_KEY, score, ID));
        true
    }

    fn confirm_url_password(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        let Some((_, authority)) = cand.split_once("://") else {
            return false;
        };
        let Some(userinfo) = authority.strip_suffix('@') else {
            return false;
        };
        let Some((user, password)) = userinfo.split_once(':') else {
            return false;
        };
        if user.is_empty() || password.is_empty() {
            return false;
        }
        let lower = password.to_ascii_lowercase();
        if URL_PLACEHOLDERS.contains(&lower.as_str())
            || password
                .bytes()
                .all(|b| b == b'*' || b == b'x' || b == b'X')
        {
            return false;
        }
        let end = c.end - 1;
        out.push(Span::new(end - password.len(), end, URL_PASSWORD, 0.9, ID));
        true
    }
}

impl Detector for Secret {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PRIVATE_KEY, API_KEY, URL_PASSWORD]
    }

    fn patterns(&self) -> Vec<Pattern> {
        const T: &str = r"[A-Za-z0-9_\-]";
        vec![
            // P_PEM
            Pattern::new(r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"),
            // P_AWS
            Pattern::new(r"(?-u:\b)A(?:KIA|SIA)[A-Z0-9]{16}"),
            // P_GITHUB
            Pattern::new(r"(?-u:\b)gh[pousr]_[A-Za-z0-9]{36}[A-Za-z0-9]*"),
            // P_GITHUB_PAT
            Pattern::new(r"(?-u:\b)github_pat_[A-Za-z0-9_]{40}[A-Za-z0-9_]*"),
            // P_SLACK
            Pattern::new(r"(?-u:\b)xox[baprs]-[A-Za-z0-9\-]{10}[A-Za-z0-9\-]*"),
            // P_STRIPE
            Pattern::new(r"(?-u:\b)[rs]k_live_[A-Za-z0-9]{16}[A-Za-z0-9]*"),
            // P_GOOGLE
            Pattern::new(format!(r"(?-u:\b)AIza{T}{{35}}")),
            // P_SK: Anthropic sk-ant-..., OpenAI-style sk-... / sk-proj-...
            Pattern::new(format!(r"(?-u:\b)sk-{T}{{32}}{T}*")),
            // P_GITLAB
            Pattern::new(format!(r"(?-u:\b)glpat-{T}{{20}}{T}*")),
            // P_JWT
            Pattern::new(format!(
                r"(?-u:\b)eyJ{T}{{10}}{T}*\.eyJ{T}{{10}}{T}*\.{T}{{10}}{T}*"
            )),
            // P_GENERIC: key name, separator, value. The key's suffixes are
            // bounded so that the separator lies within 64 bytes of the
            // match's start: the engine then looks for the pattern only
            // before a `:` or `=` (see `trigger.rs`), not at every byte.
            Pattern::new(
                r#"(?i-u:(?:api[_\-.]?key|apikey|access[_\-.]?key|secret|token|password|passwd|pwd|passphrase|mot[_\-.]?de[_\-.]?passe|mdp|credentials?)(?:[_\-.][a-z0-9]{1,20}){0,2})["']?[ ]{0,2}(?:=>|:=|[:=])[ ]{0,2}["']?[A-Za-z0-9_\-+/=.~!#$%^&*@]{16}[A-Za-z0-9_\-+/=.~!#$%^&*@]*"#,
            ),
            // P_BEARER
            Pattern::new(r"(?-u:\b)[Bb]earer[ ]{1,2}[A-Za-z0-9_\-+/=.~]{16}[A-Za-z0-9_\-+/=.~]*"),
            // P_URL_PASSWORD: the userinfo of a URL, up to the `@`. Every part
            // stays bounded: an unbounded scheme run keeps the shared automaton
            // reading to the end of every long token (quadratic on "a1-a1-...").
            Pattern::new(
                r"(?-u:\b)[A-Za-z][A-Za-z0-9+.\-]{1,15}://[A-Za-z0-9\-._~%!$&()*+,;=]{1,64}:[A-Za-z0-9\-._~%!$&()*+,;=]{1,128}@",
            ),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        match c.pattern {
            P_PEM => Self::confirm_pem(text, c, out),
            P_GENERIC | P_BEARER => Self::confirm_generic(text, c, out),
            P_URL_PASSWORD => Self::confirm_url_password(text, c, out),
            P_AWS | P_GITHUB | P_GITHUB_PAT | P_SLACK | P_STRIPE | P_GOOGLE | P_SK | P_GITLAB
            | P_JWT => Self::confirm_prefixed(text, c, out),
            _ => false,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(Secret::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<(String, &'static str)> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, k, _)| (s, k))
            .collect()
    }

    fn one(s: &str, k: &'static str) -> Vec<(String, &'static str)> {
        vec![(s.to_owned(), k)]
    }

    // Every token below is made up for the test (random letters), or the
    // specimen value of the issuer's documentation (AWS).
    #[test]
    fn finds_prefixed_tokens() {
        assert_eq!(
            found("AWS_ACCESS_KEY_ID AKIAIOSFODNN7EXAMPLE"),
            one("AKIAIOSFODNN7EXAMPLE", "api-key")
        );
        let gh = "ghp_Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0jB2cE4";
        assert_eq!(found(&format!("export GH={gh}")), one(gh, "api-key"));
        let slack = "xoxb-2048-4096-Zq3xK9mW2vL8nR4tY6uP";
        assert_eq!(
            found(&format!("le jeton Slack {slack}.")),
            one(slack, "api-key")
        );
        let stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        assert_eq!(
            found(&format!("stripe.api_key = '{stripe}'")),
            one(stripe, "api-key")
        );
        let google = "AIzaSyA-Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0j";
        assert_eq!(found(&format!("key={google}&q=x")), one(google, "api-key"));
        let ant = "sk-ant-api03-Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0jB2cE4";
        assert_eq!(
            found(&format!("ANTHROPIC_API_KEY={ant}")),
            one(ant, "api-key")
        );
        let oai = "sk-proj-Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0jB";
        assert_eq!(found(&format!("clé OpenAI : {oai}")), one(oai, "api-key"));
        let gl = "glpat-Zq3xK9mW2vL8nR4tY6uP";
        assert_eq!(found(&format!("token {gl} ok")), one(gl, "api-key"));
        let jwt =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0jB";
        assert_eq!(
            found(&format!("Authorization: Bearer {jwt}")),
            one(jwt, "api-key")
        );
    }

    #[test]
    fn finds_private_keys() {
        let body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n";
        let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----");
        let text = format!("key:\n{pem}\nend");
        assert_eq!(found(&text), one(&pem, "private-key"));
        // Escaped newlines in JSON, and a truncated block.
        let json = format!(
            "{{\"k\": \"-----BEGIN PRIVATE KEY-----\\n{}\\n-----END PRIVATE KEY-----\"}}",
            body.replace('\n', "\\n")
        );
        assert_eq!(found(&json).len(), 1);
        let cut = format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{body}");
        assert_eq!(found(&cut), one(cut.trim_end(), "private-key"));
    }

    #[test]
    fn pem_headers_without_key_material_do_not_fire() {
        assert!(run("if line == \"-----BEGIN RSA PRIVATE KEY-----\": parse()").is_empty());
        assert!(run("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----").is_empty());
        assert!(run("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRge\n-----END PUBLIC KEY-----").is_empty());
    }

    #[test]
    fn generic_rule_needs_entropy() {
        assert_eq!(
            found("api_key=9fX2kQ7vLm3Rt8Wz"),
            one("9fX2kQ7vLm3Rt8Wz", "api-key")
        );
        assert_eq!(
            found("DB_PASSWORD: \"h7Gq2xLp9Vz4Rk1W\""),
            one("h7Gq2xLp9Vz4Rk1W", "api-key")
        );
        assert_eq!(
            found("mot_de_passe = Tq8vZ3mK1xP6wL2r"),
            one("Tq8vZ3mK1xP6wL2r", "api-key")
        );
        assert_eq!(
            found("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8vZ3mK1x"),
            one("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8vZ3mK1x", "api-key")
        );
        assert!((run("token: 9fX2kQ7vLm3Rt8Wz")[0].2 - 0.7).abs() < 1e-6);
        // Placeholders, low entropy, words, short values, code.
        assert!(run("api_key=xxxxxxxxxxxxxxxx").is_empty());
        assert!(run("api_key=aaaaaaaa11111111").is_empty());
        assert!(run("API_KEY=your_api_key_here_123").is_empty());
        assert!(run("password: correcthorsebatterystaple").is_empty());
        assert!(run("token=abc123").is_empty());
        assert!(run("secret=1234567890abcdef").is_empty());
        assert!(run("token = process.env.GITHUB_TOKEN2").is_empty());
        assert!(run("the secret to success is 16 chars").is_empty());
    }

    #[test]
    fn url_passwords_report_the_password_only() {
        assert_eq!(
            found("postgres://admin:S3cr3tPa55@db.example.com:5432/app"),
            one("S3cr3tPa55", "url-password")
        );
        assert_eq!(
            found("git clone https://jdoe:hunter2x@git.example.org/r.git"),
            one("hunter2x", "url-password")
        );
        assert!(run("postgres://user:password@localhost/db").is_empty());
        assert!(run("https://user:***@host").is_empty());
        assert!(run("https://example.com:8080/path").is_empty());
    }

    #[test]
    fn near_misses_of_prefixed_tokens_do_not_fire() {
        // Too short, glued, or no digits.
        assert!(run("ghp_abc123").is_empty());
        assert!(run("xghp_Zq3xK9mW2vL8nR4tY6uP1sA5dF7gH0jB2cE4").is_empty());
        assert!(run("AKIAABCDEFGHIJKLMNOP").is_empty());
        assert!(run("sk-this-is-a-very-long-hyphenated-words-list").is_empty());
        assert!(run("eyJ.eyJ.x").is_empty());
    }
}
