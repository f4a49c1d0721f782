//! MODEL-04: a model that holds personal data is used behind output
//! filters when it leaves the team or is built into a system.

use crate::manifest::{Artefact, Distribution, ModelStatus};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "MODEL-04",
    title: "A model holding personal data is used behind robust output filters",
    sheet: Sheet::ModelStatus,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "the model holds personal data and is offered through an API, published with open weights, or built into a system",
    source: "Catalogue MODEL-04 (CNIL sheet \"Analysing the status of an AI model with regard to the GDPR\", July 2025; CNIL news of 22 July 2025); EDPB Opinion 28/2024.",
    doc: "When a model is not anonymous, the use of the system that encapsulates it can be kept outside the processing of personal data with robust filters at the level of the system (the CNIL asks to analyse the system, not only the model). The rule fails when `model.status` is `personal-data`, and the model is served through an API, published with open weights, or built into a system (`project.artefact` `system` or `model-and-system`), and `model.output-filters` is not true.",
    bad: Example::toml("[model]\noutput-filters = false\n"),
    good: Example::toml(
        "[project]\nartefact = \"model\"\n[model]\noutput-filters = false\ndistribution = \"internal\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.model.status != ModelStatus::PersonalData || m.model.output_filters {
            return;
        }
        let why = match (m.model.distribution, m.project.artefact) {
            (Distribution::Api, _) => "served through an API",
            (Distribution::OpenWeights, _) => "published with open weights",
            (Distribution::Internal, Artefact::System | Artefact::ModelAndSystem) => {
                "built into a system"
            }
            (Distribution::Internal, Artefact::Model) => return,
        };
        out.push(
            Violation::new(
                format!("the model holds personal data and is {why} with no filters on its outputs"),
                "put robust filters on the system's outputs (e.g. blocking the training data's identifiers and regurgitated passages), test them against extraction prompts, and set `model.output-filters = true`",
            )
            .at("model.output-filters"),
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
    fn each_exposure_fails_without_filters() {
        let v = violations(
            "[project]\nartefact = \"model\"\n[model]\noutput-filters = false\ndistribution = \"api\"\n",
        );
        assert!(v.len() == 1 && v[0].message.contains("API"), "{v:?}");
        let v = violations(
            "[project]\nartefact = \"model\"\n[model]\noutput-filters = false\ndistribution = \"open-weights\"\n",
        );
        assert!(
            v.len() == 1 && v[0].message.contains("open weights"),
            "{v:?}"
        );
        let v = violations("[project]\nartefact = \"system\"\n[model]\noutput-filters = false\n");
        assert!(v.len() == 1 && v[0].message.contains("system"), "{v:?}");
    }

    #[test]
    fn an_anonymous_model_needs_none() {
        assert!(violations("[model]\nstatus = \"anonymous\"\noutput-filters = false\n").is_empty());
    }
}
