//! S4-SCRAPE-06: web scraping respects site terms of use and technical blocks.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-06",
    title: "Scraping respects terms of use and technical blocks",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Unconfirmed,
    applies: "sources collected by web scraping on legitimate interest (or with no basis chosen yet)",
    source: "Catalogue S4-SCRAPE-06 (CNIL legitimate-interest focus sheet on web scraping, June 2025; LINC, \"preventing web data extraction using declarative methods\").",
    doc: "Beyond machine-readable signals, a site publisher can object to scraping through its terms of use, or block it technically (CAPTCHAs, rate limits); a crawler relying on legitimate interest should respect these and not circumvent them. The rule fails when a scraped source on legitimate interest (or with no basis chosen yet) does not declare `scraping.terms-respected = true`. This point is not confirmed in a CNIL text, so it is reported as a suggestion.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\n",
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
            if !s.scraping.as_ref().is_some_and(|sc| sc.terms_respected) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that terms of use forbidding scraping and technical blocks are respected (`scraping.terms-respected`)", s.id),
                        "review each site's terms of use, skip sites that forbid scraping and never circumvent CAPTCHAs or other blocks, then set `scraping.terms-respected = true`",
                    )
                    .at(&format!("sources[{i}].scraping.terms-respected")),
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
            violations(&Check, scraped(&["terms-respected"], "", "")).len(),
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
            &["terms-respected"],
            "legal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
            "",
        );
        assert!(violations(&Check, other).is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
        // No scraped source.
        assert!(violations(&Check, "").is_empty());
    }
}
