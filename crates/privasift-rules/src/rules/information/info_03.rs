//! INFO-03: when an "already informed" exemption is relied on for a
//! training dataset built from indirect sources, general information
//! (with its retention and rights) is published anyway.

use crate::decisions::Tri;
use crate::manifest::{InfoExemption, SourceMode};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-03",
    title: "Retention and rights information reaches people even under an exemption",
    sheet: Sheet::Information,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "a source holding personal data is indirect and the \"already informed\" exemption is relied on",
    source: "Catalogue INFO-03 (CNIL sheet \"Informing data subjects\", February 2025: retention and rights information is almost always required for training datasets); GDPR Art. 5(1)(a), 13(4) and 14(5)(a).",
    doc: "For training datasets, the CNIL holds that information on the retention period and on the rights is almost always needed for the processing to be fair and transparent. Read as a second check on top of INFO-01 (which already requires the notice to give `retention` and `rights` in every case, so repeating that test here would only duplicate it), this rule covers the case where individual information is not given: when a source holding personal data is not `direct` and the controller relies on the people being already informed (`information.exemption = \"already-informed\"`), the earlier information rarely told the training dataset's retention and the rights over it, so general information must be published anyway (`information.general-notice-published`). The rule fails in that case when no general notice is published. Under the disproportionate-effort exemption the same gap is reported by INFO-05, so this rule leaves that case to it.",
    bad: Example::toml(
        "[information]\nexemption = \"already-informed\"\ngeneral-notice-published = false\n",
    ),
    good: Example::toml(
        "[information]\nexemption = \"already-informed\"\ngeneral-notice-published = true\n",
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
        let m = cx.manifest;
        let info = &m.information;
        if info.exemption != Some(InfoExemption::AlreadyInformed) || info.general_notice_published {
            return;
        }
        let indirect = m
            .sources
            .iter()
            .any(|s| s.personal_data && s.mode != SourceMode::Direct);
        if indirect {
            out.push(
                Violation::new(
                    "the people are deemed already informed, and no general notice tells them the training dataset's retention and their rights",
                    "publish general information on the training dataset (at least its retention period and how to exercise the rights, e.g. on the website) and set `information.general-notice-published = true`",
                )
                .at("information.general-notice-published"),
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
    fn disproportionate_effort_is_left_to_info_05() {
        assert!(violations("[information]\ngeneral-notice-published = false\n").is_empty());
    }

    #[test]
    fn direct_collection_only_does_not_apply() {
        let v = violations(
            "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n[information]\nexemption = \"already-informed\"\ngeneral-notice-published = false\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
