//! MODEL-07: a fine-tuned or transferred base model's status is checked in
//! its provider's analysis.

use crate::manifest::Training;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "MODEL-07",
    title: "The base model's status is checked in its provider's analysis",
    sheet: Sheet::ModelStatus,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Unconfirmed,
    applies: "the model is obtained by fine-tuning or transfer learning from a base model (`project.training`)",
    source: "Catalogue MODEL-07 (CNIL sheet \"Analysing the status of an AI model with regard to the GDPR\", July 2025; not confirmed in the text read).",
    doc: "A model fine-tuned or adapted from a third-party base model inherits what the base model memorised: before relying on the base model being anonymous, the developer checks the status analysis its provider published. The rule fails when `project.training` is `fine-tuning` or `transfer-learning` and no `model.base-model-analysis` is given. This point is not confirmed in a CNIL text (the catalogue marks it unconfirmed), so a failure is reported only as a suggestion.",
    bad: Example::toml("[model]\nbase-model-analysis = \"<unset>\"\n"),
    good: Example::toml(
        "[project]\ntraining = \"from-scratch\"\n[model]\nbase-model-analysis = \"<unset>\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let adapted = matches!(
            m.project.training,
            Training::FineTuning | Training::TransferLearning
        );
        if adapted && !given(m.model.base_model_analysis.as_ref()) {
            out.push(
                Violation::new(
                    "the model is adapted from a base model whose status under the GDPR was not checked",
                    "obtain the base model provider's analysis of its status (or its model card's statement on training data and memorisation), check it, and give its reference in `model.base-model-analysis`",
                )
                .at("model.base-model-analysis"),
            );
        }
    }
}
