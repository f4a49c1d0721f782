//! RIGHTS-02: when whether requests reach the model is unknown, something
//! is still planned for the model.

use crate::decisions::Tri;
use crate::manifest::ModelStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-02",
    title: "Difficulty with the model does not excuse doing nothing about rights",
    sheet: Sheet::Rights,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be) and the model's status is not analysed (`model.status = \"not-analysed\"`)",
    source: "Catalogue RIGHTS-02 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 12(2) and 25(1).",
    doc: "The CNIL asks for realistic and proportionate solutions to the exercise of rights, and holds that the difficulties specific to AI (finding a person in a large dataset, or in a model) do not excuse doing nothing. When the model's status is not analysed, whether a request reaches the model is unknown, so something must still be planned for it. The rule fails when personal data is processed (or may be), `model.status` is `not-analysed`, and nothing is planned for the model: no `rights.model-erasure` and no `model.output-filters`. A model held to contain personal data is RIGHTS-07's concern, and the missing status analysis itself is MODEL-02's.",
    bad: Example::toml(
        "[model]\nstatus = \"not-analysed\"\noutput-filters = false\n\n[rights]\nmodel-erasure = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[model]\nstatus = \"not-analysed\"\noutput-filters = false\n\n[rights]\nmodel-erasure = \"Until the model's status is analysed, erasure requests are applied at the next retraining.\"\n",
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
        let m = cx.manifest;
        if m.model.status != ModelStatus::NotAnalysed
            || m.model.output_filters
            || given(m.rights.model_erasure.as_ref())
        {
            return;
        }
        out.push(
            Violation::new(
                "whether requests reach the model is unknown (its status is not analysed), and nothing is planned for the model: no way for erasure to reach it and no output filters",
                "plan a proportionate response for the model while its status is analysed: say in `rights.model-erasure` how requests reach it (e.g. applied at the next retraining), or filter the system's outputs (`model.output-filters = true`)",
            )
            .at("rights.model-erasure"),
        );
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
    fn either_measure_clears_it() {
        assert_eq!(violations(META.bad.manifest).len(), 1);
        assert!(violations(META.good.manifest).is_empty());
        let v = violations(
            "[model]\nstatus = \"not-analysed\"\noutput-filters = true\n\n[rights]\nmodel-erasure = \"TODO\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn an_analysed_model_is_left_to_other_rules() {
        for status in ["personal-data", "anonymous"] {
            let fragment: &'static str = Box::leak(
                format!(
                    "[model]\nstatus = \"{status}\"\noutput-filters = false\n\n[rights]\nmodel-erasure = \"<unset>\"\n"
                )
                .into_boxed_str(),
            );
            assert!(violations(fragment).is_empty(), "{status}");
        }
    }

    #[test]
    fn no_personal_data_no_finding() {
        let v = violations(
            "[project]\npersonal-data = \"no\"\n\n[model]\nstatus = \"not-analysed\"\noutput-filters = false\n\n[rights]\nmodel-erasure = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
