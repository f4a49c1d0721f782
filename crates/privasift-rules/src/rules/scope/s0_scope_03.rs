//! S0-SCOPE-03: an organisation that fine-tunes (or adapts by transfer
//! learning) an existing model is the provider of the model it designs.

use crate::manifest::{AiActRole, Training};
use crate::parse::kebab;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S0-SCOPE-03",
    title: "A fine-tuning organisation is the provider of the model it designs",
    sheet: Sheet::Scope,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "projects trained by fine-tuning or transfer learning, when the sheets apply",
    source: "Catalogue S0-SCOPE-03 (CNIL introductory sheet: scope), settled by the seeds: consultation summary, introductory sheet, \"The inclusion of the fine-tuning in the scope\": \"The CNIL has included fine-tuning or transfer learning within its scope: they can be assimilated to processing in the development phase. [...] An organization performing fine-tuning will have a system provider role for the model it has designed and will be bound by the same obligations.\"",
    doc: "Fine-tuning and transfer learning are within the scope of the CNIL's AI sheets: like training from scratch, they need design choices, a dataset and a learning phase, so they are processing in the development phase. The organisation that fine-tunes has the role of provider for the model it designs and is bound by the same obligations as one that builds a model from scratch; adapting a third party's model does not make it a mere user. The rule fails when `project.training` is `fine-tuning` or `transfer-learning` and no actor named like the controller (`controller.name`) declares `ai-act-role = \"provider\"` (names are compared ignoring case and punctuation, and a legal form such as SAS may be left out).",
    bad: Example::toml("[[actors]]\nai-act-role = \"deployer\"\n"),
    good: Example::toml("[project]\ntraining = \"transfer-learning\"\n"),
};

/// Names compared loosely: case, punctuation and spacing do not matter,
/// and a legal form after the name may be left out (`Exemplar Support`
/// stands for `Exemplar Support SAS`).
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

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        let training = m.project.training;
        if !cx.decisions.legal_regime.sheets_apply
            || !matches!(training, Training::FineTuning | Training::TransferLearning)
        {
            return;
        }
        let controller = &m.controller.name;
        let named: Vec<(usize, &crate::manifest::Actor)> = m
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| named_like(&a.name, controller))
            .collect();
        if named
            .iter()
            .any(|(_, a)| a.ai_act_role == AiActRole::Provider)
        {
            return;
        }
        let how = kebab(&training);
        let v = match named.first() {
            Some((i, a)) => Violation::new(
                format!(
                    "the project is trained by {how}, but actor `{}` declares the AI Act role `{}`: the organisation that fine-tunes is the provider of the model it designs",
                    a.name,
                    kebab(&a.ai_act_role)
                ),
                format!("set `ai-act-role = \"provider\"` on actor `{}` and apply the provider's obligations to the fine-tuned model", a.name),
            )
            .at(&format!("actors[{i}].ai-act-role")),
            None => Violation::new(
                format!("the project is trained by {how}, but no actor names the controller `{controller}` as provider of the model it designs"),
                format!("add an `[[actors]]` entry for `{controller}` with its GDPR role and `ai-act-role = \"provider\"`"),
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
    fn fine_tuning_without_provider_fails() {
        let v = violations("[[actors]]\nai-act-role = \"deployer\"\n");
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("fine-tuning"), "{v:?}");
    }

    #[test]
    fn transfer_learning_counts_too() {
        let v = violations(
            "[project]\ntraining = \"transfer-learning\"\n[[actors]]\nai-act-role = \"none\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("transfer-learning"), "{v:?}");
    }

    #[test]
    fn no_actor_for_the_controller_fails() {
        let v = violations(
            "[[actors]]\nname = \"Someone Else SA\"\n[[actors]]\non-behalf-of = \"Someone Else SA\"\n",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].message.contains("no actor"), "{v:?}");
        let v = violations("actors = \"<unset>\"\n");
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn names_are_compared_loosely() {
        assert!(named_like("Exemplar Support", "exemplar-support SAS"));
        assert!(!named_like("Exemplar", "Exemplary Support"));
        let v = violations(
            "[[actors]]\nname = \"EXEMPLAR SUPPORT\"\n[[actors]]\non-behalf-of = \"EXEMPLAR SUPPORT\"\n",
        );
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn training_from_scratch_is_not_concerned() {
        assert!(
            violations(
                "[project]\ntraining = \"from-scratch\"\n[[actors]]\nai-act-role = \"deployer\"\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn outside_the_sheets_nothing_is_said() {
        assert!(
            violations(
                "[project]\nphase = \"deployment\"\n[[actors]]\nai-act-role = \"deployer\"\n"
            )
            .is_empty()
        );
    }
}
