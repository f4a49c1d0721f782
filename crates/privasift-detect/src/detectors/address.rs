//! Postal addresses: a street word (`rue`, `avenue`, `Street`, `Rd`, `Rua`,
//! `Straße`...) with a house number next to it, in the order of the
//! language: "12 rue de la Paix", "221B Baker Street", "Rua do Arenque 1634",
//! "Koskikatu 25". The span grows over the street's name, an apartment or
//! suite, and a following postcode and town ("75002 Paris", "London NW1"),
//! or capitalised towns that end the line or the sentence ("63 Rue de
//! Kairouan, Cite El Farik.", "Loorenstrasse 149 street in Cimadera."). An
//! English street word ends the street's name ("12 Baker Street in March").
//!
//! Scores: street word and number 0.8; with a postcode 0.9. A street word
//! without a number is not an address ("the street was quiet").
//!
//! Three more rules find addresses without a separate street word:
//! - a compound street name then a number ("Vesterskovvej 79",
//!   "Populierenstraat 374"): 0.75, with a postcode 0.9;
//! - after an address cue ("lives at", "his address:", "domicilié au",
//!   "adresse :"), a number then a capitalised word ("5049 Harjukuja 54"),
//!   or capitalised words then a number ("Holmatun 45"), to the end of the
//!   sentence or line: 0.75;
//! - the parts of an address that say what they are: a suite or flat
//!   ("Suite 377", "Apt. 322") 0.75, and US military addresses ("PSC 9009,
//!   Box 9725", "APO AA 33274") 0.9;
//! - a named street without a number after "on", "in", "off", "along"
//!   ("the early shows on Marina Fort Street"): one to three capitalised
//!   words, then a capitalised English street word. 0.6.

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::context::{ceil_boundary as ceil, floor_boundary as floor};
use crate::detectors::organization::ORGANIZATION;
use crate::lexicon::{Hit, Lexicon};
use crate::shared::Shared;

pub const ADDRESS: Kind = Kind::new("postal-address", Label::Address);
const ID: &str = "address@7";

/// Street words whose number comes before them (English, French).
const NUMBER_BEFORE: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "boulevard",
    "blvd",
    "way",
    "court",
    "terrace",
    "crescent",
    "parkway",
    "highway",
    "hwy",
    "rue",
    "av",
    "bd",
    "chemin",
    "impasse",
    "allée",
    "allee",
    "quai",
    "route",
    "cours",
    "passage",
    "place",
    "square",
    "str.",
];
/// Street words whose number comes after the name (Portuguese, Spanish,
/// Italian, German, Nordic, Hungarian...).
const NUMBER_AFTER: &[&str] = &[
    "rua", "calle", "avenida", "viale", "piazza", "straße", "strasse", "gasse", "weg", "platz",
    "utca", "tér", "út", "útja", "katu", "tie", "kuja", "vej", "gade", "gata", "gatan", "vägen",
    "plein", "straat", "laan", "ul.", "via", "u.", "c/",
];

/// Street words that count only when capitalised: "Via Nuova 85", not "via
/// email 12"; "Str." abbreviates "Street" ("136 Filadelfeos Str."); "C/"
/// abbreviates the Spanish "Calle" ("C/ Mayor 12"; "c/o" is not one).
const CAPITAL_ONLY: &[&str] = &["via", "str.", "c/"];

/// English street words, which in lower case right after a number are not a
/// street ("5 street food stalls", "1636 street in Recife").
const ENGLISH: &[&str] = &[
    "street", "st", "road", "rd", "lane", "ln", "drive", "way", "court", "terrace", "crescent",
    "parkway", "highway", "hwy", "square", "place",
];

/// Endings of compound street names, whose number follows them
/// ("Vesterskovvej 79", "Populierenstraat 374", "Schachterlweg 62").
const COMPOUND_ENDINGS: &[&str] = &[
    "straße", "strasse", "gasse", "weg", "platz", "allee", "utca", "katu", "kuja", "vej", "gade",
    "gata", "gatan", "vägen", "väg", "veien", "vegen", "plein", "straat", "laan", "steeg", "dreef",
    "kade",
];

/// Capitalised English street words that end a named street ("Baker
/// Street", "Sunset Boulevard").
const NAMED_STREET_WORDS: &[&str] = &[
    "Street",
    "St.",
    "Road",
    "Rd.",
    "Avenue",
    "Ave.",
    "Lane",
    "Drive",
    "Boulevard",
    "Blvd.",
];

/// Lower-case words before a named street without a number.
const NAMED_STREET_BEFORE: &[&str] = &["on", "in", "off", "along"];

/// Words that say an address follows (case-insensitive).
const CUES: &[&str] = &[
    "lives at",
    "live at",
    "living at",
    "lived at",
    "resides at",
    "residing at",
    "address is",
    "address:",
    "address :",
    "habite au",
    "habite à",
    "habite",
    "domicilié au",
    "domiciliée au",
    "domicilié à",
    "domiciliée à",
    "demeurant au",
    "demeurant à",
    "adresse :",
    "adresse:",
    "adresse est",
    "is at",
    "located at",
    "meet me at",
    "address to",
    "sent to",
    "return to",
    "corner of",
];

/// What opens the line above a US military post line: a ship or a unit
/// ("USNV Vincent", "Unit 8524 Box 0979").
const MILITARY_LINES: &[&str] = &["uss ", "usns ", "usnv ", "uscgc ", "unit ", "psc ", "cmr "];

/// The words that open a suite or a flat: "Suite 377", "Apt. 322".
const UNIT_WORDS: &[&str] = &[
    "Suite",
    "SUITE",
    "Ste.",
    "Apt.",
    "Apt",
    "APT",
    "APT.",
    "Apartment",
    "Appt",
    "Appt.",
];

pub struct Address {
    /// Capitalised English street words, for named streets without a
    /// number (read from the set's shared word starts).
    named: Lexicon,
    /// Street words and address cues: whole words, so read, like `named`,
    /// from the set's word starts (before, each was an automaton run over
    /// the bytes around every number: 4 % of detection's instructions on
    /// a web-like corpus).
    streets: Lexicon,
    cues: Lexicon,
    /// For each street word: whether its number comes first.
    number_first: Vec<bool>,
}

impl Address {
    pub fn new() -> Result<Self, BuildError> {
        let words: Vec<&str> = NUMBER_BEFORE.iter().chain(NUMBER_AFTER).copied().collect();
        let streets = Lexicon::new(ID, &words, true, is_word_byte)?;
        let number_first = NUMBER_BEFORE
            .iter()
            .map(|_| true)
            .chain(NUMBER_AFTER.iter().map(|_| false))
            .collect();
        let cues = Lexicon::new(ID, CUES, true, is_word_byte)?;
        let named = Lexicon::new(ID, NAMED_STREET_WORDS, false, is_word_byte)?;
        Ok(Self {
            named,
            streets,
            cues,
            number_first,
        })
    }

    /// A compound street name then a house number: "Vesterskovvej 79".
    fn compound_streets(text: &str, runs: &[(usize, usize)], out: &mut Vec<Span>) {
        let b = text.as_bytes();
        for &(d, _) in runs {
            let mut end = d;
            while end < b.len() && is_word_byte(b[end]) {
                end += 1;
            }
            if d < 2 || b[d - 1] != b' ' {
                continue;
            }
            let number = &text[d..end];
            let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
            if !house_number(number) || number.len() > 5 || year {
                continue;
            }
            let mut s = d - 1;
            while s > 0 && !matches!(b[s - 1], b' ' | b'\n' | b'\t' | b',' | b'(' | b'>') {
                s -= 1;
            }
            let Some(name) = text.get(s..d - 1) else {
                continue;
            };
            // Most numbers follow a lower-case word: no need to look further.
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let lower = name.to_lowercase();
            let compound = name.chars().all(|c| c.is_alphabetic() || c == '-')
                && COMPOUND_ENDINGS
                    .iter()
                    .any(|e| lower.ends_with(e) && lower.len() >= e.len() + 3);
            if !compound {
                continue;
            }
            // As sure as a clause after an address cue (which may hold it:
            // the longer span wins).
            let (stop, score) = match postcode_after(text, end) {
                Some(pc) => (pc, 0.9),
                None => (end, 0.75),
            };
            out.push(Span::new(
                s,
                floor(text, stop.min(text.len())),
                ADDRESS,
                score,
                ID,
            ));
        }
    }

    /// After an address cue: a number then a capitalised word, or
    /// capitalised words then a number, to the end of the sentence or line.
    fn after_cues(
        &self,
        text: &str,
        shared: &Shared,
        runs: &[(usize, usize)],
        out: &mut Vec<Span>,
    ) {
        let b = text.as_bytes();
        let lower_text = !b.iter().any(u8::is_ascii_uppercase);
        // The clause must hold a number within its first 100 bytes and a
        // cue is at most 16 bytes long: cues are looked for only in the 140
        // bytes before each digit.
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for &(d, _) in runs {
            let lo = floor(text, d.saturating_sub(140));
            match windows.last_mut() {
                Some(last) if lo <= last.1 => last.1 = d,
                _ => windows.push((lo, d)),
            }
        }
        for m in in_windows(shared.find(&self.cues, text), &windows) {
            let (s, e) = (m.start, m.end);
            // Whole words only ("inhabite", "habiter").
            if (s > 0 && is_word_byte(b[s - 1])) || (e < b.len() && is_word_byte(b[e])) {
                continue;
            }
            let rest = text[e..].trim_start_matches([' ', ':', '\u{a0}']);
            let start = text.len() - rest.len();
            // (Looked for in the clause's reach only: a search to the end
            // of the text for each cue was quadratic in a long text.)
            let reach = &rest[..ceil(rest, rest.len().min(128))];
            let stop = reach
                .find(['\n', ';', '(', ')', '!', '?'])
                .or_else(|| reach.find(". "))
                .unwrap_or(rest.len())
                .min(100);
            let Some(clause) = rest.get(..ceil(rest, stop).min(rest.len())) else {
                continue;
            };
            let clause = clause.trim_end_matches([' ', ',', '.']);
            if text[s..e].eq_ignore_ascii_case("corner of") {
                // "the corner of Dalbraut 99 and Frederikke Coves": two
                // streets, one with a capitalised word, up to a comma.
                let streets = clause.split(',').next().unwrap_or("");
                let named = streets
                    .split(' ')
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase));
                if let Some((a, b)) = streets.split_once(" and ")
                    && named
                    && !a.is_empty()
                    && !b.is_empty()
                {
                    let the = s >= 4 && text.as_bytes()[s - 4..s].eq_ignore_ascii_case(b"the ");
                    let from = if the { s - 4 } else { s };
                    out.push(Span::new(from, start + streets.len(), ADDRESS, 0.75, ID));
                }
            } else if address_shaped(clause, lower_text) {
                out.push(Span::new(start, start + clause.len(), ADDRESS, 0.75, ID));
            }
        }
    }
}

/// A number then a capitalised word, or one to four capitalised words then
/// a number; not a time, an amount or a quantity. In text written all in
/// lower case (`lower_text`), a word of letters counts as capitalised.
fn address_shaped(clause: &str, lower_text: bool) -> bool {
    let words: Vec<&str> = clause.split(' ').filter(|w| !w.is_empty()).collect();
    let capital = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || (lower_text
                && w.trim_end_matches(',').chars().all(char::is_alphabetic)
                && w.len() > 1)
    };
    let number = |w: &str| {
        let w = w.trim_end_matches(',');
        (1..=6).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit())
    };
    // Times, amounts, quantities, dates.
    if words.iter().any(|w| {
        let w = w.trim_end_matches([',', '.']);
        matches!(
            w.to_ascii_lowercase().as_str(),
            "am" | "pm"
                | "h"
                | "%"
                | "€"
                | "$"
                | "euros"
                | "dollars"
                | "years"
                | "ans"
                | "o'clock"
                | "months"
                | "weeks"
                | "days"
                | "hours"
                | "minutes"
                | "ago"
                | "mois"
                | "semaines"
                | "jours"
                | "heures"
        ) || crate::words::CALENDAR
            .iter()
            .any(|d| d.eq_ignore_ascii_case(w))
    }) {
        return false;
    }
    match words.as_slice() {
        // "9816 214 Pavlou Drandaki": a second number is a house number too.
        [first, second, rest @ ..] if number(first) => {
            capital(second) || (number(second) && rest.first().is_some_and(|w| capital(w)))
        }
        _ => {
            let names = words
                .iter()
                .take_while(|w| capital(w) && !number(w))
                .count();
            (1..=4).contains(&names) && words.get(names).is_some_and(|w| number(w))
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A house number: 1 to 5 digits, maybe a letter or bis/ter (`221B`, `12bis`).
fn house_number(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=5).contains(&digits) && {
        let rest = w[digits..].trim_end_matches([',', '.']);
        rest.is_empty()
            || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_alphabetic()))
            || matches!(rest.to_ascii_lowercase().as_str(), "bis" | "ter")
    }
}

/// The words of `text[from..to]` with their byte offsets, split on spaces.
fn words_in(text: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut pos = from;
    for w in text[from..to].split(' ') {
        if !w.is_empty() {
            out.push((pos, w));
        }
        pos += w.len() + 1;
    }
    out
}

/// The end of the line's clause from `at`: the next comma, semicolon,
/// newline or sentence end, at most `max` bytes on.
fn clause_end(text: &str, at: usize, max: usize) -> usize {
    let hi = ceil(text, (at + max).min(text.len()));
    text[at..hi]
        .find([',', ';', '\n', '(', ')', '!', '?'])
        .map_or(hi, |i| at + i)
}

/// A postcode and town after the street: "75002 Paris", "London NW1 6XE",
/// "CO 80202"; returns the end of what was taken.
fn postcode_after(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].trim_start_matches([',', ' ', '\n']);
    let start = text.len() - rest.len();
    let line_end = clause_end(text, start, 60);
    let ws = words_in(text, start, line_end);
    let is_code = |w: &str| {
        let w = w.trim_end_matches([',', '.']);
        (w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()))
            || (2..=4).contains(&w.len())
                && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && w.bytes().any(|b| b.is_ascii_digit())
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    let mut end = None;
    for (i, (pos, w)) in ws.iter().enumerate().take(4) {
        if is_code(w) {
            end = Some(pos + w.trim_end_matches([',', '.']).len());
            // A town after a French postcode; a second half of a UK one.
            let inward = |w: &str| {
                let w = w.trim_end_matches([',', '.']).as_bytes();
                w.len() == 3 && w[0].is_ascii_digit() && w[1..].iter().all(u8::is_ascii_uppercase)
            };
            if let Some((p2, w2)) = ws.get(i + 1)
                && (w2.chars().next().is_some_and(char::is_uppercase) || is_code(w2) || inward(w2))
            {
                end = Some(p2 + w2.trim_end_matches([',', '.']).len());
            }
            break;
        }
    }
    end
}

impl Detector for Address {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[ADDRESS, ORGANIZATION]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.detect_shared(text, &Shared::default(), out);
    }

    fn word_lists(&self) -> Vec<&dyn std::any::Any> {
        vec![&self.named, &self.streets, &self.cues]
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let Some(shared) = Shared::of(shared) else {
            return self.detect(text, out);
        };
        self.named_streets(text, shared, out);
        let runs = digit_runs(text.as_bytes());
        if runs.is_empty() {
            // Every rule needs a number.
            return;
        }
        let first = out.len();
        self.detect_in(text, shared, &digit_windows(text, &runs), out);
        Self::compound_streets(text, &runs, out);
        self.after_cues(text, shared, &runs, out);
        units(text, &runs, out);
        military(text, &runs, out);
        grow_blocks(text, out, first);
        company_lines(text, out, first);
    }
}

impl Address {
    /// Named streets without a number: "on Marina Fort Street".
    fn named_streets(&self, text: &str, shared: &Shared, out: &mut Vec<Span>) {
        let b = text.as_bytes();
        for m in shared.find(&self.named, text) {
            if b.get(m.end).is_some_and(|&c| is_word_byte(c)) || m.start == 0 {
                continue;
            }
            // Back over one to three capitalised words, each after one
            // space, to the word before them.
            let mut from = m.start;
            let mut names = 0;
            let before = loop {
                let Some(w) = crate::words::word_before(text, from) else {
                    break None;
                };
                if text.get(w.end..from) != Some(" ") {
                    break None;
                }
                let capitalised = w.text.chars().next().is_some_and(char::is_uppercase)
                    && w.text.chars().skip(1).any(char::is_lowercase)
                    && w.text.chars().all(|c| c.is_alphabetic() || c == '-');
                if !capitalised || names == 3 {
                    break Some(w);
                }
                names += 1;
                from = w.start;
            };
            if names > 0 && before.is_some_and(|w| NAMED_STREET_BEFORE.contains(&w.text)) {
                out.push(Span::new(from, m.end, ADDRESS, 0.6, ID));
            }
        }
    }
}

/// Suites and flats: a unit word, a space, then a number of 1 to 5 digits
/// (maybe a capital: "Suite 12B"), as a whole word. 0.75.
fn units(text: &str, runs: &[(usize, usize)], out: &mut Vec<Span>) {
    let b = text.as_bytes();
    for &(d, end) in runs {
        let mut e = end;
        if b.get(e).is_some_and(u8::is_ascii_uppercase) {
            e += 1;
        }
        if end - d > 5 || d < 2 || b[d - 1] != b' ' || b.get(e).is_some_and(|&c| is_word_byte(c)) {
            continue;
        }
        // The unit word: the letters and dots before the space (after a
        // character of any width: "éSuite 12").
        let s = text[..d - 1]
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if (s == 0 || !is_word_byte(b[s - 1])) && UNIT_WORDS.contains(&&text[s..d - 1]) {
            out.push(Span::new(s, e, ADDRESS, 0.75, ID));
        }
    }
}

/// US military addresses, in any case: "PSC 9009, Box 9725", "Unit 8524 Box
/// 0979", and "APO AA 33274" with the ship or unit line above it ("USNV
/// Vincent"). 0.9.
fn military(text: &str, runs: &[(usize, usize)], out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let ends_with = |at: usize, w: &str| {
        at >= w.len() && b[at - w.len()..at].eq_ignore_ascii_case(w.as_bytes())
    };
    let word_start = |at: usize| at == 0 || !is_word_byte(b[at - 1]);
    for (k, &(d, end)) in runs.iter().enumerate() {
        if b.get(end).is_some_and(|&c| is_word_byte(c)) {
            continue;
        }
        // APO/FPO/DPO, then AA/AE/AP, then five digits.
        let post = end - d == 5
            && d >= 7
            && ["apo ", "fpo ", "dpo "].iter().any(|p| ends_with(d - 3, p))
            && ["aa ", "ae ", "ap "].iter().any(|p| ends_with(d, p))
            && word_start(d - 7);
        if post {
            let mut start = d - 7;
            let (line_start, content, _) = line_around(text, start);
            if content == start && line_start > 0 {
                let (_, above, above_end) = line_around(text, line_start - 1);
                // The unit line above: all of it ("USNS Saibara"), or its
                // end after a cue ("located at USNS Saibara").
                let line = &text[above..above_end];
                let lower = line.to_ascii_lowercase();
                let unit = MILITARY_LINES
                    .iter()
                    .filter_map(|m| {
                        let at = if lower.starts_with(m) {
                            0
                        } else {
                            lower.find(&format!(" {m}"))? + 1
                        };
                        (line.len() - at > m.len() && line.len() - at <= 40).then_some(at)
                    })
                    .min();
                if let Some(at) = unit {
                    start = above + at;
                }
            }
            out.push(Span::new(start, end, ADDRESS, 0.9, ID));
            continue;
        }
        // A post-office box: "P.O. Box 104", "PO Box 77".
        if (1..=6).contains(&(end - d))
            && let Some(p) = ["p.o. box ", "po box ", "p. o. box ", "post office box "]
                .iter()
                .find(|p| ends_with(d, p))
            && word_start(d - p.len())
        {
            out.push(Span::new(d - p.len(), end, ADDRESS, 0.85, ID));
            continue;
        }
        // PSC/Unit/CMR and a number, then Box and this number.
        let boxed = (1..=5).contains(&(end - d)) && ends_with(d, "box ") && k > 0;
        if boxed {
            let (pd, pend) = runs[k - 1];
            let gap = &text[pend..d];
            let opener = ["psc ", "unit ", "cmr "]
                .iter()
                .find(|p| ends_with(pd, p))
                .map(|p| pd - p.len());
            if (1..=5).contains(&(pend - pd))
                && matches!(gap.to_ascii_lowercase().as_str(), " box " | ", box ")
                && let Some(from) = opener.filter(|&f| word_start(f))
            {
                out.push(Span::new(from, end, ADDRESS, 0.9, ID));
            }
        }
    }
}

/// Bytes that may open a line of an address block before its content:
/// indentation, e-mail quoting, list marks, replacement marks.
const LINE_PREFIX: &[char] = &[' ', '\t', '>', '?', '|', '*', '\u{a0}'];

/// Short words that join the words of a town's name ("Reguengos de
/// Monsaraz", "Bergen op Zoom").
const TOWN_LINKS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "d'", "l'", "di", "da", "do", "dos", "das", "del",
    "della", "delle", "dei", "degli", "van", "von", "der", "den", "op", "am", "an", "im", "en",
    "sur", "sous", "y", "e", "upon", "on", "the",
];

/// A postcode: 4 to 6 digits ("75002", "2000"), or a UK-style code (2 to 4
/// capitals and digits with at least one digit, maybe followed by its
/// inward half: "NW1", "NW1 6XE" is two words).
fn is_postcode(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    ((4..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        || ((2..=4).contains(&w.len())
            && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && w.bytes().any(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// Four digits that may be a year ("2019"): a postcode only with a town or
/// a country beside it.
fn year_like(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// Letters only (a town's or a country's word, any case), maybe with `-`,
/// `'` or a closing comma.
fn letters_word(w: &str) -> bool {
    let w = w.trim_end_matches(',');
    !w.is_empty()
        && w.chars().next().is_some_and(char::is_alphabetic)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// What one line (or comma-separated part) of an address block can be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    /// A suite or flat: "Suite 845", "Apt. 202".
    Unit,
    /// Words that end with a postcode, or a postcode then a town:
    /// "Switzerland 05377", "NO 14908", "75002 Paris", "London NW1 6XE".
    Code,
    /// A town, region, state or country: one to four words of letters
    /// ("Evionnaz", "South Africa", ", CO").
    Town,
}

/// Reads `part` (trimmed) as a part of an address block.
fn block_part(part: &str) -> Option<Part> {
    let part = part.trim_matches([' ', ',', '.', '\u{a0}']);
    if part.is_empty() || part.len() > 48 {
        return None;
    }
    let words: Vec<&str> = part.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.len() > 5 {
        return None;
    }
    let unit = matches!(
        words.first().map(|w| w.trim_end_matches('.')),
        Some("Suite" | "SUITE" | "Ste" | "Apt" | "APT" | "Apartment" | "Appt" | "apt" | "suite")
    ) && words.len() == 2
        && house_number(words[1]);
    if unit {
        return Some(Part::Unit);
    }
    if let [alone] = words.as_slice()
        && year_like(alone)
    {
        return None;
    }
    let code_at = words.iter().position(|w| is_postcode(w));
    let others_are_letters = |skip: usize| {
        words
            .iter()
            .enumerate()
            .all(|(i, w)| i == skip || letters_word(w) || is_postcode(w))
    };
    match code_at {
        // First, a town after it, its words capitalised ("75002 Paris");
        // last, a place before it ("Sweden 67626") or nothing ("34694").
        Some(0)
            if others_are_letters(0)
                && words.len() <= 4
                && words[1..]
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase)) =>
        {
            Some(Part::Code)
        }
        Some(i) if others_are_letters(i) && i + 1 == words.len() => Some(Part::Code),
        Some(_) => None,
        None => {
            let linked = words
                .iter()
                .filter(|w| TOWN_LINKS.contains(&w.to_lowercase().as_str()))
                .count();
            let town = words.len() - linked <= 4
                && words.iter().all(|w| letters_word(w))
                && words
                    .first()
                    .is_some_and(|w| !TOWN_LINKS.contains(&w.to_lowercase().as_str()));
            town.then_some(Part::Town)
        }
    }
}

/// The length of the start of `part` that is a postcode after at most four
/// words of letters, when a sentence goes on after it: "Netherlands 62971"
/// in "Netherlands 62971 in case of an issue".
fn code_prefix(part: &str) -> Option<usize> {
    let lead = part.len() - part.trim_start_matches([' ', ',']).len();
    let mut words = 0;
    for (pos, w) in words_in(part, lead, part.len()) {
        if is_postcode(w) && (words > 0 || !year_like(w)) {
            return Some(pos + w.trim_end_matches([',', '.']).len());
        }
        words += 1;
        if words > 4 || !letters_word(w) {
            return None;
        }
    }
    None
}

/// The company line of a business address: the line between the name line
/// and an address block that opens its line ("Carla Nunes" / "Brightwave
/// Analytics" / "221B Baker Street"), as ORGANIZATION. The line above must
/// read as a person's name (two or three capitalised words, the first a
/// first name of the gazetteer), the company line as a name that is not a
/// person's (one to five words, capitalised or joining words, no digit,
/// not starting with a first name). 0.7.
fn company_lines(text: &str, out: &mut Vec<Span>, first: usize) {
    let mut found = Vec::new();
    for span in out.get(first..).unwrap_or_default() {
        let (line, content, _) = line_around(text, span.start);
        if content != span.start || line < 2 {
            continue;
        }
        let (above, above_content, above_end) = line_around(text, line - 1);
        if above < 2 {
            continue;
        }
        let (_, name_content, name_end) = line_around(text, above - 1);
        let company = text[above_content..above_end].trim_end();
        let name = text[name_content..name_end].trim_end();
        if company_like(company) && name_like(name) {
            found.push(Span::new(
                above_content,
                above_content + company.len(),
                ORGANIZATION,
                0.7,
                ID,
            ));
        }
    }
    out.extend(found);
}

/// One to five words that each start with a capital (or join the others:
/// "and", "&", "of"), letters, hyphens, commas and dots only, the first not
/// a first name of the gazetteer.
fn company_like(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').collect();
    let shaped = (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            matches!(*w, "and" | "&" | "of" | "et" | "de")
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | ',' | '.' | '\'')))
        });
    shaped
        && words
            .first()
            .is_some_and(|w| !crate::names::is_first_name(w.trim_end_matches([',', '.'])))
}

/// Two or three capitalised words of letters (and hyphens), the first a
/// first name of the gazetteer.
fn name_like(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
        && crate::names::is_first_name(words[0])
}

/// How far [`line_around`] looks for the ends of a line.
const LINE_REACH: usize = 1024;

/// The line holding byte `at`: (start of the line, start of its content
/// after [`LINE_PREFIX`], end of the line).
fn line_around(text: &str, at: usize) -> (usize, usize, usize) {
    // A line longer than `LINE_REACH` each way is prose, not a line of an
    // address block: it is cut there (searching a whole long line for each
    // span was quadratic).
    let lo = floor(text, at.saturating_sub(LINE_REACH));
    let hi = ceil(text, (at + LINE_REACH).min(text.len()));
    let start = text[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[at..hi].find('\n').map_or(hi, |i| at + i);
    let content = text[start..end].trim_start_matches(LINE_PREFIX);
    (start, end - content.len(), end)
}

/// An address block grows around what the rules found, in the order such
/// blocks are written (an envelope, a signature, a form):
/// - back over the house number and street on the same line ("692 Kuuse
///   53 Apt. 641", "3378 217 Lovers Lane"), and over a street line just
///   above a line that starts with the address ("727 Gesterbyntie 68" above
///   "Suite 377");
/// - on over the parts after it, on the same line after commas or on the
///   lines below: suites, towns, states, countries, postcodes. The block
///   ends at its last postcode (or suite): a town alone after a street may
///   be the next sentence ("Best regards").
///
/// The parts found on their own stay: the block holds them, and an address
/// wins over the spans it holds (`resolve_overlaps`).
fn grow_blocks(text: &str, out: &mut [Span], first: usize) {
    for span in out.iter_mut().skip(first) {
        let (mut s, mut e) = (span.start, span.end);
        s = back_on_line(text, s);
        s = back_over_lines(text, s);
        let grown = forward(text, e);
        if grown > e {
            e = grown;
            span.score = span.score.max(0.9);
        }
        span.start = s;
        span.end = e;
    }
}

/// Back from `s` over the words of its line that can open an address: house
/// numbers and capitalised words (at most five), when the first of them is
/// a number.
fn back_on_line(text: &str, s: usize) -> usize {
    let (_, content, _) = line_around(text, s);
    if s == content || text.as_bytes()[s - 1] != b' ' {
        return s;
    }
    let mut start = s;
    for (pos, w) in words_in(text, content, s).iter().rev().take(5) {
        let number = house_number(w);
        let capital = w.chars().next().is_some_and(char::is_uppercase) && letters_word(w);
        if w.ends_with(',') || !(number || capital) {
            break;
        }
        if number {
            start = *pos;
        }
    }
    start
}

/// Up over the end of the line just above when `s` opens its line and
/// that line ends with a street: at most six house numbers and capitalised
/// words, shaped as a number then a capitalised word or capitalised words
/// then a number ("727 Gesterbyntie 68", "Meet me at 5100 Quadra 104").
fn back_over_lines(text: &str, s: usize) -> usize {
    let (line_start, content, _) = line_around(text, s);
    if content != s || line_start == 0 {
        return s;
    }
    let (_, above, above_end) = line_around(text, line_start - 1);
    let line = text[above..above_end].trim_end_matches([' ', ',', '.', '\r']);
    let end = above + line.len();
    let mut start = end;
    for (pos, w) in words_in(text, above, end).iter().rev().take(6) {
        let number = house_number(w);
        let capital = w.chars().next().is_some_and(char::is_uppercase) && letters_word(w);
        if w.ends_with(',') || !(number || capital) {
            break;
        }
        start = *pos;
    }
    // Capitalised words before the number may be the end of a sentence:
    // drop them back to the first number, unless no number precedes the
    // name ("Holmatun 45").
    let run = &text[start..end];
    let first_number = words_in(text, start, end)
        .into_iter()
        .find(|(_, w)| house_number(w));
    match first_number {
        Some((pos, _)) if address_shaped(&text[pos..end], false) => pos,
        Some(_) if address_shaped(run, false) => start,
        _ => s,
    }
}

/// The end of the parts that follow `e`: comma-separated parts on the same
/// line, then whole lines below, up to the last postcode or suite.
fn forward(text: &str, e: usize) -> usize {
    let mut end = e;
    let mut at = e;
    // The same line: ", Grubbenvorst, Netherlands 04020".
    let (_, _, line_end) = line_around(text, e.min(text.len()));
    let mut parts = 0;
    let mut town_last = false;
    while at < line_end && parts < 4 {
        let rest = &text[at..line_end];
        if !rest.starts_with(", ") && !rest.starts_with(' ') {
            break;
        }
        let body = rest.trim_start_matches([',', ' ']);
        let from = line_end - body.len();
        let len = body.find([',', ';', '(', ')']).unwrap_or(body.len());
        let piece = &body[..len];
        // A sentence goes on after the address: ". Please call me".
        let piece = piece.find(". ").map_or(piece, |i| &piece[..i]);
        let Some(kind) = block_part(piece) else {
            if let Some(n) = code_prefix(piece) {
                end = from + n;
            }
            break;
        };
        let stop = from + piece.trim_end_matches([' ', ',', '.']).len();
        if kind != Part::Town {
            end = stop;
        }
        town_last = kind == Part::Town
            && piece.split(' ').filter(|w| !w.is_empty()).all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || TOWN_LINKS.contains(&w.to_lowercase().as_str())
            })
            && piece.chars().next().is_some_and(char::is_uppercase);
        at = stop;
        parts += 1;
    }
    // Capitalised towns that end the line or the sentence are the
    // address's ("lives at 63 Rue de Kairouan, Cite El Farik."); before
    // more words they may be the sentence's.
    let rest = &text[at..line_end];
    if town_last
        && (rest.trim_end_matches([' ', '.', '!', '?']).is_empty() || rest.starts_with(". "))
    {
        end = end.max(at);
    }
    if end == e
        && let Some(town) = town_in(&text[e..line_end])
    {
        end = e + town;
    }
    if text[end..line_end].trim_matches([' ', ',', '.']).is_empty() {
        // The lines below.
        let mut line = line_end;
        for _ in 0..5 {
            if line >= text.len() {
                break;
            }
            let (_, content, next_end) = line_around(text, line + 1);
            let body = text[content..next_end].trim_end_matches([' ', '\r']);
            match block_part(body) {
                Some(Part::Town) => {}
                Some(_) => end = content + body.trim_end_matches([',', '.']).len(),
                None => {
                    if let Some(n) = code_prefix(body) {
                        end = content + n;
                    }
                    break;
                }
            }
            line = next_end;
        }
    }
    end
}

/// The town in "(street) in Cimadera." right after a street: capitalised
/// words (and the links of town names) up to the end of the clause; how
/// far it runs.
fn town_in(rest: &str) -> Option<usize> {
    let body = rest
        .strip_prefix(" street in ")
        .or_else(|| rest.strip_prefix(" in "))?;
    let len = body
        .find([',', '.', ';', '!', '?', '('])
        .unwrap_or(body.len());
    let town = body[..len].trim_end();
    let words: Vec<&str> = town.split(' ').collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let shaped = (1..=4).contains(&words.len())
        && words.first().is_some_and(|w| capital(w))
        && words.iter().all(|w| {
            (capital(w) && letters_word(w) && !crate::words::CALENDAR.contains(w))
                || TOWN_LINKS.contains(&w.to_lowercase().as_str())
        });
    shaped.then(|| rest.len() - body.len() + town.len())
}

/// Every accepted street word has a house number near it: a digit at most
/// 43 bytes before its start (four words back, `lo` rounded down to a char
/// boundary), or less than 63 bytes after its end (the clause after it), and
/// a street word is at most 9 bytes long. So street words are looked for
/// only from `REACH_BEFORE` bytes before a digit to `REACH_AFTER` bytes
/// after it (with a margin).
const REACH_BEFORE: usize = 80;
const REACH_AFTER: usize = 60;

/// A byte a street word can contain (they are letters, `.` and `-`).
fn street_byte(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'.' || c == b'-' || c >= 0x80
}

/// The parts of `text` around its digits where an address can be, widened
/// to bytes no street word contains, so that no match of the street words
/// straddles a window's edge: searching the windows then finds exactly the
/// matches a search of the whole text finds there.
fn digit_windows(text: &str, runs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &(first, end) in runs {
        // The union of the windows of every digit of the run.
        let mut lo = first.saturating_sub(REACH_BEFORE);
        while lo > 0 && street_byte(b[lo - 1]) {
            lo -= 1;
        }
        let mut hi = (end - 1 + REACH_AFTER).min(b.len());
        while hi < b.len() && street_byte(b[hi]) {
            hi += 1;
        }
        match windows.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => windows.push((lo, hi)),
        }
    }
    windows
}

/// The hits (left to right, not overlapping) that lie wholly inside one of
/// `windows` (left to right, not overlapping).
fn in_windows<'a>(
    hits: impl Iterator<Item = Hit> + 'a,
    windows: &'a [(usize, usize)],
) -> impl Iterator<Item = Hit> + 'a {
    let mut w = 0;
    hits.filter(move |h| {
        // The first window that ends at or after the hit: the hits' ends
        // grow as their starts do, so `w` only moves on.
        while w < windows.len() && windows[w].1 < h.end {
            w += 1;
        }
        w < windows.len() && windows[w].0 <= h.start
    })
}

/// The runs of ASCII digits of `b`, as (start, end): one scan for the
/// three rules that start from numbers.
fn digit_runs(b: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    crate::words::runs_of(b, crate::words::ByteClass::Digit, |s, e| runs.push((s, e)));
    runs
}

impl Address {
    /// The addresses whose street word lies in one of `windows`.
    fn detect_in(
        &self,
        text: &str,
        shared: &Shared,
        windows: &[(usize, usize)],
        out: &mut Vec<Span>,
    ) {
        let b = text.as_bytes();
        let mut done = 0usize;
        for m in in_windows(shared.find(&self.streets, text), windows) {
            let (s, e) = (m.start, m.end);
            if s < done
                || (s > 0 && is_word_byte(b[s - 1]))
                || (e < b.len() && is_word_byte(b[e]) && b[e] != b'.')
            {
                continue;
            }
            let number_first = self.number_first[m.entry];
            let word = &text[s..e];
            let is = |w: &str| word.eq_ignore_ascii_case(w);
            let lower_case = b[s].is_ascii_lowercase();
            // Hungarian "u." (utca) is written in lower case after the name;
            // "U." is an initial ("U. S. economy").
            if (lower_case && CAPITAL_ONLY.iter().any(|w| is(w))) || (is("u.") && !lower_case) {
                continue;
            }
            // Look for the house number: before the street word (up to four
            // words back: "12 bis rue", "221B Baker Street"), or after the
            // name ("Rua do Arenque 1634").
            // (On the street word's line: a number that ends the line
            // above is not its house number, and a number that opens the
            // line is one word, not glued to the newline.)
            // (Only the 40 bytes looked at are searched for the newline.)
            let lo = floor(text, s.saturating_sub(40));
            let lo = text[lo..s].rfind('\n').map_or(lo, |i| lo + i + 1);
            let before = words_in(text, lo, s);
            let line_end = clause_end(text, e, 60);
            let after = words_in(text, e, line_end);
            let start = if number_first {
                // The number, then at most three capitalised name words
                // before the street word ("221B Baker Street"), or the
                // number right before it ("12 rue").
                let mut found = None;
                // "St", "Rd" right after a number are ordinals ("3 rd
                // game"): those need a street name in between.
                let abbreviation = e - s <= 2;
                for (k, (pos, w)) in before.iter().enumerate().rev().take(4) {
                    if house_number(w) {
                        let between = &before[k + 1..];
                        if between.is_empty()
                            && (abbreviation || (lower_case && ENGLISH.iter().any(|w| is(w))))
                        {
                            break;
                        }
                        let names_ok = between.iter().all(|(_, x)| {
                            x.chars().next().is_some_and(char::is_uppercase)
                                || matches!(*x, "bis" | "ter" | ",")
                        });
                        if names_ok {
                            found = Some(*pos);
                        }
                        break;
                    }
                }
                found
            } else {
                None
            };
            // Number-after styles: a capitalised name, then the number
            // ("Rua João Pessoa 1636").
            // (Linking words first: "Via delle Coste 41", "Rua do Sol 3".)
            let number_after = !number_first
                && !is("u.")
                && after
                    .iter()
                    .find(|(_, w)| !TOWN_LINKS.contains(w))
                    .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
                && after.iter().take(5).any(|(_, w)| house_number(w));
            // Or the name, then the street word, then the number
            // ("Villacher Strasse 89", "Erzsébet tér 19.").
            let name_before = (!number_first
                && after.first().is_some_and(|(_, w)| house_number(w)))
            .then(|| {
                before
                    .iter()
                    .rev()
                    .take(3)
                    .take_while(|(_, w)| {
                        w.chars().next().is_some_and(char::is_uppercase) && letters_word(w)
                    })
                    .last()
                    .map(|(pos, _)| *pos)
            })
            .flatten();
            let Some(span_start) = start.or(number_after.then_some(s)).or(name_before) else {
                continue;
            };
            // The street's name runs to the end of the clause (FR "rue de la
            // Paix"), or for number-after styles to the number.
            // (An English street word ends the name: "12 Baker Street in
            // March".)
            let english = number_first && ENGLISH.iter().any(|w| is(w));
            let mut end = match after.get(..after.len().min(6)).and_then(<[_]>::last) {
                Some((pos, w)) if !english => pos + w.trim_end_matches(['.', ',']).len(),
                _ => e,
            };
            if !number_first
                && let Some((pos, w)) = after.iter().take(5).find(|(_, w)| house_number(w))
            {
                end = pos + w.trim_end_matches(['.', ',']).len();
            }
            let mut score = 0.8;
            if let Some(pc) = postcode_after(text, end) {
                end = pc;
                score = 0.9;
            }
            let end = floor(text, end.min(text.len()));
            if end > span_start {
                out.push(Span::new(span_start, end, ADDRESS, score, ID));
                done = end;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    /// The runs of digits as a byte-at-a-time scan finds them, on random
    /// texts of digits, letters and a multi-byte char, across blocks.
    #[test]
    fn digit_runs_as_a_byte_scan_finds_them() {
        let mut next = crate::xorshift(0x9e37_79b9);
        for round in 0..3000 {
            let len = (next() % 200) as usize;
            let text: String = (0..len)
                .map(|_| match next() % 5 {
                    0 | 1 => char::from(b'0' + (next() % 10) as u8),
                    2 => 'é',
                    3 => ' ',
                    _ => 'a',
                })
                .collect();
            let b = text.as_bytes();
            let mut want = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    let s = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    want.push((s, i));
                } else {
                    i += 1;
                }
            }
            assert_eq!(digit_runs(b), want, "round {round}: {text:?}");
        }
    }

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Address::new().unwrap()), text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn french_and_english_conventions() {
        assert_eq!(
            found("Envoyez-le au 12 rue de la Paix, 75002 Paris."),
            ["12 rue de la Paix, 75002 Paris"]
        );
        assert_eq!(
            found("She lives at 221B Baker Street, London NW1 6XE."),
            ["221B Baker Street, London NW1 6XE"]
        );
        assert_eq!(found("1668 Glyn St"), ["1668 Glyn St"]);
        // A house number that opens a line below another (it was read as
        // one word with the newline before it, and missed).
        assert_eq!(
            found("Adresse :\n12 rue de la Paix, 75002 Paris"),
            ["12 rue de la Paix, 75002 Paris"]
        );
        assert_eq!(
            found("Sent to\n221B Baker Street\nLondon NW1 6XE"),
            ["221B Baker Street\nLondon NW1 6XE"]
        );
        // A number ending the line above is not the house number.
        assert!(
            !found("Room 12\nrue de la Paix")
                .iter()
                .any(|a| a.contains("12"))
        );
        assert_eq!(
            found("The title refers to Rua João Pessoa 1636 street"),
            ["Rua João Pessoa 1636"]
        );
        // A compound street name carries its own street word.
        assert_eq!(found("Harjukatu 54 on kaunis"), ["Harjukatu 54"]);
    }

    #[test]
    fn ordinals_and_the_word_via_are_not_streets() {
        assert!(found("the 3 rd game and the 1 st round").is_empty());
        assert!(found("bought via ASOSMarketplace. Only £ 10").is_empty());
        assert!(
            found("via Roma 12").is_empty(),
            "lower-case via: not Italian here"
        );
        // A town is taken after a postcode, or when it ends the sentence.
        assert_eq!(
            found("Flats, 320 Willis Street, Wellington"),
            ["320 Willis Street, Wellington"]
        );
        assert_eq!(
            found("Flats, 320 Willis Street, Wellington and more"),
            ["320 Willis Street"]
        );
    }

    #[test]
    fn a_street_word_without_a_number_is_not_an_address() {
        assert!(found("The street was quiet; we took the road home.").is_empty());
        assert!(found("Il habite rue de la Paix depuis longtemps.").is_empty());
        assert!(found("In 2019 the avenue was closed.").is_empty());
        assert!(found("Wall Street rallied. The Street was quiet on Monday.").is_empty());
    }

    #[test]
    fn lower_case_addresses_after_a_cue_in_lower_case_text() {
        assert_eq!(
            found("eva kleist lives at 255 hersnapvej 18, københavn k"),
            ["255 hersnapvej 18, københavn k"]
        );
        // Not in text that has capitals, nor a time.
        assert!(found("Eva lives at 255 hersnapvej 18").is_empty());
        assert!(found("the meeting is at 3 o'clock").is_empty());
    }

    #[test]
    fn named_streets_after_a_preposition() {
        assert_eq!(
            found("The early shows on Marina Fort Street mattered; a walk along Sunset Boulevard."),
            ["Marina Fort Street", "Sunset Boulevard"]
        );
        assert_eq!(found("She works on Main St. in Springfield"), ["Main St."]);
        // Four capitalised words are not a street's name.
        assert!(found("on The Long Winding Grey Road").is_empty());
    }

    #[test]
    fn spans_lie_on_char_boundaries() {
        for t in [
            "12 rue Émile Zola, 69003 Lyon",
            "5 Straße 😀",
            "Μεγάλη 184 rua 7",
        ] {
            for s in found(t) {
                assert!(t.contains(&s), "{t}");
            }
        }
    }

    #[test]
    fn addresses_after_a_cue() {
        assert_eq!(
            found("Kevin had given Alma his address: 5049 Harjukuja 54, SEINÄJOKI"),
            ["5049 Harjukuja 54, SEINÄJOKI"]
        );
        assert_eq!(
            found("She lives at Holmatun 45. Call her."),
            ["Holmatun 45"]
        );
        assert_eq!(
            found("Mme Martin, domiciliée au 7 Tylova 285, Prague\nMerci"),
            ["7 Tylova 285, Prague"]
        );
        for text in [
            "The meeting is at 10 am.",
            "He lives at home with 3 cats.",
            "She lives at 3 with her parents.",
            "my address: 12 months ago",
            "They live at Paris.",
            "my address is Jean Dupont",
            "inhabited at 12 Foo",
            "lives at 10 PM",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn compound_street_names_then_a_number() {
        assert_eq!(
            found("Vesterskovvej 79, Aarhus"),
            ["Vesterskovvej 79, Aarhus"]
        );
        assert_eq!(
            found("at Populierenstraat 374 today"),
            ["Populierenstraat 374"]
        );
        assert_eq!(
            found("Wohnt in der Schachterlweg 62, 80331 München"),
            ["Schachterlweg 62, 80331 München"]
        );
        for text in [
            "Weg 12 is short",
            "the vej 12 word",
            "Wiesbadenstrasse 2019",
            "Spring 2019",
            "Mittelweg-3 nope",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn suites_flats_and_military_addresses() {
        assert_eq!(
            found("233 Erzsébet tér 19.\n Suite 282\n Domoszló"),
            ["233 Erzsébet tér 19.\n Suite 282"]
        );
        assert_eq!(found("Apt. 322, second floor"), ["Apt. 322"]);
        // One address on two lines.
        assert_eq!(
            found("PSC 9009, Box 9725\nAPO AA 33274"),
            ["PSC 9009, Box 9725\nAPO AA 33274"]
        );
        assert_eq!(
            found("USS Mahler\nFPO AE 70489"),
            ["USS Mahler\nFPO AE 70489"]
        );
        assert!(found("a suite 282 of songs, an apt 12 remark, Unit 4 of the course").is_empty());
        // A unit word glued to a wide character is not cut inside it.
        assert!(found("éSuite 12 and 東Apt. 3").is_empty());
        assert_eq!(found("é Suite 12"), ["Suite 12"]);
    }

    #[test]
    fn the_company_line_between_a_name_and_an_address() {
        let labelled = |text: &str| -> Vec<(String, &'static str)> {
            run_one(Box::new(Address::new().unwrap()), text)
                .into_iter()
                .map(|(s, kind, _)| (s, kind))
                .collect()
        };
        let envelope = "Carla Nunes\nBrightwave Analytics\n221B Baker Street\nLondon NW1 6XE";
        let got = labelled(envelope);
        assert!(
            got.contains(&("Brightwave Analytics".to_owned(), "organization")),
            "{got:?}"
        );
        // Quoted lines too.
        let quoted = "> Carla Nunes\n> Brightwave Analytics\n> 221B Baker Street\n> London NW1 6XE";
        assert!(
            labelled(quoted)
                .iter()
                .any(|(t, _)| t == "Brightwave Analytics")
        );
        // Not when the line above is not a name, nor when the middle line
        // starts with a first name (a second person), has a digit or is long.
        for text in [
            "Dear all\nBrightwave Analytics\n221B Baker Street\nLondon NW1 6XE",
            "Carla Nunes\nJohn Smith\n221B Baker Street\nLondon NW1 6XE",
            "Carla Nunes\nBuilding 7\n221B Baker Street\nLondon NW1 6XE",
            "Carla Nunes\nPlease Send It To The Office Below\n221B Baker Street\nLondon NW1 6XE",
        ] {
            assert!(
                labelled(text)
                    .iter()
                    .all(|(_, kind)| *kind != "organization"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn spanish_calle_abbreviated() {
        assert_eq!(
            found("vive en C/ Señores Curas 88 desde"),
            ["C/ Señores Curas 88"]
        );
        assert!(found("c/o Mr Brown, 12 boxes, c/ 12").is_empty());
    }

    #[test]
    fn post_office_boxes_and_unit_lines_after_a_cue() {
        assert_eq!(found("Write to P.O. Box 104, thanks"), ["P.O. Box 104"]);
        assert_eq!(found("po box 7781"), ["po box 7781"]);
        assert!(found("a box 104 and the PO 12").is_empty());
        assert_eq!(
            found("The restaurant is located at USNS Orlova\nFPO AP 12428. It serves"),
            ["USNS Orlova\nFPO AP 12428"]
        );
    }

    #[test]
    fn address_blocks_grow_over_their_lines() {
        assert_eq!(
            found(
                "Call a taxi to 692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020. Please call."
            ),
            ["692 Kuuse 53 Apt. 641, Grubbenvorst, Netherlands 04020"]
        );
        assert_eq!(
            found("Meet me at 5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377\nBye"),
            ["5100 Quadra 104\n Suite 845\n Evionnaz\n Switzerland 05377"]
        );
        assert_eq!(
            found(">Matthew Abramov\n>727 Gesterbyntie 68\n>Suite 377\n>HYVINKÄÄ\n>Finland 12345"),
            ["727 Gesterbyntie 68\n>Suite 377\n>HYVINKÄÄ\n>Finland 12345"]
        );
        assert_eq!(
            found(
                "Please return to 6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677 soon"
            ),
            ["6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677"]
        );
        // A number before the street on the same line is its house number.
        assert_eq!(found("3378 217 Lovers Lane"), ["3378 217 Lovers Lane"]);
    }

    #[test]
    fn address_blocks_stop_where_the_address_does() {
        // Towns count only before a postcode: the next lines may be prose.
        assert_eq!(
            found("See you at 10 Downing Street\nBest regards\nJohn"),
            ["10 Downing Street"]
        );
        assert_eq!(found("Suite 12\nThanks for your order"), ["Suite 12"]);
        assert_eq!(
            found("Envoyez-le au 12 rue de la Paix, Paris, France, merci."),
            ["12 rue de la Paix"]
        );
        // A line above that is a sentence, not a street.
        assert_eq!(
            found("We met in 2019 and talked a lot\nSuite 5\nParis 75002"),
            ["Suite 5\nParis 75002"]
        );
        // A year alone on the next line is not a postcode.
        assert_eq!(
            found("12 rue Oberkampf\n2019 was a good year"),
            ["12 rue Oberkampf"]
        );
        assert_eq!(found("12 rue Oberkampf\n2019\nnext"), ["12 rue Oberkampf"]);
        // A lower-case word stops the number before the street.
        assert_eq!(found("page 4 of 12 rue Oberkampf"), ["12 rue Oberkampf"]);
    }

    #[test]
    fn the_town_the_street_is_in() {
        assert_eq!(
            found("It refers to Loorenstrasse 149 street in Cimadera. It was"),
            ["Loorenstrasse 149 street in Cimadera"]
        );
        assert_eq!(
            found("We met at 12 Baker Street in Villafranca del Cid, then left"),
            ["12 Baker Street in Villafranca del Cid"]
        );
        assert_eq!(
            found("We met at 12 Baker Street in March, then at 4 Elm Road in the rain."),
            ["12 Baker Street", "4 Elm Road"]
        );
    }

    #[test]
    fn towns_that_end_the_sentence_after_the_street() {
        assert_eq!(
            found("Caitlin lives at 846 31 Rue Al Imam Al Bakri, Cite Merzgui"),
            ["846 31 Rue Al Imam Al Bakri, Cite Merzgui"]
        );
        assert_eq!(
            found("Send it to 12 rue de la Paix, Paris. Thanks"),
            ["12 rue de la Paix, Paris"]
        );
        // More words after the town: it may be the sentence's.
        assert_eq!(
            found("He lives at 12 Baker Street, Marylebone, near the park."),
            ["12 Baker Street"]
        );
    }

    #[test]
    fn names_before_street_words_and_military_lines() {
        assert_eq!(
            found("The bus station is on Villacher Strasse 89"),
            ["Villacher Strasse 89"]
        );
        assert_eq!(
            found("at 808 Kálmán Imre u. 12. today"),
            ["808 Kálmán Imre u. 12"]
        );
        assert_eq!(
            found("lives at 28919 136 Filadelfeos Str., Klirou"),
            ["28919 136 Filadelfeos Str., Klirou"]
        );
        assert_eq!(found("Via delle Coste 41"), ["Via delle Coste 41"]);
        // The unit line after a cue on its line, without the cue.
        assert_eq!(
            found("it is USNV Vincent\nFPO AA 68422"),
            ["USNV Vincent\nFPO AA 68422"]
        );
        assert_eq!(
            found("USNV Vincent\nFPO AA 68422"),
            ["USNV Vincent\nFPO AA 68422"]
        );
        assert_eq!(
            found("sent to uscgc aslakhanov\nfpo ae 44941?"),
            ["uscgc aslakhanov\nfpo ae 44941"]
        );
        assert_eq!(
            found("unit 1009 box 0219\ndpo ap 51065"),
            ["unit 1009 box 0219\ndpo ap 51065"]
        );
        // Lower-case English street words right after a number; lower-case
        // abbreviations.
        assert!(
            found("5 street food stalls, 3 road trips, via email 12 times, 4 u. 5 x").is_empty()
        );
        assert!(found("killed a U. S. general and wounded 14. u. Bar 5").is_empty());
        assert_eq!(
            found("Rua João Pessoa 1636 street"),
            ["Rua João Pessoa 1636"]
        );
    }

    #[test]
    fn more_address_cues() {
        assert_eq!(
            found("The restaurant is at 9816 214 Pavlou Drandaki"),
            ["9816 214 Pavlou Drandaki"]
        );
        assert_eq!(
            found("What is your address? it is the corner of Dalbraut 99 and Frederikke Coves"),
            ["the corner of Dalbraut 99 and Frederikke Coves"]
        );
        assert!(
            found("The meeting is at 10 am. It was sent to 3 March. at the corner of 5 and 6")
                .is_empty()
        );
    }

    /// Searching near digits finds what a search of the whole text finds.
    #[test]
    fn windows_near_digits_miss_nothing() {
        let a = Address::new().unwrap();
        let mut generator = privasift_testgen::Generator::new(
            11,
            privasift_testgen::GenOptions {
                max_items: 8,
                ..privasift_testgen::GenOptions::default()
            },
        );
        let mut texts: Vec<String> = (0..300).map(|_| generator.next_doc().text).collect();
        // Street words and house numbers at every distance from each other
        // (the windows' edges), with filler words between them.
        let pieces = [
            "12",
            "rue",
            "Street",
            "de la Paix",
            "Baker",
            ",",
            "75002",
            "Paris",
            "Rua",
            "do Arenque",
            "1634",
            "Straße",
            "St",
            "Rd",
            "avenue",
            "\n",
            "le",
            "quiet",
            "Koskikatu",
            "25",
            "221B",
            "bis",
            "Lane",
            "the",
            "é",
            "-",
            ".",
            "Main",
            "Wellington",
            "Kensington",
            "Rosenberg",
        ];
        let mut next = crate::xorshift(0x853c_49e6_748f_ea9b_u64);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(next() % 40) {
                t.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                match next() % 4 {
                    0 => {}
                    1 => t.push_str(&"filler ".repeat((next() % 12) as usize)),
                    _ => t.push(' '),
                }
            }
            texts.push(t);
        }
        // One number only, at every distance before and after a street word.
        let names = [
            "Kensington",
            "Al",
            "Wellington Kensington Rosenberg",
            "Wellingtonshire Kensingtonshire Rosenbergstrasse",
            "Wellingtonshire Kensingtonshire Rosenbergstrasse Montgomeryshire",
            // The farthest a number can be: 40 bytes before, 60 after.
            "Wellington Kensington Rosenbergs",
            "Wellingtonshire Kensingtonshire Rosenbergstrasse Montgom",
        ];
        for (k, name) in names.iter().enumerate() {
            for pad in 0..12 {
                let filler = "x ".repeat(pad * 3);
                texts.push(format!("{filler}{} {name} Street, {filler}", 9 + k));
                texts.push(format!("{filler}Rua {name} {filler}{}, Lisboa", 16 + k));
                texts.push(format!("{filler}Rua {name} {} {filler}", 1634 + k));
            }
        }
        let mut found = 0;
        for t in &texts {
            let (mut near, mut all) = (Vec::new(), Vec::new());
            let shared = Shared::default();
            a.detect_in(
                t,
                &shared,
                &digit_windows(t, &digit_runs(t.as_bytes())),
                &mut near,
            );
            a.detect_in(t, &shared, &[(0, t.len())], &mut all);
            assert_eq!(near, all, "{t:?}");
            found += all.len();
        }
        assert!(
            found > 100,
            "only {found} addresses: the texts exercise little"
        );
    }
}
