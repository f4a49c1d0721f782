//! RIGHTS-01: a procedure lets people exercise their rights over the
//! training data (and the model, when it is not anonymous).

use crate::decisions::Tri;
use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-01",
    title: "A procedure lets people exercise their rights",
    sheet: Sheet::Rights,
    kind: RuleKind::Obligation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be)",
    source: "Catalogue RIGHTS-01 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 12 and 15 to 21.",
    doc: "The rights of access, rectification, erasure, restriction, portability and objection apply to the training dataset, and to the model itself when it is not anonymous. The controller needs a way to receive and answer such requests. The rule fails when personal data is processed and no `rights.procedure` is given.",
    bad: Example::toml("[rights]\nprocedure = \"<unset>\"\n"),
    good: Example::toml(
        "[rights]\nprocedure = \"https://exemplar-support.invalid/privacy/requests\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if !given(cx.manifest.rights.procedure.as_ref()) {
            out.push(
                Violation::new(
                    "no procedure for the exercise of rights is given",
                    "write how requests for access, rectification, erasure, restriction, portability and objection are received and answered for the dataset (and the model when it is not anonymous), and give it in `rights.procedure`",
                )
                .at("rights.procedure"),
            );
        }
    }
}
