//! Integration tests of the `privasift` binary: each test writes its fixtures
//! (fake data only) in a temporary directory, runs the binary there with
//! relative paths, and checks exit status, output and report.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bad_input;
mod clean;
mod collect;
mod comply;
mod detect;
mod determinism;
mod eval;
mod formats;
mod help;
mod leak;
mod model;
mod rights;
mod sampling;
mod scan;
mod vault;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use privasift_testgen::{Budget, Format, GenOptions, Generator, write_docs};
use serde_json::Value;

/// What a run of the binary gave back.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr together, for "is it named somewhere" checks.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self.assert_no_panic()
    }

    #[track_caller]
    pub fn assert_no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        self
    }
}

fn to_run(out: &Output) -> Run {
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The binary, run in `dir`, with no inherited backtrace setting so that
/// stderr is the same everywhere.
pub fn cmd(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_privasift"));
    c.current_dir(dir).env_remove("RUST_BACKTRACE");
    c
}

/// Runs `privasift ARGS` in `dir`.
pub fn run<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = cmd(dir).args(args).output().expect("running privasift");
    to_run(&out)
}

/// Reads and parses a JSON file.
pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Parses JSON Lines, one value per non-empty line.
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Writes `bytes` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A JSON Lines line `{"id": id, "text": text}` (properly escaped).
pub fn jline(id: impl Into<Value>, text: &str) -> String {
    let mut s = serde_json::json!({"id": id.into(), "text": text}).to_string();
    s.push('\n');
    s
}

/// A testgen corpus of light records (`id`, `text`, `lang`, `meta`).
pub fn corpus(seed: u64, budget: Budget) -> Vec<u8> {
    let mut g = Generator::new(seed, GenOptions::default());
    let mut out = Vec::new();
    write_docs(&mut g, &mut out, Format::Jsonl, budget).unwrap();
    out
}

/// A testgen gold file (bench format).
pub fn gold(seed: u64, docs: u64) -> Vec<u8> {
    let mut g = Generator::new(seed, GenOptions::default());
    let mut out = Vec::new();
    write_docs(&mut g, &mut out, Format::Gold, Budget::Docs(docs)).unwrap();
    out
}

/// The names of the files in `dir` (not recursive), sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The row of the summary's kind table for `kind`: (findings, records).
pub fn summary_kind_row(stdout: &str, kind: &str) -> Option<(u64, u64)> {
    stdout.lines().find_map(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        match cols.as_slice() {
            [k, _label, findings, records, share] if *k == kind && share.ends_with('%') => {
                Some((findings.parse().ok()?, records.parse().ok()?))
            }
            _ => None,
        }
    })
}
