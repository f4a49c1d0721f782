//! INFO-04: relying on the people being already informed is justified.

use crate::manifest::InfoExemption;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-04",
    title: "The \"already informed\" exemption is justified",
    sheet: Sheet::Information,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "the controller relies on the people already having the information (`information.exemption = \"already-informed\"`)",
    source: "Catalogue INFO-04 (CNIL sheet \"Informing data subjects\", February 2025, as summarised); GDPR Art. 13(4) and 14(5)(a).",
    doc: "A controller may skip informing people who already have the information, but the earlier information must be precise enough to cover this processing: a generic line on a website saying data may be re-used by third parties is not enough. The rule fails when `information.exemption` is `already-informed` and no `information.exemption-justification` says what information the people received, when, and why it covers the training. This point was read only in a secondary summary of the CNIL sheet, so a failure is reported as a warning, not an error.",
    bad: Example::toml(
        "[information]\nexemption = \"already-informed\"\nexemption-justification = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[information]\nexemption = \"already-informed\"\nexemption-justification = \"The support terms customers accepted since 2021 state that tickets are used to train our support assistant, and name the retention and the rights.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let info = &cx.manifest.information;
        if info.exemption == Some(InfoExemption::AlreadyInformed)
            && !given(info.exemption_justification.as_ref())
        {
            out.push(
                Violation::new(
                    "the people are deemed already informed, with no justification",
                    "say in `information.exemption-justification` what information the people received, when, and why it is precise enough to cover the training (keep a copy of it); otherwise inform them",
                )
                .at("information.exemption"),
            );
        }
    }
}
