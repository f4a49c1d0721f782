//! INFO-06: the sources of scraped data are published, whatever the legal basis.

use crate::manifest::{LegalBasis, SourceMode};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-06",
    title: "The sources of scraped data are told in the general information",
    sheet: Sheet::Information,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "sources collected by web scraping on a legal basis other than legitimate interest",
    source: "Catalogue INFO-06 (CNIL sheet \"Informing data subjects\", February 2025, indirect collection; read in a secondary summary); GDPR Art. 14(1)(d) and 14(2)(f).",
    doc: "When data is scraped from the web, the general information should give its sources (the list of sites, or their categories when the list is too long), so that people can tell whether their data may be in the dataset and exercise their rights. The notice's `sources` element is INFO-02's check, and scraping on legitimate interest (or with no basis chosen yet) is S4-SCRAPE-08's; this rule covers scraped sources on any other basis, and fails when such a source does not declare `scraping.sources-published = true`. This point was read only in a secondary summary of the CNIL's sheet (the level of detail of the list is not confirmed in a CNIL text), so a failure is reported as a warning.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[sources.consent]\nfree = true\n[sources.scraping]\nsources-published = false\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[sources.consent]\nfree = true\n[sources.scraping]\nsources-published = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.mode != SourceMode::Scraped
                || !s.personal_data
                || matches!(s.legal_basis, None | Some(LegalBasis::LegitimateInterest))
            {
                continue;
            }
            if !s.scraping.as_ref().is_some_and(|sc| sc.sources_published) {
                out.push(
                    Violation::new(
                        format!(
                            "scraped source `{}`: the sites it was collected from are not published",
                            s.id
                        ),
                        "publish the list of scraped sites (or their categories when the list is too long) in the general information, and set `scraping.sources-published = true`",
                    )
                    .at(&format!("sources[{i}].scraping.sources-published")),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;

    fn violations(toml: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(toml)).unwrap();
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        Check.check(&cx, &mut out);
        out
    }

    #[test]
    fn branches() {
        assert_eq!(violations(META.bad.manifest).len(), 1);
        assert!(violations(META.good.manifest).is_empty());
        // On legitimate interest: S4-SCRAPE-08's finding.
        assert!(
            violations(
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n[sources.scraping]\nsources-published = false\n"
            )
            .is_empty()
        );
        // No scraping table at all.
        assert_eq!(
            violations(
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[sources.consent]\nfree = true\n"
            )
            .len(),
            1
        );
    }
}
