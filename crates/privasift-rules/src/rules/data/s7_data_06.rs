//! S7-DATA-06: a very long retention period (over ten years) is re-examined even when justified.

use crate::manifest::Period;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Ten years, in days (with the leap days).
const TEN_YEARS: i64 = 3_652;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-06",
    title: "A very long retention rests on an exceptional reason",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "a development or maintenance retention period is declared",
    source: "Catalogue S7-DATA-06 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", retention; read in secondary summaries); GDPR Art. 5(1)(e).",
    doc: "Long retention periods can be justified, with security measures, for instance for datasets that needed a large investment or have become references for the scientific community; they stay the exception. A period over three years without a justification is S7-DATA-05's finding; this rule fails when the development or maintenance period (`retention.development`, `retention.maintenance`) runs over ten years, even with a justification, so that the reason is re-examined. This point was read only in secondary summaries of the CNIL's sheet, so a failure is reported as a warning, which a justified deviation clears.",
    bad: Example::toml("[retention.maintenance]\nend = 2040-09-01\n"),
    good: Example::toml("[retention.maintenance]\nend = 2034-09-01\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let r = &cx.manifest.retention;
        let periods: [(&str, Option<&Period>); 2] = [
            ("development", r.development.as_ref()),
            ("maintenance", r.maintenance.as_ref()),
        ];
        for (name, p) in periods {
            let Some(p) = p else { continue };
            let days = p.end.days() - p.start.days();
            if days > TEN_YEARS {
                out.push(
                    Violation::new(
                        format!(
                            "the {name} retention period runs {} years ({} to {})",
                            days / 365,
                            p.start,
                            p.end
                        ),
                        "re-examine the period: keep data this long only for an exceptional reason (a dataset that needed a large investment or became a reference), state it in `justification` with the security measures, or shorten the period",
                    )
                    .at(&format!("retention.{name}.end")),
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
    fn each_period() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("maintenance"));
        let v = violations(
            "[retention.development]\nend = 2036-03-02\njustification = \"A reference corpus.\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("development"));
        assert!(violations("[retention.development]\nend = 2035-02-28\n").is_empty());
    }
}
