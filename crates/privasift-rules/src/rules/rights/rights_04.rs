//! RIGHTS-04: a person who cannot be found in the data is told so, and no
//! extra data is collected only to answer.

use crate::decisions::Tri;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-04",
    title: "A person who cannot be identified is told so",
    sheet: Sheet::Rights,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be)",
    source: "Catalogue RIGHTS-04 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 11 and 12(2).",
    doc: "A controller that shows it cannot identify the person making a request, in the dataset or in the model, must tell the person so; it need not keep or collect extra data only to answer the request (GDPR Art. 11), unless the person provides additional information that allows the identification. The rule fails when personal data is processed (or may be) and the manifest does not declare `rights.not-found-answered = true` (requesters who cannot be found are told so, and are not asked for more data only to answer). Telling people beforehand which information helps find them is RIGHTS-05's recommendation.",
    bad: Example::toml("[rights]\nnot-found-answered = false\n"),
    good: Example::toml("[rights]\nnot-found-answered = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if !cx.manifest.rights.not_found_answered {
            out.push(
                Violation::new(
                    "nothing says that a person who cannot be found in the data or the model is told so",
                    "answer a requester who cannot be identified that the controller cannot identify them (GDPR Art. 11(2)), without collecting extra data only to answer; write it into the rights procedure and set `rights.not-found-answered = true`",
                )
                .at("rights.not-found-answered"),
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
            violations("[rights]\nnot-found-answered = \"<unset>\"\n").len(),
            1
        );
        let v = violations(
            "[project]\npersonal-data = \"no\"\n\n[rights]\nnot-found-answered = false\n",
        );
        assert!(v.is_empty(), "{v:?}");
        let v = violations(
            "[project]\npersonal-data = \"unknown\"\n\n[rights]\nnot-found-answered = false\n",
        );
        assert_eq!(v.len(), 1);
    }
}
