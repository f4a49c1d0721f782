//! S3-ACTORS-06: sharing a model that memorised personal data is itself a
//! processing of personal data, with the provider's duties attached.

use crate::manifest::{Distribution, ModelStatus, NoticeElement};
use crate::parse::kebab;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S3-ACTORS-06",
    title: "A shared model that memorised personal data is handled as personal data",
    sheet: Sheet::Actors,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "models made available through an API or as open weights",
    source: "Catalogue S3-ACTORS-06 (CNIL sheet 3, \"Determining the legal qualification of AI system providers\"), settled by the seeds: consultation summary, how-to sheet 3, \"On the link with the AI Act\": \"an example now illustrates the particular case of the model fine-tuning that would have memorized personal data. The dissemination, storage or maintenance of such a model is regarded as the processing of personal data. This has consequences in terms of responsibilities, in particular for the provider of such AI models.\"",
    doc: "Disseminating, storing or maintaining a model that memorised personal data is a processing of personal data, with responsibilities for its provider. Before a model is made available to others (through an API or as open weights), its provider must therefore know whether it holds personal data and, if it does, treat the dissemination as processing: the people must be told of the memorisation risk, and their erasure requests must reach the model. The rule fails when `model.distribution` is `api` or `open-weights` and `model.status` is `not-analysed`, or when such a model's status is `personal-data` and either the information notice's `elements` lack `memorisation-risk` or `rights.model-erasure` is not given.",
    bad: Example::toml("[model]\ndistribution = \"open-weights\"\nstatus = \"not-analysed\"\n"),
    good: Example::toml("[model]\ndistribution = \"api\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let dist = m.model.distribution;
        if !matches!(dist, Distribution::Api | Distribution::OpenWeights) {
            return;
        }
        let how = kebab(&dist);
        match m.model.status {
            ModelStatus::NotAnalysed => out.push(
                Violation::new(
                    format!("the model is made available ({how}) but whether it memorised personal data has not been analysed"),
                    "analyse the model's status (attack tests for extraction and membership inference, documented in `model.status-analysis`) before making it available, and set `model.status`; a model that memorised personal data is personal data, and sharing it is a processing",
                )
                .at("model.status"),
            ),
            ModelStatus::PersonalData => {
                if !m.information.elements.contains(&NoticeElement::MemorisationRisk) {
                    out.push(
                        Violation::new(
                            format!("the model holds personal data and is made available ({how}), but the notice does not tell people of the memorisation risk"),
                            "add `memorisation-risk` to `information.elements` and say in the notice that the model may have memorised data about them and is shared",
                        )
                        .at("information.elements"),
                    );
                }
                if !given(m.rights.model_erasure.as_ref()) {
                    out.push(
                        Violation::new(
                            format!("the model holds personal data and is made available ({how}), but how erasure requests reach the model is not said"),
                            "set `rights.model-erasure`: how a person's data is removed from the model (retraining, filters) and from the copies made available",
                        )
                        .at("rights.model-erasure"),
                    );
                }
            }
            ModelStatus::Anonymous => {}
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
    fn an_unanalysed_shared_model_fails() {
        let v = violations("[model]\ndistribution = \"api\"\nstatus = \"not-analysed\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("not been analysed"));
    }

    #[test]
    fn a_shared_personal_model_needs_notice_and_erasure() {
        let v = violations(
            "[model]\ndistribution = \"open-weights\"\n[information]\nelements = [\"purpose\"]\n[rights]\nmodel-erasure = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 2, "{v:?}");
        let v = violations(
            "[model]\ndistribution = \"open-weights\"\n[rights]\nmodel-erasure = \"TODO\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("erasure"));
    }

    #[test]
    fn internal_or_anonymous_models_are_not_concerned() {
        assert!(violations("[model]\nstatus = \"not-analysed\"\n").is_empty());
        assert!(violations("[model]\ndistribution = \"open-weights\"\nstatus = \"anonymous\"\n[rights]\nmodel-erasure = \"<unset>\"\n").is_empty());
    }
}
