//! SEC-02: the security analysis covers the risks specific to AI and to
//! large datasets.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "SEC-02",
    title: "A risk analysis covers the AI- and dataset-specific risks",
    sheet: Sheet::Security,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "always (the sheets apply: personal data in development)",
    source: "Catalogue SEC-02 (CNIL sheet \"Ensuring the security of AI systems' development\", July 2025); GDPR Art. 32(1) and (2).",
    doc: "The CNIL recommends combining a classic security analysis (infrastructure, clearances, backups, physical security, secure development, vulnerability and update management) with an analysis of the risks specific to AI systems and to large datasets (poisoning, extraction of training data, compromised components). The rule fails when no `security.ai-risk-analysis` is given.",
    bad: Example::toml("[security]\nai-risk-analysis = \"<unset>\"\n"),
    good: Example::toml("[security]\nai-risk-analysis = \"docs/security/ai-risks.md\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if !given(cx.manifest.security.ai_risk_analysis.as_ref()) {
            out.push(
                Violation::new(
                    "no risk analysis covers the risks specific to AI and to the datasets",
                    "add to the security analysis the AI- and dataset-specific risks (data poisoning, extraction of training data, membership inference, compromised datasets or libraries) and give its path in `security.ai-risk-analysis`",
                )
                .at("security.ai-risk-analysis"),
            );
        }
    }
}
