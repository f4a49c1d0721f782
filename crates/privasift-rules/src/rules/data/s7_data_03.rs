//! S7-DATA-03: each source holding personal data lists the fields it keeps,
//! and the scans find no personal data in a field it does not list.

use std::collections::BTreeMap;

use crate::decisions::source_matches;
use crate::manifest::Source;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// A scan of the ticket files that found personal data only in the fields
/// the source keeps.
const SCAN_LISTED: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":7,"inputs":[{"path":"data/tickets/a.jsonl"}],"fields":{"subject":{"records_with_findings":2},"body":{"records_with_findings":6},"ticket_id":{"records_with_findings":0}},"kinds":{"email":{"label":"EMAIL","records":7}}}"#;

/// The same, with personal data in a field the source does not list.
const SCAN_UNLISTED: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":100,"records_with_findings":9,"inputs":[{"path":"data/tickets/a.jsonl"}],"fields":{"body":{"records_with_findings":6},"customer.email":{"records_with_findings":9}},"kinds":{"email":{"label":"EMAIL","records":9}}}"#;

static META: RuleMeta = RuleMeta {
    id: "S7-DATA-03",
    title: "Only the fields with a demonstrated use are kept",
    sheet: Sheet::DataManagement,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "every source that holds personal data; evidence: scan reports whose inputs match a source's `paths`",
    source: "Catalogue S7-DATA-03 (CNIL sheet 7, \"Taking data protection into account in data collection and management\", selection of relevant data and features); GDPR Art. 5(1)(c).",
    doc: "The CNIL recommends selecting the data and features relevant to the objective, which also improves performance and avoids under- and over-fitting; fields holding personal data with no demonstrated use are dropped. Each source's `fields` is its field-to-purpose map: the fields kept, each needed. The rule fails for each source holding personal data that lists no `fields`. Evidence beats declarations: it also fails, once per field, when a scan report given as evidence, whose inputs match the source's `paths`, found personal data in a field the source does not list; field names are dotted paths compared exactly, and a listed parent covers what is under it (`meta` covers `meta.bio`). A source with no `fields` gets only the first finding.",
    bad: Example {
        manifest: "",
        scan: Some(SCAN_UNLISTED),
    },
    good: Example {
        manifest: "",
        scan: Some(SCAN_LISTED),
    },
};

/// A listed field covers `field` when it is that field or a parent of it.
fn covers(listed: &str, field: &str) -> bool {
    field == listed
        || field
            .strip_prefix(listed)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn listed(s: &Source) -> Vec<&str> {
    s.fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty() && !f.contains("TODO"))
        .collect()
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            let kept = listed(s);
            if kept.is_empty() {
                if s.personal_data {
                    out.push(
                        Violation::new(
                            format!(
                                "source `{}` holds personal data and does not list the fields it keeps",
                                s.id
                            ),
                            "list in `fields` the fields kept from this source, each with a use for the purpose (the field-to-purpose map), and drop the others before training",
                        )
                        .at(&format!("sources[{i}].fields")),
                    );
                }
                continue;
            }
            // Unlisted fields with personal data, with the records and the
            // first report that found them.
            let mut unlisted: BTreeMap<&str, (u64, &std::path::Path)> = BTreeMap::new();
            for scan in &cx.evidence.scans {
                if !scan.inputs.iter().any(|input| source_matches(s, input)) {
                    continue;
                }
                for (field, &n) in &scan.fields_with_findings {
                    if kept.iter().any(|k| covers(k, field)) {
                        continue;
                    }
                    let e = unlisted.entry(field).or_insert((0, &scan.path));
                    e.0 += n;
                }
            }
            for (field, (n, path)) in unlisted {
                out.push(
                    Violation::new(
                        format!(
                            "the scan report `{}` found personal data in field `{field}` of source `{}` ({n} records), a field the source does not list in `fields`",
                            path.display(),
                            s.id
                        ),
                        format!(
                            "drop field `{field}` from the data before training (e.g. with `privasift clean`), or, if training needs it, add it to `fields` with the reason in `design.data-selection`"
                        ),
                    )
                    .at(&format!("sources[{i}].fields")),
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

    fn violations(manifest: &'static str, scan: Option<&'static str>) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example { manifest, scan }).unwrap();
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
    fn no_fields_listed_fails_once() {
        let v = violations("[[sources]]\nfields = []\n", Some(SCAN_UNLISTED));
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("does not list the fields"), "{v:?}");
        let v = violations("[[sources]]\n[[sources]]\nfields = [\"TODO\"]\n", None);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`faq-public`"), "{v:?}");
    }

    #[test]
    fn an_unlisted_field_with_personal_data_fails() {
        let v = violations("", Some(SCAN_UNLISTED));
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("`customer.email`"), "{v:?}");
        assert!(v[0].message.contains("`tickets`"), "{v:?}");
        assert!(v[0].message.contains("9 records"), "{v:?}");
    }

    #[test]
    fn a_listed_parent_covers_its_children_only() {
        let v = violations(
            "[[sources]]\nfields = [\"body\", \"customer\"]\n",
            Some(SCAN_UNLISTED),
        );
        assert!(v.is_empty(), "{v:?}");
        let v = violations(
            "[[sources]]\nfields = [\"body\", \"cust\", \"customer.email.domain\"]\n",
            Some(SCAN_UNLISTED),
        );
        assert_eq!(v.len(), 1, "{v:?}");
    }

    #[test]
    fn a_scan_of_another_source_is_not_held_against_this_one() {
        let v = violations(
            "[[sources]]\npaths = [\"data/archive/*.jsonl\"]\n",
            Some(SCAN_UNLISTED),
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn fields_without_findings_are_not_reported() {
        assert!(violations("", Some(SCAN_LISTED)).is_empty());
    }

    #[test]
    fn covers_reads_dotted_paths() {
        assert!(covers("meta", "meta.bio"));
        assert!(covers("meta.bio", "meta.bio"));
        assert!(!covers("meta", "metadata"));
        assert!(!covers("meta.bio", "meta"));
    }
}
