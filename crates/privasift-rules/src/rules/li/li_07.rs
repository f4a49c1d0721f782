//! LI-07: a public body does not rely on legitimate interest for a
//! development its tasks cover.

use crate::decisions::Validity;
use crate::manifest::{ControllerKind, LegalBasis};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "LI-07",
    title: "A public body uses legitimate interest only outside its public tasks",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "a public body (or competent authority) relying on legitimate interest",
    source: "Catalogue LI-07 (CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025); GDPR Art. 6(1), last subparagraph.",
    doc: "Public authorities cannot rely on legitimate interest for processing carried out in the performance of their tasks: for them, legitimate interest is available only for activities not strictly necessary to their specific tasks (e.g. managing staff). The rule reads the legal-basis decision (DT-3): it fails for each source on legitimate interest whose verdict is invalid because the controller is a public body (`controller.type` `public-body`, or a competent authority, which is one too) declaring that developing the system is strictly necessary to its tasks (`controller.development-within-public-tasks`).",
    bad: Example::toml(
        "[controller]\ntype = \"public-body\"\ndevelopment-within-public-tasks = true\n",
    ),
    good: Example::toml(
        "[controller]\ntype = \"public-body\"\ndevelopment-within-public-tasks = false\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let c = &cx.manifest.controller;
        if c.kind == ControllerKind::Private || !c.development_within_public_tasks {
            return;
        }
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegitimateInterest) {
                continue;
            }
            let invalid = cx
                .decisions
                .legal_basis
                .iter()
                .any(|v| v.source == s.id && v.verdict == Validity::Invalid);
            if invalid {
                out.push(
                    Violation::new(
                        format!(
                            "source `{}` relies on legitimate interest, but the controller is a public body whose tasks cover this development",
                            s.id
                        ),
                        "rely on the public-task basis (`legal-basis = \"public-task\"` with the `legal-text` laying the task down), or on another basis that fits",
                    )
                    .at(&format!("sources[{i}].legal-basis")),
                );
            }
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
    fn each_li_source_of_a_public_body_fails() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
    }

    #[test]
    fn a_private_controller_is_not_concerned() {
        assert!(violations("[controller]\ndevelopment-within-public-tasks = true\n").is_empty());
    }

    #[test]
    fn a_source_on_public_task_passes() {
        let v = violations(
            "[controller]\ntype = \"public-body\"\ndevelopment-within-public-tasks = true\n[[sources]]\nlegal-basis = \"public-task\"\nlegal-text = \"Code X, art. 1\"\nlegitimate-interest = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("faq-public"));
    }
}
