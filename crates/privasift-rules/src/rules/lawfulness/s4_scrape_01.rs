//! S4-SCRAPE-01: precise collection criteria are written down before
//! scraping starts.

use crate::manifest::SourceMode;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-01",
    title: "Collection criteria are defined before scraping starts",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources collected by web scraping (`mode = \"scraped\"`)",
    source: "Catalogue S4-SCRAPE-01 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", web scraping); GDPR Art. 5(1)(b), 5(1)(c).",
    doc: "Web scraping must follow precise collection criteria (sites or categories of sites, types of content, periods, fields), defined before the collection starts, so that only what the purpose needs is collected. The rule fails when a scraped source gives no `scraping.criteria`, or when the criteria were defined (`scraping.criteria-defined-on`) after the first collection (`scraping.first-collection`, or `project.started` when that is not given).",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nrobots-txt = true\nai-opt-outs = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\ncriteria-defined-on = 2025-04-02\n",
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
            let sc = s.scraping.as_ref();
            if !given(sc.and_then(|sc| sc.criteria.as_ref())) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` gives no collection criteria", s.id),
                        "write down, before collecting, which sites or categories of sites, which content, which periods and which fields are collected, in `scraping.criteria`",
                    )
                    .at(&format!("sources[{i}].scraping.criteria")),
                );
            }
            let first = sc
                .and_then(|sc| sc.first_collection)
                .or(cx.manifest.project.started);
            if let (Some(defined), Some(first)) = (sc.and_then(|sc| sc.criteria_defined_on), first)
                && defined > first
            {
                out.push(
                    Violation::new(
                        format!("scraped source `{}`: the collection criteria were defined on {defined}, after the collection started on {first}", s.id),
                        "criteria cannot be set after the fact: review what was collected before that date against the criteria and delete what does not match",
                    )
                    .at(&format!("sources[{i}].scraping.criteria-defined-on")),
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
    fn criteria_and_their_date() {
        let late = violations(&Check, META.bad.manifest);
        assert_eq!(late.len(), 1);
        assert!(late[0].message.contains("2025-04-02") && late[0].message.contains("2025-03-01"));
        assert_eq!(violations(&Check, scraped(&["criteria"], "", "")).len(), 1);
        assert_eq!(
            violations(&Check, scraped(&["criteria"], "", "criteria = \"TODO\"\n")).len(),
            1
        );
        // No first collection given: the project's start (2025-03-01) counts.
        let v = violations(
            &Check,
            scraped(
                &["criteria-defined-on", "first-collection"],
                "",
                "criteria-defined-on = 2025-03-02\n",
            ),
        );
        assert_eq!(v.len(), 1);
        // No scraping table: no criteria.
        assert_eq!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n"
            )
            .len(),
            1
        );
        assert!(violations(&Check, META.good.manifest).is_empty());
        assert!(violations(&Check, "").is_empty());
    }
}
