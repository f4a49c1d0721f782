//! S4-REUSE-02: own data re-used without a compatibility test, because
//! training was stated at collection, points to the notice that stated it.

use crate::manifest::SourceMode;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-02",
    title: "Training stated at collection is shown by the original notice",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources of the controller's own data re-used for training that was stated at collection (`mode = \"reuse-own\"`, `reuse.training-in-original-notice = true`)",
    source: "Catalogue S4-REUSE-02 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data); GDPR Art. 6(4), 13(1)(c) and 5(2).",
    doc: "When training was foreseen, and told to the people, when their data was collected, re-using that data for training needs no compatibility test: the transparency at collection covers it. That exemption rests on the notice given at the time, which the controller must be able to show. The rule fails for each `reuse-own` source that declares `reuse.training-in-original-notice = true` and gives no `reuse.original-notice` (the notice, or where it is kept, that stated training). Anonymised data (`reuse.anonymised`) is left out: its re-use raises no difficulty.",
    bad: Example::toml(
        "[[sources]]\n\n[sources.reuse]\ntraining-in-original-notice = true\ncompatibility-test = \"<unset>\"\ncompatible = \"<unset>\"\n",
    ),
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
            let Some(r) = &s.reuse else {
                continue;
            };
            if !r.training_in_original_notice || r.anonymised || given(r.original_notice.as_ref()) {
                continue;
            }
            out.push(
                Violation::new(
                    format!(
                        "source `{}` is re-used without a compatibility test because training was stated at collection, but the notice that stated it is not given",
                        s.id
                    ),
                    "give in `reuse.original-notice` the notice shown when the data was collected (or where it is kept) that told people their data would train the model; if training was not stated, set `reuse.training-in-original-notice = false` and carry out the compatibility test",
                )
                .at(&format!("sources[{i}].reuse.original-notice")),
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
    fn the_claim_without_the_notice_fails() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`tickets`"), "{v:?}");
        let v = violations(
            &Check,
            "[[sources]]\n\n[sources.reuse]\ntraining-in-original-notice = true\noriginal-notice = \"TODO\"\n",
        );
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn no_claim_or_anonymised_data_is_not_checked() {
        assert!(violations(&Check, "").is_empty());
        let v = violations(
            &Check,
            "[[sources]]\n\n[sources.reuse]\ntraining-in-original-notice = true\nanonymised = true\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
