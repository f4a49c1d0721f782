//! The project manifest: what an organisation declares about one AI
//! development project, in the terms of the CNIL's AI how-to sheets.
//!
//! Every key is kebab-case; unknown keys are refused (a misspelt key would
//! otherwise silently read as "not declared"). The JSON Schema checked in at
//! `schema/manifest.schema.json` is generated from these types
//! (`privasift schema`), and a test fails when it is stale.
//!
//! Parsing and the checks of impossible combinations live in `parse.rs`;
//! this file is only the shape.

// A manifest declares yes/no facts (a consent is free, a crawl honours
// robots.txt): plain booleans are the clearest TOML for them.
#![allow(clippy::struct_excessive_bools)]

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// A calendar date, written as a bare TOML date (`2025-03-01`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month: u8 = it.next()?.parse().ok()?;
        let day: u8 = it.next()?.get(..2)?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for durations.
    pub fn days(self) -> i64 {
        privasift_ledger::days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }
}

impl Date {
    /// The date `days` after 1970-01-01 (inverse of [`Date::days`]).
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = privasift_ledger::civil_from_days(days);
        Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Today (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time) {
            (Some(date), None) => Ok(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            _ => Err(D::Error::custom(
                "expected a date such as 2025-03-01 (no time, no quotes)",
            )),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date; in TOML a bare date such as 2025-03-01."
        })
    }
}

/// The whole manifest.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    /// Manifest format version; 1.
    pub version: u32,
    pub project: Project,
    pub controller: Controller,
    /// Every organisation involved, with its GDPR and AI Act roles (sheet 3).
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// What decides the legal regime (sheet 1).
    #[serde(default)]
    pub regime: Regime,
    /// The purposes of the processing (sheet 2).
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    /// Each data source with its legal basis (sheet 4).
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Design choices and minimisation (sheet 6).
    #[serde(default)]
    pub design: Design,
    /// Retention periods (sheet 7).
    #[serde(default)]
    pub retention: Retention,
    /// Security of development (security sheet).
    #[serde(default)]
    pub security: Security,
    /// Data protection impact assessment (sheet 5).
    #[serde(default)]
    pub dpia: Dpia,
    /// Ethics committee or AI referent (sheet 6 good practice).
    #[serde(default)]
    pub governance: Governance,
    /// Status of the trained model (model-status sheet).
    #[serde(default)]
    pub model: Model,
    /// Information of data subjects (information sheet).
    #[serde(default)]
    pub information: Information,
    /// Exercise of rights (rights sheet).
    #[serde(default)]
    pub rights: Rights,
    /// Annotation of the data, when labels concern people (annotation sheet).
    #[serde(default)]
    pub annotation: Option<Annotation>,
    /// Recommendations the controller departs from, with its reasons.
    #[serde(default)]
    pub deviations: Vec<Deviation>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Project {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `development` (design, dataset creation, training, fine-tuning) or
    /// `deployment`. The sheets cover development only.
    pub phase: Phase,
    /// How the model is obtained.
    pub training: Training,
    /// What the project delivers: a model, a system, or both (the CNIL calls
    /// the model the product of training and the system its software
    /// integration).
    pub artefact: Artefact,
    /// A general-purpose AI model or system (foundation model).
    #[serde(default)]
    pub general_purpose: bool,
    /// The AI Act risk class of the system.
    #[serde(default)]
    pub ai_act_risk: AiActRisk,
    /// Whether the data processed includes personal data, as declared.
    pub personal_data: PersonalData,
    /// Date of the first processing of personal data (collection).
    #[serde(default)]
    pub started: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Development,
    Deployment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Training {
    FromScratch,
    FineTuning,
    TransferLearning,
    /// Trained continuously, including on usage data.
    Continuous,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Artefact {
    Model,
    System,
    ModelAndSystem,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AiActRisk {
    Prohibited,
    High,
    Limited,
    Minimal,
    #[default]
    NotAssessed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PersonalData {
    Yes,
    No,
    Unknown,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Controller {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ControllerKind,
    /// How to reach the data protection officer.
    #[serde(default)]
    pub dpo: Option<String>,
    /// For a public body: developing this system is strictly necessary to
    /// the tasks the law gives it (legitimate interest is then not
    /// available to it: LI-07).
    #[serde(default)]
    pub development_within_public_tasks: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ControllerKind {
    Private,
    PublicBody,
    /// A public authority competent for the prevention, investigation,
    /// detection or prosecution of criminal offences (Law Enforcement
    /// Directive).
    CompetentAuthority,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Actor {
    pub name: String,
    pub gdpr_role: GdprRole,
    #[serde(default)]
    pub ai_act_role: AiActRole,
    /// The Art. 26 arrangement (joint controllers) or the Art. 28 contract
    /// (processors): a path or reference.
    #[serde(default)]
    pub arrangement: Option<String>,
    /// For a processor: the controller it acts for.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GdprRole {
    Controller,
    JointController,
    Processor,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AiActRole {
    Provider,
    Deployer,
    Importer,
    Distributor,
    #[default]
    None,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Regime {
    /// The operational use is identified at development time.
    #[serde(default)]
    pub operational_use_identified: bool,
    /// The identified operational use, in words.
    #[serde(default)]
    pub operational_use: Option<String>,
    /// The operational use is the prevention, investigation, detection or
    /// prosecution of criminal offences or the execution of penalties.
    #[serde(default)]
    pub law_enforcement_purpose: bool,
    /// The processing serves national defence or State security.
    #[serde(default)]
    pub national_security: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Purpose {
    pub id: String,
    /// The purpose, as told to data subjects.
    pub text: String,
    /// When it was defined (it must precede the collection).
    #[serde(default)]
    pub defined_on: Option<Date>,
    /// Why it is legitimate for this organisation.
    #[serde(default)]
    pub legitimacy: Option<String>,
    /// For a general-purpose system: the type of system...
    #[serde(default)]
    pub system_type: Option<String>,
    /// ...and its main technically feasible capabilities.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Foreseeable capabilities that carry the most risk.
    #[serde(default)]
    pub risky_capabilities: Vec<String>,
    /// Uses excluded by design.
    #[serde(default)]
    pub excluded_uses: Vec<String>,
    /// A scientific research purpose.
    #[serde(default)]
    pub research: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    pub id: String,
    pub name: String,
    pub mode: SourceMode,
    /// Ids of the purposes this source serves.
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub legal_basis: Option<LegalBasis>,
    /// When the legal basis was chosen (before the processing).
    #[serde(default)]
    pub legal_basis_chosen_on: Option<Date>,
    /// The source holds personal data.
    #[serde(default = "yes")]
    pub personal_data: bool,
    #[serde(default)]
    pub data_categories: Vec<String>,
    /// Categories of people the data is about.
    #[serde(default)]
    pub people: Vec<String>,
    /// Special categories (Art. 9) and offence data (Art. 10) in the source.
    #[serde(default)]
    pub special_categories: Vec<SpecialCategory>,
    /// The special categories are sought (not merely incidental).
    #[serde(default)]
    pub special_categories_targeted: bool,
    #[serde(default)]
    pub art9_exception: Option<Art9Exception>,
    /// Approximate number of records and of people.
    #[serde(default)]
    pub records: Option<u64>,
    #[serde(default)]
    pub people_count: Option<u64>,
    /// Data about minors or other vulnerable people.
    #[serde(default)]
    pub vulnerable_people: bool,
    /// Incidental special-category data found in this source is deleted
    /// immediately and automatically (e.g. by `privasift clean`, whose
    /// default policy drops such records).
    #[serde(default)]
    pub sensitive_deletion: bool,
    /// The dataset's description sheet (the CNIL's "fiche descriptive du
    /// jeu de données") or datasheet.
    #[serde(default)]
    pub datasheet: Option<String>,
    /// The fields kept from this source, each needed for the purpose (the
    /// field-to-purpose map of sheet 7); scan reports are checked against
    /// it.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Where the data is (paths or globs), to tie scan reports to the source.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Another law requires consent for this data (e.g. DMA Art. 5(2)).
    #[serde(default)]
    pub other_law_requires_consent: bool,
    #[serde(default)]
    pub legitimate_interest: Option<LegitimateInterest>,
    #[serde(default)]
    pub consent: Option<Consent>,
    /// The legal text: for `legal-obligation` and `public-task`, the one
    /// that imposes or lays down the processing; for an Art. 9 exception, the
    /// provision and safeguards it rests on; for a public body that scrapes,
    /// the legislative framework that allows it (S4-SCRAPE-09).
    #[serde(default)]
    pub legal_text: Option<String>,
    /// For `contract`: why training is objectively necessary to the contract.
    #[serde(default)]
    pub contract_necessity: Option<String>,
    #[serde(default)]
    pub reuse: Option<Reuse>,
    /// For the `manifestly-made-public` exception.
    #[serde(default)]
    pub made_public: Option<MadePublic>,
    #[serde(default)]
    pub scraping: Option<Scraping>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceMode {
    /// Collected directly from the people concerned.
    Direct,
    /// Collected from open online sources for this purpose.
    Scraped,
    /// The controller's own data, collected for another purpose.
    ReuseOwn,
    /// A publicly accessible dataset.
    ReusePublic,
    /// Bought from or shared by a third party.
    ThirdParty,
}

impl SourceMode {
    pub fn is_reuse(self) -> bool {
        matches!(
            self,
            SourceMode::ReuseOwn | SourceMode::ReusePublic | SourceMode::ThirdParty
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalBasis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterest,
}

impl LegalBasis {
    pub fn article(self) -> &'static str {
        match self {
            LegalBasis::Consent => "GDPR Art. 6(1)(a)",
            LegalBasis::Contract => "GDPR Art. 6(1)(b)",
            LegalBasis::LegalObligation => "GDPR Art. 6(1)(c)",
            LegalBasis::VitalInterests => "GDPR Art. 6(1)(d)",
            LegalBasis::PublicTask => "GDPR Art. 6(1)(e)",
            LegalBasis::LegitimateInterest => "GDPR Art. 6(1)(f)",
        }
    }
}

/// The special categories of GDPR Art. 9, and offence data (Art. 10). The
/// names match the labels of privasift's detectors.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialCategory {
    Health,
    ReligionOrBelief,
    PoliticalOpinion,
    TradeUnion,
    SexualOrientationOrLife,
    EthnicOrigin,
    Genetic,
    Biometric,
    CriminalOffence,
}

impl SpecialCategory {
    /// The detector label (`HEALTH`, …) of this category.
    pub fn label(self) -> &'static str {
        match self {
            SpecialCategory::Health => "HEALTH",
            SpecialCategory::ReligionOrBelief => "RELIGION_OR_BELIEF",
            SpecialCategory::PoliticalOpinion => "POLITICAL_OPINION",
            SpecialCategory::TradeUnion => "TRADE_UNION",
            SpecialCategory::SexualOrientationOrLife => "SEXUAL_ORIENTATION_OR_LIFE",
            SpecialCategory::EthnicOrigin => "ETHNIC_ORIGIN",
            SpecialCategory::Genetic => "GENETIC",
            SpecialCategory::Biometric => "BIOMETRIC",
            SpecialCategory::CriminalOffence => "CRIMINAL_OFFENCE",
        }
    }

    pub const ALL: [SpecialCategory; 9] = [
        SpecialCategory::Health,
        SpecialCategory::ReligionOrBelief,
        SpecialCategory::PoliticalOpinion,
        SpecialCategory::TradeUnion,
        SpecialCategory::SexualOrientationOrLife,
        SpecialCategory::EthnicOrigin,
        SpecialCategory::Genetic,
        SpecialCategory::Biometric,
        SpecialCategory::CriminalOffence,
    ];

    pub fn from_label(label: &str) -> Option<SpecialCategory> {
        Self::ALL.into_iter().find(|c| c.label() == label)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Art9Exception {
    /// Art. 9(2)(a).
    ExplicitConsent,
    /// Art. 9(2)(e), read as the CJEU did in C-252/21.
    ManifestlyMadePublic,
    /// Art. 9(2)(g).
    SubstantialPublicInterest,
    /// Art. 9(2)(h) and (i).
    HealthOrPublicHealth,
    /// Art. 9(2)(j).
    Research,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LegitimateInterest {
    /// The interest pursued (condition 1: legitimate).
    #[serde(default)]
    pub interest: Option<String>,
    /// Why the processing is necessary, with no less intrusive means
    /// (condition 2).
    #[serde(default)]
    pub necessity: Option<String>,
    /// The balancing of the people's rights and reasonable expectations
    /// against the interest (condition 3).
    #[serde(default)]
    pub balancing: Option<String>,
    /// Measures that limit the impact (anonymisation, synthetic data, prior
    /// opt-out, output filters, …).
    #[serde(default)]
    pub measures: Vec<String>,
    /// The written assessment (LIA).
    #[serde(default)]
    pub document: Option<String>,
    /// People can object before training (a prior opt-out).
    #[serde(default)]
    pub objection_handled: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Consent {
    #[serde(default)]
    pub free: bool,
    #[serde(default)]
    pub specific: bool,
    #[serde(default)]
    pub informed: bool,
    #[serde(default)]
    pub unambiguous: bool,
    /// Where the proof of consent is kept.
    #[serde(default)]
    pub records: Option<String>,
    /// Withdrawn consent removes the person from the next dataset build.
    #[serde(default)]
    pub withdrawal_applied: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Reuse {
    /// `reuse-own`: training was stated in the notice given at collection.
    #[serde(default)]
    pub training_in_original_notice: bool,
    /// `reuse-own`: the notice given at collection that states training
    /// (when `training-in-original-notice`).
    #[serde(default)]
    pub original_notice: Option<String>,
    /// `reuse-own`: the compatibility test (Art. 6(4)).
    #[serde(default)]
    pub compatibility_test: Option<String>,
    /// Its conclusion.
    #[serde(default)]
    pub compatible: Option<bool>,
    /// The data was first processed for scientific research.
    #[serde(default)]
    pub original_purpose_research: bool,
    /// The data (or the model re-used) is anonymised.
    #[serde(default)]
    pub anonymised: bool,
    /// `reuse-public`, `third-party`: the dataset's documentation states its
    /// source.
    #[serde(default)]
    pub source_documented: bool,
    /// Its dataset card or datasheet.
    #[serde(default)]
    pub dataset_card: Option<String>,
    /// Signs of a leak, theft or dark-web origin.
    #[serde(default)]
    pub unlawful_origin_signs: bool,
    /// A court decision found the dataset infringing.
    #[serde(default)]
    pub court_decision_against: bool,
    /// The provenance was checked and leaves no flagrant doubt.
    #[serde(default)]
    pub provenance_checked: bool,
    #[serde(default)]
    pub licence: Option<String>,
    /// The licence or terms permit this use.
    #[serde(default)]
    pub licence_permits_use: Option<bool>,
    /// `third-party`: the contract covering the original collection and the
    /// sharing.
    #[serde(default)]
    pub contract: Option<String>,
    /// Country where the dataset was built.
    #[serde(default)]
    pub origin_jurisdiction: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MadePublic {
    /// The data was published by the person it concerns.
    #[serde(default)]
    pub published_by_subject: bool,
    /// With a clear intention to make it accessible to the general public
    /// (e.g. explicit public settings).
    #[serde(default)]
    pub intended_for_public: bool,
    /// What shows it.
    #[serde(default)]
    pub evidence: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scraping {
    /// The collection criteria, written down.
    #[serde(default)]
    pub criteria: Option<String>,
    #[serde(default)]
    pub criteria_defined_on: Option<Date>,
    #[serde(default)]
    pub first_collection: Option<Date>,
    /// Only freely accessible pages: no login, no circumvention.
    #[serde(default)]
    pub freely_accessible_only: bool,
    /// robots.txt honoured for the crawler's agents.
    #[serde(default)]
    pub robots_txt: bool,
    /// `ai.txt`, `TDMRep` and `noai` signals honoured.
    #[serde(default)]
    pub ai_opt_outs: bool,
    /// Sites with inherently sensitive content excluded.
    #[serde(default)]
    pub sensitive_sites_excluded: bool,
    /// Filters on special categories of data.
    #[serde(default)]
    pub sensitive_filters: bool,
    /// Irrelevant data is deleted as soon as it is identified.
    #[serde(default)]
    pub irrelevant_deleted: bool,
    /// A controller-managed objection list, applied at collection.
    #[serde(default)]
    pub objection_list: bool,
    /// The sources (or categories of sites) are published.
    #[serde(default)]
    pub sources_published: bool,
    /// Terms of use forbidding scraping, and CAPTCHAs, are respected.
    #[serde(default)]
    pub terms_respected: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Design {
    /// The objective of the system (minimisation level 1).
    #[serde(default)]
    pub objective: Option<String>,
    /// The method or technique (level 2).
    #[serde(default)]
    pub method: Option<String>,
    /// Why these sources and data are strictly necessary (level 3).
    #[serde(default)]
    pub data_selection: Option<String>,
    /// How the choices were validated (level 4).
    #[serde(default)]
    pub validation: Vec<Validation>,
    /// The method is deep learning.
    #[serde(default)]
    pub deep_learning: bool,
    /// Why no more economical method would do.
    #[serde(default)]
    pub deep_learning_justification: Option<String>,
    /// Particularly identifying data (photos, videos, voices) is used.
    #[serde(default)]
    pub identifying_media: bool,
    #[serde(default)]
    pub identifying_media_justification: Option<String>,
    /// Privacy-enhancing techniques (anonymisation, synthetic data,
    /// pseudonymisation, differential privacy, …).
    #[serde(default)]
    pub privacy_techniques: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Validation {
    PilotStudy,
    EthicsCommittee,
    AiReferent,
    Other,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Retention {
    /// Retention of the data during development.
    #[serde(default)]
    pub development: Option<Period>,
    /// Retention for maintenance and improvement of the product.
    #[serde(default)]
    pub maintenance: Option<Period>,
    /// Retention for audit, after the sorting phase.
    #[serde(default)]
    pub audit: Option<AuditRetention>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// Why this long (required beyond three years).
    #[serde(default)]
    pub justification: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuditRetention {
    pub start: Date,
    pub end: Date,
    /// What the audit is for (bias measurement, …). "dispute" is not a
    /// purpose the CNIL accepts.
    pub purpose: String,
    /// Only what the audit needs was kept (sorting phase).
    #[serde(default)]
    pub sorted: bool,
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default)]
    pub access_restricted: bool,
    #[serde(default)]
    pub pseudonymised: bool,
    /// The store (e.g. a `privasift vault` directory).
    #[serde(default)]
    pub store: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Security {
    /// The security plan (Art. 32).
    #[serde(default)]
    pub plan: Option<String>,
    /// A risk analysis covering AI- and dataset-specific risks.
    #[serde(default)]
    pub ai_risk_analysis: Option<String>,
    /// Measures in place (free words; see `privasift init` for the usual
    /// ones).
    #[serde(default)]
    pub measures: Vec<String>,
    /// An inventory of datasets, libraries and models, with their
    /// assessment status.
    #[serde(default)]
    pub component_inventory: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Dpia {
    #[serde(default)]
    pub status: DpiaStatus,
    /// Date of the DPIA (it must precede the processing).
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub document: Option<String>,
    /// The item of the CNIL's Art. 35(4) list the processing matches.
    #[serde(default)]
    pub cnil_list_item: Option<String>,
    /// EDPB (WP248) criteria the processing meets.
    #[serde(default)]
    pub criteria: Vec<Wp248>,
    /// Why, despite two criteria or more, no high risk is likely.
    #[serde(default)]
    pub no_high_risk_justification: Option<String>,
    /// Residual risk after the measures.
    #[serde(default)]
    pub residual_risk: Option<ResidualRisk>,
    /// Reference of the prior consultation of the CNIL (Art. 36).
    #[serde(default)]
    pub prior_consultation: Option<String>,
    /// The DPIA (or a summary) is published.
    #[serde(default)]
    pub published: bool,
    /// The AI-specific risks, rated.
    #[serde(default)]
    pub risks: Vec<RiskRating>,
    /// People for the PIA export.
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub evaluator: Option<String>,
    #[serde(default)]
    pub validator: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DpiaStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    NotRequired,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Wp248 {
    EvaluationOrScoring,
    AutomatedDecision,
    SystematicMonitoring,
    SensitiveData,
    LargeScale,
    MatchingDatasets,
    VulnerablePeople,
    InnovativeUse,
    PreventsRights,
}

impl Wp248 {
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
    pub fn describe(self) -> &'static str {
        match self {
            Wp248::EvaluationOrScoring => "evaluation or scoring",
            Wp248::AutomatedDecision => "automated decision with legal or similar effect",
            Wp248::SystematicMonitoring => "systematic monitoring",
            Wp248::SensitiveData => "sensitive or highly personal data",
            Wp248::LargeScale => "data processed on a large scale",
            Wp248::MatchingDatasets => "matching or combining datasets",
            Wp248::VulnerablePeople => "data concerning vulnerable people",
            Wp248::InnovativeUse => "innovative use or new technology",
            Wp248::PreventsRights => {
                "processing that prevents exercising a right or using a service"
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResidualRisk {
    Low,
    High,
}

/// One AI-specific risk, rated on the PIA software's 4-level scales
/// (1 negligible, 2 limited, 3 significant, 4 maximum).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RiskRating {
    pub id: RiskId,
    #[schemars(range(min = 1, max = 4))]
    pub severity: u8,
    #[schemars(range(min = 1, max = 4))]
    pub likelihood: u8,
    /// Measures that address it.
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default)]
    pub justification: Option<String>,
}

/// The AI-specific risks the sheets name for a DPIA.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RiskId {
    Memorisation,
    MembershipInference,
    ModelInversion,
    Reidentification,
    Misuse,
    Discrimination,
    TrainingDataSecurity,
}

impl RiskId {
    pub const ALL: [RiskId; 7] = [
        RiskId::Memorisation,
        RiskId::MembershipInference,
        RiskId::ModelInversion,
        RiskId::Reidentification,
        RiskId::Misuse,
        RiskId::Discrimination,
        RiskId::TrainingDataSecurity,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RiskId::Memorisation => "memorisation",
            RiskId::MembershipInference => "membership-inference",
            RiskId::ModelInversion => "model-inversion",
            RiskId::Reidentification => "reidentification",
            RiskId::Misuse => "misuse",
            RiskId::Discrimination => "discrimination",
            RiskId::TrainingDataSecurity => "training-data-security",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RiskId::Memorisation => "Memorisation and regurgitation of training data",
            RiskId::MembershipInference => "Membership inference",
            RiskId::ModelInversion => "Model inversion (attribute inference)",
            RiskId::Reidentification => "Re-identification of pseudonymised people",
            RiskId::Misuse => "Misuse of the model or system",
            RiskId::Discrimination => "Bias and discrimination",
            RiskId::TrainingDataSecurity => "Breach of the training data",
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Governance {
    #[serde(default)]
    pub ethics_committee: bool,
    /// Name or role of the AI referent.
    #[serde(default)]
    pub ai_referent: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Model {
    #[serde(default)]
    pub status: ModelStatus,
    /// The model is designed to output personal data.
    #[serde(default)]
    pub outputs_personal_data: bool,
    /// The documented analysis of the model's status.
    #[serde(default)]
    pub status_analysis: Option<String>,
    /// Attack tests run (extraction, membership inference, …), documented.
    #[serde(default)]
    pub attack_tests: Vec<String>,
    /// Filters on the system's outputs.
    #[serde(default)]
    pub output_filters: bool,
    #[serde(default)]
    pub distribution: Distribution,
    /// Parents and descendants of the model are recorded.
    #[serde(default)]
    pub lineage_recorded: bool,
    /// For a third-party base model: the provider's status analysis.
    #[serde(default)]
    pub base_model_analysis: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ModelStatus {
    Anonymous,
    PersonalData,
    #[default]
    NotAnalysed,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Distribution {
    #[default]
    Internal,
    Api,
    OpenWeights,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Information {
    /// Where the notice is published.
    #[serde(default)]
    pub notice: Option<String>,
    /// The elements the notice gives.
    #[serde(default)]
    pub elements: Vec<NoticeElement>,
    /// An Art. 14(5) exemption relied on for indirectly collected data.
    #[serde(default)]
    pub exemption: Option<InfoExemption>,
    #[serde(default)]
    pub exemption_justification: Option<String>,
    /// General information is published anyway (website).
    #[serde(default)]
    pub general_notice_published: bool,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeElement {
    ControllerIdentity,
    DpoContact,
    Purpose,
    LegalBasis,
    LegitimateInterest,
    Recipients,
    Transfers,
    Retention,
    Rights,
    Complaint,
    DataCategories,
    Sources,
    MemorisationRisk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InfoExemption {
    AlreadyInformed,
    DisproportionateEffort,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rights {
    /// The procedure for access, rectification, erasure, objection.
    #[serde(default)]
    pub procedure: Option<String>,
    /// Requesters are told what follow-up is given when the model is not
    /// updated at once.
    #[serde(default)]
    pub follow_up_told: bool,
    /// People are told which extra information helps find them.
    #[serde(default)]
    pub identification_help: bool,
    /// Tooling to find a person in the dataset (e.g. `privasift rights`).
    #[serde(default)]
    pub search_tooling: bool,
    /// How erasure reaches the model (retraining, filters, periodic
    /// retraining).
    #[serde(default)]
    pub model_erasure: Option<String>,
    /// A person who cannot be found is told so, and is not asked for more
    /// data only to answer (GDPR Art. 11).
    #[serde(default)]
    pub not_found_answered: bool,
    /// Every answer, including refusals of manifestly unfounded or
    /// excessive requests and their reasons, is recorded (Art. 12).
    #[serde(default)]
    pub decisions_recorded: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Annotation {
    /// The purpose (id) the annotation serves.
    #[serde(default)]
    pub purpose: Option<String>,
    /// The labels come with a re-used, pre-annotated dataset...
    #[serde(default)]
    pub reused_labels: bool,
    /// ...and were pruned to those relevant to the system.
    #[serde(default)]
    pub labels_pruned: bool,
    /// The label classes.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Each label's relevance to the system is justified.
    #[serde(default)]
    pub labels_justified: bool,
    /// The written annotation protocol.
    #[serde(default)]
    pub protocol: Option<String>,
    /// Quality checks (e.g. inter-annotator agreement).
    #[serde(default)]
    pub quality_checks: bool,
}

/// A recommendation the controller departs from (S0-SCOPE-08).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Deviation {
    pub rule: String,
    pub justification: String,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
}

impl Manifest {
    /// Every special category declared by any source.
    pub fn declared_special(&self) -> Vec<SpecialCategory> {
        let mut v: Vec<SpecialCategory> = self
            .sources
            .iter()
            .flat_map(|s| s.special_categories.iter().copied())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn scraping(&self) -> impl Iterator<Item = &Source> {
        self.sources
            .iter()
            .filter(|s| s.mode == SourceMode::Scraped)
    }

    pub fn deviation(&self, rule: &str) -> Option<&Deviation> {
        self.deviations.iter().find(|d| d.rule == rule)
    }
}
