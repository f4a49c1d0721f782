//! SEC-01: the development has a security plan (GDPR Art. 32).

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "SEC-01",
    title: "The development has a security plan",
    sheet: Sheet::Security,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always (the sheets apply: personal data in development)",
    source: "Catalogue SEC-01 (CNIL sheet \"Ensuring the security of AI systems' development\", July 2025); GDPR Art. 32.",
    doc: "The controller must ensure security appropriate to the risk, during development and in anticipation of deployment (GDPR Art. 32). The rule fails when no `security.plan` is given (the document setting out the risks and the technical and organisational measures).",
    bad: Example::toml("[security]\nplan = \"<unset>\"\n"),
    good: Example::toml("[security]\nplan = \"docs/security/plan-v2.pdf\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if !given(cx.manifest.security.plan.as_ref()) {
            out.push(
                Violation::new(
                    "no security plan is given for the development",
                    "write the security plan (risks, and the technical and organisational measures against them, in development and for deployment) and give its path in `security.plan`",
                )
                .at("security.plan"),
            );
        }
    }
}
