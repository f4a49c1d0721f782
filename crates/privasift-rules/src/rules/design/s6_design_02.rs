//! S6-DESIGN-02: the design choices are validated by a pilot study or by
//! consulting an ethics committee or an AI referent.

use crate::manifest::Validation;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-02",
    title: "The design choices are validated by a pilot study, an ethics committee or an AI referent",
    sheet: Sheet::Design,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S6-DESIGN-02 (CNIL sheet 6, \"Taking data protection into account in the system design choices\", validation of the choices); consultation summary, how-to sheet 6: \"it may be difficult to anticipate the most appropriate architecture before testing the system on data, for example in the pilot phase\"; \"On the role of the ethics committee\": consulting it is \"a good practice to be associated with the validation of an AI development project\", and \"an alternative good practice may also be to consult or appoint an 'AI referent'\".",
    doc: "The CNIL recommends validating the design choices (objective, method, data) before the full collection: by a pilot study, which tests the architecture on a small amount of data, and/or by asking the opinion of an ethics committee, or of an AI referent where a committee is out of reach for the organisation. The forms are not exclusive. The rule fails when `design.validation` lists only `other` (an empty list is S6-DESIGN-01's error: the fourth level of minimisation is missing).",
    bad: Example::toml("[design]\nvalidation = [\"other\"]\n"),
    good: Example::toml("[design]\nvalidation = [\"other\", \"ethics-committee\"]\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let v = &cx.manifest.design.validation;
        // An empty list is S6-DESIGN-01's (the fourth level is missing).
        if !v.is_empty() && v.iter().all(|x| *x == Validation::Other) {
            let what = if v.is_empty() {
                "the design choices were not validated"
            } else {
                "the design choices were validated only by other means"
            };
            out.push(
                Violation::new(
                    format!("{what}: no pilot study, ethics committee or AI referent"),
                    "validate the objective, method and data selection by a pilot study on a small amount of data and/or by the opinion of an ethics committee or an AI referent, and list it in `design.validation`",
                )
                .at("design.validation"),
            );
        }
    }
}
