//! S1-REGIME-04: with no identified operational use, the project says whether it is general-purpose (development then falls under the GDPR).

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S1-REGIME-04",
    title: "Without an identified operational use, development is a general-purpose development under the GDPR",
    sheet: Sheet::LegalRegime,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "projects whose operational use is not identified at development (`regime.operational-use-identified = false`)",
    source: "Catalogue S1-REGIME-04 (CNIL introductory sheet and sheet 1, \"Determining the applicable legal regime\"; read in secondary summaries).",
    doc: "When the operational use of the system is not known at development time, the GDPR generally applies to the development, and other regimes may apply later to particular deployments; the project is then a general-purpose development, whose purpose is described by the type of system and its capabilities. The rule fails when `regime.operational-use-identified` is false and `project.general-purpose` is false: the manifest then states neither the use the development serves nor that it is general-purpose. This point was read only in a secondary summary of the CNIL's sheets, so a failure is reported as a warning.",
    bad: Example::toml(
        "[regime]\noperational-use-identified = false\noperational-use = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[project]\ngeneral-purpose = true\n[regime]\noperational-use-identified = false\noperational-use = \"<unset>\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.regime.operational_use_identified || m.project.general_purpose {
            return;
        }
        out.push(
            Violation::new(
                "the operational use is not identified and the project is not declared general-purpose",
                "if the use is known, set `regime.operational-use-identified = true` and describe it in `regime.operational-use`; otherwise set `project.general-purpose = true` (the GDPR then applies to the development) and describe the system type and capabilities in each purpose",
            )
            .at("regime.operational-use-identified"),
        );
    }
}
