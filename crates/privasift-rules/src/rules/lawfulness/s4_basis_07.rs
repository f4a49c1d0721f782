//! S4-BASIS-07: the legal-obligation basis is used only where a legal text
//! itself imposes the processing.

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-07",
    title: "Legal obligation rests on a legal text that imposes the processing",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Unconfirmed,
    applies: "sources whose legal basis is legal obligation (GDPR Art. 6(1)(c))",
    source: "Catalogue S4-BASIS-07 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"); consultation summary, sheet 4, \"The legal basis of the legal obligation\": the CNIL \"has completed these sheet to specify the limits of the legal obligation as a relevant legal basis for system development\", which \"does not preclude the use of an already developed AI system to fulfil a legal obligation\"; GDPR Art. 6(1)(c), 6(3).",
    doc: "A legal obligation is a basis only where a provision of EU or national law itself imposes the processing; developing an AI system is rarely imposed as such, and the CNIL completed its sheet to specify the limits of this basis for system development (using an already developed system to meet an obligation is another matter). The rule reads the legal-basis decision of each legal-obligation source and fails when no `legal-text` names the provision that imposes the processing. The seed confirms that the CNIL limits this basis, but the exact limits are not confirmed in a CNIL text read, so it is reported as a warning.",
    bad: Example::toml(
        "[[sources]]\nlegal-basis = \"legal-obligation\"\nlegitimate-interest = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[[sources]]\nlegal-basis = \"legal-obligation\"\nlegitimate-interest = \"<unset>\"\nlegal-text = \"Monetary and Financial Code, art. L561-5 (customer due diligence)\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegalObligation) {
                continue;
            }
            let Some(v) = cx.decisions.legal_basis.iter().find(|v| v.source == s.id) else {
                continue;
            };
            if v.verdict == Validity::Invalid {
                out.push(
                    Violation::new(
                        format!("source `{}` cannot rely on a legal obligation: {}", s.id, v.reasons.join("; ")),
                        "name in `legal-text` the provision that itself imposes this processing; if none imposes developing the system, choose another basis (usually legitimate interest)",
                    )
                    .at(&format!("sources[{i}].legal-basis")),
                );
            }
        }
    }
}
