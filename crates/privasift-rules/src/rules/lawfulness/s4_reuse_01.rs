//! S4-REUSE-01: the controller re-uses its own data for training only after
//! a compatibility test that concludes the purposes are compatible.

use crate::decisions::ReuseOutcome;
use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-01",
    title: "Own data is re-used for training only if the purposes are compatible",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources of the controller's own data collected for another purpose (`mode = \"reuse-own\"`)",
    source: "Catalogue S4-REUSE-01 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data); GDPR Art. 6(4).",
    doc: "A controller that re-uses data it collected for another purpose must check that training is compatible with that purpose (GDPR Art. 6(4): link between the purposes, context and reasonable expectations, nature of the data, consequences, safeguards), unless the new processing rests on consent or on EU or national law, or training was told to the people at collection. The rule reads the re-use decision of each `reuse-own` source. It fails when the re-use must be suspended (no compatibility test with its conclusion in `reuse.compatibility-test` and `reuse.compatible`) or blocked (the test concluded the purposes are incompatible).",
    bad: Example::toml("[[sources]]\n\n[sources.reuse]\ncompatible = \"<unset>\"\n"),
    good: Example::toml(
        "[[sources]]\n\n[sources.reuse]\ntraining-in-original-notice = true\noriginal-notice = \"docs/notices/support-terms-2021.pdf\"\ncompatibility-test = \"<unset>\"\ncompatible = \"<unset>\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.mode != SourceMode::ReuseOwn {
                continue;
            }
            let Some(v) = cx.decisions.reuse.iter().find(|v| v.source == s.id) else {
                continue;
            };
            let (what, fix) = match v.outcome {
                ReuseOutcome::Suspend => (
                    "must be suspended",
                    "carry out the compatibility test of Art. 6(4) (link, context and expectations, nature of the data, consequences, safeguards), give it in `reuse.compatibility-test` and its conclusion in `reuse.compatible`; or rely on consent",
                ),
                ReuseOutcome::Block => (
                    "is blocked",
                    "training is incompatible with the purpose the data was collected for: stop using this source, or collect consent for it (a new legal basis)",
                ),
                ReuseOutcome::Proceed => continue,
            };
            out.push(
                Violation::new(
                    format!(
                        "the re-use of source `{}` {what}: {}",
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
        let block = violations(
            &Check,
            "[[sources]]\n\n[sources.reuse]\ncompatible = false\n",
        );
        assert_eq!(block.len(), 1);
        assert!(block[0].message.contains("blocked"));
        assert!(violations(&Check, META.good.manifest).is_empty());
        assert!(violations(&Check, "").is_empty());
    }
}
