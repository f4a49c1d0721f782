//! Help and the detector list.

use crate::run;

#[test]
fn help_mentions_commands_and_main_options() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), ["--help"]);
    r.assert_code(0);
    for w in [
        "scan",
        "detect",
        "eval",
        "detectors",
        "clean",
        "ledger",
        "init",
        "check",
        "rules",
        "report",
        "dpia",
        "schema",
        "vault",
    ] {
        assert!(r.stdout.contains(w), "{w}:\n{}", r.stdout);
    }
    let r = run(dir.path(), ["vault", "--help"]);
    r.assert_code(0);
    for w in ["init", "put", "list", "get", "purge", "verify"] {
        assert!(r.stdout.contains(w), "{w}:\n{}", r.stdout);
    }
    let r = run(dir.path(), ["scan", "--help"]);
    r.assert_code(0);
    for w in [
        "--report",
        "--sample",
        "--sample-fraction",
        "--fields",
        "--id-field",
        "--strict",
        "--format",
        "--threads",
        "--max-record-bytes",
        "--labels",
        "--fail-on-findings",
    ] {
        assert!(r.stdout.contains(w), "{w}:\n{}", r.stdout);
    }
    let r = run(dir.path(), ["detect", "--help"]);
    r.assert_code(0);
    for w in ["--output", "--text-field", "--id-field", "--labels"] {
        assert!(r.stdout.contains(w), "{w}:\n{}", r.stdout);
    }
    let r = run(dir.path(), ["--version"]);
    r.assert_code(0);
    assert!(r.stdout.starts_with("privasift "), "{}", r.stdout);
    run(dir.path(), ["no-such-command"]).assert_code(2);
    run(dir.path(), ["scan"]).assert_code(2);
}

#[test]
fn detectors_lists_kinds_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), ["detectors"]);
    r.assert_code(0);
    let rows: Vec<Vec<&str>> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    let has = |kind: &str, label: &str| {
        rows.iter()
            .any(|c| c.len() == 3 && c[1] == kind && c[2] == label)
    };
    assert!(has("fr-nir", "NATIONAL_ID"), "{}", r.stdout);
    assert!(has("iban", "IBAN"), "{}", r.stdout);
    assert!(has("email", "EMAIL"), "{}", r.stdout);
    assert!(has("phone", "PHONE"), "{}", r.stdout);
    assert!(
        rows.iter().all(|c| c.len() == 3 && c[0].contains('@')),
        "{}",
        r.stdout
    );
}
