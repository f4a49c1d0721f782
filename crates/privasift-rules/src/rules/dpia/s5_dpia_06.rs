//! S5-DPIA-06: the designer of a general-purpose model carries out a DPIA
//! for its re-users, and publishes it for an open-weights model.

use crate::manifest::{Distribution, DpiaStatus};
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-06",
    title: "A general-purpose model's designer carries out a DPIA, published for open models",
    sheet: Sheet::Dpia,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "general-purpose projects; models distributed as open weights",
    source: "Catalogue S5-DPIA-06 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\"), settled by the seeds: consultation summary, how-to sheet 5, \"The risk assessment of third-party models\": \"the recommendation, made to model designers, to carry out a DPIA in order to transmit it to re-users [...] is a sufficient measure to enable users of pre-trained models to carry out their own DPIA\"; \"the CNIL recommendation inviting model designers to make their DPIAs public must provide guarantees on the transmission of the information necessary for users to carry out their own DPIAs in the case of models published in open source\".",
    doc: "The CNIL gave further clarifications on the DPIA for foundation models and general-purpose AI systems: it recommends that model designers carry out a DPIA and pass it to those who re-use the model (in particular to fine-tune it), so that they can carry out their own, and that designers of models published in open source make their DPIA public, comprehensive enough for users to assess the risks of using the model. The rule fails when the project is general-purpose (`project.general-purpose`) and `dpia.status` is not `done`, and when the model is distributed as open weights (`model.distribution = \"open-weights\"`) and `dpia.published` is false.",
    bad: Example::toml("[project]\ngeneral-purpose = true\n[dpia]\nstatus = \"in-progress\"\n"),
    good: Example::toml(
        "[project]\ngeneral-purpose = true\n[model]\ndistribution = \"open-weights\"\n[dpia]\npublished = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.project.general_purpose && m.dpia.status != DpiaStatus::Done {
            out.push(
                Violation::new(
                    format!(
                        "a general-purpose model or system is developed and its DPIA is `{}`: the CNIL recommends its designer carry out a DPIA and pass it to re-users",
                        kebab(&m.dpia.status)
                    ),
                    "carry out the DPIA, set `dpia.status = \"done\"`, and give it to those who re-use or fine-tune the model so they can carry out their own",
                )
                .at("dpia.status"),
            );
        }
        if m.model.distribution == Distribution::OpenWeights && !m.dpia.published {
            out.push(
                Violation::new(
                    "the model is published as open weights but its DPIA is not public: the CNIL invites designers of open models to publish their DPIA",
                    "publish the DPIA (or a version comprehensive enough for users to assess the risks of using the model) with the model, and set `dpia.published = true`",
                )
                .at("dpia.published"),
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

    fn violations(fragment: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(fragment)).unwrap();
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
    fn a_general_purpose_project_without_dpia_fails() {
        let v =
            violations("[project]\ngeneral-purpose = true\n[dpia]\nstatus = \"not-required\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`not-required`"));
    }

    #[test]
    fn an_open_model_with_an_unpublished_dpia_fails() {
        let v = violations("[model]\ndistribution = \"open-weights\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("open weights"));
        let v = violations(
            "[project]\ngeneral-purpose = true\n[model]\ndistribution = \"open-weights\"\n[dpia]\nstatus = \"in-progress\"\n",
        );
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn a_specific_internal_project_is_not_concerned() {
        assert!(
            violations("[model]\ndistribution = \"api\"\n[dpia]\nstatus = \"not-started\"\n")
                .is_empty()
        );
    }
}
