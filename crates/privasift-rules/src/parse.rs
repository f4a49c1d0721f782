//! Reading a manifest: TOML syntax, unknown keys, wrong types, then the
//! combinations that cannot be true. Every mistake comes back with file,
//! line, column and, where one is close, a suggestion.

use std::fmt;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::manifest::{GdprRole, LegalBasis, Manifest};

/// A mistake in a manifest, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ManifestError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// "did you mean `legal-basis`?", or another hint.
    pub help: Option<String>,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.column, self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

/// One step of a path into the manifest: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into the manifest, such as `sources[1].art9-exception`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Seg>);

impl Path {
    #[must_use]
    pub fn key(mut self, k: &str) -> Path {
        self.0.push(Seg::Key(k.to_owned()));
        self
    }
    #[must_use]
    pub fn index(mut self, i: usize) -> Path {
        self.0.push(Seg::Index(i));
        self
    }
    /// Parses `sources[1].art9-exception`.
    pub fn parse(s: &str) -> Path {
        let mut p = Path::default();
        for part in s.split('.').filter(|p| !p.is_empty()) {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                p = p.key(key);
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse() {
                    p = p.index(i);
                }
            }
        }
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Where a path is in the text: the deepest part of it that exists (a key
/// that is missing points at its table).
pub fn locate(text: &str, path: &Path) -> Option<Range<usize>> {
    let root = DeTable::parse(text).ok()?;
    let mut best = None;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut value: Option<&DeValue<'_>> = None;
    for seg in &path.0 {
        match seg {
            Seg::Key(k) => {
                let t = match (table, value) {
                    (Some(t), _) => t,
                    (None, Some(DeValue::Table(t))) => t,
                    _ => break,
                };
                let Some((key, v)) = t.iter().find(|(key, _)| key.get_ref().as_ref() == k) else {
                    break;
                };
                best = Some(key.span());
                table = None;
                value = Some(v.get_ref());
            }
            Seg::Index(i) => {
                let Some(DeValue::Array(a)) = value else {
                    break;
                };
                let Some(v) = a.get(*i) else { break };
                best = Some(v.span());
                table = None;
                value = Some(v.get_ref());
            }
        }
    }
    best
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl ManifestError {
    fn at(text: &str, origin: &str, offset: usize, message: String, help: Option<String>) -> Self {
        let (line, column) = line_col(text, offset);
        Self {
            origin: origin.to_owned(),
            line,
            column,
            message,
            help,
        }
    }

    fn at_path(
        text: &str,
        origin: &str,
        path: &Path,
        message: String,
        help: Option<String>,
    ) -> Self {
        let offset = locate(text, path).map_or(0, |r| r.start);
        Self::at(text, origin, offset, format!("`{path}`: {message}"), help)
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely
/// typo (`legal_basis` → `legal-basis`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace('_', "-");
    let w = norm(word);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &norm(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// serde's "unknown field `x`, expected one of `a`, `b`" (and the same for
/// variants) → a suggestion.
fn suggestion(message: &str) -> Option<String> {
    let ticked: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (word, expected) = ticked.split_first()?;
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return None;
    }
    did_you_mean(word, expected.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

/// Parses and validates a manifest. `origin` names the file in messages.
pub fn parse(text: &str, origin: &str) -> Result<Manifest, ManifestError> {
    let manifest: Manifest = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_owned();
        let help = suggestion(&message);
        let offset = e.span().map_or(0, |s| s.start);
        ManifestError::at(text, origin, offset, message, help)
    })?;
    if let Some((path, message, help)) = impossible(&manifest).into_iter().next() {
        return Err(ManifestError::at_path(text, origin, &path, message, help));
    }
    Ok(manifest)
}

/// Combinations that cannot be true, each with its path. The first is
/// reported; the order is the manifest's.
pub fn impossible(m: &Manifest) -> Vec<(Path, String, Option<String>)> {
    let mut out: Vec<(Path, String, Option<String>)> = Vec::new();
    let root = Path::default;
    if m.version != 1 {
        out.push((
            root().key("version"),
            format!(
                "manifest version {} is not known to this privasift",
                m.version
            ),
            Some("use `version = 1`".into()),
        ));
    }
    let controllers: Vec<&str> = std::iter::once(m.controller.name.as_str())
        .chain(
            m.actors
                .iter()
                .filter(|a| a.gdpr_role != GdprRole::Processor)
                .map(|a| a.name.as_str()),
        )
        .collect();
    for (i, a) in m.actors.iter().enumerate() {
        if a.gdpr_role == GdprRole::Processor {
            match &a.on_behalf_of {
                None => out.push((
                    root().key("actors").index(i).key("gdpr-role"),
                    format!("processor `{}` acts for no controller", a.name),
                    Some("add `on-behalf-of = \"<controller name>\"`".into()),
                )),
                Some(c) if !controllers.contains(&c.as_str()) => out.push((
                    root().key("actors").index(i).key("on-behalf-of"),
                    format!(
                        "processor `{}` acts for `{c}`, which is not a controller of this manifest",
                        a.name
                    ),
                    did_you_mean(c, controllers.iter().copied())
                        .map(|s| format!("did you mean `{s}`?")),
                )),
                Some(_) => {}
            }
        } else if a.on_behalf_of.is_some() {
            out.push((
                root().key("actors").index(i).key("on-behalf-of"),
                format!(
                    "`on-behalf-of` is for processors, and `{}` is not one",
                    a.name
                ),
                None,
            ));
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, p) in m.purposes.iter().enumerate() {
        if !ids.insert(p.id.as_str()) {
            out.push((
                root().key("purposes").index(i).key("id"),
                format!("purpose id `{}` is used twice", p.id),
                None,
            ));
        }
    }
    let purpose_ids: Vec<&str> = m.purposes.iter().map(|p| p.id.as_str()).collect();
    let mut source_ids = std::collections::BTreeSet::new();
    for (i, s) in m.sources.iter().enumerate() {
        let at = || root().key("sources").index(i);
        if !source_ids.insert(s.id.as_str()) {
            out.push((
                at().key("id"),
                format!("source id `{}` is used twice", s.id),
                None,
            ));
        }
        for (j, p) in s.purposes.iter().enumerate() {
            if !purpose_ids.contains(&p.as_str()) {
                out.push((
                    at().key("purposes").index(j),
                    format!(
                        "source `{}` names purpose `{p}`, which no `[[purposes]]` entry has",
                        s.id
                    ),
                    did_you_mean(p, purpose_ids.iter().copied())
                        .map(|c| format!("did you mean `{c}`?")),
                ));
            }
        }
        if s.art9_exception.is_some() && s.special_categories.is_empty() {
            out.push((
                at().key("art9-exception"),
                format!(
                    "source `{}` relies on an Art. 9 exception but declares no special category",
                    s.id
                ),
                Some("list them in `special-categories`, or remove `art9-exception`".into()),
            ));
        }
        if !s.personal_data && (!s.special_categories.is_empty() || s.legal_basis.is_some()) {
            let key = if s.special_categories.is_empty() {
                "legal-basis"
            } else {
                "special-categories"
            };
            out.push((
                at().key(key),
                format!(
                    "source `{}` declares `personal-data = false` but gives `{key}`",
                    s.id
                ),
                None,
            ));
        }
        let mismatch = |key: &str, basis: LegalBasis, present: bool| {
            (present && s.legal_basis != Some(basis)).then(|| {
                (
                    at().key(key),
                    format!(
                        "source `{}` gives `{key}` but its legal basis is {}",
                        s.id,
                        s.legal_basis
                            .map_or("not set".into(), |b| format!("`{}`", kebab(&b)))
                    ),
                    Some(format!(
                        "set `legal-basis = \"{}\"` or remove `{key}`",
                        kebab(&basis)
                    )),
                )
            })
        };
        out.extend(mismatch(
            "legitimate-interest",
            LegalBasis::LegitimateInterest,
            s.legitimate_interest.is_some(),
        ));
        out.extend(mismatch(
            "consent",
            LegalBasis::Consent,
            s.consent.is_some(),
        ));
        out.extend(mismatch(
            "contract-necessity",
            LegalBasis::Contract,
            s.contract_necessity.is_some(),
        ));
        if s.scraping.is_some() && s.mode != crate::manifest::SourceMode::Scraped {
            out.push((
                at().key("scraping"),
                format!(
                    "source `{}` describes scraping but its mode is not `scraped`",
                    s.id
                ),
                None,
            ));
        }
        if s.reuse.is_some() && !s.mode.is_reuse() {
            out.push((
                at().key("reuse"),
                format!(
                    "source `{}` describes re-use checks but its mode is `{}`",
                    s.id,
                    kebab(&s.mode)
                ),
                None,
            ));
        }
    }
    let periods = [
        (
            "development",
            m.retention.development.as_ref().map(|p| (p.start, p.end)),
        ),
        (
            "maintenance",
            m.retention.maintenance.as_ref().map(|p| (p.start, p.end)),
        ),
        (
            "audit",
            m.retention.audit.as_ref().map(|p| (p.start, p.end)),
        ),
    ];
    for (name, p) in periods {
        if let Some((start, end)) = p
            && end < start
        {
            out.push((
                root().key("retention").key(name).key("end"),
                format!("the {name} retention ends ({end}) before it starts ({start})"),
                None,
            ));
        }
    }
    for (i, r) in m.dpia.risks.iter().enumerate() {
        for (key, v) in [("severity", r.severity), ("likelihood", r.likelihood)] {
            if !(1..=4).contains(&v) {
                out.push((
                    root().key("dpia").key("risks").index(i).key(key),
                    format!("{key} {v} is not on the 4-level scale"),
                    Some("1 negligible, 2 limited, 3 significant, 4 maximum".into()),
                ));
            }
        }
    }
    let rule_ids: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
    for (i, d) in m.deviations.iter().enumerate() {
        let at = root().key("deviations").index(i).key("rule");
        match crate::rules::find(&d.rule) {
            None => out.push((
                at,
                format!("no rule has the id `{}`", d.rule),
                did_you_mean(&d.rule, rule_ids.iter().copied())
                    .map(|c| format!("did you mean `{c}`?"))
                    .or_else(|| Some("`privasift rules` lists them".into())),
            )),
            Some(r) if r.meta().kind == crate::rule::RuleKind::Obligation => out.push((
                at,
                format!(
                    "`{}` recalls a legal obligation: it cannot be departed from, only met",
                    d.rule
                ),
                None,
            )),
            Some(_) => {
                if d.justification.trim().is_empty() {
                    out.push((
                        root().key("deviations").index(i).key("justification"),
                        "a deviation needs a justification".into(),
                        None,
                    ));
                }
            }
        }
    }
    out
}

/// The kebab-case name serde gives a unit variant.
pub fn kebab<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_and_locate() {
        let p = Path::parse("sources[1].art9-exception");
        assert_eq!(p.to_string(), "sources[1].art9-exception");
        let text =
            "[[sources]]\nid = \"a\"\n\n[[sources]]\nid = \"b\"\nart9-exception = \"research\"\n";
        let r = locate(text, &p).unwrap();
        assert_eq!(line_col(text, r.start), (6, 1));
    }

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(
            did_you_mean("legal_basis", ["legal-basis", "legal-text"]),
            Some("legal-basis")
        );
        assert_eq!(did_you_mean("zzz", ["legal-basis"]), None);
        let m = "unknown field `legal_basis`, expected one of `id`, `legal-basis`";
        assert_eq!(
            suggestion(m).as_deref(),
            Some("did you mean `legal-basis`?")
        );
    }

    #[test]
    fn dates_count_days() {
        let d = |s| crate::manifest::Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2024-03-01").days() - d("2024-02-28").days(), 2);
        assert!(crate::manifest::Date::parse("2024-13-01").is_none());
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2026-11-24",
            "2100-03-01",
        ] {
            assert_eq!(crate::manifest::Date::from_days(d(s).days()), d(s), "{s}");
        }
    }
}
