//! S4-SCRAPE-09: a public authority that scrapes personal data names the
//! legislative framework that allows it.

use crate::manifest::{ControllerKind, LegalBasis, SourceMode};
use crate::parse::kebab;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SCRAPE-09",
    title: "Scraping by a public authority rests on a specific legislative framework",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "a public body or competent authority (`controller.type`) with a scraped source (`mode = \"scraped\"`)",
    source: "Catalogue S4-SCRAPE-09 (CNIL legitimate-interest focus sheet on web scraping, June 2025; the point on public authorities as summarised by Hogan Lovells); GDPR Art. 6(1)(e) and 6(3).",
    doc: "Web scraping is not prohibited as such, but it needs a case-by-case analysis and safeguards; for public authorities the CNIL calls for a specific legislative framework, without which some uses (e.g. authorities scraping to detect infringements) were judged prohibited. The rule fails for each scraped source of a controller whose `controller.type` is `public-body` or `competent-authority` when the source gives no `legal-text` naming that framework. A source on public task or legal obligation is left out: S4-BASIS-05 and S4-BASIS-07 already ask for its `legal-text`. The catalogue marks this point partly verified: the call for a legislative framework was read only in a secondary summary, so a failure is reported as a warning.",
    bad: Example::toml(
        "[controller]\ntype = \"public-body\"\n\n[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[controller]\ntype = \"public-body\"\n\n[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-text = \"Article 12 of the (fictional) Act of 3 March 2025 on the digital public service, authorising the collection of public forum posts to train support assistants\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.controller.kind == ControllerKind::Private {
            return;
        }
        for (i, s) in m.sources.iter().enumerate() {
            if s.mode != SourceMode::Scraped
                || matches!(
                    s.legal_basis,
                    Some(LegalBasis::PublicTask | LegalBasis::LegalObligation)
                )
                || given(s.legal_text.as_ref())
            {
                continue;
            }
            out.push(
                Violation::new(
                    format!(
                        "source `{}` is scraped by a {} and names no legislative framework allowing it",
                        s.id,
                        kebab(&m.controller.kind).replace('-', " ")
                    ),
                    "name in `legal-text` the provision of law that specifically frames this collection by web scraping; without one, do not scrape, or obtain the data another way",
                )
                .at(&format!("sources[{i}].legal-text")),
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
    fn a_public_body_scraping_without_a_framework_fails() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`faq-public`"), "{v:?}");
        assert!(v[0].message.contains("public body"), "{v:?}");
        let v = violations(
            &Check,
            "[controller]\ntype = \"competent-authority\"\n\n[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-text = \"TODO\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("competent authority"), "{v:?}");
    }

    #[test]
    fn a_private_controller_is_not_checked() {
        let v = violations(
            &Check,
            "[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn public_task_and_legal_obligation_are_left_to_their_rules() {
        for basis in ["public-task", "legal-obligation"] {
            let fragment: &'static str = Box::leak(
                format!(
                    "[controller]\ntype = \"public-body\"\n\n[[sources]]\n[[sources]]\nmode = \"scraped\"\nreuse = \"<unset>\"\nlegal-basis = \"{basis}\"\nlegitimate-interest = \"<unset>\"\n"
                )
                .into_boxed_str(),
            );
            let v = violations(&Check, fragment);
            assert!(v.is_empty(), "{basis}: {v:?}");
        }
    }

    #[test]
    fn sources_not_scraped_are_not_checked() {
        let v = violations(&Check, "[controller]\ntype = \"public-body\"\n");
        assert!(v.is_empty(), "{v:?}");
    }
}
