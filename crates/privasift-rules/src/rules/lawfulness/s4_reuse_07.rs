//! S4-REUSE-07: a dataset from others is re-used within its licence or
//! terms of use.

use crate::manifest::SourceMode;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-REUSE-07",
    title: "A dataset from others is used within its licence or terms",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "publicly accessible or third-party datasets re-used (`reuse-public`, `third-party`)",
    source: "Catalogue S4-REUSE-07 (CNIL sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data; CNIL publication on re-using databases, January 2025; read in secondary summaries).",
    doc: "A dataset published or supplied by others comes with a licence or terms of use, and may be covered by other rights (copyright, the database producer's right); the re-user should check that they permit its use, here training. The rule fails when a `reuse-public` or `third-party` source records no licence or terms (`reuse.licence`), or when it does not record that they permit this use (`reuse.licence-permits-use = true`). This point was read only in secondary summaries of the CNIL's text, so it is reported as a warning, which a justified deviation clears.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\n\n[sources.reuse]\nlicence-permits-use = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nmode = \"third-party\"\n\n[sources.reuse]\nlicence = \"contracts/dialogue-corpus-provider.pdf, clause 4 (use for training permitted)\"\nlicence-permits-use = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if !matches!(s.mode, SourceMode::ReusePublic | SourceMode::ThirdParty) {
                continue;
            }
            let r = s.reuse.as_ref();
            if !given(r.and_then(|r| r.licence.as_ref())) {
                out.push(
                    Violation::new(
                        format!("re-used dataset `{}` records no licence or terms of use", s.id),
                        "find the dataset's licence or terms of use, give them in `reuse.licence`, and record in `reuse.licence-permits-use` whether they permit training",
                    )
                    .at(&format!("sources[{i}].reuse.licence")),
                );
            } else if r.and_then(|r| r.licence_permits_use) != Some(true) {
                out.push(
                    Violation::new(
                        format!("re-used dataset `{}`: its licence is not recorded as permitting this use", s.id),
                        "check that the licence or terms permit training (and other rights, such as the database producer's, do not stand in the way), then set `reuse.licence-permits-use = true`; if they do not, do not use the dataset",
                    )
                    .at(&format!("sources[{i}].reuse.licence-permits-use")),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn licence_and_permission() {
        let unknown = violations(&Check, META.bad.manifest);
        assert_eq!(unknown.len(), 1);
        assert!(unknown[0].message.contains("not recorded as permitting"));
        assert_eq!(
            violations(
                &Check,
                "[[sources]]\n[[sources]]\n\n[sources.reuse]\nlicence-permits-use = false\n"
            )
            .len(),
            1
        );
        let none = violations(
            &Check,
            "[[sources]]\n[[sources]]\n\n[sources.reuse]\nlicence = \"<unset>\"\nlicence-permits-use = \"<unset>\"\n",
        );
        assert_eq!(none.len(), 1);
        assert!(none[0].message.contains("no licence"));
        assert!(violations(&Check, META.good.manifest).is_empty());
        assert!(violations(&Check, "").is_empty());
    }
}
