//! S6-DESIGN-06: an ethics committee, or an AI referent, gives an internal
//! opinion on the project.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-06",
    title: "An ethics committee or an AI referent is in place",
    sheet: Sheet::Design,
    kind: RuleKind::GoodPractice,
    confidence: Confidence::Verified,
    applies: "always",
    source: "Catalogue S6-DESIGN-06 (CNIL sheet 6, \"Taking data protection into account in the system design choices\"), settled by the seeds: consultation summary, how-to sheet 6, \"On the role of the ethics committee\": \"The establishment and consultation of such a committee is a good practice to be associated with the validation of an AI development project [...] An alternative good practice may also be to consult or appoint an 'AI referent'.\"",
    doc: "Setting up and consulting an ethics committee is a good practice associated with the validation of an AI development project; it may include external members, and its role is to give an internal opinion on the relevance of the project, not to replace governance or the competent authorities. Since a committee depends on the size and means of the organisation, consulting or appointing an AI referent is an alternative good practice. The rule fails when `governance.ethics-committee` is false and no `governance.ai-referent` is given.",
    bad: Example::toml("[governance]\nai-referent = \"<unset>\"\n"),
    good: Example::toml("[governance]\nethics-committee = true\nai-referent = \"<unset>\"\n"),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let g = &cx.manifest.governance;
        if !g.ethics_committee && !given(g.ai_referent.as_ref()) {
            out.push(
                Violation::new(
                    "the project has neither an ethics committee nor an AI referent",
                    "set up an ethics committee to give an opinion on the project (`governance.ethics-committee = true`), or appoint or consult an AI referent (`governance.ai-referent`)",
                )
                .at("governance.ai-referent"),
            );
        }
    }
}
