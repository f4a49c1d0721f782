//! S7-DATA-04: data a scan found personal data in went through a cleaning
//! (pseudonymising, minimising) run during preparation.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// A scan report that found personal data in the ticket files.
const SCAN_FOUND: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":7}}}"#;

/// A scan report that found none.
const SCAN_CLEAN: &str = r#"{"classification":{"verdict":"no personal data found in what was scanned"},"records_scanned":100,"records_with_findings":0,"inputs":[{"path":"data/tickets/a.jsonl"}]}"#;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-04",
    title: "Personal data found in the data is transformed during preparation",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "scan reports are given as evidence and one of them found personal data",
    source: "Catalogue S7-DATA-04 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", section on privacy-protective transformations during preparation); GDPR Art. 25(1).",
    doc: "During data preparation the CNIL recommends protective transformations (pseudonymisation, generalisation, anonymisation where the purpose allows) so that training handles as little identifying data as possible. This rule reads the evidence only, never the declarations (declared techniques are S6-DESIGN-05's concern): it fails when a scan report given as evidence found personal data and no ledger given as evidence holds a finished run of `privasift clean` (a run whose command is `clean` with its end recorded). Without scan reports it does not apply. The heading of this section was confirmed on the CNIL page but its content was read only in a secondary summary, so a failure is reported as a warning.",
    bad: Example {
        manifest: "",
        scan: Some(SCAN_FOUND),
    },
    good: Example {
        manifest: "",
        scan: Some(SCAN_CLEAN),
    },
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let ev = cx.evidence;
        let found: Vec<_> = ev
            .scans
            .iter()
            .filter(|s| s.found_personal_data())
            .collect();
        if found.is_empty() {
            return;
        }
        let cleaned = ev
            .ledgers
            .iter()
            .flat_map(|l| l.runs.iter())
            .any(|r| r.finished && r.command.as_deref() == Some("clean"));
        if cleaned {
            return;
        }
        let records: u64 = found.iter().map(|s| s.records_with_findings).sum();
        let what = if ev.ledgers.is_empty() {
            "no ledger is given as evidence"
        } else {
            "no ledger given as evidence shows a finished `clean` run"
        };
        out.push(
            Violation::new(
                format!(
                    "the scans found personal data in {records} records and {what}: nothing shows the data was pseudonymised or minimised during preparation"
                ),
                "run `privasift clean --ledger <file>` on the data (pseudonymise or drop what training does not need) and give the ledger as evidence, or scan the data again if it was already cleaned",
            )
            .at("design.privacy-techniques"),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::evidence::{Evidence, LedgerEvidence, LedgerRun};
    use crate::examples::build;

    fn run(ev_edit: impl FnOnce(&mut Evidence)) -> Vec<Violation> {
        let (_, manifest, mut evidence) = build(&META.bad).unwrap();
        ev_edit(&mut evidence);
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

    fn ledger(command: &str, finished: bool) -> LedgerEvidence {
        LedgerEvidence {
            path: "ledger.jsonl".into(),
            verified: true,
            error: None,
            entries: 3,
            runs: vec![LedgerRun {
                run: "r1".into(),
                command: Some(command.into()),
                started: "2025-03-02T10:00:00Z".into(),
                finished,
                ..LedgerRun::default()
            }],
        }
    }

    #[test]
    fn found_without_ledger_fails() {
        let v = run(|_| {});
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no ledger is given"), "{v:?}");
    }

    #[test]
    fn a_finished_clean_run_clears_it() {
        assert!(run(|e| e.ledgers.push(ledger("clean", true))).is_empty());
    }

    #[test]
    fn an_unfinished_or_other_run_does_not() {
        let v = run(|e| {
            e.ledgers.push(ledger("clean", false));
            e.ledgers.push(ledger("erase", true));
        });
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("finished `clean` run"), "{v:?}");
    }

    #[test]
    fn no_scan_no_finding() {
        assert!(run(|e| e.scans.clear()).is_empty());
    }
}
