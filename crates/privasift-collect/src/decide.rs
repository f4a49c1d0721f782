//! The decision for one page: every check of the policy, in a fixed order,
//! each with its result and reason; the page is kept only if none excludes
//! it, and the first check that excludes it gives *the* reason.
//!
//! Order: the response itself (status, content type, fetch date, allowed
//! domains), the controller's objections (domains, URLs), sensitive sites
//! (domain lists, URL patterns), robots.txt, ai.txt, tdmrep.json, the `TDMRep`
//! and `X-Robots-Tag` headers, the HTML meta tags; then, on the extracted
//! text, the language, the minimum length and the people who objected.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::html::Head;
use crate::policy::{Policy, domain_lookup, in_domains, normalise_url};
use crate::robots::{self, RobotsFile};
use crate::tdm::{self, NoAi, TdmrepFile};

/// One check and its result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked: `robots.txt`, `ai.txt`, `tdmrep.json`,
    /// `tdm-reservation-header`, `tdm-reservation-meta`, `x-robots-tag`,
    /// `meta-robots`, `sensitive-site`, `objection`, `criteria`, `language`,
    /// `people`, `http`.
    pub signal: &'static str,
    /// `allow` or `exclude`.
    pub result: &'static str,
    /// Stable code for counting (`robots-disallow`, `tdm-reserved`, ...).
    pub code: String,
    /// In words, for people.
    pub reason: String,
}

impl Check {
    fn allow(signal: &'static str, code: &str, reason: impl Into<String>) -> Self {
        Self {
            signal,
            result: "allow",
            code: code.to_owned(),
            reason: reason.into(),
        }
    }
    fn exclude(signal: &'static str, code: &str, reason: impl Into<String>) -> Self {
        Self {
            signal,
            result: "exclude",
            code: code.to_owned(),
            reason: reason.into(),
        }
    }
    pub fn excludes(&self) -> bool {
        self.result == "exclude"
    }
}

/// A page's decision so far.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Decision {
    pub trail: Vec<Check>,
    /// The sensitive category that excluded it, if any.
    pub category: Option<String>,
}

impl Decision {
    pub fn keep(&self) -> bool {
        !self.trail.iter().any(Check::excludes)
    }
    /// The first excluding check.
    pub fn reason(&self) -> Option<&Check> {
        self.trail.iter().find(|c| c.excludes())
    }
    /// Codes of every excluding check.
    pub fn codes(&self) -> Vec<&str> {
        self.trail
            .iter()
            .filter(|c| c.excludes())
            .map(|c| c.code.as_str())
            .collect()
    }
}

/// The opt-out files of one host.
#[derive(Debug)]
pub struct HostSignals {
    pub robots: RobotsFile,
    pub ai_txt: RobotsFile,
    pub tdmrep: TdmrepFile,
    /// Where they came from: `warc`, `cache`, or `none`.
    pub source: &'static str,
}

impl Default for HostSignals {
    fn default() -> Self {
        Self {
            robots: RobotsFile::Missing,
            ai_txt: RobotsFile::Missing,
            tdmrep: TdmrepFile::Missing,
            source: "none",
        }
    }
}

/// Which opt-out file a URL is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalFile {
    Robots,
    AiTxt,
    Tdmrep,
}

impl SignalFile {
    pub fn of(url: &url::Url) -> Option<SignalFile> {
        match url.path() {
            "/robots.txt" => Some(SignalFile::Robots),
            "/ai.txt" => Some(SignalFile::AiTxt),
            "/.well-known/tdmrep.json" => Some(SignalFile::Tdmrep),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            SignalFile::Robots => "robots.txt",
            SignalFile::AiTxt => "ai.txt",
            SignalFile::Tdmrep => "tdmrep.json",
        }
    }
}

/// `host` or `host_port` when the port is not the scheme's default: the key
/// of the per-host cache and the name of its directory in a robots cache.
/// The scheme is not part of it (RFC 9309 separates http and https; a
/// WARC seldom holds both, and we use whichever was fetched).
pub fn host_key(url: &url::Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    Some(match url.port() {
        Some(p) => format!("{host}_{p}"),
        None => host.to_owned(),
    })
}

/// The per-host opt-out files: from the WARC first, else from a robots
/// cache directory (`DIR/<host>/robots.txt`, `ai.txt`, `tdmrep.json`, each
/// with an optional `<file>.status` holding the HTTP status or
/// `unreachable`).
pub struct Signals {
    hosts: HashMap<String, HostSignals>,
    cache: Option<PathBuf>,
    agents: Vec<String>,
    /// Signal records read from the WARC, by file.
    pub from_warc: HashMap<&'static str, u64>,
}

impl Signals {
    pub fn new(agents: Vec<String>, cache: Option<PathBuf>) -> Self {
        Self {
            hosts: HashMap::new(),
            cache,
            agents,
            from_warc: HashMap::new(),
        }
    }

    /// Records a fetch of an opt-out file found in the WARC. A later fetch
    /// replaces an earlier one only if the earlier did not succeed.
    pub fn add_fetch(&mut self, url: &url::Url, which: SignalFile, status: u16, body: &[u8]) {
        let Some(key) = host_key(url) else { return };
        *self.from_warc.entry(which.name()).or_default() += 1;
        let h = self.hosts.entry(key).or_default();
        h.source = "warc";
        match which {
            SignalFile::Robots => {
                if !matches!(h.robots, RobotsFile::Parsed(_)) {
                    h.robots = RobotsFile::from_fetch(status, body, &self.agents);
                }
            }
            SignalFile::AiTxt => {
                if !matches!(h.ai_txt, RobotsFile::Parsed(_)) {
                    h.ai_txt = RobotsFile::from_fetch(status, body, &self.agents);
                }
            }
            SignalFile::Tdmrep => {
                if !matches!(h.tdmrep, TdmrepFile::Parsed(_)) {
                    h.tdmrep = TdmrepFile::from_fetch(status, body);
                }
            }
        }
    }

    /// Records a fetch that got no answer (live mode, cache).
    pub fn set_unreachable(&mut self, key: &str, which: SignalFile, why: &str) {
        let h = self.hosts.entry(key.to_owned()).or_default();
        match which {
            SignalFile::Robots => h.robots = RobotsFile::Unreachable(why.to_owned()),
            SignalFile::AiTxt => h.ai_txt = RobotsFile::Unreachable(why.to_owned()),
            SignalFile::Tdmrep => h.tdmrep = TdmrepFile::Unreachable(why.to_owned()),
        }
    }

    /// The files of a host, loading them from the cache on first use.
    pub fn host(&mut self, key: &str) -> &HostSignals {
        if !self.hosts.contains_key(key) {
            let loaded = self.load_cached(key);
            self.hosts.insert(key.to_owned(), loaded);
        }
        // Just inserted or present.
        self.hosts.entry(key.to_owned()).or_default()
    }

    pub fn hosts_known(&self) -> usize {
        self.hosts.values().filter(|h| h.source != "none").count()
    }

    fn load_cached(&self, key: &str) -> HostSignals {
        let mut h = HostSignals::default();
        let Some(dir) = &self.cache else { return h };
        // A host key never holds a path separator (url's host parser
        // refuses them), but check rather than trust.
        if key.contains(['/', '\\']) || key.starts_with('.') {
            return h;
        }
        let dir = dir.join(key);
        if !dir.is_dir() {
            return h;
        }
        h.source = "cache";
        let read = |name: &str| -> Option<(u16, Vec<u8>)> {
            let status = std::fs::read_to_string(dir.join(format!("{name}.status")))
                .ok()
                .map(|s| s.trim().to_owned());
            let body = std::fs::read(dir.join(name)).ok();
            match (status.as_deref(), body) {
                (Some("unreachable"), _) => Some((0, Vec::new())),
                (Some(s), body) => Some((s.parse().unwrap_or(0), body.unwrap_or_default())),
                (None, Some(b)) => Some((200, b)),
                (None, None) => None,
            }
        };
        if let Some((s, b)) = read("robots.txt") {
            h.robots = if s == 0 {
                RobotsFile::Unreachable("recorded as unreachable in the robots cache".into())
            } else {
                RobotsFile::from_fetch(s, &b, &self.agents)
            };
        }
        if let Some((s, b)) = read("ai.txt") {
            h.ai_txt = if s == 0 {
                RobotsFile::Unreachable("recorded as unreachable in the robots cache".into())
            } else {
                RobotsFile::from_fetch(s, &b, &self.agents)
            };
        }
        if let Some((s, b)) = read("tdmrep.json") {
            h.tdmrep = if s == 0 {
                TdmrepFile::Unreachable("recorded as unreachable in the robots cache".into())
            } else {
                TdmrepFile::from_fetch(s, &b)
            };
        }
        h
    }
}

/// HTTP status, media type and headers of a response.
pub type HttpParts<'a> = (u16, &'a str, &'a [(String, String)]);

/// What is known of a page before its text is extracted.
pub struct PageInfo<'a> {
    pub url: &'a url::Url,
    /// `WARC-Date`.
    pub date: Option<&'a str>,
    /// HTTP status, media type and headers; `None` for `collect check`,
    /// which has only an address.
    pub http: Option<HttpParts<'a>>,
    pub head: Option<&'a Head>,
}

/// The checks that need no text.
pub fn decide_page(policy: &Policy, signals: &mut Signals, page: &PageInfo<'_>) -> Decision {
    let mut d = Decision::default();
    let url = page.url;
    let url_s = url.as_str();
    let host = url
        .host_str()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();

    // The response and the collection criteria.
    if let Some((status, media, _)) = page.http {
        if (200..300).contains(&status) {
            d.trail
                .push(Check::allow("http", "http-ok", format!("HTTP {status}")));
        } else {
            d.trail.push(Check::exclude(
                "http",
                "http-status",
                format!("HTTP {status}: not a page with content"),
            ));
        }
        if policy.content_types.iter().any(|c| c == media) {
            d.trail.push(Check::allow(
                "criteria",
                "content-type",
                format!("content type {media} is collected"),
            ));
        } else {
            let shown = if media.is_empty() { "(none)" } else { media };
            d.trail.push(Check::exclude(
                "criteria",
                "content-type",
                format!("content type {shown} is not among the policy's content types"),
            ));
        }
    }
    // `collect check` has no fetch: the date range applies to fetched pages.
    if (policy.fetched_from.is_some() || policy.fetched_until.is_some()) && page.http.is_some() {
        let day = page.date.and_then(|d| d.get(..10)).unwrap_or("");
        let after = policy.fetched_from.as_deref().is_none_or(|f| day >= f);
        let before = policy.fetched_until.as_deref().is_none_or(|u| day <= u);
        if day.is_empty() {
            d.trail.push(Check::exclude(
                "criteria",
                "fetch-date",
                "no WARC-Date: the fetch date cannot be checked against the policy's range",
            ));
        } else if after && before {
            d.trail.push(Check::allow(
                "criteria",
                "fetch-date",
                format!("fetched on {day}, inside the policy's range"),
            ));
        } else {
            d.trail.push(Check::exclude(
                "criteria",
                "fetch-date",
                format!("fetched on {day}, outside the policy's range"),
            ));
        }
    }
    if !policy.allowed_domains.is_empty() {
        match in_domains(&policy.allowed_domains, &host) {
            Some(dm) => d.trail.push(Check::allow(
                "criteria",
                "domain-allowed",
                format!("{dm} is among the policy's domains"),
            )),
            None => d.trail.push(Check::exclude(
                "criteria",
                "domain-not-allowed",
                "the host is not among the policy's domains",
            )),
        }
    }

    // The controller's objection list.
    if let Some(dm) = in_domains(&policy.objection_domains, &host) {
        d.trail.push(Check::exclude(
            "objection",
            "objection-domain",
            format!("{dm} is on the controller's objection list"),
        ));
    }
    if !policy.objection_urls.is_empty() {
        let norm = normalise_url(url_s).unwrap_or_else(|| url_s.to_owned());
        let hit = policy
            .objection_urls
            .iter()
            .any(|u| match u.strip_suffix('*') {
                Some(prefix) => norm.starts_with(prefix),
                None => norm == *u,
            });
        if hit {
            d.trail.push(Check::exclude(
                "objection",
                "objection-url",
                "the URL is on the controller's objection list",
            ));
        }
    }

    // Sensitive sites.
    if let Some((dm, cat)) = policy.sensitive.domain_category(&host) {
        d.category = Some(cat.to_owned());
        d.trail.push(Check::exclude(
            "sensitive-site",
            "sensitive-domain",
            format!("{dm} is on the {cat} list of sites with sensitive content"),
        ));
    } else {
        let host_path = format!("{host}{}", url.path().to_ascii_lowercase());
        if let Some(cat) = policy.sensitive.pattern_category(&host_path) {
            d.category = Some(cat.to_owned());
            d.trail.push(Check::exclude(
                "sensitive-site",
                "sensitive-url",
                format!("the URL's path matches a {cat} pattern of sensitive content"),
            ));
        } else if !policy.sensitive.categories.is_empty() {
            d.trail.push(Check::allow(
                "sensitive-site",
                "not-sensitive",
                "not on the sensitive-site lists or patterns",
            ));
        }
    }

    // The host's opt-out files.
    let key = host_key(url).unwrap_or_default();
    let agents = &policy.agents;
    let h = signals.host(&key);
    // Path and query: what robots.txt rules match (already percent-encoded).
    let path = &url[url::Position::BeforePath..url::Position::AfterQuery];
    if policy.robots {
        let v = robots::verdict(
            &h.robots,
            "robots.txt",
            path,
            agents,
            policy.missing_robots_allows,
        );
        push_verdict(&mut d, "robots.txt", "robots", &v);
    }
    if policy.ai_txt {
        // ai.txt is optional: a missing one is never a reason to exclude.
        let v = robots::verdict(&h.ai_txt, "ai.txt", path, agents, true);
        if v.code != "missing" || policy.robots {
            push_verdict(&mut d, "ai.txt", "ai-txt", &v);
        }
    }
    if policy.tdmrep {
        match &h.tdmrep {
            TdmrepFile::Missing | TdmrepFile::Unavailable(_) => {}
            TdmrepFile::Unreachable(why) => d.trail.push(Check::exclude(
                "tdmrep.json",
                "tdmrep-unreachable",
                format!("tdmrep.json unreachable ({why}): whether TDM rights are reserved is unknown"),
            )),
            TdmrepFile::Unparseable(why) => d.trail.push(Check::exclude(
                "tdmrep.json",
                "tdmrep-unparseable",
                format!("tdmrep.json cannot be parsed ({why}): excluded, because what the publisher asked is unknown"),
            )),
            f @ TdmrepFile::Parsed(_) => match f.rule_for(path) {
                Some(r) if r.reserved => d.trail.push(Check::exclude(
                    "tdmrep.json",
                    "tdm-reserved",
                    format!(
                        "tdmrep.json reserves TDM rights for `{}`{}",
                        r.location,
                        r.policy
                            .as_deref()
                            .map_or_else(String::new, |p| format!(" (policy {p})"))
                    ),
                )),
                Some(r) => d.trail.push(Check::allow(
                    "tdmrep.json",
                    "tdm-not-reserved",
                    format!("tdmrep.json does not reserve TDM rights for `{}`", r.location),
                )),
                None => d.trail.push(Check::allow(
                    "tdmrep.json",
                    "tdm-no-rule",
                    "no tdmrep.json rule matches this path",
                )),
            },
        }
    }

    // Headers.
    if let Some((_, media, headers)) = page.http {
        let header_values = |name: &str| {
            headers
                .iter()
                .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        if policy.tdmrep {
            for v in header_values("tdm-reservation") {
                match tdm::parse_reservation(v) {
                    Some(true) => {
                        let pol = header_values("tdm-policy")
                            .first()
                            .map_or_else(String::new, |p| format!(" (policy {p})"));
                        d.trail.push(Check::exclude(
                            "tdm-reservation-header",
                            "tdm-reserved",
                            format!("the tdm-reservation header reserves TDM rights{pol}"),
                        ));
                    }
                    Some(false) => d.trail.push(Check::allow(
                        "tdm-reservation-header",
                        "tdm-not-reserved",
                        "the tdm-reservation header is 0",
                    )),
                    None => d.trail.push(Check::exclude(
                        "tdm-reservation-header",
                        "tdm-unparseable",
                        "the tdm-reservation header is neither 0 nor 1: excluded, because what the publisher asked is unknown",
                    )),
                }
            }
        }
        let mut noai = NoAi::default();
        for v in header_values("x-robots-tag") {
            tdm::parse_robots_directives(v, agents, &mut noai);
        }
        push_noai(
            &mut d,
            policy,
            noai,
            "x-robots-tag",
            "X-Robots-Tag header",
            media,
        );
    }

    // HTML meta tags.
    if let Some(head) = page.head {
        let media = page.http.map_or("text/html", |h| h.1);
        let mut noai = NoAi::default();
        for m in &head.metas {
            if m.name == "robots" || agents.iter().any(|a| a.eq_ignore_ascii_case(&m.name)) {
                tdm::parse_robots_directives(&m.content, agents, &mut noai);
            }
            if policy.tdmrep && m.name == "tdm-reservation" {
                match tdm::parse_reservation(&m.content) {
                    Some(true) => d.trail.push(Check::exclude(
                        "tdm-reservation-meta",
                        "tdm-reserved",
                        "a <meta name=\"tdm-reservation\" content=\"1\"> reserves TDM rights",
                    )),
                    Some(false) => d.trail.push(Check::allow(
                        "tdm-reservation-meta",
                        "tdm-not-reserved",
                        "the tdm-reservation meta tag is 0",
                    )),
                    None => d.trail.push(Check::exclude(
                        "tdm-reservation-meta",
                        "tdm-unparseable",
                        "the tdm-reservation meta tag is neither 0 nor 1: excluded, because what the publisher asked is unknown",
                    )),
                }
            }
        }
        push_noai(
            &mut d,
            policy,
            noai,
            "meta-robots",
            "robots meta tag",
            media,
        );
    }
    d
}

fn push_verdict(d: &mut Decision, signal: &'static str, prefix: &str, v: &robots::Verdict) {
    let code = format!("{prefix}-{}", v.code);
    if v.allowed {
        d.trail.push(Check::allow(signal, &code, v.detail.clone()));
    } else {
        d.trail
            .push(Check::exclude(signal, &code, v.detail.clone()));
    }
}

fn push_noai(
    d: &mut Decision,
    policy: &Policy,
    noai: NoAi,
    signal: &'static str,
    where_: &str,
    media: &str,
) {
    if policy.noai && noai.noai {
        d.trail.push(Check::exclude(
            signal,
            "noai",
            format!("the {where_} says noai"),
        ));
    }
    if policy.noimageai && noai.noimageai {
        if media.starts_with("image/") || policy.noimageai_excludes_pages {
            d.trail.push(Check::exclude(
                signal,
                "noimageai",
                format!("the {where_} says noimageai"),
            ));
        } else {
            d.trail.push(Check::allow(
                signal,
                "noimageai-images-only",
                format!("the {where_} says noimageai: it covers the page's images, which are not collected"),
            ));
        }
    }
}

/// The checks on the extracted text: language, length, people.
pub fn decide_text(
    policy: &Policy,
    people: Option<&crate::people::People>,
    text: &str,
    lang: Option<&str>,
    d: &mut Decision,
) {
    if !policy.languages.is_empty() {
        match lang {
            Some(l) if policy.languages.iter().any(|x| x == l) => d.trail.push(Check::allow(
                "language",
                "language",
                format!("language {l} is collected"),
            )),
            Some(l) => d.trail.push(Check::exclude(
                "language",
                "language",
                format!("language {l} is not among the policy's languages"),
            )),
            None => d.trail.push(Check::exclude(
                "language",
                "language",
                "the language could not be identified",
            )),
        }
    }
    if policy.min_text_chars > 0 {
        let n = text.chars().count();
        if n < policy.min_text_chars {
            d.trail.push(Check::exclude(
                "criteria",
                "text-too-short",
                format!(
                    "{n} characters of text, fewer than the policy's {}",
                    policy.min_text_chars
                ),
            ));
        }
    }
    if let Some(p) = people
        && !policy.people.is_empty()
    {
        match p.find(text, &policy.people) {
            Some(label) => d.trail.push(Check::exclude(
                "people",
                "objection-person",
                format!(
                    "the text holds {} of a person on the controller's objection list",
                    if label == privasift_core::Label::Email {
                        "an e-mail address"
                    } else {
                        "a phone number"
                    }
                ),
            )),
            None => d.trail.push(Check::allow(
                "people",
                "no-objecting-person",
                "no e-mail or phone of a person who objected",
            )),
        }
    }
}

/// The category of a matched sensitive domain (for `collect check`).
pub fn sensitive_domain<'a>(policy: &'a Policy, host: &str) -> Option<(&'a str, &'a String)> {
    domain_lookup(&policy.sensitive.domains, host)
}
