//! The clean policy: what happens to each kind of personal data, in each
//! field, and to whole records. Written in TOML (see `examples/clean.toml`
//! for a commented example); checked completely before any data is read.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use privasift_core::{Kind, Label};
use serde::Deserialize;
use sha2::Digest as _;
use toml::Spanned;

/// The action of context kinds no rule names.
static KEEP: Action = Action::Keep;

/// What to do with one finding (or, for a field rule, a whole field value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the value as it is.
    Keep,
    /// Replace it by its label: `[EMAIL]`.
    Redact,
    /// Keep part of it, star the rest: `***@example.fr`, `************1234`.
    Mask(MaskPart),
    /// Replace it by a keyed token, the same for the same value and key:
    /// `<EMAIL_7f3a9c12d4e0>`.
    Pseudonymise,
    /// Replace it by a realistic fake value of the same kind, the same for
    /// the same value and key.
    Surrogate,
    /// Replace it by its deterministic encryption (AES-SIV): `<enc:EMAIL:…>`,
    /// reversible with the key (`privasift reveal`).
    Encrypt,
    /// Keep a coarser version: a date's month or year, a postcode's
    /// département, an age's band.
    Generalise(Granularity),
    /// Remove the whole field the value is in.
    DropField,
    /// Remove the whole record, writing it nowhere.
    DropRecord,
}

/// Which part of a value `mask` keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskPart {
    /// The domain of an e-mail address (other kinds: the last 4 characters).
    Domain,
    /// The first `n` letters or digits.
    First(usize),
    /// The last `n` letters or digits.
    Last(usize),
}

/// How far `generalise` coarsens a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// A date to its month: `1985-03`.
    Month,
    /// A date to its year: `1985`.
    Year,
    /// A French postcode to its département: `75`, `2A`, `974`.
    Departement,
    /// An age to a band of `width` years: `30-39`.
    AgeBand(u32),
}

impl Action {
    /// The action's name as a policy writes it (and the ledger records it).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Redact => "redact",
            Action::Mask(_) => "mask",
            Action::Pseudonymise => "pseudonymise",
            Action::Surrogate => "surrogate",
            Action::Encrypt => "encrypt",
            Action::Generalise(_) => "generalise",
            Action::DropField => "drop-field",
            Action::DropRecord => "drop-record",
        }
    }

    /// Whether the action needs the key.
    pub fn needs_key(&self) -> bool {
        matches!(
            self,
            Action::Pseudonymise | Action::Surrogate | Action::Encrypt
        )
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Mask(MaskPart::Domain) => f.write_str("mask (keep the domain)"),
            Action::Mask(MaskPart::First(n)) => write!(f, "mask (keep the first {n})"),
            Action::Mask(MaskPart::Last(n)) => write!(f, "mask (keep the last {n})"),
            Action::Generalise(g) => write!(
                f,
                "generalise to {}",
                match g {
                    Granularity::Month => "month".to_owned(),
                    Granularity::Year => "year".to_owned(),
                    Granularity::Departement => "département".to_owned(),
                    Granularity::AgeBand(w) => format!("{w}-year age bands"),
                }
            ),
            other => f.write_str(other.name()),
        }
    }
}

/// Record-level rules.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordRules {
    /// Drop a record with more findings than this (Dolma drops documents
    /// with more than 5 matches).
    pub max_findings: Option<u32>,
    /// Drop a record when findings cover more than this share of its text
    /// (0 to 1).
    pub max_share: Option<f64>,
}

/// A rule for one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldRule {
    pub path: String,
    /// Applied to the whole value of the field, without looking for findings.
    pub action: Option<Action>,
    /// The label written for whole-value actions (`[PERSON]`, `<PERSON_…>`).
    pub label: Label,
    /// Rules for findings in this field, by kind name or label, before the
    /// policy's own.
    pub kinds: BTreeMap<String, Action>,
    /// Line and column of the rule in the policy file.
    pub at: (usize, usize),
}

/// A checked policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// For kinds not listed in `kinds`.
    pub default: Action,
    /// For special-category (GDPR Art. 9) and criminal-offence (Art. 10)
    /// findings not listed in `kinds`.
    pub special_categories: Action,
    /// By kind name (`email`) or label (`EMAIL`); a kind name wins.
    pub kinds: BTreeMap<String, Action>,
    /// Minimisation: when set, every field not listed is dropped.
    pub keep_fields: Option<Vec<String>>,
    /// Line and column of each `keep` entry.
    keep_at: Vec<(usize, usize)>,
    pub fields: Vec<FieldRule>,
    pub records: RecordRules,
    /// Hex characters in a pseudonym token (8 to 64).
    pub token_chars: usize,
    /// SHA-256 of the policy's text (`default` for the built-in one), for the
    /// ledger.
    pub digest: String,
    /// Where the policy came from, for messages.
    pub origin: String,
}

impl Policy {
    /// The policy used without `--policy`: every finding is redacted, and a
    /// record with special-category or criminal-offence data is dropped.
    pub fn builtin() -> Self {
        Self {
            default: Action::Redact,
            special_categories: Action::DropRecord,
            kinds: BTreeMap::new(),
            keep_fields: None,
            keep_at: Vec::new(),
            fields: Vec::new(),
            records: RecordRules::default(),
            token_chars: 12,
            digest: "builtin-v1".to_owned(),
            origin: "the built-in default policy".to_owned(),
        }
    }

    /// Whether any rule needs the key.
    pub fn needs_key(&self) -> bool {
        self.default.needs_key()
            || self.special_categories.needs_key()
            || self.kinds.values().any(Action::needs_key)
            || self.fields.iter().any(|f| {
                f.action.as_ref().is_some_and(Action::needs_key)
                    || f.kinds.values().any(Action::needs_key)
            })
    }

    /// The action for a finding of `kind` in the field at `path`.
    pub fn action_for(&self, kind: Kind, path: &str) -> &Action {
        if let Some(rule) = self.field_rule(path)
            && let Some(a) = rule
                .kinds
                .get(kind.name)
                .or_else(|| rule.kinds.get(kind.label.as_str()))
        {
            return a;
        }
        if let Some(a) = self
            .kinds
            .get(kind.name)
            .or_else(|| self.kinds.get(kind.label.as_str()))
        {
            return a;
        }
        if kind.label.is_special_category() {
            &self.special_categories
        } else if !kind.personal {
            // Context kinds (event dates, place names, organisations) are
            // kept unless a rule above names them.
            &KEEP
        } else {
            &self.default
        }
    }

    /// The rule for a field, if any.
    pub fn field_rule(&self, path: &str) -> Option<&FieldRule> {
        self.fields.iter().find(|f| f.path == path)
    }

    /// Whether minimisation keeps the field at `path` (a field is kept when
    /// it, one of its parents, or one of its children is listed).
    pub fn keeps_field(&self, path: &str) -> bool {
        let Some(keep) = &self.keep_fields else {
            return true;
        };
        keep.iter().any(|k| {
            k == path
                || path
                    .strip_prefix(k.as_str())
                    .is_some_and(|r| r.starts_with('.'))
                || k.strip_prefix(path).is_some_and(|r| r.starts_with('.'))
        })
    }

    /// Checks that every field the policy names exists in the data
    /// (`exists` answers for a path), so a typo cannot silently keep a field
    /// the policy meant to remove.
    pub fn check_fields(&self, exists: &dyn Fn(&str) -> bool) -> Result<(), PolicyError> {
        let named = self.fields.iter().map(|f| (f.path.as_str(), f.at)).chain(
            self.keep_fields
                .iter()
                .flatten()
                .map(String::as_str)
                .zip(self.keep_at.iter().copied()),
        );
        for (path, (line, column)) in named {
            if !exists(path) {
                return Err(PolicyError {
                    origin: self.origin.clone(),
                    line,
                    column,
                    message: format!(
                        "field `{path}` does not exist in the data (checked on the first records of every input)"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Parses and checks a policy. `known` lists the kinds the detectors
    /// find; labels are accepted too.
    pub fn parse(text: &str, origin: &str, known: &[Kind]) -> Result<Self, PolicyError> {
        let raw: RawPolicy =
            toml::from_str(text).map_err(|e| PolicyError::from_toml(&e, text, origin))?;
        let err =
            |span: Range<usize>, message: String| PolicyError::at(text, origin, span, message);
        if raw.version.as_ref().is_some_and(|v| *v.get_ref() != 1) {
            let v = raw.version.as_ref().map_or(0..0, Spanned::span);
            return Err(err(
                v,
                "unknown policy version: this privasift reads version 1".into(),
            ));
        }
        let check_kind = |name: &Spanned<String>| -> Result<(), PolicyError> {
            let n = name.get_ref();
            if known.iter().any(|k| k.name == n) || n.parse::<Label>().is_ok() {
                Ok(())
            } else {
                let mut names: Vec<&str> = known.iter().map(|k| k.name).collect();
                names.sort_unstable();
                names.dedup();
                Err(err(
                    name.span(),
                    format!(
                        "unknown kind `{n}`: use a kind name ({}) or a label ({})",
                        names.join(", "),
                        Label::ALL
                            .iter()
                            .map(|l| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
        };
        let label_of = |name: &str| -> Option<Label> {
            known
                .iter()
                .find(|k| k.name == name)
                .map(|k| k.label)
                .or_else(|| name.parse::<Label>().ok())
        };
        let convert =
            |r: &RawRule, label: Option<Label>, whole_field: bool| -> Result<Action, PolicyError> {
                r.to_action(label, whole_field)
                    .map_err(|(span, m)| err(span, m))
            };

        let mut policy = Self::builtin();
        policy.digest = hex::encode(sha2::Sha256::digest(text.as_bytes()));
        origin.clone_into(&mut policy.origin);
        if let Some(d) = &raw.default {
            policy.default = convert(d, None, false)?;
        }
        if let Some(s) = &raw.special_categories {
            policy.special_categories = convert(s, None, false)?;
        }
        for (name, rule) in &raw.kinds {
            check_kind(name)?;
            let a = convert(rule, label_of(name.get_ref()), false)?;
            policy.kinds.insert(name.get_ref().clone(), a);
        }
        if let Some(rec) = &raw.records {
            for name in &rec.drop_if_kinds {
                check_kind(name)?;
                policy
                    .kinds
                    .insert(name.get_ref().clone(), Action::DropRecord);
            }
            policy.records.max_findings = rec.max_findings;
            if let Some(s) = &rec.max_share {
                if !(0.0..=1.0).contains(s.get_ref()) {
                    return Err(err(
                        s.span(),
                        "max-share is a share of the text, between 0 and 1".into(),
                    ));
                }
                policy.records.max_share = Some(*s.get_ref());
            }
        }
        if let Some(t) = &raw.tokens
            && let Some(c) = &t.chars
        {
            if !(8..=64).contains(c.get_ref()) {
                return Err(err(
                    c.span(),
                    "tokens.chars must be between 8 and 64 hex characters".into(),
                ));
            }
            policy.token_chars = *c.get_ref();
        }
        if let Some(f) = &raw.fields
            && let Some(keep) = &f.keep
        {
            policy.keep_fields = Some(keep.iter().map(|s| s.get_ref().clone()).collect());
            policy.keep_at = keep
                .iter()
                .map(|s| line_col(text, s.span().start))
                .collect();
        }
        for f in &raw.field {
            let path = f.path.get_ref().trim();
            if path.is_empty() {
                return Err(err(
                    f.path.span(),
                    "a field rule needs a non-empty path".into(),
                ));
            }
            let label = match &f.label {
                Some(l) => l
                    .get_ref()
                    .parse::<Label>()
                    .map_err(|_| err(l.span(), format!("unknown label `{}`", l.get_ref())))?,
                None => Label::Person,
            };
            let action = match &f.action {
                Some(a) => {
                    let table = RawRuleTable {
                        action: a.clone(),
                        keep: f.keep.clone(),
                        to: f.to.clone(),
                        band: f.band.clone(),
                    };
                    Some(
                        table
                            .into_action(Some(label), true)
                            .map_err(|(span, m)| err(span, m))?,
                    )
                }
                None => None,
            };
            let mut kinds = BTreeMap::new();
            for (name, rule) in &f.kinds {
                check_kind(name)?;
                kinds.insert(
                    name.get_ref().clone(),
                    convert(rule, label_of(name.get_ref()), false)?,
                );
            }
            if action.is_none() && kinds.is_empty() {
                return Err(err(
                    f.path.span(),
                    format!(
                        "the rule for field `{path}` says nothing: give an `action` or `kinds`"
                    ),
                ));
            }
            if policy.fields.iter().any(|g| g.path == path) {
                return Err(err(f.path.span(), format!("field `{path}` has two rules")));
            }
            policy.fields.push(FieldRule {
                path: path.to_owned(),
                action,
                label,
                kinds,
                at: line_col(text, f.path.span().start),
            });
        }
        Ok(policy)
    }

    /// What the policy will do, in words, for `privasift clean --explain`.
    pub fn explain(&self, known: &[Kind]) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(s, "Policy: {} (digest {})", self.origin, self.digest);
        let _ = writeln!(
            s,
            "\nFindings, by kind (first matching rule wins: field rule, kind, label, special category, default):"
        );
        let mut seen = std::collections::BTreeSet::new();
        for k in known {
            if !seen.insert(k.name) {
                continue;
            }
            let _ = writeln!(
                s,
                "  {:<22} {:<26} -> {}",
                k.name,
                k.label.as_str(),
                self.action_for(*k, "")
            );
        }
        let _ = writeln!(
            s,
            "  {:<22} {:<26} -> {}",
            "(special categories)", "HEALTH, RELIGION_OR_BELIEF, ...", self.special_categories
        );
        let _ = writeln!(
            s,
            "  {:<22} {:<26} -> {}",
            "(any other kind)", "", self.default
        );
        let _ = writeln!(
            s,
            "  (context kinds: event dates, place names, organisations, not personal data alone) -> keep, unless a rule names them"
        );
        let _ = writeln!(s, "\nFields:");
        match &self.keep_fields {
            Some(keep) => {
                let _ = writeln!(
                    s,
                    "  minimisation: only {} kept; every other field is dropped",
                    keep.join(", ")
                );
            }
            None => {
                let _ = writeln!(s, "  every field is kept (no [fields] keep list)");
            }
        }
        for f in &self.fields {
            if let Some(a) = &f.action {
                let _ = writeln!(
                    s,
                    "  {}: whole value -> {a} (as {})",
                    f.path,
                    f.label.as_str()
                );
            }
            for (k, a) in &f.kinds {
                let _ = writeln!(s, "  {}: findings of {k} -> {a}", f.path);
            }
        }
        let _ = writeln!(s, "\nRecords:");
        let _ = writeln!(
            s,
            "  a record with a finding whose action is drop-record is deleted in the same pass, written nowhere; the ledger keeps only the fact"
        );
        if let Some(n) = self.records.max_findings {
            let _ = writeln!(s, "  a record with more than {n} findings is dropped");
        }
        if let Some(x) = self.records.max_share {
            let _ = writeln!(
                s,
                "  a record whose findings cover more than {:.1} % of its text is dropped",
                x * 100.0
            );
        }
        let _ = writeln!(
            s,
            "\nKey: {}",
            if self.needs_key() {
                "required (--key-file or PRIVASIFT_KEY): pseudonymise, surrogate or encrypt is used"
            } else {
                "not needed"
            }
        );
        s
    }
}

/// A mistake in a policy, with where it is.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct PolicyError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl PolicyError {
    fn at(text: &str, origin: &str, span: Range<usize>, message: String) -> Self {
        let (line, column) = line_col(text, span.start);
        Self {
            origin: origin.to_owned(),
            line,
            column,
            message,
        }
    }

    fn from_toml(e: &toml::de::Error, text: &str, origin: &str) -> Self {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        Self {
            origin: origin.to_owned(),
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPolicy {
    version: Option<Spanned<u32>>,
    default: Option<RawRule>,
    special_categories: Option<RawRule>,
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, RawRule>,
    fields: Option<RawFields>,
    #[serde(default)]
    field: Vec<RawField>,
    records: Option<RawRecords>,
    tokens: Option<RawTokens>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFields {
    keep: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawField {
    path: Spanned<String>,
    action: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    keep: Option<Spanned<toml::Value>>,
    to: Option<Spanned<String>>,
    band: Option<Spanned<u32>>,
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRecords {
    max_findings: Option<u32>,
    max_share: Option<Spanned<f64>>,
    #[serde(default)]
    drop_if_kinds: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTokens {
    chars: Option<Spanned<usize>>,
}

/// `"redact"` or `{ action = "mask", keep = "domain" }`: read as a spanned
/// TOML value (serde's untagged enums lose spans).
#[derive(Deserialize, Clone)]
#[serde(transparent)]
struct RawRule(Spanned<toml::Value>);

#[derive(Clone)]
struct RawRuleTable {
    action: Spanned<String>,
    keep: Option<Spanned<toml::Value>>,
    to: Option<Spanned<String>>,
    band: Option<Spanned<u32>>,
}

type RuleError = (Range<usize>, String);

impl RawRule {
    fn table(&self) -> Result<RawRuleTable, RuleError> {
        let span = self.0.span();
        let sp = |v| Spanned::new(span.clone(), v);
        match self.0.get_ref() {
            toml::Value::String(s) => Ok(RawRuleTable {
                action: sp(s.clone()),
                keep: None,
                to: None,
                band: None,
            }),
            toml::Value::Table(t) => {
                let mut out = RawRuleTable {
                    action: sp(String::new()),
                    keep: None,
                    to: None,
                    band: None,
                };
                let mut has_action = false;
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("action", toml::Value::String(a)) => {
                            out.action = sp(a.clone());
                            has_action = true;
                        }
                        ("keep", v) => out.keep = Some(Spanned::new(span.clone(), v.clone())),
                        ("to", toml::Value::String(a)) => out.to = Some(sp(a.clone())),
                        ("band", toml::Value::Integer(n)) => {
                            let n = u32::try_from(*n).map_err(|_| (span.clone(), "band is a positive number of years".to_owned()))?;
                            out.band = Some(Spanned::new(span.clone(), n));
                        }
                        ("action" | "to" | "band", _) => {
                            return Err((span.clone(), format!("`{k}` has the wrong type")));
                        }
                        _ => {
                            return Err((span.clone(), format!("unknown key `{k}` in a rule: use action, keep, to or band")));
                        }
                    }
                }
                if !has_action {
                    return Err((span, "a rule needs an `action`".to_owned()));
                }
                Ok(out)
            }
            _ => Err((span, "a rule is an action name (\"redact\") or a table ({ action = \"mask\", keep = \"domain\" })".to_owned())),
        }
    }

    fn to_action(&self, label: Option<Label>, whole_field: bool) -> Result<Action, RuleError> {
        self.table()?.into_action(label, whole_field)
    }
}

impl RawRuleTable {
    fn into_action(self, label: Option<Label>, whole_field: bool) -> Result<Action, RuleError> {
        let table = self;
        let name = table.action.get_ref().as_str();
        let span = table.action.span();
        let extra = |what: &str| -> Result<(), RuleError> {
            let given = [
                ("keep", table.keep.as_ref().map(Spanned::span)),
                ("to", table.to.as_ref().map(Spanned::span)),
                ("band", table.band.as_ref().map(Spanned::span)),
            ];
            for (k, s) in given {
                if let Some(s) = s
                    && !what.split(',').any(|w| w == k)
                {
                    return Err((s, format!("`{k}` does not apply to `{name}`")));
                }
            }
            Ok(())
        };
        let action = match name {
            "keep" => Action::Keep,
            "redact" => Action::Redact,
            "pseudonymise" | "pseudonymize" => Action::Pseudonymise,
            "surrogate" => Action::Surrogate,
            "encrypt" => Action::Encrypt,
            "drop-field" => Action::DropField,
            "drop-record" => Action::DropRecord,
            "mask" => {
                extra("keep")?;
                let part = match &table.keep {
                    None => {
                        if label == Some(Label::Email) {
                            MaskPart::Domain
                        } else {
                            MaskPart::Last(4)
                        }
                    }
                    Some(v) => parse_mask(v)?,
                };
                if part == MaskPart::Domain && label.is_some_and(|l| l != Label::Email) {
                    return Err((
                        table.keep.as_ref().map_or(span.clone(), Spanned::span),
                        "keep = \"domain\" applies to e-mail addresses only".into(),
                    ));
                }
                Action::Mask(part)
            }
            "generalise" | "generalize" => {
                extra("to,band")?;
                let Some(to) = &table.to else {
                    return Err((span, "generalise needs `to` = \"month\", \"year\", \"departement\" or \"age-band\"".into()));
                };
                let g = match to.get_ref().as_str() {
                    "month" => Granularity::Month,
                    "year" => Granularity::Year,
                    "departement" | "département" => Granularity::Departement,
                    "age-band" => Granularity::AgeBand(
                        table.band.as_ref().map_or(10, |b| *b.get_ref()).max(1),
                    ),
                    other => {
                        return Err((
                            to.span(),
                            format!(
                                "cannot generalise to `{other}`: use month, year, departement or age-band"
                            ),
                        ));
                    }
                };
                let date_kind = matches!(label, Some(Label::Date | Label::DateOfBirth));
                let dates = matches!(g, Granularity::Month | Granularity::Year);
                if !whole_field && !(dates && (date_kind || label.is_none())) {
                    return Err((
                        to.span(),
                        "inside text, generalise applies to dates (month, year); use it on a field rule for postcodes and ages".into(),
                    ));
                }
                Action::Generalise(g)
            }
            other => {
                return Err((
                    span,
                    format!(
                        "unknown action `{other}`: use keep, redact, mask, pseudonymise, surrogate, encrypt, generalise, drop-field or drop-record"
                    ),
                ));
            }
        };
        if !matches!(action, Action::Mask(_) | Action::Generalise(_)) {
            extra("")?;
        }
        Ok(action)
    }
}

fn parse_mask(v: &Spanned<toml::Value>) -> Result<MaskPart, RuleError> {
    let bad = || {
        (
            v.span(),
            "keep is \"domain\", \"first-N\" or \"last-N\" (e.g. \"last-4\")".to_owned(),
        )
    };
    let toml::Value::String(s) = v.get_ref() else {
        return Err(bad());
    };
    if s == "domain" {
        return Ok(MaskPart::Domain);
    }
    let num = |rest: &str| rest.parse::<usize>().map_err(|_| bad());
    if let Some(n) = s.strip_prefix("first-") {
        return Ok(MaskPart::First(num(n)?));
    }
    if let Some(n) = s.strip_prefix("last-") {
        return Ok(MaskPart::Last(num(n)?));
    }
    Err(bad())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const EMAIL: Kind = Kind::new("email", Label::Email);
    const PHONE: Kind = Kind::new("phone", Label::Phone);
    const DOB: Kind = Kind::new("date-of-birth", Label::DateOfBirth);
    const KNOWN: &[Kind] = &[EMAIL, PHONE, DOB];

    fn parse(t: &str) -> Result<Policy, PolicyError> {
        Policy::parse(t, "p.toml", KNOWN)
    }

    #[test]
    fn full_policy_parses_and_resolves_by_precedence() {
        let p = parse(
            r#"
version = 1
default = "pseudonymise"
special-categories = "drop-record"
[kinds]
email = { action = "mask", keep = "domain" }
PHONE = "redact"
date-of-birth = { action = "generalise", to = "year" }
[fields]
keep = ["id", "text"]
[[field]]
path = "text"
kinds = { email = "keep" }
[[field]]
path = "postcode"
action = "generalise"
to = "departement"
[records]
max-findings = 20
max-share = 0.5
[tokens]
chars = 16
"#,
        )
        .unwrap();
        assert_eq!(
            p.action_for(EMAIL, "other"),
            &Action::Mask(MaskPart::Domain)
        );
        assert_eq!(p.action_for(EMAIL, "text"), &Action::Keep);
        assert_eq!(p.action_for(PHONE, "text"), &Action::Redact);
        assert_eq!(
            p.action_for(DOB, "x"),
            &Action::Generalise(Granularity::Year)
        );
        let health = Kind::new("health", Label::Health);
        assert_eq!(p.action_for(health, "x"), &Action::DropRecord);
        assert_eq!(
            p.action_for(Kind::new("ipv4", Label::IpAddress), "x"),
            &Action::Pseudonymise
        );
        assert!(p.keeps_field("text") && p.keeps_field("id") && !p.keeps_field("meta"));
        assert_eq!(p.token_chars, 16);
        assert!(p.needs_key());
        assert_eq!(p.records.max_findings, Some(20));
        let ex = p.explain(KNOWN);
        assert!(
            ex.contains("email") && ex.contains("mask (keep the domain)"),
            "{ex}"
        );
    }

    #[test]
    fn builtin_redacts_and_drops_special_categories_without_a_key() {
        let p = Policy::builtin();
        assert_eq!(p.action_for(EMAIL, "text"), &Action::Redact);
        assert_eq!(
            p.action_for(Kind::new("x", Label::CriminalOffence), "text"),
            &Action::DropRecord
        );
        assert!(!p.needs_key());
    }

    #[test]
    fn mistakes_are_refused_with_line_and_column() {
        let cases = [
            ("[kinds]\nemial = \"redact\"\n", 2, "unknown kind `emial`"),
            (
                "[kinds]\nemail = \"scramble\"\n",
                2,
                "unknown action `scramble`",
            ),
            ("default = \"redact\"\nfoo = 1\n", 2, "unknown field"),
            (
                "[kinds]\nphone = { action = \"mask\", keep = \"domain\" }\n",
                2,
                "e-mail addresses only",
            ),
            (
                "[kinds]\nphone = { action = \"generalise\", to = \"year\" }\n",
                2,
                "applies to dates",
            ),
            (
                "[kinds]\nemail = { action = \"redact\", to = \"year\" }\n",
                2,
                "does not apply",
            ),
            ("[records]\nmax-share = 3.0\n", 2, "between 0 and 1"),
            ("[[field]]\npath = \"a\"\n", 2, "says nothing"),
            ("version = 2\n", 1, "version"),
            ("[kinds\n", 1, ""),
        ];
        for (text, line, want) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.to_string().contains(want), "{text:?}: {e}");
            assert!(e.to_string().starts_with("p.toml:"), "{e}");
        }
    }

    #[test]
    fn minimisation_keeps_parents_and_children_of_listed_paths() {
        let p = parse("[fields]\nkeep = [\"meta.lang\", \"text\"]\n").unwrap();
        assert!(p.keeps_field("meta"));
        assert!(p.keeps_field("meta.lang"));
        assert!(!p.keeps_field("meta.author"));
        assert!(p.keeps_field("text.sub"));
        assert!(!p.keeps_field("texts"));
    }
}
