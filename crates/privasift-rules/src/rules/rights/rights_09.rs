//! RIGHTS-09: an open-weight model's lineage is recorded so rights can be
//! passed on.

use crate::manifest::Distribution;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-09",
    title: "An open-weight model's lineage is recorded",
    sheet: Sheet::Rights,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Verified,
    applies: "the model is published with open weights (`model.distribution = \"open-weights\"`)",
    source: "Catalogue RIGHTS-09 (CNIL, \"La CNIL publie un outil pour la traçabilité des modèles d'IA publiés en source ouverte\", and its model genealogy demonstrator).",
    doc: "Once a model's weights are published, others fine-tune it and publish descendants; keeping its genealogy (the models it derives from and those derived from it) lets a request or a discovered problem be passed on to them. The CNIL published a demonstrator for this, as a good practice. The rule fails when `model.distribution` is `open-weights` and `model.lineage-recorded` is not true.",
    bad: Example::toml("[model]\ndistribution = \"open-weights\"\nlineage-recorded = false\n"),
    good: Example::toml("[model]\ndistribution = \"open-weights\"\nlineage-recorded = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let model = &cx.manifest.model;
        if model.distribution == Distribution::OpenWeights && !model.lineage_recorded {
            out.push(
                Violation::new(
                    "the model is published with open weights, and its lineage is not recorded",
                    "record the models it derives from and those published from it (e.g. with the CNIL's genealogy demonstrator), and set `model.lineage-recorded = true`",
                )
                .at("model.lineage-recorded"),
            );
        }
    }
}
