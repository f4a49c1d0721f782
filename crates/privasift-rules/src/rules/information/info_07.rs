//! INFO-07: when the model may hold personal data, the notice tells people
//! of the memorisation risk.

use crate::decisions::Tri;
use crate::manifest::{ModelStatus, NoticeElement};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-07",
    title: "The notice tells of the risk that the model memorised personal data",
    sheet: Sheet::Information,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "personal data is processed and the model is not shown to be anonymous (`model.status` `personal-data` or `not-analysed`)",
    source: "Catalogue INFO-07 (CNIL sheet \"Informing data subjects\", February 2025, as summarised); GDPR Art. 5(1)(a) and 12(1).",
    doc: "When a model can memorise, regurgitate or let someone reconstruct its training data, the CNIL recommends giving specific information on that risk and on the measures taken against it. The rule fails when personal data is processed, the model is not established to be anonymous (`model.status` is `personal-data`, or `not-analysed`, which leaves the risk open), and `information.elements` lacks `memorisation-risk`. This point was read only in a secondary summary of the CNIL sheet, so a failure is reported as a warning.",
    bad: Example::toml(
        "[information]\nelements = [\"controller-identity\", \"dpo-contact\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"recipients\", \"retention\", \"rights\", \"complaint\", \"data-categories\", \"sources\"]\n",
    ),
    good: Example::toml(
        "[model]\nstatus = \"anonymous\"\n[information]\nelements = [\"controller-identity\", \"dpo-contact\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"recipients\", \"retention\", \"rights\", \"complaint\", \"data-categories\", \"sources\"]\n",
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
        if m.model.status == ModelStatus::Anonymous
            || m.information
                .elements
                .contains(&NoticeElement::MemorisationRisk)
        {
            return;
        }
        let why = if m.model.status == ModelStatus::PersonalData {
            "the model is held to contain personal data"
        } else {
            "the model's status is not analysed"
        };
        out.push(
            Violation::new(
                format!("{why}, and the notice says nothing of the risk that it memorised training data"),
                "tell people in the notice that the model may memorise and reproduce training data, and what is done against it (e.g. output filters), and add `memorisation-risk` to `information.elements`",
            )
            .at("information.elements"),
        );
    }
}
