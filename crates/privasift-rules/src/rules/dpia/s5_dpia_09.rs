//! S5-DPIA-09: when legitimate interest is relied on and a DPIA is needed, the DPIA's measures include the legitimate-interest safeguards.

use crate::manifest::{DpiaStatus, LegalBasis};
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S5-DPIA-09",
    title: "The DPIA describes the safeguards legitimate interest relies on",
    sheet: Sheet::Dpia,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "a source on legitimate interest lists safeguards, and a DPIA is required or done",
    source: "Catalogue S5-DPIA-09 (CNIL legitimate-interest sheet and sheet 5, \"Carrying out a data protection impact assessment when necessary\"; read in a secondary summary); GDPR Art. 6(1)(f) and 35(7)(d).",
    doc: "When a development rests on legitimate interest and needs a DPIA, the safeguards that limit the impact on people's rights (and tip the balancing) must be described in the DPIA. The rule compares the `legitimate-interest.measures` of each source on legitimate interest with the `measures` of the rated risks (`[[dpia.risks]]`), ignoring case; it fails, for each such source, when the DPIA is required or done and none of the source's measures appears in (or contains) a DPIA measure. Measures are free words, so a rewording can hide a measure that is there. This point was read only in a secondary summary, so a failure is reported as a warning.",
    bad: Example::toml("[[dpia.risks]]\nmeasures = [\"differential privacy\"]\n"),
    good: Example::toml(
        "[[dpia.risks]]\nmeasures = [\"differential privacy\", \"Output filters on identifiers\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if !cx.decisions.dpia_required.required && m.dpia.status != DpiaStatus::Done {
            return;
        }
        let dpia: Vec<String> = m
            .dpia
            .risks
            .iter()
            .flat_map(|r| r.measures.iter())
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        for (i, s) in m.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegitimateInterest) {
                continue;
            }
            let Some(li) = &s.legitimate_interest else {
                continue;
            };
            let measures: Vec<String> = li
                .measures
                .iter()
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty() && !s.contains("todo"))
                .collect();
            if measures.is_empty() {
                continue;
            }
            let found = measures.iter().any(|lm| {
                dpia.iter()
                    .any(|d| d.contains(lm.as_str()) || lm.contains(d.as_str()))
            });
            if !found {
                out.push(
                    Violation::new(
                        format!(
                            "none of the legitimate-interest safeguards of source `{}` appears among the DPIA's measures",
                            s.id
                        ),
                        "describe the safeguards the balancing relies on in the DPIA and list them in the `measures` of the risks they address (`[[dpia.risks]]`)",
                    )
                    .at(&format!("sources[{i}].legitimate-interest.measures")),
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
    fn branches() {
        // Both sources on legitimate interest lack a DPIA measure.
        assert_eq!(violations(META.bad.manifest).len(), 2);
        assert!(violations(META.good.manifest).is_empty());
        // A source on another basis is not checked.
        let v = violations(
            "[[dpia.risks]]\nmeasures = [\"differential privacy\"]\n[[sources]]\n[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[sources.consent]\nfree = true\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("tickets"));
    }
}
