//! S3-ACTORS-03: joint controllers set out their respective
//! responsibilities in an arrangement (GDPR Art. 26).

use crate::manifest::GdprRole;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S3-ACTORS-03",
    title: "Joint controllers have an Art. 26 arrangement",
    sheet: Sheet::Actors,
    kind: RuleKind::Obligation,
    confidence: Confidence::Secondary,
    applies: "every actor qualified as joint controller",
    source: "Catalogue S3-ACTORS-03 (CNIL sheet 3, \"Determining the legal qualification of AI system providers\", joint controllership); GDPR Art. 26.",
    doc: "When several bodies jointly determine the purpose and means of the processing (for instance hospitals that together develop an imaging model, choosing the protocol and the data, or organisations feeding one dataset for a common purpose), they are joint controllers and must set out their respective obligations in an arrangement (GDPR Art. 26). The CNIL's example was read only in a secondary summary of the sheet, so the rule is reported as a warning, although Art. 26 itself is binding. The rule fails when an actor with `gdpr-role = \"joint-controller\"` gives no `arrangement` (or a TODO).",
    bad: Example::toml(
        "[[actors]]\n[[actors]]\n[[actors]]\nname = \"University Hospital Lab\"\ngdpr-role = \"joint-controller\"\n",
    ),
    good: Example::toml(
        "[[actors]]\n[[actors]]\n[[actors]]\nname = \"University Hospital Lab\"\ngdpr-role = \"joint-controller\"\narrangement = \"contracts/joint-controllers-art26.pdf\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        for (i, a) in cx.manifest.actors.iter().enumerate() {
            if a.gdpr_role == GdprRole::JointController && !given(a.arrangement.as_ref()) {
                out.push(
                    Violation::new(
                        format!("joint controller `{}` has no Art. 26 arrangement", a.name),
                        "agree with the other controllers an arrangement setting out who does what (information, rights, security, DPIA) and give its reference in `arrangement`",
                    )
                    .at(&format!("actors[{i}].arrangement")),
                );
            }
        }
    }
}
