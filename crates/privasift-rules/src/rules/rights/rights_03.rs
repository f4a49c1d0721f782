//! RIGHTS-03: requesters are told what follow-up their request gets in the
//! model.

use crate::decisions::Tri;
use crate::manifest::ModelStatus;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-03",
    title: "Requesters are told what follow-up is given in the model",
    sheet: Sheet::Rights,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "personal data is processed and the model is not shown to be anonymous",
    source: "Catalogue RIGHTS-03 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 12(3).",
    doc: "When a request (erasure, objection, rectification) cannot be reflected in the model at once, the CNIL recommends telling the requester what follow-up is given, for instance when the model will next be retrained. The rule fails when the model is not established to be anonymous (`model.status` `personal-data` or `not-analysed`) and `rights.follow-up-told` is not true.",
    bad: Example::toml("[rights]\nfollow-up-told = false\n"),
    good: Example::toml("[model]\nstatus = \"anonymous\"\n[rights]\nfollow-up-told = false\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No
            || cx.manifest.model.status == ModelStatus::Anonymous
        {
            return;
        }
        if !cx.manifest.rights.follow_up_told {
            out.push(
                Violation::new(
                    "the model is not shown to be anonymous, and requesters are not told when their request will reach it",
                    "tell each requester what follow-up is given in the model (e.g. the date of the next retraining, the filters applied meanwhile) and set `rights.follow-up-told = true`",
                )
                .at("rights.follow-up-told"),
            );
        }
    }
}
