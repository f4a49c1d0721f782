//! S1-REGIME-05: when the processing is not subject to the GDPR in its
//! development phase, the CNIL's AI sheets do not apply, and the report
//! says so.

use crate::decisions::LegalRegime;
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S1-REGIME-05",
    title: "The CNIL's AI sheets apply only to development under the GDPR",
    sheet: Sheet::LegalRegime,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "always (run even when the sheets do not apply)",
    source: "Catalogue S1-REGIME-05 (CNIL introductory sheet: scope; sheet 1, \"Determining the applicable legal regime\"); consultation summary, how-to sheet 1: the sheet helps determine \"the applicable data protection regulations (GDPR, Law enforcement Directive or processing operations concerning national defense or state security)\".",
    doc: "The CNIL's AI sheets cover the processing of personal data subject to the GDPR in the development phase. When the data is not personal, when the Law Enforcement Directive or the national defence and State security regime applies, or when the project is in its deployment phase, the sheets do not apply: privasift then runs only the scope and regime rules, and this rule says so, so that a short report is not mistaken for a clean one. The rule fails (as a warning) whenever the legal-regime decision concludes that the sheets do not apply; it names the regime found and the reasons.",
    bad: Example::toml("[regime]\nnational-security = true\n"),
    good: Example::toml("[regime]\nlaw-enforcement-purpose = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.decisions.legal_regime;
        if d.sheets_apply {
            return;
        }
        let regime = kebab(&d.value);
        let (at, fix) = match d.value {
            LegalRegime::OutOfScope => (
                "project.personal-data",
                "nothing to do under the sheets while the data holds no personal data; scan the data to confirm it, and check the project again if that changes",
            ),
            LegalRegime::NationalSecurity => (
                "regime.national-security",
                "follow the national defence and State security rules that apply to this processing; the CNIL's AI sheets are not the reference for it",
            ),
            LegalRegime::LawEnforcementDirective => (
                "regime.law-enforcement-purpose",
                "follow the Law Enforcement Directive (in France, Title III of the Informatique et Libertés Act); the CNIL's AI sheets are not the reference for it",
            ),
            LegalRegime::Gdpr => (
                "project.phase",
                "the sheets cover development: check the deployment against the GDPR directly, and any new training or fine-tuning as a development project",
            ),
        };
        out.push(
            Violation::new(
                format!(
                    "the CNIL's AI sheets do not apply (regime: {regime}): {}; only the scope and regime rules were run",
                    d.reasons.join("; ")
                ),
                fix,
            )
            .at(at),
        );
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
    fn each_regime_outside_the_sheets_is_named() {
        for (fragment, regime) in [
            ("[regime]\nnational-security = true\n", "national-security"),
            (
                "[controller]\ntype = \"competent-authority\"\n[regime]\nlaw-enforcement-purpose = true\n",
                "law-enforcement-directive",
            ),
            ("[project]\npersonal-data = \"no\"\n", "out-of-scope"),
            ("[project]\nphase = \"deployment\"\n", "gdpr"),
        ] {
            let v = violations(fragment);
            assert_eq!(v.len(), 1, "{fragment}: {v:?}");
            assert!(
                v[0].message.contains(&format!("regime: {regime})")),
                "{v:?}"
            );
        }
    }

    #[test]
    fn the_engine_reports_it_when_the_sheets_do_not_apply() {
        let (text, manifest, evidence) =
            build(&Example::toml("[regime]\nnational-security = true\n")).unwrap();
        let report = crate::check(&manifest, &text, &evidence);
        assert!(report.findings.iter().any(|f| f.rule == "S1-REGIME-05"));
    }
}
