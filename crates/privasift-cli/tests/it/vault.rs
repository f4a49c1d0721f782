//! `privasift vault`: what is stored (never plaintext), who can read it,
//! what damage `verify` and `get` detect, what `purge` deletes and what the
//! ledger records. Fake data only; no network, no timing.

use std::path::{Path, PathBuf};

use privasift_testgen::Budget;
use serde_json::Value;

use crate::{Run, cmd, corpus, jline, to_run, write};

/// A value of a field the default policy keeps (no detector fires on it).
const CANARY: &str = "zq-canary-7f1e9b0c-not-personal";
const EMAIL: &str = "ana.lopez@example.org";
const PURPOSE: &str = "bias measurement of the v2 model (sheet 7 audit)";

/// The binary in `dir`, without the caller's key or ledger variables.
fn pv(dir: &Path, args: &[&str]) -> Run {
    pv_env(dir, args, &[])
}

fn pv_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = cmd(dir);
    for v in [
        "PRIVASIFT_KEY",
        "PRIVASIFT_LEDGER",
        "PRIVASIFT_VAULT_OPERATOR_KEY",
        "PRIVASIFT_VAULT_AUDITOR_KEY",
    ] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    to_run(&c.args(args).output().expect("running privasift"))
}

struct Setup {
    tmp: tempfile::TempDir,
    /// Every run's output, to check that no key ever shows.
    outputs: Vec<String>,
}

impl Setup {
    fn dir(&self) -> &Path {
        self.tmp.path()
    }

    fn run(&mut self, args: &[&str]) -> Run {
        let r = pv(self.dir(), args);
        self.outputs.push(r.all());
        r
    }

    fn run_env(&mut self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let r = pv_env(self.dir(), args, env);
        self.outputs.push(r.all());
        r
    }

    /// Puts `file`; returns the new object's id.
    fn put(&mut self, file: &str, until: &str) -> String {
        let before = self.ids();
        let r = self.run(&[
            "vault",
            "put",
            "v",
            file,
            "--purpose",
            PURPOSE,
            "--until",
            until,
            "--operator-key",
            "op.key",
            "--ledger",
            "ledger.jsonl",
        ]);
        r.assert_code(0);
        let new: Vec<String> = self
            .ids()
            .into_iter()
            .filter(|id| !before.contains(id))
            .collect();
        assert_eq!(new.len(), 1, "{new:?}");
        assert!(r.stdout.contains(&new[0]), "{}", r.stdout);
        new[0].clone()
    }

    /// Object ids, in `list --json` order.
    fn ids(&mut self) -> Vec<String> {
        let r = self.run(&["vault", "list", "v", "--json"]);
        r.assert_code(0);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        v["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    }

    fn get(&mut self, id: &str, key: &str, out: &str) -> Run {
        self.run(&[
            "vault",
            "get",
            "v",
            id,
            "-o",
            out,
            "--auditor-key",
            key,
            "--reason",
            "bias audit Q3",
            "--who",
            "A. Auditor",
            "--ledger",
            "ledger.jsonl",
        ])
    }

    fn verify(&mut self, with_key: bool) -> Run {
        if with_key {
            self.run(&["vault", "verify", "v", "--auditor-key", "aud.key"])
        } else {
            self.run(&["vault", "verify", "v"])
        }
    }

    fn object_file(&self, id: &str, ext: &str) -> PathBuf {
        self.dir().join("v/objects").join(format!("{id}.{ext}"))
    }

    /// The secret lines of both key files.
    fn secrets(&self) -> Vec<String> {
        ["op.key", "aud.key"]
            .iter()
            .map(|k| {
                let text = std::fs::read_to_string(self.dir().join(k)).unwrap();
                let line = text.lines().find(|l| l.starts_with("secret ")).unwrap();
                line["secret ".len()..].to_owned()
            })
            .collect()
    }

    /// No key's secret in any output seen so far, nor in the ledger or the vault.
    fn assert_no_key_shown(&self) {
        let secrets = self.secrets();
        let mut places: Vec<(String, String)> = self
            .outputs
            .iter()
            .map(|o| ("a command's output".to_owned(), o.clone()))
            .collect();
        if let Ok(l) = std::fs::read_to_string(self.dir().join("ledger.jsonl")) {
            places.push(("the ledger".into(), l));
        }
        for (p, bytes) in files_under(&self.dir().join("v")) {
            places.push((
                p.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
        for s in &secrets {
            for (what, text) in &places {
                assert!(!text.contains(&s[..]), "{what} shows a key");
                assert!(!text.contains(&s[..16]), "{what} shows part of a key");
            }
        }
    }
}

/// A vault `v` with keys `op.key` and `aud.key` in a fresh directory, and a
/// dataset `data.jsonl`: records with the canary, an e-mail, a health
/// record the default policy deletes, and a testgen corpus large enough for
/// several encryption chunks.
fn setup() -> Setup {
    let mut s = Setup {
        tmp: tempfile::tempdir().unwrap(),
        outputs: Vec::new(),
    };
    let mut data = String::new();
    for i in 0..50 {
        let mut line: Value = serde_json::from_str(&jline(
            format!("doc-{i}"),
            &format!("Écrire à {EMAIL} pour la réunion {i}."),
        ))
        .unwrap();
        line["note"] = Value::from(CANARY);
        data.push_str(&line.to_string());
        data.push('\n');
    }
    data.push_str(&jline("doc-h", "I was diagnosed with diabetes last year."));
    data.push_str(&String::from_utf8(corpus(11, Budget::Bytes(300_000))).unwrap());
    write(s.dir(), "data.jsonl", data);
    s.run(&[
        "vault",
        "init",
        "v",
        "--operator-key",
        "op.key",
        "--auditor-key",
        "aud.key",
        "--ledger",
        "ledger.jsonl",
    ])
    .assert_code(0);
    s
}

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let b = std::fs::read(&p).unwrap();
                out.push((p, b));
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn ledger_events(dir: &Path) -> Vec<Value> {
    crate::read_jsonl(&dir.join("ledger.jsonl"))
}

#[test]
fn put_pseudonymises_encrypts_and_get_gives_the_pseudonymised_file_back() {
    let mut s = setup();
    let id = s.put("data.jsonl", "2099-12-31");
    s.get(&id, "aud.key", "out.jsonl").assert_code(0);
    let out = std::fs::read(s.dir().join("out.jsonl")).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    // Pseudonymised by the default policy: the canary kept, the e-mail
    // redacted, the health record deleted.
    assert!(text.contains(CANARY));
    assert!(text.contains("[EMAIL]"));
    assert!(!text.contains(EMAIL));
    assert!(!text.contains("diabetes"));
    assert!(out.len() > 3 * 65_536, "the test wants several chunks");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(s.dir().join("out.jsonl"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "decrypted output readable by others");
    }

    // No plaintext byte under the vault: not the canary, not the e-mail,
    // not any 16-byte piece of the pseudonymised file.
    for (p, bytes) in files_under(&s.dir().join("v")) {
        assert!(
            !contains(&bytes, CANARY.as_bytes()),
            "{} holds the canary",
            p.display()
        );
        assert!(!contains(&bytes, EMAIL.as_bytes()), "{}", p.display());
        for piece in out.chunks(16).step_by(5) {
            if piece.len() == 16 {
                assert!(!contains(&bytes, piece), "{} holds plaintext", p.display());
            }
        }
    }
    // Nor left in the temporary directory put used.
    let ledger = std::fs::read_to_string(s.dir().join("ledger.jsonl")).unwrap();
    assert!(!ledger.contains(CANARY) && !ledger.contains(EMAIL));
    let tmp_out = ledger_events(s.dir())
        .iter()
        .find(|e| e["event"] == "run-end" && e["body"]["outputs"].is_array())
        .map(|e| e["body"]["outputs"][0]["path"].as_str().unwrap().to_owned())
        .unwrap();
    assert!(!Path::new(&tmp_out).exists(), "{tmp_out} left behind");

    s.verify(true).assert_code(0);
    let r = s.run(&["vault", "list", "v"]);
    r.assert_code(0);
    assert!(r.stdout.contains(&id) && r.stdout.contains(PURPOSE) && r.stdout.contains("kept"));
    s.assert_no_key_shown();
}

#[test]
fn get_with_the_operator_key_or_another_vaults_key_is_refused() {
    let mut s = setup();
    let id = s.put("data.jsonl", "2099-12-31");
    s.run(&[
        "vault",
        "init",
        "w",
        "--operator-key",
        "op2.key",
        "--auditor-key",
        "aud2.key",
        "--ledger",
        "ledger.jsonl",
    ])
    .assert_code(0);

    let r = s.get(&id, "op.key", "out.jsonl");
    r.assert_code(2);
    assert!(
        r.stderr.contains("operator key") && r.stderr.contains("cannot read"),
        "{}",
        r.stderr
    );
    let r = s.get(&id, "aud2.key", "out.jsonl");
    r.assert_code(2);
    assert!(r.stderr.contains("belongs to vault"), "{}", r.stderr);
    // The operator key through the auditor's variable, and no key at all.
    let r = s.run_env(
        &[
            "vault",
            "get",
            "v",
            &id,
            "-o",
            "out.jsonl",
            "--reason",
            "r",
            "--who",
            "w",
        ],
        &[("PRIVASIFT_VAULT_AUDITOR_KEY", "op.key")],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("operator key"), "{}", r.stderr);
    let r = s.run_env(
        &[
            "vault",
            "get",
            "v",
            &id,
            "-o",
            "out.jsonl",
            "--reason",
            "r",
            "--who",
            "w",
        ],
        &[("PRIVASIFT_VAULT_OPERATOR_KEY", "op.key")],
    );
    r.assert_code(2);
    assert!(
        r.stderr.contains("needs the vault's auditor key"),
        "{}",
        r.stderr
    );
    assert!(!s.dir().join("out.jsonl").exists());
    // An auditor key cannot put or purge either.
    let r = s.run(&[
        "vault",
        "purge",
        "v",
        "--operator-key",
        "aud.key",
        "--ledger",
        "ledger.jsonl",
    ]);
    r.assert_code(2);
    assert!(r.stderr.contains("auditor key"), "{}", r.stderr);
    // The auditor key through its variable works.
    s.run_env(
        &[
            "vault",
            "get",
            "v",
            &id,
            "-o",
            "out.jsonl",
            "--reason",
            "r",
            "--who",
            "w",
            "--ledger",
            "ledger.jsonl",
        ],
        &[("PRIVASIFT_VAULT_AUDITOR_KEY", "aud.key")],
    )
    .assert_code(0);
    // Plaintext is never written into the vault.
    let r = s.get(&id, "aud.key", "v/objects/x.jsonl");
    r.assert_code(2);
    assert!(!s.dir().join("v/objects/x.jsonl").exists());
    s.assert_no_key_shown();
}

#[test]
fn the_access_is_in_the_ledger_before_the_data_is_released() {
    let mut s = setup();
    let id = s.put("data.jsonl", "2099-12-31");
    s.get(&id, "aud.key", "out.jsonl").assert_code(0);
    let events = ledger_events(s.dir());
    let access = events
        .iter()
        .position(|e| e["event"] == "vault-get")
        .unwrap();
    let body = &events[access]["body"];
    assert_eq!(body["object"], Value::from(id.clone()));
    assert_eq!(body["who"], "A. Auditor");
    assert_eq!(body["reason"], "bias audit Q3");
    let end = &events[access + 1];
    assert_eq!(end["event"], "run-end");
    assert_eq!(end["body"]["status"], "released");
    // A read that fails authentication is recorded too, and releases nothing.
    let bin = s.object_file(&id, "bin");
    let mut bytes = std::fs::read(&bin).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x04;
    std::fs::write(&bin, bytes).unwrap();
    let r = s.get(&id, "aud.key", "out2.jsonl");
    r.assert_code(2);
    assert!(r.stderr.contains("does not authenticate"), "{}", r.stderr);
    assert!(!s.dir().join("out2.jsonl").exists());
    let events = ledger_events(s.dir());
    let last = events.last().unwrap();
    assert_eq!(last["body"]["status"], "failed");
    assert!(
        !std::fs::read_to_string(s.dir().join("ledger.jsonl"))
            .unwrap()
            .contains(CANARY)
    );
}

#[test]
fn a_flipped_byte_in_any_file_is_detected_by_verify_and_get() {
    let mut s = setup();
    let id = s.put("data.jsonl", "2099-12-31");
    s.verify(true).assert_code(0);
    let files = [
        (s.object_file(&id, "bin"), format!("objects/{id}.bin")),
        (s.object_file(&id, "json"), format!("objects/{id}.json")),
        (s.dir().join("v/index.json"), "index.json".to_owned()),
        (s.dir().join("v/vault.json"), "vault.json".to_owned()),
    ];
    for (path, name) in &files {
        let good = std::fs::read(path).unwrap();
        for at in [0, good.len() / 3, good.len() - 2] {
            let mut bad = good.clone();
            bad[at] ^= 0x01;
            std::fs::write(path, &bad).unwrap();
            for with_key in [false, true] {
                let r = s.verify(with_key);
                r.assert_code(1);
                assert!(
                    r.all().contains(name.as_str()),
                    "{name} byte {at}: {}",
                    r.all()
                );
            }
            let r = s.get(&id, "aud.key", "out.jsonl");
            assert_ne!(
                r.code,
                Some(0),
                "{name} byte {at}: get released a damaged object"
            );
            r.assert_no_panic();
            assert!(!s.dir().join("out.jsonl").exists());
        }
        std::fs::write(path, &good).unwrap();
    }
    s.verify(true).assert_code(0);
}

#[test]
fn a_truncated_or_reordered_object_is_detected() {
    let mut s = setup();
    let id = s.put("data.jsonl", "2099-12-31");
    let bin = s.object_file(&id, "bin");
    let good = std::fs::read(&bin).unwrap();
    let chunk = 65_536 + 16;
    assert!(good.len() > 3 * chunk);
    let cases: Vec<Vec<u8>> = vec![
        good[..2 * chunk].to_vec(),
        good[..good.len() - 1].to_vec(),
        [&good[chunk..2 * chunk], &good[..chunk], &good[2 * chunk..]].concat(),
    ];
    for (n, bytes) in cases.iter().enumerate() {
        std::fs::write(&bin, bytes).unwrap();
        let r = s.verify(false);
        r.assert_code(1);
        assert!(
            r.stdout.contains(&format!("objects/{id}.bin")),
            "case {n}: {}",
            r.stdout
        );
        let r = s.verify(true);
        r.assert_code(1);
        let r = s.get(&id, "aud.key", "out.jsonl");
        r.assert_code(2);
        assert!(!s.dir().join("out.jsonl").exists());
    }
}

#[test]
fn missing_and_extra_files_are_named_by_verify() {
    let mut s = setup();
    let first = s.put("data.jsonl", "2099-12-31");
    let second = s.put("data.jsonl", "2099-12-31");
    std::fs::remove_file(s.object_file(&first, "bin")).unwrap();
    std::fs::remove_file(s.object_file(&second, "json")).unwrap();
    std::fs::remove_file(s.object_file(&second, "bin")).unwrap();
    write(s.dir(), "v/objects/readme.txt", "x");
    write(s.dir(), "v/copy.jsonl", "x");
    let r = s.verify(false);
    r.assert_code(1);
    for name in [
        format!("objects/{first}.bin: missing"),
        format!("objects/{second}.json: missing"),
        format!("objects/{second}.bin: missing"),
        "objects/readme.txt: extra file".to_owned(),
        "copy.jsonl: extra file".to_owned(),
    ] {
        assert!(r.stdout.contains(&name), "{name} not named:\n{}", r.stdout);
    }
    let r = s.run(&["vault", "verify", "v", "--json"]);
    r.assert_code(1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 5, "{}", r.stdout);
}

#[test]
fn purge_deletes_what_is_past_its_deadline_and_the_ledger_shows_it() {
    let mut s = setup();
    let old = s.put("data.jsonl", "2099-01-31");
    let keep = s.put("data.jsonl", "2099-12-31");
    // Before the deadline: nothing goes.
    let r = s.run(&[
        "vault",
        "purge",
        "v",
        "--operator-key",
        "op.key",
        "--today",
        "2099-01-31",
        "--ledger",
        "ledger.jsonl",
    ]);
    r.assert_code(0);
    assert!(s.object_file(&old, "bin").exists());
    let r = s.run(&["vault", "list", "v", "--today", "2099-02-01"]);
    assert!(r.stdout.contains("PAST DEADLINE"), "{}", r.stdout);
    let r = s.run(&[
        "vault",
        "purge",
        "v",
        "--operator-key",
        "op.key",
        "--today",
        "2099-02-01",
        "--ledger",
        "ledger.jsonl",
    ]);
    r.assert_code(0);
    assert!(r.stdout.contains(&old), "{}", r.stdout);
    assert!(!s.object_file(&old, "bin").exists());
    assert!(!s.object_file(&old, "json").exists());
    assert!(s.object_file(&keep, "bin").exists());
    assert_eq!(s.ids(), vec![keep.clone()]);
    s.verify(true).assert_code(0);
    let r = s.get(&old, "aud.key", "out.jsonl");
    r.assert_code(2);
    assert!(r.stderr.contains("no object"), "{}", r.stderr);

    s.run(&["ledger", "verify", "ledger.jsonl"]).assert_code(0);
    let r = s.run(&["ledger", "show", "ledger.jsonl", "--json"]);
    r.assert_code(0);
    let show: Value = serde_json::from_str(&r.stdout).unwrap();
    let runs = show["runs"].as_array().unwrap();
    let commands: Vec<&str> = runs.iter().filter_map(|r| r["command"].as_str()).collect();
    for c in ["vault init", "clean", "vault put", "vault purge"] {
        assert!(commands.contains(&c), "{c} not in {commands:?}");
    }
    let purge = runs
        .iter()
        .rfind(|r| r["command"] == "vault purge")
        .unwrap();
    assert_eq!(purge["events"]["vault-purge"], 1);
    assert_eq!(purge["end"]["purged"], serde_json::json!([old.clone()]));
    let deletion = ledger_events(s.dir())
        .into_iter()
        .find(|e| e["event"] == "vault-purge")
        .unwrap();
    assert_eq!(deletion["body"]["object"], Value::from(old));
    assert_eq!(deletion["body"]["deadline"], "2099-01-31");
    assert!(
        deletion["body"]["ciphertext_sha256"]
            .as_str()
            .unwrap()
            .len()
            == 64
    );
    s.assert_no_key_shown();
}

#[test]
fn a_dispute_purpose_or_a_past_deadline_is_refused_and_nothing_is_stored() {
    let mut s = setup();
    for (purpose, until) in [
        ("kept in case of a future dispute", "2099-12-31"),
        ("Litigation hold", "2099-12-31"),
        ("preuve en cas de contentieux", "2099-12-31"),
        ("just in case", "2099-12-31"),
        (PURPOSE, "2001-01-01"),
    ] {
        let r = s.run(&[
            "vault",
            "put",
            "v",
            "data.jsonl",
            "--purpose",
            purpose,
            "--until",
            until,
            "--operator-key",
            "op.key",
            "--ledger",
            "ledger.jsonl",
        ]);
        r.assert_code(2);
        assert!(r.stderr.contains("refused"), "{purpose}: {}", r.stderr);
    }
    assert!(s.ids().is_empty());
    assert!(
        !ledger_events(s.dir())
            .iter()
            .any(|e| e["body"]["command"] == "vault put" || e["body"]["command"] == "clean")
    );
    // A key file is never overwritten by init.
    let before = std::fs::read(s.dir().join("op.key")).unwrap();
    let r = s.run(&[
        "vault",
        "init",
        "w",
        "--operator-key",
        "op.key",
        "--auditor-key",
        "new.key",
    ]);
    r.assert_code(2);
    assert_eq!(std::fs::read(s.dir().join("op.key")).unwrap(), before);
    s.assert_no_key_shown();
}

#[test]
fn the_operator_key_can_come_from_its_environment_variable() {
    let mut s = setup();
    let r = s.run_env(
        &[
            "vault",
            "put",
            "v",
            "data.jsonl",
            "--purpose",
            PURPOSE,
            "--until",
            "2099-12-31",
            "--ledger",
            "ledger.jsonl",
        ],
        &[("PRIVASIFT_VAULT_OPERATOR_KEY", "op.key")],
    );
    r.assert_code(0);
    assert_eq!(s.ids().len(), 1);
    let r = s.run(&[
        "vault",
        "put",
        "v",
        "data.jsonl",
        "--purpose",
        PURPOSE,
        "--until",
        "2099-12-31",
        "--ledger",
        "ledger.jsonl",
    ]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("PRIVASIFT_VAULT_OPERATOR_KEY"),
        "{}",
        r.stderr
    );
    s.assert_no_key_shown();
}
