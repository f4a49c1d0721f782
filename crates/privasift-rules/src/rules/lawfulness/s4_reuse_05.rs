//! S4-REUSE-05: data obtained from a third party is re-used under a
//! contract that secures its lawfulness, after the same checks as a public
//! dataset.

use crate::decisions::ReuseOutcome;
use crate::manifest::SourceMode;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-05",
    title: "Third-party data is re-used under a contract securing its lawfulness",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "datasets bought from or shared by a third party (`mode = \"third-party\"`)",
    source: "Catalogue S4-REUSE-05 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data; CNIL publication on re-using databases, January 2025; read in a secondary summary); GDPR Art. 5(1)(a), 5(2).",
    doc: "When a dataset is obtained from a third party (a data broker, a partner), a contract between the original holder and the re-user should secure the lawfulness of the original collection and of the sharing, and the same checks as for a public dataset apply (documented source, no sign of unlawful origin, licence). The rule reads the re-use decision of each `third-party` source and fails when the re-use must be suspended or is blocked, in particular when no contract is recorded in `reuse.contract`. This point was read only in a secondary summary of the CNIL's text, so it is reported as a warning.",
    bad: Example::toml("[[sources]]\n[[sources]]\nmode = \"third-party\"\n"),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"third-party\"\n\n[sources.reuse]\ncontract = \"contracts/dialogue-corpus-provider.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.mode != SourceMode::ThirdParty {
                continue;
            }
            let Some(v) = cx.decisions.reuse.iter().find(|v| v.source == s.id) else {
                continue;
            };
            let what = match v.outcome {
                ReuseOutcome::Suspend => "must be suspended",
                ReuseOutcome::Block => "is blocked",
                ReuseOutcome::Proceed => continue,
            };
            let has_contract = given(s.reuse.as_ref().and_then(|r| r.contract.as_ref()));
            let (contract, fix, at) = if has_contract {
                (
                    "",
                    "resolve what the reasons name with the provider (documentation of the source, provenance, licence) before using the data, or do not use it",
                    "reuse",
                )
            } else {
                (
                    " (no contract with the provider is recorded)",
                    "sign with the provider a contract that secures the lawfulness of the original collection and of the sharing (with its warranties), record it in `reuse.contract`, and check the dataset as a public one (source, provenance, licence)",
                    "reuse.contract",
                )
            };
            out.push(
                Violation::new(
                    format!(
                        "the re-use of third-party source `{}` {what}{contract}: {}",
                        s.id,
                        v.reasons.join("; ")
                    ),
                    fix,
                )
                .at(&format!("sources[{i}].{at}")),
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
    fn each_outcome() {
        let no_contract = violations(&Check, META.bad.manifest);
        assert_eq!(no_contract.len(), 1);
        assert!(no_contract[0].message.contains("no contract"));
        let unchecked = violations(
            &Check,
            "[[sources]]\n[[sources]]\nmode = \"third-party\"\n\n[sources.reuse]\ncontract = \"contracts/provider.pdf\"\nprovenance-checked = false\n",
        );
        assert_eq!(unchecked.len(), 1);
        assert!(
            unchecked[0].message.contains("suspended")
                && !unchecked[0].message.contains("no contract")
        );
        assert!(violations(&Check, META.good.manifest).is_empty());
        // A public dataset is S4-REUSE-04's.
        assert!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\n\n[sources.reuse]\nprovenance-checked = false\n"
            )
            .is_empty()
        );
    }
}
