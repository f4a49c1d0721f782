//! S4-SENS-03: the "manifestly made public" exception is read as the CJEU
//! did in C-252/21: data the person published himself, for everyone.

use crate::decisions::SensitiveOutcome;
use crate::manifest::Art9Exception;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-03",
    title: "\"Manifestly made public\" covers only what the person clearly made public himself",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "sources relying on the Art. 9(2)(e) exception (`art9-exception = \"manifestly-made-public\"`)",
    source: "Catalogue S4-SENS-03, settled by the seeds: consultation summary, sheet 4, \"The incidental processing of sensitive data\": \"a clarification is added on the conditions identified by recent case-law (ECJ, 4 July 2023, case C-252/21) for mobilizing the exception relating to the collection of data 'manifestly made public'\"; GDPR Art. 9(2)(e).",
    doc: "The exception for data manifestly made public by the data subject (Art. 9(2)(e)) is read narrowly, as the Court of Justice did in C-252/21 (4 July 2023), which the CNIL's sheet now follows: the person must have made the data public himself, with a clear intention to make it accessible to the general public (e.g. explicit public settings); being reachable online is not enough, and what others published about a person does not qualify. The rule reads the sensitive-data decision of each source relying on this exception. It fails when the data was not published by the person himself (`made-public.published-by-subject`), or not with the intention to make it public (`made-public.intended-for-public`), or when nothing shows it (`made-public.evidence`).",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\nspecial-categories = [\"health\"]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\nspecial-categories = [\"health\"]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n\n[sources.made-public]\npublished-by-subject = true\nintended-for-public = true\nevidence = \"Only posts the authors published on open forums under their own account; the corpus card records each forum's public-by-default setting.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if s.art9_exception != Some(Art9Exception::ManifestlyMadePublic) {
                continue;
            }
            let Some(v) = cx
                .decisions
                .sensitive_data
                .iter()
                .find(|v| v.source == s.id)
            else {
                continue;
            };
            let (what, fix, at) = match v.outcome {
                SensitiveOutcome::Prohibited => (
                    "cannot rely on the \"manifestly made public\" exception",
                    "keep under this exception only data each person published himself with a clear intention to make it public (then set `made-public.published-by-subject` and `intended-for-public`); exclude the rest, or find another Art. 9(2) exception",
                    "made-public",
                ),
                SensitiveOutcome::ExceptionIncomplete => (
                    "does not show that the data was manifestly made public",
                    "say in `made-public.evidence` what shows the people's intention to make the data public (e.g. public account settings, where the data was published)",
                    "made-public.evidence",
                ),
                SensitiveOutcome::Incidental | SensitiveOutcome::ExceptionValid => continue,
            };
            let at = if s.made_public.is_some() {
                format!("sources[{i}].{at}")
            } else {
                format!("sources[{i}].art9-exception")
            };
            out.push(
                Violation::new(
                    format!("source `{}` {what}: {}", s.id, v.reasons.join("; ")),
                    fix,
                )
                .at(&at),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::rules::lawfulness::testing::violations;

    #[test]
    fn each_outcome() {
        let prohibited = violations(&Check, META.bad.manifest);
        assert_eq!(prohibited.len(), 1);
        assert!(prohibited[0].message.contains("C-252/21"));
        let not_intended = violations(
            &Check,
            "[[sources]]\n[[sources]]\nspecial-categories = [\"health\"]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n\n[sources.made-public]\npublished-by-subject = true\n",
        );
        assert_eq!(not_intended.len(), 1);
        assert!(not_intended[0].message.contains("cannot rely"));
        let no_evidence = violations(
            &Check,
            "[[sources]]\n[[sources]]\nspecial-categories = [\"health\"]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\n\n[sources.made-public]\npublished-by-subject = true\nintended-for-public = true\n",
        );
        assert_eq!(no_evidence.len(), 1);
        assert!(no_evidence[0].message.contains("does not show"));
        assert!(violations(&Check, META.good.manifest).is_empty());
    }
}
