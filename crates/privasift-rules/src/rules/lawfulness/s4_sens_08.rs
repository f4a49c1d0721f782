//! S4-SENS-08: annotation labels that reveal special categories of data are
//! treated under Art. 9.

use crate::manifest::SpecialCategory;
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

/// Word stems (EN, FR) of label names that reveal a special category. A
/// stem matches the start of a word of the label (`ethni` matches
/// `ethnicity` and `ethnie`); a stem ending in `.` matches the whole word
/// only (or its plural); several words must follow each other. Words that
/// are also common in support or technical labels are left out or spelt
/// longer (`diagnostic`, French `politique` alone = "policy", `syndic` =
/// property manager).
const LEXICON: &[(&str, SpecialCategory)] = &[
    ("health", SpecialCategory::Health),
    ("disease", SpecialCategory::Health),
    ("diagnosis", SpecialCategory::Health),
    ("diagnose", SpecialCategory::Health),
    ("illness", SpecialCategory::Health),
    ("medical", SpecialCategory::Health),
    ("disabilit", SpecialCategory::Health),
    ("pregnan", SpecialCategory::Health),
    ("symptom", SpecialCategory::Health),
    ("santé", SpecialCategory::Health),
    ("sante", SpecialCategory::Health),
    ("maladi", SpecialCategory::Health),
    ("médic", SpecialCategory::Health),
    ("handicap", SpecialCategory::Health),
    ("grossesse", SpecialCategory::Health),
    ("religi", SpecialCategory::ReligionOrBelief),
    ("belief", SpecialCategory::ReligionOrBelief),
    ("croyance", SpecialCategory::ReligionOrBelief),
    ("political", SpecialCategory::PoliticalOpinion),
    ("politics", SpecialCategory::PoliticalOpinion),
    ("opinion politique", SpecialCategory::PoliticalOpinion),
    ("parti politique", SpecialCategory::PoliticalOpinion),
    ("orientation politique", SpecialCategory::PoliticalOpinion),
    ("trade union", SpecialCategory::TradeUnion),
    ("union member", SpecialCategory::TradeUnion),
    ("syndica", SpecialCategory::TradeUnion),
    ("sexual", SpecialCategory::SexualOrientationOrLife),
    ("sexuel", SpecialCategory::SexualOrientationOrLife),
    ("homosexu", SpecialCategory::SexualOrientationOrLife),
    ("lgbt", SpecialCategory::SexualOrientationOrLife),
    ("gay.", SpecialCategory::SexualOrientationOrLife),
    ("lesbi", SpecialCategory::SexualOrientationOrLife),
    ("ethni", SpecialCategory::EthnicOrigin),
    ("race.", SpecialCategory::EthnicOrigin),
    ("racial", SpecialCategory::EthnicOrigin),
    ("genetic", SpecialCategory::Genetic),
    ("génétique", SpecialCategory::Genetic),
    ("genom", SpecialCategory::Genetic),
    ("dna.", SpecialCategory::Genetic),
    ("adn.", SpecialCategory::Genetic),
    ("biometri", SpecialCategory::Biometric),
    ("biométri", SpecialCategory::Biometric),
    ("voiceprint", SpecialCategory::Biometric),
    ("empreinte digitale", SpecialCategory::Biometric),
    ("criminal", SpecialCategory::CriminalOffence),
    ("conviction", SpecialCategory::CriminalOffence),
    ("casier judiciaire", SpecialCategory::CriminalOffence),
    ("condamnation pénal", SpecialCategory::CriminalOffence),
];

/// Whether a word of a label matches one stem of the lexicon.
fn matches(word: &str, stem: &str) -> bool {
    match stem.strip_suffix('.') {
        Some(whole) => word == whole || word.strip_suffix('s') == Some(whole),
        None => word.starts_with(stem),
    }
}

/// The special categories a label name reveals.
fn revealed(label: &str) -> Vec<SpecialCategory> {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<SpecialCategory> = LEXICON
        .iter()
        .filter(|(entry, _)| {
            let stems: Vec<&str> = entry.split(' ').collect();
            words
                .windows(stems.len())
                .any(|w| w.iter().zip(&stems).all(|(word, stem)| matches(word, stem)))
        })
        .map(|&(_, c)| c)
        .collect();
    out.sort();
    out.dedup();
    out
}

static META: RuleMeta = RuleMeta {
    id: "S4-SENS-08",
    title: "Labels that reveal special categories are treated under Art. 9",
    sheet: Sheet::Lawfulness,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "projects whose data is annotated (`[annotation]`)",
    source: "Catalogue S4-SENS-08 and ANNOT-05 (CNIL annotation sheet, July 2025; read in a secondary summary); GDPR Art. 9(1), 10.",
    doc: "Annotation can make ordinary data sensitive: labelling a person's health, religion or ethnic origin from a photo or a text creates special-category data, to which Art. 9 then applies (an exception if it is sought, S4-SENS-01). The rule matches each label name against a small English and French lexicon of special categories (health, disease, diagnosis, religion, political, trade union, sexual orientation, ethnic origin, genetic, biometric, offences; santé, maladie, syndicat, orientation sexuelle, ethnie, ...). It fails when a label reveals a special category that no source declares in `special-categories`. This point was read only in a secondary summary of the CNIL's annotation sheet, and a lexicon can miss or over-match labels, so it is reported as a warning.",
    bad: Example::toml(
        "[annotation]\nlabels = [\"billing question\", \"religious holiday request\"]\n",
    ),
    good: Example::toml(
        "[annotation]\nlabels = [\"billing question\", \"health-related complaint\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let Some(a) = &cx.manifest.annotation else {
            return;
        };
        let declared = cx.manifest.declared_special();
        for (i, label) in a.labels.iter().enumerate() {
            let undeclared: Vec<String> = revealed(label)
                .into_iter()
                .filter(|c| !declared.contains(c))
                .map(|c| kebab(&c))
                .collect();
            if !undeclared.is_empty() {
                out.push(
                    Violation::new(
                        format!(
                            "annotation label `{label}` reveals special-category data ({}) that no source declares",
                            undeclared.join(", ")
                        ),
                        "drop the label if the system does not need it; otherwise declare the category in the `special-categories` of the sources annotated, with `special-categories-targeted = true` and the Art. 9(2) exception it rests on",
                    )
                    .at(&format!("annotation.labels[{i}]")),
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
    fn the_lexicon() {
        use SpecialCategory as C;
        assert_eq!(revealed("Ethnicity"), vec![C::EthnicOrigin]);
        assert_eq!(
            revealed("orientation_sexuelle"),
            vec![C::SexualOrientationOrLife]
        );
        assert_eq!(revealed("opinion politique"), vec![C::PoliticalOpinion]);
        assert_eq!(revealed("membre-syndicat"), vec![C::TradeUnion]);
        assert_eq!(revealed("trade union member"), vec![C::TradeUnion]);
        assert_eq!(revealed("Santé mentale"), vec![C::Health]);
        assert_eq!(
            revealed("diagnosis/religion"),
            vec![C::Health, C::ReligionOrBelief]
        );
        assert_eq!(revealed("race"), vec![C::EthnicOrigin]);
        assert_eq!(revealed("DNA sample"), vec![C::Genetic]);
        // Near misses: a stem inside a word, or a word that means something
        // else in support and technical labels.
        for label in [
            "trace",
            "racecar",
            "policy question",
            "politique de retour",
            "european union",
            "diagnostic réseau",
            "syndic de copropriété",
            "billing question",
        ] {
            assert!(revealed(label).is_empty(), "{label}");
        }
    }

    #[test]
    fn declared_categories_are_not_reported() {
        let v = violations(&Check, META.bad.manifest);
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("religion-or-belief"));
        assert!(violations(&Check, META.good.manifest).is_empty());
        // No source declares health any more: the same label now fails.
        let v = violations(
            &Check,
            "[[sources]]\nspecial-categories = \"<unset>\"\n\n[annotation]\nlabels = [\"health-related complaint\"]\n",
        );
        assert_eq!(v.len(), 1);
        // No annotation: nothing to check.
        assert!(violations(&Check, "").is_empty());
    }
}
