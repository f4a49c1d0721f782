//! S5-DPIA-10: a model offered to others through an API has its DPIA (or a summary) published.

use crate::manifest::Distribution;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-10",
    title: "The DPIA of a model offered to others is published",
    sheet: Sheet::Dpia,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Unconfirmed,
    applies: "models offered to others through an API (`model.distribution = \"api\"`)",
    source: "Catalogue S5-DPIA-10 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\"; not confirmed in a CNIL text); GDPR Art. 35.",
    doc: "Publishing the DPIA, or a summary of it, helps those who build on a disseminated model or dataset to carry out their own assessment. Models published with open weights are S5-DPIA-06's concern; this rule covers models offered to others through an API. It fails when `model.distribution` is `api` and `dpia.published` is false. This point is not confirmed in a CNIL text (the catalogue marks it unconfirmed), so a failure is reported only as a suggestion.",
    bad: Example::toml("[model]\ndistribution = \"api\"\n"),
    good: Example::toml("[model]\ndistribution = \"api\"\n[dpia]\npublished = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.model.distribution == Distribution::Api && !m.dpia.published {
            out.push(
                Violation::new(
                    "the model is offered through an API but its DPIA is not published",
                    "publish the DPIA or a summary of it for the API's users and set `dpia.published = true`",
                )
                .at("dpia.published"),
            );
        }
    }
}
