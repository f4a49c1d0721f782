//! S5-DPIA-05: a system with an identified use has its AI Act risk class assessed (a high-risk system presumes a DPIA).

use crate::manifest::{AiActRisk, Artefact};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-05",
    title: "The AI Act risk class of a system with an identified use is assessed",
    sheet: Sheet::Dpia,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "an AI system (`project.artefact` `system` or `model-and-system`) whose operational use is identified",
    source: "Catalogue S5-DPIA-05 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\", as reported in a secondary summary); AI Act Art. 6 and Annexes I and III; GDPR Art. 35.",
    doc: "The CNIL is reported to presume a DPIA necessary for the development of a system classified high-risk under the AI Act when personal data is processed; the DPIA decision reads that class from `project.ai-act-risk`. A system whose use is known can be classified, and leaving the class unassessed hides that trigger. The rule fails when the artefact is a system (`system` or `model-and-system`), `regime.operational-use-identified` is true and `project.ai-act-risk` is `not-assessed`. This point was read only in a secondary summary, so a failure is reported as a warning.",
    bad: Example::toml("[project]\nai-act-risk = \"not-assessed\"\n"),
    good: Example::toml("[project]\nai-act-risk = \"limited\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.project.artefact == Artefact::Model
            || !m.regime.operational_use_identified
            || m.project.ai_act_risk != AiActRisk::NotAssessed
        {
            return;
        }
        out.push(
            Violation::new(
                "the system's operational use is identified but its AI Act risk class is not assessed",
                "classify the system under the AI Act (Art. 6, Annexes I and III) and set `project.ai-act-risk`; a high-risk system presumes a DPIA",
            )
            .at("project.ai-act-risk"),
        );
    }
}
