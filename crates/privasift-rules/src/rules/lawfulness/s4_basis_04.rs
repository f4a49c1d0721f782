//! S4-BASIS-04: a source on legitimate interest has its legitimate interest
//! assessment (a `[sources.legitimate-interest]` table).

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-04",
    title: "A source on legitimate interest comes with its assessment",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources whose legal basis is legitimate interest (GDPR Art. 6(1)(f))",
    source: "Catalogue S4-BASIS-04 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", legal basis; CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025); GDPR Art. 6(1)(f) and 5(2).",
    doc: "Legitimate interest is one of the bases the CNIL names for developing an AI system, but it holds only after an assessment of its three conditions (the interest is legitimate, the processing is necessary, the balancing does not disproportionately affect the people), which the controller must be able to show. The rule fails for each source on legitimate interest that has no `[sources.legitimate-interest]` table at all: the assessment is missing. A table that is present but leaves a condition unstated is LI-01's finding, not this one; and a source whose basis cannot hold anyway (a public body acting within its tasks, LI-07; another law requiring consent, S4-BASIS-08) is left to those rules.",
    bad: Example::toml("[[sources]]\nlegitimate-interest = \"<unset>\"\n"),
    good: Example::toml(
        "[[sources]]\n[sources.legitimate-interest]\ndocument = \"docs/lia-tickets.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegitimateInterest)
                || s.legitimate_interest.is_some()
            {
                continue;
            }
            // The basis cannot hold whatever the assessment says: LI-07 or
            // S4-BASIS-08 reports it.
            let invalid = cx
                .decisions
                .legal_basis
                .iter()
                .any(|v| v.source == s.id && v.verdict == Validity::Invalid);
            if invalid {
                continue;
            }
            out.push(
                Violation::new(
                    format!(
                        "source `{}` relies on legitimate interest with no assessment of it",
                        s.id
                    ),
                    "assess the three conditions and add a `[sources.legitimate-interest]` table stating the `interest`, the `necessity` and the `balancing` (with the `measures` and the written assessment in `document`); if they cannot be met, choose another legal basis",
                )
                .at(&format!("sources[{i}].legal-basis")),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn a_missing_table_fails_once_per_source() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`tickets`"), "{v:?}");
        let v = violations(
            &Check,
            "[[sources]]\nlegitimate-interest = \"<unset>\"\n[[sources]]\nlegitimate-interest = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn an_incomplete_table_is_li_01s() {
        let v = violations(
            &Check,
            "[[sources]]\n[sources.legitimate-interest]\nnecessity = \"<unset>\"\nbalancing = \"TODO\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn an_invalid_basis_is_left_to_its_rule() {
        let v = violations(
            &Check,
            "[controller]\ntype = \"public-body\"\ndevelopment-within-public-tasks = true\n[[sources]]\nlegitimate-interest = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
        let v = violations(
            &Check,
            "[[sources]]\nother-law-requires-consent = true\nlegitimate-interest = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn other_bases_are_not_checked() {
        let v = violations(
            &Check,
            "[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
