//! The compliance commands end to end: init, check (with scan and ledger
//! evidence), rules, report, dpia, schema.

use std::path::Path;

use crate::{read_json, run, write};

const PROJECT: &str = include_str!("../../../../examples/project.toml");

fn project(dir: &Path) {
    write(dir, "project.toml", PROJECT);
}

#[test]
fn init_writes_a_manifest_that_check_reads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(d, ["init"]).assert_code(0);
    let first = std::fs::read_to_string(d.join("privasift.toml")).unwrap();
    assert!(first.contains("[[sources]]"));
    let r = run(d, ["init"]);
    r.assert_code(2);
    assert!(r.stderr.contains("exists"), "{}", r.stderr);
    run(d, ["init", "-o", "other.toml"]).assert_code(0);
    // A blank manifest fails: obligations are not met yet.
    let r = run(d, ["check", "privasift.toml"]);
    r.assert_code(1);
    assert!(r.stdout.contains("error[S4-BASIS-01]"), "{}", r.stdout);
    assert!(
        r.stdout.contains("privasift.toml:"),
        "findings say where: {}",
        r.stdout
    );
}

#[test]
fn the_example_project_passes_and_a_broken_one_fails_with_where() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    project(d);
    let r = run(d, ["check", "project.toml"]);
    r.assert_code(0);
    assert!(r.stdout.contains("0 error(s)"), "{}", r.stdout);
    // An obligation broken: exit 1, the rule, the line.
    write(
        d,
        "broken.toml",
        PROJECT.replacen("legal-basis = \"legitimate-interest\"\n", "", 1),
    );
    // Removing the basis leaves `legitimate-interest` inconsistent: the
    // manifest is refused before any rule runs (exit 2, file:line:col).
    let r = run(d, ["check", "broken.toml"]);
    r.assert_code(2);
    assert!(r.stderr.contains("broken.toml:"), "{}", r.stderr);
    assert!(r.stderr.contains("legitimate-interest"), "{}", r.stderr);
    // A typo in a key: refused with a suggestion.
    write(
        d,
        "typo.toml",
        PROJECT.replacen("personal-data = \"yes\"", "personal_data = \"yes\"", 1),
    );
    let r = run(d, ["check", "typo.toml"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("did you mean `personal-data`?"),
        "{}",
        r.stderr
    );
    // Missing file.
    run(d, ["check", "nope.toml"]).assert_code(2);
}

/// A small dataset with an e-mail address and health data (fake).
fn data(dir: &Path) {
    write(
        dir,
        "data/posts.jsonl",
        "{\"id\":1,\"text\":\"Écrivez-moi à jeanne.exemple@example.org, je suis diabétique depuis 2010.\"}\n{\"id\":2,\"text\":\"Bonjour, la livraison est prévue mardi.\"}\n",
    );
}

#[test]
fn evidence_beats_declarations() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    data(d);
    run(d, ["scan", "data", "--report", "scan.json", "-q"]).assert_code(0);
    // The manifest says "no personal data": the scan says otherwise.
    write(
        d,
        "p.toml",
        PROJECT.replacen("personal-data = \"yes\"", "personal-data = \"no\"", 1),
    );
    let r = run(d, ["check", "p.toml", "--evidence", "scan.json"]);
    r.assert_code(1);
    assert!(r.stdout.contains("error[S0-SCOPE-01]"), "{}", r.stdout);
    // The scan finds health data in a source that declares none.
    let undeclared = PROJECT
        .replacen(
            "paths = [\"data/tickets/*.jsonl\"]",
            "paths = [\"data/*.jsonl\"]",
            1,
        )
        .replacen(
            "special-categories = [\"health\"]",
            "special-categories = []",
            1,
        );
    write(d, "q.toml", undeclared);
    let r = run(d, ["check", "q.toml", "--evidence", "scan.json", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let s = &v["decisions"]["sensitive_data"][0];
    assert_eq!(s["source"], "tickets");
    assert_eq!(s["found"][0], "health");
    assert_eq!(v["decisions"]["personal_data"]["found"], true);
    // The ledger of a default `clean` shows the health record deleted.
    run(
        d,
        ["clean", "data", "-o", "out", "--ledger", "ledger.jsonl"],
    )
    .assert_code(0);
    let r = run(
        d,
        [
            "check",
            "q.toml",
            "--evidence",
            "scan.json",
            "ledger.jsonl",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let runs = &v["evidence"]["ledgers"][0]["runs"];
    assert_eq!(runs[0]["special_records"], 1);
    assert_eq!(runs[0]["special_dropped"], 1);
    assert_eq!(v["evidence"]["ledgers"][0]["verified"], true);
    // Something that is neither a report nor a ledger is refused by name.
    write(d, "notes.txt", "hello");
    let r = run(d, ["check", "q.toml", "--evidence", "notes.txt"]);
    r.assert_code(2);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
}

#[test]
fn check_json_gives_decisions_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    project(d);
    let r = run(d, ["check", "project.toml", "--json"]);
    r.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["decisions"]["legal_regime"]["value"], "gdpr");
    assert_eq!(v["decisions"]["dpia_required"]["required"], true);
    assert!(
        v["decisions"]["dpia_required"]["criteria"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    assert_eq!(v["decisions"]["personal_data"]["value"], "yes");
    assert_eq!(v["decisions"]["legal_basis"][0]["verdict"], "valid");
    assert!(v["findings"].as_array().unwrap().is_empty());
}

#[test]
fn rules_are_listed_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = run(d, ["rules"]);
    r.assert_code(0);
    assert!(r.stdout.contains("S4-BASIS-01"), "{}", r.stdout);
    let r = run(d, ["rules", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == "S7-DATA-08" && x["severity"] == "error")
    );
    let r = run(d, ["rules", "explain", "s4-basis-01"]);
    r.assert_code(0);
    for w in [
        "S4-BASIS-01",
        "obligation",
        "source:",
        "Example that breaks it",
    ] {
        assert!(r.stdout.contains(w), "{w}: {}", r.stdout);
    }
    let r = run(d, ["rules", "explain", "S4-BASIS-1"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("did you mean S4-BASIS-01?"),
        "{}",
        r.stderr
    );
}

#[test]
fn report_and_dpia_are_written_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    project(d);
    data(d);
    run(d, ["scan", "data", "--report", "scan.json", "-q"]).assert_code(0);
    for out in ["r.html", "r.md", "r.json"] {
        run(
            d,
            [
                "report",
                "project.toml",
                "--evidence",
                "scan.json",
                "-o",
                out,
            ],
        )
        .assert_code(0);
        let text = std::fs::read_to_string(d.join(out)).unwrap();
        assert!(text.contains("Helpdesk assistant"), "{out}");
    }
    assert!(read_json(&d.join("r.json"))["decisions"]["legal_regime"]["value"] == "gdpr");
    run(d, ["report", "project.toml", "-o", "r.pdf"]).assert_code(2);
    run(d, ["dpia", "project.toml", "-o", "dpia.json"]).assert_code(0);
    let pia = read_json(&d.join("dpia.json"));
    for key in ["pia", "answers", "measures", "evaluations", "comments"] {
        assert!(pia.get(key).is_some(), "{key}");
    }
    run(d, ["dpia", "project.toml", "-o", "dpia.md"]).assert_code(0);
    let md = std::fs::read_to_string(d.join("dpia.md")).unwrap();
    assert!(md.contains("## AI-specific risks"));
    run(
        d,
        [
            "dpia",
            "project.toml",
            "-o",
            "draft.json",
            "--format",
            "json",
        ],
    )
    .assert_code(0);
    assert!(
        read_json(&d.join("draft.json"))["risks"]
            .as_array()
            .unwrap()
            .len()
            == 7
    );
    // Nothing printed or written quotes the scanned data.
    for f in ["r.html", "r.md", "r.json", "dpia.json", "dpia.md"] {
        let text = std::fs::read_to_string(d.join(f)).unwrap();
        assert!(!text.contains("jeanne.exemple"), "{f} leaks a value");
    }
}

#[test]
fn schema_prints_the_checked_in_schema() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), ["schema"]);
    r.assert_code(0);
    let checked_in = include_str!("../../../../schema/manifest.schema.json");
    assert_eq!(r.stdout, checked_in);
}

/// The terminal output of `check` on a project with one problem per sheet
/// that matters most (no legal basis, no DPIA although required, a purpose
/// of "developing a generative AI model", audit data kept for disputes):
/// reviewed as a snapshot, since it is what a DPO reads first.
#[test]
fn check_output_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = PROJECT
        .replacen("legal-basis = \"legitimate-interest\"\n", "", 1)
        .replace("status = \"done\"", "status = \"in-progress\"")
        .replace(
            "purpose = \"measuring bias in the assistant's answers across customer languages\"",
            "purpose = \"evidence in case of a future dispute\"",
        );
    // Removing the first source's basis leaves its LI table inconsistent:
    // drop the table too.
    let start = text.find("[sources.legitimate-interest]").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    let text = format!("{}{}", &text[..start], &text[end + 2..]);
    write(d, "project.toml", &text);
    let r = run(d, ["check", "project.toml", "--today", "2026-01-15"]);
    r.assert_code(1);
    insta::assert_snapshot!("check_text", r.stdout);
}
