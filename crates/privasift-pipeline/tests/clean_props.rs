//! Property tests of the clean job over generated JSON Lines: the output is
//! valid, cleaning is idempotent, deterministic whatever the thread count
//! and batch size, and pseudonyms depend on the key.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use privasift_detect::{DetectConfig, DetectorSet};
use privasift_formats::{ReadOptions, RecordError, discover};
use privasift_pipeline::{CleanJob, CleanObserver, CleanSink, RecordEntry, RunOptions, run};
use privasift_testgen::{GenKind, Lang, kind_values};
use privasift_transform::{Key, Policy, Transformer};
use proptest::prelude::*;

struct Quiet;

impl CleanObserver for Quiet {
    fn entries(&mut self, _: &[RecordEntry]) -> Result<(), String> {
        Ok(())
    }
    fn errors(&mut self, _: &[RecordError]) -> Result<(), String> {
        Ok(())
    }
    fn quarantine(&mut self, _: u32, _: &[u8]) -> Result<(), String> {
        Ok(())
    }
    fn before_shard_complete(&mut self) -> Result<(), String> {
        Ok(())
    }
}

fn set() -> &'static DetectorSet {
    static SET: std::sync::OnceLock<DetectorSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| DetectorSet::default_set(&DetectConfig::default()).unwrap())
}

/// Cleans `input` into `outdir` and returns the output's bytes.
fn clean(
    input: &Path,
    outdir: &Path,
    t: &Transformer,
    threads: usize,
    batch_bytes: usize,
) -> Vec<u8> {
    let found = discover(&[input.display().to_string()], None);
    let opts = RunOptions {
        threads,
        read: ReadOptions {
            batch_bytes,
            digest: true,
            ..ReadOptions::default()
        },
        ..RunOptions::default()
    };
    let dest: PathBuf = outdir.join(input.file_name().unwrap());
    let dests = vec![Some(dest.clone())];
    let job = CleanJob::new(set(), t, &found.sources, &opts, false);
    let mut sink = CleanSink::new(&found.sources, &dests);
    let mut obs = Quiet;
    run(&found.sources, &job, &opts, &|_| {}, |out| {
        sink.add(out, &mut obs)
    })
    .unwrap();
    sink.finish(&mut obs).unwrap();
    std::fs::read(dest).unwrap()
}

fn policy(text: &str) -> Policy {
    Policy::parse(text, "test.toml", &set().kinds()).unwrap()
}

/// Text pieces: prose in several scripts, JSON-hostile characters, and
/// planted values of the kinds privasift finds.
fn piece() -> impl Strategy<Value = String> {
    let kinds: Vec<GenKind> = GenKind::ALL.to_vec();
    prop_oneof![
        "[a-zA-Zéèàçœ ,.;:!?'-]{0,40}",
        "[\\u{0}-\\u{7f}]{0,12}",
        "[αβγδ ЖЙК 中文字 العربية 😀🎉 e\u{301} \"\\\\/\t]{0,12}",
        (0..kinds.len(), any::<u64>(), any::<bool>()).prop_map(move |(k, seed, fr)| {
            let lang = if fr { Lang::Fr } else { Lang::En };
            format!(
                " {} ",
                kind_values(kinds[k], lang, seed, 1)
                    .pop()
                    .unwrap_or_default()
            )
        }),
    ]
}

fn document() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec(piece(), 0..8).prop_map(|v| v.concat()),
        prop::collection::vec(piece(), 0..3).prop_map(|v| v.concat()),
    )
}

fn write_corpus(dir: &Path, docs: &[(String, String)]) -> PathBuf {
    let path = dir.join("in.jsonl");
    let mut s = String::new();
    for (i, (text, note)) in docs.iter().enumerate() {
        let line = serde_json::json!({"id": i, "text": text, "meta": {"note": note, "n": 1.50}});
        s.push_str(&line.to_string());
        s.push('\n');
    }
    std::fs::write(&path, s).unwrap();
    path
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn clean_is_valid_idempotent_and_deterministic(docs in prop::collection::vec(document(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let input = write_corpus(dir.path(), &docs);
        let key = Key::from_bytes([5u8; 32]);
        for (name, p, k) in [
            // The built-in policy but keeping records with special-category
            // findings (redacted), so every record comes out and the line
            // count can be checked.
            ("redact-all", policy("special-categories = \"redact\""), None),
            (
                "pseudonymise",
                policy("default = \"pseudonymise\"\nspecial-categories = \"pseudonymise\""),
                Some(key.clone()),
            ),
        ] {
            let t = Transformer::new(p, k).unwrap();
            let a = clean(&input, &dir.path().join(format!("{name}-a")), &t, 1, 1 << 20);
            let b = clean(&input, &dir.path().join(format!("{name}-b")), &t, 3, 200);
            prop_assert_eq!(&a, &b, "{}: thread count or batch size changed the output", name);
            let text = std::str::from_utf8(&a).expect("output is UTF-8");
            prop_assert_eq!(text.lines().count(), docs.len(), "{}: a record was lost or added", name);
            for (line, (_, _)) in text.lines().zip(&docs) {
                let v: serde_json::Value = serde_json::from_str(line).expect("output line is JSON");
                prop_assert!(v.get("id").is_some() && v.get("text").is_some() && v["meta"]["n"] == 1.5);
            }
            // Cleaning the cleaned output changes nothing.
            let once = dir.path().join(format!("{name}-once.jsonl"));
            std::fs::write(&once, &a).unwrap();
            let twice = clean(&once, &dir.path().join(format!("{name}-c")), &t, 2, 4096);
            prop_assert_eq!(String::from_utf8_lossy(&twice), String::from_utf8_lossy(&a), "{}: not idempotent", name);
        }
    }

    #[test]
    fn pseudonyms_are_stable_for_a_key_and_differ_across_keys(docs in prop::collection::vec(document(), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        let input = write_corpus(dir.path(), &docs);
        let p = policy("default = \"pseudonymise\"");
        let t1 = Transformer::new(p.clone(), Some(Key::from_bytes([1u8; 32]))).unwrap();
        let t1b = Transformer::new(p.clone(), Some(Key::from_bytes([1u8; 32]))).unwrap();
        let t2 = Transformer::new(p, Some(Key::from_bytes([2u8; 32]))).unwrap();
        let a = clean(&input, &dir.path().join("a"), &t1, 2, 512);
        let a2 = clean(&input, &dir.path().join("a2"), &t1b, 1, 1 << 20);
        let b = clean(&input, &dir.path().join("b"), &t2, 2, 512);
        prop_assert_eq!(&a, &a2);
        let has_token = String::from_utf8_lossy(&a).contains('<');
        let original = std::fs::read(&input).unwrap();
        if a != original && has_token {
            prop_assert_ne!(a, b, "two keys gave the same pseudonyms");
        }
    }
}

#[test]
fn planted_values_are_edited_and_the_rest_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let docs = vec![
        (
            "écrire à ana.lopez@example.org, merci".to_owned(),
            "IBAN FR76 3000 6000 0112 3456 7890 189".to_owned(),
        ),
        ("rien à signaler".to_owned(), String::new()),
    ];
    let input = write_corpus(dir.path(), &docs);
    let t = Transformer::new(Policy::builtin(), None).unwrap();
    let out = String::from_utf8(clean(&input, &dir.path().join("o"), &t, 2, 64)).unwrap();
    let original = std::fs::read_to_string(&input).unwrap();
    let expected = original
        .replace("ana.lopez@example.org", "[EMAIL]")
        .replace("FR76 3000 6000 0112 3456 7890 189", "[IBAN]");
    assert_eq!(out, expected);
}
