//! RIGHTS-07: a model that holds personal data has a way for erasure and
//! objection to reach it.

use crate::manifest::ModelStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-07",
    title: "Erasure and objection reach a model that holds personal data",
    sheet: Sheet::Rights,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "the model is held to contain personal data (`model.status = \"personal-data\"`)",
    source: "Catalogue RIGHTS-07 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025, as summarised); GDPR Art. 17 and 21.",
    doc: "When the model itself holds personal data, erasure and objection requests must reach it: by retraining without the data, by periodic retraining that integrates the requests gathered, or meanwhile by filters on the outputs; cost, feasibility and technical limits may justify limiting the response. The rule fails when `model.status` is `personal-data` and `rights.model-erasure` does not say how erasure reaches the model. This point (and the order between these measures) was read only in a secondary summary, so a failure is reported as a warning.",
    bad: Example::toml("[rights]\nmodel-erasure = \"<unset>\"\n"),
    good: Example::toml(
        "[rights]\nmodel-erasure = \"Requests are applied at the monthly retraining; an output filter blocks the person's identifiers until then.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.model.status == ModelStatus::PersonalData && !given(m.rights.model_erasure.as_ref()) {
            out.push(
                Violation::new(
                    "the model holds personal data, and nothing says how erasure or objection reaches it",
                    "say in `rights.model-erasure` how a request reaches the model (retraining without the data, periodic retraining with the requests gathered, output filters meanwhile) and why that response is proportionate",
                )
                .at("rights.model-erasure"),
            );
        }
    }
}
