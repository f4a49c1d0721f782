//! S7-DATA-08: training data is not kept "in case of a future dispute".

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Words that give a dispute as the reason to keep data (EN, FR).
const DISPUTE: &[&str] = &[
    "dispute",
    "litigation",
    "lawsuit",
    "legal claim",
    "legal action",
    "court case",
    "contentieux",
    "litige",
    "précontentieux",
    "action en justice",
    "just in case",
    "au cas où",
];

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-08",
    title: "No retention for a possible future dispute",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "data kept for audit after training",
    source: "Catalogue S7-DATA-07/08, settled by the seeds: consultation summary, sheet 7, \"Retention of data for audit purposes\"; GDPR Art. 5(1)(e).",
    doc: "After a sorting phase, training data may be kept for audit purposes (e.g. measuring bias), but retention cannot be justified in advance by a possible future dispute: data may not be kept \"just in case\". The rule fails when the audit retention's purpose speaks of a dispute, litigation or keeping data just in case (in English or French).",
    bad: Example::toml(
        "[retention.audit]\npurpose = \"evidence in case of a future dispute with a customer\"\n",
    ),
    good: Example::toml(
        "[retention.audit]\npurpose = \"measuring bias across customer languages\"\n",
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
        let purpose = a.purpose.to_lowercase();
        if let Some(word) = DISPUTE.iter().find(|w| purpose.contains(*w)) {
            out.push(
                Violation::new(
                    format!("the audit retention is justified by a possible dispute (\"{word}\")"),
                    "keep training data for audit only for a real audit purpose (e.g. bias measurement), after sorting; delete the rest",
                )
                .at("retention.audit.purpose"),
            );
        }
    }
}
