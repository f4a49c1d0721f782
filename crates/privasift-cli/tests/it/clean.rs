//! `privasift clean`, `keygen`, `reveal` and `ledger`: what comes out of a
//! cleaned dataset (and what must not), resuming a killed run, policies,
//! keys, the processing ledger.
//!
//! Fixtures are fake: testgen corpora, the documentation IBAN, example.org
//! addresses. Every run gets `--ledger` (or a temporary working directory)
//! and none of clean's environment variables from the caller.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray,
};
use privasift_testgen::{Budget, GenOptions, Generator};
use serde_json::Value;

use crate::{Run, cmd, corpus, jline, read_jsonl, to_run, write};

const EMAIL: &str = "ana.lopez@example.org";
const EMAIL2: &str = "zoe.martin@example.fr";
const PHONE: &str = "+33 6 12 34 56 78";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";
const MANIFEST: &str = ".privasift-clean.json";
const PARTIAL_PREFIX: &str = ".privasift-partial-";
const ABORT_HOOK: &str = "PRIVASIFT_TEST_ABORT_AFTER_SHARDS";

/// A policy that needs the key: tokens, surrogates and encryption.
const KEYED_POLICY: &str = "default = \"pseudonymise\"\n\
                            [kinds]\n\
                            phone = \"surrogate\"\n\
                            IBAN = \"encrypt\"\n";

// ---------------------------------------------------------------- helpers

/// The binary in `dir`, without the key, ledger or abort-hook variables of
/// the environment the tests run in.
fn privasift(dir: &Path) -> Command {
    let mut c = cmd(dir);
    for v in ["PRIVASIFT_KEY", "PRIVASIFT_LEDGER", ABORT_HOOK] {
        c.env_remove(v);
    }
    c
}

fn pv<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    to_run(
        &privasift(dir)
            .args(args)
            .output()
            .expect("running privasift"),
    )
}

fn pv_env<I, S>(dir: &Path, args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut c = privasift(dir);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    to_run(&c.output().expect("running privasift"))
}

/// Runs `privasift ARGS` and requires success.
#[track_caller]
fn ok<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let r = pv(dir, args);
    r.assert_code(0);
    r
}

/// Every file under `dir`, hidden ones included, by path relative to `dir`
/// (with `/`), with its bytes. Empty when `dir` does not exist.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn is_hidden(rel: &str) -> bool {
    rel.split('/').any(|c| c.starts_with('.'))
}

/// The files of `dir` whose path has no hidden component: the shards.
fn visible(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .filter(|(k, _)| !is_hidden(k))
        .collect()
}

fn names<V>(m: &BTreeMap<String, V>) -> Vec<&str> {
    m.keys().map(String::as_str).collect()
}

/// The files of a map but OUTDIR's manifest (which names OUTDIR).
fn shards(m: &BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&String, &Vec<u8>)> {
    m.iter().filter(|(k, _)| k.as_str() != MANIFEST)
}

/// Two OUTDIRs hold the same shards, byte for byte, and no hidden file but
/// their manifest.
#[track_caller]
fn assert_same_shards(a: &Path, b: &Path) {
    let (x, y) = (files(a), files(b));
    assert_eq!(names(&x), names(&y));
    assert!(x.contains_key(MANIFEST), "no manifest in {}", a.display());
    for (name, bytes) in shards(&x) {
        assert!(!is_hidden(name), "{name} left in {}", a.display());
        assert!(
            bytes == &y[name],
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

/// The code points `start..end` of `text` (detect and gold offsets).
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// `privasift detect` on a JSON Lines file: per line, the spans of its
/// `text` field as (start, end, label), in code points.
/// The spans `detect` finds that are personal data (context kinds such as
/// dates and place names, which the default policy keeps, left out).
fn detect_spans(dir: &Path, input: &str) -> Vec<Vec<(usize, usize, String)>> {
    let context: Vec<&str> =
        privasift_detect::DetectorSet::default_set(&privasift_detect::DetectConfig::default())
            .unwrap()
            .kinds()
            .into_iter()
            .filter(|k| !k.personal)
            .map(|k| k.name)
            .collect();
    assert!(context.contains(&"place-name"));
    let r = ok(dir, ["detect", input, "-o", "-", "-q"]);
    r.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| !context.contains(&s["kind"].as_str().unwrap()))
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                        s["label"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

/// The values `detect` finds in the `text` fields of a JSON Lines file.
fn detected_values(dir: &Path, input: &str) -> BTreeSet<String> {
    let texts: Vec<String> = read(dir, input)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().to_owned()
        })
        .collect();
    let spans = detect_spans(dir, input);
    assert_eq!(spans.len(), texts.len());
    texts
        .iter()
        .zip(&spans)
        .flat_map(|(t, sp)| sp.iter().map(move |(s, e, _)| chars(t, *s, *e)))
        .collect()
}

/// The forms in which a value could show in a file: as written, and
/// escaped inside a JSON string.
fn forms(v: &str) -> Vec<String> {
    let json = serde_json::to_string(v).unwrap();
    let inner = json[1..json.len() - 1].to_owned();
    if inner == v {
        vec![v.to_owned()]
    } else {
        vec![v.to_owned(), inner]
    }
}

#[track_caller]
fn assert_absent<'a>(what: &str, haystack: &str, values: impl IntoIterator<Item = &'a String>) {
    for v in values {
        for f in forms(v) {
            assert!(!haystack.contains(&f), "{what} contains the value {f:?}");
        }
    }
}

/// `privasift keygen -o NAME` in `dir`; returns the key's 64 hex characters.
fn keygen(dir: &Path, name: &str) -> String {
    let r = ok(dir, ["keygen", "-o", name]);
    assert!(r.stdout.contains("fingerprint"), "{}", r.stdout);
    read(dir, name)
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 64 && l.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("a line of 64 hex characters in the key file")
        .to_owned()
}

/// The entries of a ledger file.
fn ledger(dir: &Path, name: &str) -> Vec<Value> {
    read_jsonl(&dir.join(name))
}

/// One object per record acted on, from the ledger's `records` entries
/// (each lists the records of one batch of one source), with its `source`.
fn record_bodies(entries: &[Value]) -> Vec<Value> {
    bodies(entries, "records")
        .iter()
        .flat_map(|b| {
            let source = b["source"].clone();
            b["records"].as_array().unwrap().iter().map(move |r| {
                let mut r = r.clone();
                r["source"] = source.clone();
                r
            })
        })
        .collect()
}

/// The bodies of the entries of one event.
fn bodies<'a>(entries: &'a [Value], event: &str) -> Vec<&'a Value> {
    entries
        .iter()
        .filter(|e| e["event"] == event)
        .map(|e| &e["body"])
        .collect()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A JSON Lines shard of testgen documents.
fn gen_shard(seed: u64, docs: u64) -> Vec<u8> {
    corpus(seed, Budget::Docs(docs))
}

/// Literal fake values in several fields, formats and spellings, for runs
/// whose output is known exactly.
fn literal_records() -> String {
    let mut s = String::new();
    s += &jline("a1", &format!("Écrire à {EMAIL} ou appeler le {PHONE}."));
    s += &jline("a2", "Rien de personnel ici, juste la météo.");
    s += &jline("a3", &format!("Virement sur {IBAN} demain"));
    s += &serde_json::json!({
        "id": "a4",
        "text": format!("Contact: {EMAIL2}"),
        "meta": {"n": 3, "note": format!("tel {PHONE}"), "ok": true},
    })
    .to_string();
    s.push('\n');
    s += &jline(
        "a5",
        &format!("mail {} (same person)", EMAIL.to_uppercase()),
    );
    s
}

// ------------------------------------------------------- 1. default policy

/// The planted values of the testgen documents `corpus(seed, docs)` holds.
fn planted(seed: u64, docs: u64) -> Vec<(String, &'static str)> {
    let mut g = Generator::new(seed, GenOptions::default());
    (0..docs)
        .flat_map(|_| {
            let d = g.next_doc();
            d.spans
                .iter()
                .map(|s| (chars(&d.text, s.start, s.end), s.label))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The `[LABEL]` tokens of `text`, as byte ranges.
fn label_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('[') {
        let start = from + i;
        let inner: usize = text[start + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_uppercase() || *b == b'_')
            .count();
        let end = start + 1 + inner;
        if inner > 0 && text.as_bytes().get(end) == Some(&b']') {
            out.push((start, end + 1));
            from = end + 1;
        } else {
            from = start + 1;
        }
    }
    out
}

/// Whether `output` is `expected` with some more substrings replaced by
/// `[LABEL]` tokens, and nothing else changed.
fn only_more_redactions(expected: &str, output: &str) -> bool {
    let mut pieces = Vec::new();
    let mut last = 0;
    for (s, e) in label_tokens(output) {
        pieces.push(&output[last..s]);
        last = e;
    }
    pieces.push(&output[last..]);
    let n = pieces.len();
    let mut pos = 0;
    for (i, p) in pieces.iter().enumerate() {
        if i == 0 {
            if !expected.starts_with(p) {
                return false;
            }
            pos = p.len();
        } else if i == n - 1 {
            return expected.len() >= pos + p.len() && expected.ends_with(p);
        } else {
            match expected[pos..].find(p) {
                Some(j) => pos += j + p.len(),
                None => return false,
            }
        }
    }
    pos == expected.len()
}

/// `findings:  N` of a clean summary.
fn summary_findings(stdout: &str) -> usize {
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("findings:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no findings line:\n{stdout}"))
}

/// Input text with each span (code points) replaced by `[LABEL]`.
fn redact(text: &str, spans: &[(usize, usize, String)]) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut last = 0;
    for (s, e, label) in spans {
        assert!(*s >= last, "overlapping spans");
        out.extend(&cs[last..*s]);
        out.push('[');
        out.push_str(label);
        out.push(']');
        last = *e;
    }
    out.extend(&cs[last..]);
    out
}

#[test]
fn default_policy_redacts_every_finding_and_changes_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (seed, docs) = (11, 300);
    let input = String::from_utf8(gen_shard(seed, docs)).unwrap();
    write(d, "in/corpus.jsonl", &input);
    let r = ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    let output = read(d, "out/corpus.jsonl");
    let spans = detect_spans(d, "in/corpus.jsonl");

    // (d) one line out per line in.
    let in_lines: Vec<&str> = input.lines().collect();
    let out_lines: Vec<&str> = output.lines().collect();
    assert_eq!(in_lines.len(), docs as usize);
    assert_eq!(out_lines.len(), in_lines.len());
    assert_eq!(spans.len(), in_lines.len());

    let mut values: BTreeSet<String> = BTreeSet::new();
    let mut labels: BTreeSet<String> = BTreeSet::new();
    let mut total = 0usize;
    for (i, ((raw_in, raw_out), sp)) in in_lines.iter().zip(&out_lines).zip(&spans).enumerate() {
        let n = i + 1;
        let text = serde_json::from_str::<Value>(raw_in).unwrap()["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let cleaned = serde_json::from_str::<Value>(raw_out).unwrap()["text"]
            .as_str()
            .unwrap()
            .to_owned();
        for (s, e, label) in sp {
            values.insert(chars(&text, *s, *e));
            labels.insert(label.clone());
            total += 1;
        }
        // (b) every finding replaced by its label, and every character
        // outside the edited spans as it was (a later pass may redact more,
        // as `[LABEL]`, but never change anything else).
        let expected = redact(&text, sp);
        assert!(
            only_more_redactions(&expected, &cleaned),
            "line {n}: the text is not the input with its findings redacted\n  expected: {expected}\n  got:      {cleaned}"
        );
        // (c) the raw line with only the text value swapped: every other
        // field, the key order and the spacing are byte-identical.
        let old = format!("\"text\":{}", serde_json::to_string(&text).unwrap());
        let new = format!("\"text\":{}", serde_json::to_string(&cleaned).unwrap());
        assert_eq!(raw_in.matches(&old).count(), 1, "line {n}");
        assert_eq!(
            raw_in.replacen(&old, &new, 1),
            *raw_out,
            "line {n}: a field other than `text` changed"
        );
    }
    // The corpus is a real test: many findings of many kinds.
    assert!(total > 300 && values.len() > 250, "{total} findings");
    assert!(labels.len() >= 8, "{labels:?}");
    assert!(
        summary_findings(&r.stdout) >= total,
        "the summary counts fewer findings than detect finds\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!("written:   {docs} records")),
        "{}",
        r.stdout
    );

    // (a) no value found in the input is left in the output...
    assert_absent("the cleaned file", &output, &values);
    // ...and detect on the output finds none of them either.
    let again = detected_values(d, "out/corpus.jsonl");
    let left: Vec<&String> = again.intersection(&values).collect();
    assert!(left.is_empty(), "found again in the output: {left:?}");

    // The values testgen planted and detect found are all gone; detect
    // finds nearly all of them (so the check above covers the corpus).
    let planted = planted(seed, docs);
    let found = planted.iter().filter(|(v, _)| values.contains(v)).count();
    assert!(
        found * 10 >= planted.len() * 9,
        "detect found {found} of {} planted values",
        planted.len()
    );
}

#[test]
fn the_redaction_helpers_used_here_are_right() {
    assert!(only_more_redactions("a [EMAIL] b", "a [EMAIL] b"));
    assert!(only_more_redactions(
        "a [EMAIL] b c",
        "a [EMAIL] [PERSON] c"
    ));
    assert!(only_more_redactions(
        "see https://x.org/?u=[EMAIL] now",
        "see [URL] now"
    ));
    assert!(only_more_redactions("x", "[URL]"));
    assert!(!only_more_redactions("a [EMAIL] b", "a [EMAIL] c"));
    assert!(!only_more_redactions("a b", "a [EMAIL] b c"));
    assert!(!only_more_redactions("ab", "a"));
    assert_eq!(label_tokens("[A] [b] [C_D]x[]"), [(0, 3), (8, 13)]);
    assert_eq!(
        redact("é a@b.fr z", &[(2, 8, "EMAIL".into())]),
        "é [EMAIL] z"
    );
}

#[test]
fn replacement_tokens_do_not_create_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in/a.jsonl",
        jline(
            1,
            "reachable at postgres://dsimon:Z4xmhTV2a@db.example.internal:5432/app",
        ),
    );
    let spans = detect_spans(d, "in/a.jsonl");
    assert_eq!(spans[0].len(), 1, "{spans:?}");
    ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    assert_eq!(
        read(d, "out/a.jsonl"),
        jline(
            1,
            "reachable at postgres://dsimon:[CREDENTIAL]@db.example.internal:5432/app"
        )
    );
}

// ---------------------------------------------------------- 2. idempotence

/// Cleans `input` into `once`, then `once` into `twice`, with the same
/// extra arguments, and requires the second pass to change nothing.
fn assert_idempotent(dir: &Path, input: &str, once: &str, twice: &str, extra: &[&str]) {
    let mut args = vec!["clean", input, "-o", once, "--ledger", "l.jsonl", "-q"];
    args.extend(extra);
    ok(dir, &args);
    let mut args = vec!["clean", once, "-o", twice, "--ledger", "l.jsonl", "-q"];
    args.extend(extra);
    let second_run = ok(dir, &args);
    let first = visible(&dir.join(once));
    let second = visible(&dir.join(twice));
    assert_eq!(names(&first), names(&second));
    for (name, bytes) in &first {
        let again = &second[name];
        if bytes != again {
            let (was, now) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(again),
            );
            let diff = was
                .lines()
                .zip(now.lines())
                .find(|(p, q)| p != q)
                .map(|(p, q)| format!("\n  once:  {p}\n  twice: {q}"))
                .unwrap_or_default();
            panic!(
                "{name} changed when cleaned a second time ({}){diff}",
                extra.join(" ")
            );
        }
    }
    assert!(
        second_run.stdout.contains("findings:  0\n"),
        "{}",
        second_run.stdout
    );
}

#[test]
fn cleaning_literal_values_twice_changes_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", literal_records());
    write(
        d,
        "in/b.csv",
        format!("id,contact,note\n1,{EMAIL},\"call {PHONE}, evenings\"\n2,none,\"{IBAN}\"\n"),
    );
    write(d, "in/c.txt", format!("write to {EMAIL}\n\ncall {PHONE}\n"));
    write(d, "p.toml", "default = \"pseudonymise\"\n");
    keygen(d, "k");
    assert_idempotent(d, "in", "r1", "r2", &[]);
    assert_idempotent(
        d,
        "in",
        "p1",
        "p2",
        &["--policy", "p.toml", "--key-file", "k"],
    );
    // The first pass did edit.
    assert!(read(d, "r1/a.jsonl").contains("[EMAIL]"));
    assert!(read(d, "p1/a.jsonl").contains("<EMAIL_"));
}

#[test]
fn cleaning_a_generated_corpus_twice_changes_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/corpus.jsonl", gen_shard(12, 600));
    write(d, "p.toml", "default = \"pseudonymise\"\n");
    keygen(d, "k");
    assert_idempotent(d, "in", "r1", "r2", &[]);
    assert_idempotent(
        d,
        "in",
        "p1",
        "p2",
        &["--policy", "p.toml", "--key-file", "k"],
    );
}

// ---------------------------------------------------------- 3. determinism

/// The `<LABEL_…>` tokens and `<enc:LABEL:…>` ciphertexts of a text, in order.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        let after = &rest[i..];
        let Some(end) = after.find('>') else { break };
        let t = &after[..=end];
        if t.starts_with("<enc:") || t[1..].starts_with(|c: char| c.is_ascii_uppercase()) {
            out.push(t.to_owned());
        }
        rest = &after[1..];
    }
    out
}

#[test]
fn keyed_outputs_do_not_depend_on_threads_and_follow_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Three batches of 1 MiB in one shard, so threads really share a file.
    write(d, "in/big.jsonl", corpus(31, Budget::Bytes(2_400_000)));
    write(
        d,
        "in/a.jsonl",
        jline(1, &format!("mail {EMAIL} | tel {PHONE} | iban {IBAN}")),
    );
    write(
        d,
        "in/b.jsonl",
        format!(
            "{}{}",
            jline(1, "nothing"),
            jline(2, &format!("iban {IBAN} | tel {PHONE} | mail {EMAIL}"))
        ),
    );
    write(d, "p.toml", KEYED_POLICY);
    keygen(d, "k1");
    keygen(d, "k2");
    let clean =
        |out: &str, key: &str, threads: &str, inputs: &[&str]| -> BTreeMap<String, Vec<u8>> {
            let mut args = vec!["clean"];
            args.extend(inputs);
            args.extend([
                "-o",
                out,
                "--policy",
                "p.toml",
                "--key-file",
                key,
                "-j",
                threads,
                "--ledger",
                "l.jsonl",
                "-q",
            ]);
            ok(d, &args);
            files(&d.join(out))
        };
    let one = clean("t1", "k1", "1", &["in"]);
    let four = clean("t4", "k1", "4", &["in"]);
    assert_eq!(names(&one), [MANIFEST, "a.jsonl", "b.jsonl", "big.jsonl"]);
    for (name, bytes) in shards(&one) {
        assert!(bytes == &four[name], "{name} differs between -j 1 and -j 4");
    }
    let big = String::from_utf8(one["big.jsonl"].clone()).unwrap();
    assert!(big.contains("<EMAIL_"), "pseudonymised");

    // One value, one token, whichever shard it is in.
    let a = tokens(&String::from_utf8(one["a.jsonl"].clone()).unwrap());
    let b = tokens(&String::from_utf8(one["b.jsonl"].clone()).unwrap());
    assert_eq!(a.len(), 2, "{a:?}"); // the e-mail and the IBAN; the phone gets a surrogate
    assert!(
        a[0].starts_with("<EMAIL_") && a[1].starts_with("<enc:IBAN:"),
        "{a:?}"
    );
    assert_eq!(b, [a[1].clone(), a[0].clone()]);
    // The phone's replacement: the part of the last record's text after "tel ".
    let surrogate = |s: &[u8]| -> String {
        let last = String::from_utf8(s.to_vec())
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .to_owned();
        let rec: Value = serde_json::from_str(&last).unwrap();
        rec["text"]
            .as_str()
            .unwrap()
            .split(" | ")
            .find_map(|p| p.strip_prefix("tel "))
            .unwrap()
            .to_owned()
    };
    let (sa, sb) = (surrogate(&one["a.jsonl"]), surrogate(&one["b.jsonl"]));
    assert!(!sa.is_empty() && sa != PHONE, "{sa:?}");
    assert_eq!(sa, sb, "the phone's surrogate differs between shards");

    // Same key again (another run): the same bytes; another key: other
    // tokens, ciphertexts and surrogates.
    let again = clean("again", "k1", "2", &["in/a.jsonl", "in/b.jsonl"]);
    assert_eq!(again["a.jsonl"], one["a.jsonl"]);
    assert_eq!(again["b.jsonl"], one["b.jsonl"]);
    let other = clean("other", "k2", "2", &["in/a.jsonl", "in/b.jsonl"]);
    let a2 = tokens(&String::from_utf8(other["a.jsonl"].clone()).unwrap());
    assert_eq!(a2.len(), 2, "{a2:?}");
    assert!(
        a2[0].starts_with("<EMAIL_") && a2[0] != a[0],
        "{a2:?} {a:?}"
    );
    assert!(
        a2[1].starts_with("<enc:IBAN:") && a2[1] != a[1],
        "{a2:?} {a:?}"
    );
    assert_ne!(surrogate(&other["a.jsonl"]), sa);
}

// ------------------------------------------------------ 4. kill and resume

/// 12 JSON Lines shards, a gzipped one and a CSV, in `in/`.
fn many_shards(d: &Path) {
    for i in 1..=12u64 {
        write(d, &format!("in/s{i:02}.jsonl"), gen_shard(100 + i, 20));
    }
    write(
        d,
        "in/t.csv",
        format!("id,contact\n1,{EMAIL}\n2,none\n3,{PHONE}\n"),
    );
    write(d, "in/z.jsonl.gz", gzip(&gen_shard(200, 20)));
}

#[cfg(unix)]
fn died_of_a_signal(status: std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt as _;
    status.signal().is_some()
}

#[cfg(not(unix))]
fn died_of_a_signal(status: std::process::ExitStatus) -> bool {
    !status.success()
}

#[test]
fn aborted_run_keeps_complete_shards_and_resumes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    many_shards(d);
    write(d, "p.toml", "default = \"pseudonymise\"\n");
    write(
        d,
        "p2.toml",
        "default = \"pseudonymise\"\n[tokens]\nchars = 16\n",
    );
    keygen(d, "k1");
    keygen(d, "k2");
    // `clean in` with a policy, a key, OUTDIR and ledger, and more.
    let args = |policy: &str, key: &str, out: &str, more: &[&str]| -> Vec<String> {
        let ledger = format!("{out}.jsonl");
        let mut v = vec![
            "clean",
            "in",
            "--policy",
            policy,
            "--key-file",
            key,
            "-o",
            out,
            "--ledger",
            &ledger,
            "-q",
        ];
        v.extend(more);
        v.into_iter().map(str::to_owned).collect()
    };
    ok(d, args("p.toml", "k1", "full", &[]));
    let full = visible(&d.join("full"));
    assert_eq!(full.len(), 14, "{:?}", names(&full));

    // Killed (abort) right after the 3rd shard is complete.
    let out = privasift(d)
        .args(args("p.toml", "k1", "part", &[]))
        .env(ABORT_HOOK, "3")
        .output()
        .unwrap();
    assert!(
        died_of_a_signal(out.status),
        "the run was to abort, not {:?}",
        out.status
    );
    let after_kill = files(&d.join("part"));
    let shown = visible(&d.join("part"));
    assert_eq!(
        names(&shown),
        ["s01.jsonl", "s02.jsonl", "s03.jsonl"],
        "exactly the completed shards are visible"
    );
    for (name, bytes) in &shown {
        assert!(
            bytes == &full[name],
            "{name} differs from the uninterrupted run"
        );
    }
    for name in after_kill.keys().filter(|n| is_hidden(n)) {
        assert!(
            name == MANIFEST || name.starts_with(PARTIAL_PREFIX),
            "unexpected file {name}"
        );
    }

    // Into a non-empty OUTDIR without --resume, or with another policy or
    // key: refused, OUTDIR untouched.
    let refused = |args: Vec<String>, want: &str| {
        let r = pv(d, &args);
        r.assert_code(2);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert!(
            files(&d.join("part")) == after_kill,
            "{args:?} changed OUTDIR"
        );
    };
    refused(args("p.toml", "k1", "part", &[]), "--resume");
    refused(
        args("p2.toml", "k1", "part", &["--resume"]),
        "another policy",
    );
    refused(args("p.toml", "k2", "part", &["--resume"]), "key");
    let r = pv(
        d,
        [
            "clean",
            "in",
            "-o",
            "part",
            "--resume",
            "--ledger",
            "part.jsonl",
            "-q",
        ],
    );
    r.assert_code(2); // the built-in policy is another policy too
    let r = pv(
        d,
        [
            "clean",
            "in",
            "-o",
            "nothing-here",
            "--resume",
            "--ledger",
            "x.jsonl",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("nothing to resume"), "{}", r.stderr);

    // Resume: the same files, byte for byte, and no partial left.
    let r = ok(d, args("p.toml", "k1", "part", &["--resume"]));
    assert!(
        r.stdout.contains("3 shard(s) were already complete"),
        "{}",
        r.stdout
    );
    assert_same_shards(&d.join("full"), &d.join("part"));
    let r = ok(d, ["ledger", "verify", "part.jsonl"]);
    assert!(r.stdout.contains("2 runs"), "{}", r.stdout);
}

/// (source, line, action) of every `record` event of a ledger.
fn record_events(entries: &[Value]) -> BTreeSet<(u64, u64, String)> {
    record_bodies(entries)
        .iter()
        .map(|b| {
            (
                b["source"].as_u64().unwrap(),
                b["index"].as_u64().unwrap(),
                b["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn resumed_run_leaves_every_action_in_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    many_shards(d);
    ok(
        d,
        ["clean", "in", "-o", "full", "--ledger", "full.jsonl", "-q"],
    );
    let out = privasift(d)
        .args(["clean", "in", "-o", "part", "--ledger", "part.jsonl", "-q"])
        .env(ABORT_HOOK, "3")
        .output()
        .unwrap();
    assert!(died_of_a_signal(out.status));
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "part",
            "--ledger",
            "part.jsonl",
            "-q",
            "--resume",
        ],
    );
    let want = record_events(&ledger(d, "full.jsonl"));
    let got = record_events(&ledger(d, "part.jsonl"));
    assert!(!want.is_empty());
    let missing: Vec<_> = want.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "{} of {} records acted on are in no ledger entry, e.g. {:?}",
        missing.len(),
        want.len(),
        &missing[..missing.len().min(3)]
    );
}

#[test]
fn killed_run_resumes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..8u64 {
        write(
            d,
            &format!("in/s{i}.jsonl"),
            corpus(300 + i, Budget::Bytes(200_000)),
        );
    }
    ok(
        d,
        ["clean", "in", "-o", "full", "--ledger", "full.jsonl", "-q"],
    );
    let full = visible(&d.join("full"));
    assert_eq!(full.len(), 8);

    let mut child = privasift(d)
        .args([
            "clean",
            "in",
            "-o",
            "part",
            "--ledger",
            "part.jsonl",
            "-q",
            "-j",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let finished = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        let shard_done = std::fs::read_dir(d.join("part")).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
        });
        if shard_done {
            break None;
        }
        assert!(
            started.elapsed() < Duration::from_mins(1),
            "no shard after 60 s"
        );
        std::thread::sleep(Duration::from_millis(1));
    };
    if finished.is_none() {
        child.kill().unwrap();
    }
    let status = child.wait().unwrap();
    if !status.success() {
        assert!(died_of_a_signal(status), "{status:?}");
    }
    eprintln!(
        "{} after {:?} with {} shard(s) complete",
        if finished.is_some() {
            "finished"
        } else {
            "killed"
        },
        started.elapsed(),
        visible(&d.join("part")).len()
    );
    // Whatever the kill interrupted, a visible shard is a complete one.
    for (name, bytes) in visible(&d.join("part")) {
        assert!(bytes == full[&name], "{name} is visible but not complete");
    }
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "part",
            "--ledger",
            "part.jsonl",
            "-q",
            "--resume",
        ],
    );
    assert_same_shards(&d.join("full"), &d.join("part"));
    ok(d, ["ledger", "verify", "part.jsonl"]);
}

// -------------------------------------------------------------- 5. formats

#[test]
fn csv_and_tsv_keep_their_header_and_column_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let note = format!("call {PHONE}, evenings");
    let rows = [
        ["id", "name", "contact", "note"],
        ["1", "Ana", EMAIL, &note],
        ["2", "Bob", "none", "nothing"],
        ["3", "Zoé", IBAN, "x"],
    ];
    // The name column: first names of the gazetteer are PERSON findings.
    let cleaned = [
        ["id", "name", "contact", "note"],
        ["1", "[PERSON]", "[EMAIL]", "call [PHONE], evenings"],
        ["2", "[PERSON]", "none", "nothing"],
        ["3", "[PERSON]", "[IBAN]", "x"],
    ];
    let encode = |rows: &[[&str; 4]], sep: &str, keep: &[usize]| -> String {
        rows.iter()
            .map(|r| {
                let cells: Vec<String> = keep
                    .iter()
                    .map(|j| {
                        let c = r[*j];
                        if sep == "," && c.contains(',') {
                            format!("\"{c}\"")
                        } else {
                            c.to_owned()
                        }
                    })
                    .collect();
                cells.join(sep) + "\n"
            })
            .collect()
    };
    let all = [0, 1, 2, 3];
    write(d, "in/t.csv", encode(&rows, ",", &all));
    write(d, "in/t.tsv", encode(&rows, "\t", &all));
    ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    assert_eq!(read(d, "out/t.csv"), encode(&cleaned, ",", &all));
    assert_eq!(read(d, "out/t.tsv"), encode(&cleaned, "\t", &all));

    // Minimisation drops columns; the others stay in the file's order.
    write(d, "keep.toml", "[fields]\nkeep = [\"note\", \"id\"]\n");
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "kept",
            "--policy",
            "keep.toml",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    assert_eq!(read(d, "kept/t.csv"), encode(&cleaned, ",", &[0, 3]));
    assert_eq!(read(d, "kept/t.tsv"), encode(&cleaned, "\t", &[0, 3]));
}

#[test]
fn compressed_shards_stay_compressed_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = gen_shard(41, 60);
    write(d, "in/plain.jsonl", &text);
    write(d, "in/g.jsonl.gz", gzip(&text));
    write(
        d,
        "in/z.jsonl.zst",
        zstd::stream::encode_all(&text[..], 3).unwrap(),
    );
    ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    let out = visible(&d.join("out"));
    assert_eq!(names(&out), ["g.jsonl.gz", "plain.jsonl", "z.jsonl.zst"]);
    let plain = &out["plain.jsonl"];
    assert!(plain != &text, "something was cleaned");
    let gz = &out["g.jsonl.gz"];
    assert_eq!(gz[..2], [0x1f, 0x8b], "gzip");
    assert!(
        &gunzip(gz) == plain,
        "the .gz shard is not the cleaned text"
    );
    let zs = &out["z.jsonl.zst"];
    assert_eq!(zs[..4], [0x28, 0xb5, 0x2f, 0xfd], "zstd");
    assert!(
        &zstd::stream::decode_all(&zs[..]).unwrap() == plain,
        "the .zst shard is not the cleaned text"
    );
}

#[test]
fn text_keeps_its_blank_lines_and_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in/notes.txt",
        format!("first {EMAIL}\n\nthird\r\n\r\n\n  \nlast {PHONE} ok\n"),
    );
    ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    assert_eq!(
        read(d, "out/notes.txt"),
        "first [EMAIL]\n\nthird\r\n\r\n\n  \nlast [PHONE] ok\n"
    );
}

#[test]
fn a_missing_final_newline_stays_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/notes.txt", format!("first {EMAIL}\nlast line"));
    write(d, "in/a.jsonl", jline(1, EMAIL).trim_end());
    ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    assert_eq!(read(d, "out/notes.txt"), "first [EMAIL]\nlast line");
    assert_eq!(read(d, "out/a.jsonl"), jline(1, "[EMAIL]").trim_end());
}

fn write_parquet(path: &Path, batch: &RecordBatch) {
    let file = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn column<'a, T: 'static>(batches: &'a [RecordBatch], name: &str) -> Vec<&'a T> {
    batches
        .iter()
        .map(|b| {
            b.column_by_name(name)
                .unwrap_or_else(|| panic!("no column {name}"))
                .as_any()
                .downcast_ref::<T>()
                .unwrap_or_else(|| panic!("column {name} has another type"))
        })
        .collect()
}

fn strings(batches: &[RecordBatch], name: &str) -> Vec<Option<String>> {
    column::<StringArray>(batches, name)
        .into_iter()
        .flat_map(|a| (0..a.len()).map(move |i| a.is_valid(i).then(|| a.value(i).to_owned())))
        .collect()
}

#[test]
fn parquet_keeps_its_schema_and_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let batch = RecordBatch::try_from_iter(vec![
        (
            "id",
            Arc::new(Int64Array::from(vec![100, 101, 102, 103])) as ArrayRef,
        ),
        (
            "name",
            Arc::new(StringArray::from(vec![
                Some("Jane"),
                Some("Bob"),
                None,
                Some("Zoé"),
            ])),
        ),
        (
            "contact",
            Arc::new(StringArray::from(vec![
                Some(EMAIL.to_owned()),
                Some("no contact".to_owned()),
                Some(format!("IBAN {IBAN}")),
                None,
            ])),
        ),
        (
            "notes",
            Arc::new(StringArray::from(vec![
                "rien",
                "rien",
                "rien",
                "écrire à zoe.martin@example.fr",
            ])),
        ),
        (
            "score",
            Arc::new(Float64Array::from(vec![1.5, 2.5, 3.5, 4.5])),
        ),
        (
            "flag",
            Arc::new(BooleanArray::from(vec![
                Some(true),
                None,
                Some(false),
                Some(true),
            ])),
        ),
    ])
    .unwrap();
    std::fs::create_dir_all(d.join("in")).unwrap();
    write_parquet(&d.join("in/people.parquet"), &batch);
    write(
        d,
        "p.toml",
        "[kinds]\niban = \"drop-record\"\n\
         [fields]\nkeep = [\"id\", \"contact\", \"notes\", \"score\", \"flag\"]\n",
    );
    ok(
        d,
        [
            "clean", "in", "-o", "out", "--policy", "p.toml", "--ledger", "l.jsonl", "-q",
        ],
    );
    let input = read_parquet(&d.join("in/people.parquet"));
    let out = read_parquet(&d.join("out/people.parquet"));
    let fields = |b: &[RecordBatch]| -> Vec<String> {
        b[0].schema()
            .fields()
            .iter()
            .map(|f| format!("{} {} {}", f.name(), f.data_type(), f.is_nullable()))
            .collect()
    };
    let mut want = fields(&input);
    want.retain(|f| !f.starts_with("name "));
    assert_eq!(fields(&out), want, "the schema, less the dropped column");
    let ids: Vec<i64> = column::<Int64Array>(&out, "id")
        .iter()
        .flat_map(|a| a.values().iter().copied())
        .collect();
    assert_eq!(ids, [100, 101, 103], "row 102 (the IBAN) is dropped");
    let scores: Vec<f64> = column::<Float64Array>(&out, "score")
        .iter()
        .flat_map(|a| a.values().iter().copied())
        .collect();
    assert_eq!(scores, [1.5, 2.5, 4.5]);
    let flags: Vec<Option<bool>> = column::<BooleanArray>(&out, "flag")
        .iter()
        .flat_map(|a| a.iter())
        .collect();
    assert_eq!(flags, [Some(true), None, Some(true)]);
    assert_eq!(
        strings(&out, "contact"),
        [
            Some("[EMAIL]".to_owned()),
            Some("no contact".to_owned()),
            None
        ]
    );
    assert_eq!(
        strings(&out, "notes"),
        [
            Some("rien".to_owned()),
            Some("rien".to_owned()),
            Some("écrire à [EMAIL]".to_owned())
        ]
    );
}

// ------------------------------------------------------ 6. drop-record

#[test]
fn drop_record_deletes_the_record_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret_note = "dossier zebra-7731";
    let mut s = String::new();
    s += &jline("r1", "nothing here");
    s += &jline(
        "r2",
        &format!("écrire à {EMAIL} ou appeler le {PHONE}, {secret_note}"),
    );
    s += &jline("r3", &format!("IBAN {IBAN}"));
    s += &jline("r4", "plain");
    write(d, "in/a.jsonl", s);
    write(
        d,
        "in/b.csv",
        format!("id,text\nc1,hello\nc2,\"mail {EMAIL2}, {secret_note}\"\n"),
    );
    write(d, "p.toml", "[kinds]\nemail = \"drop-record\"\n");
    let r = ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "out",
            "--policy",
            "p.toml",
            "--id-field",
            "id",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    assert_eq!(
        read(d, "out/a.jsonl"),
        format!(
            "{}{}{}",
            jline("r1", "nothing here"),
            jline("r3", "IBAN [IBAN]"),
            jline("r4", "plain")
        )
    );
    assert_eq!(read(d, "out/b.csv"), "id,text\nc1,hello\n");
    assert!(r.stdout.contains("deleted:   2 records"), "{}", r.stdout);
    assert!(r.stdout.contains("2 by drop-record"), "{}", r.stdout);
    assert!(r.stdout.contains("written:   4 records"), "{}", r.stdout);

    let entries = ledger(d, "l.jsonl");
    let recs = record_bodies(&entries);
    let dropped: Vec<(&str, Vec<&str>)> = recs
        .iter()
        .filter(|b| b["action"] == "drop-record")
        .map(|b| {
            (
                b["key"].as_str().unwrap(),
                b["kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(dropped.len(), 2, "{dropped:?}");
    assert_eq!(dropped[0].0, "r2");
    assert!(dropped[0].1.contains(&"EMAIL") && dropped[0].1.contains(&"PHONE"));
    assert_eq!(dropped[1], ("c2", vec!["EMAIL"]));
    let end = bodies(&entries, "run-end")[0];
    assert_eq!(end["counts"]["records_dropped"]["drop-record"], 2);

    // The dropped records' values are nowhere: no shard, no hidden file,
    // no ledger entry, no message.
    let values: Vec<String> = [EMAIL, EMAIL2, PHONE, "zebra-7731"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for (name, bytes) in files(&d.join("out")) {
        assert_absent(
            &format!("out/{name}"),
            &String::from_utf8_lossy(&bytes),
            &values,
        );
    }
    assert_absent("the ledger", &read(d, "l.jsonl"), &values);
    assert_absent("the messages", &r.all(), &values);
}

// ------------------------------------------------------ 7. policy errors

#[test]
fn policy_mistakes_are_refused_before_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in/a.jsonl",
        serde_json::json!({"id": 1, "text": format!("mail {EMAIL}"), "meta": {"lang": "fr"}})
            .to_string()
            + "\n",
    );
    let cases: &[(&str, &str, &str)] = &[
        (
            "[kinds]\nemial = \"redact\"\n",
            "p.toml:2:1:",
            "unknown kind `emial`",
        ),
        (
            "[kinds]\nemail = \"scramble\"\n",
            "p.toml:2:9:",
            "unknown action `scramble`",
        ),
        (
            "default = \"redact\"\n[fields]\nkeep = [\"id\", \"nope\"]\n",
            "p.toml:3:15:",
            "field `nope` does not exist",
        ),
        (
            "[[field]]\npath = \"nope\"\naction = \"redact\"\n",
            "p.toml:2:8:",
            "field `nope` does not exist",
        ),
        (
            "[[field]]\npath = \"meta.nope\"\naction = \"redact\"\n",
            "p.toml:2:8:",
            "field `meta.nope` does not exist",
        ),
        ("[kinds\nemail = \"redact\"\n", "p.toml:1:", ""),
        ("default = 3\n", "p.toml:1:11:", "a rule is an action name"),
        ("default = \"pseudonymise\"\n", "p.toml ", "needs a key"),
        (
            "[kinds]\nphone = { action = \"mask\", keep = \"domain\" }\n",
            "p.toml:2:",
            "e-mail addresses only",
        ),
    ];
    for (policy, place, message) in cases {
        write(d, "p.toml", policy);
        let r = pv(
            d,
            [
                "clean", "in", "-o", "out", "--policy", "p.toml", "--ledger", "l.jsonl", "-q",
            ],
        );
        r.assert_code(2);
        assert!(
            r.stderr.contains(place) && r.stderr.contains(message),
            "{policy:?}: want {place} {message}, got {}",
            r.stderr
        );
        assert!(!d.join("out").exists(), "{policy:?}: OUTDIR was created");
        assert!(
            !d.join("l.jsonl").exists(),
            "{policy:?}: the ledger was written"
        );
    }
    // The key message says how to give one.
    write(d, "p.toml", "default = \"encrypt\"\n");
    let r = pv(d, ["clean", "in", "-o", "out", "--policy", "p.toml"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("--key-file") && r.stderr.contains("PRIVASIFT_KEY"),
        "{}",
        r.stderr
    );
    // An existing empty OUTDIR stays empty.
    std::fs::create_dir(d.join("out")).unwrap();
    write(d, "p.toml", "[fields]\nkeep = [\"nope\"]\n");
    pv(d, ["clean", "in", "-o", "out", "--policy", "p.toml"]).assert_code(2);
    assert!(files(&d.join("out")).is_empty());
}

#[test]
fn explain_prints_the_actions_without_input_or_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "p.toml",
        "default = \"pseudonymise\"\n[kinds]\nemail = { action = \"mask\", keep = \"domain\" }\n\
         IBAN = \"encrypt\"\n[fields]\nkeep = [\"id\", \"text\"]\n",
    );
    let r = ok(d, ["clean", "--explain", "--policy", "p.toml"]);
    let line = |kind: &str| {
        r.stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no line for {kind}:\n{}", r.stdout))
            .to_owned()
    };
    assert!(
        line("email").ends_with("-> mask (keep the domain)"),
        "{}",
        line("email")
    );
    assert!(line("iban").ends_with("-> encrypt"), "{}", line("iban"));
    assert!(
        line("phone").ends_with("-> pseudonymise"),
        "{}",
        line("phone")
    );
    assert!(r.stdout.contains("only id, text kept"), "{}", r.stdout);
    assert!(r.stdout.contains("Key: required"), "{}", r.stdout);
    assert!(files(d).len() == 1, "explain wrote something");

    let r = ok(d, ["clean", "--explain"]);
    assert!(line_ends(&r.stdout, "email", "-> redact"), "{}", r.stdout);
    assert!(r.stdout.contains("-> drop-record"), "{}", r.stdout);
    assert!(r.stdout.contains("Key: not needed"), "{}", r.stdout);

    // The commented example in the repository is a valid policy.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clean.toml");
    if example.exists() {
        let example = example.display().to_string();
        let r = ok(d, ["clean", "--explain", "--policy", &example]);
        assert!(r.stdout.contains("Policy: "), "{}", r.stdout);
    }
}

fn line_ends(text: &str, first: &str, end: &str) -> bool {
    text.lines()
        .any(|l| l.split_whitespace().next() == Some(first) && l.ends_with(end))
}

// ---------------------------------------------------------------- 8. keys

#[test]
fn keygen_writes_a_private_key_once_and_the_key_never_shows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let key = keygen(d, "k");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(d.join("k")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let before = std::fs::read(d.join("k")).unwrap();
    let r = pv(d, ["keygen", "-o", "k"]);
    r.assert_code(2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        std::fs::read(d.join("k")).unwrap(),
        before,
        "the key was overwritten"
    );

    // Use it in every command; its text and bytes show nowhere.
    write(d, "in/a.jsonl", literal_records());
    write(d, "in/b.jsonl.gz", gzip(literal_records().as_bytes()));
    write(
        d,
        "p.toml",
        format!("{KEYED_POLICY}[[field]]\npath = \"id\"\naction = \"encrypt\"\n"),
    );
    let mut runs = vec![
        ok(
            d,
            [
                "clean",
                "in",
                "-o",
                "out",
                "--policy",
                "p.toml",
                "--key-file",
                "k",
                "--ledger",
                "l.jsonl",
            ],
        ),
        ok(
            d,
            [
                "reveal",
                "out/a.jsonl",
                "-o",
                "back.jsonl",
                "--key-file",
                "k",
                "--reason",
                "test",
                "--ledger",
                "l.jsonl",
            ],
        ),
        ok(d, ["ledger", "show", "l.jsonl"]),
    ];
    let r = pv_env(
        d,
        [
            "clean", "in", "-o", "env-out", "--policy", "p.toml", "--ledger", "l.jsonl",
        ],
        &[("PRIVASIFT_KEY", &key)],
    );
    r.assert_code(0);
    runs.push(r);
    assert_same_shards(&d.join("out"), &d.join("env-out"));
    let raw = hex::decode(&key);
    let mut hay: Vec<(String, Vec<u8>)> = runs
        .iter()
        .map(|r| ("a run's messages".to_owned(), r.all().into_bytes()))
        .collect();
    for sub in ["out", "env-out"] {
        for (name, bytes) in files(&d.join(sub)) {
            hay.push((format!("{sub}/{name}"), bytes));
        }
    }
    hay.push((
        "the ledger".into(),
        std::fs::read(d.join("l.jsonl")).unwrap(),
    ));
    hay.push((
        "the revealed file".into(),
        std::fs::read(d.join("back.jsonl")).unwrap(),
    ));
    for (what, bytes) in &hay {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains(&key[..16]), "{what} shows the key");
        assert!(!text.contains(&key[48..]), "{what} shows the key");
        assert!(
            !bytes.windows(raw.len()).any(|w| w == raw),
            "{what} holds the key's bytes"
        );
    }
}

/// Hex decoding, for the test only.
mod hex {
    pub fn decode(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
}

#[test]
fn a_bad_key_is_a_clear_error_that_does_not_quote_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", literal_records());
    write(d, "p.toml", KEYED_POLICY);
    let bads = [
        "this is not a key: SECRET-GARBAGE-1234",
        &"zz".repeat(32),
        &"ab".repeat(31),
        &format!("{}\n{}", "ab".repeat(32), "cd".repeat(32)),
    ];
    for bad in bads {
        write(d, "bad.key", bad);
        let r = pv(
            d,
            [
                "clean",
                "in",
                "-o",
                "out",
                "--policy",
                "p.toml",
                "--key-file",
                "bad.key",
                "--ledger",
                "l.jsonl",
            ],
        );
        r.assert_code(2);
        assert!(r.stderr.contains("bad.key"), "{}", r.stderr);
        assert!(r.stderr.contains("64 hexadecimal"), "{}", r.stderr);
        for part in bad.split_whitespace().filter(|p| p.len() >= 6) {
            assert!(
                !r.all().contains(part),
                "the error quotes the key file: {}",
                r.stderr
            );
        }
        assert!(!d.join("out").exists());
        let r = pv_env(
            d,
            [
                "clean", "in", "-o", "out", "--policy", "p.toml", "--ledger", "l.jsonl",
            ],
            &[("PRIVASIFT_KEY", bad)],
        );
        r.assert_code(2);
        assert!(r.stderr.contains("PRIVASIFT_KEY"), "{}", r.stderr);
        for part in bad.split_whitespace().filter(|p| p.len() >= 6) {
            assert!(
                !r.all().contains(part),
                "the error quotes the key: {}",
                r.stderr
            );
        }
        assert!(!d.join("out").exists());
    }
    let r = pv(
        d,
        [
            "clean",
            "in",
            "-o",
            "out",
            "--policy",
            "p.toml",
            "--key-file",
            "missing.key",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("missing.key"), "{}", r.stderr);
    assert!(!d.join("out").exists());
    assert!(!d.join("l.jsonl").exists());
}

// -------------------------------------------------------------- 9. reveal

#[test]
fn reveal_restores_encrypted_values_for_the_key_holder_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let jsonl = literal_records();
    let csv = format!(
        "id,contact,note\n1,{EMAIL},\"call {PHONE}, evenings\"\n2,none,plain\n3,{EMAIL2},IBAN {IBAN}\n"
    );
    write(d, "in/a.jsonl", &jsonl);
    write(d, "in/b.csv", &csv);
    write(d, "in/c.jsonl.gz", gzip(jsonl.as_bytes()));
    write(d, "enc.toml", "default = \"encrypt\"\n");
    keygen(d, "k");
    keygen(d, "other");
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "out",
            "--policy",
            "enc.toml",
            "--key-file",
            "k",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    let enc = read(d, "out/a.jsonl");
    assert!(enc.contains("<enc:EMAIL:") && !enc.contains(EMAIL), "{enc}");
    assert!(read(d, "out/b.csv").contains("<enc:PHONE:"));

    let reveal = |input: &str, output: &str, key: &str| {
        ok(
            d,
            [
                "reveal",
                input,
                "-o",
                output,
                "--key-file",
                key,
                "--reason",
                "audit 42",
                "--ledger",
                "l.jsonl",
            ],
        )
    };
    let r = reveal("out/a.jsonl", "back.jsonl", "k");
    assert!(r.stdout.contains("Revealed 6 value(s)"), "{}", r.stdout);
    assert_eq!(read(d, "back.jsonl"), jsonl);
    reveal("out/b.csv", "back.csv", "k");
    assert_eq!(read(d, "back.csv"), csv);
    reveal("out/c.jsonl.gz", "back-gz.jsonl", "k");
    assert_eq!(read(d, "back-gz.jsonl"), jsonl);

    // Another key reveals nothing: the file comes back as it was.
    let r = reveal("out/a.jsonl", "nope.jsonl", "other");
    assert!(r.stdout.contains("Revealed 0 value(s)"), "{}", r.stdout);
    assert!(
        r.stdout.contains("6 token(s) did not decrypt"),
        "{}",
        r.stdout
    );
    assert_eq!(read(d, "nope.jsonl"), enc);

    let entries = ledger(d, "l.jsonl");
    let reveals = bodies(&entries, "reveal");
    assert_eq!(reveals.len(), 4);
    assert!(reveals.iter().all(|b| b["reason"] == "audit 42"));
    assert_eq!(reveals[0]["revealed"], 6);
    assert_eq!(reveals[3]["revealed"], 0);
    assert_eq!(reveals[3]["not_revealed"], 6);
    assert_ne!(reveals[0]["key_fingerprint"], reveals[3]["key_fingerprint"]);
    let values: Vec<String> = [EMAIL, EMAIL2, PHONE, IBAN].map(String::from).to_vec();
    assert_absent("the ledger", &read(d, "l.jsonl"), &values);
    ok(d, ["ledger", "verify", "l.jsonl"]);

    // Without a key, reveal refuses.
    let r = pv(
        d,
        [
            "reveal",
            "out/a.jsonl",
            "-o",
            "x.jsonl",
            "--reason",
            "r",
            "--ledger",
            "l.jsonl",
        ],
    );
    r.assert_code(2);
    assert!(r.stderr.contains("needs the key"), "{}", r.stderr);
    assert!(!d.join("x.jsonl").exists());
}

/// CRLF line ends are kept. Quoting is not: rows are written back with the
/// quotes CSV needs (`"none"` becomes `none`), as the README says.
#[test]
fn reveal_restores_a_crlf_csv_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = format!("id,contact\r\n1,{EMAIL}\r\n2,\"a, b\"\r\n");
    write(d, "in/b.csv", &csv);
    write(d, "enc.toml", "default = \"encrypt\"\n");
    keygen(d, "k");
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "out",
            "--policy",
            "enc.toml",
            "--key-file",
            "k",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    ok(
        d,
        [
            "reveal",
            "out/b.csv",
            "-o",
            "back.csv",
            "--key-file",
            "k",
            "--reason",
            "audit",
            "--ledger",
            "l.jsonl",
        ],
    );
    assert_eq!(read(d, "back.csv"), csv);
}

// -------------------------------------------------------------- 10. ledger

#[test]
fn ledger_chains_runs_shows_counts_and_detects_a_changed_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/corpus.jsonl", gen_shard(51, 200));
    write(d, "in/notes.txt", format!("write to {EMAIL}\nnothing\n"));
    let first = ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "o1",
            "--id-field",
            "id",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    ok(
        d,
        [
            "clean",
            "in/notes.txt",
            "-o",
            "o2",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    let r = ok(d, ["ledger", "verify", "l.jsonl"]);
    assert!(r.stdout.contains("the chain holds"), "{}", r.stdout);
    assert!(r.stdout.contains("2 runs"), "{}", r.stdout);

    let r = ok(d, ["ledger", "show", "l.jsonl", "--json"]);
    let show: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(show["verified"], true);
    let runs = show["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert!(
        runs.iter()
            .all(|r| r["finished"] == true && r["command"] == "clean")
    );
    assert_eq!(runs[0]["end"]["counts"]["records_read"], 202);
    assert_eq!(runs[1]["end"]["counts"]["records_read"], 2);
    assert_eq!(runs[1]["end"]["counts"]["records_changed"], 1);
    assert_eq!(runs[0]["end"]["status"], "complete");
    let id = runs[0]["run"].as_str().unwrap();
    assert!(first.stdout.contains(id), "the summary names the run");

    // One run: its records counted by action and kind, as the run-end says.
    let r = ok(d, ["ledger", "show", "l.jsonl", "--run", id, "--json"]);
    let one: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(one["runs"].as_array().unwrap().len(), 1);
    let records = &one["runs"][0]["records"];
    let counts = &runs[0]["end"]["counts"];
    assert_eq!(records["actions"], counts["records_by_action"]);
    assert_eq!(records["kinds"], counts["records_by_label"]);
    assert!(
        records["actions"]["redact"].as_u64().unwrap() > 50,
        "{records}"
    );
    assert!(records["kinds"]["EMAIL"].as_u64().unwrap() > 0, "{records}");
    let text = ok(d, ["ledger", "show", "l.jsonl", "--run", id]).stdout;
    assert!(
        text.contains("Chain VERIFIED") && text.contains(id),
        "{text}"
    );

    // No value found in the input is in the ledger.
    let mut values = detected_values(d, "in/corpus.jsonl");
    values.insert(EMAIL.to_owned());
    assert!(values.len() > 100);
    let ledger_text = read(d, "l.jsonl");
    assert_absent("the ledger", &ledger_text, &values);

    // One byte changed in the middle: verify names its line.
    let mut bytes = ledger_text.into_bytes();
    let mut at = bytes.len() / 2;
    while !bytes[at].is_ascii_alphanumeric() {
        at += 1;
    }
    bytes[at] = match bytes[at] {
        b'0' => b'1',
        b'a' => b'b',
        b'A' => b'B',
        _ => b'0',
    };
    let line = bytes[..at].split(|b| *b == b'\n').count();
    std::fs::write(d.join("l.jsonl"), &bytes).unwrap();
    let r = pv(d, ["ledger", "verify", "l.jsonl"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains(&format!("line {line}:")),
        "line {line}: {}",
        r.stderr
    );
    let r = pv(d, ["ledger", "show", "l.jsonl"]);
    r.assert_code(1);
    assert!(r.stdout.contains("Chain BROKEN"), "{}", r.stdout);
}

#[test]
fn ledger_location_comes_from_the_option_the_environment_or_the_working_dir() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", jline(1, EMAIL));
    ok(d, ["clean", "in", "-o", "o1", "-q"]);
    assert!(d.join("privasift-ledger.jsonl").exists());
    let r = pv_env(
        d,
        ["clean", "in", "-o", "o2", "-q"],
        &[("PRIVASIFT_LEDGER", "env.jsonl")],
    );
    r.assert_code(0);
    assert_eq!(
        ledger(d, "env.jsonl").len(),
        3,
        "run-start, record, run-end"
    );
    ok(
        d,
        ["clean", "in", "-o", "o3", "-q", "--ledger", "opt.jsonl"],
    );
    assert_eq!(ledger(d, "opt.jsonl").len(), 3);
    assert_eq!(ledger(d, "privasift-ledger.jsonl").len(), 3);
    let r = ok(d, ["ledger", "verify"]);
    assert!(r.stdout.contains("1 run"), "{}", r.stdout);
}

#[test]
fn a_broken_ledger_is_refused_before_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", jline(1, EMAIL));
    ok(d, ["clean", "in", "-o", "o1", "-q", "--ledger", "l.jsonl"]);
    let text = read(d, "l.jsonl").replacen("\"seq\":1", "\"seq\":7", 1);
    std::fs::write(d.join("l.jsonl"), text).unwrap();
    let r = pv(d, ["clean", "in", "-o", "o2", "-q", "--ledger", "l.jsonl"]);
    r.assert_code(2);
    assert!(r.stderr.contains("broken"), "{}", r.stderr);
    assert!(
        !d.join("o2").exists(),
        "OUTDIR written before the ledger was checked"
    );
}

#[test]
fn id_field_values_that_are_personal_data_stay_out_of_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "in/c.csv",
        format!("contact,note\n{EMAIL},call {PHONE}\n{EMAIL2},nothing\n"),
    );
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "out",
            "--id-field",
            "contact",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    assert!(!read(d, "out/c.csv").contains(EMAIL));
    let values = [EMAIL, EMAIL2, PHONE].map(String::from);
    assert_absent("the ledger", &read(d, "l.jsonl"), &values);
}

// ---------------------------------------------------------- 11. quarantine

#[test]
fn malformed_lines_are_counted_or_quarantined_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad1 = format!("{{\"id\":2,\"text\":\"broken {EMAIL2}");
    let bad2 = "[1, 2";
    let input = format!(
        "{}{bad1}\n{}{bad2}\n{}",
        jline(1, &format!("mail {EMAIL}")),
        jline(3, "ok"),
        jline(4, &format!("tel {PHONE}"))
    );
    write(d, "in/a.jsonl", &input);
    write(d, "in/b.jsonl", jline(5, "all fine"));
    let expected = format!(
        "{}{}{}",
        jline(1, "mail [EMAIL]"),
        jline(3, "ok"),
        jline(4, "tel [PHONE]")
    );

    let r = ok(d, ["clean", "in", "-o", "out", "--ledger", "l.jsonl", "-q"]);
    assert_eq!(read(d, "out/a.jsonl"), expected);
    assert!(
        r.stdout.contains("skipped:   2 unreadable records"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("line 2") && r.stdout.contains("line 4"),
        "{}",
        r.stdout
    );
    let entries = ledger(d, "l.jsonl");
    let problems = bodies(&entries, "problem");
    assert_eq!(problems.len(), 2);
    for (p, line) in problems.iter().zip(["line 2", "line 4"]) {
        assert_eq!(p["kind"], "malformed-json");
        assert_eq!(p["location"], line);
        assert_eq!(p["skipped"], true);
    }
    let end = bodies(&entries, "run-end")[0];
    assert_eq!(end["counts"]["records_skipped"], 2);
    assert_eq!(end["counts"]["records_read"], 4);
    let values = [EMAIL, EMAIL2, PHONE].map(String::from);
    assert_absent("the ledger", &read(d, "l.jsonl"), &values);
    assert_absent("the messages", &r.all(), &values);

    let r = ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "out2",
            "--quarantine",
            "q",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    assert!(r.stdout.contains("kept in --quarantine"), "{}", r.stdout);
    let q = files(&d.join("q"));
    assert_eq!(names(&q), ["a.jsonl.rejected"]);
    assert_eq!(
        q["a.jsonl.rejected"],
        format!("{bad1}\n{bad2}\n").into_bytes()
    );
    assert_eq!(read(d, "out2/a.jsonl"), expected);
    for (name, bytes) in files(&d.join("out2")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("broken") && !text.contains(bad2), "{name}");
    }
    let entries = ledger(d, "l.jsonl");
    let end = bodies(&entries, "run-end")[1];
    assert_eq!(
        end["quarantined_files"],
        serde_json::json!(["q/a.jsonl.rejected"])
    );
}

// ------------------------------------------------------ 12. inputs are safe

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", literal_records());
    write(d, "in/sub/b.jsonl.gz", gzip(&gen_shard(61, 30)));
    write(d, "in/c.csv", format!("id,contact\n1,{EMAIL}\n"));
    write(d, "in/d.txt", format!("{PHONE}\n"));
    write(d, "in/.hidden.jsonl", jline(1, EMAIL));
    write(d, "p.toml", KEYED_POLICY);
    keygen(d, "k");
    let before = files(&d.join("in"));
    ok(d, ["clean", "in", "-o", "o1", "--ledger", "l.jsonl", "-q"]);
    ok(
        d,
        [
            "clean",
            "in",
            "-o",
            "o2",
            "--policy",
            "p.toml",
            "--key-file",
            "k",
            "--ledger",
            "l.jsonl",
            "-q",
        ],
    );
    let out = privasift(d)
        .args(["clean", "in", "-o", "o3", "--ledger", "l.jsonl", "-q"])
        .env(ABORT_HOOK, "1")
        .output()
        .unwrap();
    assert!(died_of_a_signal(out.status));
    ok(
        d,
        [
            "clean", "in", "-o", "o3", "--ledger", "l.jsonl", "-q", "--resume",
        ],
    );
    assert!(files(&d.join("in")) == before, "an input changed");
    assert_eq!(
        names(&visible(&d.join("o1"))),
        ["a.jsonl", "c.csv", "d.txt", "sub/b.jsonl.gz"]
    );
}

#[test]
fn outputs_that_would_overwrite_or_collide_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a/x.jsonl", jline(1, EMAIL));
    write(d, "b/x.jsonl", jline(2, EMAIL2));
    let before = files(d);
    for args in [
        vec!["clean", "a/x.jsonl", "b/x.jsonl", "-o", "out"],
        vec!["clean", "a", "b", "-o", "out"],
    ] {
        let r = pv(d, args.iter().chain(&["--ledger", "l.jsonl"]));
        r.assert_code(2);
        assert!(
            r.stderr.contains("would both be written to"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("a/x.jsonl") && r.stderr.contains("b/x.jsonl"),
            "{}",
            r.stderr
        );
    }
    // An OUTDIR that holds the input.
    for out in ["a", "."] {
        let r = pv(d, ["clean", "a/x.jsonl", "-o", out, "--ledger", "l.jsonl"]);
        r.assert_code(2);
        assert!(
            r.stderr.contains("inside the output directory"),
            "{}",
            r.stderr
        );
    }
    assert!(files(d) == before, "a refused run wrote something");
}

#[test]
fn outdir_inside_an_input_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "in/a.jsonl", jline(1, EMAIL));
    let r = pv(
        d,
        ["clean", "in", "-o", "in/out", "--ledger", "l.jsonl", "-q"],
    );
    assert_ne!(r.code, Some(0), "cleaning `in` into in/out was accepted");
    assert!(!d.join("in/out").exists());
}
