//! S4-SCRAPE-08: the sites scraped, or their categories, are published.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-08",
    title: "The scraped sources are published",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "sources collected by web scraping on legitimate interest (or with no basis chosen yet)",
    source: "Catalogue S4-SCRAPE-08 (CNIL legitimate-interest focus sheet on web scraping, June 2025; information sheet; read in a secondary summary).",
    doc: "People cannot exercise their rights over data they do not know was collected; the controller should therefore publish the sites it scrapes, or their categories when the list is too long. The rule fails when a scraped source on legitimate interest (or with no basis chosen yet) does not declare `scraping.sources-published = true`. This point was read only in secondary summaries of the CNIL's text, so it is reported as a warning, which a justified deviation clears.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nterms-respected = true\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in super::scraped_on_li(cx.manifest) {
            if !s.scraping.as_ref().is_some_and(|sc| sc.sources_published) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that the scraped sites (or their categories) are published (`scraping.sources-published`)", s.id),
                        "publish the list of sites scraped, or their categories, with the information notice, then set `scraping.sources-published = true`",
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
    use crate::rules::lawfulness::testing::{scraped, violations};

    #[test]
    fn each_measure() {
        assert_eq!(violations(&Check, META.bad.manifest).len(), 1);
        assert_eq!(
            violations(&Check, scraped(&["sources-published"], "", "")).len(),
            1
        );
        // A scraped source that describes no scraping at all.
        assert_eq!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n"
            )
            .len(),
            1
        );
        // Another basis than legitimate interest: not this rule's business.
        let other = scraped(
            &["sources-published"],
            "legal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
            "",
        );
        assert!(violations(&Check, other).is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
        // No scraped source.
        assert!(violations(&Check, "").is_empty());
    }
}
