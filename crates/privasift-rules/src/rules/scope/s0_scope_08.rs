//! S0-SCOPE-08: each departure from a recommendation is justified,
//! approved and dated.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S0-SCOPE-08",
    title: "Each deviation from a recommendation is justified, approved and dated",
    sheet: Sheet::Scope,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "every entry of `deviations`",
    source: "Catalogue S0-SCOPE-08 (CNIL introductory sheet: scope), and the seeds: consultation summary, \"The legal value of the how-to sheets\": \"these recommendations are not binding: controllers may deviate from them, provided that they can justify their choices and under their responsibility.\"",
    doc: "The CNIL's recommendations are not binding: a controller may depart from them, provided it can justify its choice and under its own responsibility. A deviation recorded in the manifest clears the warnings of the recommendation it names, so it must show who took that responsibility and when, not only why. The rule fails when an entry of `deviations` lacks `approved-by` or `date`, or when its justification is still a TODO.",
    bad: Example::toml(
        "[[deviations]]\nrule = \"S6-DESIGN-02\"\njustification = \"The pilot study was replaced by a review of the literature on support assistants.\"\n",
    ),
    good: Example::toml(
        "[[deviations]]\nrule = \"S6-DESIGN-02\"\njustification = \"The pilot study was replaced by a review of the literature on support assistants.\"\napproved-by = \"Head of data\"\ndate = 2025-02-01\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, d) in cx.manifest.deviations.iter().enumerate() {
            let rule = d.rule.trim();
            if !given(Some(&d.justification)) {
                out.push(
                    Violation::new(
                        format!("the deviation from `{rule}` has no justification yet (a TODO)"),
                        "say why the recommendation is not followed and what is done instead",
                    )
                    .at(&format!("deviations[{i}].justification")),
                );
            }
            if !given(d.approved_by.as_ref()) {
                out.push(
                    Violation::new(
                        format!("the deviation from `{rule}` does not say who approved it"),
                        "set `approved-by` to the person or body who took responsibility for the deviation (e.g. the DPO or the project's sponsor)",
                    )
                    .at(&format!("deviations[{i}].approved-by")),
                );
            }
            if d.date.is_none() {
                out.push(
                    Violation::new(
                        format!("the deviation from `{rule}` is not dated"),
                        "set `date` to the day the deviation was approved (a bare TOML date, e.g. 2025-02-01)",
                    )
                    .at(&format!("deviations[{i}].date")),
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

    fn violations(fragment: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(fragment)).unwrap();
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
    fn each_missing_element_is_reported() {
        let v = violations("[[deviations]]\nrule = \"S6-DESIGN-02\"\njustification = \"TODO\"\n");
        assert_eq!(v.len(), 3, "{v:?}");
        let v = violations(
            "[[deviations]]\nrule = \"S6-DESIGN-02\"\njustification = \"A literature review instead.\"\ndate = 2025-02-01\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("approved"));
        let v = violations(
            "[[deviations]]\nrule = \"S6-DESIGN-02\"\njustification = \"A literature review instead.\"\napproved-by = \"DPO\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("not dated"));
    }
}
