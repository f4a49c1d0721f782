//! MODEL-02: a model trained on personal data has its GDPR status analysed
//! and documented.

use crate::decisions::Tri;
use crate::manifest::ModelStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "MODEL-02",
    title: "The model's status under the GDPR is analysed and documented",
    sheet: Sheet::ModelStatus,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "the model is trained on personal data (or data that may hold some)",
    source: "Catalogue MODEL-02 (CNIL sheet \"Analysing the status of an AI model with regard to the GDPR\", July 2025); EDPB Opinion 28/2024; GDPR Art. 5(2).",
    doc: "A model trained on personal data may be anonymous, or may have memorised data that can be extracted by means reasonably likely to be used, in which case the GDPR applies to the model itself. The CNIL recommends that the provider carry out and document that analysis following its method. The rule fails when personal data is processed (or may be) and `model.status` is still `not-analysed`, and, separately, when no `model.status-analysis` documents the conclusion.",
    bad: Example::toml("[model]\nstatus = \"not-analysed\"\nstatus-analysis = \"<unset>\"\n"),
    good: Example::toml(
        "[model]\nstatus = \"anonymous\"\nstatus-analysis = \"docs/model-status-v2.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        let model = &cx.manifest.model;
        if model.status == ModelStatus::NotAnalysed {
            out.push(
                Violation::new(
                    "the model is trained on personal data and its status under the GDPR is not analysed",
                    "analyse whether personal data can be extracted from the model (CNIL method, attack tests) and set `model.status` to `anonymous` or `personal-data`",
                )
                .at("model.status"),
            );
        }
        if !given(model.status_analysis.as_ref()) {
            out.push(
                Violation::new(
                    "the model is trained on personal data and no analysis of its status is documented",
                    "document the analysis of the model's status (what was tested, how, with what result) and give its path in `model.status-analysis`",
                )
                .at("model.status-analysis"),
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
    fn status_and_document_fail_separately() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
        let v = violations("[model]\nstatus = \"not-analysed\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("not analysed"));
        let v = violations("[model]\nstatus-analysis = \"TODO\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no analysis"));
    }

    #[test]
    fn no_personal_data_no_finding() {
        let v = violations(
            "[project]\npersonal-data = \"no\"\n[model]\nstatus = \"not-analysed\"\nstatus-analysis = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
