//! `privasift init`: a commented manifest to start from. Every `TODO` is
//! read as "not declared", so `privasift check` on the fresh file lists
//! what is left to decide, sheet by sheet.

/// The manifest `privasift init` writes.
pub const TEMPLATE: &str = r#"# privasift project manifest: one AI development project, declared in the
# terms of the CNIL's recommendations on the development of AI systems
# (how-to sheets, 2024-2025). `privasift check privasift.toml` checks it;
# `privasift rules explain ID` explains each rule. Keys are kebab-case and
# unknown keys are refused. Text left as TODO counts as not declared.
# The full example: examples/project.toml in the privasift repository.

version = 1

[project]
name = "TODO: project name"
description = "TODO: what is developed, in one or two sentences"
# development (design, dataset creation, training, fine-tuning) | deployment.
# The CNIL's AI sheets cover development only.
phase = "development"
# from-scratch | fine-tuning | transfer-learning | continuous
# (fine-tuning and transfer learning are development: the one who
# fine-tunes is a provider with the same obligations).
training = "fine-tuning"
# model | system | model-and-system (the model is the product of training;
# the system integrates it).
artefact = "model-and-system"
# A general-purpose AI model or system (foundation model).
general-purpose = false
# AI Act risk class: prohibited | high | limited | minimal | not-assessed.
# High-risk systems always need a DPIA.
ai-act-risk = "not-assessed"
# yes | no | unknown. A scan report given as evidence overrides "no".
personal-data = "unknown"
# Date of the first collection of personal data.
# started = 2025-03-01

[controller]
name = "TODO: organisation"
# private | public-body | competent-authority (police, justice)
type = "private"
# dpo = "dpo@example.invalid"
# For a public body: is this development strictly necessary to the tasks
# the law gives it? (Then legitimate interest is not available.)
# development-within-public-tasks = false

# Every organisation involved, for each processing (sheet 3). GDPR role:
# controller | joint-controller | processor. AI Act role: provider |
# deployer | importer | distributor | none.
[[actors]]
name = "TODO: organisation"
gdpr-role = "controller"
ai-act-role = "provider"
# A processor needs its Art. 28 contract and the controller it acts for;
# joint controllers need their Art. 26 arrangement:
# [[actors]]
# name = "Hosting provider"
# gdpr-role = "processor"
# on-behalf-of = "TODO: organisation"
# arrangement = "contracts/hosting-art28.pdf"

# What decides the legal regime (sheet 1).
[regime]
operational-use-identified = false
# operational-use = "TODO: the use the system is developed for"
# law-enforcement-purpose = false   # prevention, investigation, prosecution of offences
# national-security = false

# Purposes (sheet 2): specified, explicit, legitimate, defined before the
# collection. For a general-purpose system, give the type of system and its
# main capabilities: "developing a generative AI model" is not a purpose.
[[purposes]]
id = "main"
text = "TODO: the purpose, as told to the people concerned"
# defined-on = 2025-01-10
legitimacy = "TODO: why this purpose is legitimate for the organisation"
# system-type = "conversational assistant"
# capabilities = ["TODO"]
# risky-capabilities = []
# excluded-uses = []

# Each data source (sheet 4). mode: direct | scraped | reuse-own |
# reuse-public | third-party. legal-basis: consent | contract |
# legal-obligation | public-task | legitimate-interest.
[[sources]]
id = "main"
name = "TODO: source name"
mode = "direct"
purposes = ["main"]
# legal-basis = "legitimate-interest"
# legal-basis-chosen-on = 2025-01-20
data-categories = []
people = []
# Special categories (Art. 9) and offence data (Art. 10): health |
# religion-or-belief | political-opinion | trade-union |
# sexual-orientation-or-life | ethnic-origin | genetic | biometric |
# criminal-offence.
special-categories = []
# Are they sought (then an Art. 9(2) exception is needed) or incidental
# (then filter them and delete them at once, automatically)?
special-categories-targeted = false
# art9-exception = "explicit-consent"  # | manifestly-made-public | substantial-public-interest | health-or-public-health | research
# sensitive-deletion = true            # incidental sensitive data is deleted automatically (privasift clean)
# records = 100000
# people-count = 10000
# vulnerable-people = false
# datasheet = "docs/datasheets/main.md"
# fields = ["text"]                     # the fields kept, each needed for the purpose
# paths = ["data/main/*.jsonl"]        # ties scan reports to this source

# For legitimate interest, its three conditions:
# [sources.legitimate-interest]
# interest = "TODO"
# necessity = "TODO"
# balancing = "TODO"
# measures = ["pseudonymisation before training", "prior opt-out"]
# document = "docs/lia.pdf"
# objection-handled = true

# For consent: [sources.consent] free, specific, informed, unambiguous,
# records, withdrawal-applied. For contract: contract-necessity = "...".
# For legal-obligation or public-task: legal-text = "...".

# For re-used data (reuse-own, reuse-public, third-party):
# [sources.reuse]
# training-in-original-notice = false
# original-notice = "docs/notice-2021.pdf"        # reuse-own, when the notice stated training
# compatibility-test = "docs/compatibility.pdf"   # reuse-own
# compatible = true
# source-documented = true                         # reuse-public, third-party
# dataset-card = "https://..."
# provenance-checked = true
# unlawful-origin-signs = false
# court-decision-against = false
# licence = "CC-BY-4.0"
# licence-permits-use = true
# contract = "contracts/data-supply.pdf"           # third-party
# origin-jurisdiction = "EU"

# For "manifestly made public" (CJEU C-252/21): published by the person
# himself, meaning it for the general public.
# [sources.made-public]
# published-by-subject = true
# intended-for-public = true
# evidence = "TODO"

# For scraped sources (sheet 4 and the web-scraping focus sheet):
# [sources.scraping]
# criteria = "docs/collection-criteria.md"
# criteria-defined-on = 2025-01-15
# first-collection = 2025-02-01
# freely-accessible-only = true
# robots-txt = true
# ai-opt-outs = true
# sensitive-sites-excluded = true
# sensitive-filters = true
# irrelevant-deleted = true
# objection-list = true
# sources-published = true
# terms-respected = true

# Design choices (sheet 6): minimisation at four levels.
[design]
objective = "TODO"
method = "TODO"
data-selection = "TODO: which data, and why it is strictly necessary"
validation = []          # pilot-study | ethics-committee | ai-referent | other
deep-learning = false
# deep-learning-justification = "TODO: why no more economical method would do"
identifying-media = false
# identifying-media-justification = "TODO"
privacy-techniques = []  # e.g. "pseudonymisation", "synthetic data"

# Retention (sheet 7). Longer than three years needs a justification. Audit
# retention comes after a sorting phase, restricted, encrypted and
# pseudonymised; "a future dispute" is not a purpose.
[retention]
# development = { start = 2025-03-01, end = 2027-03-01 }
# maintenance = { start = 2025-09-01, end = 2028-09-01, justification = "TODO" }
# [retention.audit]
# start = 2025-09-01
# end = 2028-09-01
# purpose = "measuring bias"
# sorted = true
# encrypted = true
# access-restricted = true
# pseudonymised = true
# store = "vault/audit"

[security]
# plan = "docs/security-plan.pdf"
# ai-risk-analysis = "docs/ai-risks.pdf"
measures = []
# component-inventory = "docs/inventory.md"

# DPIA (sheet 5). status: not-started | in-progress | done | not-required.
# criteria (WP248): evaluation-or-scoring | automated-decision |
# systematic-monitoring | sensitive-data | large-scale | matching-datasets |
# vulnerable-people | innovative-use | prevents-rights.
[dpia]
status = "not-started"
# date = 2025-02-15
# document = "docs/dpia.pdf"
criteria = []
# residual-risk = "low"
# The AI-specific risks, rated 1 negligible .. 4 maximum. `privasift dpia`
# proposes ratings for the ones left out.
# [[dpia.risks]]
# id = "memorisation"   # | membership-inference | model-inversion | reidentification | misuse | discrimination | training-data-security
# severity = 2
# likelihood = 2
# measures = ["output filters"]

[governance]
ethics-committee = false
# ai-referent = "TODO"

# Status of the trained model: anonymous | personal-data | not-analysed.
[model]
status = "not-analysed"
# status-analysis = "docs/model-status.pdf"
attack-tests = []
output-filters = false
distribution = "internal"   # | api | open-weights
# base-model-analysis = "docs/base-model.pdf"

# Information of the people concerned.
[information]
# notice = "https://example.invalid/privacy/ai"
elements = []   # controller-identity, dpo-contact, purpose, legal-basis, legitimate-interest, recipients, transfers, retention, rights, complaint, data-categories, sources, memorisation-risk
# exemption = "disproportionate-effort"   # | already-informed
# exemption-justification = "TODO"
# general-notice-published = true

[rights]
# procedure = "docs/rights.md"
follow-up-told = false
identification-help = false
search-tooling = false
not-found-answered = false   # a person not found is told so, never asked for more data
decisions-recorded = false   # every answer and refusal is recorded with its reason
# model-erasure = "TODO: how erasure reaches the model"

# When labels concern people:
# [annotation]
# purpose = "main"
# reused-labels = false     # labels came with a re-used dataset
# labels-pruned = false     # ...and were pruned to the relevant ones
# labels = ["TODO"]
# labels-justified = true
# protocol = "docs/annotation-protocol.md"
# quality-checks = true

# Recommendations you depart from, with your reasons (obligations cannot
# be departed from):
# [[deviations]]
# rule = "S6-DESIGN-02"
# justification = "TODO"
# approved-by = "DPO"
# date = 2025-03-01
"#;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    #[test]
    fn the_template_parses_and_checking_it_lists_what_is_left() {
        let m = crate::parse(super::TEMPLATE, "privasift.toml").unwrap();
        let report = crate::check(&m, super::TEMPLATE, &crate::Evidence::default());
        assert!(report.fails(), "a blank manifest cannot pass");
        assert!(report.findings.iter().any(|f| f.rule == "S4-BASIS-01"));
    }
}
