//! S4-REUSE-08: data first processed for research is re-used for other
//! purposes only if they are compatible.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-08",
    title: "Research data is re-used for other purposes only if they are compatible",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "re-used sources holding personal data first processed for scientific research (`reuse.original-purpose-research = true`)",
    source: "Not in the catalogue; settled by the seeds: consultation summary, sheet 2, \"Re-use of scientific research data for other purposes\": \"the re-use for non-research purposes of personal data initially processed for research purposes is lawful only for purposes deemed compatible\", while \"the re-use of anonymized data or of a model that has not stored personal data, even outside a research purpose, does not pose any difficulties\"; GDPR Art. 5(1)(b), 6(4).",
    doc: "The CNIL recalls that personal data first processed for scientific research may be re-used for purposes other than research only when these purposes are compatible with the original one; re-using anonymised data, or a model that stored no personal data, raises no difficulty. The new processing must then meet every other principle too (information, rights, a new Art. 9 exception for sensitive data). The rule fails when a re-used source holding personal data, not anonymised, was first processed for research (`reuse.original-purpose-research = true`), serves a purpose that is not research (`research = false` in `[[purposes]]`), and does not record that the purposes were found compatible (`reuse.compatible = true`, with the test in `reuse.compatibility-test`).",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\n\n[sources.reuse]\noriginal-purpose-research = true\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\n\n[sources.reuse]\noriginal-purpose-research = true\ncompatibility-test = \"docs/compatibility-test-faq-public.pdf\"\ncompatible = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        for (i, s) in m.sources.iter().enumerate() {
            let Some(r) = &s.reuse else { continue };
            if !s.mode.is_reuse()
                || !s.personal_data
                || r.anonymised
                || !r.original_purpose_research
            {
                continue;
            }
            let other: Vec<&str> = m
                .purposes
                .iter()
                .filter(|p| !p.research && s.purposes.contains(&p.id))
                .map(|p| p.id.as_str())
                .collect();
            if other.is_empty() || r.compatible == Some(true) {
                continue;
            }
            let found = if r.compatible == Some(false) {
                "found incompatible"
            } else {
                "not shown compatible"
            };
            out.push(
                Violation::new(
                    format!(
                        "source `{}` holds data first processed for research, re-used for purposes that are not research (`{}`) and {found} with it",
                        s.id,
                        other.join("`, `")
                    ),
                    "assess whether the new purposes are compatible with the research purpose (Art. 6(4): link, context, nature of the data, consequences, safeguards), give the test in `reuse.compatibility-test` and set `reuse.compatible = true` only if it concludes so; otherwise use anonymised data, or do not re-use it",
                )
                .at(&format!("sources[{i}].reuse.compatible")),
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
    fn research_data_reused_elsewhere() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`helpdesk`") && v[0].message.contains("not shown"));
        let incompatible = violations(
            &Check,
            "[[sources]]\n[[sources]]\n\n[sources.reuse]\noriginal-purpose-research = true\ncompatible = false\n",
        );
        assert!(incompatible[0].message.contains("found incompatible"));
        // Anonymised data raises no difficulty.
        assert!(violations(&Check, "[[sources]]\n[[sources]]\n\n[sources.reuse]\noriginal-purpose-research = true\nanonymised = true\n").is_empty());
        // Re-used for research: nothing to check.
        assert!(violations(&Check, "[[purposes]]\nresearch = true\n\n[[sources]]\n[[sources]]\n\n[sources.reuse]\noriginal-purpose-research = true\n").is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
