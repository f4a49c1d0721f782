//! S0-SCOPE-07: a dataset built outside the EU is re-used under the GDPR,
//! with the re-user's own checks done.

use crate::manifest::SourceMode;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// EU and EEA member states (ISO 3166-1 alpha-2, with `EL` for Greece as
/// the EU writes it), the unions themselves, and their names in English
/// and French, lowercased.
const EU_EEA: &[&str] = &[
    "eu",
    "eea",
    "ue",
    "eee",
    "european union",
    "european economic area",
    "union européenne",
    "espace économique européen",
    "at",
    "be",
    "bg",
    "hr",
    "cy",
    "cz",
    "dk",
    "ee",
    "fi",
    "fr",
    "de",
    "gr",
    "el",
    "hu",
    "ie",
    "it",
    "lv",
    "lt",
    "lu",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "si",
    "es",
    "se",
    "is",
    "li",
    "no",
    "austria",
    "belgium",
    "bulgaria",
    "croatia",
    "cyprus",
    "czechia",
    "czech republic",
    "denmark",
    "estonia",
    "finland",
    "france",
    "germany",
    "greece",
    "hungary",
    "ireland",
    "italy",
    "latvia",
    "lithuania",
    "luxembourg",
    "malta",
    "netherlands",
    "the netherlands",
    "poland",
    "portugal",
    "romania",
    "slovakia",
    "slovenia",
    "spain",
    "sweden",
    "iceland",
    "liechtenstein",
    "norway",
    "autriche",
    "belgique",
    "bulgarie",
    "croatie",
    "chypre",
    "tchéquie",
    "danemark",
    "estonie",
    "finlande",
    "allemagne",
    "grèce",
    "hongrie",
    "irlande",
    "italie",
    "lettonie",
    "lituanie",
    "malte",
    "pays-bas",
    "pologne",
    "roumanie",
    "slovaquie",
    "slovénie",
    "espagne",
    "suède",
    "islande",
    "norvège",
];

/// Is this jurisdiction inside the EU or the EEA?
fn in_eu_eea(j: &str) -> bool {
    let j = j.trim().to_lowercase();
    EU_EEA.contains(&j.as_str())
}

static META: RuleMeta = RuleMeta {
    id: "S0-SCOPE-07",
    title: "A dataset built outside the EU is re-used under the GDPR, with its checks done",
    sheet: Sheet::Scope,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "publicly available or third-party datasets holding personal data, built outside the EU/EEA, when the sheets apply",
    source: "Catalogue S0-SCOPE-07 (CNIL introductory sheet: scope; sheet 4, \"Ensuring the lawfulness of the data processing\", re-use of data); GDPR Art. 3(1).",
    doc: "A re-user established in the EU is subject to the GDPR for its own processing, even when the dataset it re-uses was created and disseminated outside French or EU law: the foreign origin of a dataset does not exempt the re-user from the checks the CNIL asks for a re-used dataset. The rule fails when a `reuse-public` or `third-party` source holding personal data (and not declared anonymised) gives an `origin-jurisdiction` outside the EU and the EEA, and its re-use checks are not done: `reuse.source-documented` or `reuse.provenance-checked` is false. EU and EEA states are recognised by ISO code (and `EL`), by English or French name, and as `EU`, `EEA`, `UE`, `EEE`.",
    bad: Example::toml(
        "[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"US\"\nprovenance-checked = false\n",
    ),
    good: Example::toml(
        "[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"US\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if !cx.decisions.legal_regime.sheets_apply {
            return;
        }
        for (i, s) in cx.manifest.sources.iter().enumerate() {
            if !s.personal_data
                || !matches!(s.mode, SourceMode::ReusePublic | SourceMode::ThirdParty)
            {
                continue;
            }
            let Some(r) = &s.reuse else {
                continue;
            };
            let Some(origin) = r
                .origin_jurisdiction
                .as_deref()
                .filter(|j| !j.trim().is_empty())
            else {
                continue;
            };
            if r.anonymised || in_eu_eea(origin) {
                continue;
            }
            let missing: Vec<&str> = [
                ("source-documented", r.source_documented),
                ("provenance-checked", r.provenance_checked),
            ]
            .into_iter()
            .filter(|(_, done)| !done)
            .map(|(key, _)| key)
            .collect();
            let Some(first) = missing.first() else {
                continue;
            };
            let keys: Vec<String> = missing.iter().map(|k| format!("`reuse.{k}`")).collect();
            out.push(
                Violation::new(
                    format!(
                        "source `{}` was built outside the EU/EEA ({}), yet its re-use is subject to the GDPR and its checks are not done: {} false",
                        s.id,
                        origin.trim(),
                        keys.join(" and ")
                    ),
                    "check that the dataset's documentation states its source and that its provenance leaves no flagrant doubt about lawfulness, as for any re-used dataset, then record these checks as done",
                )
                .at(&format!("sources[{i}].reuse.{first}")),
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
    fn foreign_dataset_without_checks_fails() {
        let v = violations(
            "[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"United States\"\nsource-documented = false\nprovenance-checked = false\n",
        );
        assert_eq!(v.len(), 1);
        assert!(
            v[0].message
                .contains("`reuse.source-documented` and `reuse.provenance-checked`"),
            "{v:?}"
        );
        let v = violations(
            "[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"CN\"\nsource-documented = false\n",
        );
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn eu_and_eea_origins_are_not_concerned() {
        for j in ["EU", "fr", "Germany", "NO", "Pays-Bas", " EEA "] {
            assert!(in_eu_eea(j), "{j}");
        }
        assert!(!in_eu_eea("US"));
        assert!(!in_eu_eea("United Kingdom"));
        assert!(violations("[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"DE\"\nprovenance-checked = false\n").is_empty());
    }

    #[test]
    fn anonymised_unknown_origin_and_own_data_are_not_concerned() {
        assert!(violations("[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"US\"\nprovenance-checked = false\nanonymised = true\n").is_empty());
        assert!(violations("[[sources]]\n[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"<unset>\"\nprovenance-checked = false\n").is_empty());
        assert!(
            violations("[[sources]]\n[sources.reuse]\norigin-jurisdiction = \"US\"\n").is_empty()
        );
    }
}
