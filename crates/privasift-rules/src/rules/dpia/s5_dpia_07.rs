//! S5-DPIA-07: the DPIA rates each AI-specific risk the sheets name.

use crate::manifest::{DpiaStatus, RiskId};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-07",
    title: "The DPIA rates each AI-specific risk",
    sheet: Sheet::Dpia,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "a DPIA that is required or done",
    source: "Catalogue S5-DPIA-07 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\", AI-specific risks; the CNIL's LINC taxonomy of attacks on AI systems); GDPR Art. 35(7)(c).",
    doc: "Beyond the usual risks of a processing, the DPIA of an AI system must assess the risks specific to AI: memorisation and regurgitation of training data, membership inference, model inversion, re-identification of pseudonymised people, misuse of the model, bias and discrimination, and a breach of the training data. The list comes from secondary summaries and CNIL texts other than the DPIA sheet itself, so the rule is reported as a warning. It fails, when a DPIA is required or marked done, once for each of these risks (`manifest::RiskId`) that `dpia.risks` does not rate.",
    bad: Example::toml("[[dpia.risks]]\nid = \"discrimination\"\n"),
    good: Example::toml("[[dpia.risks]]\nseverity = 3\nlikelihood = 2\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.dpia;
        if !cx.decisions.dpia_required.required && d.status != DpiaStatus::Done {
            return;
        }
        for id in RiskId::ALL {
            if !d.risks.iter().any(|r| r.id == id) {
                out.push(
                    Violation::new(
                        format!("the DPIA does not rate the AI-specific risk `{}` ({})", id.name(), id.title().to_lowercase()),
                        format!(
                            "add a `[[dpia.risks]]` entry with `id = \"{}\"`, its severity and likelihood (1 to 4) and the measures that address it (a risk that cannot arise still names what prevents it, e.g. \"model not published\")",
                            id.name()
                        ),
                    )
                    .at("dpia.risks"),
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
    fn each_missing_risk_fails_once() {
        let v = violations("[[dpia.risks]]\nid = \"discrimination\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`memorisation`"));
        let v = violations("[dpia]\nrisks = \"<unset>\"\n");
        assert_eq!(v.len(), RiskId::ALL.len(), "{v:?}");
    }

    #[test]
    fn a_dpia_in_progress_and_required_is_checked() {
        let v = violations("[dpia]\nstatus = \"in-progress\"\nrisks = \"<unset>\"\n");
        assert_eq!(v.len(), RiskId::ALL.len());
    }

    #[test]
    fn no_dpia_required_nor_done_is_not_concerned() {
        assert!(violations("[[sources]]\nspecial-categories = []\n[dpia]\ncriteria = [\"large-scale\"]\nstatus = \"not-required\"\nrisks = \"<unset>\"\n").is_empty());
    }
}
