//! S2-PURPOSE-01: the processing has a purpose that is specified before
//! the collection, explicit and legitimate.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-01",
    title: "Each purpose is specified before collection, explicit and legitimate",
    sheet: Sheet::Purpose,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S2-PURPOSE-01 (CNIL sheet 2, \"Defining a purpose\"); GDPR Art. 5(1)(b).",
    doc: "Creating a training dataset holding personal data needs a purpose that is specified (defined when the project starts, before the data is collected), explicit (known and understandable) and legitimate (compatible with the organisation's tasks). The rule fails when the manifest has no `[[purposes]]`, when a purpose's `text` is empty or a TODO, when it does not say why it is legitimate (`legitimacy`) or when it was defined (`defined-on`), and when `defined-on` is after the first processing (`project.started`).",
    bad: Example::toml("[[purposes]]\ndefined-on = 2025-04-01\n"),
    good: Example::toml("[[purposes]]\ndefined-on = 2025-03-01\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.purposes.is_empty() {
            out.push(
                Violation::new(
                    "the manifest declares no purpose",
                    "add a `[[purposes]]` entry with its `id`, the `text` told to data subjects, its `legitimacy` and the date it was defined (`defined-on`)",
                )
                .at("purposes"),
            );
            return;
        }
        for (i, p) in m.purposes.iter().enumerate() {
            let at = |key: &str| format!("purposes[{i}].{key}");
            if !given(Some(&p.text)) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` is not worded (its `text` is empty or a TODO)", p.id),
                        "state the purpose as it is told to data subjects: what the system is developed for, understandably",
                    )
                    .at(&at("text")),
                );
            }
            if !given(p.legitimacy.as_ref()) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` does not say why it is legitimate", p.id),
                        "set `legitimacy`: why the purpose is lawful and compatible with the organisation's tasks or activity",
                    )
                    .at(&at("legitimacy")),
                );
            }
            match (p.defined_on, m.project.started) {
                (None, _) => out.push(
                    Violation::new(
                        format!("purpose `{}` does not say when it was defined", p.id),
                        "set `defined-on` to the date the purpose was fixed (it must precede the collection of the data)",
                    )
                    .at(&at("defined-on")),
                ),
                (Some(defined), Some(started)) if defined > started => out.push(
                    Violation::new(
                        format!("purpose `{}` was defined on {defined}, after the processing started on {started}", p.id),
                        "a purpose is fixed before the data is collected: review the data collected before that date against the purpose then known, and record the purpose first in future projects",
                    )
                    .at(&at("defined-on")),
                ),
                (Some(_), _) => {}
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
    fn no_purpose_fails_once() {
        let v = violations(
            "purposes = \"<unset>\"\n[[sources]]\npurposes = []\n[[sources]]\npurposes = []\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
    }

    #[test]
    fn each_missing_element_fails() {
        let v = violations(
            "[[purposes]]\ntext = \"TODO\"\nlegitimacy = \"<unset>\"\ndefined-on = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 3, "{v:?}");
    }

    #[test]
    fn a_purpose_defined_after_the_start_fails() {
        let v = violations("[[purposes]]\ndefined-on = 2025-03-02\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("after the processing started"));
        assert!(
            violations("[project]\nstarted = \"<unset>\"\n[[purposes]]\ndefined-on = 2025-04-01\n")
                .is_empty()
        );
    }
}
