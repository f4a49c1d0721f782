//! S4-REUSE-04: a publicly accessible dataset is re-used only when its
//! creation and publication are not manifestly unlawful.

use crate::decisions::ReuseOutcome;
use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-04",
    title: "A public dataset is re-used only when it is not manifestly unlawful",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "publicly accessible datasets re-used (`mode = \"reuse-public\"`)",
    source: "Catalogue S4-REUSE-04 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data; CNIL publication on re-using databases, January 2025), settled by the seeds: consultation summary, sheet 4, \"Additional checks in the event of re-use of freely accessible datasets\": \"Manifest wrongfulness must be assessed on a case-by-case basis. As a result, the CNIL considers that it will be for the controller to carry out the necessary checks as appropriate\"; GDPR Art. 5(1)(a), 6.",
    doc: "Before re-using a publicly accessible dataset, the controller must check that its creation and publication are not manifestly unlawful; the CNIL assesses this case by case and leaves the controller to carry out the checks that fit. The checks it names: the dataset's documentation states its source, there is no sign of a leak, theft or dark-web origin, no court decision found it infringing, and its origin leaves no flagrant doubt; when its source is not known, the re-use is suspended until it is. The rule reads the re-use decision of each `reuse-public` source and fails when the re-use must be suspended (`reuse.source-documented` or `reuse.provenance-checked` not true) or blocked (`reuse.unlawful-origin-signs`, `reuse.court-decision-against`, or a licence that forbids the use).",
    bad: Example::toml("[[sources]]\n[[sources]]\n\n[sources.reuse]\nprovenance-checked = false\n"),
    good: Example::toml("[[sources]]\n[[sources]]\n\n[sources.reuse]\nprovenance-checked = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.mode != SourceMode::ReusePublic {
                continue;
            }
            let Some(v) = cx.decisions.reuse.iter().find(|v| v.source == s.id) else {
                continue;
            };
            let (what, fix) = match v.outcome {
                ReuseOutcome::Suspend => (
                    "must be suspended",
                    "find out where the dataset comes from and check its provenance (documentation of its source, signs of a leak or theft, court decisions) before using it; then record `reuse.source-documented` and `reuse.provenance-checked`",
                ),
                ReuseOutcome::Block => (
                    "is blocked",
                    "do not use this dataset, and delete the copies already taken; look for another source",
                ),
                ReuseOutcome::Proceed => continue,
            };
            out.push(
                Violation::new(
                    format!(
                        "the re-use of public dataset `{}` {what}: {}",
                        s.id,
                        v.reasons.join("; ")
                    ),
                    fix,
                )
                .at(&format!("sources[{i}].reuse")),
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
    fn each_outcome() {
        let suspend = violations(&Check, META.bad.manifest);
        assert_eq!(suspend.len(), 1);
        assert!(suspend[0].message.contains("suspended"));
        let undocumented = violations(
            &Check,
            "[[sources]]\n[[sources]]\n\n[sources.reuse]\nsource-documented = false\n",
        );
        assert_eq!(undocumented.len(), 1);
        let block = violations(
            &Check,
            "[[sources]]\n[[sources]]\n\n[sources.reuse]\nunlawful-origin-signs = true\n",
        );
        assert_eq!(block.len(), 1);
        assert!(block[0].message.contains("blocked"));
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
