#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

use super::*;

/// A clock that ticks one second per call from 2026-11-23T23:59:00Z.
fn ticking_clock() -> Box<dyn Fn() -> String + Send> {
    let t = AtomicU64::new(0);
    Box::new(move || {
        let s = t.fetch_add(1, Ordering::Relaxed);
        format_rfc3339_utc(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_478_340 + s),
        )
    })
}

fn open(path: &Path) -> Ledger {
    Ledger::open(path).unwrap().with_clock(ticking_clock())
}

fn record(index: u64, kinds: &[&str], action: &str) -> Value {
    json!({
        "source": 0,
        "index": index,
        "key": format!("doc-{index}"),
        "kinds": kinds,
        "action": action,
        "detectors": ["email@2"],
    })
}

/// Writes one run: run-start, `records` record events, and run-end unless
/// `finish` is false.
fn write_run(ledger: &mut Ledger, run: &str, records: u64, finish: bool) {
    ledger
        .append(
            run,
            "run-start",
            &json!({"command": "clean", "inputs": 1, "policy": "sha256:ab12"}),
        )
        .unwrap();
    ledger.sync().unwrap();
    for i in 0..records {
        let body = if i % 3 == 0 {
            record(i, &["EMAIL", "PHONE"], "redact")
        } else {
            record(i, &["EMAIL"], "mask")
        };
        ledger.append(run, "record", &body).unwrap();
    }
    if finish {
        ledger
            .append(run, "run-end", &json!({"records": records, "status": "ok"}))
            .unwrap();
    }
    ledger.sync().unwrap();
}

fn lines_of(path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn write_lines(path: &Path, lines: &[Vec<u8>]) {
    std::fs::write(path, lines.concat()).unwrap();
}

fn sample_ledger(dir: &Path) -> PathBuf {
    let path = dir.join("sample.jsonl");
    let mut l = open(&path);
    write_run(&mut l, "run-a", 5, true);
    write_run(&mut l, "run-b", 9, true);
    // Non-ASCII in a body, so some bytes are UTF-8 continuation bytes.
    l.append(
        "run-c",
        "run-start",
        &json!({"command": "clean", "note": "Zürich → ok"}),
    )
    .unwrap();
    l.append("run-c", "record", &record(0, &["IBAN"], "encrypt"))
        .unwrap();
    l.sync().unwrap();
    path
}

#[test]
fn line_format_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut l = Ledger::open(&path)
        .unwrap()
        .with_clock(Box::new(|| "2026-11-23T23:59:01Z".to_string()));
    let a = l
        .append(
            "3f2a9c0d41b7e685",
            "run-start",
            &json!({"command": "clean"}),
        )
        .unwrap();
    l.sync().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let prefix = format!(
        "{{\"seq\":1,\"time\":\"2026-11-23T23:59:01Z\",\"run\":\"3f2a9c0d41b7e685\",\"event\":\"run-start\",\"body\":{{\"command\":\"clean\"}},\"prev\":\"{GENESIS_PREV}\""
    );
    let hash = sha256_hex(prefix.as_bytes());
    assert_eq!(text, format!("{prefix},\"hash\":\"{hash}\"}}\n"));
    assert_eq!(
        a,
        Appended {
            seq: 1,
            hash: hash.clone()
        }
    );
    assert_eq!(l.last_seq(), 1);
    assert_eq!(l.last_hash(), hash);
    // The documented hand check: the last 76 bytes are the hash suffix and
    // the newline.
    assert_eq!(text.len() - 76, prefix.len());
    let b = l.append("3f2a9c0d41b7e685", "run-end", &json!({})).unwrap();
    l.sync().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.lines().nth(1).unwrap();
    assert!(second.starts_with("{\"seq\":2,"));
    assert!(second.contains(&format!(",\"prev\":\"{hash}\",\"hash\":\"{}\"}}", b.hash)));
    assert_eq!(&second[second.len() - 66..second.len() - 2], b.hash);
}

#[test]
fn three_runs_verify_then_reopen_continues_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dirs/ledger.jsonl");
    let first_hash;
    {
        let mut l = open(&path);
        assert_eq!(l.path(), path);
        write_run(&mut l, "run-1", 4, true);
        write_run(&mut l, "run-2", 0, true);
        write_run(&mut l, "run-3", 2, true);
        first_hash = l.last_hash().to_string();
        assert_eq!(l.last_seq(), 6 + 2 + 4);
    }
    let v = verify(&path).unwrap();
    assert_eq!(
        v,
        Verified {
            entries: 12,
            runs: 3,
            last_hash: first_hash.clone()
        }
    );
    let mut l = open(&path);
    assert_eq!(l.last_seq(), 12);
    assert_eq!(l.last_hash(), first_hash);
    let a = l
        .append("run-4", "run-start", &json!({"command": "erase"}))
        .unwrap();
    assert_eq!(a.seq, 13);
    l.sync().unwrap();
    drop(l);
    let lines = lines_of(&path);
    let last: Value = serde_json::from_slice(&lines[12]).unwrap();
    assert_eq!(last["seq"], 13);
    assert_eq!(last["prev"], first_hash.as_str());
    assert_eq!(last["hash"], a.hash.as_str());
    let v = verify(&path).unwrap();
    assert_eq!((v.entries, v.runs, v.last_hash), (13, 4, a.hash));
}

#[test]
fn empty_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.jsonl");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(
        verify(&path).unwrap(),
        Verified {
            entries: 0,
            runs: 0,
            last_hash: GENESIS_PREV.to_string()
        }
    );
    let missing = dir.path().join("missing.jsonl");
    let e = verify(&missing).unwrap_err();
    assert_eq!(e.line, 0);
    assert!(e.to_string().starts_with("line 0: cannot open"), "{e}");
    assert!(matches!(
        summarise(&missing, None),
        Err(LedgerError::Io { .. })
    ));
    // Opening creates it, empty.
    let l = Ledger::open(&missing).unwrap();
    assert_eq!(l.last_seq(), 0);
    drop(l);
    assert_eq!(std::fs::read(&missing).unwrap(), b"");
}

/// The 1-based line holding byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset].split(|&b| b == b'\n').count() as u64
}

#[test]
fn flipping_any_bit_is_caught_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_ledger(dir.path());
    let original = std::fs::read(&path).unwrap();
    let lines = original.split(|&b| b == b'\n').count() - 1;
    assert!(lines >= 20, "sample has {lines} lines");
    assert!(verify(&path).is_ok());
    let copy = dir.path().join("copy.jsonl");
    for offset in 0..original.len() {
        let mut bytes = original.clone();
        bytes[offset] ^= 0x01;
        std::fs::write(&copy, &bytes).unwrap();
        let err = match verify(&copy) {
            Ok(v) => panic!("flip at byte {offset} verified: {v:?}"),
            Err(e) => e,
        };
        let line = line_of(&original, offset);
        if original[offset] == b'\n' {
            assert!(
                err.line == line || err.line == line + 1,
                "flip of newline at {offset} (line {line}) reported {err}"
            );
        } else {
            assert_eq!(err.line, line, "flip at byte {offset}: {err}");
        }
    }
}

#[test]
fn deleting_swapping_duplicating_truncating_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_ledger(dir.path());
    let lines = lines_of(&path);
    let n = lines.len();
    let copy = dir.path().join("copy.jsonl");
    let check = |lines: &[Vec<u8>], want_line: u64, want: &str| {
        write_lines(&copy, lines);
        let e = verify(&copy).unwrap_err();
        assert_eq!(e.line, want_line, "{e}");
        assert!(e.reason.contains(want), "{e}");
    };

    let mut deleted = lines.clone();
    deleted.remove(7);
    check(&deleted, 8, "seq is 9, expected 8");

    let mut first_deleted = lines.clone();
    first_deleted.remove(0);
    check(&first_deleted, 1, "seq is 2, expected 1");

    let mut swapped = lines.clone();
    swapped.swap(4, 9);
    check(&swapped, 5, "seq is 10, expected 5");

    let mut duplicated = lines.clone();
    duplicated.insert(3, lines[2].clone());
    check(&duplicated, 4, "seq is 3, expected 4");

    let mut blank = lines.clone();
    blank.insert(5, b"\n".to_vec());
    check(&blank, 6, "hash suffix");

    let mut truncated = lines.clone();
    let last = truncated.last_mut().unwrap();
    last.truncate(last.len() / 2);
    check(&truncated, n as u64, "does not end with a newline");

    let mut no_newline = lines.clone();
    no_newline.last_mut().unwrap().pop();
    check(&no_newline, n as u64, "truncated");

    let mut bad_utf8 = lines.clone();
    bad_utf8[10].insert(20, 0xff);
    check(&bad_utf8, 11, "UTF-8");

    // Dropping whole lines from the end cannot be seen from the file alone
    // (documented: note the last hash elsewhere).
    write_lines(&copy, &lines[..n - 2]);
    assert_eq!(verify(&copy).unwrap().entries, (n - 2) as u64);
}

/// Rewrites line `index` (0-based) with a new prefix and a correct hash for
/// it: what a forger who recomputes this line's hash (but not the rest)
/// would produce.
fn forge(lines: &mut [Vec<u8>], index: usize, edit: impl Fn(&str) -> String) {
    let text = std::str::from_utf8(&lines[index]).unwrap();
    let prefix = edit(&text[..text.len() - 76]);
    let hash = sha256_hex(prefix.as_bytes());
    lines[index] = format!("{prefix},\"hash\":\"{hash}\"}}\n").into_bytes();
}

#[test]
fn forged_lines_with_recomputed_hash_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_ledger(dir.path());
    let lines = lines_of(&path);
    let copy = dir.path().join("copy.jsonl");

    // Changing a count and fixing that line's hash breaks the next prev.
    let mut changed = lines.clone();
    forge(&mut changed, 3, |p| p.replace("\"mask\"", "\"keep\""));
    assert_ne!(changed[3], lines[3]);
    write_lines(&copy, &changed);
    let e = verify(&copy).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(
        e.reason.contains("prev does not match the hash of line 4"),
        "{e}"
    );

    // Same content, other field order: not the ledger's form.
    let mut reordered = lines.clone();
    forge(&mut reordered, 0, |p| {
        let v: Value = serde_json::from_str(&format!("{p}}}")).unwrap();
        format!(
            "{{\"time\":{},\"seq\":1,\"run\":{},\"event\":{},\"body\":{},\"prev\":{}",
            v["time"], v["run"], v["event"], v["body"], v["prev"]
        )
    });
    write_lines(&copy, &reordered);
    let e = verify(&copy).unwrap_err();
    assert_eq!(e.line, 1, "{e}");
    assert!(e.reason.contains("form"), "{e}");

    // Spaces added: same.
    let mut spaced = lines.clone();
    forge(&mut spaced, 0, |p| p.replacen("\"seq\":1", "\"seq\": 1", 1));
    write_lines(&copy, &spaced);
    assert_eq!(verify(&copy).unwrap_err().line, 1);

    // An extra field.
    let mut extra = lines.clone();
    forge(&mut extra, 0, |p| {
        p.replacen("{\"seq\":1", "{\"x\":0,\"seq\":1", 1)
    });
    write_lines(&copy, &extra);
    assert_eq!(verify(&copy).unwrap_err().line, 1);

    // A new first line with a non-genesis prev.
    let mut bad_genesis = lines.clone();
    forge(&mut bad_genesis, 0, |p| {
        p.replace(
            &format!("\"prev\":\"{GENESIS_PREV}\""),
            &format!("\"prev\":\"{}\"", "1".repeat(64)),
        )
    });
    write_lines(&copy, &bad_genesis);
    let e = verify(&copy).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.reason.contains("64 zeros"), "{e}");
}

#[test]
fn error_reasons_never_quote_line_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut l = open(&path);
    l.append("r", "note", &json!({"marker": "SECRETMARKER"}))
        .unwrap();
    l.sync().unwrap();
    drop(l);
    let mut lines = lines_of(&path);
    let copy = dir.path().join("copy.jsonl");
    // Break the JSON in several ways, each with a recomputed hash so the
    // parser (whose messages can quote values) is what fails.
    let edits: [fn(&str) -> String; 4] = [
        |p| p.replace("\"body\":{", "\"body\":{SECRETMARKER"),
        |p| {
            p.replace("{\"marker\":\"SECRETMARKER\"}", "\"SECRETMARKER\"")
                .replace("\"seq\":1", "\"seq\":\"SECRETMARKER\"")
        },
        |p| p.replace("\"run\":\"r\"", "\"run\":[\"SECRETMARKER\"]"),
        |p| {
            p.replace(
                "\"event\":\"note\"",
                "\"SECRETMARKER\":1,\"event\":\"note\"",
            )
        },
    ];
    let original = lines[0].clone();
    for edit in edits {
        lines[0].clone_from(&original);
        forge(&mut lines, 0, edit);
        write_lines(&copy, &lines);
        let e = verify(&copy).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(!e.to_string().contains("SECRETMARKER"), "{e}");
        let broken = Ledger::open(&copy).unwrap_err();
        assert!(!broken.to_string().contains("SECRETMARKER"), "{broken}");
    }
}

#[test]
fn open_refuses_a_tampered_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_ledger(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    let before = bytes.clone();
    let at = bytes.iter().position(|&b| b == b'k').unwrap(); // in line 2's "kinds"? any byte will do
    bytes[at] = b'K';
    std::fs::write(&path, &bytes).unwrap();
    let line = line_of(&bytes, at);
    match Ledger::open(&path) {
        Err(LedgerError::Broken { path: p, error }) => {
            assert_eq!(p, path);
            assert_eq!(error.line, line);
            let msg = LedgerError::Broken { path: p, error }.to_string();
            assert!(msg.contains(&path.display().to_string()), "{msg}");
            assert!(msg.contains(&format!("line {line}:")), "{msg}");
        }
        other => panic!("expected Broken, got {other:?}"),
    }
    // Nothing was appended to it.
    assert_eq!(std::fs::read(&path).unwrap().len(), before.len());
}

#[test]
fn open_refuses_a_torn_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_ledger(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() - 30);
    std::fs::write(&path, &bytes).unwrap();
    let lines = (bytes.split(|&b| b == b'\n').count() - 1) as u64;
    match Ledger::open(&path) {
        Err(LedgerError::Broken { error, .. }) => assert_eq!(error.line, lines + 1),
        other => panic!("expected Broken, got {other:?}"),
    }
}

#[test]
fn second_open_is_locked_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut first = open(&path);
    first.append("r", "run-start", &json!({})).unwrap();
    match Ledger::open(&path) {
        Err(LedgerError::Locked(p)) => assert_eq!(p, path),
        other => panic!("expected Locked, got {other:?}"),
    }
    // Also from another thread (the lock is per open file, not per thread).
    let p2 = path.clone();
    let from_thread =
        std::thread::spawn(move || matches!(Ledger::open(&p2), Err(LedgerError::Locked(_))))
            .join()
            .unwrap();
    assert!(from_thread);
    // verify and summarise only read; they work while a run holds the lock.
    first.sync().unwrap();
    assert_eq!(verify(&path).unwrap().entries, 1);
    drop(first);
    let mut again = open(&path);
    assert_eq!(again.append("r", "run-end", &json!({})).unwrap().seq, 2);
}

#[test]
fn new_run_ids_are_16_hex_and_distinct() {
    let ids: HashSet<String> = (0..100).map(|_| new_run_id()).collect();
    assert_eq!(ids.len(), 100);
    for id in &ids {
        assert_eq!(id.len(), 16);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }
}

fn summary_ledger(dir: &Path) -> PathBuf {
    let path = dir.join("s.jsonl");
    let mut l = open(&path);
    write_run(&mut l, "run-a", 6, true);
    write_run(&mut l, "run-b", 2, false);
    l.append(
        "run-c",
        "vault-access",
        &json!({"vault": "v1", "entries": 3}),
    )
    .unwrap();
    l.sync().unwrap();
    path
}

#[test]
fn summarise_all_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = summary_ledger(dir.path());
    let s = summarise(&path, None).unwrap();
    assert!(s.verified);
    assert_eq!(s.error, None);
    assert_eq!(s.entries, 8 + 3 + 1);
    assert_eq!(s.last_hash, verify(&path).unwrap().last_hash);
    assert_eq!(s.run_filter, None);
    let names: Vec<&str> = s.runs.iter().map(|r| r.run.as_str()).collect();
    assert_eq!(names, ["run-a", "run-b", "run-c"]);

    let run_a = &s.runs[0];
    assert!(run_a.finished);
    assert_eq!(run_a.started, "2026-11-23T23:59:00Z");
    assert_eq!(run_a.ended.as_deref(), Some("2026-11-23T23:59:07Z"));
    assert_eq!(run_a.command.as_deref(), Some("clean"));
    assert_eq!(run_a.start.as_ref().unwrap()["policy"], "sha256:ab12");
    assert_eq!(run_a.end, Some(json!({"records": 6, "status": "ok"})));
    assert_eq!((run_a.first_seq, run_a.last_seq, run_a.entries), (1, 8, 8));
    assert_eq!(
        run_a.events,
        BTreeMap::from([
            ("record".to_string(), 6),
            ("run-end".to_string(), 1),
            ("run-start".to_string(), 1)
        ])
    );
    assert_eq!(
        run_a.records, None,
        "records are aggregated only for one run"
    );

    let run_b = &s.runs[1];
    assert!(!run_b.finished);
    assert_eq!(run_b.ended, None);
    assert_eq!(run_b.end, None);
    assert_eq!(run_b.events.get("record"), Some(&2));

    let run_c = &s.runs[2];
    assert_eq!(run_c.command, None);
    assert_eq!(run_c.start, None);
    assert!(!run_c.finished);

    let text = render(&s);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("Chain VERIFIED:"), "{text}");
    assert!(first.contains("12 entries"), "{text}");
    assert!(text.contains("3 runs:"), "{text}");
    assert!(text.contains("run run-a  finished"), "{text}");
    assert!(text.contains("run run-b  UNFINISHED"), "{text}");
    assert!(
        text.contains("events    record 6, run-end 1, run-start 1"),
        "{text}"
    );
    assert!(text.contains("command   clean"), "{text}");

    let json_out = serde_json::to_value(&s).unwrap();
    assert_eq!(json_out["verified"], true);
    assert_eq!(json_out["error"], Value::Null);
    assert_eq!(json_out["runs"][1]["ended"], Value::Null);
    assert_eq!(json_out["runs"][0]["events"]["record"], 6);
    assert!(json_out["runs"][0].get("records").is_none());
}

#[test]
fn summarise_one_run_aggregates_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = summary_ledger(dir.path());
    let s = summarise(&path, Some("run-a")).unwrap();
    assert!(s.verified);
    assert_eq!(s.run_filter.as_deref(), Some("run-a"));
    assert_eq!(s.entries, 12, "entries counts the whole ledger");
    assert_eq!(s.runs.len(), 1);
    let rec = s.runs[0].records.as_ref().unwrap();
    // i = 0..6: i % 3 == 0 (0, 3) redact EMAIL+PHONE, the other 4 mask EMAIL.
    assert_eq!(rec.total, 6);
    assert_eq!(
        rec.actions,
        BTreeMap::from([("mask".to_string(), 4), ("redact".to_string(), 2)])
    );
    assert_eq!(
        rec.kinds,
        BTreeMap::from([("EMAIL".to_string(), 6), ("PHONE".to_string(), 2)])
    );
    let text = render(&s);
    assert!(text.starts_with("Chain VERIFIED:"), "{text}");
    assert!(text.contains("records   6"), "{text}");
    assert!(text.contains("actions   mask 4, redact 2"), "{text}");
    assert!(text.contains("kinds     EMAIL 6, PHONE 2"), "{text}");
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(j["runs"][0]["records"]["kinds"]["PHONE"], 2);

    let b = summarise(&path, Some("run-b")).unwrap();
    assert!(!b.runs[0].finished);
    assert!(render(&b).contains("UNFINISHED"));

    match summarise(&path, Some("nope")) {
        Err(LedgerError::UnknownRun(r)) => assert_eq!(r, "nope"),
        other => panic!("expected UnknownRun, got {other:?}"),
    }
}

#[test]
fn summarise_a_broken_ledger_reports_up_to_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let path = summary_ledger(dir.path());
    let mut lines = lines_of(&path);
    // Break line 10 (run-b's first record; line 9 is its run-start).
    let l10 = &mut lines[9];
    let at = l10.len() - 10;
    l10[at] ^= 0x01;
    write_lines(&path, &lines);

    let s = summarise(&path, None).unwrap();
    assert!(!s.verified);
    assert_eq!(s.error.as_ref().unwrap().line, 10);
    assert_eq!(s.entries, 9);
    assert_eq!(s.runs.len(), 2, "run-c is past the break");
    assert!(s.runs[0].finished);
    assert_eq!(s.runs[1].events.get("run-start"), Some(&1));
    assert_eq!(s.runs[1].events.get("record"), None);
    assert!(!s.runs[1].finished);
    let text = render(&s);
    assert!(text.starts_with("Chain BROKEN:"), "{text}");
    assert!(text.lines().next().unwrap().contains("line 10:"), "{text}");
    assert!(
        text.contains("Only the 9 entries before line 10 verified"),
        "{text}"
    );
    let j = serde_json::to_value(&s).unwrap();
    assert_eq!(j["verified"], false);
    assert_eq!(j["error"]["line"], 10);

    // A run past the break: no error, an empty (and unverified) summary.
    let c = summarise(&path, Some("run-c")).unwrap();
    assert!(!c.verified);
    assert!(c.runs.is_empty());
    assert!(render(&c).contains("not in the part of the ledger that could be read"));
}

#[test]
fn oversized_entries_are_refused_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut l = open(&path);
    let big = json!({"blob": "x".repeat(MAX_LINE_BYTES)});
    assert!(matches!(
        l.append("r", "record", &big),
        Err(LedgerError::Io { .. })
    ));
    // The ledger is still usable and the chain intact.
    assert_eq!(l.append("r", "record", &json!({})).unwrap().seq, 1);
    l.sync().unwrap();
    assert_eq!(verify(&path).unwrap().entries, 1);
}

#[test]
fn a_long_non_ledger_line_is_rejected_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    std::fs::write(&path, vec![b'a'; MAX_LINE_BYTES + 10]).unwrap();
    let e = verify(&path).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.reason.contains("longer than"), "{e}");
}
