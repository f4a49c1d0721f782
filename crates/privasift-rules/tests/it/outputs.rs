//! What the engine produces: the checked-in JSON Schema, the PIA export
//! (validated against ../shared/reference/pia-format.md), the reports.

use std::collections::BTreeSet;

use privasift_rules::dpia::{draft, pia_export};
use privasift_rules::examples::{TODAY, build};
use privasift_rules::rule::Example;
use serde_json::Value;

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schema/manifest.schema.json"
);

#[test]
fn the_checked_in_schema_is_current() {
    let now = privasift_rules::schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SCHEMA_PATH, &now).unwrap();
    }
    let checked_in = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        checked_in == now,
        "schema/manifest.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p privasift-rules --test it schema` (or `privasift schema > schema/manifest.schema.json`) and commit it"
    );
    // It describes the manifest's top-level tables.
    let v: Value = serde_json::from_str(&now).unwrap();
    for key in ["project", "controller", "sources", "dpia", "deviations"] {
        assert!(v["properties"].get(key).is_some(), "{key}");
    }
}

fn example_export(fragment: &'static str) -> (Value, privasift_rules::dpia::DpiaDraft) {
    let (text, m, ev) = build(&Example::toml(fragment)).unwrap();
    let report = privasift_rules::check(&m, &text, &ev);
    let d = draft(&m, &report, TODAY);
    (pia_export(&d, &m), d)
}

/// The question ids of the PIA software's default structure and their
/// answer types (pia-format.md, section 7).
fn question_type(id: u64) -> Option<&'static str> {
    match id {
        111..=113 | 121..=123 | 211..=215 | 221..=227 => Some("text"),
        321..=324 | 331..=334 | 341..=344 => Some("list"),
        325 | 326 | 335 | 336 | 345 | 346 => Some("gauge"),
        _ => None,
    }
}

fn iso_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 24
            && s.ends_with(".000Z")
            && s.as_bytes()[10] == b'T'
            && s[..10].split('-').count() == 3
    })
}

/// Every rule of pia-format.md that an import depends on.
fn validate_pia(v: &Value) {
    let obj = v.as_object().expect("one JSON object");
    for key in ["pia", "answers", "measures", "evaluations", "comments"] {
        assert!(obj.contains_key(key), "missing top-level `{key}`");
    }
    for key in ["answers", "measures", "evaluations", "comments"] {
        assert!(v[key].is_array(), "`{key}` must be an array");
    }
    let pia = &v["pia"];
    assert!(
        pia["name"].as_str().is_some_and(|s| !s.is_empty()),
        "pia.name"
    );
    assert_eq!(pia["status"], 0, "a draft is in progress");
    assert!(pia["structure_id"].is_null(), "default structure");
    assert!(iso_date(&pia["created_at"]));
    for k in ["dpo_status", "concerned_people_status"] {
        assert!(pia[k].is_null(), "{k} left for the DPO");
    }
    let mut seen = BTreeSet::new();
    for a in v["answers"].as_array().unwrap() {
        let id = a["reference_to"].as_u64().expect("integer question id");
        assert!(seen.insert(id), "two answers to {id}");
        assert!(iso_date(&a["created_at"]), "{id}: created_at");
        let data = &a["data"];
        let keys: BTreeSet<&str> = data
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["gauge", "list", "text"]),
            "{id}: data may hold only text, gauge, list"
        );
        match question_type(id)
            .unwrap_or_else(|| panic!("{id} is not a question of the default structure"))
        {
            "text" => {
                assert!(
                    data["text"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("<p>") && t.len() > 7),
                    "{id}: text answered"
                );
                assert!(data["gauge"].is_null());
                assert_eq!(data["list"], Value::Array(vec![]));
            }
            "list" => {
                assert!(data["text"].is_null());
                let l = data["list"].as_array().unwrap();
                assert!(
                    !l.is_empty() && l.iter().all(Value::is_string),
                    "{id}: list of strings"
                );
            }
            _ => {
                let g = data["gauge"].as_u64().unwrap();
                assert!((1..=4).contains(&g), "{id}: gauge 1..4");
                assert!(
                    data["text"].as_str().is_some_and(|t| t.len() > 7),
                    "{id}: gauge needs a justification"
                );
            }
        }
    }
    let mut ids = BTreeSet::new();
    for m in v["measures"].as_array().unwrap() {
        assert!(
            ids.insert(m["id"].as_u64().expect("measure id")),
            "measure ids unique"
        );
        assert!(m["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(m["content"].as_str().is_some_and(|t| t.starts_with("<p>")));
        assert!(m["placeholder"].is_string());
        assert!(iso_date(&m["created_at"]));
    }
    for c in v["comments"].as_array().unwrap() {
        assert_eq!(
            c["for_measure"], false,
            "comments on measures are lost on import"
        );
        assert!(c["reference_to"].is_u64() && iso_date(&c["created_at"]));
    }
    // Controls listed for a risk name existing measures.
    let titles: BTreeSet<&str> = v["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["title"].as_str())
        .collect();
    for a in v["answers"].as_array().unwrap() {
        if matches!(a["reference_to"].as_u64(), Some(324 | 334 | 344)) {
            for item in a["data"]["list"].as_array().unwrap() {
                assert!(
                    titles.contains(item.as_str().unwrap()),
                    "control {item} is not a measure"
                );
            }
        }
    }
}

#[test]
fn the_pia_export_follows_the_pia_software_format() {
    let (v, d) = example_export("");
    validate_pia(&v);
    // Every context and principle question is answered, and the three
    // security risks are rated.
    let answered: BTreeSet<u64> = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["reference_to"].as_u64())
        .collect();
    for q in [
        111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227,
        325, 326, 335, 336, 345, 346,
    ] {
        assert!(answered.contains(&q), "question {q} unanswered");
    }
    assert!(
        d.risks.iter().all(|r| r.rated_by == "manifest"),
        "the example rates every risk"
    );
    // The round trip through JSON text is what the PIA software reads.
    let text = serde_json::to_string(&v).unwrap();
    validate_pia(&serde_json::from_str(&text).unwrap());
}

#[test]
fn unrated_risks_get_a_proposed_rating_with_its_reason() {
    let (v, d) = example_export(
        "[dpia]\nrisks = []\n[model]\ndistribution = \"open-weights\"\noutput-filters = false\n",
    );
    validate_pia(&v);
    assert!(
        d.risks
            .iter()
            .all(|r| r.rated_by == "proposed" && !r.rationale.is_empty())
    );
    let mem = d
        .risks
        .iter()
        .find(|r| r.id == privasift_rules::manifest::RiskId::Memorisation)
        .unwrap();
    assert_eq!(
        (mem.severity, mem.likelihood),
        (3, 3),
        "health data, open weights without filters"
    );
    let md = privasift_rules::dpia::markdown(&d);
    assert!(md.contains("| proposed |"));
}

#[test]
fn reports_escape_what_they_quote_and_cover_every_section() {
    let (text, m, ev) = build(&Example {
        manifest: "[project]\nname = \"<script>alert(1)</script> & co\"\n[[sources]]\nlegal-basis = \"<unset>\"\nlegitimate-interest = \"<unset>\"\n",
        scan: Some(r#"{"classification":{"verdict":"contains personal data"},"records_scanned":10,"records_with_findings":3,"inputs":[{"path":"data/tickets/a.jsonl"}],"labels":{"EMAIL":{"findings":5},"HEALTH":{"findings":2}},"kinds":{"health":{"label":"HEALTH","records":2}}}"#),
    })
    .unwrap();
    let report = privasift_rules::check(&m, &text, &ev);
    assert!(report.fails());
    let html = privasift_rules::render::html(&report, "project.toml");
    assert!(
        !html.contains("<script>"),
        "HTML must escape the manifest's text"
    );
    assert!(html.contains("&lt;script&gt;"));
    for section in [
        "Summary",
        "Decisions",
        "Findings by sheet",
        "Evidence",
        "Findings per label",
        "S4-BASIS-01",
    ] {
        assert!(html.contains(section), "html: {section}");
    }
    let md = privasift_rules::render::markdown(&report, "project.toml");
    for section in [
        "## Summary",
        "## Decisions",
        "## Findings by sheet",
        "## Evidence",
        "### Scans",
        "## Sources",
        "S4-BASIS-01",
        "EMAIL",
    ] {
        assert!(md.contains(section), "md: {section}");
    }
    let json: Value = serde_json::to_value(&report).unwrap();
    for key in [
        "legal_regime",
        "dpia_required",
        "personal_data",
        "legal_basis",
    ] {
        assert!(json["decisions"].get(key).is_some(), "decisions.{key}");
    }
    assert_eq!(json["decisions"]["legal_regime"]["value"], "gdpr");
}
