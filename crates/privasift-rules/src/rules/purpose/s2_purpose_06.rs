//! S2-PURPOSE-06: a scientific research purpose comes with safeguards such as pseudonymisation or minimisation techniques.

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-06",
    title: "A research purpose relies on appropriate safeguards",
    sheet: Sheet::Purpose,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "purposes marked as scientific research (`purposes[].research = true`)",
    source: "Catalogue S2-PURPOSE-06 (CNIL sheet 2, \"Defining a purpose\", scientific research; read in secondary summaries); GDPR Art. 5(1)(b) and 89(1).",
    doc: "The GDPR lets a scientific research purpose be less precisely specified at the start and presumes further processing for research compatible, but only with the appropriate safeguards of Art. 89(1), in particular technical measures such as pseudonymisation and minimisation. The rule fails for each purpose marked `research` when the manifest declares no privacy technique in `design.privacy-techniques`. This point was read only in a secondary summary (the exact CNIL wording was not read), so a failure is reported as a warning.",
    bad: Example::toml("[[purposes]]\nresearch = true\n[design]\nprivacy-techniques = []\n"),
    good: Example::toml("[[purposes]]\nresearch = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let safeguards = m
            .design
            .privacy_techniques
            .iter()
            .any(|t| !t.trim().is_empty() && !t.contains("TODO"));
        if safeguards {
            return;
        }
        for (i, p) in m.purposes.iter().enumerate() {
            if p.research {
                out.push(
                    Violation::new(
                        format!(
                            "purpose `{}` is a research purpose but no safeguard is declared in `design.privacy-techniques`",
                            p.id
                        ),
                        "list the Art. 89 safeguards applied (pseudonymisation, minimisation of fields, aggregation, ...) in `design.privacy-techniques`",
                    )
                    .at(&format!("purposes[{i}].research")),
                );
            }
        }
    }
}
