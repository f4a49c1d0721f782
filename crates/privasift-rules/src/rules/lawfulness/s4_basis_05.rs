//! S4-BASIS-05: the public-task basis is used only by a body whose task,
//! laid down by law, covers the development.

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-05",
    title: "Public task rests on a task laid down by law that covers the development",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "sources whose legal basis is public task (GDPR Art. 6(1)(e))",
    source: "Catalogue S4-BASIS-05 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"; legitimate-interest sheet, public bodies; read in a secondary summary); GDPR Art. 6(1)(e), 6(3).",
    doc: "The performance of a task carried out in the public interest is a basis for bodies whose task, laid down by EU or national law, covers developing the system; the law that lays it down must be identified. A private company without such a task cannot rely on it. The rule reads the legal-basis decision of each public-task source and fails when the controller is private (invalid) or when no `legal-text` names the provision laying the task down (incomplete). This point was read only in a secondary summary of the CNIL's text, so it is reported as a warning.",
    bad: Example::toml(
        "[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[controller]\ntype = \"public-body\"\n\n[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\nlegal-text = \"Decree 2024-000 on the public support service, art. 3\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s, v) in super::on_basis(cx, LegalBasis::PublicTask) {
            let (what, fix, at) = match v.verdict {
                Validity::Invalid => (
                    "cannot rely on public task",
                    "public task is for bodies with a task laid down by law; a private controller should consider legitimate interest (with its three conditions) or consent",
                    "legal-basis",
                ),
                Validity::Incomplete => (
                    "does not show its public task",
                    "name in `legal-text` the provision of EU or national law that lays down the task this development serves",
                    "legal-text",
                ),
                Validity::Valid | Validity::Missing => continue,
            };
            out.push(
                Violation::new(
                    format!("source `{}` {what}: {}", s.id, v.reasons.join("; ")),
                    fix,
                )
                .at(&format!("sources[{i}].{at}")),
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
    fn each_verdict() {
        let invalid = violations(&Check, META.bad.manifest);
        assert_eq!(invalid.len(), 1);
        assert!(invalid[0].message.contains("cannot rely"));
        let incomplete = violations(
            &Check,
            "[controller]\ntype = \"public-body\"\n\n[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
        );
        assert_eq!(incomplete.len(), 1);
        assert!(incomplete[0].message.contains("does not show"));
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
