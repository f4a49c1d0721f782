//! S7-DATA-07: data kept for audit is sorted, access-restricted, encrypted
//! and pseudonymised.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-07",
    title: "Data kept for audit is sorted, access-restricted, encrypted and pseudonymised",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "training data is kept for audit after training (`[retention.audit]`)",
    source: "Catalogue S7-DATA-07, settled by the seeds: consultation summary, sheet 7, \"Retention of data for audit purposes\": \"it is possible, after a sorting phase, to keep the training data for audit purposes\"; \"this retention requires the implementation of certain security guarantees relating in particular to the restriction of access to data, their encryption and their pseudonymisation or anonymisation as soon as possible\"; GDPR Art. 5(1)(c), (e) and (f), Art. 32.",
    doc: "Audits of the system, bias measurement in particular, may justify keeping training data after training, but only after a sorting phase that keeps what the audit needs, and with security guarantees: access restricted to those who run the audit, encryption, and pseudonymisation or anonymisation as soon as possible. The rule fails, once for each guarantee missing, when `[retention.audit]` does not declare `sorted`, `access-restricted`, `encrypted` or `pseudonymised` as true (anonymised data is outside the GDPR and needs no audit retention entry).",
    bad: Example::toml("[retention.audit]\nencrypted = false\npseudonymised = false\n"),
    good: Example::toml(
        "[retention.audit]\nsorted = true\naccess-restricted = true\nencrypted = true\npseudonymised = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let Some(a) = &cx.manifest.retention.audit else {
            return;
        };
        let guarantees = [
            (
                a.sorted,
                "sorted",
                "was not sorted first",
                "sort the data before keeping it: keep only what the audit needs, delete the rest, and set `sorted = true`",
            ),
            (
                a.access_restricted,
                "access-restricted",
                "is not access-restricted",
                "restrict access to the audit store to the people who run the audit (e.g. a `privasift vault` directory) and set `access-restricted = true`",
            ),
            (
                a.encrypted,
                "encrypted",
                "is not encrypted",
                "encrypt the audit store at rest and set `encrypted = true`",
            ),
            (
                a.pseudonymised,
                "pseudonymised",
                "is not pseudonymised (or anonymised)",
                "pseudonymise the kept data as soon as possible (e.g. `privasift clean` with keyed pseudonyms), or anonymise it, and set `pseudonymised = true`",
            ),
        ];
        for (ok, key, what, fix) in guarantees {
            if !ok {
                out.push(
                    Violation::new(format!("the data kept for audit {what}"), fix)
                        .at(&format!("retention.audit.{key}")),
                );
            }
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
    fn one_violation_per_missing_guarantee() {
        let v = violations(
            "[retention.audit]\nsorted = false\naccess-restricted = false\nencrypted = false\npseudonymised = false\n",
        );
        assert_eq!(v.len(), 4, "{v:?}");
        let v = violations("[retention.audit]\naccess-restricted = false\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("not access-restricted"));
    }

    #[test]
    fn no_audit_retention_no_finding() {
        assert!(violations("[retention]\naudit = \"<unset>\"\n").is_empty());
    }
}
