//! Inputs: paths, directories and globs expanded into typed sources.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use privasift_core::SourceId;
use serde::Serialize;

use crate::{ErrorKind, ReadError};

/// A dataset format privasift reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON Lines: one JSON object per line.
    Jsonl,
    Csv,
    Tsv,
    Parquet,
    /// Plain text: one record per line.
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Parquet => "parquet",
            Format::Text => "text",
        }
    }

    /// Tabular formats have columns, and get a column profile in reports.
    pub fn is_tabular(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv | Format::Parquet)
    }

    fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "jsonlines" | "json" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "parquet" | "pq" => Some(Format::Parquet),
            "txt" | "text" | "md" => Some(Format::Text),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_extension(s).ok_or_else(|| {
            format!("unknown format `{s}` (expected jsonl, csv, tsv, parquet or text)")
        })
    }
}

/// How a file's bytes are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// One input file.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: SourceId,
    pub path: PathBuf,
    pub format: Format,
    pub compression: Compression,
    /// Size on disk.
    pub size: u64,
}

/// What [`discover`] found: the sources, in a stable order, and the paths it
/// could not use.
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<Source>,
    pub problems: Vec<ReadError>,
    /// Files met while walking directories whose format is unknown; skipped.
    pub skipped_unknown: Vec<PathBuf>,
}

impl Discovered {
    pub fn total_bytes(&self) -> u64 {
        self.sources.iter().map(|s| s.size).sum()
    }
}

fn classify(path: &Path, forced: Option<Format>) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
        (s.to_owned(), Compression::Gzip)
    } else if let Some(s) = name
        .strip_suffix(".zst")
        .or_else(|| name.strip_suffix(".zstd"))
    {
        (s.to_owned(), Compression::Zstd)
    } else {
        (name.clone(), Compression::None)
    };
    let format = match forced {
        Some(f) => f,
        None => Format::from_extension(Path::new(&stem).extension()?.to_str()?)?,
    };
    Some((format, compression))
}

fn problem(path: &Path, kind: ErrorKind, message: String) -> ReadError {
    ReadError {
        path: path.to_path_buf(),
        kind,
        message,
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<ReadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(problem(
                dir,
                ErrorKind::Io,
                format!("cannot list directory: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, problems);
        } else {
            out.push(p);
        }
    }
}

/// Expands files, directories (recursively, hidden entries skipped) and glob
/// patterns into sources. A file named explicitly must have a known format
/// (or `forced`); files met in directories with an unknown extension are
/// listed in `skipped_unknown`. Sources keep the order of the arguments, and
/// within a directory or glob the sorted order of paths, so runs are
/// reproducible.
pub fn discover(inputs: &[String], forced: Option<Format>) -> Discovered {
    let mut found = Discovered::default();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        let path = Path::new(input);
        let mut candidates: Vec<(PathBuf, bool)> = Vec::new();
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files, &mut found.problems);
            candidates.extend(files.into_iter().map(|f| (f, false)));
        } else if path.exists() {
            candidates.push((path.to_path_buf(), true));
        } else if input.contains(['*', '?', '[']) {
            let opts = glob::MatchOptions {
                require_literal_leading_dot: true,
                ..glob::MatchOptions::new()
            };
            match glob::glob_with(input, opts) {
                Ok(paths) => {
                    let mut ps: Vec<PathBuf> = paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file())
                        .collect();
                    ps.sort();
                    if ps.is_empty() {
                        found.problems.push(problem(
                            path,
                            ErrorKind::Io,
                            "the pattern matches no file".into(),
                        ));
                    }
                    candidates.extend(ps.into_iter().map(|p| (p, false)));
                }
                Err(e) => found.problems.push(problem(
                    path,
                    ErrorKind::Io,
                    format!("bad glob pattern: {e}"),
                )),
            }
        } else {
            found.problems.push(problem(
                path,
                ErrorKind::Io,
                "no such file or directory".into(),
            ));
        }
        for (p, explicit) in candidates {
            if !seen.insert(p.clone()) {
                continue;
            }
            match classify(&p, forced) {
                Some((format, compression)) => {
                    let size = std::fs::metadata(&p).map_or(0, |m| m.len());
                    found.sources.push(Source {
                        id: found.sources.len() as SourceId,
                        path: p,
                        format,
                        compression,
                        size,
                    });
                }
                None if explicit => found.problems.push(problem(
                    &p,
                    ErrorKind::Unsupported,
                    "unknown format: name the file .jsonl, .csv, .tsv, .parquet or .txt (optionally .gz or .zst), or pass --format".into(),
                )),
                None => found.skipped_unknown.push(p),
            }
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension_and_compression() {
        assert_eq!(
            classify(Path::new("a/b.jsonl.gz"), None),
            Some((Format::Jsonl, Compression::Gzip))
        );
        assert_eq!(
            classify(Path::new("x.CSV"), None),
            Some((Format::Csv, Compression::None))
        );
        assert_eq!(
            classify(Path::new("x.tsv.zst"), None),
            Some((Format::Tsv, Compression::Zstd))
        );
        assert_eq!(classify(Path::new("x.bin"), None), None);
        assert_eq!(
            classify(Path::new("x.bin"), Some(Format::Text)),
            Some((Format::Text, Compression::None))
        );
    }

    #[test]
    fn walks_directories_and_globs_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.jsonl",
            "a.csv",
            "notes.bin",
            ".hidden.jsonl",
            "sub/c.txt",
        ] {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x\n").unwrap();
        }
        let d = discover(&[dir.path().display().to_string()], None);
        let names: Vec<_> = d
            .sources
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.csv", "b.jsonl", "c.txt"]);
        assert_eq!(d.skipped_unknown.len(), 1);
        let g = discover(&[format!("{}/*.jsonl", dir.path().display())], None);
        assert_eq!(g.sources.len(), 1);
        let missing = discover(&["/nonexistent/file.jsonl".into()], None);
        assert_eq!(missing.problems.len(), 1);
        assert!(missing.problems[0].to_string().contains("no such file"));
    }
}
