//! The decision trees of the catalogue (section 11): legal regime (DT-1),
//! DPIA (DT-2), legal basis per source (DT-3), Art. 9 exception per source
//! (DT-4), re-use checks per source (DT-5), and whether the data is
//! personal. Each decision carries its reasons; rules read the decisions,
//! so a tree is written once.

use serde::Serialize;

use crate::evidence::Evidence;
use crate::manifest::{
    AiActRisk, Art9Exception, ControllerKind, LegalBasis, Manifest, PersonalData, Phase, Source,
    SourceMode, SpecialCategory, Wp248,
};
use crate::rule::given;

#[derive(Clone, Debug, Serialize)]
pub struct Decisions {
    pub legal_regime: RegimeDecision,
    pub personal_data: PersonalDataDecision,
    pub dpia_required: DpiaDecision,
    /// One verdict per source holding personal data.
    pub legal_basis: Vec<BasisVerdict>,
    /// One verdict per source holding (or found to hold) special categories.
    pub sensitive_data: Vec<SensitiveVerdict>,
    /// One verdict per re-used source.
    pub reuse: Vec<ReuseVerdict>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegalRegime {
    Gdpr,
    LawEnforcementDirective,
    NationalSecurity,
    /// No personal data: the GDPR does not apply to the dataset.
    OutOfScope,
}

#[derive(Clone, Debug, Serialize)]
pub struct RegimeDecision {
    pub value: LegalRegime,
    /// The CNIL's AI sheets apply (GDPR, development phase).
    pub sheets_apply: bool,
    pub reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

#[derive(Clone, Debug, Serialize)]
pub struct PersonalDataDecision {
    pub value: Tri,
    pub declared: PersonalData,
    /// What the scans found: `None` without scan evidence.
    pub found: Option<bool>,
    /// The evidence contradicts the declaration.
    pub contradicted: bool,
    pub reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DpiaLevel {
    Required,
    /// Expected by the CNIL (general-purpose models), not a legal trigger.
    Recommended,
    NotRequired,
}

#[derive(Clone, Debug, Serialize)]
pub struct DpiaDecision {
    pub required: bool,
    pub level: DpiaLevel,
    /// The WP248 criteria met, each with where it comes from: `declared`
    /// (in `dpia.criteria`), `sources` (derived from the sources'
    /// declarations) or `evidence` (found by scans).
    pub criteria: Vec<Criterion>,
    /// What made it required (list item, AI Act high risk, criteria count).
    pub triggers: Vec<String>,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    pub criterion: Wp248,
    pub number: u8,
    pub from: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validity {
    Valid,
    /// The basis can hold, but what shows it is missing.
    Incomplete,
    Invalid,
    Missing,
}

#[derive(Clone, Debug, Serialize)]
pub struct BasisVerdict {
    pub source: String,
    pub basis: Option<LegalBasis>,
    pub verdict: Validity,
    pub reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SensitiveOutcome {
    /// Incidental special-category data: filters and immediate deletion
    /// are what the CNIL asks, no exception.
    Incidental,
    /// Targeted or kept, and the exception holds.
    ExceptionValid,
    /// Targeted or kept, the exception is declared but not shown.
    ExceptionIncomplete,
    /// Targeted or kept with no exception, or one that cannot apply.
    Prohibited,
}

#[derive(Clone, Debug, Serialize)]
pub struct SensitiveVerdict {
    pub source: String,
    pub declared: Vec<SpecialCategory>,
    /// Special categories the scans found in the source's data.
    pub found: Vec<SpecialCategory>,
    pub outcome: SensitiveOutcome,
    pub reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReuseOutcome {
    Proceed,
    /// Suspend the re-use until the missing information is obtained.
    Suspend,
    Block,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReuseVerdict {
    pub source: String,
    pub mode: SourceMode,
    pub outcome: ReuseOutcome,
    pub reasons: Vec<String>,
}

/// Runs every tree.
pub fn decide(m: &Manifest, ev: &Evidence) -> Decisions {
    let personal_data = personal_data(m, ev);
    let legal_regime = regime(m, &personal_data);
    let sensitive_data: Vec<SensitiveVerdict> =
        m.sources.iter().filter_map(|s| sensitive(s, ev)).collect();
    let dpia_required = dpia(m, ev, &legal_regime, &sensitive_data);
    Decisions {
        legal_basis: m
            .sources
            .iter()
            .filter(|s| s.personal_data)
            .map(|s| basis(m, s))
            .collect(),
        reuse: m
            .sources
            .iter()
            .filter(|s| s.mode.is_reuse())
            .map(reuse)
            .collect(),
        sensitive_data,
        legal_regime,
        personal_data,
        dpia_required,
    }
}

fn personal_data(m: &Manifest, ev: &Evidence) -> PersonalDataDecision {
    let declared = m.project.personal_data;
    let found = (!ev.scans.is_empty()).then(|| ev.personal_data_found());
    let mut reasons = Vec::new();
    let contradicted = declared == PersonalData::No && found == Some(true);
    let value = match (declared, found) {
        (_, Some(true)) => {
            let n: u64 = ev.scans.iter().map(|s| s.records_with_findings).sum();
            reasons.push(format!(
                "the scan evidence found personal data ({n} records with findings)"
            ));
            if contradicted {
                reasons.push("this contradicts the declaration `personal-data = \"no\"`".into());
            }
            Tri::Yes
        }
        (PersonalData::Yes, _) => {
            reasons.push("declared in the manifest".into());
            Tri::Yes
        }
        (PersonalData::No, Some(false)) => {
            reasons.push("declared, and the scans found none in what they covered".into());
            Tri::No
        }
        (PersonalData::No, None) => {
            reasons.push("declared, with no scan evidence to confirm it".into());
            Tri::No
        }
        (PersonalData::Unknown, _) => {
            reasons.push("not known: the CNIL notes it is often very difficult to be certain a large dataset holds no personal data, so the GDPR is assumed to apply".into());
            Tri::Unknown
        }
    };
    PersonalDataDecision {
        value,
        declared,
        found,
        contradicted,
        reasons,
    }
}

/// DT-1.
fn regime(m: &Manifest, pd: &PersonalDataDecision) -> RegimeDecision {
    let mut reasons = Vec::new();
    let r = &m.regime;
    let value = if pd.value == Tri::No {
        reasons.push(
            "no personal data is processed: the GDPR does not apply to the dataset (S0-SCOPE-01)"
                .into(),
        );
        LegalRegime::OutOfScope
    } else if r.national_security {
        reasons.push("the processing serves national defence or State security: outside EU law (S1-REGIME-01)".into());
        LegalRegime::NationalSecurity
    } else if r.law_enforcement_purpose {
        if m.controller.kind != ControllerKind::CompetentAuthority {
            reasons.push("a law-enforcement use, but the controller is not a competent authority: the Law Enforcement Directive applies only to competent authorities, so the GDPR applies".into());
            LegalRegime::Gdpr
        } else if r.operational_use_identified {
            reasons.push("a competent authority develops the system for an identified law-enforcement use: development follows the regime of that use, the Law Enforcement Directive (S1-REGIME-03)".into());
            LegalRegime::LawEnforcementDirective
        } else {
            reasons.push("the operational use is not identified: the GDPR generally applies to development (S1-REGIME-04)".into());
            LegalRegime::Gdpr
        }
    } else if !r.operational_use_identified {
        reasons.push("the operational use is not identified (general-purpose): the GDPR generally applies to development (S1-REGIME-04)".into());
        LegalRegime::Gdpr
    } else {
        reasons.push(
            "an identified civil use: development follows its regime, the GDPR (S1-REGIME-03)"
                .into(),
        );
        LegalRegime::Gdpr
    };
    let mut sheets_apply = value == LegalRegime::Gdpr;
    if m.project.phase == Phase::Deployment {
        sheets_apply = false;
        reasons.push("the phase is deployment: the CNIL's AI sheets cover the development phase only (S0-SCOPE-01)".into());
    } else if value != LegalRegime::Gdpr {
        reasons.push(
            "the CNIL's AI sheets cover processing subject to the GDPR only (S1-REGIME-05)".into(),
        );
    }
    RegimeDecision {
        value,
        sheets_apply,
        reasons,
    }
}

/// DT-2.
fn dpia(
    m: &Manifest,
    ev: &Evidence,
    regime: &RegimeDecision,
    sensitive: &[SensitiveVerdict],
) -> DpiaDecision {
    let mut criteria: Vec<Criterion> = m
        .dpia
        .criteria
        .iter()
        .map(|&c| Criterion {
            criterion: c,
            number: c.number(),
            from: "declared",
        })
        .collect();
    let mut derive = |c: Wp248, cond: bool, from: &'static str| {
        if cond && !criteria.iter().any(|x| x.criterion == c) {
            criteria.push(Criterion {
                criterion: c,
                number: c.number(),
                from,
            });
        }
    };
    derive(
        Wp248::SensitiveData,
        !ev.special_found().is_empty(),
        "evidence",
    );
    derive(
        Wp248::SensitiveData,
        sensitive.iter().any(|s| !s.declared.is_empty()),
        "sources",
    );
    derive(
        Wp248::VulnerablePeople,
        m.sources.iter().any(|s| s.vulnerable_people),
        "sources",
    );
    criteria.sort_by_key(|c| c.number);
    let mut triggers = Vec::new();
    let mut reasons = Vec::new();
    if regime.value != LegalRegime::Gdpr {
        reasons.push("not assessed: the GDPR does not apply (see legal_regime)".into());
        return DpiaDecision {
            required: false,
            level: DpiaLevel::NotRequired,
            criteria,
            triggers,
            reasons,
        };
    }
    if let Some(item) = m
        .dpia
        .cnil_list_item
        .as_ref()
        .filter(|s| !s.trim().is_empty())
    {
        triggers.push(format!(
            "the processing matches an item of the CNIL's Art. 35(4) list: {item}"
        ));
    }
    if m.project.ai_act_risk == AiActRisk::High {
        triggers.push("the system is high-risk under the AI Act: the CNIL holds a DPIA mandatory (consultation summary, sheet 5)".into());
    }
    let n = criteria.len();
    if n >= 2 {
        let names: Vec<String> = criteria
            .iter()
            .map(|c| format!("({}) {}", c.number, c.criterion.describe()))
            .collect();
        if given(m.dpia.no_high_risk_justification.as_ref()) {
            reasons.push(format!(
                "{n} WP248 criteria are met ({}), but the manifest justifies why no high risk is likely",
                names.join(", ")
            ));
        } else {
            triggers.push(format!("{n} WP248 criteria are met: {}", names.join(", ")));
        }
    } else {
        reasons.push(format!(
            "{n} WP248 {} met (two or more generally require a DPIA)",
            if n == 1 { "criterion" } else { "criteria" }
        ));
    }
    let (required, level) = if !triggers.is_empty() {
        (true, DpiaLevel::Required)
    } else if m.project.general_purpose {
        reasons.push("a general-purpose model or system: the CNIL expects a DPIA in principle, passed on to re-users (sheet 5; S5-DPIA-06)".into());
        (false, DpiaLevel::Recommended)
    } else {
        (false, DpiaLevel::NotRequired)
    };
    reasons.splice(0..0, triggers.iter().cloned());
    DpiaDecision {
        required,
        level,
        criteria,
        triggers,
        reasons,
    }
}

/// DT-3, for one source.
fn basis(m: &Manifest, s: &Source) -> BasisVerdict {
    let mut reasons = Vec::new();
    let public_task_only = m.controller.kind != ControllerKind::Private
        && m.controller.development_within_public_tasks;
    let verdict = match s.legal_basis {
        None => {
            reasons.push("no legal basis is chosen (S4-BASIS-01)".into());
            Validity::Missing
        }
        Some(b) if s.other_law_requires_consent && b != LegalBasis::Consent => {
            reasons.push("another law requires consent for this data; relying on another basis does not remove that (S4-BASIS-08)".into());
            Validity::Invalid
        }
        Some(LegalBasis::LegitimateInterest) if public_task_only => {
            reasons.push("a public body whose tasks cover this development cannot rely on legitimate interest: use the public-task basis (LI-07)".into());
            Validity::Invalid
        }
        Some(LegalBasis::LegitimateInterest) => {
            let li = s.legitimate_interest.clone().unwrap_or_default();
            let missing: Vec<&str> = [
                ("the interest", given(li.interest.as_ref())),
                ("the necessity", given(li.necessity.as_ref())),
                ("the balancing", given(li.balancing.as_ref())),
            ]
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n)
            .collect();
            if missing.is_empty() {
                reasons.push("legitimate interest with its three conditions stated (LI-01)".into());
                Validity::Valid
            } else {
                reasons.push(format!(
                    "legitimate interest rests on three cumulative conditions; not stated: {} (LI-01)",
                    missing.join(", ")
                ));
                Validity::Incomplete
            }
        }
        Some(LegalBasis::Consent) => {
            let c = s.consent.clone().unwrap_or_default();
            if !(c.free && c.specific && c.informed && c.unambiguous) {
                reasons.push("consent must be free, specific, informed and unambiguous, all four (S4-BASIS-03)".into());
                Validity::Invalid
            } else if !given(c.records.as_ref()) || !c.withdrawal_applied {
                reasons.push("consent must be provable and its withdrawal applied to the dataset (S4-BASIS-03)".into());
                Validity::Incomplete
            } else {
                reasons.push("consent, with its four criteria, proof and withdrawal".into());
                Validity::Valid
            }
        }
        Some(LegalBasis::Contract) => {
            if s.mode != SourceMode::Direct {
                reasons.push("contract needs a contract with each person whose data is used; the data was not collected from them (S4-BASIS-06)".into());
                Validity::Invalid
            } else if given(s.contract_necessity.as_ref()) {
                reasons.push("contract, with training stated as objectively necessary to it (rarely the case; S4-BASIS-06)".into());
                Validity::Valid
            } else {
                reasons.push("contract holds only where the processing is objectively necessary to perform it: say why (S4-BASIS-06)".into());
                Validity::Incomplete
            }
        }
        Some(LegalBasis::LegalObligation) => {
            if given(s.legal_text.as_ref()) {
                reasons.push(
                    "legal obligation, with the legal text that imposes the processing".into(),
                );
                Validity::Valid
            } else {
                reasons.push("legal obligation holds only where a legal text itself imposes the processing, which is rarely the case for training (S4-BASIS-07; consultation summary, sheet 4)".into());
                Validity::Invalid
            }
        }
        Some(LegalBasis::PublicTask) => {
            if m.controller.kind == ControllerKind::Private {
                reasons.push("public task is for bodies with a task laid down by law; the controller is private (S4-BASIS-05)".into());
                Validity::Invalid
            } else if given(s.legal_text.as_ref()) {
                reasons.push("public task, with the legal text laying it down".into());
                Validity::Valid
            } else {
                reasons.push(
                    "public task needs the legal text that lays the task down (S4-BASIS-05)".into(),
                );
                Validity::Incomplete
            }
        }
        Some(LegalBasis::VitalInterests) => {
            reasons.push("vital interests is not among the bases the CNIL considers for developing AI systems (consent, legitimate interest, public task, contract, legal obligation)".into());
            Validity::Invalid
        }
    };
    BasisVerdict {
        source: s.id.clone(),
        basis: s.legal_basis,
        verdict,
        reasons,
    }
}

/// Special categories the scans found in a source's data: scans whose
/// inputs match one of the source's `paths`.
pub fn found_in(s: &Source, ev: &Evidence) -> Vec<SpecialCategory> {
    let mut out: Vec<SpecialCategory> = ev
        .scans
        .iter()
        .filter(|scan| scan.inputs.iter().any(|i| source_matches(s, i)))
        .flat_map(|scan| scan.special.keys().copied())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether an input path belongs to a source (glob, or a path prefix).
pub fn source_matches(s: &Source, input: &str) -> bool {
    let input = input.trim_start_matches("./");
    s.paths.iter().any(|p| {
        let p = p.trim_start_matches("./");
        glob::Pattern::new(p).is_ok_and(|g| g.matches(input)) || input.starts_with(p)
    })
}

/// DT-4, for one source.
fn sensitive(s: &Source, ev: &Evidence) -> Option<SensitiveVerdict> {
    let found = found_in(s, ev);
    if s.special_categories.is_empty() && found.is_empty() {
        return None;
    }
    let mut reasons = Vec::new();
    let undeclared: Vec<&str> = found
        .iter()
        .filter(|c| !s.special_categories.contains(c))
        .map(|c| c.label())
        .collect();
    if !undeclared.is_empty() {
        reasons.push(format!(
            "the scans found special categories the source does not declare: {}",
            undeclared.join(", ")
        ));
    }
    let outcome = if s.special_categories_targeted {
        match s.art9_exception {
            None => {
                reasons.push("special-category data is sought, and no Art. 9(2) exception is declared: processing is prohibited (S4-SENS-01)".into());
                SensitiveOutcome::Prohibited
            }
            Some(Art9Exception::ManifestlyMadePublic) => {
                let mp = s.made_public.clone().unwrap_or_default();
                if s.mode.is_reuse() && s.mode != SourceMode::ReuseOwn && !mp.published_by_subject {
                    reasons.push("\"manifestly made public\" covers only what the person published himself (CJEU C-252/21); a third-party dataset does not show that".into());
                    SensitiveOutcome::Prohibited
                } else if !mp.published_by_subject {
                    reasons.push("\"manifestly made public\" (Art. 9(2)(e)) covers only data the person published himself; data published by others about him does not qualify (CJEU C-252/21, 4 July 2023)".into());
                    SensitiveOutcome::Prohibited
                } else if !mp.intended_for_public {
                    reasons.push("being reachable online is not enough: the person must have made the data public with a clear intention to make it accessible to the general public, e.g. by explicit public settings (CJEU C-252/21)".into());
                    SensitiveOutcome::Prohibited
                } else if !given(mp.evidence.as_ref()) {
                    reasons.push("\"manifestly made public\" is declared; say what shows the person's intention (`made-public.evidence`)".into());
                    SensitiveOutcome::ExceptionIncomplete
                } else {
                    reasons.push("published by the person himself, intended for the general public (CJEU C-252/21)".into());
                    SensitiveOutcome::ExceptionValid
                }
            }
            Some(Art9Exception::ExplicitConsent) => {
                let c = s.consent.clone().unwrap_or_default();
                if s.legal_basis != Some(LegalBasis::Consent) || !given(c.records.as_ref()) {
                    reasons.push("explicit consent (Art. 9(2)(a)) must be collected and provable for each person: give the consent records".into());
                    SensitiveOutcome::ExceptionIncomplete
                } else {
                    reasons.push("explicit consent, recorded".into());
                    SensitiveOutcome::ExceptionValid
                }
            }
            Some(e) => {
                if given(s.legal_text.as_ref()) {
                    reasons.push(format!(
                        "{} exception, with the provision of law and safeguards it rests on",
                        crate::parse::kebab(&e)
                    ));
                    SensitiveOutcome::ExceptionValid
                } else {
                    reasons.push(format!(
                        "the {} exception needs the provision of EU or national law (in France, the Informatique et Libertés Act) and its safeguards: give `legal-text` (S4-SENS-04)",
                        crate::parse::kebab(&e)
                    ));
                    SensitiveOutcome::ExceptionIncomplete
                }
            }
        }
    } else {
        reasons.push("incidental special-category data: the controller must filter it out and, once aware of it, delete it immediately and automatically as far as possible (consultation summary, sheet 4)".into());
        SensitiveOutcome::Incidental
    };
    Some(SensitiveVerdict {
        source: s.id.clone(),
        declared: s.special_categories.clone(),
        found,
        outcome,
        reasons,
    })
}

/// DT-5, for one re-used source.
fn reuse(s: &Source) -> ReuseVerdict {
    let r = s.reuse.clone().unwrap_or_default();
    let mut reasons = Vec::new();
    let outcome = if r.anonymised {
        reasons.push("re-using anonymised data, or a model that stored no personal data, raises no difficulty (consultation summary, sheet 2)".into());
        ReuseOutcome::Proceed
    } else if s.mode == SourceMode::ReuseOwn {
        if r.compatible == Some(false) {
            reasons.push("the compatibility test concluded the new purpose is incompatible: a new basis (e.g. consent) is needed (S4-REUSE-01)".into());
            ReuseOutcome::Block
        } else if r.training_in_original_notice {
            reasons.push("training was stated when the data was collected: no compatibility test is needed (S4-REUSE-02)".into());
            ReuseOutcome::Proceed
        } else if matches!(
            s.legal_basis,
            Some(LegalBasis::Consent | LegalBasis::LegalObligation | LegalBasis::PublicTask)
        ) {
            reasons.push("the new processing rests on consent or on EU or national law: no compatibility test is needed (S4-REUSE-01)".into());
            ReuseOutcome::Proceed
        } else if given(r.compatibility_test.as_ref()) && r.compatible == Some(true) {
            reasons.push(if r.original_purpose_research {
                "data first processed for research: re-use for other purposes is lawful only if compatible, which the test concludes (consultation summary, sheet 2)".into()
            } else {
                "the compatibility test (Art. 6(4)) concludes the purposes are compatible".into()
            });
            ReuseOutcome::Proceed
        } else {
            reasons.push("re-using one's own data for a purpose not told at collection needs a compatibility test (Art. 6(4): link, context, nature, consequences, safeguards) with its conclusion (S4-REUSE-01)".into());
            ReuseOutcome::Suspend
        }
    } else if r.unlawful_origin_signs || r.court_decision_against {
        reasons.push("signs of a leak, theft or dark-web origin, or a court decision against the dataset: it must not be re-used (S4-REUSE-04)".into());
        ReuseOutcome::Block
    } else if r.licence_permits_use == Some(false) {
        reasons.push("the dataset's licence or terms do not permit this use (S4-REUSE-07)".into());
        ReuseOutcome::Block
    } else if s.mode == SourceMode::ThirdParty && !given(r.contract.as_ref()) {
        reasons.push("data from a third party needs a contract securing the lawfulness of its collection and of the sharing (S4-REUSE-05)".into());
        ReuseOutcome::Block
    } else if !r.source_documented {
        reasons.push("the dataset's documentation does not state its source: suspend the re-use until it is known (S4-REUSE-04)".into());
        ReuseOutcome::Suspend
    } else if !r.provenance_checked {
        reasons.push("the provenance was not checked for flagrant doubts about lawfulness: check it before re-use (S4-REUSE-04)".into());
        ReuseOutcome::Suspend
    } else {
        reasons.push("source documented, provenance checked, no sign of unlawfulness".into());
        ReuseOutcome::Proceed
    };
    ReuseVerdict {
        source: s.id.clone(),
        mode: s.mode,
        outcome,
        reasons,
    }
}
