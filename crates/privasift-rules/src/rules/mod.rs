//! Every rule, one file each, grouped by sheet: `rules/<sheet>/<id>.rs`.
//! A new rule is one file and one line in its sheet's `RULES`.

use crate::rule::Rule;

mod actors;
mod annotation;
mod data;
mod design;
mod dpia;
mod information;
mod lawfulness;
mod li;
mod model;
mod purpose;
mod regime;
mod rights;
mod scope;
mod security;

/// Every rule, in sheet order.
pub fn all() -> Vec<&'static dyn Rule> {
    [
        scope::RULES,
        regime::RULES,
        purpose::RULES,
        actors::RULES,
        lawfulness::RULES,
        dpia::RULES,
        design::RULES,
        data::RULES,
        li::RULES,
        information::RULES,
        rights::RULES,
        annotation::RULES,
        security::RULES,
        model::RULES,
    ]
    .concat()
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all()
        .into_iter()
        .find(|r| r.meta().id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;
    use crate::rule::{Context, Example};

    fn violations(rule: &dyn Rule, ex: &Example) -> Vec<crate::rule::Violation> {
        let (_, manifest, evidence) =
            build(ex).unwrap_or_else(|e| panic!("{}: example does not build: {e}", rule.meta().id));
        let decisions = decide(&manifest, &evidence);
        let cx = Context {
            manifest: &manifest,
            evidence: &evidence,
            decisions: &decisions,
        };
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        out
    }

    #[test]
    fn every_rule_fails_its_bad_example_and_passes_its_good_one() {
        for rule in all() {
            let m = rule.meta();
            let bad = violations(rule, &m.bad);
            assert!(!bad.is_empty(), "{}: the bad example raises nothing", m.id);
            let good = violations(rule, &m.good);
            assert!(
                good.is_empty(),
                "{}: the good example raises {good:?}",
                m.id
            );
        }
    }

    #[test]
    fn the_example_project_passes_every_rule() {
        let (text, manifest, evidence) = build(&Example::toml("")).unwrap();
        let report = crate::check(&manifest, &text, &evidence);
        let open: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        assert!(open.is_empty(), "{open:#?}");
        assert_eq!(report.rules_evaluated, all().len());
    }

    #[test]
    fn ids_are_unique_and_metadata_complete() {
        let mut ids = std::collections::BTreeSet::new();
        for rule in all() {
            let m = rule.meta();
            assert!(ids.insert(m.id), "{} twice", m.id);
            for (what, s) in [
                ("title", m.title),
                ("applies", m.applies),
                ("source", m.source),
                ("doc", m.doc),
            ] {
                assert!(!s.trim().is_empty(), "{}: empty {what}", m.id);
            }
            if m.confidence != crate::rule::Confidence::Verified {
                assert!(
                    m.doc.contains("not confirmed") || m.doc.contains("secondary"),
                    "{}: a rule marked S or U must say so in its doc",
                    m.id
                );
            }
        }
    }
}
