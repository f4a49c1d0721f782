//! S4-SENS-05: incidental special-category data is deleted immediately and
//! automatically, and the ledgers show it was.

use crate::decisions::SensitiveOutcome;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-05",
    title: "Incidental sensitive data is deleted immediately and automatically",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources with incidental special-category data; evidence: processing ledgers",
    source: "Catalogue S4-SENS-05, settled by the seeds: consultation summary, sheet 4, \"The incidental processing of sensitive data\": \"If, despite the measures taken, the organization processes incidentally and residually sensitive data that it had not sought to collect, this shall not be considered illegal. On the other hand, if the organization becomes aware that it is processing sensitive data, it is required to carry out, as far as possible, their immediate and automated deletion\"; GDPR Art. 9(1).",
    doc: "Special-category data collected incidentally, despite the measures taken, does not make the processing unlawful; but once the controller is aware of it, it must delete it immediately and automatically, as far as possible. The rule fails when a source holds incidental special-category data (declared, or found by the scans) and does not declare `sensitive-deletion = true`. Evidence beats declarations: it also fails when a processing ledger given as evidence has a run that acted on records holding special-category data and deleted (`drop-record`) fewer of them than it acted on, and when a ledger's hash chain does not verify, since a ledger that may have been altered cannot show the deletion.",
    bad: Example::toml("[[sources]]\nsensitive-deletion = false\n"),
    good: Example::toml("[[sources]]\nsensitive-deletion = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            let incidental = cx
                .decisions
                .sensitive_data
                .iter()
                .any(|v| v.source == s.id && v.outcome == SensitiveOutcome::Incidental);
            if incidental && !s.sensitive_deletion {
                out.push(
                    Violation::new(
                        format!("source `{}` holds incidental special-category data and does not delete it automatically", s.id),
                        "delete records holding special-category data as soon as they are detected, automatically (e.g. `privasift clean`, whose default policy drops them, with `--ledger`), then set `sensitive-deletion = true`",
                    )
                    .at(&format!("sources[{i}].sensitive-deletion")),
                );
            }
        }
        for l in &cx.evidence.ledgers {
            let path = l.path.display();
            if !l.verified {
                let why = l
                    .error
                    .as_deref()
                    .map(|e| format!(" ({e})"))
                    .unwrap_or_default();
                out.push(Violation::new(
                    format!("ledger `{path}` does not verify{why}: it cannot show that special-category data was deleted"),
                    "find out why the hash chain breaks (`privasift ledger verify`); rerun the cleaning with a new ledger and give that one as evidence",
                ));
            }
            for r in l
                .runs
                .iter()
                .filter(|r| r.special_records > r.special_dropped)
            {
                out.push(Violation::new(
                    format!(
                        "ledger `{path}`, run `{}`: {} records holding special-category data were processed and only {} deleted",
                        r.run, r.special_records, r.special_dropped
                    ),
                    "clean the data with a policy that drops records holding special-category data (the default `drop-record` of `privasift clean`), and give the new run's ledger as evidence",
                ));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::evidence::{LedgerEvidence, LedgerRun};
    use crate::rules::lawfulness::testing::{violations, violations_with};

    fn ledger(verified: bool, special_records: u64, special_dropped: u64) -> LedgerEvidence {
        LedgerEvidence {
            path: "ledger/clean.jsonl".into(),
            verified,
            error: (!verified).then(|| "entry 12: hash mismatch".to_owned()),
            entries: 12,
            runs: vec![LedgerRun {
                run: "run-7".into(),
                command: Some("clean".into()),
                special_records,
                special_dropped,
                ..LedgerRun::default()
            }],
        }
    }

    #[test]
    fn declaration() {
        assert_eq!(violations(&Check, META.bad.manifest).len(), 1);
        // Sought data is not incidental: S4-SENS-01 decides.
        assert!(
            violations(
                &Check,
                "[[sources]]\nsensitive-deletion = false\nspecial-categories-targeted = true\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn ledgers() {
        let ok = violations_with(&Check, &META.good, |ev| ev.ledgers.push(ledger(true, 5, 5)));
        assert!(ok.is_empty(), "{ok:?}");
        let kept = violations_with(&Check, &META.good, |ev| ev.ledgers.push(ledger(true, 5, 3)));
        assert_eq!(kept.len(), 1);
        assert!(
            kept[0].message.contains("run-7")
                && kept[0].message.contains("5 records")
                && kept[0].message.contains("only 3")
        );
        let broken = violations_with(&Check, &META.good, |ev| {
            ev.ledgers.push(ledger(false, 5, 5));
        });
        assert_eq!(broken.len(), 1);
        assert!(
            broken[0].message.contains("does not verify")
                && broken[0].message.contains("hash mismatch")
        );
    }
}
