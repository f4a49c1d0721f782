//! The run loop: one reader thread, N workers, ordered output.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use privasift_core::RecordId;
use privasift_formats::{Batch, ReadError, ReadOptions, Selection, Source};

use crate::Sample;
use crate::sample::{keep, path_hash};

/// How a run reads and how many threads it uses.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Worker threads (at least 1); the reader has its own thread.
    pub threads: usize,
    pub read: ReadOptions,
    pub selection: Selection,
    /// Stop at the first bad record or file instead of counting and going on.
    pub strict: bool,
    pub sample: Sample,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            read: ReadOptions::default(),
            selection: Selection::default(),
            strict: false,
            sample: Sample::All,
        }
    }
}

/// Work done on one batch, on a worker thread.
pub trait Job: Sync {
    type Output: Send;

    fn process(&self, batch: &Batch, sampler: &Sampler) -> Self::Output;
}

/// Decides which records a sampled run looks at.
#[derive(Debug)]
pub struct Sampler {
    fraction: f64,
    hashes: Vec<u64>,
}

impl Sampler {
    pub fn keeps(&self, id: &RecordId) -> bool {
        self.fraction >= 1.0
            || keep(
                self.hashes.get(id.source as usize).copied().unwrap_or(0),
                id.index,
                self.fraction,
            )
    }

    /// The share of records kept (1 when not sampling).
    pub fn fraction(&self) -> f64 {
        self.fraction
    }
}

/// What the run hands back, in input order.
#[derive(Debug)]
pub enum Output<T> {
    /// A processed batch.
    Batch(T),
    /// A source could not be opened, or reading it stopped.
    FileError(ReadError),
    /// A source was read to its end (after its last batch): its id, and the
    /// SHA-256 of its bytes when the reader could compute it on the way.
    SourceEnd {
        source: privasift_core::SourceId,
        digest: Option<String>,
    },
}

/// Progress of a run, for a progress bar.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    /// Bytes of the input files consumed (compressed bytes for compressed files).
    pub file_bytes: u64,
    pub total_bytes: u64,
    /// Batches handed back so far.
    pub batches: u64,
}

/// Whether the caller wants more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `--strict`: the first problem stops the run.
    #[error("stopped by --strict: {0}")]
    Strict(String),
    /// The caller's sink failed (e.g. the output file could not be written).
    #[error("{0}")]
    Sink(String),
    #[error("a worker thread failed")]
    Worker,
}

/// Totals of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunStats {
    pub batches: u64,
    pub file_bytes: u64,
    /// The sampling fraction used (1 when not sampling).
    pub fraction: f64,
}

enum Item {
    Batch(Batch),
    FileError(ReadError),
    SourceEnd(privasift_core::SourceId, Option<String>),
}

/// Estimates the fraction of records to keep to get about `n` of them: the
/// first batch gives bytes per record and the compression ratio.
fn estimate_fraction(sources: &[Source], opts: &RunOptions, n: u64) -> f64 {
    let total: u64 = sources.iter().map(|s| s.size).sum();
    let Some(first) = sources.first() else {
        return 1.0;
    };
    let Ok(mut reader) = privasift_formats::open(first, &opts.read) else {
        return 1.0;
    };
    let Some(Ok(batch)) = reader.next_batch() else {
        return 1.0;
    };
    let records = batch.len_hint().max(1) as f64;
    let ratio = if reader.file_bytes_read() > 0 {
        batch.input_bytes.max(1) as f64 / reader.file_bytes_read() as f64
    } else {
        1.0
    };
    let est_records =
        (total as f64 * ratio.max(1.0) / (batch.input_bytes.max(1) as f64 / records)).max(1.0);
    (n as f64 / est_records).clamp(0.0, 1.0)
}

/// Runs `job` over every source and calls `sink` with the outputs in input
/// order. `progress` is called after every batch, from the calling thread.
pub fn run<J: Job>(
    sources: &[Source],
    job: &J,
    opts: &RunOptions,
    progress: &dyn Fn(Progress),
    mut sink: impl FnMut(Output<J::Output>) -> Result<Flow, RunError>,
) -> Result<RunStats, RunError> {
    let fraction = match opts.sample {
        Sample::All => 1.0,
        Sample::Fraction(f) => f.clamp(0.0, 1.0),
        Sample::Records(n) => estimate_fraction(sources, opts, n),
    };
    let sampler = Sampler {
        fraction,
        hashes: sources.iter().map(|s| path_hash(&s.path)).collect(),
    };
    let threads = opts.threads.max(1);
    let (work_tx, work_rx) = crossbeam_channel::bounded::<(u64, Item)>(threads * 2);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(u64, Output<J::Output>)>(threads * 2);
    let stop = Arc::new(AtomicBool::new(false));
    let file_bytes = Arc::new(AtomicU64::new(0));
    let total_bytes: u64 = sources.iter().map(|s| s.size).sum();
    let mut stats = RunStats {
        fraction,
        ..RunStats::default()
    };

    std::thread::scope(|scope| -> Result<(), RunError> {
        // Reader: sources in order, batches in order, numbered.
        {
            let stop = Arc::clone(&stop);
            let file_bytes = Arc::clone(&file_bytes);
            let read = opts.read.clone();
            scope.spawn(move || {
                let mut seq = 0u64;
                for source in sources {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let mut reader = match privasift_formats::open(source, &read) {
                        Ok(r) => r,
                        Err(e) => {
                            if work_tx.send((seq, Item::FileError(e))).is_err() {
                                return;
                            }
                            seq += 1;
                            if work_tx
                                .send((seq, Item::SourceEnd(source.id, None)))
                                .is_err()
                            {
                                return;
                            }
                            seq += 1;
                            continue;
                        }
                    };
                    let mut seen = 0u64;
                    let mut items = 0u64;
                    while let Some(next) = reader.next_batch() {
                        items += 1;
                        let now = reader.file_bytes_read();
                        file_bytes.fetch_add(now.saturating_sub(seen), Ordering::Relaxed);
                        seen = now;
                        let item = match next {
                            Ok(b) => Item::Batch(b),
                            Err(e) => Item::FileError(e),
                        };
                        if stop.load(Ordering::Relaxed) || work_tx.send((seq, item)).is_err() {
                            return;
                        }
                        seq += 1;
                    }
                    // Count the tail (e.g. gzip trailer) so progress ends at 100 %.
                    file_bytes.fetch_add(source.size.saturating_sub(seen), Ordering::Relaxed);
                    if items == 0 {
                        let empty = ReadError::new(
                            source,
                            privasift_formats::ErrorKind::Empty,
                            "the file holds no record",
                        );
                        if work_tx.send((seq, Item::FileError(empty))).is_err() {
                            return;
                        }
                        seq += 1;
                    }
                    if work_tx
                        .send((seq, Item::SourceEnd(source.id, reader.digest())))
                        .is_err()
                    {
                        return;
                    }
                    seq += 1;
                }
            });
        }
        // Workers.
        for _ in 0..threads {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            let sampler = &sampler;
            let stop = Arc::clone(&stop);
            scope.spawn(move || {
                for (seq, item) in &work_rx {
                    let out = match item {
                        Item::Batch(b) if !stop.load(Ordering::Relaxed) => {
                            Output::Batch(job.process(&b, sampler))
                        }
                        Item::Batch(_) => continue,
                        Item::FileError(e) => Output::FileError(e),
                        Item::SourceEnd(source, digest) => Output::SourceEnd { source, digest },
                    };
                    if done_tx.send((seq, out)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        // Collector: restore input order.
        let mut pending: BTreeMap<u64, Output<J::Output>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        for (seq, out) in &done_rx {
            if result.is_err() || stop.load(Ordering::Relaxed) {
                continue; // drain so threads can finish
            }
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                stats.batches += 1;
                match sink(out) {
                    Ok(Flow::Continue) => {}
                    Ok(Flow::Stop) => {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        result = Err(e);
                        break;
                    }
                }
                progress(Progress {
                    file_bytes: file_bytes.load(Ordering::Relaxed),
                    total_bytes,
                    batches: stats.batches,
                });
            }
        }
        result
    })?;
    stats.file_bytes = file_bytes.load(Ordering::Relaxed);
    Ok(stats)
}
