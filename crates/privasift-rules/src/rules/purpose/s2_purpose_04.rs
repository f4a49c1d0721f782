//! S2-PURPOSE-04: without an identified operational use, a purpose is made
//! precise by the type of system and its main capabilities.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

/// Words that only say "develop/train an AI model", in English and French:
/// a purpose made of these alone names no type of system.
const GENERIC: &[&str] = &[
    // verbs and nouns of the activity
    "develop",
    "developing",
    "development",
    "build",
    "building",
    "create",
    "creating",
    "creation",
    "design",
    "designing",
    "train",
    "training",
    "pretrain",
    "pretraining",
    "pre",
    "fine",
    "tune",
    "tuning",
    "improve",
    "improving",
    "research",
    "développer",
    "développement",
    "concevoir",
    "conception",
    "créer",
    "création",
    "construire",
    "entraîner",
    "entraînement",
    "entrainer",
    "entrainement",
    "améliorer",
    "recherche",
    // the object
    "ai",
    "ia",
    "artificial",
    "intelligence",
    "artificielle",
    "model",
    "models",
    "modèle",
    "modèles",
    "modele",
    "modeles",
    "system",
    "systems",
    "système",
    "systèmes",
    "generative",
    "génératif",
    "générative",
    "generatif",
    "large",
    "grand",
    "grands",
    "language",
    "langage",
    "llm",
    "llms",
    "foundation",
    "fondation",
    "general",
    "purpose",
    "général",
    "générale",
    "usage",
    "multi",
    "multimodal",
    "neural",
    "network",
    "réseau",
    "neurones",
    "machine",
    "learning",
    "apprentissage",
    "automatique",
    "deep",
    "profond",
    "new",
    "nouveau",
    "nouvel",
    "nouvelle",
    "own",
    "propre",
    // grammar words
    "a",
    "an",
    "the",
    "of",
    "for",
    "our",
    "to",
    "and",
    "un",
    "une",
    "le",
    "la",
    "les",
    "l",
    "d",
    "de",
    "des",
    "du",
    "pour",
    "notre",
    "nos",
    "et",
    "à",
];

/// The purpose's text says no more than "developing an AI model".
fn generic(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| GENERIC.contains(&w))
}

static META: RuleMeta = RuleMeta {
    id: "S2-PURPOSE-04",
    title: "A general-purpose project's purposes give the type of system and its capabilities",
    sheet: Sheet::Purpose,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Secondary,
    applies: "general-purpose projects, or projects whose operational use is not identified",
    source: "Catalogue S2-PURPOSE-04 (CNIL sheet 2, \"Defining a purpose\", general-purpose AI systems); consultation summary, how-to sheet 2, \"The criteria for defining the purpose for general purpose AI systems\".",
    doc: "When the operational use is not identified at development time (a general-purpose model or system), the purpose must still be precise: it can be described by the type of system developed and its main technically feasible capabilities, without listing every future application. A purpose worded only as \"developing a generative AI model\" is not a purpose. This point was read only in a secondary summary of the CNIL sheet, so it is reported as a warning. The rule fails, for a general-purpose project or one whose operational use is not identified, when a purpose gives no `system-type` or no `capabilities`; a purpose whose text is only such a generic phrase (in English or French) and that lists no capabilities is reported as not being a purpose.",
    bad: Example::toml(
        "[project]\ngeneral-purpose = true\n[[purposes]]\ntext = \"Developing a generative AI model.\"\nsystem-type = \"<unset>\"\ncapabilities = []\n",
    ),
    good: Example::toml(
        "[project]\ngeneral-purpose = true\n[[purposes]]\ntext = \"Developing a large language model able to draft and summarise customer-service texts in French and English.\"\nsystem-type = \"large language model for text generation\"\ncapabilities = [\"draft answers to questions\", \"summarise documents\", \"classify messages by topic\"]\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if !m.project.general_purpose && m.regime.operational_use_identified {
            return;
        }
        let why = if m.project.general_purpose {
            "a general-purpose project"
        } else {
            "the operational use is not identified"
        };
        for (i, p) in m.purposes.iter().enumerate() {
            let no_capabilities = p.capabilities.iter().all(|c| !given(Some(c)));
            if no_capabilities && generic(&p.text) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` only says it develops an AI model (\"{}\"): that is not a purpose ({why})", p.id, p.text.trim()),
                        "say which type of system is developed and list its main technically feasible capabilities in `system-type` and `capabilities` (e.g. a text-generation model able to summarise, translate, answer questions)",
                    )
                    .at(&format!("purposes[{i}].text")),
                );
            } else if no_capabilities {
                out.push(
                    Violation::new(
                        format!("purpose `{}` lists no capabilities ({why})", p.id),
                        "list in `capabilities` the system's main technically feasible functions; every future application need not be listed",
                    )
                    .at(&format!("purposes[{i}].capabilities")),
                );
            }
            if !given(p.system_type.as_ref()) {
                out.push(
                    Violation::new(
                        format!("purpose `{}` does not say which type of system is developed ({why})", p.id),
                        "set `system-type` (e.g. \"large language model for text generation\", \"image classifier\")",
                    )
                    .at(&format!("purposes[{i}].system-type")),
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
    fn generic_phrases_are_recognised() {
        for t in [
            "developing a generative AI model",
            "Développer un modèle d'IA générative.",
            "Train a large language model",
            "LLM training",
        ] {
            assert!(generic(t), "{t}");
        }
        for t in [
            "",
            "Develop a conversational assistant for support tickets",
            "Développer un modèle de détection de fraude",
        ] {
            assert!(!generic(t), "{t}");
        }
    }

    #[test]
    fn a_generic_purpose_is_not_a_purpose() {
        let v = violations(
            "[project]\ngeneral-purpose = true\n[[purposes]]\ntext = \"Développer un modèle d'IA générative\"\ncapabilities = []\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("not a purpose"));
    }

    #[test]
    fn missing_type_or_capabilities_fail_when_the_use_is_not_identified() {
        let v = violations(
            "[regime]\noperational-use-identified = false\n[[purposes]]\ncapabilities = []\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("no capabilities"));
        let v = violations(
            "[regime]\noperational-use-identified = false\n[[purposes]]\nsystem-type = \"TODO\"\n",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].message.contains("type of system"));
    }

    #[test]
    fn an_identified_use_is_not_concerned() {
        assert!(violations("[[purposes]]\ntext = \"developing a generative AI model\"\nsystem-type = \"<unset>\"\ncapabilities = []\n").is_empty());
    }
}
