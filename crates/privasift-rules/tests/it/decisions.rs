//! Every branch of the decision trees (catalogue section 11), each from a
//! small edit of the example project.

use privasift_rules::decisions::{
    Decisions, DpiaLevel, LegalRegime, ReuseOutcome, SensitiveOutcome, Tri, Validity, decide,
};
use privasift_rules::examples::build;
use privasift_rules::rule::Example;

fn dec(fragment: &str) -> Decisions {
    dec_scan(fragment, None)
}

fn dec_scan(fragment: &str, scan: Option<&'static str>) -> Decisions {
    let fragment: &'static str = Box::leak(fragment.to_owned().into_boxed_str());
    let (_, m, ev) = build(&Example {
        manifest: fragment,
        scan,
    })
    .unwrap_or_else(|e| panic!("{fragment}: {e}"));
    decide(&m, &ev)
}

const SCAN_PD: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":10,"records_with_findings":3,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{"email":{"label":"EMAIL","records":3}}}"#;
const SCAN_NONE: &str = r#"{"classification":{"verdict":"no personal data found in what was scanned"},"records_scanned":10,"records_with_findings":0,"inputs":[{"path":"data/tickets/a.jsonl"}],"kinds":{}}"#;
const SCAN_RELIGION: &str = r#"{"classification":{"verdict":"contains personal data"},"records_scanned":10,"records_with_findings":2,"inputs":[{"path":"data/faq/part-0.parquet"}],"kinds":{"religion-or-belief":{"label":"RELIGION_OR_BELIEF","records":2}}}"#;

#[test]
fn legal_regime_walks_every_branch() {
    let no_pd = "[project]\npersonal-data = \"no\"\n";
    let cases: Vec<(Decisions, LegalRegime, bool)> = vec![
        (dec(no_pd), LegalRegime::OutOfScope, false),
        (
            dec_scan(no_pd, Some(SCAN_NONE)),
            LegalRegime::OutOfScope,
            false,
        ),
        (dec_scan(no_pd, Some(SCAN_PD)), LegalRegime::Gdpr, true),
        (
            dec("[regime]\nnational-security = true\n"),
            LegalRegime::NationalSecurity,
            false,
        ),
        (
            dec(
                "[controller]\ntype = \"competent-authority\"\n[regime]\nlaw-enforcement-purpose = true\n",
            ),
            LegalRegime::LawEnforcementDirective,
            false,
        ),
        (
            dec("[regime]\nlaw-enforcement-purpose = true\n"),
            LegalRegime::Gdpr,
            true,
        ),
        (
            dec(
                "[controller]\ntype = \"competent-authority\"\n[regime]\nlaw-enforcement-purpose = true\noperational-use-identified = false\n",
            ),
            LegalRegime::Gdpr,
            true,
        ),
        (
            dec("[regime]\noperational-use-identified = false\n"),
            LegalRegime::Gdpr,
            true,
        ),
        (dec(""), LegalRegime::Gdpr, true),
        (
            dec("[project]\nphase = \"deployment\"\n"),
            LegalRegime::Gdpr,
            false,
        ),
    ];
    for (i, (d, regime, applies)) in cases.into_iter().enumerate() {
        assert_eq!(
            d.legal_regime.value, regime,
            "case {i}: {:?}",
            d.legal_regime.reasons
        );
        assert_eq!(d.legal_regime.sheets_apply, applies, "case {i}");
        assert!(!d.legal_regime.reasons.is_empty());
    }
}

#[test]
fn personal_data_follows_evidence_over_declaration() {
    let d = dec_scan("[project]\npersonal-data = \"no\"\n", Some(SCAN_PD));
    assert_eq!(d.personal_data.value, Tri::Yes);
    assert!(d.personal_data.contradicted);
    let d = dec_scan("[project]\npersonal-data = \"no\"\n", Some(SCAN_NONE));
    assert_eq!(
        (d.personal_data.value, d.personal_data.found),
        (Tri::No, Some(false))
    );
    let d = dec("[project]\npersonal-data = \"unknown\"\n");
    assert_eq!(d.personal_data.value, Tri::Unknown);
    assert_eq!(dec("").personal_data.value, Tri::Yes);
}

#[test]
fn dpia_walks_every_branch() {
    // The example: two criteria (sensitive data, large scale).
    let d = dec("");
    assert_eq!(d.dpia_required.level, DpiaLevel::Required);
    assert_eq!(d.dpia_required.criteria.len(), 2);
    // One criterion only, no special categories.
    let one = "[[sources]]\nspecial-categories = []\n[dpia]\ncriteria = [\"large-scale\"]\n";
    assert_eq!(dec(one).dpia_required.level, DpiaLevel::NotRequired);
    // ...but an Art. 35(4) list item, or AI Act high risk, makes it required.
    let item = format!("{one}cnil-list-item = \"large-scale profiling\"\n");
    assert!(dec(&item).dpia_required.required);
    let high = format!("{one}[project]\nai-act-risk = \"high\"\n");
    let d = dec(&high);
    assert!(d.dpia_required.required);
    assert!(d.dpia_required.triggers[0].contains("AI Act"));
    // Scan evidence of special categories adds criterion 4.
    let d = dec_scan(one, Some(SCAN_RELIGION));
    assert!(d.dpia_required.required);
    assert!(
        d.dpia_required
            .criteria
            .iter()
            .any(|c| c.number == 4 && c.from == "evidence")
    );
    // Two criteria with a justification: not required.
    let d = dec("[dpia]\nno-high-risk-justification = \"pseudonymised before any processing\"\n");
    assert!(!d.dpia_required.required);
    // General-purpose without a trigger: recommended.
    let gp = format!("{one}[project]\ngeneral-purpose = true\n");
    assert_eq!(dec(&gp).dpia_required.level, DpiaLevel::Recommended);
    // Vulnerable people count as criterion 7.
    let v = "[[sources]]\nspecial-categories = []\nvulnerable-people = true\n[dpia]\ncriteria = [\"large-scale\"]\n";
    assert!(dec(v).dpia_required.required);
    // Outside the GDPR: not assessed.
    let d = dec("[regime]\nnational-security = true\n");
    assert!(!d.dpia_required.required);
}

fn basis(fragment: &str) -> Validity {
    dec(fragment).legal_basis[0].verdict
}

#[test]
fn legal_basis_walks_every_branch() {
    let cases: &[(&str, Validity)] = &[
        ("", Validity::Valid),
        (
            "[[sources]]\nlegal-basis = \"<unset>\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Missing,
        ),
        (
            "[[sources]]\nother-law-requires-consent = true\n",
            Validity::Invalid,
        ),
        (
            "[controller]\ntype = \"public-body\"\ndevelopment-within-public-tasks = true\n",
            Validity::Invalid,
        ),
        ("[controller]\ntype = \"public-body\"\n", Validity::Valid),
        (
            "[[sources]]\n[sources.legitimate-interest]\nbalancing = \"TODO\"\n",
            Validity::Incomplete,
        ),
        (
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Invalid,
        ),
        (
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\nconsent = { free = true, specific = true, informed = true, unambiguous = true }\n",
            Validity::Incomplete,
        ),
        (
            "[[sources]]\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\nconsent = { free = true, specific = true, informed = true, unambiguous = true, records = \"crm consent log\", withdrawal-applied = true }\n",
            Validity::Valid,
        ),
        (
            "[[sources]]\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Invalid,
        ),
        (
            "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Incomplete,
        ),
        (
            "[[sources]]\nmode = \"direct\"\nreuse = \"<unset>\"\nlegal-basis = \"contract\"\nlegitimate-interest = \"<unset>\"\ncontract-necessity = \"the service trains a model per customer, on the customer's own data\"\n",
            Validity::Valid,
        ),
        (
            "[[sources]]\nlegal-basis = \"legal-obligation\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Invalid,
        ),
        (
            "[[sources]]\nlegal-basis = \"legal-obligation\"\nlegitimate-interest = \"<unset>\"\nlegal-text = \"Article X of law Y\"\n",
            Validity::Valid,
        ),
        (
            "[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Invalid,
        ),
        (
            "[controller]\ntype = \"public-body\"\n[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Incomplete,
        ),
        (
            "[controller]\ntype = \"public-body\"\n[[sources]]\nlegal-basis = \"public-task\"\nlegitimate-interest = \"<unset>\"\nlegal-text = \"Article X of law Y\"\n",
            Validity::Valid,
        ),
        (
            "[[sources]]\nlegal-basis = \"vital-interests\"\nlegitimate-interest = \"<unset>\"\n",
            Validity::Invalid,
        ),
    ];
    for (fragment, want) in cases {
        assert_eq!(basis(fragment), *want, "{fragment}");
    }
}

fn sensitive(fragment: &str) -> Option<SensitiveOutcome> {
    dec(fragment).sensitive_data.first().map(|s| s.outcome)
}

#[test]
fn art9_exception_walks_every_branch() {
    let targeted = "[[sources]]\nspecial-categories-targeted = true\n";
    let mmp = format!("{targeted}art9-exception = \"manifestly-made-public\"\n");
    let cases: Vec<(String, Option<SensitiveOutcome>)> = vec![
        ("[[sources]]\nspecial-categories = []\n".into(), None),
        (String::new(), Some(SensitiveOutcome::Incidental)),
        (targeted.into(), Some(SensitiveOutcome::Prohibited)),
        (mmp.clone(), Some(SensitiveOutcome::Prohibited)),
        (
            format!("{mmp}made-public = {{ published-by-subject = true }}\n"),
            Some(SensitiveOutcome::Prohibited),
        ),
        (
            format!(
                "{mmp}made-public = {{ published-by-subject = true, intended-for-public = true }}\n"
            ),
            Some(SensitiveOutcome::ExceptionIncomplete),
        ),
        (
            format!(
                "{mmp}made-public = {{ published-by-subject = true, intended-for-public = true, evidence = \"public profile setting\" }}\n"
            ),
            Some(SensitiveOutcome::ExceptionValid),
        ),
        (
            format!("{targeted}art9-exception = \"explicit-consent\"\n"),
            Some(SensitiveOutcome::ExceptionIncomplete),
        ),
        (
            format!(
                "{targeted}art9-exception = \"explicit-consent\"\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\nconsent = {{ free = true, specific = true, informed = true, unambiguous = true, records = \"consent log\", withdrawal-applied = true }}\n"
            ),
            Some(SensitiveOutcome::ExceptionValid),
        ),
        (
            format!("{targeted}art9-exception = \"research\"\n"),
            Some(SensitiveOutcome::ExceptionIncomplete),
        ),
        (
            format!(
                "{targeted}art9-exception = \"research\"\nlegal-text = \"Informatique et Libertés Act, art. 44\"\n"
            ),
            Some(SensitiveOutcome::ExceptionValid),
        ),
    ];
    for (fragment, want) in cases {
        assert_eq!(sensitive(&fragment), want, "{fragment}");
    }
    // Data published by a third party about the person: prohibited even
    // when "published by subject" is not claimed for a bought dataset.
    let third = "[[sources]]\n[[sources]]\nmode = \"third-party\"\nspecial-categories = [\"health\"]\nspecial-categories-targeted = true\nart9-exception = \"manifestly-made-public\"\nreuse = { contract = \"c.pdf\", source-documented = true, provenance-checked = true }\n";
    let d = dec(third);
    let v = d
        .sensitive_data
        .iter()
        .find(|s| s.source == "faq-public")
        .unwrap();
    assert_eq!(v.outcome, SensitiveOutcome::Prohibited);
    assert!(v.reasons.iter().any(|r| r.contains("C-252/21")));
}

#[test]
fn scans_attribute_special_categories_to_sources_by_path() {
    let d = dec_scan("", Some(SCAN_RELIGION));
    let v = d
        .sensitive_data
        .iter()
        .find(|s| s.source == "faq-public")
        .expect("found by the scan");
    assert_eq!(v.found.len(), 1);
    assert!(v.declared.is_empty());
    assert!(v.reasons[0].contains("RELIGION_OR_BELIEF"));
    // The tickets source's paths do not match the scanned file.
    let t = d
        .sensitive_data
        .iter()
        .find(|s| s.source == "tickets")
        .unwrap();
    assert!(t.found.is_empty());
}

fn reuse(fragment: &str, source: &str) -> ReuseOutcome {
    dec(fragment)
        .reuse
        .iter()
        .find(|r| r.source == source)
        .unwrap()
        .outcome
}

#[test]
fn reuse_checks_walk_every_branch() {
    let own: &[(&str, ReuseOutcome)] = &[
        ("", ReuseOutcome::Proceed),
        (
            "[[sources]]\nreuse = { anonymised = true }\n",
            ReuseOutcome::Proceed,
        ),
        (
            "[[sources]]\nreuse = { compatible = false, compatibility-test = \"t.pdf\" }\n",
            ReuseOutcome::Block,
        ),
        (
            "[[sources]]\nreuse = { training-in-original-notice = true }\n",
            ReuseOutcome::Proceed,
        ),
        (
            "[[sources]]\nreuse = { compatibility-test = \"<unset>\" }\nlegal-basis = \"consent\"\nlegitimate-interest = \"<unset>\"\n",
            ReuseOutcome::Proceed,
        ),
        (
            "[[sources]]\nreuse = { compatibility-test = \"<unset>\", compatible = \"<unset>\" }\n",
            ReuseOutcome::Suspend,
        ),
    ];
    for (fragment, want) in own {
        assert_eq!(reuse(fragment, "tickets"), *want, "{fragment}");
    }
    let public: &[(&str, ReuseOutcome)] = &[
        ("", ReuseOutcome::Proceed),
        (
            "[[sources]]\n[[sources]]\nreuse = { unlawful-origin-signs = true }\n",
            ReuseOutcome::Block,
        ),
        (
            "[[sources]]\n[[sources]]\nreuse = { court-decision-against = true }\n",
            ReuseOutcome::Block,
        ),
        (
            "[[sources]]\n[[sources]]\nreuse = { licence-permits-use = false }\n",
            ReuseOutcome::Block,
        ),
        (
            "[[sources]]\n[[sources]]\nreuse = { source-documented = false }\n",
            ReuseOutcome::Suspend,
        ),
        (
            "[[sources]]\n[[sources]]\nreuse = { provenance-checked = false }\n",
            ReuseOutcome::Suspend,
        ),
        (
            "[[sources]]\n[[sources]]\nmode = \"third-party\"\n",
            ReuseOutcome::Block,
        ),
        (
            "[[sources]]\n[[sources]]\nmode = \"third-party\"\nreuse = { contract = \"contracts/supply.pdf\" }\n",
            ReuseOutcome::Proceed,
        ),
    ];
    for (fragment, want) in public {
        assert_eq!(reuse(fragment, "faq-public"), *want, "{fragment}");
    }
}
