//! S4-SCRAPE-03: irrelevant scraped data is deleted as soon as it is identified.

use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-03",
    title: "Irrelevant scraped data is deleted as soon as it is identified",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources collected by web scraping (`mode = \"scraped\"`)",
    source: "Catalogue S4-SCRAPE-03 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", web scraping); GDPR Art. 5(1)(c).",
    doc: "Web scraping must collect only the data relevant to the purpose; data that turns out to be irrelevant must be deleted immediately after collection, or as soon as it is identified as irrelevant when that cannot be done at collection time. The rule fails when a scraped source does not declare `scraping.irrelevant-deleted = true`, or describes no `scraping` at all.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
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
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.mode != SourceMode::Scraped {
                continue;
            }
            if !s.scraping.as_ref().is_some_and(|sc| sc.irrelevant_deleted) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that irrelevant data is deleted as soon as it is identified (`scraping.irrelevant-deleted`)", s.id),
                        "filter what is collected against the collection criteria and delete what does not match immediately, automatically and with a log (e.g. `privasift clean --ledger`), then set `scraping.irrelevant-deleted = true`",
                    )
                    .at(&format!("sources[{i}].scraping.irrelevant-deleted")),
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
            violations(&Check, scraped(&["irrelevant-deleted"], "", "")).len(),
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
        assert!(violations(&Check, META.good.manifest).is_empty());
        // No scraped source.
        assert!(violations(&Check, "").is_empty());
    }
}
