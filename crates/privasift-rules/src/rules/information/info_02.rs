//! INFO-02: people whose data was not collected from them are told the
//! categories of data and the sources.

use crate::decisions::Tri;
use crate::manifest::{NoticeElement, SourceMode};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-02",
    title: "Indirectly collected data: the notice gives the categories of data and the sources",
    sheet: Sheet::Information,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "some source holding personal data was not collected directly from the people (scraped, re-used, third party)",
    source: "Catalogue INFO-02 (CNIL sheet \"Informing data subjects\", February 2025); GDPR Art. 14(1)(d) and 14(2)(f).",
    doc: "When personal data was not obtained from the people themselves (scraped, re-used, bought or shared by a third party), the information must also give the categories of personal data concerned and the source(s) the data comes from (GDPR Art. 14). The rule fails, once, when some source holding personal data is not `direct` and `information.elements` lacks `data-categories` or `sources`, naming the sources concerned.",
    bad: Example::toml(
        "[information]\nelements = [\"controller-identity\", \"dpo-contact\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"recipients\", \"retention\", \"rights\", \"complaint\", \"memorisation-risk\"]\n",
    ),
    good: Example::toml(
        "[information]\nelements = [\"controller-identity\", \"dpo-contact\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"recipients\", \"retention\", \"rights\", \"complaint\", \"memorisation-risk\", \"sources\", \"data-categories\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        let indirect: Vec<String> = cx
            .manifest
            .sources
            .iter()
            .filter(|s| s.personal_data && s.mode != SourceMode::Direct)
            .map(|s| format!("`{}`", s.id))
            .collect();
        if indirect.is_empty() {
            return;
        }
        let elements = &cx.manifest.information.elements;
        let missing: Vec<&str> = [
            (NoticeElement::DataCategories, "data-categories"),
            (NoticeElement::Sources, "sources"),
        ]
        .into_iter()
        .filter(|(e, _)| !elements.contains(e))
        .map(|(_, name)| name)
        .collect();
        if !missing.is_empty() {
            out.push(
                Violation::new(
                    format!(
                        "data not collected from the people ({}), and the notice does not give: {}",
                        indirect.join(", "),
                        missing.join(", ")
                    ),
                    format!(
                        "add the categories of personal data and the sources (or categories of sources) to the notice, and list them in `information.elements` ({})",
                        missing.join(", ")
                    ),
                )
                .at("information.elements"),
            );
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
    fn names_both_missing_elements() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.ends_with("data-categories, sources"), "{v:?}");
        assert!(v[0].message.contains("`tickets`, `faq-public`"), "{v:?}");
    }

    #[test]
    fn direct_collection_only_does_not_apply() {
        let v = violations(
            "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n[information]\nelements = [\"purpose\"]\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
