//! S0-SCOPE-01: the declaration that no personal data is processed must
//! hold against the scans.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S0-SCOPE-01",
    title: "Whether the data is personal is declared truly",
    sheet: Sheet::Scope,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always; evidence: scan reports",
    source: "Catalogue S0-SCOPE-01 (CNIL introductory sheet: scope); consultation summary, introductory sheet, \"The risks of the presence of personal data\".",
    doc: "The sheets cover the processing of personal data in the development phase. Whether a dataset holds personal data decides whether the GDPR applies at all, and the CNIL notes that with large, unstructured datasets it is often very difficult to be certain none is included. The rule fails when the manifest declares `personal-data = \"no\"` and a scan report given as evidence found personal data: the evidence wins, and the project is checked as if it held personal data.",
    bad: Example {
        manifest: "[project]\npersonal-data = \"no\"\n",
        scan: Some(
            r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":7}}}"#,
        ),
    },
    good: Example {
        manifest: "",
        scan: Some(
            r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":7}}}"#,
        ),
    },
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.contradicted {
            let n: u64 = cx
                .evidence
                .scans
                .iter()
                .filter(|s| s.found_personal_data())
                .map(|s| s.records_with_findings)
                .sum();
            out.push(
                Violation::new(
                    format!("the manifest declares no personal data, but the scans found personal data in {n} records"),
                    "set `personal-data = \"yes\"` and check the project as processing personal data, or clean the data and scan it again",
                )
                .at("project.personal-data"),
            );
        }
    }
}
