//! `check`: decisions, then every rule, then deviations applied. A pure
//! function of the manifest (and its text, for line numbers), the evidence
//! and the date.

use serde::Serialize;

use crate::decisions::{Decisions, decide};
use crate::evidence::Evidence;
use crate::manifest::Manifest;
use crate::parse::{line_col, locate};
use crate::rule::{Confidence, Context, RuleKind, Severity, Sheet};

/// One problem found, with its rule and where it comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub title: &'static str,
    pub sheet: Sheet,
    pub sheet_title: &'static str,
    /// The point of the source (catalogue entry, seed passage).
    pub source: &'static str,
    pub kind: RuleKind,
    pub confidence: Confidence,
    pub severity: Severity,
    pub message: String,
    pub fix: String,
    /// Path in the manifest (`sources[0].legal-basis`) and its position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The justified deviation that clears this warning, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviation: Option<String>,
}

impl Finding {
    /// Still counts: not cleared by a deviation.
    pub fn open(&self) -> bool {
        self.deviation.is_none()
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub suggestions: usize,
    /// Warnings cleared by a justified deviation.
    pub cleared: usize,
}

/// What `privasift check` returns.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub project: String,
    pub controller: String,
    pub decisions: Decisions,
    pub findings: Vec<Finding>,
    pub counts: Counts,
    /// Rules evaluated (all of them when the sheets apply, else only the
    /// scope and regime rules).
    pub rules_evaluated: usize,
    pub evidence: Evidence,
}

impl Report {
    /// An obligation fails: `check` exits non-zero.
    pub fn fails(&self) -> bool {
        self.counts.errors > 0
    }
}

/// What a rule's kind and the catalogue's confidence make of a finding:
/// only verified obligations are errors (entries marked S or U are warnings
/// or suggestions, as the issue and the catalogue ask).
pub fn severity(kind: RuleKind, confidence: Confidence) -> Severity {
    match (kind, confidence) {
        (RuleKind::Obligation, Confidence::Verified) => Severity::Error,
        (RuleKind::Obligation, _)
        | (RuleKind::Recommendation, Confidence::Verified | Confidence::Secondary) => {
            Severity::Warning
        }
        (RuleKind::Recommendation, Confidence::Unconfirmed) | (RuleKind::GoodPractice, _) => {
            Severity::Suggestion
        }
    }
}

/// Checks a manifest. `text` is the manifest's source (for line numbers;
/// may be empty).
pub fn check(manifest: &Manifest, text: &str, evidence: &Evidence) -> Report {
    let decisions = decide(manifest, evidence);
    let cx = Context {
        manifest,
        evidence,
        decisions: &decisions,
    };
    let applies = decisions.legal_regime.sheets_apply;
    let mut findings = Vec::new();
    let mut evaluated = 0;
    for rule in crate::rules::all() {
        let meta = rule.meta();
        if !applies && !matches!(meta.sheet, Sheet::Scope | Sheet::LegalRegime) {
            continue;
        }
        evaluated += 1;
        let mut out = Vec::new();
        rule.check(&cx, &mut out);
        for v in out {
            let pos =
                v.at.as_ref()
                    .and_then(|p| locate(text, p))
                    .map(|r| line_col(text, r.start));
            let severity = severity(meta.kind, meta.confidence);
            let deviation = (severity != Severity::Error)
                .then(|| manifest.deviation(meta.id))
                .flatten()
                .map(|d| {
                    let by = d
                        .approved_by
                        .as_deref()
                        .map(|b| format!(" (approved by {b})"))
                        .unwrap_or_default();
                    format!("{}{by}", d.justification.trim())
                });
            findings.push(Finding {
                rule: meta.id,
                title: meta.title,
                sheet: meta.sheet,
                sheet_title: meta.sheet.title(),
                source: meta.source,
                kind: meta.kind,
                confidence: meta.confidence,
                severity,
                message: v.message,
                fix: v.fix,
                at: v.at.as_ref().map(ToString::to_string),
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
                deviation,
            });
        }
    }
    findings.sort_by(|a, b| {
        (a.severity, a.sheet, a.rule, a.line).cmp(&(b.severity, b.sheet, b.rule, b.line))
    });
    let mut counts = Counts::default();
    for f in &findings {
        match (f.open(), f.severity) {
            (false, _) => counts.cleared += 1,
            (true, Severity::Error) => counts.errors += 1,
            (true, Severity::Warning) => counts.warnings += 1,
            (true, Severity::Suggestion) => counts.suggestions += 1,
        }
    }
    Report {
        project: manifest.project.name.clone(),
        controller: manifest.controller.name.clone(),
        decisions,
        findings,
        counts,
        rules_evaluated: evaluated,
        evidence: evidence.clone(),
    }
}
