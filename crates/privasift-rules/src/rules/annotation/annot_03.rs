//! ANNOT-03: labels that come with a re-used dataset are pruned to those the
//! system needs.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "ANNOT-03",
    title: "Re-used labels are pruned to those the system needs",
    sheet: Sheet::Annotation,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "the annotation re-uses the labels of a pre-annotated dataset (`annotation.reused-labels = true`)",
    source: "Catalogue ANNOT-03 (CNIL sheet \"Annotating data\", July 2025); GDPR Art. 5(1)(c).",
    doc: "A re-used, pre-annotated dataset often carries more labels than the system needs. Only the labels relevant to the system's functions are kept; where pruning them is not technically possible, the controller justifies it and shows its effort to choose the most relevant dataset, then sorts the labels. The rule fails when the manifest has an `[annotation]` table with `reused-labels = true` and `labels-pruned` is not true. Whether each label kept is justified is ANNOT-02's concern.",
    bad: Example::toml(
        "[annotation]\npurpose = \"helpdesk\"\nreused-labels = true\nlabels-pruned = false\n",
    ),
    good: Example::toml(
        "[annotation]\npurpose = \"helpdesk\"\nreused-labels = true\nlabels-pruned = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let Some(a) = &cx.manifest.annotation else {
            return;
        };
        if a.reused_labels && !a.labels_pruned {
            out.push(
                Violation::new(
                    "the labels of a re-used, pre-annotated dataset are kept without being pruned to those the system needs",
                    "drop the re-used labels that are not relevant to the system's functions (or, where that is not technically possible, document why and the choice of the most relevant dataset), then set `annotation.labels-pruned = true`",
                )
                .at("annotation.labels-pruned"),
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
    fn only_unpruned_reused_labels_fail() {
        assert_eq!(violations(META.bad.manifest).len(), 1);
        assert!(violations(META.good.manifest).is_empty());
        let v = violations("[annotation]\nreused-labels = false\nlabels-pruned = false\n");
        assert!(v.is_empty(), "{v:?}");
        assert!(violations("").is_empty());
    }
}
