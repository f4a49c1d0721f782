//! S6-DESIGN-04: particularly identifying data (photos, videos, voices) is
//! used only where the objective needs it.

use crate::rule::{
    Confidence, Context, Example, Rule, RuleKind, RuleMeta, Sheet, Violation, given,
};

pub struct Check;

static META: RuleMeta = RuleMeta {
    id: "S6-DESIGN-04",
    title: "Particularly identifying data is used only where the objective needs it",
    sheet: Sheet::Design,
    kind: RuleKind::Recommendation,
    confidence: Confidence::Verified,
    applies: "projects using particularly identifying media (`design.identifying-media`)",
    source: "Catalogue S6-DESIGN-04 (CNIL sheet 6, \"Taking data protection into account in the system design choices\"), settled by the seeds: consultation summary, how-to sheet 6, \"Compliance with the principle of minimisation\": \"solutions requiring the use of particularly identifying types of data such as videos or photos must be necessary to achieve the objective\".",
    doc: "Some types of data identify people particularly easily: photos and videos (faces), voices. Under the minimisation principle, a solution that needs such data must be necessary to achieve the objective; otherwise a less identifying form is preferred (blurred or cropped images, features extracted on the fly, text instead of audio). The rule fails when `design.identifying-media` is true and `design.identifying-media-justification` is not given (or a TODO).",
    bad: Example::toml("[design]\nidentifying-media = true\n"),
    good: Example::toml(
        "[design]\nidentifying-media = true\nidentifying-media-justification = \"Screenshots attached to tickets are needed to read error messages; faces and names in them are blurred before training.\"\n",
    ),
};

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>) {
        let d = &cx.manifest.design;
        if d.identifying_media && !given(d.identifying_media_justification.as_ref()) {
            out.push(
                Violation::new(
                    "the design uses particularly identifying data (photos, videos or voices) without saying why the objective needs it",
                    "say in `design.identifying-media-justification` why the objective cannot be reached without this data; otherwise remove it or use a less identifying form (blurring, cropping, extracted features)",
                )
                .at("design.identifying-media"),
            );
        }
    }
}
