//! S4-BASIS-03: consent, where it is the basis, is free, specific, informed
//! and unambiguous, provable, and its withdrawal is applied.

use crate::decisions::Validity;
use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-03",
    title: "Consent is free, specific, informed, unambiguous, provable and withdrawable",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources whose legal basis is consent",
    source: "Catalogue S4-BASIS-03 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"); GDPR Art. 4(11), 6(1)(a), 7.",
    doc: "Consent is valid only when it is free, specific, informed and unambiguous, four cumulative criteria; the controller must be able to prove it for each person, and a person who withdraws it must be able to do so, with effect on the data used. The rule reads the legal-basis decision of each consent-based source. It fails when one of the four criteria is not declared in `consent` (the consent is invalid), or when the consent records (`consent.records`) or the application of withdrawals to the dataset (`consent.withdrawal-applied`) are missing (the consent is incomplete).",
    bad: Example::toml(
        "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n\n[sources.consent]\nfree = true\nspecific = true\ninformed = true\nunambiguous = false\nrecords = \"consent-log/tickets.db\"\nwithdrawal-applied = true\n",
    ),
    good: Example::toml(
        "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n\n[sources.consent]\nfree = true\nspecific = true\ninformed = true\nunambiguous = true\nrecords = \"consent-log/tickets.db\"\nwithdrawal-applied = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s, v) in super::on_basis(cx, LegalBasis::Consent) {
            let (what, fix) = match v.verdict {
                Validity::Invalid => (
                    "is not valid",
                    "declare in `consent` that it is free, specific, informed and unambiguous (all four), or choose another legal basis if it cannot be",
                ),
                Validity::Incomplete => (
                    "cannot be shown",
                    "give where the proof of each person's consent is kept (`consent.records`) and remove people who withdrew it from the next dataset build (`consent.withdrawal-applied = true`)",
                ),
                Validity::Valid | Validity::Missing => continue,
            };
            out.push(
                Violation::new(
                    format!(
                        "source `{}`: its consent {what}: {}",
                        s.id,
                        v.reasons.join("; ")
                    ),
                    fix,
                )
                .at(&format!("sources[{i}].consent")),
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
        let invalid = violations(&Check, META.bad.manifest);
        assert_eq!(invalid.len(), 1);
        assert!(invalid[0].message.contains("not valid"));
        let incomplete = violations(
            &Check,
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n\n[sources.consent]\nfree = true\nspecific = true\ninformed = true\nunambiguous = true\n",
        );
        assert_eq!(incomplete.len(), 1);
        assert!(incomplete[0].message.contains("cannot be shown"));
        assert!(violations(&Check, META.good.manifest).is_empty());
        // Not consent: not this rule's business.
        assert!(violations(&Check, "").is_empty());
    }
}
