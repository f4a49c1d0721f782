//! ANNOT-01: the annotation serves one of the project's declared purposes.

use crate::parse::did_you_mean;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "ANNOT-01",
    title: "Annotation is tied to a purpose of the processing",
    sheet: Sheet::Annotation,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "the data is annotated (an `[annotation]` table: labels that relate to or contain personal data)",
    source: "Catalogue ANNOT-01 (CNIL sheet \"Annotating data\", July 2025); GDPR Art. 5(1)(b).",
    doc: "When labels relate to or contain personal data, whether added by people, semi-automatically, automatically or re-used with a dataset, the GDPR applies to the annotation, which is part of the overall purpose of the processing; minimisation, accuracy and fairness are judged against that purpose. The rule fails when the manifest has an `[annotation]` table whose `purpose` is missing (or blank, or `TODO`), or names no `[[purposes]]` id. Without an `[annotation]` table it does not apply.",
    bad: Example::toml(
        "[annotation]\nlabels = [\"intent\", \"product\"]\nlabels-justified = true\n",
    ),
    good: Example::toml(
        "[annotation]\npurpose = \"helpdesk\"\nlabels = [\"intent\", \"product\"]\nlabels-justified = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let Some(a) = &m.annotation else {
            return;
        };
        let ids: Vec<&str> = m.purposes.iter().map(|p| p.id.as_str()).collect();
        let listed = if ids.is_empty() {
            "declare the purpose in `[[purposes]]` first".to_owned()
        } else {
            format!("the purposes declared: {}", ids.join(", "))
        };
        match a.purpose.as_ref().filter(|p| given(Some(*p))) {
            None => out.push(
                Violation::new(
                    "the annotation names no purpose it serves",
                    format!(
                        "set `annotation.purpose` to the id of the `[[purposes]]` entry the labels serve ({listed})"
                    ),
                )
                .at("annotation.purpose"),
            ),
            Some(p) if !ids.contains(&p.trim()) => {
                let hint = did_you_mean(p, ids.iter().copied())
                    .map_or(String::new(), |c| format!("; did you mean `{c}`?"));
                out.push(
                    Violation::new(
                        format!("the annotation serves purpose `{p}`, which no `[[purposes]]` entry has"),
                        format!(
                            "set `annotation.purpose` to the id of a `[[purposes]]` entry ({listed}){hint}"
                        ),
                    )
                    .at("annotation.purpose"),
                );
            }
            Some(_) => {}
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
    fn a_missing_or_placeholder_purpose_fails() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("names no purpose"), "{v:?}");
        assert!(v[0].fix.contains("helpdesk"), "{v:?}");
        let v = violations("[annotation]\npurpose = \"TODO\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("names no purpose"), "{v:?}");
    }

    #[test]
    fn an_unknown_purpose_fails_with_a_suggestion() {
        let v = violations("[annotation]\npurpose = \"help-desk\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`help-desk`"), "{v:?}");
        assert!(v[0].fix.contains("did you mean `helpdesk`"), "{v:?}");
    }

    #[test]
    fn no_annotation_no_finding() {
        assert!(violations("").is_empty());
    }
}
