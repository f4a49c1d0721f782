//! SEC-07: the usual measures of encryption and access logging are among the security measures.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Words naming encryption (English or French).
const ENCRYPTION: [&str; 3] = ["encrypt", "chiffr", "cipher"];
/// Words naming logging or traceability (English or French).
const LOGGING: [&str; 6] = [
    "log",
    "journal",
    "ledger",
    "audit trail",
    "traçab",
    "traceab",
];

static META: RuleMeta = RuleMeta {
    id: "SEC-07",
    title: "Encryption and access logging are among the security measures",
    sheet: Sheet::Security,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Unconfirmed,
    applies: "security measures are listed (`security.measures`)",
    source: "Catalogue SEC-07 (usual security measures; not confirmed in the CNIL's AI security sheet as read); GDPR Art. 32(1)(a).",
    doc: "Usual measures for an AI development include integrity hashes of datasets, logging of accesses, versioning of data and models, encryption at rest, in transit and of backups, isolation of the training environment and supply-chain checks of pretrained models. The measures are free words, so the rule reads them by keyword: it fails when `security.measures` lists measures but none mentions encryption (\"encrypt\", \"chiffr\"), and, separately, when none mentions logging or traceability (\"log\", \"journal\", \"ledger\", \"audit trail\", \"traçabilité\"). Integrity is SEC-05's check. This point is not confirmed in a CNIL text (the catalogue marks it unconfirmed), so a failure is reported only as a suggestion.",
    bad: Example::toml(
        "[security]\nmeasures = [\"access control by role\", \"integrity hashes of datasets\"]\n",
    ),
    good: Example::toml(
        "[security]\nmeasures = [\"access control by role\", \"integrity hashes of datasets\", \"Encryption of backups\", \"access logs kept one year\"]\n",
    ),
};

fn mentions(measures: &[String], words: &[&str]) -> bool {
    measures.iter().any(|s| {
        let s = s.to_lowercase();
        words.iter().any(|w| s.contains(w))
    })
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let measures = &cx.manifest.security.measures;
        if measures.iter().all(|s| s.trim().is_empty()) {
            return;
        }
        if !mentions(measures, &ENCRYPTION) {
            out.push(
                Violation::new(
                    "no security measure mentions encryption",
                    "encrypt the datasets, models and backups at rest and in transit, and list it in `security.measures`",
                )
                .at("security.measures"),
            );
        }
        if !mentions(measures, &LOGGING) {
            out.push(
                Violation::new(
                    "no security measure mentions logging of accesses",
                    "log the accesses to the datasets and models (who, when, what), keep the logs, and list it in `security.measures`",
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
    fn each_measure() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
        let v = violations("[security]\nmeasures = [\"chiffrement des sauvegardes\"]\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("logging"));
        let v = violations("[security]\nmeasures = [\"journal des accès\"]\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("encryption"));
        assert!(violations(META.good.manifest).is_empty());
        assert!(violations("[security]\nmeasures = []\n").is_empty());
    }
}
