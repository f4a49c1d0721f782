//! S4-BASIS-06: the contract basis is used only where training is
//! objectively necessary to a contract with each person.

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-06",
    title: "Contract is used only where training is objectively necessary to it",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Unconfirmed,
    applies: "sources whose legal basis is contract (GDPR Art. 6(1)(b))",
    source: "Catalogue S4-BASIS-06 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"); GDPR Art. 6(1)(b).",
    doc: "Performance of a contract is a basis only for processing objectively necessary to perform a contract with the person whose data is used, which training a model rarely is. It needs a contract with each person, so it cannot cover data not collected from them. The rule reads the legal-basis decision of each contract-based source and fails when the data was not collected directly from the people (invalid) or when `contract-necessity` does not say why training is necessary to the contract (incomplete). The detail of this point is not confirmed in a CNIL text, so it is reported as a warning.",
    bad: Example::toml(
        "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\ncontract-necessity = \"The service contract is for an assistant personalised on the customer's own tickets; training on them is what the customer subscribes to.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s, v) in super::on_basis(cx, LegalBasis::Contract) {
            let (what, fix, at) = match v.verdict {
                Validity::Invalid => (
                    "cannot rely on a contract",
                    "a contract covers only data of the people who are party to it, collected from them; for this source consider legitimate interest (with its three conditions)",
                    "legal-basis",
                ),
                Validity::Incomplete => (
                    "does not show that training is necessary to the contract",
                    "say in `contract-necessity` why training is objectively necessary to perform the contract with each person, or choose another basis",
                    "contract-necessity",
                ),
                Validity::Valid | Validity::Missing => continue,
            };
            out.push(
                Violation::new(
                    format!("source `{}` {what}: {}", s.id, v.reasons.join("; ")),
                    fix,
                )
                .at(&format!("sources[{i}].{at}")),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn each_verdict() {
        let incomplete = violations(&Check, META.bad.manifest);
        assert_eq!(incomplete.len(), 1);
        assert!(incomplete[0].message.contains("necessary"));
        let invalid = violations(
            &Check,
            "[[sources]]\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\ncontract-necessity = \"training is part of the service\"\n",
        );
        assert_eq!(invalid.len(), 1);
        assert!(invalid[0].message.contains("cannot rely"));
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
