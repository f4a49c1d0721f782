//! `privasift dpia`: a DPIA draft filled from the manifest, the decisions
//! and the evidence, with the AI-specific risks of the sheets rated on the
//! PIA software's 4-level scales; rendered as Markdown, as JSON, or as the
//! JSON the CNIL's PIA software imports (`../shared/reference/pia-format.md`).
//!
//! Risks the manifest rates keep their rating; the others get a proposed
//! rating, marked as such, with the reason, for the DPO to review.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use crate::engine::Report;
use crate::manifest::{Date, Distribution, GdprRole, Manifest, ModelStatus, RiskId};
use crate::parse::kebab;
use crate::render::esc;
use crate::rule::{Severity, given};

/// Scale labels (PIA software: 1 negligible, 2 limited, 3 significant, 4 maximum).
pub fn level_name(n: u8) -> &'static str {
    match n {
        1 => "negligible",
        2 => "limited",
        3 => "significant",
        4 => "maximum",
        _ => "undefined",
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DpiaDraft {
    pub project: String,
    pub controller: String,
    pub generated_on: Date,
    /// Whether a DPIA is required, and why (the engine's decision).
    pub required: crate::decisions::DpiaDecision,
    /// The PIA software's questions, answered: question id, title, text.
    pub answers: Vec<Answer>,
    pub risks: Vec<AiRisk>,
    pub measures: Vec<String>,
    /// Open findings of `check` that the DPIA should address.
    pub open_findings: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    pub question: u16,
    pub title: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AiRisk {
    pub id: RiskId,
    pub title: &'static str,
    pub description: &'static str,
    pub severity: u8,
    pub likelihood: u8,
    /// `manifest` (rated by the controller) or `proposed` (by privasift).
    pub rated_by: &'static str,
    pub rationale: String,
    pub measures: Vec<String>,
    /// The PIA risk item it is exported under (3.2, 3.3 or 3.4), if any.
    pub pia_item: Option<&'static str>,
}

fn describe(id: RiskId) -> &'static str {
    match id {
        RiskId::Memorisation => {
            "The model memorises training data and regurgitates it, or lets it be extracted by queries."
        }
        RiskId::MembershipInference => {
            "An attacker learns whether a given person's data was in the training set."
        }
        RiskId::ModelInversion => {
            "An attacker reconstructs attributes of people in the training set from the model."
        }
        RiskId::Reidentification => {
            "Pseudonymised training data is linked back to the people it concerns."
        }
        RiskId::Misuse => {
            "The model or system is used for purposes it was not built for, harming people."
        }
        RiskId::Discrimination => {
            "Biased data or labels lead the system to treat groups of people unfairly."
        }
        RiskId::TrainingDataSecurity => "The training data is breached, copied, poisoned or lost.",
    }
}

fn pia_item(id: RiskId) -> Option<&'static str> {
    match id {
        RiskId::Memorisation
        | RiskId::MembershipInference
        | RiskId::ModelInversion
        | RiskId::Reidentification
        | RiskId::TrainingDataSecurity => Some("3.2"),
        RiskId::Misuse | RiskId::Discrimination => None,
    }
}

/// A proposed rating for a risk the manifest does not rate, with why.
fn propose(id: RiskId, m: &Manifest, r: &Report) -> (u8, u8, String) {
    let special = !m.declared_special().is_empty() || !r.evidence.special_found().is_empty();
    let vulnerable = m.sources.iter().any(|s| s.vulnerable_people);
    let mut why = Vec::new();
    let severity = if special || vulnerable {
        why.push("special-category data or vulnerable people are concerned, so harm would be significant");
        3
    } else {
        why.push("personal data without special categories: harm would be limited");
        2
    };
    let exposed = m.model.distribution != Distribution::Internal;
    let filtered = m.model.output_filters;
    let tested = !m.model.attack_tests.is_empty();
    let likelihood = match id {
        RiskId::Memorisation | RiskId::MembershipInference | RiskId::ModelInversion => {
            if m.model.status == ModelStatus::Anonymous && tested {
                why.push("the model is analysed as anonymous, with attack tests");
                1
            } else if exposed && !filtered {
                why.push("the model is reachable from outside without output filters");
                3
            } else if exposed {
                why.push("the model is reachable from outside, behind output filters");
                2
            } else {
                why.push("the model stays internal");
                if id == RiskId::Memorisation { 2 } else { 1 }
            }
        }
        RiskId::Reidentification => {
            if m.design
                .privacy_techniques
                .iter()
                .any(|t| t.contains("pseudonym") || t.contains("anonym"))
            {
                why.push("data is pseudonymised or anonymised before training");
                2
            } else {
                why.push("no pseudonymisation is declared");
                3
            }
        }
        RiskId::Misuse => {
            if m.project.general_purpose || m.model.distribution == Distribution::OpenWeights {
                why.push(
                    "a general-purpose or openly distributed model can be put to unforeseen uses",
                );
                3
            } else {
                why.push("a dedicated system with identified uses");
                1
            }
        }
        RiskId::Discrimination => {
            why.push("any model trained on human data can carry its biases");
            2
        }
        RiskId::TrainingDataSecurity => {
            let has = |w: &str| {
                m.security
                    .measures
                    .iter()
                    .any(|x| x.to_lowercase().contains(w))
            };
            if has("encrypt") && has("access") {
                why.push("encryption and access control are declared");
                1
            } else {
                why.push("encryption at rest or access control is not declared");
                2
            }
        }
    };
    (severity, likelihood, why.join("; "))
}

/// Builds the draft. `today` dates it.
pub fn draft(m: &Manifest, r: &Report, today: Date) -> DpiaDraft {
    let risks: Vec<AiRisk> = RiskId::ALL
        .iter()
        .map(|&id| {
            if let Some(rated) = m.dpia.risks.iter().find(|x| x.id == id) {
                AiRisk {
                    id,
                    title: id.title(),
                    description: describe(id),
                    severity: rated.severity,
                    likelihood: rated.likelihood,
                    rated_by: "manifest",
                    rationale: rated.justification.clone().unwrap_or_default(),
                    measures: rated.measures.clone(),
                    pia_item: pia_item(id),
                }
            } else {
                let (severity, likelihood, rationale) = propose(id, m, r);
                AiRisk {
                    id,
                    title: id.title(),
                    description: describe(id),
                    severity,
                    likelihood,
                    rated_by: "proposed",
                    rationale,
                    measures: Vec::new(),
                    pia_item: pia_item(id),
                }
            }
        })
        .collect();
    let mut measures: Vec<String> = Vec::new();
    let mut add = |x: &String| {
        let x = x.trim();
        if !x.is_empty() && !measures.iter().any(|y| y.eq_ignore_ascii_case(x)) {
            measures.push(x.to_owned());
        }
    };
    risks
        .iter()
        .flat_map(|r| r.measures.iter())
        .for_each(&mut add);
    m.security.measures.iter().for_each(&mut add);
    m.design.privacy_techniques.iter().for_each(&mut add);
    m.sources
        .iter()
        .filter_map(|s| s.legitimate_interest.as_ref())
        .flat_map(|li| li.measures.iter())
        .for_each(&mut add);
    let open_findings = r
        .findings
        .iter()
        .filter(|f| f.open() && f.severity != Severity::Suggestion)
        .map(|f| {
            format!(
                "{} {} [{}]: {}",
                f.severity.name(),
                f.rule,
                f.title,
                f.message
            )
        })
        .collect();
    DpiaDraft {
        project: m.project.name.clone(),
        controller: m.controller.name.clone(),
        generated_on: today,
        required: r.decisions.dpia_required.clone(),
        answers: answers(m, r),
        risks,
        measures,
        open_findings,
    }
}

fn or_todo(s: Option<&String>) -> String {
    if given(s) {
        s.cloned().unwrap_or_default()
    } else {
        "Not declared in the manifest: to complete.".to_owned()
    }
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none declared".to_owned()
    } else {
        v.join(", ")
    }
}

fn answers(m: &Manifest, r: &Report) -> Vec<Answer> {
    let d = &r.decisions;
    let mut a = Vec::new();
    let mut push = |question, title, text: String| {
        a.push(Answer {
            question,
            title,
            text,
        });
    };
    let purposes: Vec<String> = m
        .purposes
        .iter()
        .map(|p| format!("{} ({})", p.text, p.id))
        .collect();
    push(
        111,
        "Processing under consideration",
        format!(
            "{}. {} Phase: {}; training: {}; artefact: {}; general-purpose: {}; AI Act risk class: {}. Purposes: {}. Operational use: {}.",
            m.project.name,
            m.project.description.clone().unwrap_or_default(),
            kebab(&m.project.phase),
            kebab(&m.project.training),
            kebab(&m.project.artefact),
            if m.project.general_purpose {
                "yes"
            } else {
                "no"
            },
            kebab(&m.project.ai_act_risk),
            list(&purposes),
            m.regime
                .operational_use
                .clone()
                .unwrap_or_else(|| "not identified".into())
        ),
    );
    let actors: Vec<String> = m
        .actors
        .iter()
        .map(|x| {
            let arr = x
                .arrangement
                .as_ref()
                .map(|s| format!(", arrangement: {s}"))
                .unwrap_or_default();
            format!(
                "{}: {} (AI Act: {}){arr}",
                x.name,
                kebab(&x.gdpr_role),
                kebab(&x.ai_act_role)
            )
        })
        .collect();
    push(
        112,
        "Responsibilities linked to the processing",
        format!(
            "Controller: {} ({}). DPO: {}. Actors: {}.",
            m.controller.name,
            kebab(&m.controller.kind),
            m.controller
                .dpo
                .clone()
                .unwrap_or_else(|| "not declared".into()),
            list(&actors)
        ),
    );
    push(
        113,
        "Applicable standards",
        format!(
            "GDPR; the CNIL's recommendations on the development of AI systems (how-to sheets, 2024-2025), checked by privasift: {} error(s), {} warning(s) open; legal regime: {}.",
            r.counts.errors,
            r.counts.warnings,
            kebab(&d.legal_regime.value)
        ),
    );
    let sources: Vec<String> = m
        .sources
        .iter()
        .map(|s| {
            let special: Vec<String> = s.special_categories.iter().map(kebab).collect();
            format!(
                "{} ({}; {}): data {}; people {}; special categories {}{}",
                s.name,
                s.id,
                kebab(&s.mode),
                list(&s.data_categories),
                list(&s.people),
                list(&special),
                s.records
                    .map(|n| format!("; about {n} records"))
                    .unwrap_or_default()
            )
        })
        .collect();
    push(121, "Data processed", sources.join(". "));
    let period = |name: &str, p: Option<(Date, Date)>| {
        p.map_or_else(
            || format!("{name}: not declared"),
            |(s, e)| format!("{name}: {s} to {e}"),
        )
    };
    push(
        122,
        "Life cycle of data and processes",
        format!(
            "Collection, preparation (minimisation, pseudonymisation, deletion of incidental sensitive data), training, evaluation, then retention. {}; {}; {}.",
            period(
                "development",
                m.retention.development.as_ref().map(|p| (p.start, p.end))
            ),
            period(
                "maintenance",
                m.retention.maintenance.as_ref().map(|p| (p.start, p.end))
            ),
            period(
                "audit",
                m.retention.audit.as_ref().map(|p| (p.start, p.end))
            )
        ),
    );
    push(
        123,
        "Data supporting assets",
        format!(
            "Data locations: {}. Audit store: {}. Security measures: {}.",
            list(
                &m.sources
                    .iter()
                    .flat_map(|s| s.paths.iter().cloned())
                    .collect::<Vec<_>>()
            ),
            m.retention
                .audit
                .as_ref()
                .and_then(|x| x.store.clone())
                .unwrap_or_else(|| "none".into()),
            list(&m.security.measures)
        ),
    );
    push(
        211,
        "Purposes specified, explicit and legitimate",
        m.purposes
            .iter()
            .map(|p| {
                format!(
                    "{}: {} Legitimacy: {}",
                    p.id,
                    p.text,
                    or_todo(p.legitimacy.as_ref())
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
    );
    push(
        212,
        "Legal basis",
        d.legal_basis
            .iter()
            .map(|b| {
                format!(
                    "{}: {} ({}): {}",
                    b.source,
                    b.basis.map_or_else(|| "none".into(), |x| kebab(&x)),
                    kebab(&b.verdict),
                    b.reasons.join("; ")
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
    );
    push(
        213,
        "Data minimisation",
        format!(
            "Objective: {} Method: {} Data selection: {} Privacy techniques: {}.",
            or_todo(m.design.objective.as_ref()),
            or_todo(m.design.method.as_ref()),
            or_todo(m.design.data_selection.as_ref()),
            list(&m.design.privacy_techniques)
        ),
    );
    push(
        214,
        "Data accuracy and updating",
        match &m.annotation {
            Some(an) => format!(
                "Annotation protocol: {}; quality checks: {}.",
                or_todo(an.protocol.as_ref()),
                if an.quality_checks { "yes" } else { "no" }
            ),
            None => {
                "Data is used as collected, after cleaning; no annotation of people is declared."
                    .into()
            }
        },
    );
    push(
        215,
        "Storage duration",
        format!(
            "{}; {}; {}.",
            period(
                "development",
                m.retention.development.as_ref().map(|p| (p.start, p.end))
            ),
            period(
                "maintenance",
                m.retention.maintenance.as_ref().map(|p| (p.start, p.end))
            ),
            m.retention.audit.as_ref().map_or_else(
                || "no audit retention".into(),
                |x| format!("audit: {} to {}, for {}", x.start, x.end, x.purpose)
            )
        ),
    );
    let elements: Vec<String> = m.information.elements.iter().map(kebab).collect();
    push(
        221,
        "Information of data subjects",
        format!(
            "Notice: {}. Elements given: {}. Exemption: {}.",
            or_todo(m.information.notice.as_ref()),
            list(&elements),
            m.information.exemption.map_or_else(
                || "none".into(),
                |e| format!(
                    "{} ({})",
                    kebab(&e),
                    or_todo(m.information.exemption_justification.as_ref())
                )
            )
        ),
    );
    let consent: Vec<&str> = m
        .sources
        .iter()
        .filter(|s| s.legal_basis == Some(crate::manifest::LegalBasis::Consent))
        .map(|s| s.id.as_str())
        .collect();
    push(
        222,
        "Consent",
        if consent.is_empty() {
            "No source relies on consent.".into()
        } else {
            format!("Sources relying on consent: {}.", consent.join(", "))
        },
    );
    push(
        223,
        "Rights of access and portability",
        format!(
            "Procedure: {}. Search tooling: {}.",
            or_todo(m.rights.procedure.as_ref()),
            if m.rights.search_tooling {
                "yes (privasift rights find)"
            } else {
                "no"
            }
        ),
    );
    push(
        224,
        "Rights to rectification and erasure",
        format!(
            "In the dataset: per the procedure above. In the model: {}",
            or_todo(m.rights.model_erasure.as_ref())
        ),
    );
    let objection: Vec<&str> = m
        .sources
        .iter()
        .filter(|s| {
            s.legitimate_interest
                .as_ref()
                .is_some_and(|l| l.objection_handled)
                || s.scraping.as_ref().is_some_and(|x| x.objection_list)
        })
        .map(|s| s.id.as_str())
        .collect();
    push(
        225,
        "Rights to restriction and objection",
        if objection.is_empty() {
            "No objection handling is declared.".into()
        } else {
            format!(
                "Objections are handled before training for: {}.",
                objection.join(", ")
            )
        },
    );
    let processors: Vec<String> = m
        .actors
        .iter()
        .filter(|x| x.gdpr_role == GdprRole::Processor)
        .map(|x| {
            format!(
                "{} ({})",
                x.name,
                x.arrangement
                    .clone()
                    .unwrap_or_else(|| "no contract declared".into())
            )
        })
        .collect();
    push(
        226,
        "Processors",
        format!("Processors: {}.", list(&processors)),
    );
    let origins: Vec<String> = m
        .sources
        .iter()
        .filter_map(|s| {
            s.reuse
                .as_ref()
                .and_then(|x| x.origin_jurisdiction.clone())
                .map(|o| format!("{}: {o}", s.id))
        })
        .collect();
    push(
        227,
        "Transfers outside the EU",
        format!(
            "Not declared in the manifest: to complete. Origin of re-used datasets: {}.",
            list(&origins)
        ),
    );
    a
}

/// The Markdown draft.
pub fn markdown(d: &DpiaDraft) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# DPIA draft: {}\n", d.project);
    let _ = writeln!(
        s,
        "Controller: {}. Drafted by privasift {} on {} from the project manifest and the evidence given; to be completed and validated by the controller with its DPO.\n",
        d.controller,
        env!("CARGO_PKG_VERSION"),
        d.generated_on
    );
    let _ = writeln!(s, "## Is a DPIA required?\n");
    let _ = writeln!(
        s,
        "{}\n",
        if d.required.required {
            "Yes."
        } else {
            "Not by a legal trigger (see the reasons)."
        }
    );
    for reason in &d.required.reasons {
        let _ = writeln!(s, "- {reason}");
    }
    let _ = writeln!(s, "\n## Context and fundamental principles\n");
    for a in &d.answers {
        let _ = writeln!(s, "### {} {}\n\n{}\n", a.question, a.title, a.text);
    }
    let _ = writeln!(s, "## AI-specific risks\n");
    let _ = writeln!(
        s,
        "| Risk | Severity | Likelihood | Rated by | Why | Measures |\n|---|---|---|---|---|---|"
    );
    for r in &d.risks {
        let _ = writeln!(
            s,
            "| {} | {} ({}) | {} ({}) | {} | {} | {} |",
            r.title,
            r.severity,
            level_name(r.severity),
            r.likelihood,
            level_name(r.likelihood),
            r.rated_by,
            r.rationale.replace('|', "\\|"),
            if r.measures.is_empty() {
                "to define".into()
            } else {
                r.measures.join(", ")
            }
        );
    }
    let _ = writeln!(s, "\n## Measures\n");
    for m in &d.measures {
        let _ = writeln!(s, "- {m}");
    }
    if !d.open_findings.is_empty() {
        let _ = writeln!(s, "\n## Open points from `privasift check`\n");
        for f in &d.open_findings {
            let _ = writeln!(s, "- {f}");
        }
    }
    s
}

/// A PIA risk item: question base (32 for 3.2), name, the AI risks exported
/// under it, two threats, two risk sources.
type PiaRiskItem<'a> = (
    u16,
    &'static str,
    Vec<&'a AiRisk>,
    [&'static str; 2],
    [&'static str; 2],
);

fn stamp(d: Date) -> String {
    format!("{d}T00:00:00.000Z")
}

fn p(text: &str) -> String {
    format!("<p>{}</p>", esc(text))
}

/// The JSON the CNIL's PIA software imports: `pia`, `answers`, `measures`,
/// `evaluations` and `comments`, as `../shared/reference/pia-format.md`
/// describes (status 0, no evaluations: a draft for the DPO).
pub fn pia_export(d: &DpiaDraft, m: &Manifest) -> Value {
    let at = stamp(d.generated_on);
    let mut answers: Vec<Value> = d
        .answers
        .iter()
        .map(|a| {
            json!({
                "reference_to": a.question,
                "data": { "text": p(&a.text), "gauge": null, "list": [] },
                "created_at": at, "updated_at": at,
            })
        })
        .collect();
    let measures: Vec<Value> = d
        .measures
        .iter()
        .enumerate()
        .map(|(i, title)| {
            json!({
                "id": i + 1,
                "title": title,
                "content": p(&format!("Declared in the project manifest: {title}.")),
                "placeholder": "measures.default_placeholder",
                "created_at": at, "updated_at": at,
            })
        })
        .collect();
    // The three security risks of the PIA structure.
    let items: [PiaRiskItem<'_>; 3] = [
        (
            32,
            "illegitimate access",
            d.risks
                .iter()
                .filter(|r| r.pia_item == Some("3.2"))
                .collect(),
            [
                "Extraction of training data from the model",
                "Breach of the training dataset",
            ],
            ["External attacker querying the model", "Malicious insider"],
        ),
        (
            33,
            "unwanted modification",
            d.risks
                .iter()
                .filter(|r| r.id == RiskId::TrainingDataSecurity)
                .collect(),
            [
                "Poisoning of collected sources",
                "Corruption of the training dataset",
            ],
            ["Publisher of poisoned web content", "Malicious insider"],
        ),
        (
            34,
            "disappearance",
            d.risks
                .iter()
                .filter(|r| r.id == RiskId::TrainingDataSecurity)
                .collect(),
            [
                "Loss of the dataset or of the audit store",
                "Premature deletion",
            ],
            ["Operator error", "Hardware failure"],
        ),
    ];
    for (base, name, risks, threats, sources) in items {
        let q = |n: u16| base * 10 + n;
        let impacts: Vec<String> = risks.iter().map(|r| r.description.to_owned()).collect();
        let controls: Vec<String> =
            risks
                .iter()
                .flat_map(|r| r.measures.iter().cloned())
                .fold(Vec::new(), |mut v, x| {
                    if !v.contains(&x) {
                        v.push(x);
                    }
                    v
                });
        let severity = risks.iter().map(|r| r.severity).max().unwrap_or(0);
        let likelihood = risks.iter().map(|r| r.likelihood).max().unwrap_or(0);
        let why = |f: fn(&AiRisk) -> u8| {
            risks
                .iter()
                .map(|r| {
                    format!(
                        "{}: {} ({}, {})",
                        r.title,
                        f(r),
                        level_name(f(r)),
                        r.rated_by
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let lists = [
            (q(1), impacts),
            (q(2), threats.iter().map(|s| (*s).to_owned()).collect()),
            (q(3), sources.iter().map(|s| (*s).to_owned()).collect()),
            (q(4), controls),
        ];
        for (question, items) in lists {
            if !items.is_empty() {
                answers.push(json!({
                    "reference_to": question,
                    "data": { "text": null, "gauge": null, "list": items },
                    "created_at": at, "updated_at": at,
                }));
            }
        }
        answers.push(json!({
            "reference_to": q(5),
            "data": { "text": p(&format!("Severity of {name}, the highest of: {}", why(|r| r.severity))), "gauge": severity, "list": [] },
            "created_at": at, "updated_at": at,
        }));
        answers.push(json!({
            "reference_to": q(6),
            "data": { "text": p(&format!("Likelihood of {name}, the highest of: {}", why(|r| r.likelihood))), "gauge": likelihood, "list": [] },
            "created_at": at, "updated_at": at,
        }));
    }
    let others: Vec<String> = d
        .risks
        .iter()
        .filter(|r| r.pia_item.is_none())
        .map(|r| {
            format!(
                "{}: severity {} ({}), likelihood {} ({}), {}",
                r.title,
                r.severity,
                level_name(r.severity),
                r.likelihood,
                level_name(r.likelihood),
                r.rated_by
            )
        })
        .collect();
    let comments = if others.is_empty() {
        Vec::new()
    } else {
        vec![json!({
            "reference_to": 111,
            "for_measure": false,
            "description": p(&format!("AI-specific risks outside the three security risks of this structure (see the privasift DPIA draft): {}.", others.join("; "))),
            "created_at": at, "updated_at": at,
        })]
    };
    json!({
        "pia": {
            "name": d.project,
            "category": "AI development",
            "status": 0,
            "author_name": m.dpia.author.clone().unwrap_or_default(),
            "evaluator_name": m.dpia.evaluator.clone().unwrap_or_default(),
            "validator_name": m.dpia.validator.clone().unwrap_or_default(),
            "dpos_names": "", "dpo_status": null, "dpo_opinion": "",
            "concerned_people_searched_opinion": null, "concerned_people_searched_content": "",
            "people_names": "", "concerned_people_status": null, "concerned_people_opinion": "",
            "rejection_reason": "", "applied_adjustments": "",
            "structure_id": null, "structure_name": null, "structure_sector_name": null, "structure_data": null,
            "created_at": at, "updated_at": at,
        },
        "answers": answers,
        "measures": measures,
        "evaluations": [],
        "comments": comments,
    })
}
