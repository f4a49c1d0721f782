//! S4-BASIS-01: a legal basis is chosen for each source, before the
//! processing starts.

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-01",
    title: "A legal basis is chosen for each source, before processing",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "every source that holds personal data",
    source: "Catalogue S4-BASIS-01 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"); GDPR Art. 6(1).",
    doc: "Creating and using a training dataset that holds personal data needs a legal basis of GDPR Art. 6, chosen before the processing starts: the obligations and the people's rights depend on it. The CNIL names consent, legitimate interest, public task, contract and legal obligation as the bases to consider; vital interests is not one of them. The rule fails when a source has no `legal-basis`, relies on vital interests, or chose it (`legal-basis-chosen-on`) after the processing started (`project.started`).",
    bad: Example::toml(
        "[[sources]]\nlegal-basis = \"<unset>\"\nlegitimate-interest = \"<unset>\"\n",
    ),
    good: Example::toml(""),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        for (i, s) in m.sources.iter().enumerate() {
            let Some(v) = cx.decisions.legal_basis.iter().find(|v| v.source == s.id) else {
                continue;
            };
            if v.verdict == Validity::Missing {
                out.push(
                    Violation::new(
                        format!("source `{}` has no legal basis", s.id),
                        "choose one of GDPR Art. 6(1) in `legal-basis` (for scraped or re-used data, usually `legitimate-interest`) and document it",
                    )
                    .at(&format!("sources[{i}]")),
                );
            } else if s.legal_basis == Some(LegalBasis::VitalInterests) {
                out.push(
                    Violation::new(
                        format!("source `{}` relies on vital interests, which the CNIL does not consider for developing AI systems", s.id),
                        "choose consent, legitimate interest, public task, contract or legal obligation",
                    )
                    .at(&format!("sources[{i}].legal-basis")),
                );
            }
            if let (Some(chosen), Some(started)) = (s.legal_basis_chosen_on, m.project.started)
                && chosen > started
            {
                out.push(
                    Violation::new(
                        format!("source `{}`: the legal basis was chosen on {chosen}, after the processing started on {started}", s.id),
                        "a basis cannot be chosen after the fact: review the processing done before that date",
                    )
                    .at(&format!("sources[{i}].legal-basis-chosen-on")),
                );
            }
        }
    }
}
