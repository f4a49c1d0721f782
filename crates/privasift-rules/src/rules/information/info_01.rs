//! INFO-01: people are informed, with every element the GDPR requires.

use crate::decisions::Tri;
use crate::manifest::{LegalBasis, NoticeElement};
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-01",
    title: "People are informed, with every element required",
    sheet: Sheet::Information,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be), whether collected directly or indirectly",
    source: "Catalogue INFO-01 (CNIL sheet \"Informing data subjects\", February 2025); GDPR Art. 12, 13 and 14.",
    doc: "The people whose data is used to develop an AI system must be informed, and the information must give: the controller's identity and contact details, the DPO's contact details (when there is a DPO), the purpose and the legal basis (and the legitimate interest pursued, when a source relies on it), the recipients, the retention period, the rights (access, rectification, erasure, restriction, portability, objection, withdrawal of consent) and the right to lodge a complaint with the CNIL. The rule fails when personal data is processed and no `information.notice` is given, and, once, listing every element missing from `information.elements`. Transfers outside the EU are not checked: the manifest does not say whether data is transferred.",
    bad: Example::toml(
        "[information]\nelements = [\"controller-identity\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"rights\"]\n",
    ),
    good: Example::toml(
        "[controller]\ndpo = \"<unset>\"\n[information]\nelements = [\"controller-identity\", \"purpose\", \"legal-basis\", \"legitimate-interest\", \"recipients\", \"retention\", \"rights\", \"complaint\", \"data-categories\", \"sources\", \"memorisation-risk\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        let m = cx.manifest;
        let info = &m.information;
        if !given(info.notice.as_ref()) {
            out.push(
                Violation::new(
                    "no information notice is given for the people whose data is used",
                    "publish a notice (GDPR Art. 13 for data collected from the people, Art. 14 otherwise) and give where it is in `information.notice`",
                )
                .at("information.notice"),
            );
        }
        let li = m
            .sources
            .iter()
            .any(|s| s.personal_data && s.legal_basis == Some(LegalBasis::LegitimateInterest));
        let required = [
            (
                NoticeElement::ControllerIdentity,
                "controller-identity",
                true,
            ),
            (
                NoticeElement::DpoContact,
                "dpo-contact",
                given(m.controller.dpo.as_ref()),
            ),
            (NoticeElement::Purpose, "purpose", true),
            (NoticeElement::LegalBasis, "legal-basis", true),
            (NoticeElement::LegitimateInterest, "legitimate-interest", li),
            (NoticeElement::Recipients, "recipients", true),
            (NoticeElement::Retention, "retention", true),
            (NoticeElement::Rights, "rights", true),
            (NoticeElement::Complaint, "complaint", true),
        ];
        let missing: Vec<&str> = required
            .into_iter()
            .filter(|(e, _, needed)| *needed && !info.elements.contains(e))
            .map(|(_, name, _)| name)
            .collect();
        if !missing.is_empty() {
            out.push(
                Violation::new(
                    format!("the notice does not give: {}", missing.join(", ")),
                    format!(
                        "add the missing information to the notice and list it in `information.elements` ({})",
                        missing.join(", ")
                    ),
                )
                .at("information.elements"),
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
    fn lists_the_missing_elements_once() {
        let v = violations(META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].message,
            "the notice does not give: dpo-contact, recipients, retention, complaint"
        );
    }

    #[test]
    fn no_notice_fails() {
        let v = violations("[information]\nnotice = \"<unset>\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no information notice"));
    }

    #[test]
    fn legitimate_interest_is_needed_only_when_relied_on() {
        let elements = "elements = [\"controller-identity\", \"dpo-contact\", \"purpose\", \"legal-basis\", \"recipients\", \"retention\", \"rights\", \"complaint\"]\n";
        let with_li = format!("[information]\n{elements}");
        let v = violations(Box::leak(with_li.into_boxed_str()));
        assert_eq!(v.len(), 1);
        assert!(v[0].message.ends_with(": legitimate-interest"), "{v:?}");
        let on_consent = format!(
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n[information]\n{elements}"
        );
        assert!(violations(Box::leak(on_consent.into_boxed_str())).is_empty());
    }
}
