//! INFO-05: relying on disproportionate effort is justified and general
//! information is published instead.

use crate::manifest::InfoExemption;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "INFO-05",
    title: "The disproportionate-effort exemption is weighed and general information is published",
    sheet: Sheet::Information,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "the controller relies on informing people individually being impossible or a disproportionate effort (`information.exemption = \"disproportionate-effort\"`)",
    source: "Catalogue INFO-05 (CNIL sheet \"Informing data subjects\", February 2025, as summarised); GDPR Art. 14(5)(b).",
    doc: "When informing each person would be impossible or need a disproportionate effort, the controller must weigh that effort (no contact details, age of the data, number of people) against the impact on the people, and still take appropriate measures, such as publishing general information on its website. The rule fails when `information.exemption` is `disproportionate-effort` and no `information.exemption-justification` records the weighing, and, separately, when no general notice is published (`information.general-notice-published`). This point was read only in a secondary summary of the CNIL sheet, so a failure is reported as a warning, not an error.",
    bad: Example::toml(
        "[information]\nexemption-justification = \"<unset>\"\ngeneral-notice-published = false\n",
    ),
    good: Example::toml(
        "[information]\nexemption-justification = \"The corpus holds no contact details and 40 000 authors; the notice on our website names the corpus and how to object.\"\ngeneral-notice-published = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let info = &cx.manifest.information;
        if info.exemption != Some(InfoExemption::DisproportionateEffort) {
            return;
        }
        if !given(info.exemption_justification.as_ref()) {
            out.push(
                Violation::new(
                    "individual information is skipped as a disproportionate effort, with no justification",
                    "record in `information.exemption-justification` why informing each person is impossible or disproportionate (no contact details, age of the data, number of people) weighed against the impact on them",
                )
                .at("information.exemption"),
            );
        }
        if !info.general_notice_published {
            out.push(
                Violation::new(
                    "individual information is skipped as a disproportionate effort, and no general notice is published instead",
                    "publish general information on the processing (e.g. on the website, with the sources and how to object) and set `information.general-notice-published = true`",
                )
                .at("information.general-notice-published"),
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
    fn each_condition_fails_on_its_own() {
        assert_eq!(violations(META.bad.manifest).len(), 2);
        let v = violations("[information]\nexemption-justification = \"TODO\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no justification"));
        let v = violations("[information]\ngeneral-notice-published = false\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no general notice"));
    }

    #[test]
    fn another_exemption_is_not_checked_here() {
        let v = violations(
            "[information]\nexemption = \"already-informed\"\ngeneral-notice-published = false\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }
}
