//! S4-SCRAPE-05: web scraping honours robots.txt and the AI opt-out signals.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-05",
    title: "Scraping honours robots.txt and AI opt-out signals",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "sources collected by web scraping on legitimate interest (or with no basis chosen yet)",
    source: "Catalogue S4-SCRAPE-05 (CNIL legitimate-interest focus sheet on web scraping, June 2025; EDPB Opinion 28/2024; read in secondary summaries).",
    doc: "When scraping on the basis of legitimate interest, the crawler should respect the machine-readable objections of site publishers: robots.txt for its user agents, and the other recognised opt-out mechanisms for AI (ai.txt, TDMRep, `noai` tags). The rule fails for a scraped source on legitimate interest (or with no basis chosen yet) that does not declare `scraping.robots-txt = true`, and again when it does not declare `scraping.ai-opt-outs = true`. This point was read only in secondary summaries of the CNIL's text (whether the CNIL counts it among the mandatory measures is not settled there), so it is reported as a warning, which a justified deviation clears.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n\n[sources.scraping]\ncriteria = \"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"\ncriteria-defined-on = 2025-01-15\nfirst-collection = 2025-03-01\nfreely-accessible-only = true\nsensitive-sites-excluded = true\nsensitive-filters = true\nirrelevant-deleted = true\nobjection-list = true\nsources-published = true\nterms-respected = true\n",
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
            if !s.scraping.as_ref().is_some_and(|sc| sc.robots_txt) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that robots.txt is honoured (`scraping.robots-txt`)", s.id),
                        "fetch each site's robots.txt and honour it for the crawler's user agents (keep a snapshot at fetch time), then set `scraping.robots-txt = true`",
                    )
                    .at(&format!("sources[{i}].scraping.robots-txt")),
                );
            }
            if !s.scraping.as_ref().is_some_and(|sc| sc.ai_opt_outs) {
                out.push(
                    Violation::new(
                        format!("scraped source `{}` does not declare that AI opt-out signals (ai.txt, TDMRep, `noai`) are honoured (`scraping.ai-opt-outs`)", s.id),
                        "skip content whose publisher opts out of AI training (ai.txt, TDMRep, `noai` meta tags and headers), then set `scraping.ai-opt-outs = true`",
                    )
                    .at(&format!("sources[{i}].scraping.ai-opt-outs")),
                );
            }
            // Evidence beats declarations: the collection log's policy.
            let Some(sc) = &s.scraping else { continue };
            for c in cx.evidence.collects_for(s) {
                let Some(p) = &c.policy else { continue };
                if sc.robots_txt && !p.robots {
                    out.push(
                        Violation::new(
                            format!("scraped source `{}` declares that robots.txt is honoured, but the collection run of {} did not apply it", s.id, c.path.display()),
                            "run `privasift collect filter` with robots.txt honoured (the default policy does) and give its new summary as evidence",
                        )
                        .at(&format!("sources[{i}].scraping.robots-txt")),
                    );
                }
                if sc.ai_opt_outs && !(p.ai_txt && p.tdmrep && p.noai) {
                    out.push(
                        Violation::new(
                            format!("scraped source `{}` declares that AI opt-outs are honoured, but the collection run of {} left some of ai.txt, TDMRep and `noai` out", s.id, c.path.display()),
                            "run `privasift collect filter` with every AI opt-out signal honoured (the default policy does) and give its new summary as evidence",
                        )
                        .at(&format!("sources[{i}].scraping.ai-opt-outs")),
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
        assert_eq!(violations(&Check, META.bad.manifest).len(), 2);
        assert_eq!(
            violations(&Check, scraped(&["robots-txt"], "", "")).len(),
            1
        );
        assert_eq!(
            violations(&Check, scraped(&["ai-opt-outs"], "", "")).len(),
            1
        );
        // A scraped source that describes no scraping at all.
        assert_eq!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n"
            )
            .len(),
            2
        );
        // Another basis than legitimate interest: not this rule's business.
        let other = scraped(
            &["robots-txt", "ai-opt-outs"],
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
