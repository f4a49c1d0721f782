//! S5-DPIA-08: a high residual risk is submitted to the CNIL before the
//! processing (GDPR Art. 36).

use crate::manifest::ResidualRisk;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-08",
    title: "A high residual risk is submitted to the CNIL (prior consultation)",
    sheet: Sheet::Dpia,
    kind: RuleKind::Obligation,
    confidence: Confidence::Unconfirmed,
    applies: "a DPIA whose residual risk is high",
    source: "Catalogue S5-DPIA-08 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\"); GDPR Art. 36(1).",
    doc: "When the DPIA shows that the processing would still result in a high risk after the measures the controller takes, the controller must consult the supervisory authority (in France, the CNIL) before processing (GDPR Art. 36). The catalogue took this from the GDPR; that the AI sheet restates it is not confirmed in a CNIL text, so the rule is reported as a warning. It fails when `dpia.residual-risk` is `high` and no `dpia.prior-consultation` reference is given.",
    bad: Example::toml("[dpia]\nresidual-risk = \"high\"\n"),
    good: Example::toml(
        "[dpia]\nresidual-risk = \"high\"\nprior-consultation = \"CNIL prior consultation, reference 2025-0042\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.dpia;
        if d.residual_risk == Some(ResidualRisk::High) && !given(d.prior_consultation.as_ref()) {
            out.push(
                Violation::new(
                    "the DPIA leaves a high residual risk, and the CNIL was not consulted",
                    "consult the CNIL before processing (GDPR Art. 36) and record the reference in `dpia.prior-consultation`, or take further measures until the residual risk is low",
                )
                .at("dpia.residual-risk"),
            );
        }
    }
}
