//! MODEL-01: a model designed to output personal data is not declared
//! anonymous.

use crate::manifest::ModelStatus;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "MODEL-01",
    title: "A model designed to output personal data is not anonymous",
    sheet: Sheet::ModelStatus,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "the model is declared anonymous (`model.status = \"anonymous\"`)",
    source: "Catalogue MODEL-01 and DT-7 step 2 (CNIL sheet \"Analysing the status of an AI model with regard to the GDPR\", July 2025); EDPB Opinion 28/2024; GDPR recital 26.",
    doc: "A model trained on personal data can be anonymous, and then outside the GDPR, only if personal data cannot be extracted from it by means reasonably likely to be used; otherwise the GDPR applies to the model itself. A model designed to output personal data (e.g. to answer questions about people) is therefore never anonymous: its status is personal data, whatever the attack tests show. The rule fails when `model.status` is `anonymous` while `model.outputs-personal-data` is true. Whether an anonymity claim rests on attack tests is MODEL-03's concern.",
    bad: Example::toml("[model]\nstatus = \"anonymous\"\noutputs-personal-data = true\n"),
    good: Example::toml("[model]\nstatus = \"personal-data\"\noutputs-personal-data = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let model = &cx.manifest.model;
        if model.status == ModelStatus::Anonymous && model.outputs_personal_data {
            out.push(
                Violation::new(
                    "the model is declared anonymous but is designed to output personal data",
                    "set `model.status = \"personal-data\"`: the GDPR applies to the model (legal basis, security, information, rights); if the model should not output personal data, change its design and set `model.outputs-personal-data = false` before analysing its status again",
                )
                .at("model.status"),
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
    fn only_an_anonymous_model_that_outputs_personal_data_fails() {
        assert_eq!(violations(META.bad.manifest).len(), 1);
        let v = violations("[model]\nstatus = \"anonymous\"\noutputs-personal-data = false\n");
        assert!(v.is_empty(), "{v:?}");
        let v = violations("[model]\nstatus = \"not-analysed\"\noutputs-personal-data = true\n");
        assert!(v.is_empty(), "{v:?}");
    }
}
