//! SEC-03: datasets, libraries and models used are inventoried with their
//! security assessment.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "SEC-03",
    title: "The components used are inventoried with their assessment",
    sheet: Sheet::Security,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "always (the sheets apply: personal data in development)",
    source: "Catalogue SEC-03 (CNIL sheet \"Ensuring the security of AI systems' development\", July 2025); GDPR Art. 32.",
    doc: "The CNIL asks to consider AI-specific risk sources (e.g. the supplier of a re-used dataset) and assets (e.g. software libraries), and to be careful with components (datasets, libraries, pretrained models, infrastructure) never security-assessed, the more so with sensitive data or high-risk purposes. The rule fails when no `security.component-inventory` is given (the list of datasets, libraries and models with their assessment status).",
    bad: Example::toml("[security]\ncomponent-inventory = \"<unset>\"\n"),
    good: Example::toml("[security]\ncomponent-inventory = \"sbom/components.cdx.json\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if !given(cx.manifest.security.component_inventory.as_ref()) {
            out.push(
                Violation::new(
                    "no inventory of the datasets, libraries and models used is given",
                    "list the datasets, libraries, pretrained models and infrastructure used, with whether each was security-assessed, and give its path in `security.component-inventory`",
                )
                .at("security.component-inventory"),
            );
        }
    }
}
