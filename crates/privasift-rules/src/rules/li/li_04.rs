//! LI-04: necessity under legitimate interest considers less intrusive means, such as techniques that train with less personal data.

use crate::manifest::LegalBasis;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

/// Words naming a technique that trains with less personal data.
const LESS_DATA: [&str; 9] = [
    "pseudonym",
    "anonym",
    "synthetic",
    "synthétique",
    "minimi",
    "differential privacy",
    "confidentialité différentielle",
    "federated",
    "fédéré",
];

static META: RuleMeta = RuleMeta {
    id: "LI-04",
    title: "Necessity under legitimate interest weighs less intrusive means",
    sheet: Sheet::LegitimateInterest,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "sources on legitimate interest whose `legitimate-interest.necessity` is stated",
    source: "Catalogue LI-04 (CNIL legitimate-interest sheet, 2025, necessity condition; read in a secondary summary); GDPR Art. 5(1)(c) and 6(1)(f).",
    doc: "Under legitimate interest the processing must be necessary: no less intrusive means achieves the interest, minimisation is respected (including whether the data must stay identifiable), and the CNIL encourages techniques that train with less personal data. The rule fails for each source on legitimate interest that states its `necessity` when the manifest declares no technique in `design.privacy-techniques` and none of the source's `legitimate-interest.measures` names one (pseudonymisation, anonymisation, synthetic data, minimisation, differential privacy or federated learning, in English or French). A keyword is not proof the technique is applied. This point was read only in a secondary summary of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml(
        "[design]\nprivacy-techniques = []\n[[sources]]\n[sources.legitimate-interest]\nmeasures = [\"prior opt-out offered to customers\"]\n",
    ),
    good: Example::toml(
        "[design]\nprivacy-techniques = []\n[[sources]]\n[sources.legitimate-interest]\nmeasures = [\"prior opt-out offered to customers\", \"Pseudonymisation of names\"]\n",
    ),
};

fn names_technique(s: &str) -> bool {
    let s = s.to_lowercase();
    LESS_DATA.iter().any(|w| s.contains(w))
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.design
            .privacy_techniques
            .iter()
            .any(|t| !t.trim().is_empty() && !t.contains("TODO"))
        {
            return;
        }
        for (i, s) in m.sources.iter().enumerate() {
            if s.legal_basis != Some(LegalBasis::LegitimateInterest) {
                continue;
            }
            let Some(li) = &s.legitimate_interest else {
                continue;
            };
            if !given(li.necessity.as_ref()) || li.measures.iter().any(|x| names_technique(x)) {
                continue;
            }
            out.push(
                Violation::new(
                    format!(
                        "source `{}` relies on legitimate interest but no technique training with less personal data is declared",
                        s.id
                    ),
                    "weigh less intrusive means in the necessity assessment and declare the techniques applied (pseudonymisation, synthetic data, minimisation of fields, ...) in `design.privacy-techniques` or in the source's `legitimate-interest.measures`",
                )
                .at(&format!("sources[{i}].legitimate-interest.necessity")),
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
    fn branches() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("tickets"));
        assert!(violations(META.good.manifest).is_empty());
        // A design technique clears every source.
        assert!(
            violations(
                "[[sources]]\n[sources.legitimate-interest]\nmeasures = [\"prior opt-out offered to customers\"]\n"
            )
            .is_empty()
        );
        // No necessity stated: LI-01's finding, not this one.
        assert!(
            violations(
                "[design]\nprivacy-techniques = []\n[[sources]]\n[sources.legitimate-interest]\nnecessity = \"TODO\"\nmeasures = [\"prior opt-out offered to customers\"]\n"
            )
            .is_empty()
        );
    }
}
