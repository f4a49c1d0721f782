//! S2-PURPOSE-03: an operational use identified at development is described, since the development purpose follows from it.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-03",
    title: "An identified operational use is described",
    sheet: Sheet::Purpose,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "the operational use is identified at development (`regime.operational-use-identified = true`)",
    source: "Catalogue S2-PURPOSE-03 (CNIL sheet 2, \"Defining a purpose\"; read in secondary summaries); GDPR Art. 5(1)(b).",
    doc: "When the operational use of the system is identified at development time, the development purpose is tied to it: if the deployment purpose is specified, explicit and legitimate, the development purpose is considered so too. That reasoning needs the operational use to be written down. The rule fails when `regime.operational-use-identified` is true and `regime.operational-use` is missing, empty or a TODO. This point was read only in a secondary summary of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml("[regime]\noperational-use = \"TODO\"\n"),
    good: Example::toml(
        "[regime]\noperational-use = \"Suggesting answers to support agents, who review and send them.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let r = &cx.manifest.regime;
        if r.operational_use_identified && !given(r.operational_use.as_ref()) {
            out.push(
                Violation::new(
                    "the operational use is declared identified but `regime.operational-use` does not describe it",
                    "describe in `regime.operational-use` the use the deployed system will serve (what it does, for whom, under whose control); if it is not known, set `regime.operational-use-identified = false`",
                )
                .at("regime.operational-use"),
            );
        }
    }
}
