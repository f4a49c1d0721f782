//! Web addresses (`url@1`): kinds `url` and `profile-url`.
//!
//! A URL can embed personal data (a name in a path, an e-mail or a name in a
//! query string) and a profile URL points straight at a person
//! (`linkedin.com/in/jean-dupont`): both are personal data when they relate to
//! someone (GDPR Art. 4(1)); the bench labels URLs as URL.
//!
//! Candidates start with `http://`, `https://` or `www.` and stop at
//! whitespace, quotes and angle brackets; trailing punctuation (`.,;:!?')]`)
//! is trimmed, keeping a closing parenthesis or bracket that balances one in
//! the URL (Wikipedia-style `Foo_(bar)`). The host must be a dotted name, an
//! IP literal or `localhost`.
//!
//! Scores: a profile URL (a known social host with a person path, or a generic
//! `/user/`, `/profile/`, `/u/`, `/people/`, `/~name`, `@name` path) is
//! `profile-url` at 0.9; a URL whose query carries an e-mail or a name
//! (`?email=`, `&nom=`) is `url` at 0.8; any other URL is `url` at 0.55.
//! URLs with `user:password@` are first offered to the secret detector, which
//! reports the password alone.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::byte_at;

pub const URL: Kind = Kind::new("url", Label::Url);
pub const PROFILE_URL: Kind = Kind::new("profile-url", Label::Url);
const ID: &str = "url@1";

/// Hard cap on a URL's length: beyond it, the rest is cut (a data: blob, a
/// minified line), keeping confirm cheap.
const MAX_LEN: usize = 4096;

/// Hosts whose first path segment is an account: `host/<name>`.
const FIRST_SEGMENT_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "vk.com",
    "t.me",
    "about.me",
    "threads.net",
    "pinterest.com",
    "pinterest.fr",
    "twitch.tv",
    "soundcloud.com",
    "flickr.com",
    "snapchat.com",
    "telegram.me",
    "gitlab.com",
    "bsky.app",
    "linktr.ee",
    "patreon.com",
    "behance.net",
    "dribbble.com",
    "vimeo.com",
    "tumblr.com",
];

/// Path segments that are site pages on those hosts, not accounts.
const RESERVED_SEGMENTS: &[&str] = &[
    "home",
    "search",
    "explore",
    "hashtag",
    "i",
    "intent",
    "share",
    "sharer",
    "sharer.php",
    "settings",
    "login",
    "signup",
    "register",
    "logout",
    "help",
    "about",
    "privacy",
    "policies",
    "policy",
    "legal",
    "tos",
    "terms",
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "accounts",
    "groups",
    "pages",
    "events",
    "watch",
    "marketplace",
    "gaming",
    "notifications",
    "messages",
    "plugins",
    "dialog",
    "tr",
    "ads",
    "business",
    "developers",
    "features",
    "pricing",
    "topics",
    "trending",
    "collections",
    "marketplace",
    "sponsors",
    "orgs",
    "organizations",
    "site",
    "enterprise",
    "security",
    "apps",
    "contact",
    "blog",
    "jobs",
    "careers",
    "download",
    "downloads",
    "static",
    "assets",
    "api",
    "oauth",
    "auth",
    "js",
    "css",
    "img",
    "images",
    "favicon.ico",
    "robots.txt",
    "sitemap.xml",
    "index.html",
    "feed",
    "rss",
    "status",
    "video",
    "videos",
    "photo",
    "photos",
    "photo.php",
    "permalink.php",
    "story.php",
    "hashtags",
    "s",
    "joinchat",
    "addstickers",
    "share.php",
    "embed",
    "web",
    "new",
    "discover",
    "directory",
    "channel",
    "channels",
    "c",
    "live",
    "music",
    "shorts",
    "results",
    "feed",
    "playlist",
];

/// Generic person paths: `/<segment>/<name>`.
const PERSON_SEGMENTS: &[&str] = &[
    "user",
    "users",
    "profile",
    "profiles",
    "u",
    "people",
    "person",
    "member",
    "members",
    "author",
    "authors",
    "citations",
    "utilisateur",
    "utilisateurs",
    "profil",
    "membre",
    "membres",
    "auteur",
];

/// Query keys whose value is an e-mail, a name or a phone number.
const PERSONAL_KEYS: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "courriel",
    "name",
    "nom",
    "prenom",
    "prénom",
    "firstname",
    "first_name",
    "lastname",
    "last_name",
    "fullname",
    "full_name",
    "surname",
    "username",
    "user",
    "login",
    "phone",
    "tel",
    "telephone",
    "mobile",
    "address",
    "adresse",
    "dob",
    "birthdate",
];

pub struct Url;

impl Url {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

/// Trims trailing punctuation, keeping closers that balance an opener.
fn trim_end(url: &str) -> &str {
    let mut u = url;
    loop {
        let Some(last) = u.bytes().last() else {
            return u;
        };
        let drop = match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*' | b'"' => true,
            b')' => u.matches('(').count() < u.matches(')').count(),
            b']' => u.matches('[').count() < u.matches(']').count(),
            b'}' => u.matches('{').count() < u.matches('}').count(),
            _ => false,
        };
        if !drop {
            return u;
        }
        u = &u[..u.len() - 1];
    }
}

/// Splits `url` (without scheme) into host and the rest (path, query, fragment).
fn split_host(rest: &str) -> (&str, &str) {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // Drop a port.
    let host = if host.starts_with('[') {
        host
    } else {
        host.split_once(':').map_or(host, |(h, _)| h)
    };
    (host, tail)
}

fn host_ok(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || (host.starts_with('[') && host.ends_with(']')) {
        return true;
    }
    let Some((labels, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !labels.is_empty()
        && host.split('.').all(|l| !l.is_empty())
        && ((tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
            || tld.bytes().all(|b| b.is_ascii_digit()))
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

/// `host` is `domain` or one of its subdomains (`fr-fr.facebook.com`).
fn host_is(host: &str, domain: &str) -> bool {
    host.len() >= domain.len()
        && host
            .get(host.len() - domain.len()..)
            .is_some_and(|h| h.eq_ignore_ascii_case(domain))
        && (host.len() == domain.len()
            || host.as_bytes().get(host.len() - domain.len() - 1) == Some(&b'.'))
}

/// A plausible account name: letters, digits and `_ . - %`, at least one letter.
fn name_ok(seg: &str) -> bool {
    !seg.is_empty()
        && seg.len() <= 100
        && seg.chars().any(char::is_alphabetic)
        && seg
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '%' | '+'))
}

fn is_profile(host: &str, tail: &str) -> bool {
    let path = tail.split(['?', '#']).next().unwrap_or("");
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let Some(first) = segs.next() else {
        return false;
    };
    let second = segs.next();
    let reserved = |s: &str| RESERVED_SEGMENTS.iter().any(|r| r.eq_ignore_ascii_case(s));
    // host/@name: TikTok, YouTube, Medium, Mastodon and the Fediverse.
    if let Some(name) = first.strip_prefix('@') {
        return name_ok(name);
    }
    // host/~name: personal pages on university and Unix hosts.
    if let Some(name) = first.strip_prefix('~') {
        return name_ok(name);
    }
    if host_is(host, "facebook.com") && first.eq_ignore_ascii_case("profile.php") {
        return tail.contains("id=");
    }
    if host_is(host, "github.com") {
        // github.com/<name> only: github.com/<owner>/<repo> is a project.
        return second.is_none() && !reserved(first) && name_ok(first);
    }
    if host_is(host, "linkedin.com") {
        return matches!(first, "in" | "pub") && second.is_some_and(name_ok);
    }
    if host_is(host, "reddit.com") {
        return matches!(first, "user" | "u") && second.is_some_and(name_ok);
    }
    if FIRST_SEGMENT_HOSTS.iter().any(|h| host_is(host, h)) {
        return !reserved(first) && name_ok(first);
    }
    PERSON_SEGMENTS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(first))
        && second.is_some_and(|s| name_ok(s) && !reserved(s))
}

fn has_personal_query(tail: &str) -> bool {
    let Some((_, query)) = tail.split_once('?') else {
        return false;
    };
    let query = query.split('#').next().unwrap_or(query);
    query.split(['&', ';']).any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (!value.is_empty() && PERSONAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)))
            || value.contains('@')
            || value.contains("%40")
    })
}

impl Detector for Url {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[URL, PROFILE_URL]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(r#"[Hh][Tt][Tt][Pp][Ss]?://[^ \t\r\n"'<>`]+"#),
            Pattern::new(r#"(?-u:\b)[Ww][Ww][Ww]\.[A-Za-z0-9\-][^ \t\r\n"'<>`]*"#),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        // "xhttp://" or "e.www.": part of a longer token.
        if c.start > 0
            && byte_at(text, c.start - 1).is_some_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'@')
            })
        {
            return false;
        }
        let mut end = c.end.min(c.start + MAX_LEN);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let raw = &text[c.start..end];
        let url = trim_end(raw);
        let rest = if c.pattern == 0 {
            url.split_once("://").map_or("", |(_, r)| r)
        } else {
            url
        };
        let (host, tail) = split_host(rest);
        if !host_ok(host) {
            return false;
        }
        let end = c.start + url.len();
        let (kind, score) = if is_profile(host, tail) {
            (PROFILE_URL, 0.9)
        } else if has_personal_query(tail) {
            (URL, 0.8)
        } else {
            (URL, 0.55)
        };
        out.push(Span::new(c.start, end, kind, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(Url::new().unwrap()), text)
    }

    fn one(text: &str) -> (String, &'static str, f32) {
        let r = run(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        r.into_iter().next().unwrap()
    }

    fn kind(text: &str) -> &'static str {
        one(text).1
    }

    #[test]
    fn finds_urls_in_english_and_french_and_trims_punctuation() {
        assert_eq!(
            one("See https://example.com/docs/page.html.").0,
            "https://example.com/docs/page.html"
        );
        assert_eq!(
            one("Voir (http://exemple.fr/a?b=1), merci").0,
            "http://exemple.fr/a?b=1"
        );
        assert_eq!(one("allez sur www.exemple.fr !").0, "www.exemple.fr");
        assert_eq!(
            one("<a href=\"https://example.org/x\">").0,
            "https://example.org/x"
        );
        assert_eq!(
            one("https://en.wikipedia.org/wiki/Foo_(bar); next").0,
            "https://en.wikipedia.org/wiki/Foo_(bar)"
        );
        assert_eq!(
            one("http://localhost:8080/api").0,
            "http://localhost:8080/api"
        );
        let r = one("lien : https://exemple.fr/café");
        assert_eq!(
            (r.0.as_str(), r.1, r.2),
            ("https://exemple.fr/café", "url", 0.55)
        );
    }

    #[test]
    fn profile_urls_point_at_people() {
        for u in [
            "https://www.linkedin.com/in/jean-dupont-123/",
            "https://fr.linkedin.com/in/marie-curie",
            "https://twitter.com/jdoe",
            "https://x.com/jdoe/status/1234567890",
            "https://www.instagram.com/marie.curie42/",
            "https://www.facebook.com/jean.dupont",
            "https://www.facebook.com/profile.php?id=100000000000001",
            "https://github.com/jdoe",
            "https://www.tiktok.com/@jdoe",
            "https://www.youtube.com/@JeanDupont",
            "https://mastodon.social/@jdoe",
            "https://medium.com/@jdoe/my-post-abc123",
            "https://about.me/jdoe",
            "https://www.reddit.com/user/jdoe",
            "https://reddit.com/u/jdoe",
            "https://t.me/jdoe",
            "https://vk.com/jdoe",
            "https://example.org/users/jdoe",
            "https://forum.exemple.fr/profile/jean_dupont",
            "http://www.cs.example.edu/~jdoe/",
        ] {
            assert_eq!(kind(&format!("Profil : {u} ")), "profile-url", "{u}");
        }
    }

    #[test]
    fn site_pages_are_plain_urls() {
        for u in [
            "https://github.com/rust-lang/regex",
            "https://github.com/features",
            "https://twitter.com/search?q=rust",
            "https://www.facebook.com/groups/12345",
            "https://www.instagram.com/p/ABC123/",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.reddit.com/r/rust",
            "https://example.org/users/",
        ] {
            assert_eq!(kind(&format!("{u} ")), "url", "{u}");
        }
    }

    #[test]
    fn personal_query_parameters_raise_the_score() {
        let r = one("https://example.com/unsubscribe?email=jane.doe%40example.com&x=1");
        assert_eq!((r.1, r.2), ("url", 0.8));
        let r = one("https://exemple.fr/form?nom=Dupont&prenom=Jean");
        assert_eq!((r.1, r.2), ("url", 0.8));
        assert!((one("https://exemple.fr/form?lang=fr").2 - 0.55).abs() < 1e-6);
    }

    #[test]
    fn near_misses_do_not_fire() {
        assert!(run("http://").is_empty());
        assert!(run("https://nodot/").is_empty());
        assert!(run("xhttps://example.com").is_empty());
        assert!(run("swww.example.com").is_empty());
        assert!(run("the www. prefix").is_empty());
        assert!(run("see http://..com").is_empty());
    }
}
