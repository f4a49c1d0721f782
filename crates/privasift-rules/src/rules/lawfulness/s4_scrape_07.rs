//! S4-SCRAPE-07: a controller-managed objection list is applied when scraping.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-07",
    title: "An objection list is kept and applied at collection",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "sources collected by web scraping on legitimate interest (or with no basis chosen yet)",
    source: "Catalogue S4-SCRAPE-07 (CNIL legitimate-interest focus sheet on web scraping, June 2025; EDPB Opinion 28/2024, quoted in a secondary summary).",
    doc: "So that people and site publishers can object before their data is collected, the controller should keep its own list of objections (people, accounts, sites) and apply it when crawling. The rule fails when a scraped source on legitimate interest (or with no basis chosen yet) does not declare `scraping.objection-list = true`. This point was read only in a secondary summary (a measure of the EDPB quoted second-hand), so it is reported as a warning, which a justified deviation clears.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nsources-published = true\nterms-respected = true\n",
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
            if !s.scraping.as_ref().is_some_and(|sc| sc.objection_list) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare a controller-managed objection list applied at collection (`scraping.objection-list`)", s.id),
                        "keep a list of people and sites that objected, check every URL and account against it before fetching, then set `scraping.objection-list = true`",
                    )
                    .at(&format!("sources[{i}].scraping.objection-list")),
                );
                continue;
            }
            // Evidence beats declarations: an objection list declared, but
            // the collection run applied none.
            for c in cx.evidence.collects_for(s) {
                let Some(p) = &c.policy else { continue };
                if p.objection_domains + p.objection_urls + p.suppression_files == 0 {
                    out.push(
                        Violation::new(
                            format!("scraped source `{}` declares an objection list, but the collection run of {} applied no objection domains, URLs or suppression list", s.id, c.path.display()),
                            "give the objection list to `privasift collect filter` (`[objections]` in collect.toml, and the suppression lists of `rights erase`) and give its new summary as evidence",
                        )
                        .at(&format!("sources[{i}].scraping.objection-list")),
                    );
                }
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
            violations(&Check, scraped(&["objection-list"], "", "")).len(),
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
            &["objection-list"],
            "legal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
            "",
        );
        assert!(violations(&Check, other).is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
        // No scraped source.
        assert!(violations(&Check, "").is_empty());
    }
}

#[cfg(test)]
mod evidence_tests {
    use super::*;

    #[test]
    fn the_collection_log_must_show_what_is_declared() {
        crate::rules::lawfulness::testing::assert_checks_the_collection_log(&Check);
    }
}
