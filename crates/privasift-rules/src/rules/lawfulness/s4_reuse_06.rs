//! S4-REUSE-06: a re-user's own processing is lawful: its own legal basis,
//! the people informed, their rights open.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-06",
    title: "People in re-used data are informed and can exercise their rights",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "re-used sources that hold personal data (`reuse-own`, `reuse-public`, `third-party`)",
    source: "Catalogue S4-REUSE-06 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data); consultation summary, sheet 2, \"Re-use of scientific research data for other purposes\": the new processing \"will have to comply with all the principles laid down by the GDPR (information of individuals, respect for rights, ...)\"; GDPR Art. 6, 13, 14, 15-22.",
    doc: "Whoever re-uses a dataset makes its own processing of the personal data in it, and must make that processing lawful itself: a legal basis of its own, information of the people in the dataset, and a way for them to exercise their rights. The rule fails, when a re-used source holds personal data, if the manifest gives no information notice (`information.notice`), and if it gives no rights procedure (`rights.procedure`); a re-used source with no `legal-basis` is reported by S4-BASIS-01, which covers every source.",
    bad: Example::toml("[information]\nnotice = \"<unset>\"\n"),
    good: Example::toml(
        "[information]\nnotice = \"https://exemplar-support.invalid/privacy/ai\"\n\n[rights]\nprocedure = \"docs/rights-procedure.md\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        // The re-user's own legal basis is S4-BASIS-01's (it covers every
        // source holding personal data): not reported twice.
        let reused: Vec<&str> = m
            .sources
            .iter()
            .filter(|s| s.mode.is_reuse() && s.personal_data)
            .map(|s| s.id.as_str())
            .collect();
        if reused.is_empty() {
            return;
        }
        let ids = format!("`{}`", reused.join("`, `"));
        if !given(m.information.notice.as_ref()) {
            out.push(
                Violation::new(
                    format!("the people in the re-used sources ({ids}) are not informed: no information notice is given"),
                    "publish a notice for the people whose data is re-used (directly, or on your website where an Art. 14(5) exemption applies) and give where in `information.notice`",
                )
                .at("information.notice"),
            );
        }
        if !given(m.rights.procedure.as_ref()) {
            out.push(
                Violation::new(
                    format!("the people in the re-used sources ({ids}) have no way to exercise their rights: no rights procedure is given"),
                    "write how access, rectification, erasure and objection requests about the re-used data are handled and give it in `rights.procedure`",
                )
                .at("rights.procedure"),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn notice_and_procedure() {
        let notice = violations(&Check, META.bad.manifest);
        assert_eq!(notice.len(), 1);
        assert!(notice[0].message.contains("`tickets`, `faq-public`"));
        assert_eq!(
            violations(&Check, "[rights]\nprocedure = \"TODO\"\n").len(),
            1
        );
        let one = violations(
            &Check,
            "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n\n[information]\nnotice = \"<unset>\"\n",
        );
        assert_eq!(one.len(), 1);
        assert!(one[0].message.contains("(`faq-public`)"));
        // No re-used source: not this rule's business.
        let direct = "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n\n[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\n\n[information]\nnotice = \"<unset>\"\n";
        assert!(violations(&Check, direct).is_empty());
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
