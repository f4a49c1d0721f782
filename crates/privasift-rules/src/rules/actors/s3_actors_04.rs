//! S3-ACTORS-04: a processor acts under a contract or other legal act
//! (GDPR Art. 28).

use crate::manifest::GdprRole;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S3-ACTORS-04",
    title: "Each processor acts under an Art. 28 contract",
    sheet: Sheet::Actors,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "every actor qualified as processor",
    source: "Catalogue S3-ACTORS-04 (CNIL sheet 3, \"Determining the legal qualification of AI system providers\", the provider as processor); GDPR Art. 28(3).",
    doc: "A provider that develops a system for a customer, on its instructions, is the customer's processor; more generally, any processor (a cloud host, an annotation contractor) must act under a contract or other legal act setting out the processing and its obligations (GDPR Art. 28(3)). The CNIL's framing of this case was read only in a secondary summary of the sheet, so the rule is reported as a warning, although Art. 28 itself is binding. The rule fails when an actor with `gdpr-role = \"processor\"` gives no `arrangement` (or a TODO).",
    bad: Example::toml("[[actors]]\n[[actors]]\narrangement = \"<unset>\"\n"),
    good: Example::toml(
        "[[actors]]\n[[actors]]\narrangement = \"contracts/cloudy-compute-dpa-2025.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, a) in cx.manifest.actors.iter().enumerate() {
            if a.gdpr_role == GdprRole::Processor && !given(a.arrangement.as_ref()) {
                let whom = a.on_behalf_of.as_deref().unwrap_or("its controller");
                out.push(
                    Violation::new(
                        format!("processor `{}` has no Art. 28 contract with `{whom}`", a.name),
                        "sign a processing agreement covering the subject, duration, nature and purpose of the processing, the data and the processor's obligations (Art. 28(3)), and give its reference in `arrangement`",
                    )
                    .at(&format!("actors[{i}].arrangement")),
                );
            }
        }
    }
}
