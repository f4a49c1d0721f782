//! RIGHTS-05: people are told what extra information helps find them in
//! the data.

use crate::decisions::Tri;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-05",
    title: "People are told what helps identify them in the data",
    sheet: Sheet::Rights,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be)",
    source: "Catalogue RIGHTS-05 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 11(2) and 12(2).",
    doc: "Finding a person in a large training dataset is often hard, and the controller need not collect extra data only to answer requests (GDPR Art. 11). The CNIL therefore recommends anticipating: tell people which additional information (e.g. an image, a pseudonym, a customer number) lets the controller find their data. The rule fails when personal data is processed and `rights.identification-help` is not true.",
    bad: Example::toml("[rights]\nidentification-help = false\n"),
    good: Example::toml("[rights]\nidentification-help = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if !cx.manifest.rights.identification_help {
            out.push(
                Violation::new(
                    "people are not told which information helps find their data",
                    "say in the notice or the rights procedure which extra information (e.g. a ticket number, a pseudonym, an image) lets you find a person in the dataset, and set `rights.identification-help = true`",
                )
                .at("rights.identification-help"),
            );
        }
    }
}
