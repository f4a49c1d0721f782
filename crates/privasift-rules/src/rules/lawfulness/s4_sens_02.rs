//! S4-SENS-02: a source that seeks special-category data names the fields it keeps (stricter minimisation).

use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-02",
    title: "Sensitive data is minimised field by field",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "sources that seek special-category data (`special-categories-targeted = true`)",
    source: "Catalogue S4-SENS-02 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", sensitive data; read in a secondary summary); GDPR Art. 5(1)(c) and 9.",
    doc: "Minimisation applies even more strictly to sensitive data: a source that deliberately collects special categories must keep only the fields the purpose needs, and say which. The rule fails for each source with `special-categories-targeted = true` that lists no `fields` (the fields kept for training). This point was read only in a secondary summary of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml("[[sources]]\nspecial-categories-targeted = true\nfields = []\n"),
    good: Example::toml("[[sources]]\nspecial-categories-targeted = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.special_categories_targeted && s.fields.iter().all(|f| f.trim().is_empty()) {
                out.push(
                    Violation::new(
                        format!(
                            "source `{}` seeks special-category data but names no field kept",
                            s.id
                        ),
                        "list in `fields` only the fields the purpose needs, dropping the sensitive ones that are not needed, and justify the others in the datasheet",
                    )
                    .at(&format!("sources[{i}].fields")),
                );
            }
        }
    }
}
