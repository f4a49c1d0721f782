//! S5-DPIA-03: the WP248 screening is followed: two criteria or more call
//! for a DPIA, and a waiver needs a justification that holds.

use crate::manifest::DpiaStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-03",
    title: "Two WP248 criteria or more call for a DPIA",
    sheet: Sheet::Dpia,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "the DPIA screening (WP248 criteria declared or derived from the evidence)",
    source: "Catalogue S5-DPIA-03 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\", screening criteria); EDPB-endorsed WP29 guidelines WP248 rev.01; consultation summary, how-to sheet 5, \"The criteria requiring the performance of a DPIA\"; GDPR Art. 35(1) and (3).",
    doc: "The screening uses the nine criteria of the EDPB guidelines (WP248): meeting two or more generally means the processing is likely to result in a high risk and needs a DPIA. A controller may conclude otherwise, but only with a written justification, which should be reviewed since it waives an obligation. The CNIL's use of these criteria in its AI sheet was read only in a secondary summary, so the rule is reported as a warning. It fails when two or more criteria are met, no DPIA is done, and the DPIA is waived by `no-high-risk-justification` (the justification is to be reviewed). A DPIA declared `not-required` although the screening requires one is S5-DPIA-01's error.",
    bad: Example::toml(
        "[dpia]\nstatus = \"not-started\"\nno-high-risk-justification = \"the data is pseudonymised before any processing\"\n",
    ),
    good: Example::toml(
        "[[sources]]\nspecial-categories = []\n[dpia]\ncriteria = [\"large-scale\"]\nstatus = \"not-required\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let d = &cx.decisions.dpia_required;
        let names: Vec<String> = d
            .criteria
            .iter()
            .map(|c| format!("({}) {}", c.number, c.criterion.describe()))
            .collect();
        if names.len() >= 2
            && m.dpia.status != DpiaStatus::Done
            && given(m.dpia.no_high_risk_justification.as_ref())
        {
            out.push(
                Violation::new(
                    format!(
                        "{} WP248 criteria are met ({}) and no DPIA is done, on the strength of `no-high-risk-justification`: two criteria or more generally require a DPIA, so the justification must be reviewed",
                        names.len(),
                        names.join(", ")
                    ),
                    "have the justification reviewed (e.g. by the DPO) and keep the review; if it does not hold, carry out the DPIA",
                )
                .at("dpia.no-high-risk-justification"),
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
    fn not_required_against_the_screening_is_left_to_s5_dpia_01() {
        assert!(violations("[dpia]\nstatus = \"not-required\"\n").is_empty());
    }

    #[test]
    fn a_waiver_by_justification_is_to_be_reviewed() {
        let v = violations(
            "[dpia]\nstatus = \"not-required\"\nno-high-risk-justification = \"Pseudonymised tickets, internal use only.\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("2 WP248 criteria"), "{v:?}");
        assert!(v[0].message.contains("reviewed"));
    }

    #[test]
    fn a_done_dpia_makes_the_justification_moot() {
        assert!(violations("[dpia]\nno-high-risk-justification = \"Pseudonymised tickets, internal use only.\"\n").is_empty());
    }
}
