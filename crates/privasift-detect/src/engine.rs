//! The detector set: one automaton over every pattern, then validation.

use std::collections::BTreeMap;

use privasift_core::{Candidate, Detector, Kind, Label, Span};
use regex_automata::{Anchored, Input, MatchKind, PatternSet, meta};

use crate::trigger::{Anchor, Lead, Pairs, StartTable, Triggers, after_anchor, reach};

/// Which labels to look for and how sure a span must be to be reported.
#[derive(Clone, Debug)]
pub struct DetectConfig {
    /// Report only these labels (`detect --labels`); `None` means all.
    pub labels: Option<Vec<Label>>,
    /// Spans scoring below this are dropped.
    pub min_score: f32,
    /// Per-label thresholds that override `min_score`.
    pub thresholds: BTreeMap<Label, f32>,
    /// Per-kind thresholds (`place-name`, `fr-nir`) that override the
    /// label's and `min_score`.
    pub kind_thresholds: BTreeMap<String, f32>,
}

impl Default for DetectConfig {
    fn default() -> Self {
        Self {
            labels: None,
            min_score: 0.5,
            thresholds: BTreeMap::new(),
            kind_thresholds: BTreeMap::new(),
        }
    }
}

impl DetectConfig {
    fn wants(&self, label: Label) -> bool {
        self.labels.as_ref().is_none_or(|ls| ls.contains(&label))
    }

    /// The score a span of `kind` needs: its kind's threshold, else its
    /// label's, else `min_score`.
    pub fn threshold(&self, kind: Kind) -> f32 {
        self.kind_thresholds
            .get(kind.name)
            .or_else(|| self.thresholds.get(&kind.label))
            .copied()
            .unwrap_or(self.min_score)
    }
}

/// A detector could not be built; the message names it.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("detector {detector}: pattern {index} does not compile: {source}")]
    Pattern {
        detector: &'static str,
        index: usize,
        #[source]
        source: Box<regex_automata::meta::BuildError>,
    },
    #[error("detector {detector}: {message}")]
    Detector {
        detector: &'static str,
        message: String,
    },
}

/// Every enabled detector, compiled for one pass over each text.
pub struct DetectorSet {
    detectors: Vec<Box<dyn Detector>>,
    /// The detectors' word lists, searched together (`Detector::word_lists`).
    lists: std::sync::Arc<crate::lexicon::Group>,
    /// The patterns that need an anchor (a digit, `://`, a colon, a dash...)
    /// near their start (most of them), tried with one anchored
    /// leftmost-first search at each position one of `starts_near` allows
    /// (see `trigger.rs`).
    anchored: Option<Group>,
    starts_near: Vec<StartTable>,
    /// The other patterns, leftmost-first, unanchored, in groups small
    /// enough for each to keep a literal prefilter.
    elsewhere: Vec<Group>,
    /// The same patterns with all-matches semantics: which of them match at
    /// the start of a rejected candidate, in one anchored search.
    all: Option<meta::Regex>,
    /// Each pattern alone, to find its extent at a given start.
    single: Vec<meta::Regex>,
    /// For each byte value, the patterns whose match can start with it: when
    /// a candidate is rejected only these are tried at the same place.
    starts: Vec<Vec<usize>>,
    /// Global pattern index -> (detector index, pattern index in detector).
    owners: Vec<(usize, usize)>,
    /// Global pattern index -> whether the pattern is loose.
    loose: Vec<bool>,
    config: DetectConfig,
}

impl std::fmt::Debug for DetectorSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DetectorSet")
            .field("detectors", &self.ids())
            .field("patterns", &self.owners.len())
            .finish_non_exhaustive()
    }
}

/// Rejected candidates longer than this are skipped, not rescanned.
const MAX_RESCAN: usize = 256;

/// Some of the set's patterns, compiled together.
struct Group {
    regex: meta::Regex,
    /// Index in the group -> global pattern index.
    global: Vec<usize>,
}

/// A pattern's match, by global pattern index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
}

/// Where an unanchored search started and what it found.
type LastSearch = (usize, Option<Hit>);

/// The leftmost-first matches of every pattern of a set in one text, as one
/// automaton over them all would give them, from the set's groups.
struct Matches<'a> {
    set: &'a DetectorSet,
    text: &'a str,
    triggers: Triggers<'a>,
    /// Per unanchored group, the last search: where it started and what it
    /// found. It stays valid for every later position up to the start of
    /// its match. (Inline: no allocation per text.)
    elsewhere: smallvec::SmallVec<[Option<LastSearch>; 4]>,
}

impl<'a> Matches<'a> {
    fn new(set: &'a DetectorSet, text: &'a str) -> Self {
        Self {
            set,
            text,
            triggers: Triggers::new(text, &set.starts_near),
            elsewhere: smallvec::smallvec![None; set.elsewhere.len()],
        }
    }

    /// The leftmost match starting at or after `pos` (which never moves
    /// back), the pattern that comes first in the registry winning a tie.
    fn next(&mut self, pos: usize) -> Option<Hit> {
        // The leftmost of the unanchored groups' matches, the pattern first
        // in the registry winning a tie (as in one automaton).
        let mut other: Option<Hit> = None;
        for (g, last) in self.set.elsewhere.iter().zip(&mut self.elsewhere) {
            let hit = match *last {
                Some((from, hit)) if from <= pos && hit.is_none_or(|h| h.start >= pos) => hit,
                _ => {
                    let hit = g
                        .regex
                        .search(&Input::new(self.text).range(pos..))
                        .map(|m| Hit {
                            start: m.start(),
                            end: m.end(),
                            pattern: g.global[m.pattern().as_usize()],
                        });
                    *last = Some((pos, hit));
                    hit
                }
            };
            if let Some(h) = hit
                && other.is_none_or(|o| (h.start, h.pattern) < (o.start, o.pattern))
            {
                other = Some(h);
            }
        }
        let Some(near) = &self.set.anchored else {
            return other;
        };
        let limit = other.map_or(self.text.len(), |h| h.start);
        let mut from = pos;
        while let Some(start) = self.triggers.next(from) {
            if start > limit {
                break;
            }
            let input = Input::new(self.text).range(start..).anchored(Anchored::Yes);
            if let Some(m) = near.regex.search(&input) {
                let pattern = near.global[m.pattern().as_usize()];
                if start < limit || other.is_none_or(|o| pattern < o.pattern) {
                    return Some(Hit {
                        start,
                        end: m.end(),
                        pattern,
                    });
                }
                break;
            }
            from = start + 1;
        }
        other
    }
}

fn regex_config(kind: MatchKind) -> meta::Config {
    meta::Config::new()
        .match_kind(kind)
        // Patterns are written for bytes-with-ASCII-boundaries; a large cache
        // keeps the lazy DFA from giving up on many patterns.
        .hybrid_cache_capacity(64 * 1024 * 1024)
}

impl DetectorSet {
    /// The registry's detectors, filtered by the labels of `config`.
    pub fn default_set(config: &DetectConfig) -> Result<Self, BuildError> {
        Self::new(crate::detectors::default_detectors()?, config.clone())
    }

    /// Builds a set from detectors; detectors none of whose kinds are wanted
    /// by `config` are left out and cost nothing.
    pub fn new(
        detectors: Vec<Box<dyn Detector>>,
        config: DetectConfig,
    ) -> Result<Self, BuildError> {
        let detectors: Vec<Box<dyn Detector>> = detectors
            .into_iter()
            .filter(|d| d.kinds().iter().any(|k| config.wants(k.label)))
            .collect();
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut single = Vec::new();
        let mut loose = Vec::new();
        for (di, d) in detectors.iter().enumerate() {
            for (pi, p) in d.patterns().into_iter().enumerate() {
                let one = meta::Regex::builder()
                    .configure(regex_config(MatchKind::LeftmostFirst))
                    .build(&p.regex)
                    .map_err(|e| BuildError::Pattern {
                        detector: d.id(),
                        index: pi,
                        source: Box::new(e),
                    })?;
                single.push(one);
                loose.push(p.loose);
                patterns.push(p.regex);
                owners.push((di, pi));
            }
        }
        let build = |kind, patterns: &[&str]| {
            meta::Regex::builder()
                .configure(regex_config(kind))
                .build_many(patterns)
                .map_err(|e| BuildError::Detector {
                    detector: "detector-set",
                    message: format!("patterns do not compile together: {e}"),
                })
        };
        // Split the patterns by whether a match needs an anchor (a digit,
        // `://`, a colon, a dash...) near its start.
        let mut near = (Vec::new(), Vec::new());
        let mut other = (Vec::new(), Vec::new(), Vec::new());
        let mut starts_near: Vec<StartTable> =
            Anchor::ALL.iter().map(|&a| StartTable::new(a)).collect();
        let mut starts = vec![Vec::new(); 256];
        for (i, p) in patterns.iter().enumerate() {
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(p)
                .map_err(|e| BuildError::Detector {
                    detector: "detector-set",
                    message: format!("pattern {i} does not parse: {e}"),
                })?;
            for b in first_bytes(&hir) {
                starts[usize::from(b)].push(i);
            }
            let near_anchor = Anchor::ALL.iter().enumerate().find_map(|(t, &a)| {
                reach(&hir, a)
                    .and_then(|r| u8::try_from(r).ok())
                    .filter(|&r| r <= a.max_reach())
                    .map(|r| (t, r))
            });
            if let Some((t, r)) = near_anchor {
                let lead = Lead::of(&hir);
                let after = after_anchor(&hir, Anchor::ALL[t]);
                starts_near[t].add(&lead, &Pairs::of(&hir, &lead), r, &after);
                near.0.push(p.as_str());
                near.1.push(i);
            } else {
                other.0.push(p.as_str());
                other.1.push(i);
                other.2.push(prefix_count(&hir));
            }
        }
        let group = |(patterns, global): (Vec<&str>, Vec<usize>)| -> Result<_, BuildError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            Ok(Some(Group {
                regex: build(MatchKind::LeftmostFirst, &patterns)?,
                global,
            }))
        };
        let anchored = group(near)?;
        let mut elsewhere = Vec::new();
        for g in prefilter_groups(other) {
            elsewhere.extend(group(g)?);
        }
        let all = if patterns.is_empty() {
            None
        } else {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            Some(build(MatchKind::All, &patterns)?)
        };
        let lists = std::sync::Arc::new(crate::lexicon::Group::new(
            detectors
                .iter()
                .flat_map(|d| d.word_lists())
                .filter_map(|l| l.downcast_ref::<crate::lexicon::Lexicon>()),
        ));
        Ok(Self {
            detectors,
            lists,
            anchored,
            starts_near,
            elsewhere,
            all,
            single,
            starts,
            owners,
            loose,
            config,
        })
    }

    /// The ids (`email@1`, ...) of the detectors in the set, in order.
    pub fn ids(&self) -> Vec<&'static str> {
        self.detectors.iter().map(|d| d.id()).collect()
    }

    /// Each detector's id and the kinds it can emit.
    pub fn describe(&self) -> Vec<(&'static str, &'static [privasift_core::Kind])> {
        self.detectors.iter().map(|d| (d.id(), d.kinds())).collect()
    }

    /// The kinds the set can report.
    pub fn kinds(&self) -> Vec<privasift_core::Kind> {
        let mut ks: Vec<_> = self
            .detectors
            .iter()
            .flat_map(|d| d.kinds().iter().copied())
            .filter(|k| self.config.wants(k.label))
            .collect();
        ks.sort();
        ks.dedup();
        ks
    }

    /// Finds every span in `text`, appended to `out` sorted by start, with
    /// overlaps resolved (the higher score wins, then the longer span).
    pub fn detect(&self, text: &str, out: &mut Vec<Span>) {
        let first = out.len();
        self.scan_patterns(text, out);
        let shared = crate::shared::Shared::new(self.lists.clone());
        for d in &self.detectors {
            d.detect_shared(text, &shared, out);
        }
        let cfg = &self.config;
        let mut spans: Vec<Span> = out
            .drain(first..)
            .filter(|s| cfg.wants(s.label()) && s.score >= cfg.threshold(s.kind))
            .collect();
        resolve_overlaps(&mut spans);
        out.extend(spans);
    }

    /// Adds spans found by another detector over the same text (a record
    /// detector, a model) to `out`, the output of [`Self::detect`]: the
    /// label filter and thresholds apply to them, and overlaps are resolved
    /// as in `detect`.
    pub fn merge(&self, out: &mut Vec<Span>, extra: impl IntoIterator<Item = Span>) {
        let cfg = &self.config;
        let before = out.len();
        out.extend(
            extra
                .into_iter()
                .filter(|s| cfg.wants(s.label()) && s.score >= cfg.threshold(s.kind)),
        );
        if out.len() > before {
            resolve_overlaps(out);
        }
    }

    fn scan_patterns(&self, text: &str, out: &mut Vec<Span>) {
        let mut matches = Matches::new(self, text);
        self.scan_with(text, out, |pos| matches.next(pos));
    }

    /// The scan proper, taking the leftmost match at or after a position
    /// from `next`.
    fn scan_with(
        &self,
        text: &str,
        out: &mut Vec<Span>,
        mut next: impl FnMut(usize) -> Option<Hit>,
    ) {
        let Some(all) = &self.all else {
            return;
        };
        // Made at the first rejected candidate: most texts have none.
        let mut matching: Option<PatternSet> = None;
        // Candidates rejected so far that may still contain later matches.
        // A match lying wholly inside one is part of a value already judged
        // (the inner digits of a card with a wrong check digit) and is not
        // tried; a match that starts inside and runs past it is (the phone
        // number in "at 07 65 64 77 55" after a rejected "at 07 65 64").
        let mut rejected: Vec<(usize, usize)> = Vec::new();
        let mut pos = 0;
        while pos <= text.len() {
            let Some(Hit {
                start,
                end,
                pattern: first,
            }) = next(pos)
            else {
                break;
            };
            rejected.retain(|&(_, e)| e > start);
            let inside = |e: usize| rejected.iter().any(|&(rs, re)| rs <= start && e <= re);
            if !inside(end) && self.confirm(text, first, start, end, out) {
                pos = end.max(start + 1);
                continue;
            }
            // Rejected: the other patterns that can start with this byte get
            // their turn, each anchored here, in registry order.
            let mut accepted_end = None;
            let byte = text.as_bytes().get(start).copied().unwrap_or(0);
            let possible = &self.starts[usize::from(byte)];
            if possible.iter().any(|&p| p != first) {
                // One anchored all-matches search says which patterns match
                // here; each of those is then asked for its extent.
                let matching = matching.get_or_insert_with(|| PatternSet::new(self.owners.len()));
                matching.clear();
                all.which_overlapping_matches(
                    &Input::new(text).range(start..).anchored(Anchored::Yes),
                    matching,
                );
                for pid in matching.iter() {
                    let pid = pid.as_usize();
                    if pid == first {
                        continue;
                    }
                    let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                    if let Some(m2) = self.single[pid].search(&input)
                        && !inside(m2.end())
                        && self.confirm(text, pid, start, m2.end(), out)
                    {
                        accepted_end = Some(m2.end());
                        break;
                    }
                }
            }
            pos = match accepted_end {
                Some(e) => e.max(start + 1),
                // A long rejected candidate is skipped whole (bounded work);
                // a short one is rescanned from its next character.
                None if end - start > MAX_RESCAN => end,
                None => {
                    if !inside(end) && !self.loose[first] {
                        rejected.push((start, end));
                    }
                    next_char_boundary(text, start + 1)
                }
            };
        }
    }

    fn confirm(
        &self,
        text: &str,
        global: usize,
        start: usize,
        end: usize,
        out: &mut Vec<Span>,
    ) -> bool {
        let (di, pi) = self.owners[global];
        if start == end {
            return false;
        }
        let before = out.len();
        let accepted = self.detectors[di].confirm(
            text,
            Candidate {
                pattern: pi,
                start,
                end,
            },
            out,
        );
        // A candidate is claimed only by a span that will be reported: a
        // low-score guess (a bare number that might be an id) must not stop
        // a later pattern that has the context to be sure.
        accepted
            && out
                .get(before..)
                .unwrap_or_default()
                .iter()
                .any(|s| s.score >= self.config.threshold(s.kind) && self.config.wants(s.label()))
    }
}

/// The most literal prefixes a group of unanchored patterns may have, so
/// that the regex engine keeps a literal prefilter for it.
const MAX_GROUP_PREFIXES: usize = 32;

/// How many literal prefixes of at least three bytes `hir` has (`None`
/// when it has none, or shorter ones).
fn prefix_count(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    lits.iter().all(|l| l.len() >= 3).then_some(lits.len())
}

/// Splits the unanchored patterns (source, global index, [`prefix_count`])
/// into groups: those with literal prefixes of at least three bytes fill
/// groups of at most `MAX_GROUP_PREFIXES` prefixes, in registry order; each
/// other pattern gets a group of its own: with it, a group's prefilter would
/// stop at every byte that begins one (the MRZ line's "P"), and the group
/// would run about six times slower than its parts apart (measured on the
/// web-like corpus). The engine takes the leftmost match of all groups,
/// the pattern first in the registry winning a tie, so their order does
/// not matter.
fn prefilter_groups(
    (patterns, global, counts): (Vec<&str>, Vec<usize>, Vec<Option<usize>>),
) -> Vec<(Vec<&str>, Vec<usize>)> {
    let mut filled: Vec<(Vec<&str>, Vec<usize>, usize)> = Vec::new();
    let mut alone = Vec::new();
    for ((p, g), count) in patterns.into_iter().zip(global).zip(counts) {
        match count.filter(|&c| c <= MAX_GROUP_PREFIXES) {
            None => alone.push((vec![p], vec![g])),
            Some(c) => match filled.last_mut() {
                Some((ps, gs, n)) if *n + c <= MAX_GROUP_PREFIXES => {
                    ps.push(p);
                    gs.push(g);
                    *n += c;
                }
                _ => filled.push((vec![p], vec![g], c)),
            },
        }
    }
    filled
        .into_iter()
        .map(|(p, g, _)| (p, g))
        .chain(alone)
        .collect()
}

/// The bytes a match of `hir` can start with (every byte when that cannot
/// be worked out from the pattern's literal prefixes).
fn first_bytes(hir: &regex_syntax::hir::Hir) -> Vec<u8> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let all = || (0..=255u8).collect();
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let Some(lits) = seq.literals() else {
        return all();
    };
    let mut bytes: Vec<u8> = Vec::new();
    for lit in lits {
        match lit.as_bytes().first() {
            Some(b) => bytes.push(*b),
            None => return all(),
        }
    }
    bytes.sort_unstable();
    bytes.dedup();
    bytes
}

fn next_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Sorts by start and removes overlaps: of two overlapping spans the one with
/// the higher score stays, then the longer one, then the earlier one; but an
/// address or an organisation wins over the spans it holds.
pub(crate) fn resolve_overlaps(spans: &mut Vec<Span>) {
    // An address holds the words of its street and town: "Imam" in "31 Rue
    // Al Imam Al Bakri", a name in "12 rue Victor Hugo" are part of it,
    // whatever their score. An organisation holds the names in its own
    // ("Aunt Bertha Inc", "University of Oxford"), but not a special
    // category, which decides what happens to the record.
    // Identifiers, numbers and the like are never held: they keep their
    // own label.
    let holds = |a: &Span, b: &Span| {
        let inside = a.start <= b.start && b.end <= a.end && a.len() > b.len();
        let name = matches!(
            b.label(),
            Label::Person | Label::Location | Label::Organization | Label::Nrp | Label::Date
        );
        inside
            && match a.label() {
                Label::Address => name || b.label().is_special_category(),
                Label::Organization => name,
                _ => false,
            }
    };
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match kept.last() {
            Some(last) if last.overlaps(&s) => {
                let better = if holds(&s, last) {
                    true
                } else if holds(last, &s) {
                    false
                } else {
                    s.score > last.score || (s.score == last.score && s.len() > last.len())
                };
                if better {
                    kept.pop();
                    // The new span may now overlap an earlier kept one.
                    while kept.last().is_some_and(|l| l.overlaps(&s)) {
                        kept.pop();
                    }
                    kept.push(s);
                }
            }
            _ => kept.push(s),
        }
    }
    *spans = kept;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use privasift_core::{Kind, Pattern};

    #[test]
    fn an_address_wins_over_what_it_holds() {
        const STREET: Kind = Kind::new("street", Label::Address);
        const FAITH: Kind = Kind::new("faith", Label::ReligionOrBelief);
        const NAME: Kind = Kind::new("name", Label::Person);
        // "31 Rue Al Imam Al Bakri", then a name after it.
        let mut spans = vec![
            Span::new(10, 14, FAITH, 0.85, "s"),
            Span::new(0, 23, STREET, 0.8, "a"),
            Span::new(20, 30, NAME, 0.9, "p"),
        ];
        resolve_overlaps(&mut spans);
        let kept: Vec<_> = spans.iter().map(|s| (s.start, s.end)).collect();
        // The address holds the faith word; the name only overlaps it, and
        // its higher score wins as usual.
        assert_eq!(kept, [(20, 30)]);
        let mut spans = vec![
            Span::new(10, 14, FAITH, 0.85, "s"),
            Span::new(0, 23, STREET, 0.8, "a"),
        ];
        resolve_overlaps(&mut spans);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].start, spans[0].end), (0, 23));
    }

    #[test]
    fn identifiers_are_never_held() {
        const ORG: Kind = Kind::new("org", Label::Organization);
        const STREET: Kind = Kind::new("street", Label::Address);
        const IBAN: Kind = Kind::new("iban", Label::Iban);
        for outer in [ORG, STREET] {
            let mut spans = vec![
                Span::new(0, 27, IBAN, 0.9, "i"),
                Span::new(0, 37, outer, 0.7, "o"),
            ];
            resolve_overlaps(&mut spans);
            assert_eq!(spans.iter().map(|s| s.kind).collect::<Vec<_>>(), [IBAN]);
        }
    }

    #[test]
    fn an_organisation_holds_names_but_not_special_categories() {
        const ORG: Kind = Kind::new("org", Label::Organization);
        const NAME: Kind = Kind::new("name", Label::Person);
        const PARTY: Kind = Kind::new("party", Label::PoliticalOpinion);
        // "Aunt Bertha Inc": the company, not Ms Bertha.
        let mut spans = vec![
            Span::new(5, 11, NAME, 0.8, "p"),
            Span::new(0, 15, ORG, 0.7, "o"),
        ];
        resolve_overlaps(&mut spans);
        assert_eq!(spans.iter().map(|s| s.kind).collect::<Vec<_>>(), [ORG]);
        // A party's name inside it stays: it decides the record's fate.
        let mut spans = vec![
            Span::new(5, 11, PARTY, 0.9, "s"),
            Span::new(0, 15, ORG, 0.7, "o"),
        ];
        resolve_overlaps(&mut spans);
        assert_eq!(spans.iter().map(|s| s.kind).collect::<Vec<_>>(), [PARTY]);
    }

    const DIGITS: Kind = Kind::new("digits", Label::Code);
    const FOUR: Kind = Kind::new("four", Label::Phone);

    /// Accepts only even-length digit runs: exercises the fallback path.
    struct Even;
    impl Detector for Even {
        fn id(&self) -> &'static str {
            "even@1"
        }
        fn kinds(&self) -> &'static [Kind] {
            &[DIGITS]
        }
        fn patterns(&self) -> Vec<Pattern> {
            vec![Pattern::new(r"(?-u:\b)[0-9]+(?-u:\b)")]
        }
        fn confirm(&self, _t: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
            if (c.end - c.start).is_multiple_of(2) {
                out.push(Span::new(c.start, c.end, DIGITS, 0.9, "even@1"));
                true
            } else {
                false
            }
        }
    }

    struct Four;
    impl Detector for Four {
        fn id(&self) -> &'static str {
            "four@1"
        }
        fn kinds(&self) -> &'static [Kind] {
            &[FOUR]
        }
        fn patterns(&self) -> Vec<Pattern> {
            vec![Pattern::new(r"(?-u:\b)[0-9]{3}")]
        }
        fn confirm(&self, _t: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
            out.push(Span::new(c.start, c.end, FOUR, 0.8, "four@1"));
            true
        }
    }

    fn set() -> DetectorSet {
        DetectorSet::new(
            vec![Box::new(Even), Box::new(Four)],
            DetectConfig::default(),
        )
        .unwrap()
    }

    #[test]
    fn rejected_candidate_falls_back_to_other_patterns() {
        let mut out = Vec::new();
        set().detect("a 12345 b 1234 c 5", &mut out);
        let got: Vec<_> = out.iter().map(|s| (s.start, s.end, s.kind.name)).collect();
        assert_eq!(got, vec![(2, 5, "four"), (10, 14, "digits")]);
    }

    #[test]
    fn first_bytes_come_from_literal_prefixes() {
        let first_bytes =
            |p: &str| first_bytes(&regex_syntax::ParserBuilder::new().build().parse(p).unwrap());
        assert_eq!(first_bytes(r"(?-u:\b)[0-3][0-9]"), b"0123".to_vec());
        assert_eq!(first_bytes(r"IBAN|iban"), b"Ii".to_vec());
        assert_eq!(first_bytes(r"[\p{L}]+@").len(), 256);
    }

    /// Rejects everything it matches: a detector that swallows a value.
    struct Greedy;
    impl Detector for Greedy {
        fn id(&self) -> &'static str {
            "greedy@1"
        }
        fn kinds(&self) -> &'static [Kind] {
            &[DIGITS]
        }
        fn patterns(&self) -> Vec<Pattern> {
            vec![Pattern::new(r"(?-u:\b)[a-z]+ [0-9]{2} [0-9]{2}")]
        }
    }

    #[test]
    fn a_rejected_candidate_hides_what_it_contains_but_not_what_overlaps_it() {
        let s = DetectorSet::new(
            vec![Box::new(Greedy), Box::new(Even)],
            DetectConfig::default(),
        )
        .unwrap();
        let mut out = Vec::new();
        // "at 12 34" is rejected; "12" and "34" lie inside it: hidden.
        s.detect("at 12 34.", &mut out);
        assert!(out.is_empty(), "{out:?}");
        // "3456" starts inside "at 12 34" and runs past it: found.
        s.detect("at 12 3456", &mut out);
        let got: Vec<_> = out.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(got, vec![(6, 10)]);
    }

    /// What one unanchored automaton over every pattern finds, as the
    /// engine did before patterns were split into two groups.
    fn reference_scan(set: &DetectorSet, text: &str) -> Vec<Span> {
        let patterns: Vec<String> = set
            .detectors
            .iter()
            .flat_map(|d| d.patterns().into_iter().map(|p| p.regex))
            .collect();
        let one = meta::Regex::builder()
            .configure(regex_config(MatchKind::LeftmostFirst))
            .build_many(&patterns)
            .unwrap();
        let mut out = Vec::new();
        set.scan_with(text, &mut out, |pos| {
            one.search(&Input::new(text).range(pos..)).map(|m| Hit {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
        });
        out
    }

    fn assert_same_as_one_automaton(set: &DetectorSet, text: &str) {
        let mut got = Vec::new();
        set.scan_patterns(text, &mut got);
        let want = reference_scan(set, text);
        assert_eq!(got, want, "in {text:?}");
    }

    #[test]
    fn the_split_finds_what_one_automaton_finds_on_generated_documents() {
        let set = DetectorSet::default_set(&DetectConfig::default()).unwrap();
        assert!(set.anchored.is_some() && !set.elsewhere.is_empty());
        let opts = privasift_testgen::GenOptions {
            near_miss_rate: 0.5,
            max_items: 8,
            ..privasift_testgen::GenOptions::default()
        };
        let mut generator = privasift_testgen::Generator::new(7, opts);
        let mut found = 0;
        for _ in 0..400 {
            let doc = generator.next_doc();
            assert_same_as_one_automaton(&set, &doc.text);
            // The same text with every separator gone: values run into one
            // another and into words.
            assert_same_as_one_automaton(&set, &doc.text.replace(' ', ""));
            let mut spans = Vec::new();
            set.scan_patterns(&doc.text, &mut spans);
            found += spans.len();
        }
        assert!(
            found > 500,
            "only {found} spans: the corpus exercises little"
        );
    }

    #[test]
    fn unanchored_patterns_are_grouped_by_their_prefixes() {
        let groups = prefilter_groups((
            vec!["a", "b", "c", "d", "e"],
            vec![0, 1, 2, 3, 4],
            vec![Some(20), None, Some(10), Some(5), Some(40)],
        ));
        let got: Vec<Vec<usize>> = groups.into_iter().map(|(_, g)| g).collect();
        // 20 + 10 fill one group; 5 more would pass 32; without prefixes,
        // or with too many, a pattern is alone.
        assert_eq!(got, vec![vec![0, 2], vec![3], vec![1], vec![4]]);
    }

    /// Checks 3,000 random texts over `alphabet`; returns how many spans
    /// the patterns found in them (a soup that finds nothing tests little).
    fn assert_soup_matches(alphabet: &[&str], seed: u64) -> usize {
        let set = DetectorSet::default_set(&DetectConfig::default()).unwrap();
        let mut next = crate::xorshift(seed);
        let mut found = 0;
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            assert_same_as_one_automaton(&set, &text);
            let mut spans = Vec::new();
            set.scan_patterns(&text, &mut spans);
            found += spans.len();
        }
        found
    }

    #[test]
    fn the_split_finds_what_one_automaton_finds_on_digit_soup() {
        // Every pattern's neighbourhood: digits, separators, letters that
        // lead identifiers, and the starts of month names and keywords.
        let found = assert_soup_matches(
            &[
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", " ", "-", ".", "/", ":", "+",
                "(", ")", "FR", "AB", "X", "é", "\u{a0}", "°", "N", "E", "mars ", "March ", "1er",
                "th", "IBAN ", "tel", "né le ", "DOB ", "_", "@", "::", "ff", "A", "Z", "\n",
            ],
            0x9e37_79b9_7f4a_7c15,
        );
        assert!(found > 100, "{found}");
    }

    #[test]
    fn the_split_finds_what_one_automaton_finds_on_mark_soup() {
        // The neighbourhood of the patterns anchored on `://`, `:`, `@`,
        // `=`, `-` and `.`: URLs and their passwords, keys and their
        // values, IPv6 and MAC addresses, handles, `www.`, key prefixes.
        let found = assert_soup_matches(
            &[
                "://",
                ":",
                "::",
                "@",
                "=",
                "=>",
                ":=",
                "-",
                "--",
                ".",
                " ",
                "\"",
                "'",
                "_",
                "http",
                "https",
                "ftp",
                "www",
                "WWW",
                "ab",
                "cd",
                "ef",
                "0",
                "1f",
                "9",
                "password",
                "api_key",
                "Token",
                "mdp",
                "secret",
                "abcdefghijklmnop",
                "QRSTUVWXYZ012345",
                "sk-",
                "xoxb-",
                "glpat-",
                "-----BEGIN ",
                "user",
                "é",
                "\n",
                "x",
                "Z",
            ],
            0x2545_f491_4f6c_dd1d,
        );
        assert!(found > 100, "{found}");
    }

    #[test]
    fn labels_filter_drops_detectors() {
        let cfg = DetectConfig {
            labels: Some(vec![Label::Phone]),
            ..DetectConfig::default()
        };
        let s = DetectorSet::new(vec![Box::new(Even), Box::new(Four)], cfg).unwrap();
        assert_eq!(s.ids(), vec!["four@1"]);
    }

    #[test]
    fn overlaps_resolve_by_score_then_length() {
        let k = DIGITS;
        let mut v = vec![
            Span::new(0, 10, k, 0.5, "a"),
            Span::new(2, 4, k, 0.9, "b"),
            Span::new(3, 12, k, 0.9, "c"),
            Span::new(20, 22, k, 0.1, "d"),
        ];
        resolve_overlaps(&mut v);
        let got: Vec<_> = v.iter().map(|s| s.detector).collect();
        assert_eq!(got, vec!["c", "d"]);
    }
}
