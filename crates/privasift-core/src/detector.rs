//! The detector seam.

use crate::Span;

/// A detector's versioned name, `fr-nir@1`: the version is bumped whenever the
/// detector's output on some input changes, so reports and ledgers say which
/// logic produced a finding.
pub type DetectorId = &'static str;

/// A regular expression a detector contributes to the set's single automaton.
/// Write it with ASCII classes and ASCII word boundaries (`(?-u:\b)`, `[0-9]`):
/// Unicode `\b` makes the engine about 100 times slower on accented text.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub regex: String,
    /// A loose pattern casts a wide net (any grouped digits) and relies on
    /// context to accept. Its rejected candidates do not hide the values they
    /// contain; a strict pattern's rejected candidate (a card with a wrong
    /// check digit) does.
    pub loose: bool,
}

impl Pattern {
    pub fn new(regex: impl Into<String>) -> Self {
        Self {
            regex: regex.into(),
            loose: false,
        }
    }

    /// A pattern whose rejected candidates hide nothing (see `loose`).
    pub fn loose(regex: impl Into<String>) -> Self {
        Self {
            regex: regex.into(),
            loose: true,
        }
    }
}

/// A match of one of a detector's patterns, to be confirmed or rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index into the detector's own [`Detector::patterns`].
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// Finds one or more kinds of personal data in text.
///
/// Detectors come in two shapes, and may be both:
/// - *pattern* detectors return regexes from [`patterns`](Detector::patterns);
///   the detector set compiles all of them into one automaton, scans each text
///   once, and hands every match to [`confirm`](Detector::confirm), which runs
///   the checksum, length and context checks;
/// - *text* detectors (lexicons, models) look at the whole text in
///   [`detect`](Detector::detect).
///
/// Detectors fail when they are built (bad pattern, missing lexicon), never per
/// text: `confirm` and `detect` are infallible and must not panic.
pub trait Detector: Send + Sync {
    fn id(&self) -> DetectorId;

    /// The kinds this detector can emit.
    fn kinds(&self) -> &'static [crate::Kind];

    fn patterns(&self) -> Vec<Pattern> {
        Vec::new()
    }

    /// Confirms a candidate: pushes zero or more spans and returns whether it
    /// accepted the candidate. A rejected candidate lets other patterns that
    /// match at the same place have their turn. The set also treats an
    /// accepted candidate as rejected when none of the pushed spans reaches
    /// the run's threshold, so a detector may push a low-score guess and
    /// still return `true`.
    fn confirm(&self, text: &str, candidate: Candidate, out: &mut Vec<Span>) -> bool {
        let _ = (text, candidate, out);
        false
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        let _ = (text, out);
    }

    /// The word lists this detector searches at word starts, if any (the
    /// detect crate's lexicons, as `&dyn Any`): the set finds where the
    /// lists of all its detectors may match in one pass over each text, and
    /// hands that to [`detect_shared`](Detector::detect_shared).
    fn word_lists(&self) -> Vec<&dyn std::any::Any> {
        Vec::new()
    }

    /// [`detect`](Detector::detect), given what the set worked out once
    /// about this text for all its detectors (the detect crate's word
    /// starts, say), so that each does not work it out again. A detector
    /// that knows the type downcasts `shared` and reads it; it must find
    /// exactly what `detect` finds. The default ignores `shared`.
    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let _ = shared;
        self.detect(text, out);
    }
}
