//! S3-ACTORS-01: every organisation involved is qualified, and the
//! controller of the manifest appears as controller or joint controller.

use crate::manifest::GdprRole;
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Names compared loosely: case, punctuation and spacing do not matter,
/// and a legal form after the name may be left out.
fn named_like(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && (a == b || a.starts_with(&format!("{b} ")) || b.starts_with(&format!("{a} ")))
}

static META: RuleMeta = RuleMeta {
    id: "S3-ACTORS-01",
    title: "Each actor is qualified, and the controller appears as controller",
    sheet: Sheet::Actors,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S3-ACTORS-01 (CNIL sheet 3, \"Determining the legal qualification of AI system providers\"); consultation summary, how-to sheet 3: \"The legal qualification of providers of AI systems must be made on a case-by-case basis\"; GDPR Art. 4(7), 4(8), 26 and 28.",
    doc: "Each organisation taking part in the processing must be qualified, case by case, as controller, joint controller or processor: obligations and liability follow from it. The manifest's `[controller]` is the organisation answering for the project, so it must appear among the `[[actors]]` as controller or joint controller. The rule fails when `actors` is empty, when no actor is named like the controller (case, punctuation and a trailing legal form are ignored), and when the actors named like it are all processors.",
    bad: Example::toml(
        "[[actors]]\nname = \"Exemplar Holding SA\"\n[[actors]]\non-behalf-of = \"Exemplar Holding SA\"\n",
    ),
    good: Example::toml(
        "[[actors]]\nname = \"Exemplar Support\"\ngdpr-role = \"joint-controller\"\narrangement = \"contracts/joint-controllers-art26.pdf\"\n[[actors]]\non-behalf-of = \"Exemplar Support\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let controller = m.controller.name.trim();
        if m.actors.is_empty() {
            out.push(
                Violation::new(
                    "the manifest qualifies no actor",
                    format!("add an `[[actors]]` entry for `{controller}` (gdpr-role controller or joint-controller) and one for every other organisation involved (processors, joint controllers), each with its GDPR and AI Act roles"),
                )
                .at("actors"),
            );
            return;
        }
        let named: Vec<(usize, &crate::manifest::Actor)> = m
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| named_like(&a.name, controller))
            .collect();
        if named
            .iter()
            .any(|(_, a)| a.gdpr_role != GdprRole::Processor)
        {
            return;
        }
        let v = match named.first() {
            Some((i, a)) => Violation::new(
                format!(
                    "the controller `{controller}` appears among the actors only as `{}`",
                    kebab(&a.gdpr_role)
                ),
                "the organisation that answers for the project decides its purposes and means: qualify it as `controller` (or `joint-controller` with an Art. 26 arrangement), or name the real controller in `[controller]`",
            )
            .at(&format!("actors[{i}].gdpr-role")),
            None => Violation::new(
                format!("the controller `{controller}` does not appear among the actors"),
                format!("add an `[[actors]]` entry named `{controller}` with `gdpr-role = \"controller\"` (or `joint-controller`), or correct the name in `[controller]`"),
            )
            .at("actors"),
        };
        out.push(v);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::decisions::decide;
    use crate::examples::build;

    fn violations(fragment: &'static str) -> Vec<Violation> {
        let (_, manifest, evidence) = build(&Example::toml(fragment)).unwrap();
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
    fn no_actors_fails() {
        let v = violations("actors = \"<unset>\"\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("no actor"));
    }

    #[test]
    fn a_missing_controller_fails() {
        let v = violations(
            "[[actors]]\nname = \"Exemplar Holding SA\"\n[[actors]]\non-behalf-of = \"Exemplar Holding SA\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("does not appear"));
    }

    #[test]
    fn a_controller_qualified_as_processor_fails() {
        let v = violations(
            "[[actors]]\nname = \"Parent Group SA\"\n[[actors]]\nname = \"Exemplar Support SAS\"\non-behalf-of = \"Parent Group SA\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("only as `processor`"));
    }
}
