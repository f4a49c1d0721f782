//! The collection policy (`collect.toml`): which AI agents' opt-outs to
//! honour, which signals to read, which sensitive-site categories to
//! exclude, the controller's objection list and the collection criteria.
//! Raw TOML is resolved into a plain [`Policy`]; every mistake (an unknown
//! key, a category that does not exist, a date that is not YYYY-MM-DD) is
//! refused with its line and column before anything is read.
//!
//! Without a file, [`Policy::default`] applies: every opt-out signal
//! honoured for the shipped agent list, every sensitive category excluded,
//! no objections, no criteria.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The shipped AI agent list (`data/ai-agents.txt`).
pub const AGENTS_FILE: &str = include_str!("../data/ai-agents.txt");

/// The sensitive-site categories, their data file and what they cover.
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    (
        "health",
        include_str!("../data/sensitive/health.txt"),
        "health (GDPR Art. 9)",
    ),
    (
        "religion",
        include_str!("../data/sensitive/religion.txt"),
        "religious or philosophical beliefs (Art. 9)",
    ),
    (
        "political",
        include_str!("../data/sensitive/political.txt"),
        "political parties and opinions (Art. 9)",
    ),
    (
        "trade-union",
        include_str!("../data/sensitive/trade-union.txt"),
        "trade-union membership (Art. 9)",
    ),
    (
        "sexual-orientation",
        include_str!("../data/sensitive/sexual-orientation.txt"),
        "sex life and sexual orientation, dating (Art. 9)",
    ),
    (
        "ethnicity",
        include_str!("../data/sensitive/ethnicity.txt"),
        "racial or ethnic origin (Art. 9)",
    ),
    (
        "criminal",
        include_str!("../data/sensitive/criminal.txt"),
        "criminal convictions and offences (Art. 10)",
    ),
];

/// URL-pattern rules shipped with the lists.
pub const URL_PATTERNS_FILE: &str = include_str!("../data/sensitive/url-patterns.txt");

/// The agents of the shipped list.
pub fn shipped_agents() -> Vec<String> {
    AGENTS_FILE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// A policy that cannot be used; the message names the file and where.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PolicyError {
    pub path: String,
    pub message: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    robots: RawRobots,
    #[serde(default)]
    signals: RawSignals,
    #[serde(default)]
    sensitive: RawSensitive,
    #[serde(default)]
    objections: RawObjections,
    #[serde(default)]
    criteria: RawCriteria,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRobots {
    honour: Option<bool>,
    agents: Option<Vec<String>>,
    #[serde(default)]
    extra_agents: Vec<String>,
    missing: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSignals {
    ai_txt: Option<bool>,
    tdmrep: Option<bool>,
    noai: Option<bool>,
    noimageai: Option<bool>,
    noimageai_excludes_pages: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSensitive {
    categories: Option<Vec<String>>,
    #[serde(default)]
    extra_domains: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    files: BTreeMap<String, Vec<PathBuf>>,
    #[serde(default)]
    url_patterns: BTreeMap<String, Vec<String>>,
    shipped_url_patterns: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawObjections {
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    urls: Vec<String>,
    #[serde(default)]
    suppression: Vec<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCriteria {
    #[serde(default)]
    languages: Vec<String>,
    content_types: Option<Vec<String>>,
    fetched_from: Option<String>,
    fetched_until: Option<String>,
    #[serde(default)]
    domains: Vec<String>,
    min_text_chars: Option<usize>,
}

/// A resolved policy.
// One switch per signal, as the TOML has them: clearer than a bit set.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug, Serialize)]
pub struct Policy {
    /// The AI user agents whose robots.txt / ai.txt rules are honoured.
    pub agents: Vec<String>,
    pub robots: bool,
    pub missing_robots_allows: bool,
    pub ai_txt: bool,
    pub tdmrep: bool,
    pub noai: bool,
    pub noimageai: bool,
    pub noimageai_excludes_pages: bool,
    pub sensitive: SensitiveSites,
    pub objection_domains: BTreeSet<String>,
    /// Exact URLs, and prefixes (given with a trailing `*`).
    pub objection_urls: Vec<String>,
    /// Suppression lists (`rights erase --suppression`) to load with the key.
    pub suppression_files: Vec<PathBuf>,
    /// Keyed hashes of people who objected, once loaded.
    #[serde(skip)]
    pub people: HashSet<String>,
    pub languages: Vec<String>,
    pub content_types: Vec<String>,
    pub fetched_from: Option<String>,
    pub fetched_until: Option<String>,
    pub allowed_domains: BTreeSet<String>,
    pub min_text_chars: usize,
}

/// Sensitive-site domain lists and URL patterns, by category.
#[derive(Clone, Debug, Serialize)]
pub struct SensitiveSites {
    /// The categories excluded.
    pub categories: Vec<String>,
    /// domain → category (only for excluded categories).
    pub domains: BTreeMap<String, String>,
    /// (category, regex over `host/path`).
    pub patterns: Vec<(String, String)>,
    #[serde(skip)]
    compiled: Option<regex::RegexSet>,
}

impl SensitiveSites {
    /// The category a host belongs to, by its domain list.
    pub fn domain_category(&self, host: &str) -> Option<(&str, &str)> {
        domain_lookup(&self.domains, host).map(|(d, c)| (d, c.as_str()))
    }

    /// The category a URL's `host/path` matches by pattern.
    pub fn pattern_category(&self, host_path: &str) -> Option<&str> {
        let set = self.compiled.as_ref()?;
        let m = set.matches(host_path);
        let i = m.iter().next()?;
        self.patterns.get(i).map(|(c, _)| c.as_str())
    }
}

/// `host` or its closest parent domain in `map`: (matched domain, value).
pub fn domain_lookup<'a, V>(map: &'a BTreeMap<String, V>, host: &str) -> Option<(&'a str, &'a V)> {
    let host = host.trim_end_matches('.');
    let mut h = host;
    loop {
        if let Some((k, v)) = map.get_key_value(h) {
            return Some((k.as_str(), v));
        }
        h = h.split_once('.')?.1;
    }
}

/// Is `host` `domain` or one of its subdomains, for any domain in `set`?
pub fn in_domains(set: &BTreeSet<String>, host: &str) -> Option<String> {
    let host = host.trim_end_matches('.');
    let mut h = host;
    loop {
        if set.contains(h) {
            return Some(h.to_owned());
        }
        h = h.split_once('.')?.1;
    }
}

fn list_domains(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(normalise_domain)
}

/// Lower case, no scheme, no `www.`, no path, no trailing dot.
pub fn normalise_domain(d: &str) -> String {
    let d = d.trim().to_ascii_lowercase();
    let d = d
        .strip_prefix("https://")
        .or_else(|| d.strip_prefix("http://"))
        .unwrap_or(&d);
    let d = d.split('/').next().unwrap_or(d);
    let d = d.trim_end_matches('.');
    d.strip_prefix("www.").unwrap_or(d).to_owned()
}

impl Default for Policy {
    fn default() -> Self {
        // The shipped data compiles (a unit test checks it); an empty
        // pattern set is the fallback should it ever not.
        Self::resolve(Raw::default(), Path::new("."), "<default>").unwrap_or_else(|_| Policy {
            agents: shipped_agents(),
            robots: true,
            missing_robots_allows: true,
            ai_txt: true,
            tdmrep: true,
            noai: true,
            noimageai: true,
            noimageai_excludes_pages: false,
            sensitive: SensitiveSites {
                categories: Vec::new(),
                domains: BTreeMap::new(),
                patterns: Vec::new(),
                compiled: None,
            },
            objection_domains: BTreeSet::new(),
            objection_urls: Vec::new(),
            suppression_files: Vec::new(),
            people: HashSet::new(),
            languages: Vec::new(),
            content_types: default_content_types(),
            fetched_from: None,
            fetched_until: None,
            allowed_domains: BTreeSet::new(),
            min_text_chars: 0,
        })
    }
}

fn default_content_types() -> Vec<String> {
    vec![
        "text/html".into(),
        "application/xhtml+xml".into(),
        "text/plain".into(),
    ]
}

impl Policy {
    /// Reads and resolves a policy file. Relative paths in it (lists,
    /// suppression files) are relative to the file.
    pub fn from_file(path: &Path) -> Result<Policy, PolicyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
            path: shown.clone(),
            message: format!("cannot read: {e}"),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Self::from_str(&text, base, &shown)
    }

    /// Resolves a policy given as text.
    pub fn from_str(text: &str, base: &Path, shown: &str) -> Result<Policy, PolicyError> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or_else(String::new, |s| {
                let (line, col) = line_col(text, s.start);
                format!("line {line}, column {col}: ")
            });
            PolicyError {
                path: shown.to_owned(),
                message: format!("{at}{}", e.message()),
            }
        })?;
        Self::resolve(raw, base, shown)
    }

    fn resolve(raw: Raw, base: &Path, shown: &str) -> Result<Policy, PolicyError> {
        let err = |m: String| PolicyError {
            path: shown.to_owned(),
            message: m,
        };
        let mut agents = raw.robots.agents.unwrap_or_else(shipped_agents);
        for a in raw.robots.extra_agents {
            if !agents.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                agents.push(a);
            }
        }
        for a in &agents {
            if a.is_empty()
                || !a
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                return Err(err(format!(
                    "[robots] agents: `{a}` is not a robots.txt product token (letters, digits, `-`, `_`, `.`)"
                )));
            }
        }
        let missing_robots_allows = match raw.robots.missing.as_deref() {
            None | Some("allow") => true,
            Some("exclude") => false,
            Some(o) => {
                return Err(err(format!(
                    "[robots] missing: `{o}` is neither \"allow\" nor \"exclude\""
                )));
            }
        };
        let known: Vec<&str> = CATEGORIES.iter().map(|c| c.0).collect();
        let check_cat = |c: &str, what: &str| {
            if known.contains(&c) {
                Ok(())
            } else {
                Err(err(format!(
                    "[sensitive] {what}: `{c}` is not a category (one of {})",
                    known.join(", ")
                )))
            }
        };
        let categories = match raw.sensitive.categories {
            Some(c) => c,
            None => known.iter().map(|s| (*s).to_owned()).collect(),
        };
        for c in &categories {
            check_cat(c, "categories")?;
        }
        let mut domains = BTreeMap::new();
        for (name, text, _) in CATEGORIES {
            if categories.iter().any(|c| c == name) {
                for d in list_domains(text) {
                    domains.insert(d, (*name).to_owned());
                }
            }
        }
        for (cat, ds) in &raw.sensitive.extra_domains {
            check_cat(cat, "extra-domains")?;
            for d in ds {
                domains.insert(normalise_domain(d), cat.clone());
            }
        }
        for (cat, files) in &raw.sensitive.files {
            check_cat(cat, "files")?;
            for f in files {
                let p = base.join(f);
                let text = std::fs::read_to_string(&p).map_err(|e| {
                    err(format!(
                        "[sensitive] files: cannot read {}: {e}",
                        p.display()
                    ))
                })?;
                for d in list_domains(&text) {
                    domains.insert(d, cat.clone());
                }
            }
        }
        let mut patterns = Vec::new();
        if raw.sensitive.shipped_url_patterns.unwrap_or(true) {
            for l in URL_PATTERNS_FILE.lines() {
                if l.trim().is_empty() || l.starts_with('#') {
                    continue;
                }
                if let Some((c, re)) = l.split_once('\t')
                    && categories.iter().any(|x| x == c)
                {
                    patterns.push((c.to_owned(), re.trim().to_owned()));
                }
            }
        }
        for (cat, res) in &raw.sensitive.url_patterns {
            check_cat(cat, "url-patterns")?;
            for re in res {
                patterns.push((cat.clone(), re.clone()));
            }
        }
        let compiled = if patterns.is_empty() {
            None
        } else {
            Some(
                regex::RegexSet::new(patterns.iter().map(|(_, r)| r.as_str()))
                    .map_err(|e| err(format!("[sensitive] url-patterns: {e}")))?,
            )
        };
        let objection_urls = raw
            .objections
            .urls
            .iter()
            .map(|u| normalise_url(u).unwrap_or_else(|| u.trim().to_owned()))
            .collect();
        for (what, d) in [
            ("fetched-from", &raw.criteria.fetched_from),
            ("fetched-until", &raw.criteria.fetched_until),
        ] {
            if let Some(d) = d
                && !is_date(d)
            {
                return Err(err(format!(
                    "[criteria] {what}: `{d}` is not a date YYYY-MM-DD"
                )));
            }
        }
        let languages = raw
            .criteria
            .languages
            .iter()
            .map(|l| {
                let l = l.trim().to_ascii_lowercase();
                crate::html::iso639_1(&l).to_owned()
            })
            .collect();
        Ok(Policy {
            agents,
            robots: raw.robots.honour.unwrap_or(true),
            missing_robots_allows,
            ai_txt: raw.signals.ai_txt.unwrap_or(true),
            tdmrep: raw.signals.tdmrep.unwrap_or(true),
            noai: raw.signals.noai.unwrap_or(true),
            noimageai: raw.signals.noimageai.unwrap_or(true),
            noimageai_excludes_pages: raw.signals.noimageai_excludes_pages.unwrap_or(false),
            sensitive: SensitiveSites {
                categories,
                domains,
                patterns,
                compiled,
            },
            objection_domains: raw
                .objections
                .domains
                .iter()
                .map(|d| normalise_domain(d))
                .collect(),
            objection_urls,
            suppression_files: raw
                .objections
                .suppression
                .iter()
                .map(|p| base.join(p))
                .collect(),
            people: HashSet::new(),
            languages,
            content_types: raw
                .criteria
                .content_types
                .unwrap_or_else(default_content_types)
                .into_iter()
                .map(|c| c.trim().to_ascii_lowercase())
                .collect(),
            fetched_from: raw.criteria.fetched_from,
            fetched_until: raw.criteria.fetched_until,
            allowed_domains: raw
                .criteria
                .domains
                .iter()
                .map(|d| normalise_domain(d))
                .collect(),
            min_text_chars: raw.criteria.min_text_chars.unwrap_or(0),
        })
    }

    /// SHA-256 of the resolved policy (agents, lists, patterns, criteria and
    /// the keyed hashes of people), so the ledger says exactly which rules
    /// decided; the same for the same rules however the file is written.
    pub fn digest(&self) -> String {
        use sha2::Digest as _;
        let mut h = sha2::Sha256::new();
        h.update(serde_json::to_vec(self).unwrap_or_default());
        let mut people: Vec<&String> = self.people.iter().collect();
        people.sort();
        for p in people {
            h.update(p.as_bytes());
            h.update(b"\n");
        }
        hex::encode(h.finalize())
    }

    /// Does the policy need the page's text before deciding (language,
    /// people, minimum length)?
    pub fn needs_text(&self) -> bool {
        !self.languages.is_empty() || !self.people.is_empty() || self.min_text_chars > 0
    }
}

/// A URL without fragment, scheme and host in lower case; `None` if it is
/// not an absolute URL.
pub fn normalise_url(u: &str) -> Option<String> {
    let mut url = url::Url::parse(u.trim()).ok()?;
    url.set_fragment(None);
    Some(url.to_string())
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Per-category sensitive counts, for the summary.
pub type CategoryCounts = HashMap<String, u64>;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_has_everything() {
        let p = Policy::default();
        assert!(p.agents.iter().any(|a| a == "GPTBot"));
        assert!(p.agents.iter().any(|a| a == "CCBot"));
        assert_eq!(p.sensitive.categories.len(), 7);
        assert!(p.sensitive.compiled.is_some());
        assert_eq!(
            p.sensitive.domain_category("www.doctolib.fr").map(|x| x.1),
            Some("health")
        );
        assert_eq!(p.sensitive.domain_category("notdoctolib.fr"), None);
        assert!(p.robots && p.ai_txt && p.tdmrep && p.noai && p.missing_robots_allows);
    }

    #[test]
    fn mistakes_name_line_and_column() {
        let e = Policy::from_str("[robots]\nagentz = []\n", Path::new("."), "p.toml").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = Policy::from_str(
            "[sensitive]\ncategories = [\"helth\"]\n",
            Path::new("."),
            "p.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("helth"), "{e}");
        let e = Policy::from_str(
            "[criteria]\nfetched-from = \"2024\"\n",
            Path::new("."),
            "p.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn digest_changes_with_rules() {
        let a = Policy::default();
        let b = Policy::from_str(
            "[robots]\nextra-agents = [\"NewBot\"]\n",
            Path::new("."),
            "p",
        )
        .unwrap();
        assert_ne!(a.digest(), b.digest());
        assert_eq!(a.digest(), Policy::default().digest());
    }
}
