//! RIGHTS-06: the controller can search for a person in the training data.

use crate::decisions::Tri;
use crate::rule::{Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "RIGHTS-06",
    title: "A person can be searched for in the training data",
    sheet: Sheet::Rights,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "personal data is processed (or may be)",
    source: "Catalogue RIGHTS-06 (CNIL sheet \"Respecting and facilitating the exercise of data subjects' rights\", February 2025); GDPR Art. 12(2) and 15.",
    doc: "When a request concerns the model and the training dataset is still held, the CNIL recommends searching for the person there first, since the state of the art rarely allows listing everything a model memorised; answering access and erasure requests needs a way to find a person's records. The rule fails when personal data is processed and `rights.search-tooling` is not true (tooling that finds a person by identifiers, such as `privasift rights`).",
    bad: Example::toml("[rights]\nsearch-tooling = false\n"),
    good: Example::toml("[rights]\nsearch-tooling = true\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        if cx.decisions.personal_data.value == Tri::No {
            return;
        }
        if !cx.manifest.rights.search_tooling {
            out.push(
                Violation::new(
                    "there is no way to search for a person in the training data",
                    "set up tooling that finds a person's records in the dataset by their identifiers (e.g. `privasift rights`), and set `rights.search-tooling = true`",
                )
                .at("rights.search-tooling"),
            );
        }
    }
}
