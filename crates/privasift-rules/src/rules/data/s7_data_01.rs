//! S7-DATA-01: each source holding personal data lists the categories of
//! data it collects.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-01",
    title: "The categories of data collected are identified for each source",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "every source that holds personal data",
    source: "Catalogue S7-DATA-01 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", data collection); GDPR Art. 5(1)(c) and 30(1)(c).",
    doc: "The checks to make at collection depend on the mode of collection and on the source, but their aim is the same: the data collected must be relevant to the objective of the system (minimisation). That relevance can only be checked once what is collected is identified. The rule fails for each source holding personal data that lists no `data-categories` (entries left blank or `TODO` do not count). The fields kept from a source are S7-DATA-03's concern; scraped sources also have their own collection rules (S4-SCRAPE-01 to 03).",
    bad: Example::toml("[[sources]]\ndata-categories = []\n"),
    good: Example::toml("[[sources]]\ndata-categories = [\"identity\", \"free-text messages\"]\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if !s.personal_data {
                continue;
            }
            let listed = s
                .data_categories
                .iter()
                .any(|c| !c.trim().is_empty() && !c.contains("TODO"));
            if !listed {
                out.push(
                    Violation::new(
                        format!(
                            "source `{}` holds personal data and does not say which categories of data it collects",
                            s.id
                        ),
                        "list in `data-categories` what the source collects (e.g. identity, contact details, free-text messages, photos), check each against the objective of the system, and stop collecting what it does not need",
                    )
                    .at(&format!("sources[{i}].data-categories")),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;

    fn violations(toml: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(toml)).unwrap();
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        Check.check(&cx, &mut out);
        out
    }

    #[test]
    fn empty_or_placeholder_categories_fail() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`tickets`"), "{v:?}");
        let v = violations("[[sources]]\n[[sources]]\ndata-categories = [\"TODO\", \" \"]\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`faq-public`"), "{v:?}");
    }

    #[test]
    fn a_source_without_personal_data_is_not_checked() {
        let v = violations(
            "[[sources]]\n[[sources]]\ndata-categories = []\npersonal-data = false\nlegal-basis = \"<unset>\"\nlegal-basis-chosen-on = \"<unset>\"\nlegitimate-interest = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
