//! S5-DPIA-02: a DPIA marked done is written down and rates its risks.

use crate::manifest::DpiaStatus;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-02",
    title: "A completed DPIA has a document and rated risks",
    sheet: Sheet::Dpia,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "a DPIA marked done",
    source: "Catalogue S5-DPIA-02 (CNIL sheet 5, \"Carrying out a data protection impact assessment when necessary\"); GDPR Art. 35(7).",
    doc: "A DPIA identifies and assesses the risks to people (their likelihood and severity) and the measures that address them, including those that let people exercise their rights, keep control over their data and be informed (GDPR Art. 35(7)). A DPIA declared done must therefore exist as a document and show its risk assessment. The rule fails when `dpia.status` is `done` and `dpia.document` is not given, or `dpia.risks` rates no risk.",
    bad: Example::toml("[dpia]\ndocument = \"<unset>\"\nrisks = \"<unset>\"\n"),
    good: Example::toml("[dpia]\ndocument = \"docs/dpia-helpdesk-v2.pdf\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.dpia;
        if d.status != DpiaStatus::Done {
            return;
        }
        if !given(d.document.as_ref()) {
            out.push(
                Violation::new(
                    "the DPIA is marked done but no document is given",
                    "give the DPIA's path or reference in `dpia.document` (the PIA export of `privasift` can serve as a starting point)",
                )
                .at("dpia.document"),
            );
        }
        if d.risks.is_empty() {
            out.push(
                Violation::new(
                    "the DPIA is marked done but rates no risk",
                    "record in `[[dpia.risks]]` each risk assessed, with its severity and likelihood (1 to 4) and the measures that address it",
                )
                .at("dpia.risks"),
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
    fn document_and_risks_are_each_checked() {
        let v = violations("[dpia]\ndocument = \"TODO\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("document"));
        let v = violations("[dpia]\nrisks = \"<unset>\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("rates no risk"));
    }

    #[test]
    fn a_dpia_not_done_is_not_checked_here() {
        assert!(
            violations(
                "[dpia]\nstatus = \"in-progress\"\ndocument = \"<unset>\"\nrisks = \"<unset>\"\n"
            )
            .is_empty()
        );
    }
}
