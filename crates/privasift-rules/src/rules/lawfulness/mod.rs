//! Rules of this sheet.
use crate::decisions::BasisVerdict;
use crate::manifest::{LegalBasis, Manifest, Source, SourceMode};
use crate::rule::{Context, Rule};

/// The sources on `basis`, each with its index and the engine's verdict on
/// that basis (for the rules that read the legal-basis decision).
fn on_basis<'a>(
    cx: &'a Context<'_>,
    basis: LegalBasis,
) -> impl Iterator<Item = (usize, &'a Source, &'a BasisVerdict)> {
    cx.manifest
        .sources
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.legal_basis == Some(basis))
        .filter_map(|(i, s)| {
            cx.decisions
                .legal_basis
                .iter()
                .find(|v| v.source == s.id)
                .map(|v| (i, s, v))
        })
}

/// The scraped sources the scraping measures of the legitimate-interest
/// sheet concern: those on legitimate interest, and those with no basis yet
/// (S4-BASIS-01 asks for one); a scraped source on another basis is not
/// these rules' business.
fn scraped_on_li(m: &Manifest) -> impl Iterator<Item = (usize, &Source)> {
    m.sources.iter().enumerate().filter(|(_, s)| {
        s.mode == SourceMode::Scraped
            && matches!(s.legal_basis, None | Some(LegalBasis::LegitimateInterest))
    })
}

mod s4_basis_01;
mod s4_basis_02;
mod s4_basis_03;
mod s4_basis_04;
mod s4_basis_05;
mod s4_basis_06;
mod s4_basis_07;
mod s4_basis_08;
mod s4_reuse_01;
mod s4_reuse_02;
mod s4_reuse_04;
mod s4_reuse_05;
mod s4_reuse_06;
mod s4_reuse_07;
mod s4_reuse_08;
mod s4_scrape_01;
mod s4_scrape_02;
mod s4_scrape_03;
mod s4_scrape_05;
mod s4_scrape_06;
mod s4_scrape_07;
mod s4_scrape_08;
mod s4_scrape_09;
mod s4_sens_01;
mod s4_sens_02;
mod s4_sens_03;
mod s4_sens_04;
mod s4_sens_05;
mod s4_sens_06;
mod s4_sens_07;
mod s4_sens_08;

pub(super) const RULES: &[&dyn Rule] = &[
    &s4_basis_01::Check,
    &s4_basis_02::Check,
    &s4_basis_03::Check,
    &s4_basis_04::Check,
    &s4_basis_05::Check,
    &s4_basis_06::Check,
    &s4_basis_07::Check,
    &s4_basis_08::Check,
    &s4_sens_01::Check,
    &s4_sens_02::Check,
    &s4_sens_03::Check,
    &s4_sens_04::Check,
    &s4_sens_05::Check,
    &s4_sens_06::Check,
    &s4_sens_07::Check,
    &s4_sens_08::Check,
    &s4_scrape_01::Check,
    &s4_scrape_02::Check,
    &s4_scrape_03::Check,
    &s4_scrape_05::Check,
    &s4_scrape_06::Check,
    &s4_scrape_07::Check,
    &s4_scrape_08::Check,
    &s4_scrape_09::Check,
    &s4_reuse_01::Check,
    &s4_reuse_02::Check,
    &s4_reuse_04::Check,
    &s4_reuse_05::Check,
    &s4_reuse_06::Check,
    &s4_reuse_07::Check,
    &s4_reuse_08::Check,
];

/// The test helper of `rules/mod.rs`, shared by this sheet's rule tests
/// (one copy instead of one per file), with a hook to add evidence the
/// examples cannot carry (ledgers).
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
pub(super) mod testing {
    use crate::decisions::decide;
    use crate::evidence::Evidence;
    use crate::examples::build;
    use crate::rule::{Context, Example, Rule, Violation};

    /// A collection summary of `crawl/a.warc.gz` that applied `policy`.
    pub fn collect_log(policy: crate::evidence::CollectPolicy) -> crate::evidence::CollectEvidence {
        crate::evidence::CollectEvidence {
            path: "collect-summary.json".into(),
            inputs: vec!["crawl/a.warc.gz".into()],
            pages_read: 10,
            kept: 9,
            excluded: 1,
            excluded_by_signal: std::collections::BTreeMap::new(),
            excluded_by_category: std::collections::BTreeMap::new(),
            policy: Some(policy),
        }
    }

    /// A policy that applied every signal and excluded every category.
    pub fn full_policy() -> crate::evidence::CollectPolicy {
        crate::evidence::CollectPolicy {
            robots: true,
            ai_txt: true,
            tdmrep: true,
            noai: true,
            sensitive_categories: vec!["health".into()],
            objection_domains: 3,
            ..crate::evidence::CollectPolicy::default()
        }
    }

    /// The violations `rule` raises on the example `fragment`.
    pub fn violations(rule: &dyn Rule, fragment: &'static str) -> Vec<Violation> {
        violations_with(rule, &Example::toml(fragment), |_| {})
    }

    /// The same, with the example's evidence edited first.
    pub fn violations_with(
        rule: &dyn Rule,
        ex: &Example,
        edit: impl FnOnce(&mut Evidence),
    ) -> Vec<Violation> {
        let (_, manifest, mut evidence) =
            build(ex).unwrap_or_else(|e| panic!("{}: example does not build: {e}", rule.meta().id));
        edit(&mut evidence);
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out
    }

    /// Asserts that `rule` accepts a scraped source on legitimate interest
    /// whose collection summary applied the full policy, and flags one whose
    /// run did not honour robots.txt, AI opt-outs and the objection list, in
    /// words that name the collection run.
    pub fn assert_checks_the_collection_log(rule: &dyn Rule) {
        let ex = Example::toml(scraped(
            &[],
            "legal-basis = \"legitimate-interest\"\npaths = [\"crawl/*.warc.gz\"]",
            "",
        ));
        assert!(
            violations_with(rule, &ex, |ev| ev.collects.push(collect_log(full_policy())))
                .is_empty()
        );
        let weak = crate::evidence::CollectPolicy {
            robots: false,
            ai_txt: false,
            objection_domains: 0,
            ..full_policy()
        };
        let v = violations_with(rule, &ex, |ev| ev.collects.push(collect_log(weak)));
        assert!(!v.is_empty(), "{v:?}");
        assert!(
            v.iter().all(|x| x.message.contains("collection run")),
            "{v:?}"
        );
    }

    /// The keys of a complete `[sources.scraping]` table, with their values.
    const SCRAPING: [(&str, &str); 12] = [
        (
            "criteria",
            "\"Customer-service forums listed in docs/crawl-scope.md; question and answer text only; posts from 2020 on.\"",
        ),
        ("criteria-defined-on", "2025-01-15"),
        ("first-collection", "2025-03-01"),
        ("freely-accessible-only", "true"),
        ("robots-txt", "true"),
        ("ai-opt-outs", "true"),
        ("sensitive-sites-excluded", "true"),
        ("sensitive-filters", "true"),
        ("irrelevant-deleted", "true"),
        ("objection-list", "true"),
        ("sources-published", "true"),
        ("terms-respected", "true"),
    ];

    /// A fragment making the example's second source a scraped one, with
    /// every scraping key but those in `without`; `source` lines go in the
    /// source's table, `scraping` lines in its scraping table.
    pub fn scraped(without: &[&str], source: &str, scraping: &str) -> &'static str {
        let mut s = format!(
            "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n{source}\n[sources.scraping]\n"
        );
        for (k, v) in SCRAPING.iter().filter(|(k, _)| !without.contains(k)) {
            s.push_str(k);
            s.push_str(" = ");
            s.push_str(v);
            s.push('\n');
        }
        s.push_str(scraping);
        Box::leak(s.into_boxed_str())
    }

    #[test]
    fn the_scraped_fragment_is_what_the_examples_spell_out() {
        let rule = crate::rules::find("S4-SCRAPE-02").unwrap();
        assert_eq!(rule.meta().good.manifest, scraped(&[], "", ""));
    }
}
