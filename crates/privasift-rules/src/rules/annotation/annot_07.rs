//! ANNOT-07: annotation is overseen by an ethics referent or committee.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "ANNOT-07",
    title: "An ethics referent or committee oversees the annotation",
    sheet: Sheet::Annotation,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Unconfirmed,
    applies: "the data is annotated (an `[annotation]` table)",
    source: "Catalogue ANNOT-07 (CNIL sheet \"Annotating data\", July 2025; not confirmed in a CNIL text).",
    doc: "Labelling people's data can reveal or create sensitive information, and the choices of labels carry value judgements; involving an ethics referent or an ethics committee in the annotation, and telling the people their data is annotated, limits that risk. The manifest records no annotation-specific information element, so the rule checks the oversight only: it fails when the manifest has an `[annotation]` table, gives no `governance.ai-referent` and does not declare `governance.ethics-committee = true`. This point is not confirmed in a CNIL text (the catalogue marks it unconfirmed), so a failure is reported only as a suggestion.",
    bad: Example::toml(
        "[annotation]\nlabels = [\"intent\"]\nlabels-justified = true\nprotocol = \"docs/annotation-protocol.md\"\nquality-checks = true\n[governance]\nai-referent = \"<unset>\"\n",
    ),
    good: Example::toml(
        "[annotation]\nlabels = [\"intent\"]\nlabels-justified = true\nprotocol = \"docs/annotation-protocol.md\"\nquality-checks = true\n[governance]\nai-referent = \"<unset>\"\nethics-committee = true\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let m = cx.manifest;
        if m.annotation.is_none()
            || m.governance.ethics_committee
            || given(m.governance.ai_referent.as_ref())
        {
            return;
        }
        out.push(
            Violation::new(
                "the data is annotated but no ethics referent or committee oversees the annotation",
                "name an AI or ethics referent in `governance.ai-referent` (or involve an ethics committee and set `governance.ethics-committee = true`), have them review the labels, especially sensitive ones, and tell the people their data is annotated",
            )
            .at("governance.ai-referent"),
        );
    }
}
