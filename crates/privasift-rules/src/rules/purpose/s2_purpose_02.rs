//! S2-PURPOSE-02: every source of personal data serves a declared purpose,
//! and every purpose is served by a source.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-02",
    title: "Every source of personal data serves a declared purpose",
    sheet: Sheet::Purpose,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always: sources holding personal data, and purposes",
    source: "Catalogue S2-PURPOSE-02 (CNIL sheet 2, \"Defining a purpose\"); GDPR Art. 5(1)(b), (c) and (e).",
    doc: "The purpose conditions the other principles: transparency (it is told to data subjects), minimisation (data adequate, relevant and limited to what the purpose needs) and storage limitation (retention is set by purpose); data must not be processed further for an incompatible purpose. Each source of personal data must therefore be tied to the purposes it serves, and a declared purpose that no source serves is a sign the manifest does not describe the processing. The rule fails when a source holding personal data names no purpose (`purposes` empty), and when a purpose is named by no source.",
    bad: Example::toml("[[sources]]\npurposes = []\n"),
    good: Example::toml(
        "[[sources]]\n[[sources]]\npurposes = []\npersonal-data = false\nlegal-basis = \"<unset>\"\nlegal-basis-chosen-on = \"<unset>\"\nlegitimate-interest = \"<unset>\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        for (i, s) in m.sources.iter().enumerate() {
            if s.personal_data && s.purposes.iter().all(|p| p.trim().is_empty()) {
                out.push(
                    Violation::new(
                        format!("source `{}` holds personal data but serves no declared purpose", s.id),
                        "list in the source's `purposes` the ids of the `[[purposes]]` it serves, or stop using the source",
                    )
                    .at(&format!("sources[{i}].purposes")),
                );
            }
        }
        for (i, p) in m.purposes.iter().enumerate() {
            if !m
                .sources
                .iter()
                .any(|s| s.purposes.iter().any(|id| id == &p.id))
            {
                out.push(
                    Violation::new(
                        format!("purpose `{}` is served by no source", p.id),
                        "name the purpose in the `purposes` of the sources that serve it, or remove it if the project no longer pursues it",
                    )
                    .at(&format!("purposes[{i}].id")),
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
    fn a_source_without_purpose_fails() {
        let v = violations("[[sources]]\npurposes = []\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`tickets`"));
    }

    #[test]
    fn a_purpose_without_source_fails() {
        let v =
            violations("[[purposes]]\n[[purposes]]\nid = \"spare\"\ntext = \"Something else\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`spare`"));
        let v = violations("[[sources]]\npurposes = []\n[[sources]]\npurposes = []\n");
        assert_eq!(v.len(), 3, "{v:?}");
    }
}
