//! S7-DATA-02: data a scan could not fully read (malformed or oversized
//! records) is cleaned before training.

use crate::decisions::source_matches;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// A scan report of the ticket files that skipped records.
const SCAN_SKIPPED: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"records_skipped":12,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":7}}}"#;

/// The same report once the data is cleaned: nothing skipped.
const SCAN_READ: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":112,"records_with_findings":7,"records_skipped":0,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":7}}}"#;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-02",
    title: "The data is cleaned before training",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "scan reports are given as evidence",
    source: "Catalogue S7-DATA-02 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", data cleaning); GDPR Art. 5(1)(c) and 5(1)(d).",
    doc: "Before training, the CNIL recommends cleaning the data: filling in or correcting empty values, detecting outliers, correcting errors, removing duplicates and deleting unnecessary fields, which also serves the accuracy and the minimisation of the data. This rule reads the evidence only: it fails for each scan report given as evidence that counted skipped records (`records_skipped`), records the scan could not read because they are malformed or too large, which shows the data was not cleaned. The finding names the report and the count, and points at the source whose `paths` match the report's inputs when there is one. Without scan reports it does not apply.",
    bad: Example {
        manifest: "",
        scan: Some(SCAN_SKIPPED),
    },
    good: Example {
        manifest: "",
        scan: Some(SCAN_READ),
    },
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for scan in &cx.evidence.scans {
            if scan.records_skipped == 0 {
                continue;
            }
            let source = cx
                .manifest
                .sources
                .iter()
                .enumerate()
                .find(|(_, s)| scan.inputs.iter().any(|i| source_matches(s, i)));
            let of = source.map_or(String::new(), |(_, s)| format!(" of source `{}`", s.id));
            let v = Violation::new(
                format!(
                    "the scan report `{}`{of} skipped {} records it could not read (malformed or oversized): the data was not cleaned",
                    scan.path.display(),
                    scan.records_skipped
                ),
                "clean the data before training: repair or remove the malformed and oversized records, correct errors, fill in or drop empty values, remove duplicates and delete the fields training does not need; then scan it again",
            );
            out.push(match source {
                Some((i, _)) => v.at(&format!("sources[{i}].paths")),
                None => v,
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;

    fn violations(ex: &Example) -> Vec<Violation> {
        let (_, manifest, evidence) = build(ex).unwrap();
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
    fn skipped_records_name_the_report_the_count_and_the_source() {
        let v = violations(&META.bad);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("example-scan.json"), "{v:?}");
        assert!(v[0].message.contains("skipped 12 records"), "{v:?}");
        assert!(v[0].message.contains("`tickets`"), "{v:?}");
        assert_eq!(v[0].at.as_ref().unwrap().to_string(), "sources[0].paths");
    }

    #[test]
    fn a_report_of_no_source_still_counts() {
        let v = violations(&Example {
            manifest: "",
            scan: Some(
                r#"{"classification":{"verdict":"contains personal data"},"records_scanned":10,"records_with_findings":1,"records_skipped":3,"inputs":[{"path":"elsewhere/x.csv"}]}"#,
            ),
        });
        assert_eq!(v.len(), 1);
        assert!(v[0].at.is_none(), "{v:?}");
        assert!(!v[0].message.contains("source"), "{v:?}");
    }

    #[test]
    fn no_scan_no_finding() {
        assert!(violations(&Example::toml("")).is_empty());
    }
}
