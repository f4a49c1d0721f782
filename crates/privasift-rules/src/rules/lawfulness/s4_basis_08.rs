//! S4-BASIS-08: where another law requires consent, the source relies on
//! consent.

use crate::manifest::LegalBasis;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-08",
    title: "Consent required by another law is obtained",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "sources for which another law requires consent (`other-law-requires-consent`)",
    source: "Catalogue S4-BASIS-08 (CNIL legitimate-interest sheet, 2025; read in a secondary summary); e.g. Digital Markets Act Art. 5(2).",
    doc: "Choosing legitimate interest, or another basis, under the GDPR does not lift a requirement of consent laid down by another law; the CNIL gives the example of the Digital Markets Act, whose Art. 5(2) requires consent to combine personal data across a gatekeeper's services. The rule fails when a source declares `other-law-requires-consent = true` and its legal basis is not consent. This point was read only in a secondary summary of the CNIL's text, so it is reported as a warning.",
    bad: Example::toml("[[sources]]\nother-law-requires-consent = true\n"),
    good: Example::toml(
        "[[sources]]\nother-law-requires-consent = true\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n\n[sources.consent]\nfree = true\nspecific = true\ninformed = true\nunambiguous = true\nrecords = \"consent-log/tickets.db\"\nwithdrawal-applied = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            // With no basis at all, S4-BASIS-01 reports it.
            let Some(basis) = s.legal_basis else { continue };
            if s.other_law_requires_consent && basis != LegalBasis::Consent {
                out.push(
                    Violation::new(
                        format!(
                            "source `{}`: another law requires consent for this data, but the source relies on {}",
                            s.id,
                            basis.article()
                        ),
                        "collect consent for this data (`legal-basis = \"consent\"` with its `[sources.consent]` proof), or leave out the data the other law covers",
                    )
                    .at(&format!("sources[{i}].legal-basis")),
                );
            }
        }
    }
}
