//! Turning findings into edits: the decision for a record, and the
//! replacement text for each finding.

use std::collections::BTreeSet;

use aes_siv::KeyInit as _;
use aes_siv::siv::Aes256Siv;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use privasift_core::{Kind, Label, Span};
use privasift_testgen::{GenKind, Lang, kind_values};

use crate::policy::{Action, Granularity, MaskPart, Policy};
use crate::{Key, normalise};

/// What happens to a field before detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPlan {
    /// Dropped by minimisation (`[fields] keep`): not scanned, not written.
    Drop,
    /// A field rule replaces the whole value: not scanned.
    Whole(Action, Label),
    /// Scanned; findings are edited by kind.
    Scan,
}

/// What becomes of one field of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldOutcome {
    Unchanged,
    /// The new value.
    Replace(String),
    /// Removed from the record.
    Drop,
}

/// Why a record was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// A finding whose action is `drop-record` (by default: special-category
    /// and criminal-offence data).
    Kind,
    /// More findings than `records.max-findings`.
    TooManyFindings,
    /// Findings cover more than `records.max-share` of the text.
    TooDense,
    /// A value on the suppression list (a person who objected or whose
    /// data was erased: `privasift rights erase --suppression`).
    Suppressed,
}

impl DropReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Kind => "drop-record",
            DropReason::TooManyFindings => "drop-record:max-findings",
            DropReason::TooDense => "drop-record:max-share",
            DropReason::Suppressed => "drop-record:suppressed",
        }
    }
}

/// The decision for a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// `Some` when the record is deleted: it is written nowhere.
    pub dropped: Option<DropReason>,
    /// One outcome per field given, in order (empty when dropped).
    pub fields: Vec<FieldOutcome>,
    /// Labels found, for the ledger.
    pub labels: BTreeSet<Label>,
    /// Actions applied (`redact`, `pseudonymise`, ...), for the ledger.
    pub actions: BTreeSet<&'static str>,
    /// Detector ids of the findings acted on.
    pub detectors: BTreeSet<&'static str>,
    /// Findings in the record.
    pub findings: usize,
}

impl Decision {
    /// Whether the record is written unchanged.
    pub fn is_unchanged(&self) -> bool {
        self.dropped.is_none() && self.fields.iter().all(|f| *f == FieldOutcome::Unchanged)
    }

    /// The one word the ledger records for the record.
    pub fn action(&self) -> &'static str {
        if let Some(r) = self.dropped {
            return r.as_str();
        }
        match self.actions.len() {
            0 => "keep",
            1 => self.actions.iter().next().copied().unwrap_or("keep"),
            _ => "several",
        }
    }
}

/// A record's field as the transformer sees it: its path, its text, and the
/// findings in it (sorted, non-overlapping byte spans, as the detector set
/// returns them).
pub struct FieldInput<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub plan: FieldPlan,
    pub spans: &'a [Span],
}

/// Applies a policy with a key. Cheap to share between threads.
pub struct Transformer {
    policy: Policy,
    key: Option<Key>,
    siv_key: Option<zeroize::Zeroizing<[u8; 64]>>,
    /// Keyed hashes of values whose records are dropped ([`suppress_hash`]).
    suppressed: Option<std::collections::HashSet<String>>,
}

/// A policy needs a key and none was given.
#[derive(Debug, thiserror::Error)]
#[error(
    "{0} pseudonymises, makes surrogates or encrypts: it needs a key (--key-file FILE or the PRIVASIFT_KEY environment variable; privasift keygen makes one)"
)]
pub struct MissingKey(pub String);

impl Transformer {
    pub fn new(policy: Policy, key: Option<Key>) -> Result<Self, MissingKey> {
        if policy.needs_key() && key.is_none() {
            return Err(MissingKey(policy.origin.clone()));
        }
        let siv_key = key.as_ref().map(|k| {
            let mut both = zeroize::Zeroizing::new([0u8; 64]);
            both[..32].copy_from_slice(&k.subkey(b"privasift/v1/siv/mac"));
            both[32..].copy_from_slice(&k.subkey(b"privasift/v1/siv/enc"));
            both
        });
        Ok(Self {
            policy,
            key,
            siv_key,
            suppressed: None,
        })
    }

    /// Drops every record holding a value whose keyed hash is in `hashes`
    /// (a suppression list). Needs the key the list was made with.
    pub fn with_suppression(
        mut self,
        hashes: std::collections::HashSet<String>,
    ) -> Result<Self, MissingKey> {
        if self.key.is_none() {
            return Err(MissingKey("the suppression list".into()));
        }
        self.suppressed = Some(hashes);
        Ok(self)
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The key's fingerprint, if there is a key.
    pub fn key_fingerprint(&self) -> Option<String> {
        self.key.as_ref().map(Key::fingerprint)
    }

    /// What happens to the field at `path` before detection.
    pub fn plan(&self, path: &str) -> FieldPlan {
        if !self.policy.keeps_field(path) {
            return FieldPlan::Drop;
        }
        match self.policy.field_rule(path) {
            Some(rule) => match &rule.action {
                Some(Action::DropField) => FieldPlan::Drop,
                Some(a) => FieldPlan::Whole(a.clone(), rule.label),
                None => FieldPlan::Scan,
            },
            None => FieldPlan::Scan,
        }
    }

    /// Decides what becomes of a record.
    pub fn decide(&self, fields: &[FieldInput<'_>]) -> Decision {
        let mut d = Decision {
            dropped: None,
            fields: Vec::with_capacity(fields.len()),
            labels: BTreeSet::new(),
            actions: BTreeSet::new(),
            detectors: BTreeSet::new(),
            findings: 0,
        };
        let mut covered = 0usize;
        let mut total = 0usize;
        for f in fields {
            total += f.text.len();
            let outcome = match &f.plan {
                // Minimisation is a decision about the field, the same for
                // every record: the run records it once (the policy), not
                // per record.
                FieldPlan::Drop => FieldOutcome::Drop,
                FieldPlan::Whole(Action::DropRecord, _) => {
                    d.dropped = Some(DropReason::Kind);
                    FieldOutcome::Drop
                }
                FieldPlan::Whole(Action::Keep, _) => FieldOutcome::Unchanged,
                FieldPlan::Whole(a, label) => {
                    d.actions.insert(a.name());
                    let kind = Kind::new("field", *label);
                    FieldOutcome::Replace(self.replacement(a, kind, f.text))
                }
                FieldPlan::Scan => {
                    let mut out = String::new();
                    let mut last = 0usize;
                    let mut dropped_field = false;
                    for s in f.spans {
                        let Some(value) = f.text.get(s.start..s.end) else {
                            continue;
                        };
                        if s.start < last {
                            continue; // overlapping: the detector set never gives these
                        }
                        let a = self.policy.action_for(s.kind, f.path);
                        // A context finding (a date, a place) the policy
                        // keeps is not a finding of personal data.
                        if !s.kind.personal && *a == Action::Keep {
                            continue;
                        }
                        d.findings += 1;
                        covered += s.end - s.start;
                        d.labels.insert(s.kind.label);
                        d.detectors.insert(s.detector);
                        if let (Some(sup), Some(key)) = (&self.suppressed, &self.key)
                            && sup.contains(&suppress_hash(key, s.kind.label, value))
                        {
                            d.dropped = Some(DropReason::Suppressed);
                            continue;
                        }
                        match a {
                            Action::Keep => continue,
                            Action::DropRecord => {
                                d.dropped = Some(DropReason::Kind);
                                continue;
                            }
                            Action::DropField => {
                                dropped_field = true;
                                d.actions.insert("drop-field");
                                continue;
                            }
                            _ => {}
                        }
                        d.actions.insert(a.name());
                        out.push_str(&f.text[last..s.start]);
                        out.push_str(&self.replacement(a, s.kind, value));
                        last = s.end;
                    }
                    if dropped_field {
                        FieldOutcome::Drop
                    } else if last == 0 {
                        FieldOutcome::Unchanged
                    } else {
                        out.push_str(&f.text[last..]);
                        FieldOutcome::Replace(out)
                    }
                }
            };
            d.fields.push(outcome);
        }
        if d.dropped.is_none()
            && let Some(max) = self.policy.records.max_findings
            && d.findings > max as usize
        {
            d.dropped = Some(DropReason::TooManyFindings);
        }
        if d.dropped.is_none()
            && let Some(max) = self.policy.records.max_share
            && total > 0
            && covered as f64 / total as f64 > max
        {
            d.dropped = Some(DropReason::TooDense);
        }
        if d.dropped.is_some() {
            d.fields.clear();
        }
        d
    }

    /// The text that replaces `value`, a finding of `kind`, under `action`.
    /// `Keep`, `DropField` and `DropRecord` give the value back unchanged:
    /// callers handle them before.
    pub fn replacement(&self, action: &Action, kind: Kind, value: &str) -> String {
        let label = kind.label.as_str();
        match action {
            Action::Keep | Action::DropField | Action::DropRecord => value.to_owned(),
            Action::Redact => format!("[{label}]"),
            Action::Mask(part) => mask(value, *part, kind.label),
            Action::Pseudonymise => self.token(kind.label, value),
            Action::Surrogate => self.surrogate(kind, value),
            Action::Encrypt => self.encrypt(kind.label, value),
            Action::Generalise(g) => generalise(value, *g).unwrap_or_else(|| format!("[{label}]")),
        }
    }

    /// The keyed token of a value: `<EMAIL_7f3a9c12d4e0>`. The value is
    /// normalised first (see [`normalise`]), so `Ana@Example.org` and
    /// `ana@example.org` give the same token. Without a key (which
    /// [`Transformer::new`] prevents for policies that need one) the value
    /// is redacted.
    pub fn token(&self, label: Label, value: &str) -> String {
        match &self.key {
            Some(k) => token_with(k, label, value, self.policy.token_chars),
            None => format!("[{}]", label.as_str()),
        }
    }

    fn surrogate(&self, kind: Kind, value: &str) -> String {
        let Some(key) = &self.key else {
            return format!("[{}]", kind.label.as_str());
        };
        let gen_kind = GenKind::ALL
            .iter()
            .copied()
            .find(|g| g.name() == kind.name)
            .or(match kind.label {
                Label::Email => Some(GenKind::Email),
                Label::Phone => Some(GenKind::Phone),
                Label::Iban => Some(GenKind::Iban),
                Label::CreditCard => Some(GenKind::CreditCard),
                Label::IpAddress => Some(GenKind::Ipv4),
                Label::Url => Some(GenKind::Url),
                Label::DateOfBirth => Some(GenKind::DateOfBirth),
                _ => None,
            });
        let Some(g) = gen_kind else {
            // No generator for this kind (yet): a token keeps it consistent.
            return self.token(kind.label, value);
        };
        let norm = normalise(kind.label, value);
        let mac = key.mac(
            b"privasift/v1/surrogate",
            &[kind.label.as_str().as_bytes(), norm.as_bytes()],
        );
        let mut seed = [0u8; 8];
        seed.copy_from_slice(&mac[..8]);
        let lang = if kind.name.starts_with("fr-") {
            Lang::Fr
        } else {
            Lang::En
        };
        kind_values(g, lang, u64::from_le_bytes(seed), 1)
            .pop()
            .unwrap_or_else(|| self.token(kind.label, value))
    }

    fn encrypt(&self, label: Label, value: &str) -> String {
        let Some(k) = &self.siv_key else {
            return format!("[{}]", label.as_str());
        };
        let Ok(mut siv) = Aes256Siv::new_from_slice(&k[..]) else {
            return format!("[{}]", label.as_str());
        };
        match siv.encrypt([label.as_str().as_bytes()], value.as_bytes()) {
            Ok(ct) => format!("<enc:{}:{}>", label.as_str(), URL_SAFE_NO_PAD.encode(ct)),
            // SIV encryption only fails on absurd header counts: redact.
            Err(_) => format!("[{}]", label.as_str()),
        }
    }

    /// Replaces every `<enc:LABEL:…>` in `text` by the value it encrypts.
    /// Tokens that do not decrypt under this key are left as they are and
    /// counted.
    pub fn reveal(&self, text: &str) -> (String, RevealCounts) {
        let mut counts = RevealCounts::default();
        let Some(k) = &self.siv_key else {
            return (text.to_owned(), counts);
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("<enc:") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 5..];
            let parsed = after.find('>').and_then(|end| {
                let body = &after[..end];
                let (label, b64) = body.split_once(':')?;
                let ct = URL_SAFE_NO_PAD.decode(b64).ok()?;
                let mut siv = Aes256Siv::new_from_slice(&k[..]).ok()?;
                let pt = siv.decrypt([label.as_bytes()], &ct).ok()?;
                Some((String::from_utf8(pt).ok()?, end))
            });
            if let Some((value, end)) = parsed {
                out.push_str(&value);
                counts.revealed += 1;
                rest = &after[end + 1..];
            } else {
                out.push_str("<enc:");
                counts.failed += 1;
                rest = after;
            }
        }
        out.push_str(rest);
        (out, counts)
    }
}

/// What [`Transformer::reveal`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RevealCounts {
    pub revealed: u64,
    /// Tokens that did not decrypt (another key, or altered).
    pub failed: u64,
}

/// The keyed token of a value under `key` (see [`Transformer::token`]); the
/// function `privasift rights` uses to find a person in cleaned data.
/// The keyed hash a suppression list holds for a value: HMAC-SHA-256 under
/// a subkey of its own, over the label and the normalised value, in hex.
/// Without the key it reveals nothing, not even whether two lists share a
/// person.
pub fn suppress_hash(key: &Key, label: Label, value: &str) -> String {
    let norm = normalise(label, value);
    hex::encode(key.mac(
        b"privasift/v1/suppress",
        &[label.as_str().as_bytes(), norm.as_bytes()],
    ))
}

pub fn token_with(key: &Key, label: Label, value: &str, chars: usize) -> String {
    let norm = normalise(label, value);
    let mac = key.mac(
        b"privasift/v1/token",
        &[label.as_str().as_bytes(), norm.as_bytes()],
    );
    let mut h = hex::encode(mac);
    h.truncate(chars.clamp(8, 64));
    format!("<{}_{h}>", label.as_str())
}

/// Stars every letter and digit but the part kept.
fn mask(value: &str, part: MaskPart, label: Label) -> String {
    if part == MaskPart::Domain
        && label == Label::Email
        && let Some((_, domain)) = value.rsplit_once('@')
    {
        return format!("***@{domain}");
    }
    let (first, last) = match part {
        MaskPart::First(n) => (n, 0),
        MaskPart::Last(n) => (0, n),
        MaskPart::Domain => (0, 4),
    };
    let alnum = value.chars().filter(|c| c.is_alphanumeric()).count();
    // Never keep more than half of a value: a short value would otherwise
    // come out whole.
    let keep = (first + last).min(alnum / 2);
    let (first, last) = if first > 0 { (keep, 0) } else { (0, keep) };
    let mut seen = 0usize;
    value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen <= first || seen > alnum - last {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// A coarser version of a value, or `None` when the value does not read as
/// what the granularity expects (the caller then redacts).
pub fn generalise(value: &str, g: Granularity) -> Option<String> {
    match g {
        Granularity::Month | Granularity::Year => {
            let (year, month) = parse_date(value)?;
            Some(if g == Granularity::Year {
                format!("{year:04}")
            } else {
                format!("{year:04}-{month:02}")
            })
        }
        Granularity::Departement => {
            let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            if v.len() != 5 || !v.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = v.parse().ok()?;
            Some(match n {
                20000..=20199 => "2A".to_owned(),
                20200..=20699 => "2B".to_owned(),
                97000..=98999 => v[..3].to_owned(),
                1000.. => v[..2].to_owned(),
                _ => return None,
            })
        }
        Granularity::AgeBand(w) => {
            let age: u32 = value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|a| (0.0..150.0).contains(a))? as u32;
            let lo = age / w * w;
            Some(if w == 1 {
                lo.to_string()
            } else {
                format!("{lo}-{}", lo + w - 1)
            })
        }
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("janvier", 1),
    ("jan", 1),
    ("february", 2),
    ("fevrier", 2),
    ("février", 2),
    ("feb", 2),
    ("fév", 2),
    ("fev", 2),
    ("march", 3),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("avril", 4),
    ("apr", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juin", 6),
    ("jun", 6),
    ("july", 7),
    ("juillet", 7),
    ("jul", 7),
    ("juil", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("aug", 8),
    ("september", 9),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("octobre", 10),
    ("oct", 10),
    ("november", 11),
    ("novembre", 11),
    ("nov", 11),
    ("december", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dec", 12),
    ("déc", 12),
];

/// Year and month of a date written as digits (`1985-03-12`, `12/03/1985`,
/// `12.03.1985`) or with a month name (`12 mars 1985`, `March 12, 1985`).
fn parse_date(value: &str) -> Option<(u32, u32)> {
    let lower = value.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let nums: Vec<(usize, u32)> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.parse::<u32>().ok().map(|n| (i, n)))
        .collect();
    let year_pos = words
        .iter()
        .position(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|n| (1000..3000).contains(&n)))?;
    let year: u32 = words[year_pos].parse().ok()?;
    let month = words
        .iter()
        .find_map(|w| MONTHS.iter().find(|(m, _)| m == w).map(|(_, n)| *n))
        .or_else(|| {
            let others: Vec<u32> = nums
                .iter()
                .filter(|(i, _)| *i != year_pos)
                .map(|(_, n)| *n)
                .collect();
            match (others.as_slice(), year_pos) {
                // yyyy-mm-dd
                ([m, _], 0) => Some(*m),
                // dd/mm/yyyy (the European order the kinds we detect use)
                ([_, m], _) => Some(*m),
                _ => None,
            }
        })
        .filter(|m| (1..=12).contains(m))?;
    Some((year, month))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const EMAIL: Kind = Kind::new("email", Label::Email);
    const PHONE: Kind = Kind::new("phone", Label::Phone);
    const HEALTH: Kind = Kind::new("health", Label::Health);

    fn span(text: &str, value: &str, kind: Kind) -> Span {
        let start = text.find(value).unwrap();
        Span::new(start, start + value.len(), kind, 0.9, "t@1")
    }

    fn key() -> Key {
        Key::from_bytes([9u8; 32])
    }

    fn policy(toml: &str) -> Policy {
        Policy::parse(
            toml,
            "t.toml",
            &[EMAIL, PHONE, Kind::new("date-of-birth", Label::DateOfBirth)],
        )
        .unwrap()
    }

    #[test]
    fn builtin_redacts_each_finding_and_keeps_the_rest_byte_for_byte() {
        let t = Transformer::new(Policy::builtin(), None).unwrap();
        let text = "écrire à ana@example.org ou au 06 12 34 56 78 — merci";
        let spans = [
            span(text, "ana@example.org", EMAIL),
            span(text, "06 12 34 56 78", PHONE),
        ];
        let d = t.decide(&[FieldInput {
            path: "text",
            text,
            plan: FieldPlan::Scan,
            spans: &spans,
        }]);
        assert_eq!(
            d.fields,
            vec![FieldOutcome::Replace(
                "écrire à [EMAIL] ou au [PHONE] — merci".into()
            )]
        );
        assert_eq!(d.action(), "redact");
        assert_eq!(d.findings, 2);
    }

    #[test]
    fn special_category_drops_the_record_and_keeps_nothing() {
        let t = Transformer::new(Policy::builtin(), None).unwrap();
        let text = "je suis diabétique, écrivez à ana@example.org";
        let spans = [
            span(text, "diabétique", HEALTH),
            span(text, "ana@example.org", EMAIL),
        ];
        let d = t.decide(&[FieldInput {
            path: "text",
            text,
            plan: FieldPlan::Scan,
            spans: &spans,
        }]);
        assert_eq!(d.dropped, Some(DropReason::Kind));
        assert!(d.fields.is_empty());
        assert_eq!(d.action(), "drop-record");
    }

    #[test]
    fn tokens_are_stable_normalised_and_keyed() {
        let p = policy("default = \"pseudonymise\"");
        let a = Transformer::new(p.clone(), Some(key())).unwrap();
        let b = Transformer::new(p.clone(), Some(Key::from_bytes([8u8; 32]))).unwrap();
        let t1 = a.replacement(&Action::Pseudonymise, EMAIL, "Ana@Example.org");
        assert_eq!(
            t1,
            a.replacement(&Action::Pseudonymise, EMAIL, "ana@example.org")
        );
        assert_ne!(
            t1,
            b.replacement(&Action::Pseudonymise, EMAIL, "ana@example.org")
        );
        assert!(
            t1.starts_with("<EMAIL_") && t1.len() == "<EMAIL_>".len() + 12,
            "{t1}"
        );
        assert!(!t1.contains("ana"));
        assert!(matches!(Transformer::new(p, None), Err(MissingKey(_))));
    }

    #[test]
    fn encryption_is_deterministic_and_reveals_with_the_key_only() {
        let p = policy("default = \"encrypt\"");
        let t = Transformer::new(p.clone(), Some(key())).unwrap();
        let c1 = t.replacement(&Action::Encrypt, EMAIL, "ana@example.org");
        assert_eq!(
            c1,
            t.replacement(&Action::Encrypt, EMAIL, "ana@example.org")
        );
        assert!(!c1.contains("ana"));
        let text = format!("a {c1} b <enc:bogus> c");
        let (back, n) = t.reveal(&text);
        assert_eq!(back, "a ana@example.org b <enc:bogus> c");
        assert_eq!(
            n,
            RevealCounts {
                revealed: 1,
                failed: 1
            }
        );
        let other = Transformer::new(p, Some(Key::from_bytes([1u8; 32]))).unwrap();
        let (same, n) = other.reveal(&text);
        assert_eq!(same, text);
        assert_eq!(n.revealed, 0);
    }

    #[test]
    fn surrogates_are_consistent_realistic_and_not_the_value() {
        let t = Transformer::new(policy("default = \"surrogate\""), Some(key())).unwrap();
        let s1 = t.replacement(&Action::Surrogate, EMAIL, "ana@example.org");
        assert_eq!(
            s1,
            t.replacement(&Action::Surrogate, EMAIL, "ANA@example.org")
        );
        assert!(s1.contains('@') && s1 != "ana@example.org", "{s1}");
        let p = t.replacement(&Action::Surrogate, PHONE, "06 12 34 56 78");
        assert!(p.chars().filter(char::is_ascii_digit).count() >= 8, "{p}");
    }

    #[test]
    fn masks_keep_only_the_part_asked_and_never_more_than_half() {
        assert_eq!(
            mask("ana@example.org", MaskPart::Domain, Label::Email),
            "***@example.org"
        );
        assert_eq!(
            mask("4970 1012 3456 7890", MaskPart::Last(4), Label::CreditCard),
            "**** **** **** 7890"
        );
        assert_eq!(mask("AB12", MaskPart::Last(4), Label::Code), "**12");
        assert_eq!(mask("ABCDEF", MaskPart::First(2), Label::Code), "AB****");
    }

    #[test]
    fn generalisation() {
        use Granularity::*;
        assert_eq!(generalise("1985-03-12", Month).as_deref(), Some("1985-03"));
        assert_eq!(generalise("12/03/1985", Month).as_deref(), Some("1985-03"));
        assert_eq!(generalise("12 mars 1985", Year).as_deref(), Some("1985"));
        assert_eq!(
            generalise("March 12, 1985", Month).as_deref(),
            Some("1985-03")
        );
        assert_eq!(generalise("not a date", Year), None);
        assert_eq!(generalise("75002", Departement).as_deref(), Some("75"));
        assert_eq!(generalise("20000", Departement).as_deref(), Some("2A"));
        assert_eq!(generalise("20290", Departement).as_deref(), Some("2B"));
        assert_eq!(generalise("97411", Departement).as_deref(), Some("974"));
        assert_eq!(generalise("7500", Departement), None);
        assert_eq!(generalise("37", AgeBand(10)).as_deref(), Some("30-39"));
        assert_eq!(generalise("37", AgeBand(5)).as_deref(), Some("35-39"));
        assert_eq!(generalise("-3", AgeBand(10)), None);
        let t = Transformer::new(Policy::builtin(), None).unwrap();
        assert_eq!(
            t.replacement(
                &Action::Generalise(Year),
                Kind::new("date-of-birth", Label::DateOfBirth),
                "garbage"
            ),
            "[DATE_OF_BIRTH]"
        );
    }

    #[test]
    fn field_plans_and_record_rules() {
        let p = policy(
            "[fields]\nkeep = [\"text\", \"age\", \"cp\"]\n[[field]]\npath = \"age\"\naction = \"generalise\"\nto = \"age-band\"\n[[field]]\npath = \"cp\"\naction = \"generalise\"\nto = \"departement\"\n[records]\nmax-findings = 1\n",
        );
        let t = Transformer::new(p, None).unwrap();
        assert_eq!(t.plan("meta"), FieldPlan::Drop);
        assert_eq!(t.plan("text"), FieldPlan::Scan);
        let d = t.decide(&[
            FieldInput {
                path: "age",
                text: "42",
                plan: t.plan("age"),
                spans: &[],
            },
            FieldInput {
                path: "cp",
                text: "13001",
                plan: t.plan("cp"),
                spans: &[],
            },
            FieldInput {
                path: "meta",
                text: "x",
                plan: t.plan("meta"),
                spans: &[],
            },
        ]);
        assert_eq!(
            d.fields,
            vec![
                FieldOutcome::Replace("40-49".into()),
                FieldOutcome::Replace("13".into()),
                FieldOutcome::Drop
            ]
        );
        let text = "a@b.fr c@d.fr";
        let spans = [span(text, "a@b.fr", EMAIL), span(text, "c@d.fr", EMAIL)];
        let d = t.decide(&[FieldInput {
            path: "text",
            text,
            plan: FieldPlan::Scan,
            spans: &spans,
        }]);
        assert_eq!(d.dropped, Some(DropReason::TooManyFindings));
    }
}
