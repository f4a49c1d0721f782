//! S5-DPIA-01: a DPIA that is required is completed before the processing
//! starts.

use crate::manifest::DpiaStatus;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-01",
    title: "A required DPIA is completed before the processing starts",
    sheet: Sheet::Dpia,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "processing likely to result in a high risk (the DPIA decision says required)",
    source: "Catalogue S5-DPIA-01 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\"); consultation summary, how-to sheet 5: \"a DPIA would be mandatory for systems classified as high risk by the AI Act\"; GDPR Art. 35(1).",
    doc: "A processing likely to result in a high risk to people's rights and freedoms needs a data protection impact assessment, carried out before the processing and updated as the processing and its risks evolve (GDPR Art. 35). The DPIA decision marks it required when the processing matches the CNIL's Art. 35(4) list, when the system is high-risk under the AI Act, or when two or more WP248 criteria are met without a justification. The rule fails, when a DPIA is required, if `dpia.status` is not `done` (an assessment still in progress must be completed before the processing), if the DPIA gives no `date`, or if its date is after the first processing (`project.started`).",
    bad: Example::toml("[dpia]\nstatus = \"in-progress\"\n"),
    good: Example::toml("[dpia]\ndate = 2025-03-01\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.decisions.dpia_required;
        if !d.required {
            return;
        }
        let m = cx.manifest;
        let why = d.triggers.join("; ");
        match m.dpia.status {
            DpiaStatus::Done => {}
            DpiaStatus::InProgress => {
                out.push(
                    Violation::new(
                        format!("a DPIA is required ({why}) and is still in progress: it must be completed before the processing"),
                        "complete the DPIA, apply its measures, then set `dpia.status = \"done\"` with its `date`; do not process the data until then",
                    )
                    .at("dpia.status"),
                );
                return;
            }
            DpiaStatus::NotStarted | DpiaStatus::NotRequired => {
                out.push(
                    Violation::new(
                        format!("a DPIA is required ({why}) but none is done"),
                        "carry out the DPIA before processing the data (the CNIL's PIA software can help; `privasift` exports a draft), then set `dpia.status = \"done\"`, its `date` and `document`",
                    )
                    .at("dpia.status"),
                );
                return;
            }
        }
        match (m.dpia.date, m.project.started) {
            (None, _) => out.push(
                Violation::new(
                    format!("a DPIA is required ({why}) and marked done, but not dated: it cannot be shown to precede the processing"),
                    "set `dpia.date` to the date the DPIA was completed",
                )
                .at("dpia.date"),
            ),
            (Some(date), Some(started)) if date > started => out.push(
                Violation::new(
                    format!("the DPIA is dated {date}, after the processing started on {started}: a required DPIA is carried out before the processing ({why})"),
                    "review the processing done before the DPIA against its findings, apply the measures it calls for, and keep the DPIA updated as the project evolves",
                )
                .at("dpia.date"),
            ),
            (Some(_), _) => {}
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
    fn the_example_requires_a_dpia() {
        let (_, manifest, evidence) = build(&Example::toml("")).unwrap();
        assert!(decide(&manifest, &evidence).dpia_required.required);
    }

    #[test]
    fn in_progress_or_missing_fails_and_cites_the_triggers() {
        let v = violations("[dpia]\nstatus = \"in-progress\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("completed before the processing"));
        assert!(v[0].message.contains("WP248"), "{v:?}");
        for fragment in [
            "[dpia]\nstatus = \"not-started\"\n",
            "[dpia]\nstatus = \"not-required\"\n",
        ] {
            let v = violations(fragment);
            assert_eq!(v.len(), 1, "{v:?}");
            assert!(v[0].message.contains("none is done"));
        }
    }

    #[test]
    fn a_late_or_undated_dpia_fails() {
        let v = violations("[dpia]\ndate = 2025-03-02\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("after the processing started"));
        let v = violations("[dpia]\ndate = \"<unset>\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("not dated"));
    }

    #[test]
    fn a_dpia_not_required_is_not_checked_here() {
        assert!(violations("[dpia]\nstatus = \"not-started\"\nno-high-risk-justification = \"Pseudonymised tickets, small internal use.\"\n").is_empty());
    }
}
