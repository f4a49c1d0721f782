//! S1-REGIME-03: a law-enforcement use described by a competent authority is declared identified, so development follows its regime.

use crate::manifest::ControllerKind;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S1-REGIME-03",
    title: "Development follows the regime of its identified operational use",
    sheet: Sheet::LegalRegime,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "a competent authority declares a law-enforcement purpose",
    source: "Catalogue S1-REGIME-03 (CNIL sheet 1, \"Determining the applicable legal regime\"; read in secondary summaries); Directive (EU) 2016/680.",
    doc: "When the operational use is identified at development, the development follows the regime of that use: a system developed by a competent authority only for a law-enforcement purpose follows the Law Enforcement Directive, not the GDPR. The regime decision reads `regime.operational-use-identified`; a use described but not declared identified makes the decision fall back to the GDPR. The rule fails when the controller is a `competent-authority`, `regime.law-enforcement-purpose` is true, `regime.operational-use` describes a use and `regime.operational-use-identified` is false. This point was read only in secondary summaries of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml(
        "[controller]\ntype = \"competent-authority\"\n[regime]\nlaw-enforcement-purpose = true\noperational-use-identified = false\n",
    ),
    good: Example::toml(
        "[controller]\ntype = \"competent-authority\"\n[regime]\nlaw-enforcement-purpose = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let r = &m.regime;
        if m.controller.kind == ControllerKind::CompetentAuthority
            && r.law_enforcement_purpose
            && !r.operational_use_identified
            && given(r.operational_use.as_ref())
        {
            out.push(
                Violation::new(
                    "a law-enforcement use is described but not declared identified, so the development is assessed under the GDPR rather than the regime of that use",
                    "if the system is developed for the described use, set `regime.operational-use-identified = true` (development then follows the Law Enforcement Directive); otherwise remove the description from `regime.operational-use`",
                )
                .at("regime.operational-use-identified"),
            );
        }
    }
}
