//! privasift's processing ledger: an append-only, hash-chained record of
//! every operation privasift performs on data (a `clean` run, erasure
//! requests, vault access), kept for a DPO's accountability (GDPR art. 5(2)
//! and 30).
//!
//! # What goes in (and what must never)
//!
//! The ledger stores exactly what callers hand it. **It must never contain
//! detected personal data.** Callers pass only identifiers (run ids, source
//! numbers, record indexes, record keys that are not themselves personal
//! data), kinds (`EMAIL`, `PHONE`), counts, actions, detector names and
//! digests. A record key or a file name that could itself be personal data
//! must be digested (e.g. with [`sha256_hex`]) before it is logged.
//! This crate cannot check that; the pipeline and CLI must.
//!
//! # File format
//!
//! One local file in JSON Lines: UTF-8, one entry per line, each line ended
//! by `\n` (including the last). Fields are always in this order and written
//! compactly (no spaces) by `serde_json`:
//!
//! ```text
//! {"seq":1,"time":"2026-11-23T23:59:01Z","run":"3f2a9c0d41b7e685","event":"run-start","body":{"command":"clean"},"prev":"000…000","hash":"9b1c…"}
//! ```
//!
//! * `seq` — 1 on the first line, then +1 per line (so `seq` equals the line
//!   number).
//! * `time` — RFC 3339 UTC, whole seconds, when the entry was appended.
//! * `run` — the run id (see [`new_run_id`]): groups the entries of one
//!   privasift invocation.
//! * `event` — what happened: `run-start`, `record`, `run-end`, … (the
//!   caller's vocabulary; [`summarise`] understands these three).
//! * `body` — any JSON value the caller gave (ids, kinds, counts, digests).
//! * `prev` — the `hash` of the previous line; 64 zeros (`"0"` × 64) on the
//!   first line.
//! * `hash` — lowercase hex SHA-256 of **the exact bytes of the line before
//!   the `,"hash":` suffix**, i.e. from the opening `{` up to and including
//!   the closing quote of the `prev` value.
//!
//! So a line is `PREFIX` + `,"hash":"` + 64 hex + `"}` + `\n`, and the last
//! 76 bytes of every line (suffix plus newline) have a fixed shape.
//! Verification hashes the bytes as they are on disk; nothing is ever
//! re-serialised.
//!
//! # The chain, and checking it by hand
//!
//! Each line commits to its own content (`hash`) and to the whole history
//! before it (`prev` is inside the hashed prefix). Changing, inserting,
//! deleting or reordering any line breaks either that line's `hash` or the
//! next line's `prev`/`seq`. The chain shows tampering, it does not prevent
//! it: someone who can rewrite the file can recompute every hash, so a DPO
//! who wants to pin history should note the last hash ([`Verified::last_hash`],
//! printed by `privasift ledger verify`) somewhere else from time to time.
//!
//! To check line 5 with coreutils (GNU `head`):
//!
//! ```text
//! sed -n 5p ledger.jsonl | head -c -76 | sha256sum     # = line 5's "hash"
//! sed -n 4p ledger.jsonl | tail -c 67 | head -c 64     # = line 5's "prev"
//! ```
//!
//! (`head -c -76` drops `,"hash":"<64 hex>"}` and the newline; the second
//! command prints line 4's hash.) [`verify`] does the same for every line,
//! and also checks `seq`, the field order and that every line is complete.
//!
//! # Concurrency and durability
//!
//! [`Ledger::open`] verifies the existing chain (refusing to extend a broken
//! one) and takes an exclusive advisory lock on the file for as long as the
//! [`Ledger`] lives, so two privasift runs cannot interleave lines. Appends
//! are buffered; [`Ledger::sync`] flushes and fsyncs. Callers sync after
//! `run-start` and at the end of a run. Dropping a `Ledger` flushes the
//! buffer but does not fsync.

mod clock;
mod sha256;
mod summary;

use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use clock::{civil_from_days, days_from_civil, format_rfc3339_utc};
pub use sha256::{file_sha256, sha256_hex};
pub use summary::{RecordCounts, RunSummary, Summary, render, summarise};

/// `prev` of the first entry.
pub const GENESIS_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Longest line (bytes, newline included) the ledger writes or reads. Bodies
/// are small (ids, kinds, counts); this bounds memory when reading a file
/// that is damaged or is not a ledger at all.
pub const MAX_LINE_BYTES: usize = 1 << 20;

const HASH_KEY: &str = ",\"hash\":\"";
/// `,"hash":"` + 64 hex + `"}`.
const SUFFIX_LEN: usize = HASH_KEY.len() + 64 + 2;

/// Why the ledger could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Reading, writing, locking or creating the file failed.
    #[error("ledger {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The existing chain does not verify; nothing was appended.
    #[error("ledger {} is broken at {error}", path.display())]
    Broken { path: PathBuf, error: VerifyError },
    /// Another open [`Ledger`] (in this or another process) holds the lock.
    #[error("ledger {} is in use by another privasift run (locked)", .0.display())]
    Locked(PathBuf),
    /// [`summarise`] was asked for a run id that is not in the ledger.
    #[error("run {0} is not in the ledger")]
    UnknownRun(String),
    /// An entry could not be serialised.
    #[error("ledger {}: cannot write entry {seq}: {source}", path.display())]
    Json {
        path: PathBuf,
        seq: u64,
        #[source]
        source: serde_json::Error,
    },
}

/// The first problem [`verify`] found. `line` is 1-based; 0 means the file
/// as a whole (it could not be opened or read). The message never quotes
/// the line's content, which is safe to show or log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct VerifyError {
    pub line: u64,
    pub reason: String,
}

/// A chain that verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    /// Number of entries (= lines = last `seq`).
    pub entries: u64,
    /// Number of distinct run ids.
    pub runs: u64,
    /// `hash` of the last entry, or [`GENESIS_PREV`] for an empty ledger.
    pub last_hash: String,
}

/// What [`Ledger::append`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    pub seq: u64,
    pub hash: String,
}

/// An open ledger, appending. Holds an exclusive lock on the file until
/// dropped.
pub struct Ledger {
    path: PathBuf,
    out: BufWriter<File>,
    /// `seq` of the last entry written (0 for an empty ledger).
    seq: u64,
    last_hash: String,
    clock: Box<dyn Fn() -> String + Send>,
    /// Set after a failed write: the file may end in a partial line, so
    /// appending more would only bury the damage.
    failed: bool,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("path", &self.path)
            .field("seq", &self.seq)
            .field("last_hash", &self.last_hash)
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl Ledger {
    /// Opens (creating the file and parent dirs if missing) for appending.
    ///
    /// Takes an exclusive advisory lock ([`File::try_lock`]) so two runs
    /// cannot interleave: a second opener gets [`LedgerError::Locked`]. Then
    /// reads the existing file to find the last `seq` and hash, and refuses
    /// with [`LedgerError::Broken`] if the chain is already broken, so
    /// nobody appends to a tampered (or torn) ledger.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        let io_err = |source| LedgerError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(io_err)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LedgerError::Locked(path.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        let verified = match walk(BufReader::new(&file), |_| {}) {
            Ok(v) => v,
            Err(WalkError::Io(e)) => return Err(io_err(e)),
            Err(WalkError::Bad(error)) => {
                return Err(LedgerError::Broken {
                    path: path.to_path_buf(),
                    error,
                });
            }
        };
        Ok(Ledger {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
            seq: verified.entries,
            last_hash: verified.last_hash,
            clock: Box::new(clock::now),
            failed: false,
        })
    }

    /// Replaces the clock (RFC 3339 UTC strings) used for `time`; for tests
    /// and for callers that stamp a whole batch with one time.
    #[must_use]
    pub fn with_clock(mut self, clock: Box<dyn Fn() -> String + Send>) -> Ledger {
        self.clock = clock;
        self
    }

    /// Appends one entry; returns its `seq` and `hash`. Buffered: call
    /// [`Ledger::sync`] to make it durable.
    ///
    /// `body` must hold only ids, kinds, counts and digests, never the
    /// personal data that was found.
    /// (`body` is any `Serialize` value: a `serde_json::Value`, or a
    /// struct that borrows what it lists, which spares a run of many
    /// records a tree of maps and strings per entry.)
    pub fn append<B: Serialize + ?Sized>(
        &mut self,
        run: &str,
        event: &str,
        body: &B,
    ) -> Result<Appended, LedgerError> {
        if self.failed {
            return Err(self.io_error(io::Error::other(
                "an earlier write to this ledger failed; reopen it (which verifies it) before appending",
            )));
        }
        let seq = self.seq + 1;
        let time = (self.clock)();
        let mut line = Vec::with_capacity(256);
        let json_err = |source| LedgerError::Json {
            path: self.path.clone(),
            seq,
            source,
        };
        // Writing to a Vec cannot fail except through serde_json itself.
        let _ = write!(line, "{{\"seq\":{seq},\"time\":");
        serde_json::to_writer(&mut line, &time).map_err(json_err)?;
        line.extend_from_slice(b",\"run\":");
        serde_json::to_writer(&mut line, run).map_err(json_err)?;
        line.extend_from_slice(b",\"event\":");
        serde_json::to_writer(&mut line, event).map_err(json_err)?;
        line.extend_from_slice(b",\"body\":");
        serde_json::to_writer(&mut line, body).map_err(json_err)?;
        line.extend_from_slice(b",\"prev\":\"");
        line.extend_from_slice(self.last_hash.as_bytes());
        line.push(b'"');
        let hash = sha256_hex(&line);
        line.extend_from_slice(HASH_KEY.as_bytes());
        line.extend_from_slice(hash.as_bytes());
        line.extend_from_slice(b"\"}\n");
        if line.len() > MAX_LINE_BYTES {
            return Err(self.io_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "entry {seq} would be {} bytes, over the {MAX_LINE_BYTES}-byte line limit",
                    line.len()
                ),
            )));
        }
        if let Err(e) = self.out.write_all(&line) {
            self.failed = true;
            return Err(self.io_error(e));
        }
        self.seq = seq;
        self.last_hash.clone_from(&hash);
        Ok(Appended { seq, hash })
    }

    /// Flushes the buffer and fsyncs the file.
    pub fn sync(&mut self) -> Result<(), LedgerError> {
        if self.failed {
            return Err(self.io_error(io::Error::other(
                "an earlier write to this ledger failed; reopen it (which verifies it)",
            )));
        }
        let result = self
            .out
            .flush()
            .and_then(|()| self.out.get_ref().sync_data());
        if let Err(e) = result {
            self.failed = true;
            return Err(self.io_error(e));
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `seq` of the last entry (0 when the ledger is empty).
    pub fn last_seq(&self) -> u64 {
        self.seq
    }

    /// `hash` of the last entry ([`GENESIS_PREV`] when empty).
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    fn io_error(&self, source: io::Error) -> LedgerError {
        LedgerError::Io {
            path: self.path.clone(),
            source,
        }
    }
}

/// A fresh run id: 16 lowercase hex characters from the OS random source
/// (falling back to a SHA-256 of time, process id and a counter if the OS
/// source fails).
pub fn new_run_id() -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let seed = format!(
            "{nanos}:{}:{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        return sha256_hex(seed.as_bytes())[..16].to_string();
    }
    hex::encode(bytes)
}

/// Re-walks the whole chain. `Ok` with the number of entries and runs, or
/// the first problem with its 1-based line number and what is wrong.
pub fn verify(path: &Path) -> Result<Verified, VerifyError> {
    let file = File::open(path).map_err(|e| VerifyError {
        line: 0,
        reason: format!("cannot open {}: {e}", path.display()),
    })?;
    walk(BufReader::new(file), |_| {}).map_err(|e| match e {
        WalkError::Bad(v) => v,
        WalkError::Io(e) => VerifyError {
            line: 0,
            reason: format!("cannot read {}: {e}", path.display()),
        },
    })
}

/// One entry that verified.
pub(crate) struct Entry {
    pub(crate) seq: u64,
    pub(crate) hash: String,
    pub(crate) time: String,
    pub(crate) run: String,
    pub(crate) event: String,
    pub(crate) body: serde_json::Value,
}

pub(crate) enum WalkError {
    Io(io::Error),
    Bad(VerifyError),
}

/// The fields of a line, as parsed (the hash suffix is checked from the
/// bytes, but parsed too so the line must be one JSON object).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    seq: u64,
    time: String,
    run: String,
    event: String,
    body: serde_json::Value,
    prev: String,
    hash: String,
}

/// Reads `reader` line by line, checking the chain, and hands every entry
/// that verified to `each`, in order. Stops at the first bad line.
pub(crate) fn walk<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(Entry),
) -> Result<Verified, WalkError> {
    let mut buf = Vec::with_capacity(512);
    let mut line_no: u64 = 0;
    let mut prev = GENESIS_PREV.to_string();
    let mut runs: HashSet<String> = HashSet::new();
    loop {
        buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut buf)
            .map_err(WalkError::Io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let bad = |reason: String| {
            WalkError::Bad(VerifyError {
                line: line_no,
                reason,
            })
        };
        if buf.len() > MAX_LINE_BYTES {
            return Err(bad(format!(
                "line is longer than {MAX_LINE_BYTES} bytes; not a ledger entry"
            )));
        }
        let entry = check_line(&buf, line_no, &prev).map_err(bad)?;
        prev.clone_from(&entry.hash);
        if !runs.contains(&entry.run) {
            runs.insert(entry.run.clone());
        }
        each(entry);
    }
    Ok(Verified {
        entries: line_no,
        runs: runs.len() as u64,
        last_hash: prev,
    })
}

fn is_lower_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Checks one line (with its newline, if any) as entry `seq`, following an
/// entry whose hash is `prev`. Returns the entry, or a reason
/// that does not quote the content.
fn check_line(bytes: &[u8], seq: u64, prev: &str) -> Result<Entry, String> {
    let Some(content) = bytes.strip_suffix(b"\n") else {
        return Err(
            "last line does not end with a newline: the entry is truncated (torn write or cut file)"
                .to_string(),
        );
    };
    let text = std::str::from_utf8(content)
        .map_err(|e| format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1))?;
    let shape_err =
        || "does not end with the hash suffix ,\"hash\":\"<64 lowercase hex>\"}".to_string();
    if text.len() < SUFFIX_LEN || !text.is_char_boundary(text.len() - SUFFIX_LEN) {
        return Err(shape_err());
    }
    let (prefix, suffix) = text.split_at(text.len() - SUFFIX_LEN);
    let stored = suffix
        .strip_prefix(HASH_KEY)
        .and_then(|s| s.strip_suffix("\"}"))
        .filter(|s| is_lower_hex64(s))
        .ok_or_else(shape_err)?;
    if sha256_hex(prefix.as_bytes()) != stored {
        return Err(
            "hash does not match the content: the line was changed after it was written"
                .to_string(),
        );
    }
    let raw: RawEntry = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Io => "read",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "field",
            serde_json::error::Category::Eof => "incomplete-JSON",
        };
        format!(
            "not a ledger entry: JSON {what} error at column {}",
            e.column()
        )
    })?;
    // Canonical shape: fields in the documented order, written compactly.
    // (The body is not re-serialised: its bytes are whatever was hashed.)
    let head = canonical_head(&raw);
    let tail = format!(",\"prev\":\"{}\"", raw.prev);
    if !is_lower_hex64(&raw.prev)
        || !prefix.starts_with(&head)
        || !prefix.ends_with(&tail)
        || raw.hash != stored
    {
        return Err(
            "fields are not in the ledger's form {\"seq\",\"time\",\"run\",\"event\",\"body\",\"prev\",\"hash\"}"
                .to_string(),
        );
    }
    if raw.seq != seq {
        return Err(format!(
            "seq is {}, expected {seq}: an entry is missing, repeated or out of order",
            raw.seq
        ));
    }
    if raw.prev != prev {
        return Err(if seq == 1 {
            "prev of the first entry is not 64 zeros: the start of the ledger is missing"
                .to_string()
        } else {
            format!(
                "prev does not match the hash of line {}: an entry is missing, changed or out of order",
                seq - 1
            )
        });
    }
    Ok(Entry {
        seq,
        hash: raw.hash,
        time: raw.time,
        run: raw.run,
        event: raw.event,
        body: raw.body,
    })
}

fn canonical_head(raw: &RawEntry) -> String {
    let mut head = format!("{{\"seq\":{},\"time\":", raw.seq);
    push_json_str(&mut head, &raw.time);
    head.push_str(",\"run\":");
    push_json_str(&mut head, &raw.run);
    head.push_str(",\"event\":");
    push_json_str(&mut head, &raw.event);
    head.push_str(",\"body\":");
    head
}

fn push_json_str(out: &mut String, s: &str) {
    // Serialising a &str cannot fail; an empty result would only make the
    // shape check fail, never pass.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

#[cfg(test)]
mod tests;
