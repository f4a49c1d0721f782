//! S1-REGIME-01: a regime other than the GDPR (law enforcement, national security) rests on a stated operational use.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S1-REGIME-01",
    title: "The regime of the processing is determined from a stated use",
    sheet: Sheet::LegalRegime,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "a law-enforcement purpose or national security is declared (`regime.law-enforcement-purpose`, `regime.national-security`)",
    source: "Catalogue S1-REGIME-01 (CNIL sheet 1, \"Determining the applicable legal regime\"; read in secondary summaries); GDPR Art. 2(2)(d); Directive (EU) 2016/680.",
    doc: "Each processing falls under one regime: the GDPR, the \"police-justice\" regime of the Law Enforcement Directive, or the national defence and State security regime outside EU law; the regime follows from the use the system serves. Declaring a law-enforcement purpose or national security without saying what that use is leaves the regime (and whether the CNIL's sheets apply at all) resting on an unstated use. The rule fails when `regime.law-enforcement-purpose` or `regime.national-security` is true, `regime.operational-use-identified` is false and `regime.operational-use` is not given. This point was read only in secondary summaries of the CNIL's sheet, so a failure is reported as a warning.",
    bad: Example::toml(
        "[regime]\nnational-security = true\noperational-use-identified = false\noperational-use = \"<unset>\"\n",
    ),
    good: Example::toml("[regime]\nnational-security = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let r = &cx.manifest.regime;
        if !(r.law_enforcement_purpose || r.national_security)
            || r.operational_use_identified
            || given(r.operational_use.as_ref())
        {
            return;
        }
        let what = if r.national_security {
            "national security"
        } else {
            "a law-enforcement purpose"
        };
        out.push(
            Violation::new(
                format!("{what} is declared but the use it rests on is not stated"),
                "describe in `regime.operational-use` the use the system is developed for and set `regime.operational-use-identified = true`, so the regime (GDPR, Law Enforcement Directive or national security) can be determined; if no such use exists, clear the flag",
            )
            .at("regime.operational-use"),
        );
    }
}
