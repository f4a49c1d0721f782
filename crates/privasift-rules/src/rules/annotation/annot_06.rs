//! ANNOT-06: annotation follows a written protocol, with quality checks.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "ANNOT-06",
    title: "Annotation follows a written protocol, with quality checks",
    sheet: Sheet::Annotation,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Unconfirmed,
    applies: "the data is annotated (an `[annotation]` table)",
    source: "Catalogue ANNOT-06 (CNIL sheet \"Annotating data\", July 2025; not confirmed in the text read); GDPR Art. 5(1)(d).",
    doc: "Accurate labels (GDPR Art. 5(1)(d)) are usually obtained with a written annotation protocol, trained annotators and quality checks such as inter-annotator agreement. The rule fails when the manifest has an `[annotation]` table and gives no `protocol`, and, separately, when `quality-checks` is not true. This point is not confirmed in a CNIL text (the catalogue marks it unconfirmed), so a failure is reported only as a suggestion.",
    bad: Example::toml(
        "[annotation]\nlabels = [\"intent\"]\nlabels-justified = true\nquality-checks = false\n",
    ),
    good: Example::toml(
        "[annotation]\nlabels = [\"intent\"]\nlabels-justified = true\nprotocol = \"docs/annotation-protocol.md\"\nquality-checks = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let Some(a) = &cx.manifest.annotation else {
            return;
        };
        if !given(a.protocol.as_ref()) {
            out.push(
                Violation::new(
                    "the data is annotated with no written protocol",
                    "write the annotation protocol (label definitions, examples, how doubtful cases are settled, annotators' training) and give its path in `annotation.protocol`",
                )
                .at("annotation.protocol"),
            );
        }
        if !a.quality_checks {
            out.push(
                Violation::new(
                    "the annotations are not quality-checked",
                    "check the labels' quality (e.g. inter-annotator agreement on a double-annotated sample, review of disagreements) and set `annotation.quality-checks = true`",
                )
                .at("annotation.quality-checks"),
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
    fn each_missing_piece_fails_on_its_own() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
        let v = violations("[annotation]\nprotocol = \"docs/annotation-protocol.md\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("quality-checked"));
        let v = violations("[annotation]\nquality-checks = true\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no written protocol"));
    }

    #[test]
    fn no_annotation_table_does_not_apply() {
        assert!(violations("").is_empty());
    }
}
