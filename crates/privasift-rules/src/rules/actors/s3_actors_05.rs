//! S3-ACTORS-05: the AI Act roles are declared beside the GDPR roles.

use crate::manifest::AiActRole;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S3-ACTORS-05",
    title: "The AI Act roles are qualified beside the GDPR roles",
    sheet: Sheet::Actors,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S3-ACTORS-05 (CNIL sheet 3, \"Determining the legal qualification of AI system providers\"); consultation summary, how-to sheet 3, \"On the link with the AI Act\": \"developments have been added to clarify the qualifications that an 'AI system provider' could assume within the meaning of the GDPR\"; AI Act Art. 3(3)-(7).",
    doc: "The AI Act's operators (provider, deployer, importer, distributor) are roles distinct from the GDPR's controller and processor, and they apply at the same time: an AI Act role does not remove any GDPR duty, and the CNIL's sheet qualifies the AI system provider under both texts. A project developing a model or system has at least one organisation in an AI Act role, normally its provider. The rule fails when actors are listed and none declares an `ai-act-role` other than `none` (no actors at all is S3-ACTORS-01's).",
    bad: Example::toml("[[actors]]\nai-act-role = \"none\"\n"),
    good: Example::toml(
        "[[actors]]\nai-act-role = \"none\"\n[[actors]]\n[[actors]]\nname = \"Model Distributor GmbH\"\ngdpr-role = \"controller\"\nai-act-role = \"distributor\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let actors = &cx.manifest.actors;
        // No actors at all is S3-ACTORS-01's.
        if !actors.is_empty() && actors.iter().all(|a| a.ai_act_role == AiActRole::None) {
            out.push(
                Violation::new(
                    "no actor declares an AI Act role: the GDPR roles alone do not qualify the actors",
                    "set `ai-act-role` on the actors (usually `provider` for the organisation that develops or has the model developed and puts it on the market or into service under its name, `deployer` for the one that uses it)",
                )
                .at("actors"),
            );
        }
    }
}
