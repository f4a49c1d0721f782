//! S4-SENS-04: the explicit-consent, public-interest, health and research
//! exceptions of Art. 9(2) are shown, with the law they rest on.

use crate::decisions::SensitiveOutcome;
use crate::manifest::Art9Exception;
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-04",
    title: "Explicit consent, public-interest, health and research exceptions are shown",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Unconfirmed,
    applies: "sources relying on the Art. 9(2)(a), (g), (h), (i) or (j) exception",
    source: "Catalogue S4-SENS-04 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", sensitive data); GDPR Art. 9(2)(a), (g)-(j), 9(4); Informatique et Libertés Act.",
    doc: "Besides data manifestly made public, the Art. 9(2) exceptions usable for developing a system are explicit consent (a), which must be collected and provable for each person, and substantial public interest (g), health or social care and public health (h, i) and scientific research (j), which rest on a provision of EU or national law (in France, the Informatique et Libertés Act) and its safeguards. The rule reads the sensitive-data decision of each source relying on one of them and fails when explicit consent is not the source's legal basis with its records (`consent.records`), or when the other exceptions give no `legal-text`. The detail of these exceptions for AI development is not confirmed in a CNIL text, so it is reported as a warning.",
    bad: Example::toml(
        "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"research\"\n",
    ),
    good: Example::toml(
        "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"research\"\nlegal-text = \"Informatique et Libertés Act, research provisions, with the safeguards set in our research protocol\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            let Some(e) = s.art9_exception else { continue };
            if e == Art9Exception::ManifestlyMadePublic {
                continue;
            }
            let Some(v) = cx
                .decisions
                .sensitive_data
                .iter()
                .find(|v| v.source == s.id)
            else {
                continue;
            };
            if v.outcome != SensitiveOutcome::ExceptionIncomplete {
                continue;
            }
            let (fix, at) = if e == Art9Exception::ExplicitConsent {
                (
                    "collect explicit consent from each person (`legal-basis = \"consent\"`) and give where its proof is kept (`consent.records`)",
                    "consent",
                )
            } else {
                (
                    "name in `legal-text` the provision of EU or national law the exception rests on (in France, the Informatique et Libertés Act) and its safeguards",
                    "legal-text",
                )
            };
            out.push(
                Violation::new(
                    format!(
                        "source `{}`: the {} exception is not shown: {}",
                        s.id,
                        kebab(&e),
                        v.reasons.join("; ")
                    ),
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
    fn each_exception() {
        let research = violations(&Check, META.bad.manifest);
        assert_eq!(research.len(), 1);
        assert!(research[0].message.contains("research"));
        let consent = violations(
            &Check,
            "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"explicit-consent\"\n",
        );
        assert_eq!(consent.len(), 1);
        assert!(consent[0].message.contains("explicit-consent"));
        let consent_shown = violations(
            &Check,
            "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"explicit-consent\"\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n\n[sources.consent]\nfree = true\nspecific = true\ninformed = true\nunambiguous = true\nrecords = \"consent-log/tickets.db\"\nwithdrawal-applied = true\n",
        );
        assert!(consent_shown.is_empty(), "{consent_shown:?}");
        // Manifestly made public is S4-SENS-03's.
        assert!(violations(&Check, "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n").is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
