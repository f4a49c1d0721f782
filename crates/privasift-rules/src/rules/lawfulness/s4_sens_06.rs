//! S4-SENS-06: scraping excludes sensitive data from the collection, by
//! filters on categories of data or by leaving out sensitive sites.

use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-06",
    title: "Scraping excludes sensitive data by filters or by leaving out sensitive sites",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources collected by web scraping (`mode = \"scraped\"`)",
    source: "Catalogue S4-SENS-06, settled by the seeds: consultation summary, sheet 4, \"The incidental processing of sensitive data\": \"The controller is obliged to implement all measures to automatically exclude the collection of non-relevant sensitive data. In particular, it must apply filters preventing the collection of certain categories of data and/or refrain from collecting data on certain websites with inherently sensitive data\"; GDPR Art. 9(1).",
    doc: "When building a dataset by web scraping, the controller must take every measure to exclude automatically the collection of sensitive data it does not need: filters that prevent the collection of special categories of data, and/or leaving out websites whose content is inherently sensitive. Residual sensitive data collected despite these measures is then not unlawful (S4-SENS-05 asks for its deletion). The rule fails when a scraped source declares neither `scraping.sensitive-filters = true` nor `scraping.sensitive-sites-excluded = true`, or describes no `scraping` at all.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
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
            let (message, at) = match &s.scraping {
                None => (
                    "describes no scraping measures, so none that excludes sensitive data",
                    format!("sources[{i}].mode"),
                ),
                Some(sc) if !sc.sensitive_filters && !sc.sensitive_sites_excluded => (
                    "neither filters special categories of data out of the collection nor leaves out sites with inherently sensitive content",
                    format!("sources[{i}].scraping"),
                ),
                Some(sc) => {
                    // Evidence beats declarations: sites declared excluded,
                    // no filter declared, and a collection run that excluded
                    // no sensitive category.
                    if sc.sensitive_sites_excluded && !sc.sensitive_filters {
                        for c in cx.evidence.collects_for(s) {
                            if c.policy
                                .as_ref()
                                .is_some_and(|p| p.sensitive_categories.is_empty())
                            {
                                out.push(
                                    Violation::new(
                                        format!(
                                            "scraped source `{}` declares that sites with sensitive content are excluded, but the collection run of {} excluded no sensitive-site category",
                                            s.id,
                                            c.path.display()
                                        ),
                                        "run `privasift collect filter` with the sensitive-site categories excluded (the default policy excludes them all), or filter special categories out with `privasift clean`, and give the new evidence",
                                    )
                                    .at(&format!("sources[{i}].scraping.sensitive-sites-excluded")),
                                );
                            }
                        }
                    }
                    continue;
                }
            };
            out.push(
                Violation::new(
                    format!("scraped source `{}` {message}", s.id),
                    "filter special categories of data out as they are collected (e.g. `privasift clean`, which drops records holding them) and/or exclude sites with inherently sensitive content (health forums, religious, political, trade-union or dating sites); then set `scraping.sensitive-filters` or `scraping.sensitive-sites-excluded`",
                )
                .at(&at),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::{scraped, violations};

    #[test]
    fn filters_and_or_site_exclusion() {
        assert_eq!(violations(&Check, META.bad.manifest).len(), 1);
        assert_eq!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n"
            )
            .len(),
            1
        );
        assert!(violations(&Check, META.good.manifest).is_empty());
        assert!(violations(&Check, scraped(&["sensitive-filters"], "", "")).is_empty());
        assert!(violations(&Check, scraped(&[], "", "")).is_empty());
        assert!(violations(&Check, "").is_empty());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod evidence_tests {
    use super::*;
    use crate::evidence::{CollectEvidence, CollectPolicy};
    use crate::rule::Example;
    use crate::rules::lawfulness::testing::{collect_log, full_policy, scraped, violations_with};

    fn log(categories: &[&str]) -> CollectEvidence {
        collect_log(CollectPolicy {
            sensitive_categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            ..full_policy()
        })
    }

    #[test]
    fn a_collection_log_without_sensitive_exclusion_contradicts_the_declaration() {
        let only_sites = scraped(
            &["sensitive-filters"],
            "legal-basis = \"legitimate-interest\"\npaths = [\"crawl/*.warc.gz\"]",
            "sensitive-filters = false\n",
        );
        let ex = Example::toml(only_sites);
        let v = violations_with(&Check, &ex, |ev| ev.collects.push(log(&[])));
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("excluded no sensitive-site category"));
        let v = violations_with(&Check, &ex, |ev| ev.collects.push(log(&["health"])));
        assert!(v.is_empty(), "{v:?}");
        // With filters declared as well, the filters meet the obligation.
        let both = Example::toml(scraped(
            &[],
            "legal-basis = \"legitimate-interest\"\npaths = [\"crawl/*.warc.gz\"]",
            "",
        ));
        assert!(violations_with(&Check, &both, |ev| ev.collects.push(log(&[]))).is_empty());
    }
}
