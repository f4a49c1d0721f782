//! S4-BASIS-02: the sources of the personal data are identified, each with
//! how it is obtained.

use crate::decisions::Tri;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-BASIS-02",
    title: "The sources of the data are identified, with how each is obtained",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "the project processes personal data (declared, found by the scans, or not known)",
    source: "Catalogue S4-BASIS-02 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\"); GDPR Art. 5(2), 6(1).",
    doc: "The legal basis, and the checks that come with it, depend on how the data is obtained: collected directly from the people, collected from open online sources for this purpose (web scraping), or re-used from data collected for another purpose, by the controller itself or by someone else. Several ways can be combined, and each must be identified. Every `[[sources]]` entry states its `mode`, so this check is that sources are listed at all. The rule fails when the project processes personal data (declared, found by a scan, or not known) and the manifest lists no source.",
    bad: Example::toml("sources = \"<unset>\"\n"),
    good: Example::toml("sources = \"<unset>\"\n\n[project]\npersonal-data = \"no\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value != Tri::No && cx.manifest.sources.is_empty() {
            out.push(
                Violation::new(
                    "personal data is processed but no source is listed",
                    "add one `[[sources]]` entry per way the data is obtained, with its `mode` (`direct`, `scraped`, `reuse-own`, `reuse-public` or `third-party`) and its legal basis",
                )
                .at("sources"),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn unknown_personal_data_still_needs_sources() {
        let v = violations(
            &Check,
            "sources = \"<unset>\"\n\n[project]\npersonal-data = \"unknown\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(violations(&Check, "").is_empty());
    }
}
