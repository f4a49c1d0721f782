//! SEC-04: each risk rated in the DPIA is crossed with the measures that
//! address it.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "SEC-04",
    title: "Each risk rated in the DPIA names the measures that address it",
    sheet: Sheet::Security,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "risks are rated in the DPIA (`[[dpia.risks]]`)",
    source: "Catalogue SEC-04 (CNIL sheet \"Ensuring the security of AI systems' development\", July 2025); GDPR Art. 32 and 35(7)(d).",
    doc: "The CNIL recommends the DPIA as the tool to cross the risks of the development with the measures that address them (it is mandatory in some cases, see sheet 5). A risk rated with no measure against it leaves that crossing undone. The rule fails once for each entry of `[[dpia.risks]]` whose `measures` names none (entries left blank or `TODO` do not count). Which risks must be rated is S5-DPIA-07's concern, and a DPIA that rates none is S5-DPIA-02's.",
    bad: Example::toml("[[dpia.risks]]\nmeasures = []\n"),
    good: Example::toml(
        "[[dpia.risks]]\nmeasures = [\"pseudonymisation before training\", \"output filters\", \"extraction tests before each release\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, r) in cx.manifest.dpia.risks.iter().enumerate() {
            let addressed = r
                .measures
                .iter()
                .any(|m| !m.trim().is_empty() && !m.contains("TODO"));
            if !addressed {
                out.push(
                    Violation::new(
                        format!(
                            "the DPIA rates the risk `{}` (severity {}, likelihood {}) and names no measure that addresses it",
                            r.id.name(),
                            r.severity,
                            r.likelihood
                        ),
                        format!(
                            "list in `measures` of the `{}` risk the technical and organisational measures that reduce it (e.g. pseudonymisation, output filters, access control), and rate it again with them",
                            r.id.name()
                        ),
                    )
                    .at(&format!("dpia.risks[{i}].measures")),
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
    fn one_finding_per_risk_without_measures() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`memorisation`"), "{v:?}");
        assert_eq!(
            v[0].at.as_ref().unwrap().to_string(),
            "dpia.risks[0].measures"
        );
        let v = violations(
            "[[dpia.risks]]\nmeasures = [\"TODO\"]\n[[dpia.risks]]\nmeasures = \"<unset>\"\n",
        );
        assert_eq!(v.len(), 2);
        assert!(v[1].message.contains("`membership-inference`"), "{v:?}");
    }

    #[test]
    fn no_risk_rated_no_finding() {
        assert!(violations("[dpia]\nrisks = []\n").is_empty());
    }
}
