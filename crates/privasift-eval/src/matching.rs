//! One-to-one matching of predicted spans to gold spans of the same key.

use std::collections::HashMap;

use crate::parse::ESpan;

/// Shared characters of two spans (negative or zero when they do not meet).
pub(crate) fn overlap(a: &ESpan, b: &ESpan) -> i64 {
    a.end.min(b.end) as i64 - a.start.max(b.start) as i64
}

/// Same start and same end, each gold span used at most once.
/// Returns the number of matched pairs and the indices of unmatched predictions.
pub(crate) fn match_exact(gs: &[&ESpan], ps: &[&ESpan]) -> (usize, Vec<usize>) {
    let mut avail: HashMap<(usize, usize), usize> = HashMap::new();
    for g in gs {
        *avail.entry((g.start, g.end)).or_default() += 1;
    }
    let mut tp = 0;
    let mut unmatched = Vec::new();
    for (i, p) in ps.iter().enumerate() {
        match avail.get_mut(&(p.start, p.end)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                tp += 1;
            }
            _ => unmatched.push(i),
        }
    }
    (tp, unmatched)
}

/// Greedy by largest overlap; ties go to the leftmost gold span, then the
/// leftmost prediction (then the earlier one in the file, as Python's tuple
/// sort does). Each gold span and each prediction is used at most once.
pub(crate) fn match_overlap(gs: &[&ESpan], ps: &[&ESpan]) -> (usize, Vec<usize>) {
    let mut pairs = Vec::new();
    for (gi, g) in gs.iter().enumerate() {
        for (pi, p) in ps.iter().enumerate() {
            let o = overlap(g, p);
            if o > 0 {
                pairs.push((-o, g.start, g.end, p.start, p.end, gi, pi));
            }
        }
    }
    pairs.sort_unstable();
    let mut g_used = vec![false; gs.len()];
    let mut p_used = vec![false; ps.len()];
    let mut tp = 0;
    for &(_, _, _, _, _, gi, pi) in &pairs {
        if g_used[gi] || p_used[pi] {
            continue;
        }
        g_used[gi] = true;
        p_used[pi] = true;
        tp += 1;
    }
    let unmatched = (0..ps.len()).filter(|&i| !p_used[i]).collect();
    (tp, unmatched)
}

/// Characters of `span` covered by the union of `intervals`.
pub(crate) fn cover_union(span: &ESpan, intervals: &[&ESpan]) -> usize {
    let mut segs: Vec<(usize, usize)> = intervals
        .iter()
        .filter(|p| overlap(span, p) > 0)
        .map(|p| (span.start.max(p.start), span.end.min(p.end)))
        .collect();
    segs.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(usize, usize)> = None;
    for (s, e) in segs {
        cur = match cur {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = cur {
        total += ce - cs;
    }
    total
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> ESpan {
        ESpan {
            start,
            end,
            label: "PERSON".into(),
            key: "PERSON".into(),
        }
    }

    #[test]
    fn greedy_prefers_the_largest_overlap() {
        let g = [sp(0, 10), sp(10, 20)];
        let p = [sp(5, 12), sp(8, 20)];
        let (gr, pr): (Vec<_>, Vec<_>) = (g.iter().collect(), p.iter().collect());
        assert_eq!(match_overlap(&gr, &pr), (2, vec![]));
    }

    #[test]
    fn union_coverage_merges_touching_segments() {
        let s = sp(0, 20);
        let p = [sp(0, 5), sp(5, 8), sp(10, 30), sp(40, 50)];
        let pr: Vec<_> = p.iter().collect();
        assert_eq!(cover_union(&s, &pr), 18);
    }
}
