//! ANNOT-02: each label class is justified as needed for training.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "ANNOT-02",
    title: "Labels are limited to what training needs, each justified",
    sheet: Sheet::Annotation,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "the data is annotated (an `[annotation]` table) with label classes",
    source: "Catalogue ANNOT-02 (CNIL sheet \"Annotating data\", July 2025); GDPR Art. 5(1)(c).",
    doc: "Minimisation applies to annotation: the labels (and the data labelled) are limited to what training needs. A label is relevant when its link to the system's performance is proven (theory, experiments, literature) or sufficiently plausible; context labels that help indirectly (e.g. billboards, to avoid false positives in a traffic-sign model) can be justified. The rule fails when the manifest has an `[annotation]` table with `labels` and `labels-justified` is not true. Without an `[annotation]` table it does not apply.",
    bad: Example::toml(
        "[annotation]\nlabels = [\"intent\", \"product\", \"customer mood\"]\nlabels-justified = false\n",
    ),
    good: Example::toml(
        "[annotation]\nlabels = [\"intent\", \"product\", \"customer mood\"]\nlabels-justified = true\n",
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
        if !a.labels.is_empty() && !a.labels_justified {
            out.push(
                Violation::new(
                    format!("{} label classes are used with no justification of their relevance", a.labels.len()),
                    "for each label class, document its link to the system's performance (experiments, literature, or a plausible reason), drop the classes that have none, and set `annotation.labels-justified = true`",
                )
                .at("annotation.labels-justified"),
            );
        }
    }
}
