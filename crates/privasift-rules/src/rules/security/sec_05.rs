//! SEC-05: the security measures cover the integrity of the data and the system, not only confidentiality.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Words naming an integrity measure (English or French).
const INTEGRITY: [&str; 8] = [
    "integrity",
    "intégrité",
    "integrite",
    "hash",
    "checksum",
    "signature",
    "signed",
    "empreinte",
];

static META: RuleMeta = RuleMeta {
    id: "SEC-05",
    title: "Security measures cover integrity as well as confidentiality",
    sheet: Sheet::Security,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "security measures are listed (`security.measures`)",
    source: "Catalogue SEC-05 (CNIL sheet \"Ensuring the security of AI systems' development\", July 2025, security objectives; read in secondary summaries); GDPR Art. 32(1)(b).",
    doc: "The security of an AI development has three objectives: the confidentiality of the data (public data included, since annotations may add personal data), the performance and integrity of the system (whose measures mostly belong to the development: datasets and models not tampered with), and the general security of the information system. The measures are free words, so the rule reads them by keyword: it fails when `security.measures` lists measures but none mentions integrity (\"integrity\", \"intégrité\", \"hash\", \"checksum\", \"signature\", \"signed\", \"empreinte\"). A list with no measure at all is another rule's finding. This point was read only in secondary summaries of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml(
        "[security]\nmeasures = [\"access control by role\", \"encryption at rest\"]\n",
    ),
    good: Example::toml(
        "[security]\nmeasures = [\"access control by role\", \"encryption at rest\", \"Signed model checkpoints\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let measures = &cx.manifest.security.measures;
        if measures.iter().all(|s| s.trim().is_empty()) {
            return;
        }
        let integrity = measures.iter().any(|s| {
            let s = s.to_lowercase();
            INTEGRITY.iter().any(|w| s.contains(w))
        });
        if !integrity {
            out.push(
                Violation::new(
                    "no security measure protects the integrity of the datasets or the model",
                    "add integrity measures to `security.measures`, such as integrity hashes of the datasets and signed model checkpoints, checked before each training",
                )
                .at("security.measures"),
            );
        }
    }
}
