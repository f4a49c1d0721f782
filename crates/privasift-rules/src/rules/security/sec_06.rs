//! SEC-06: the security measures restrict access to the data and limit its
//! copies (or use synthetic data for tests).

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Words that name a restriction of access (EN, FR).
const ACCESS: &[&str] = &["access", "accès", "acces"];

/// Words that name limiting copies of the datasets (EN, FR).
const COPIES: &[&str] = &["copy", "copies", "copie"];

/// Words that, beside a copy word, say copies are avoided or limited.
const LIMITS: &[&str] = &[
    "no ", "not ", "avoid", "limit", "without", "never", "restrict", "minimi", "pas de", "aucun",
    "sans ", "évit", "evit",
];

/// Words that name fictitious or synthetic test data (EN, FR).
const SYNTHETIC: &[&str] = &[
    "synthetic",
    "fictitious",
    "synthétique",
    "synthetique",
    "fictive",
    "fictif",
];

static META: RuleMeta = RuleMeta {
    id: "SEC-06",
    title: "Access to the data is restricted and its copies limited",
    sheet: Sheet::Security,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "always (the sheets apply: personal data in development)",
    source: "Catalogue SEC-06 (CNIL 2024 security guide, sheet on AI systems, as reproduced; CNIL sheet \"Ensuring the security of AI systems' development\", July 2025); GDPR Art. 32.",
    doc: "Among the measures of the CNIL's security guide for AI development: restrict access to the datasets to those who need it (authenticated, profile-based access), avoid full or partial copies of the datasets, and use fictitious or synthetic data for security tests, integration and some audits. The measures are free words, so the rule reads them by keyword (English or French, any case): it fails when no entry of `security.measures` mentions access (\"access\", \"accès\"), and, separately, when no entry says copies are avoided or limited (a copy word, \"copy\", \"copies\", \"copie\", beside a limiting one such as \"no\", \"avoid\", \"limit\", \"pas de\", \"sans\") and none mentions synthetic or fictitious data (\"synthetic\", \"fictitious\", \"synthétique\", \"fictif\"). A keyword is not proof the measure is in place. This point was read only in a secondary reproduction of the CNIL guide, so a failure is reported as a warning.",
    bad: Example::toml(
        "[security]\nmeasures = [\"encryption at rest\", \"integrity hashes of datasets\"]\n",
    ),
    good: Example::toml(
        "[security]\nmeasures = [\"encryption at rest\", \"role-based access to the datasets\", \"synthetic tickets for integration tests\"]\n",
    ),
};

fn mentions(measures: &[String], words: &[&str]) -> bool {
    measures.iter().any(|m| has(&m.to_lowercase(), words))
}

fn has(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Some measure says copies of the datasets are avoided or limited.
fn copies_limited(measures: &[String]) -> bool {
    measures.iter().any(|m| {
        let m = format!("{} ", m.to_lowercase());
        has(&m, COPIES) && has(&m, LIMITS)
    })
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let measures = &cx.manifest.security.measures;
        if !mentions(measures, ACCESS) {
            out.push(
                Violation::new(
                    "no security measure restricts access to the data",
                    "restrict access to the datasets to those who need it (authenticated, role-based access) and list the measure in `security.measures`",
                )
                .at("security.measures"),
            );
        }
        if !copies_limited(measures) && !mentions(measures, SYNTHETIC) {
            out.push(
                Violation::new(
                    "no security measure limits copies of the datasets or uses synthetic data for tests",
                    "avoid full or partial copies of the datasets, and use fictitious or synthetic data for security and integration tests; list the measures in `security.measures`",
                )
                .at("security.measures"),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;

    fn violations(toml: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(toml)).unwrap();
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        Check.check(&cx, &mut out);
        out
    }

    #[test]
    fn both_gaps_are_reported() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
    }

    #[test]
    fn copies_or_synthetic_data_each_suffice() {
        assert!(violations("[security]\nmeasures = [\"Contrôle d'accès par rôle\", \"pas de copie complète\"]\n").is_empty());
        let v = violations(
            "[security]\nmeasures = [\"ACCESS control\", \"nightly full copies to the backup site\"]\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("copies"));
    }

    #[test]
    fn missing_access_is_reported_alone() {
        let v = violations("[security]\nmeasures = [\"no full copies of the dataset\"]\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("access"));
    }
}
