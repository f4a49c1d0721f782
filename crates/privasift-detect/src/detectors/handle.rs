//! Social-media handles (`social-handle@1`).
//!
//! An `@mention` (`@jdoe`, `@Jean_Dupont`) names an account and, nearly
//! always, the person behind it: a pseudonym that singles someone out is
//! personal data (GDPR Art. 4(1) and recital 26), and the bench's tweet corpus
//! labels mentions as PERSON. A handle is `@` then 2 to 30 of `[A-Za-z0-9_.]`
//! with at least one letter, not preceded by a word character (so not the
//! middle of an e-mail address). A Fediverse address `@user@instance.tld` is
//! taken whole.
//!
//! Rejected: handles that are domains (`@example.com`), group mentions and code
//! (`@here`, `@everyone`, CSS at-rules, Javadoc tags, Python and Java
//! decorators), a name directly followed by `(` (an annotation call) and an
//! `@name` alone on its line (a decorator). Score 0.75: the lexicon cannot
//! tell a person's account from a brand's.

use rustc_hash::FxHashSet as HashSet;

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::byte_at;

pub const SOCIAL_HANDLE: Kind = Kind::new("social-handle", Label::Person);
const ID: &str = "social-handle@1";

/// Mentions and at-words that do not name a person (lowercase; compared
/// ASCII-case-insensitively).
const NOT_PEOPLE: &[&str] = &[
    // chat group mentions
    "here",
    "everyone",
    "channel",
    "all",
    "admin",
    "admins",
    "team",
    "group",
    "room",
    "online",
    // CSS at-rules
    "media",
    "import",
    "font-face",
    "keyframes",
    "charset",
    "supports",
    "page",
    "namespace",
    "layer",
    "container",
    "property",
    "counter-style",
    "document",
    "viewport",
    "tailwind",
    "apply",
    "mixin",
    "include",
    "extend",
    "use",
    "forward",
    "each",
    "if",
    "else",
    "function",
    "return",
    "content",
    "font",
    "screen",
    // doc comments
    "param",
    "returns",
    "throws",
    "throw",
    "exception",
    "author",
    "see",
    "since",
    "deprecated",
    "link",
    "inheritdoc",
    "version",
    "brief",
    "file",
    "todo",
    "note",
    "example",
    "type",
    "typedef",
    "callback",
    "template",
    "override",
    "description",
    "summary",
    "class",
    "module",
    "private",
    "public",
    "protected",
    "static",
    "const",
    "var",
    "let",
    "async",
    "memberof",
    "fileoverview",
    "license",
    "default",
    "abstract",
    "readonly",
    // Java, Kotlin, Python, TypeScript, ObjC decorators and annotations
    "test",
    "before",
    "after",
    "beforeeach",
    "aftereach",
    "beforeall",
    "afterall",
    "ignore",
    "disabled",
    "suppresswarnings",
    "functionalinterface",
    "nullable",
    "nonnull",
    "notnull",
    "component",
    "injectable",
    "input",
    "output",
    "autowired",
    "bean",
    "entity",
    "table",
    "column",
    "id",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "service",
    "controller",
    "repository",
    "configuration",
    "transactional",
    "value",
    "data",
    "getter",
    "setter",
    "builder",
    "jsonproperty",
    "staticmethod",
    "classmethod",
    "dataclass",
    "abstractmethod",
    "cached_property",
    "lru_cache",
    "wraps",
    "login_required",
    "interface",
    "end",
    "implementation",
    "synthesize",
    "protocol",
    "selector",
    "objc",
    "available",
    "main",
    "state",
    "published",
    "binding",
    "escaping",
    "discardableresult",
    "frozen",
    "field",
    "pytest",
    "fixture",
    "app",
    "router",
    "api",
    "validator",
    "inject",
    // mail providers and platforms written after a detached "@" ("jdoe @gmail . com")
    "gmail",
    "hotmail",
    "yahoo",
    "outlook",
    "orange",
    "free",
    "wanadoo",
    "laposte",
    "icloud",
    "youtube",
];

pub struct Handle {
    /// [`NOT_PEOPLE`], for a lookup per candidate instead of a scan.
    not_people: HashSet<&'static str>,
}

impl Handle {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            not_people: NOT_PEOPLE.iter().copied().collect(),
        })
    }

    /// Whether `word` (ASCII, at most 30 bytes) is in [`NOT_PEOPLE`], any case.
    fn not_a_person(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        let Some(dst) = buf.get_mut(..word.len()) else {
            return false;
        };
        dst.copy_from_slice(word.as_bytes());
        dst.make_ascii_lowercase();
        std::str::from_utf8(dst).is_ok_and(|w| self.not_people.contains(w))
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether a letter, digit or `-` follows: the name goes on ("@jean-pierre",
/// "@josé"), while "@jdoe…" or "@jdoe’s" end at the punctuation.
fn followed_by_word(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
}

/// Top-level domains common enough that `@name.tld` is a domain, not an account.
const TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "int", "mil", "info", "biz", "io", "co", "ai", "app", "dev",
    "me", "tv", "ly", "gg", "xyz", "eu", "fr", "be", "ch", "lu", "de", "at", "es", "it", "nl",
    "uk", "us", "ca", "pt", "pl", "ie", "se", "no", "dk", "fi", "ru", "jp", "cn", "br", "au", "in",
    "social", "online", "site", "email", "cloud",
];

/// Whether `name` ends with a dot and a common top-level domain: a domain
/// written after an `@` ("@example.com", "@gmail.com"), not an account.
fn looks_like_domain(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, tld)| TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)))
}

/// End of a domain `label(.label)+` starting at `at`, if any.
fn domain_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = at;
    let mut dots = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_alphanumeric() || c == b'-' {
            i += 1;
        } else if c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) && i > at {
            dots += 1;
            i += 1;
        } else {
            break;
        }
    }
    (dots > 0 && i - at <= 253).then_some(i)
}

impl Detector for Handle {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[SOCIAL_HANDLE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![Pattern::new(r"@[A-Za-z0-9_][A-Za-z0-9_.]{1,30}")]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        // Not the middle of an e-mail, a path or a word, nor the `@` after
        // a placeholder `clean` wrote (`user:[CREDENTIAL]@host`).
        if c.start > 0
            && byte_at(text, c.start - 1).is_some_and(|b| {
                is_word_byte(b)
                    || matches!(
                        b,
                        b'.' | b'-' | b'+' | b'/' | b'@' | b'\\' | b'%' | b']' | b'>' | b':'
                    )
            })
        {
            return false;
        }
        // A trailing dot ends the sentence, not the handle.
        let mut end = c.end;
        while end > c.start + 1 && byte_at(text, end - 1) == Some(b'.') {
            end -= 1;
        }
        let name = &text[c.start + 1..end];
        if !(2..=30).contains(&name.len())
            || name.contains("..")
            || !name.bytes().any(|b| b.is_ascii_alphabetic())
            || followed_by_word(text, c.end)
        {
            return false;
        }
        let first = name.split('.').next().unwrap_or(name);
        if self.not_a_person(first) || looks_like_domain(name) {
            return false;
        }
        match byte_at(text, end) {
            // An annotation or decorator call: @Test(), @app.route("/").
            Some(b'(') => return false,
            // A Fediverse address @user@instance.tld: take it whole.
            Some(b'@') => {
                return match domain_end(text, end + 1) {
                    Some(dend) => {
                        out.push(Span::new(c.start, dend, SOCIAL_HANDLE, 0.75, ID));
                        true
                    }
                    None => false,
                };
            }
            _ => {}
        }
        if alone_on_its_line(text, c.start, end) {
            return false;
        }
        out.push(Span::new(c.start, end, SOCIAL_HANDLE, 0.75, ID));
        true
    }
}

/// Whether `[start, end)` is the only thing on its line but indentation: the
/// shape of a decorator above a function.
fn alone_on_its_line(text: &str, start: usize, end: usize) -> bool {
    // Only blanks may stand between the line's ends and the handle: scan
    // over them and no further (a scan to the line's ends for each handle
    // was quadratic in a long line).
    let b = text.as_bytes();
    let blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\r');
    let before = b[..start].iter().rev().position(|c| !blank(c));
    // The byte before the blanks: a newline, or the start of the text.
    let (before_blank, newline_before) = match before {
        None => (true, false),
        Some(k) => (b[start - 1 - k] == b'\n', b[start - 1 - k] == b'\n'),
    };
    let after = b[end..].iter().position(|c| !blank(c));
    let (after_blank, newline_after) = match after {
        None => (true, false),
        Some(k) => (b[end + k] == b'\n', b[end + k] == b'\n'),
    };
    // A one-line text ("@jdoe") is a mention, not a decorator.
    before_blank && after_blank && (newline_before || newline_after)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Handle::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_mentions_in_english_and_french() {
        assert_eq!(
            found("Thanks @jdoe and @Jean_Dupont!"),
            vec!["@jdoe", "@Jean_Dupont"]
        );
        assert_eq!(
            found("Merci à @marie.curie42 pour le partage."),
            vec!["@marie.curie42"]
        );
        assert_eq!(found("vu chez @jean.dupont."), vec!["@jean.dupont"]);
        assert_eq!(found("RT @alice_b: c'est génial"), vec!["@alice_b"]);
        assert_eq!(found("@bob_smith lol"), vec!["@bob_smith"]);
        assert_eq!(found("(cc @lea_m)"), vec!["@lea_m"]);
        assert_eq!(
            found("finishes by @tonecarr10… and @jdoe’s goal"),
            vec!["@tonecarr10", "@jdoe"]
        );
        assert!(found("@josé").is_empty());
    }

    #[test]
    fn the_at_after_a_clean_placeholder_is_not_a_handle() {
        // `clean` redacted the password of postgres://user:pw@db.example.internal.
        assert!(found("postgres://dsimon:[CREDENTIAL]@db.example.internal:5432").is_empty());
        assert!(found("<PERSON_7f3a9c12d4e0>@home_server").is_empty());
    }

    #[test]
    fn fediverse_addresses_are_taken_whole() {
        assert_eq!(
            found("suivez @jdoe@mastodon.social !"),
            vec!["@jdoe@mastodon.social"]
        );
    }

    #[test]
    fn emails_domains_and_group_mentions_do_not_fire() {
        assert!(found("write to jane.doe@example.com").is_empty());
        assert!(found("hosted @example.com").is_empty());
        assert!(found("@here @everyone @channel the build is red").is_empty());
        assert!(found("icon@2x.png and user+tag@x.org").is_empty());
        assert!(found("@1234 and @_ and @a").is_empty());
        assert!(found("@abcdefghijabcdefghijabcdefghijabcdefghij").is_empty());
        assert!(found("rendez-vous @ 10h").is_empty());
    }

    #[test]
    fn code_does_not_fire() {
        assert!(found("@media screen and (max-width: 600px) { @import url(x.css); }").is_empty());
        assert!(found("/** @param x the value\n * @return y */").is_empty());
        assert!(found("class A:\n    @property\n    def x(self): pass").is_empty());
        assert!(found("    @Override\n    public String toString()").is_empty());
        assert!(found("@app.route(\"/\")\ndef index(): pass").is_empty());
        assert!(found("@Component({selector: 'x'})").is_empty());
        assert!(found("x = 1\n@my_decorator\ndef f(): pass").is_empty());
    }
}
