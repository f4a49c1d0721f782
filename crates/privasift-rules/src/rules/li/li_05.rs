//! LI-05: a source on legitimate interest lists the measures that limit its
//! impact on the people.

use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "LI-05",
    title: "Legitimate interest is balanced with measures that limit the impact",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "every source whose legal basis is legitimate interest",
    source: "Catalogue LI-05 (CNIL sheet \"Relying on the legal basis of legitimate interests to develop an AI system\", 2025, balancing test and additional measures); GDPR Art. 6(1)(f).",
    doc: "The balancing of legitimate interest weighs the benefits of the processing against its impacts on the people, then adds measures that limit those impacts; the measures named include anonymisation, synthetic data and a prior opt-out (objecting before training). The rule fails for each source on legitimate interest whose `legitimate-interest.measures` is empty (entries left blank or `TODO` do not count). This point was read only in a secondary summary of the CNIL sheet, so a failure is reported as a warning.",
    bad: Example::toml("[[sources]]\n[sources.legitimate-interest]\nmeasures = []\n"),
    good: Example::toml(
        "[[sources]]\n[sources.legitimate-interest]\nmeasures = [\"prior opt-out offered to customers\"]\n",
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
            let has_measure = s.legitimate_interest.as_ref().is_some_and(|li| {
                li.measures
                    .iter()
                    .any(|m| !m.trim().is_empty() && !m.contains("TODO"))
            });
            if !has_measure {
                out.push(
                    Violation::new(
                        format!("source `{}` relies on legitimate interest with no measure limiting its impact", s.id),
                        "list in `legitimate-interest.measures` what limits the impact on the people (e.g. pseudonymisation or anonymisation, synthetic data, a prior opt-out before training, output filters)",
                    )
                    .at(&format!("sources[{i}].legitimate-interest")),
                );
            }
        }
    }
}
