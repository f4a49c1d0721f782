//! RIGHTS-08: every answer to a request, refusals included, is recorded
//! with its reasons.

use crate::decisions::Tri;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-08",
    title: "Answers to requests, refusals included, are reasoned and recorded",
    sheet: Sheet::Rights,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be)",
    source: "Catalogue RIGHTS-08 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025; LINC, exercise-of-rights scenarios); GDPR Art. 12(4), 12(5) and 5(2).",
    doc: "The rights are not absolute: a request may be refused where it is manifestly unfounded or excessive (GDPR Art. 12(5)), or where the person cannot be identified. But a refusal must be reasoned: the person is told the reasons and the possibility of complaining to the CNIL (Art. 12(4)), and the controller bears the burden of showing the request was unfounded or excessive, so each answer and its reasons must be recorded. The rule fails when personal data is processed (or may be) and the manifest does not declare `rights.decisions-recorded = true`.",
    bad: Example::toml("[rights]\ndecisions-recorded = false\n"),
    good: Example::toml("[rights]\ndecisions-recorded = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if !cx.manifest.rights.decisions_recorded {
            out.push(
                Violation::new(
                    "answers to rights requests, and the reasons for refusing one, are not recorded",
                    "record every answer to a request; refuse only a manifestly unfounded or excessive request (or one from a person who cannot be identified), tell the person why and that they can complain to the CNIL, keep the reasons, and set `rights.decisions-recorded = true`",
                )
                .at("rights.decisions-recorded"),
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
    fn fails_only_with_personal_data() {
        assert_eq!(
            violations("[rights]\ndecisions-recorded = \"<unset>\"\n").len(),
            1
        );
        let v = violations(
            "[project]\npersonal-data = \"no\"\n\n[rights]\ndecisions-recorded = false\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
