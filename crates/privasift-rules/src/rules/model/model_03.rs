//! MODEL-03: a claim that the model is anonymous rests on documented
//! attack tests.

use crate::manifest::ModelStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "MODEL-03",
    title: "An anonymous model is shown so by attack tests",
    sheet: Sheet::ModelStatus,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "the model is declared anonymous (`model.status = \"anonymous\"`)",
    source: "Catalogue MODEL-03 (CNIL sheet \"Analysing the status of an AI model with regard to the GDPR\", July 2025, as summarised); EDPB Opinion 28/2024.",
    doc: "A model may be treated as anonymous only when the likelihood of extracting or obtaining personal data from it, by means reasonably likely to be used, is insignificant (EDPB Opinion 28/2024, case by case). The claim is supported by documented attack tests: re-identification, extraction or regurgitation of training data, membership inference. The rule fails when `model.status` is `anonymous` and `model.attack-tests` lists no test (blank or `TODO` entries do not count). The test expectations were read only in secondary summaries, so a failure is reported as a warning.",
    bad: Example::toml("[model]\nstatus = \"anonymous\"\nattack-tests = []\n"),
    good: Example::toml(
        "[model]\nstatus = \"anonymous\"\nattack-tests = [\"docs/attacks/membership-inference.md\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let model = &cx.manifest.model;
        if model.status != ModelStatus::Anonymous {
            return;
        }
        if !model.attack_tests.iter().any(|t| given(Some(t))) {
            out.push(
                Violation::new(
                    "the model is declared anonymous with no attack test to show it",
                    "run and document attack tests (extraction or regurgitation of training data, membership inference, re-identification) with their method, effort and results, and list them in `model.attack-tests`; until then, treat the model as holding personal data",
                )
                .at("model.attack-tests"),
            );
        }
    }
}
