//! S6-DESIGN-03: deep learning is used only where no more economical
//! method would do, and this is justified.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-03",
    title: "Deep learning is justified by the lack of a more economical method",
    sheet: Sheet::Design,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "projects using deep learning (`design.deep-learning`)",
    source: "Catalogue S6-DESIGN-03 (CNIL sheet 6, \"Taking data protection into account in the system design choices\"), settled by the seeds: consultation summary, how-to sheet 6, \"Compliance with the principle of minimisation\": \"deep learning methods must be reserved for cases where no more economical alternatives exist, and must be justified\".",
    doc: "Minimisation requires the method chosen to reach an objective to be as data-efficient as possible; it sets no threshold and does not forbid large datasets. Deep learning, which needs much data, must be reserved for cases where no more economical alternative exists, and the choice must be justified. The rule fails when `design.deep-learning` is true and `design.deep-learning-justification` is not given (or a TODO).",
    bad: Example::toml("[design]\ndeep-learning-justification = \"<unset>\"\n"),
    good: Example::toml(
        "[design]\ndeep-learning = false\ndeep-learning-justification = \"<unset>\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.design;
        if d.deep_learning && !given(d.deep_learning_justification.as_ref()) {
            out.push(
                Violation::new(
                    "the design uses deep learning without justifying that no more economical method would do",
                    "say in `design.deep-learning-justification` which lighter methods were considered or tried (rules, classical models, retrieval, fine-tuning an existing model) and why they fall short; otherwise use the more economical one",
                )
                .at("design.deep-learning"),
            );
        }
    }
}
