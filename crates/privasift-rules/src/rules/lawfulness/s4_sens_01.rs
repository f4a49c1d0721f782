//! S4-SENS-01: special categories of data are processed only under an
//! Art. 9(2) exception, and every special category the scans find is
//! declared.

use crate::decisions::SensitiveOutcome;
use crate::manifest::{Art9Exception, SpecialCategory};
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-01",
    title: "Special categories are processed only under an Art. 9(2) exception, and all are declared",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources that hold special categories of data (declared, or found by the scans)",
    source: "Catalogue S4-SENS-01 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", sensitive data); consultation summary, sheet 4, \"The incidental processing of sensitive data\": \"The processing of sensitive data is, in principle, possible only on the basis of one of the exceptions exhaustively listed in Article 9\"; GDPR Art. 9(1), 9(2), 10.",
    doc: "Processing special categories of data (health, religion, political opinions, trade-union membership, sex life or sexual orientation, ethnic origin, genetic and biometric data; offence data under Art. 10) is prohibited unless one of the exceptions of Art. 9(2) applies, in addition to an Art. 6 basis. Data that is only incidental is handled by filtering and deletion (S4-SENS-05, S4-SENS-06); data that is sought or kept needs an exception. The rule reads the sensitive-data decision of each source and fails when special categories are sought or kept with no exception, or with one that cannot apply (an exception declared but not yet documented is S4-SENS-04's warning; the manifestly-made-public exception is S4-SENS-03's). Evidence beats declarations: it also fails when a scan report given as evidence found, in a source's `paths`, special categories the source does not declare.",
    bad: Example::toml("[[sources]]\nspecial-categories-targeted = true\n"),
    good: Example {
        manifest: "",
        scan: Some(
            r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"health":{"label":"HEALTH","records":3}}}"#,
        ),
    },
};

/// The categories as the manifest spells them.
fn names<'a>(cs: impl IntoIterator<Item = &'a SpecialCategory>) -> String {
    cs.into_iter()
        .map(kebab)
        .collect::<Vec<String>>()
        .join(", ")
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            let Some(v) = cx
                .decisions
                .sensitive_data
                .iter()
                .find(|v| v.source == s.id)
            else {
                continue;
            };
            // An exception declared but not yet shown (no legal text, no
            // consent records) is S4-SENS-04's warning: those conditions
            // are not confirmed in a CNIL text.
            let unshown = v.outcome == SensitiveOutcome::Prohibited;
            if unshown && s.art9_exception != Some(Art9Exception::ManifestlyMadePublic) {
                let fix = match s.art9_exception {
                    None => {
                        "name the Art. 9(2) exception the processing rests on in `art9-exception`, with what it needs; if none applies, exclude these data (filters) and stop processing them"
                    }
                    Some(_) => {
                        "give what the declared exception needs (see S4-SENS-04), or exclude these data (filters) and stop processing them"
                    }
                };
                out.push(
                    Violation::new(
                        format!(
                            "source `{}` processes special categories ({}) without an Art. 9(2) exception shown to apply: {}",
                            s.id,
                            names(&v.declared),
                            v.reasons.join("; ")
                        ),
                        fix,
                    )
                    .at(&format!("sources[{i}].art9-exception")),
                );
            }
            let undeclared: Vec<_> = v.found.iter().filter(|c| !v.declared.contains(c)).collect();
            if !undeclared.is_empty() {
                out.push(
                    Violation::new(
                        format!(
                            "the scans found special categories in source `{}` that it does not declare: {}",
                            s.id,
                            names(undeclared)
                        ),
                        "declare them in `special-categories` and treat them under Art. 9 (filters and immediate deletion if incidental, an exception if sought or kept), or clean the data (`privasift clean`) and scan it again",
                    )
                    .at(&format!("sources[{i}].special-categories")),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    fn with_scan(manifest: &'static str, scan: &'static str) -> Vec<crate::rule::Violation> {
        crate::rules::lawfulness::testing::violations_with(
            &Check,
            &Example {
                manifest,
                scan: Some(scan),
            },
            |_| {},
        )
    }

    const RELIGION_IN_FAQ: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":4,"inputs":[{"path":"data/faq/part-0.parquet"}],"kinds":{"religion":{"label":"RELIGION_OR_BELIEF","records":2}}}"#;

    #[test]
    fn sought_without_exception_fails() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("`tickets`") && v[0].message.contains("health"));
    }

    #[test]
    fn incomplete_exceptions_are_left_to_s4_sens_04_and_manifestly_made_public_to_s4_sens_03() {
        let research = violations(
            &Check,
            "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"research\"\n",
        );
        assert!(research.is_empty(), "S4-SENS-04 warns: {research:?}");
        let none = violations(&Check, "[[sources]]\nspecial-categories-targeted = true\n");
        assert_eq!(none.len(), 1);
        let public = violations(
            &Check,
            "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n",
        );
        assert!(public.is_empty(), "{public:?}");
        let shown = violations(
            &Check,
            "[[sources]]\nspecial-categories-targeted = true\nart9-exception = \"research\"\nlegal-text = \"Informatique et Libertés Act, research provisions\"\n",
        );
        assert!(shown.is_empty(), "{shown:?}");
    }

    #[test]
    fn evidence_beats_declarations() {
        let v = with_scan("", RELIGION_IN_FAQ);
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message.contains("`faq-public`") && v[0].message.contains("religion-or-belief")
        );
        assert_eq!(
            v[0].at.as_ref().map(ToString::to_string).as_deref(),
            Some("sources[1].special-categories")
        );
        // Declared: nothing to say (the source is incidental).
        assert!(
            with_scan(
                "[[sources]]\n[[sources]]\nspecial-categories = [\"religion-or-belief\"]\n",
                RELIGION_IN_FAQ
            )
            .is_empty()
        );
        assert!(violations(&Check, "").is_empty());
    }
}
