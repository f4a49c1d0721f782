//! S6-DESIGN-05: techniques that reduce the reliance on personal data are
//! considered.

use crate::decisions::Tri;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-05",
    title: "Privacy-enhancing techniques are considered",
    sheet: Sheet::Design,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "projects processing personal data (declared or found, or not known)",
    source: "Catalogue S6-DESIGN-05 (CNIL sheet 6, \"Taking data protection into account in the system design choices\"; legitimate interest sheet, measures); GDPR Art. 25(1).",
    doc: "Data protection by design means considering the techniques that reduce the reliance on personal data: anonymisation, pseudonymisation, synthetic data, and privacy-enhancing training techniques such as differential privacy or federated learning. This point was read only in a secondary summary of the CNIL sheets, so the rule is reported as a warning. It fails when the project processes personal data (or whether it does is not known) and `design.privacy-techniques` lists none.",
    bad: Example::toml("[design]\nprivacy-techniques = []\n"),
    good: Example::toml("[design]\nprivacy-techniques = [\"synthetic data for tests\"]\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if cx
            .manifest
            .design
            .privacy_techniques
            .iter()
            .all(|t| !given(Some(t)))
        {
            out.push(
                Violation::new(
                    "the project processes personal data but lists no privacy-enhancing technique",
                    "consider anonymisation, pseudonymisation (e.g. `privasift clean`), synthetic data or differential privacy, and list those applied in `design.privacy-techniques`",
                )
                .at("design.privacy-techniques"),
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
    fn unknown_personal_data_counts_and_none_does_not() {
        assert_eq!(
            violations(
                "[project]\npersonal-data = \"unknown\"\n[design]\nprivacy-techniques = []\n"
            )
            .len(),
            1
        );
        assert!(
            violations("[project]\npersonal-data = \"no\"\n[design]\nprivacy-techniques = []\n")
                .is_empty()
        );
    }
}
