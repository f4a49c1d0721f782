//! S4-SENS-07: web scraping leaves out sites with inherently sensitive content.

use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-07",
    title: "Sites with inherently sensitive content are not scraped",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "sources collected by web scraping (`mode = \"scraped\"`)",
    source: "Catalogue S4-SENS-07, settled by the seeds: consultation summary, sheet 4, \"The incidental processing of sensitive data\": the controller \"must apply filters preventing the collection of certain categories of data and/or refrain from collecting data on certain websites with inherently sensitive data\"; GDPR Art. 9(1).",
    doc: "Websites whose content is inherently sensitive (health forums, religious, political or trade-union sites, dating sites) carry special categories of data; the CNIL names refraining from collecting on them as a way to exclude sensitive data from the collection. Since filters on categories of data can meet the obligation on their own (\"and/or\", S4-SENS-06), excluding such sites is checked here as a recommendation. The rule fails when a scraped source does not declare `scraping.sensitive-sites-excluded = true`, or describes no `scraping` at all.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
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
            if !s
                .scraping
                .as_ref()
                .is_some_and(|sc| sc.sensitive_sites_excluded)
            {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that sites with inherently sensitive content are excluded (`scraping.sensitive-sites-excluded`)", s.id),
                        "exclude from the crawl the sites whose content is inherently sensitive (health forums, religious, political, trade-union or dating sites), then set `scraping.sensitive-sites-excluded = true`",
                    )
                    .at(&format!("sources[{i}].scraping.sensitive-sites-excluded")),
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
            violations(&Check, scraped(&["sensitive-sites-excluded"], "", "")).len(),
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
