//! LI-06: the legitimate-interest assessment is written down.

use crate::manifest::LegalBasis;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "LI-06",
    title: "The legitimate-interest assessment is documented",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Secondary,
    applies: "every source whose legal basis is legitimate interest",
    source: "Catalogue LI-06 (CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025); GDPR Art. 5(2).",
    doc: "Writing down the analysis of the three conditions of legitimate interest (a legitimate interest assessment) is presented as a good practice: it shows the basis was weighed before the processing and can be given to the CNIL. The rule fails for each source on legitimate interest with no `legitimate-interest.document`. This point was read only in a secondary summary of the CNIL sheet, so a failure is reported as a suggestion.",
    bad: Example::toml("[[sources]]\n[sources.legitimate-interest]\ndocument = \"<unset>\"\n"),
    good: Example::toml(
        "[[sources]]\n[sources.legitimate-interest]\ndocument = \"docs/lia-tickets.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            // No assessment at all is S4-BASIS-04's finding.
            if s.legal_basis != Some(LegalBasis::LegitimateInterest)
                || s.legitimate_interest.is_none()
            {
                continue;
            }
            if !s
                .legitimate_interest
                .as_ref()
                .is_some_and(|li| given(li.document.as_ref()))
            {
                out.push(
                    Violation::new(
                        format!("source `{}` relies on legitimate interest with no written assessment", s.id),
                        "write the legitimate interest assessment (interest, necessity, balancing, measures) and give its path in `legitimate-interest.document`",
                    )
                    .at(&format!("sources[{i}].legitimate-interest")),
                );
            }
        }
    }
}
