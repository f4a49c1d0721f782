//! S7-DATA-05: retention periods are set, justified beyond three years, and
//! not past their end.

use crate::decisions::Tri;
use crate::manifest::Date;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-05",
    title: "Retention periods are set, justified when long, and not past their end",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be); the date of the check when it is known",
    source: "Catalogue S7-DATA-05 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", retention of data; CNIL guide on retention periods); GDPR Art. 5(1)(e).",
    doc: "Personal data used to develop an AI system may be kept only for a defined period (storage limitation), and a retention of several years must be justified. The rule fails when personal data is processed and no development retention period (`retention.development`) is set; when the development or maintenance period runs longer than three years without a `justification` (the audit period is left out: its `purpose` is its justification, see S7-DATA-07/08); and, the date of the check beating the declaration, when any period (development, maintenance or audit) ended before the day of the check: the data must then be deleted, or the period extended with a reason.",
    bad: Example::toml("[retention.development]\nend = 2031-03-01\n"),
    good: Example::toml(
        "[retention.development]\nend = 2031-03-01\njustification = \"The dataset needed two years of annotation work; it is kept for the successive versions of the assistant, encrypted and access-restricted.\"\n",
    ),
};

/// `start` plus three years (same month and day).
fn three_years_after(start: Date) -> Date {
    Date {
        year: start.year.saturating_add(3),
        ..start
    }
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        let r = &cx.manifest.retention;
        if r.development.is_none() {
            out.push(
                Violation::new(
                    "no retention period is set for the data used in development",
                    "add `[retention.development]` with `start` and `end` dates (following the CNIL's guide on retention periods)",
                )
                .at("retention"),
            );
        }
        for (name, p) in [
            ("development", &r.development),
            ("maintenance", &r.maintenance),
        ] {
            let Some(p) = p else { continue };
            if p.end > three_years_after(p.start) && !given(p.justification.as_ref()) {
                out.push(
                    Violation::new(
                        format!(
                            "the {name} retention runs more than three years ({} to {}) with no justification",
                            p.start, p.end
                        ),
                        format!(
                            "shorten the period, or say in `retention.{name}.justification` why the data is needed this long (e.g. a dataset that needed a large investment)"
                        ),
                    )
                    .at(&format!("retention.{name}.end")),
                );
            }
        }
        let Some(today) = cx.evidence.today else {
            return;
        };
        let ends = [
            ("development", r.development.as_ref().map(|p| p.end)),
            ("maintenance", r.maintenance.as_ref().map(|p| p.end)),
            ("audit", r.audit.as_ref().map(|a| a.end)),
        ];
        for (name, end) in ends {
            if let Some(end) = end
                && end < today
            {
                out.push(
                    Violation::new(
                        format!("the {name} retention is past its end ({end}, checked on {today})"),
                        format!(
                            "past its end: delete the data or extend the period with a reason (`retention.{name}.end` and its justification)"
                        ),
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
    fn the_example_project_passes() {
        assert!(violations("").is_empty());
    }

    #[test]
    fn no_development_period_fails() {
        let v = violations("[retention]\ndevelopment = \"<unset>\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no retention period"), "{v:?}");
    }

    #[test]
    fn no_development_period_is_fine_without_personal_data() {
        let v = violations(
            "[project]\npersonal-data = \"no\"\n[retention]\ndevelopment = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn long_maintenance_needs_a_justification() {
        let v =
            violations("[retention.maintenance]\nend = 2028-09-02\njustification = \"<unset>\"\n");
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message
                .contains("maintenance retention runs more than three years"),
            "{v:?}"
        );
        // Exactly three years is not "longer than three years".
        assert!(violations("[retention.maintenance]\njustification = \"<unset>\"\n").is_empty());
    }

    #[test]
    fn long_audit_is_left_to_its_purpose() {
        assert!(violations("[retention.audit]\nend = 2035-01-01\n").is_empty());
    }

    #[test]
    fn a_period_past_its_end_fails() {
        let v = violations("[retention.audit]\nstart = 2024-01-01\nend = 2025-12-31\n");
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message.contains("audit retention is past its end"),
            "{v:?}"
        );
        assert!(
            v[0].fix
                .starts_with("past its end: delete the data or extend the period with a reason")
        );
    }

    #[test]
    fn without_a_date_nothing_expires() {
        let (_, manifest, mut evidence) = build(&Example::toml(
            "[retention.audit]\nstart = 2024-01-01\nend = 2025-12-31\n",
        ))
        .unwrap();
        evidence.today = None;
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        Check.check(&cx, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
