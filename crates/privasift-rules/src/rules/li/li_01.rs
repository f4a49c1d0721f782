//! LI-01: a source on legitimate interest states its three cumulative
//! conditions (interest, necessity, balancing).

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "LI-01",
    title: "Legitimate interest rests on its three conditions, each stated",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "every source whose legal basis is legitimate interest and that gives a `legitimate-interest` table",
    source: "Catalogue LI-01 (CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025); GDPR Art. 6(1)(f).",
    doc: "Legitimate interest can be relied on only when three cumulative conditions hold: the interest pursued is legitimate, the processing is necessary to it, and it does not disproportionately affect the people's rights and interests given their reasonable expectations (the balancing). The rule reads the legal-basis decision (DT-3): it fails for each source on legitimate interest whose verdict is incomplete and whose `legitimate-interest` table is present but does not state the interest, the necessity or the balancing, and lists the conditions missing. A source with no `legitimate-interest` table at all has no assessment: that is S4-BASIS-04's finding, not this one.",
    bad: Example::toml(
        "[[sources]]\n[sources.legitimate-interest]\nnecessity = \"<unset>\"\nbalancing = \"TODO\"\n",
    ),
    good: Example::toml(
        "[[sources]]\n[sources.legitimate-interest]\nbalancing = \"Customers expect their tickets to improve the service; identifiers are pseudonymised before training and the model stays internal.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegitimateInterest) {
                continue;
            }
            // No table at all: the assessment is missing (S4-BASIS-04).
            let Some(li) = &s.legitimate_interest else {
                continue;
            };
            let incomplete = cx
                .decisions
                .legal_basis
                .iter()
                .any(|v| v.source == s.id && v.verdict == Validity::Incomplete);
            if !incomplete {
                continue;
            }
            let missing: Vec<&str> = [
                (
                    "interest (the interest is legitimate)",
                    li.interest.as_ref(),
                ),
                (
                    "necessity (the processing is necessary)",
                    li.necessity.as_ref(),
                ),
                (
                    "balancing (no disproportionate effect on the people)",
                    li.balancing.as_ref(),
                ),
            ]
            .into_iter()
            .filter(|(_, text)| !given(*text))
            .map(|(name, _)| name)
            .collect();
            out.push(
                Violation::new(
                    format!(
                        "source `{}` relies on legitimate interest without stating: {}",
                        s.id,
                        missing.join("; ")
                    ),
                    "state each missing condition in `legitimate-interest` (`interest`, `necessity`, `balancing`); if one cannot be met, choose another legal basis",
                )
                .at(&format!("sources[{i}].legitimate-interest")),
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
    fn lists_every_missing_condition() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message.contains("necessity") && v[0].message.contains("balancing"),
            "{v:?}"
        );
        assert!(!v[0].message.contains("interest (the"), "{v:?}");
    }

    #[test]
    fn an_empty_table_lists_all_three() {
        let v = violations(
            "[[sources]]\n[[sources]]\n[sources.legitimate-interest]\ninterest = \"<unset>\"\nnecessity = \"<unset>\"\nbalancing = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("faq-public"));
        assert!(v[0].message.contains("interest (the"), "{v:?}");
    }

    #[test]
    fn a_missing_table_is_s4_basis_04s() {
        let v = violations("[[sources]]\n[[sources]]\nlegitimate-interest = \"<unset>\"\n");
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn other_bases_are_not_checked() {
        let v = violations(
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[sources.consent]\nfree = true\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
