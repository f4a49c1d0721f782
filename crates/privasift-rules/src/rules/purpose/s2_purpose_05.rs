//! S2-PURPOSE-05: a general-purpose project also names its riskiest
//! foreseeable capabilities and the uses it excludes by design.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-05",
    title: "A general-purpose project names its risky capabilities and excluded uses",
    sheet: Sheet::Purpose,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Unconfirmed,
    applies: "general-purpose projects (`project.general-purpose`)",
    source: "Catalogue S2-PURPOSE-05 (CNIL sheet 2, \"Defining a purpose\", general-purpose AI systems: good practices).",
    doc: "For a general-purpose model or system, describing the purpose by the type of system and its capabilities can be completed, as a good practice, by the foreseeable capabilities that carry the most risk and the uses excluded by design; both help data subjects understand the processing and frame the re-users. This point is not confirmed in a CNIL text read for the catalogue, so it is only a suggestion. The rule fails, for a project marked `general-purpose`, when a purpose lists no `risky-capabilities` or no `excluded-uses`.",
    bad: Example::toml("[project]\ngeneral-purpose = true\n"),
    good: Example::toml(
        "[project]\ngeneral-purpose = true\n[[purposes]]\nrisky-capabilities = [\"generating text about real, named people\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if !m.project.general_purpose {
            return;
        }
        let none = |v: &[String]| v.iter().all(|x| !given(Some(x)));
        for (i, p) in m.purposes.iter().enumerate() {
            if none(&p.risky_capabilities) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` of a general-purpose project names no foreseeable risky capability", p.id),
                        "list in `risky-capabilities` the foreseeable capabilities that carry the most risk for people (e.g. generating content about real people, identifying people in images)",
                    )
                    .at(&format!("purposes[{i}].risky-capabilities")),
                );
            }
            if none(&p.excluded_uses) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` of a general-purpose project names no use excluded by design", p.id),
                        "list in `excluded-uses` the uses the model or system is designed not to serve, and say how (licence terms, filters)",
                    )
                    .at(&format!("purposes[{i}].excluded-uses")),
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
    fn each_missing_list_fails() {
        let v = violations("[project]\ngeneral-purpose = true\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("risky"));
        let v = violations(
            "[project]\ngeneral-purpose = true\n[[purposes]]\nrisky-capabilities = [\"x\"]\nexcluded-uses = []\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("excluded"));
    }

    #[test]
    fn a_specific_project_is_not_concerned() {
        assert!(violations("[[purposes]]\nexcluded-uses = []\n").is_empty());
    }
}
