//! LI-08: people can object to the use of their data when it rests on
//! legitimate interest.

use crate::manifest::{LegalBasis, SourceMode};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "LI-08",
    title: "People can object to processing on legitimate interest",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "every source whose legal basis is legitimate interest",
    source: "Catalogue LI-08 (CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025, as summarised citing the EDPB); GDPR Art. 21(1).",
    doc: "When processing rests on legitimate interest, the people have the right to object to it (GDPR Art. 21), and handling an objection must reach the dataset (the person is excluded from the next build). The rule fails for each source on legitimate interest where objections are not handled: `legitimate-interest.objection-handled` is not true and, for a scraped source, no objection list is applied at collection (`scraping.objection-list`). The link the CNIL draws with the dataset was read only in a secondary summary, so a failure is reported as a warning, not an error.",
    bad: Example::toml("[[sources]]\n[sources.legitimate-interest]\nobjection-handled = false\n"),
    good: Example::toml(
        "[[sources]]\n[[sources]]\n[[sources]]\nid = \"forum\"\nname = \"Public product forum\"\nmode = \"scraped\"\npurposes = [\"helpdesk\"]\nlegal-basis = \"legitimate-interest\"\n[sources.legitimate-interest]\nobjection-handled = false\n[sources.scraping]\nobjection-list = true\n",
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
            let handled = s
                .legitimate_interest
                .as_ref()
                .is_some_and(|li| li.objection_handled);
            let list = s.mode == SourceMode::Scraped
                && s.scraping.as_ref().is_some_and(|sc| sc.objection_list);
            if handled || list {
                continue;
            }
            let fix = if s.mode == SourceMode::Scraped {
                "let people object (a prior opt-out before training, or an objection list applied at collection: `scraping.objection-list`), exclude them from the next dataset build, and set `legitimate-interest.objection-handled = true`"
            } else {
                "let people object (e.g. a prior opt-out before training), exclude those who do from the next dataset build, and set `legitimate-interest.objection-handled = true`"
            };
            out.push(
                Violation::new(
                    format!(
                        "source `{}` relies on legitimate interest but people cannot object",
                        s.id
                    ),
                    fix,
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
    fn a_scraped_source_without_objection_list_fails() {
        let v = violations(
            "[[sources]]\n[[sources]]\n[[sources]]\nid = \"forum\"\nname = \"Public product forum\"\nmode = \"scraped\"\nlegal-basis = \"legitimate-interest\"\n[sources.legitimate-interest]\nobjection-handled = false\n[sources.scraping]\nobjection-list = false\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].fix.contains("scraping.objection-list"));
    }

    #[test]
    fn a_missing_table_means_not_handled() {
        let v = violations("[[sources]]\n[[sources]]\nlegitimate-interest = \"<unset>\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("faq-public"));
    }
}
