//! The seam for one CNIL rule: its metadata (id, sheet, kind, citation,
//! docs, examples) and a check that reads the manifest, the evidence and
//! the engine's decisions.

use serde::Serialize;

use crate::decisions::Decisions;
use crate::evidence::Evidence;
use crate::manifest::Manifest;
use crate::parse::Path;

/// What the CNIL's text does with a point (consultation summary: "these
/// sheets recall the obligations … make recommendations … some are good
/// practices").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A legal obligation the CNIL recalls: failing it is an error.
    Obligation,
    /// A recommendation: a warning, cleared by a justified deviation.
    Recommendation,
    /// A good practice beyond the GDPR: a suggestion.
    GoodPractice,
}

impl RuleKind {
    pub fn severity(self) -> Severity {
        match self {
            RuleKind::Obligation => Severity::Error,
            RuleKind::Recommendation => Severity::Warning,
            RuleKind::GoodPractice => Severity::Suggestion,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Obligation => "obligation",
            RuleKind::Recommendation => "recommendation",
            RuleKind::GoodPractice => "good practice",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Suggestion,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// How sure the catalogue is of the point (`../shared/reference/cnil-rules.md`
/// section 0.2): rules resting on a point not read in a CNIL text are never
/// errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Confidence {
    /// Read in a CNIL text (or settled by the seeds).
    #[serde(rename = "V")]
    Verified,
    /// Read in a secondary summary.
    #[serde(rename = "S")]
    Secondary,
    /// Not confirmed in a source.
    #[serde(rename = "U")]
    Unconfirmed,
}

/// The CNIL sheets, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sheet {
    Scope,
    LegalRegime,
    Purpose,
    Actors,
    Lawfulness,
    Dpia,
    Design,
    DataManagement,
    LegitimateInterest,
    Information,
    Rights,
    Annotation,
    Security,
    ModelStatus,
}

impl Sheet {
    pub fn title(self) -> &'static str {
        match self {
            Sheet::Scope => "Introductory sheet: scope",
            Sheet::LegalRegime => "Sheet 1: applicable legal regime",
            Sheet::Purpose => "Sheet 2: purpose",
            Sheet::Actors => "Sheet 3: legal qualification of actors",
            Sheet::Lawfulness => {
                "Sheet 4: lawfulness (legal basis, sensitive data, scraping, re-use)"
            }
            Sheet::Dpia => "Sheet 5: data protection impact assessment",
            Sheet::Design => "Sheet 6: design choices",
            Sheet::DataManagement => "Sheet 7: data collection and management",
            Sheet::LegitimateInterest => "Legitimate interest sheet (2025)",
            Sheet::Information => "Information of data subjects (2025)",
            Sheet::Rights => "Exercise of rights (2025)",
            Sheet::Annotation => "Annotation (2025)",
            Sheet::Security => "Security of development (2025)",
            Sheet::ModelStatus => "Status of AI models (2025)",
        }
    }
}

/// A manifest that breaks or satisfies a rule, as TOML merged onto the
/// bundled example project (`examples/project.toml`; see `examples.rs`),
/// with optional scan-report evidence. Both run as tests.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub manifest: &'static str,
    /// A scan report (JSON) given as evidence, if the rule reads one.
    pub scan: Option<&'static str>,
}

impl Example {
    pub const fn toml(manifest: &'static str) -> Example {
        Example {
            manifest,
            scan: None,
        }
    }
}

/// What a rule is, for `privasift rules` and the reports.
#[derive(Debug)]
pub struct RuleMeta {
    /// The catalogue id (`S4-BASIS-01`).
    pub id: &'static str,
    pub title: &'static str,
    pub sheet: Sheet,
    pub kind: RuleKind,
    pub confidence: Confidence,
    /// When the rule applies.
    pub applies: &'static str,
    /// The point of the source it paraphrases: the catalogue entry, and
    /// the seed passage where one settles it.
    pub source: &'static str,
    /// The rule in a few sentences, for `privasift rules explain`.
    pub doc: &'static str,
    pub bad: Example,
    pub good: Example,
}

/// One way a manifest fails a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub message: String,
    pub fix: String,
    /// Where in the manifest, when one place is at fault.
    pub at: Option<Path>,
}

impl Violation {
    pub fn new(message: impl Into<String>, fix: impl Into<String>) -> Violation {
        Violation {
            message: message.into(),
            fix: fix.into(),
            at: None,
        }
    }
    #[must_use]
    pub fn at(mut self, path: &str) -> Violation {
        self.at = Some(Path::parse(path));
        self
    }
}

/// What a rule sees.
pub struct Context<'a> {
    pub manifest: &'a Manifest,
    pub evidence: &'a Evidence,
    pub decisions: &'a Decisions,
}

/// One CNIL rule. One file per rule under `rules/`.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Pushes one violation per problem; nothing when the rule is met or
    /// does not apply.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Violation>);
}

/// Is a declared text present (not empty, not a `TODO`)?
pub fn given(s: Option<&String>) -> bool {
    s.is_some_and(|s| !s.trim().is_empty() && !s.contains("TODO"))
}
