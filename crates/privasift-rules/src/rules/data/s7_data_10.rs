//! S7-DATA-10: each source holding personal data is documented by a
//! dataset description sheet (or, when re-used, its dataset card).

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-10",
    title: "Each dataset holding personal data is documented",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "every source that holds personal data",
    source: "Catalogue S7-DATA-10 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", documentation of data; the \"fiche descriptive du jeu de données\" template adopted with deliberation 2024-011 of 18 January 2024); GDPR Art. 5(2).",
    doc: "The CNIL recommends documenting each dataset used for training and published a template for it, the dataset description sheet (fiche descriptive du jeu de données), with its first recommendation. The rule fails for each source holding personal data that gives no `datasheet`; a re-used source (own data re-used, public dataset, third party) may instead point to the dataset card it came with (`reuse.dataset-card`). Only the presence of the document is checked: the fields the CNIL template expects were not read.",
    bad: Example::toml("[[sources]]\ndatasheet = \"<unset>\"\n"),
    good: Example::toml("[[sources]]\n[[sources]]\ndatasheet = \"<unset>\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if !s.personal_data || given(s.datasheet.as_ref()) {
                continue;
            }
            let card = s.mode.is_reuse()
                && s.reuse
                    .as_ref()
                    .is_some_and(|r| given(r.dataset_card.as_ref()));
            if card {
                continue;
            }
            let fix = if s.mode.is_reuse() {
                "fill in the CNIL's dataset description sheet (fiche descriptive du jeu de données) and give its path in `datasheet`, or give the dataset card the data came with in `reuse.dataset-card`"
            } else {
                "fill in the CNIL's dataset description sheet (fiche descriptive du jeu de données: origin, collection, content, legal basis, retention, known limits) and give its path in `datasheet`"
            };
            out.push(
                Violation::new(
                    format!("source `{}` has no dataset description sheet", s.id),
                    fix,
                )
                .at(&format!("sources[{i}].datasheet")),
            );
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
    fn a_reused_source_may_rely_on_its_dataset_card() {
        assert!(violations("[[sources]]\n[[sources]]\ndatasheet = \"<unset>\"\n").is_empty());
        let v = violations(
            "[[sources]]\n[[sources]]\ndatasheet = \"<unset>\"\n[sources.reuse]\ndataset-card = \"TODO\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("faq-public"));
    }

    #[test]
    fn a_direct_source_needs_a_datasheet() {
        let v = violations(
            "[[sources]]\n[[sources]]\n[[sources]]\nid = \"survey\"\nname = \"Satisfaction survey\"\nmode = \"direct\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("survey"));
    }

    #[test]
    fn a_source_without_personal_data_needs_none() {
        assert!(violations("[[sources]]\n[[sources]]\n[[sources]]\nid = \"manuals\"\nname = \"Product manuals\"\nmode = \"direct\"\npersonal-data = false\n").is_empty());
    }
}
