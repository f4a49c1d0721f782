//! S6-DESIGN-01: minimisation is applied at the four levels of design:
//! objective, method, data selection, validation.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-01",
    title: "Minimisation is applied to the objective, the method, the data and their validation",
    sheet: Sheet::Design,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S6-DESIGN-01 (CNIL sheet 6, \"Taking data protection into account in the system design choices\"); consultation summary, how-to sheet 6, \"Compliance with the principle of minimisation\": \"the CNIL calls for the best possible anticipation of data collection and identification of the necessary data before embarking on the collection\"; GDPR Art. 5(1)(c) and 25.",
    doc: "Minimisation (GDPR Art. 5(1)(c)) and data protection by design (Art. 25) are applied at four levels of the system's design: (1) its objective; (2) the method or technique, which shapes the dataset; (3) the data sources and, among them, the selection of the data strictly necessary, weighing their usefulness against the impact on people; (4) the validation of these choices. The necessary data must be identified before the collection starts. The rule fails once for each level the manifest does not document: `design.objective`, `design.method` or `design.data-selection` not given (or a TODO), or `design.validation` empty.",
    bad: Example::toml("[design]\ndata-selection = \"TODO\"\n"),
    good: Example::toml(
        "[design]\ndata-selection = \"Only ticket subjects and bodies are kept; identifiers, order numbers and attachments are dropped before training.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.design;
        let levels = [
            (
                d.objective.as_ref(),
                "objective",
                "the objective of the system (level 1)",
                "state in `design.objective` what the system is for, precisely enough to judge which data it needs",
            ),
            (
                d.method.as_ref(),
                "method",
                "the method or technique chosen (level 2)",
                "state in `design.method` the technique and why it fits the objective with as little personal data as possible",
            ),
            (
                d.data_selection.as_ref(),
                "data-selection",
                "why the sources and data selected are strictly necessary (level 3)",
                "state in `design.data-selection` which sources and fields are kept, which are dropped, and why the rest is necessary",
            ),
        ];
        for (value, key, what, fix) in levels {
            if !given(value) {
                out.push(
                    Violation::new(format!("the design does not document {what}"), fix)
                        .at(&format!("design.{key}")),
                );
            }
        }
        if d.validation.is_empty() {
            out.push(
                Violation::new(
                    "the design does not say how its choices were validated (level 4)",
                    "list in `design.validation` how the choices were validated: `pilot-study`, `ethics-committee`, `ai-referent` or `other`",
                )
                .at("design.validation"),
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
    fn each_level_fails_once() {
        let v = violations("design = \"<unset>\"\n");
        assert_eq!(v.len(), 4, "{v:?}");
        let v = violations("[design]\nvalidation = []\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("level 4"));
        let v = violations("[design]\nobjective = \"\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("level 1"));
    }
}
