//! People's names, the fast default layer: no model, a gazetteer and the
//! way names are written.
//!
//! A name is found when:
//! - a title precedes capitalised words or initials: `M. G. Antal`,
//!   `Mme E. Jagander`, `Sir John Freeland`, `Dr Okafor`, `Mrs Janet Hollis`
//!   (French and honorific titles are part of the name, as in court
//!   documents; `Mr`, `Dr`... are not) — score 0.9;
//! - a first name of the gazetteer ([`names`](crate::names)) is followed by
//!   capitalised words, initials or a surname in capitals: `Jenny Marsh`,
//!   `Szabina J Gelencsér`, `Jean DUPONT` — 0.85;
//! - a greeting or signature introduces capitalised words: `Dear Anna`,
//!   `Chère Léa`, `signé : Paul Morel` — 0.8;
//! - a first name of the gazetteer stands alone: `thanks to Sophie` — 0.6
//!   (first names that are also common words, "Grace", "Will", "May", are
//!   left out of the gazetteer);
//! - a capitalised word owns a relative: `I'm Misty's daughter` — 0.8;
//! - a former member: `by ex-Zombie Kleist` — 0.7; an author's work: `the
//!   Dratchev novel` (not a style, a period or a nationality) — 0.55;
//! - the top line of a postal block (see `block`) reads as a name:
//!   `Rolando Lettiere` above `Caspio` above `03220 Augsburger Str. 12` — 0.7.
//!
//! What it misses, by design: names in lower case ("emma"), surnames alone
//! ("the Christiansen novel"), first names outside the gazetteer. The
//! optional model layer is the answer to those.

use std::sync::LazyLock;

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::names::{is_first_name, is_surname};
use crate::shared::Shared;
use crate::words::{Word, WordList, all_caps, title_case, words};

pub const PERSON: Kind = Kind::new("person", Label::Person);
const ID: &str = "person@9";

/// Titles kept in the name (French courtesy titles and British honorifics).
const TITLES_IN_NAME_LIST: &[&str] = &[
    "M.", "Mme", "Mlle", "Me", "MM.", "Mmes", "Sir", "Dame", "Lady", "Lord",
];
static TITLES_IN_NAME: LazyLock<WordList> = LazyLock::new(|| WordList::new(TITLES_IN_NAME_LIST));
/// Titles that introduce a name but are not part of it.
const TITLES_BEFORE_LIST: &[&str] = &[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Monsieur",
    "Madame",
    "Mademoiselle",
    "Maître",
    "Docteur",
    "Professeur",
    "Pr",
    "Pr.",
];
static TITLES_BEFORE: LazyLock<WordList> = LazyLock::new(|| WordList::new(TITLES_BEFORE_LIST));
/// Words that introduce a name: greetings and signatures.
const INTRODUCERS_LIST: &[&str] = &[
    "Dear",
    "dear",
    "Hi",
    "Hello",
    "Cher",
    "Chère",
    "cher",
    "chère",
    "Bonjour",
    "signé",
    "Signé",
    "signed",
    "Signed",
    "Regards,",
    "Cordialement,",
];
static INTRODUCERS: LazyLock<WordList> = LazyLock::new(|| WordList::new(INTRODUCERS_LIST));
/// In text written all in lower case, words after which a lower-case first
/// name (or, after a title, a surname) of the gazetteer is a name: "my name
/// is lena andersson", "mr. elliott", "dear nina". `is` counts after `name`,
/// `me` after `call`. Asked only in texts without a capital letter.
fn lower_cue(w: &str) -> bool {
    matches!(
        w,
        "is" | "me"
            | "dear"
            | "hi"
            | "hello"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "dr"
            | "dr."
            | "m'appelle"
            | "m’appelle"
            | "signé"
            | "cher"
            | "chère"
            | "bonjour"
    )
}
/// Words just before a name that say one follows.
const CUES_LIST: &[&str] = &[
    "starring",
    "Starring",
    "featuring",
    "ft",
    "feat",
    "Producer",
    "producer",
    "singer",
    "actor",
    "actress",
    "rapper",
    "author",
    "novelist",
    "composer",
    "painter",
    "director",
    "Senator",
    "Governor",
    "Mayor",
    "President",
    "Président",
    "Captain",
    "Major",
    "General",
    "Colonel",
    "Sergeant",
    "Judge",
    "Juge",
    "Fr.",
    "Father",
    "Brother",
    "Sister",
    "Uncle",
    "Aunt",
    "Coach",
    "coach",
    "Professor",
    "professor",
    "named",
    "nommé",
    "nommée",
    "prénommé",
    "prénommée",
    "m'appelle",
    "m’appelle",
    "appelle",
    "Messrs",
    "requérant",
    "requérante",
    "plaintiff",
    "defendant",
    "accusé",
    "accusée",
];
static CUES: LazyLock<WordList> = LazyLock::new(|| WordList::new(CUES_LIST));
/// Cues that are ranks, which the name after them does not include (a
/// president's or a senator's title is part of how he is named: "President
/// Obama").
const RANKS: &[&str] = &[
    "General",
    "Colonel",
    "Captain",
    "Major",
    "Sergeant",
    "Professor",
    "Coach",
];
/// Pairs of words just before a name that say one follows.
const CUE_PAIRS: &[(&str, &str)] = &[
    ("directed", "by"),
    ("produced", "by"),
    ("written", "by"),
    ("hosted", "by"),
    ("composed", "by"),
    ("painted", "by"),
    ("founded", "by"),
    ("réalisé", "par"),
    ("écrit", "par"),
    ("name", "is"),
    ("name's", ""),
    ("nom", "est"),
    ("call", "me"),
    ("calls", "me"),
    ("called", "me"),
    // "She named him Frank", "they called her Lou".
    ("named", "him"),
    ("named", "her"),
    ("called", "him"),
    ("called", "her"),
    ("calls", "him"),
    ("calls", "her"),
    ("assistant", "to"),
    ("according", "to"),
    ("selon", ""),
];
/// Capitalised words that start place names, not people's names, before a
/// surname ("Saint Martin", "New Taylor").
const PLACE_WORDS_LIST: &[&str] = &[
    "New", "Saint", "St", "St.", "San", "Santa", "Santo", "São", "Los", "Las", "El", "Port",
    "Fort", "Mount", "Lake", "Cape", "North", "South", "East", "West", "Upper", "Lower", "Great",
    "Little", "Old", "Nouvelle", "Sainte", "Mont", "Lac", "Cap",
];
static PLACE_WORDS: LazyLock<WordList> = LazyLock::new(|| WordList::new(PLACE_WORDS_LIST));

/// Particles inside names: `Charles de Gaulle`, `Ludwig van Beethoven`.
const PARTICLES_LIST: &[&str] = &[
    "de", "du", "des", "d'", "van", "von", "der", "den", "da", "di", "del", "la", "le", "bin",
    "ibn", "al",
];
static PARTICLES: LazyLock<WordList> = LazyLock::new(|| WordList::new(PARTICLES_LIST));
/// Capitalised words that are not names even after a first name.
const NOT_NAMES_LIST: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "And",
    "Or",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "With",
    "From",
    "To",
    "By",
    "Is",
    "Was",
    "Are",
    "Le",
    "La",
    "Les",
    "Un",
    "Une",
    "Et",
    "Ou",
    "Mais",
    "Dans",
    "Sur",
    "Pour",
    "Avec",
    "Par",
    "De",
    "Du",
    "Des",
    "Je",
    "Il",
    "Elle",
    "Nous",
    "Vous",
    "Ils",
    "Elles",
    "I",
    "He",
    "She",
    "We",
    "You",
    "They",
    "It",
    "Street",
    "Road",
    "Avenue",
    "Rue",
    "Boulevard",
    "Inc",
    "Ltd",
    "LLC",
    "SA",
    "SAS",
    "University",
    "Université",
    "Hospital",
    "Hôpital",
    "Party",
    "Union",
    "Church",
    "School",
    "College",
    "Bank",
    "Group",
    "Company",
];
static NOT_NAMES: LazyLock<WordList> =
    LazyLock::new(|| WordList::of(&[NOT_NAMES_LIST, crate::words::CALENDAR]));

/// Words after a capitalised run that make it a place or an organisation:
/// `Victor Hugo Street`, `Millicent Drive`, `Johnson Inc.`.
const NOT_AFTER_LIST: &[&str] = &[
    "Street",
    "St",
    "St.",
    "Drive",
    "Dr",
    "Road",
    "Rd",
    "Avenue",
    "Ave",
    "Lane",
    "Ln",
    "Boulevard",
    "Blvd",
    "Way",
    "Court",
    "Ct",
    "Place",
    "Square",
    "Park",
    "Parks",
    "Extension",
    "Extensions",
    "Fort",
    "Bridge",
    "Hill",
    "Hills",
    "Valley",
    "Stadium",
    "Playfield",
    "Hall",
    "Complex",
    "Center",
    "Centre",
    "Reservoir",
    "Farm",
    "Foundation",
    "Institute",
    "Museum",
    "Airport",
    "Station",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "LLC",
    "Corp",
    "Corp.",
    "Co",
    "Co.",
    "GmbH",
    "SA",
    "SARL",
    "SAS",
    "University",
    "College",
    "School",
    "Stadium",
    "State",
    "Hospital",
    "Hotel",
    "Airport",
    "Station",
    "Center",
    "Centre",
    "Institute",
    "Foundation",
    "Award",
    "Awards",
    "Prize",
    "Cup",
    "Trophy",
    "Falcons",
    "u.",
    "utca",
    "Rua",
    "Calle",
    "Via",
    "rue",
    "avenue",
    "boulevard",
    "Air",
    "Force",
    "Division",
];
static NOT_AFTER: LazyLock<WordList> = LazyLock::new(|| WordList::new(NOT_AFTER_LIST));

/// Whether a cue ([`CUES`], [`CUE_PAIRS`]) comes just before word `i`,
/// separated by a space, a colon or a comma.
/// Whether only indentation or quoting (`>`, `?` marks) stands between the
/// start of the line and byte `at`.
fn opens_line(text: &str, at: usize) -> bool {
    // (Bytes: every character trimmed is ASCII, and every capitalised word
    // is asked.)
    let head = text.as_bytes().get(..at).unwrap_or_default();
    head.iter()
        .rposition(|c| !matches!(c, b' ' | b'\t' | b'>' | b'?'))
        .is_none_or(|k| head[k] == b'\n')
}

/// Form fields whose value is a name (compared in lower case).
const FORM_LABELS: &[&str] = &[
    "name",
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "nom",
    "prénom",
    "prénoms",
    "patronyme",
];

/// A speaker's name opening a line of dialogue: `Koppány: "Who are you?"`,
/// `Heather:"I'm Daniel's daughter"`. (A label such as `Note:` is not
/// followed by a quotation.)
fn speaker(ws: &[Word<'_>], i: usize, text: &str) -> bool {
    // (Compared in lower case.)
    const NOT_SPEAKERS: &[&str] = &[
        "note",
        "nb",
        "warning",
        "subject",
        "re",
        "title",
        "quote",
        "answer",
        "question",
        "update",
        "edit",
        "source",
        "caption",
        "example",
        "translation",
        "output",
        "input",
        "message",
        "comment",
        "reply",
        "response",
        "error",
        "tip",
        "summary",
        "description",
        "text",
        "status",
        "user",
        "admin",
        "moderator",
        "bot",
        "system",
        "assistant",
        "human",
        "prompt",
        "instruction",
        "context",
        "label",
        "headline",
        "objet",
        "réponse",
        "titre",
        "remarque",
        "attention",
        "citation",
        "utilisateur",
        "traduction",
        "résumé",
    ];
    let w = &ws[i];
    // The colon and the quotation first: most words have neither.
    let quoted = text[w.end..]
        .strip_prefix(':')
        .map(|r| r.trim_start_matches(' '))
        .is_some_and(|r| r.starts_with(['"', '“', '«']));
    quoted && opens_line(text, w.start) && !NOT_SPEAKERS.contains(&w.text.to_lowercase().as_str())
}

/// The name line of an address block: two or three capitalised words alone
/// on their line (maybe quoted, `>`), above a line that starts with a house
/// number, a capitalised word and another number ("Tzigane Lantos" above
/// "76556 29 Rue de Tanger"). Returns how many words follow `ws[i]`.
fn envelope_name(ws: &[Word<'_>], i: usize, text: &str) -> Option<usize> {
    if !opens_line(text, ws[i].start) {
        return None;
    }
    let mut more = 0;
    while more < 2 {
        let (Some(cur), Some(nx)) = (ws.get(i + more), ws.get(i + more + 1)) else {
            break;
        };
        if text.get(cur.end..nx.start) != Some(" ") || !capitalised(nx.text) || all_caps(nx.text) {
            break;
        }
        more += 1;
    }
    // (A single word, most line openers, needs no look at the line.)
    if more == 0 {
        return None;
    }
    let end = ws[i + more].end;
    // Only white space to the end of the line, then a line.
    let rest = &text[end..];
    let line_end = end + rest.len()
        - rest
            .trim_start_matches(|c: char| c != '\n' && c.is_whitespace())
            .len();
    if text.as_bytes().get(line_end) != Some(&b'\n') {
        return None;
    }
    let letters = ws[i..=i + more]
        .iter()
        .all(|x| x.text.chars().all(|c| c.is_alphabetic() || c == '-'));
    let next_end = text[line_end + 1..]
        .find('\n')
        .map_or(text.len(), |k| line_end + 1 + k);
    let next = text[line_end + 1..next_end].trim_start_matches([' ', '\t', '>', '?']);
    let mut parts = next.split(' ');
    let house = parts
        .next()
        .is_some_and(|p| (1..=5).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    let street = rest
        .iter()
        .any(|p| p.chars().next().is_some_and(char::is_uppercase))
        && rest
            .iter()
            .any(|p| p.bytes().next().is_some_and(|c| c.is_ascii_digit()));
    (letters && house && street).then_some(more)
}

/// Works named after their author: "the Dratchev novel".
const WORKS: &[&str] = &[
    "novel",
    "novels",
    "thriller",
    "thrillers",
    "biography",
    "memoir",
    "memoirs",
    "trilogy",
    "poem",
    "poems",
    "essay",
    "essays",
    "short",
    "screenplay",
    "opera",
    "symphony",
    "sonata",
    "concerto",
    "sculpture",
    "painting",
    "paintings",
    "portrait",
    "canvas",
];

/// Capitalised words before a work that are no author: styles, periods,
/// studios ("the Gothic novel", "the Pixar short").
const NOT_AUTHORS: &[&str] = &[
    "Gothic",
    "Victorian",
    "Romantic",
    "Edwardian",
    "Georgian",
    "Elizabethan",
    "Renaissance",
    "Baroque",
    "Modernist",
    "Christmas",
    "Booker",
    "Goncourt",
    "Pulitzer",
    "Nobel",
    "Disney",
    "Pixar",
    "Marvel",
    "Netflix",
    "Bond",
    "Holocaust",
    "Western",
    "Southern",
    "Northern",
    "Eastern",
    "Great",
    "First",
    "Second",
    "Third",
    "New",
    "Old",
    "Latin",
    "Greek",
    "Roman",
    "English",
    "French",
    "German",
    "Russian",
    "American",
    "British",
    "Irish",
    "Italian",
    "Spanish",
    "Japanese",
    "Chinese",
    "Indian",
    "African",
    "European",
    "Dutch",
    "Polish",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Canadian",
    "Australian",
    "Mexican",
];

/// A capitalised word between "the" or "a" and a work: "the Ronner novel".
fn authored(ws: &[Word<'_>], i: usize, text: &str) -> bool {
    let (Some(prev), Some(next)) = (i.checked_sub(1).map(|p| &ws[p]), ws.get(i + 1)) else {
        return false;
    };
    matches!(
        prev.text,
        "the" | "a" | "The" | "A" | "this" | "that" | "his" | "her" | "latest"
    ) && text.get(prev.end..ws[i].start) == Some(" ")
        && text.get(ws[i].end..next.start) == Some(" ")
        && WORKS.contains(&next.text)
        && !all_caps(ws[i].text)
        && !NOT_AUTHORS.contains(&ws[i].text)
        && !ws[i].text.ends_with("ian")
        && !ws[i].text.ends_with("ish")
}

/// What follows "ex-Soviet", "ex-Yugoslav" and is no name.
const NOT_AFTER_EX: &[&str] = &[
    "Republic",
    "Republics",
    "Union",
    "State",
    "States",
    "Army",
    "Party",
    "Bloc",
    "Empire",
    "Kingdom",
    "Federation",
    "Government",
    "Navy",
    "Air",
    "Forces",
    "Army's",
    "Countries",
    "Territories",
    "Member",
    "Members",
    "Prime",
    "President",
    "Minister",
    "Officer",
    "Leader",
];

/// Relatives: after a possessive, they make its owner a person.
const KIN: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "mom",
    "mum",
    "dad",
    "brother",
    "sister",
    "boyfriend",
    "girlfriend",
    "fiancé",
    "fiancée",
    "fiance",
    "fiancee",
    "widow",
    "widower",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "cousin",
    "stepson",
    "stepdaughter",
    "stepmother",
    "stepfather",
];

/// Owners that are not people ("God's son", "the Lord's mother").
const NOT_KIN_OWNERS: &[&str] = &[
    "god",
    "lord",
    "mother",
    "father",
    "king",
    "queen",
    "nature",
    "earth",
    "america",
    "world",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "nobody",
    "anyone",
    "anybody",
    "one",
    "other",
    "another",
    "today",
    "tomorrow",
    "yesterday",
    "people",
    "man",
    "woman",
];

/// A name and its possessive before a relative: "Misty's daughter", or in
/// lower-case text "roberto's daughter" (a first name of the gazetteer).
/// (The words of a longer name before it are the other rules'.)
fn kin_owner(ws: &[Word<'_>], i: usize, text: &str, lower_text: bool) -> bool {
    // "Lyon's sister city", "Nestlé's daughter company".
    const NOT_PEOPLE: &[&str] = &[
        "city",
        "cities",
        "town",
        "towns",
        "company",
        "companies",
        "firm",
        "ship",
        "ships",
        "station",
        "paper",
        "publication",
        "brand",
        "label",
        "school",
        "church",
        "project",
        "site",
        "organisation",
        "organization",
        "cell",
        "cells",
        "language",
        "languages",
        "board",
        "group",
        "club",
        "title",
    ];
    let w = &ws[i];
    let (bare, true) = possessive(w.text) else {
        return false;
    };
    let Some(kin) = ws.get(i + 1) else {
        return false;
    };
    if text.get(w.end..kin.start) != Some(" ")
        || !KIN.contains(&kin.text)
        || ws.get(i + 2).is_some_and(|x| NOT_PEOPLE.contains(&x.text))
        || NOT_KIN_OWNERS.contains(&bare.to_lowercase().as_str())
    {
        return false;
    }
    if lower_text {
        plain_word(bare) && bare.chars().count() >= 3 && is_first_name(&title_case(bare))
    } else {
        capitalised(bare)
            && !all_caps(bare)
            && !PLACE_WORDS.contains(bare)
            && !TITLES_BEFORE.contains(bare)
    }
}

fn cued(ws: &[Word<'_>], i: usize, text: &str) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &ws[p]) else {
        return false;
    };
    let gap = text.get(prev.end..ws[i].start);
    // A form's field: "Last name: Nielsen", "What's your last name?
    // Boyle", "Nom : Dupont".
    if matches!(gap, Some(": " | " : " | "? " | ":\t"))
        && FORM_LABELS.contains(&prev.text.to_lowercase().as_str())
    {
        return true;
    }
    if !matches!(gap, Some(" " | ": " | ", " | " : ")) {
        return false;
    }
    if CUES.contains(prev.text) {
        return true;
    }
    let before = i.checked_sub(2).map(|p| ws[p].text);
    CUE_PAIRS.iter().any(|&(a, b)| {
        if b.is_empty() {
            prev.text == a
        } else {
            prev.text == b && before == Some(a)
        }
    })
}

/// `w` without a final `'s` (or `’s`), and whether it had one.
fn possessive(w: &str) -> (&str, bool) {
    match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        Some(bare) if !bare.is_empty() => (bare, true),
        _ => (w, false),
    }
}

/// After lower-case cue `ws[i]`: how many words of a lower-case name follow
/// (a first name of the gazetteer, or after a title a surname, then maybe a
/// surname), if one does.
fn lower_case_name(ws: &[Word<'_>], i: usize, text: &str) -> Option<usize> {
    let cue = ws[i].text;
    let before = i.checked_sub(1).map(|p| ws[p].text);
    match cue {
        "is" if before != Some("name") => return None,
        "me" if !matches!(before, Some("call" | "calls" | "called")) => return None,
        _ => {}
    }
    let next = ws.get(i + 1)?;
    if !matches!(text.get(ws[i].end..next.start), Some(" " | ". "))
        || !next.text.starts_with(|c: char| c.is_lowercase())
    {
        return None;
    }
    let title = matches!(
        cue,
        "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr."
    );
    // Naming itself ("my name is", "je m'appelle") needs no gazetteer: the
    // words that follow are the name, unless they are common words.
    let naming = matches!(cue, "is" | "m'appelle" | "m’appelle");
    let bare = title_case(possessive(next.text).0);
    if !(is_first_name(&bare) || (title && is_surname(&bare)) || (naming && plain_word(next.text)))
    {
        return None;
    }
    let surname = !possessive(next.text).1
        && ws.get(i + 2).is_some_and(|w| {
            text.get(next.end..w.start) == Some(" ")
                && w.text.starts_with(|c: char| c.is_lowercase())
                && (is_surname(&title_case(possessive(w.text).0))
                    || (naming && plain_word(possessive(w.text).0)))
        });
    Some(if surname { 2 } else { 1 })
}

/// A word that may be a name after "my name is" in lower-case text: letters
/// only (a hyphen inside), two or more, and not a common word.
fn plain_word(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !w.starts_with('-')
        && !COMMON_LOWER.contains(w)
}

/// Common lower-case words (EN, FR) that follow "my name is" or "je
/// m'appelle" without being a name.
const COMMON_LOWER_LIST: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "not",
    "no",
    "so",
    "too",
    "very",
    "just",
    "also",
    "here",
    "there",
    "this",
    "that",
    "it",
    "its",
    "is",
    "was",
    "are",
    "be",
    "been",
    "being",
    "my",
    "your",
    "his",
    "her",
    "our",
    "their",
    "what",
    "who",
    "which",
    "when",
    "where",
    "why",
    "how",
    "if",
    "then",
    "than",
    "now",
    "still",
    "actually",
    "really",
    "only",
    "already",
    "written",
    "spelled",
    "spelt",
    "pronounced",
    "known",
    "on",
    "in",
    "at",
    "of",
    "for",
    "from",
    "with",
    "without",
    "by",
    "to",
    "as",
    "like",
    "unknown",
    "unimportant",
    "important",
    "irrelevant",
    "secret",
    "private",
    "none",
    "nobody",
    "nothing",
    "same",
    "different",
    "short",
    "long",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de",
    "et",
    "mais",
    "ou",
    "pas",
    "ne",
    "très",
    "aussi",
    "ici",
    "moi",
    "toi",
    "lui",
    "elle",
    "comme",
    "en",
    "au",
    "aux",
    "pour",
    "par",
    "avec",
    "sans",
    "sur",
    "dans",
    "donc",
    "alors",
    "bien",
    "vraiment",
    "encore",
    "déjà",
    "juste",
    "seulement",
    "personne",
    "rien",
    "inconnu",
];
static COMMON_LOWER: LazyLock<WordList> = LazyLock::new(|| WordList::new(COMMON_LOWER_LIST));

fn capitalised(w: &str) -> bool {
    let cased = if w.is_ascii() {
        let b = w.as_bytes();
        b.first().is_some_and(u8::is_ascii_uppercase)
            && b.iter().skip(1).any(u8::is_ascii_alphabetic)
    } else {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_alphabetic)
    };
    cased && !NOT_NAMES.contains(w)
}

/// A middle initial: one capital letter, maybe with its dot (`J`, `R.`);
/// not the words "I" and "A".
fn middle_initial(w: &str) -> bool {
    if w.len() > 3 {
        return false;
    }
    let mut chars = w.chars();
    let (Some(c), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    c.is_uppercase() && (rest == "." || (rest.is_empty() && c != 'I' && c != 'A'))
}

/// When `ws[i]` is a one-letter initial with its dot that follows a name
/// in a list (a capitalised word, then ", ", " et " or " and "), and a
/// capitalised word follows it: how many words of the name follow the
/// initial (one or two: "J. De Meyer"). A heading ("B. Procédure") follows
/// no name.
fn listed_initial(ws: &[Word<'_>], i: usize, text: &str) -> Option<usize> {
    let w = ws[i].text;
    if w.len() != 2 || !w.ends_with('.') || !w.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    // A list of counsel, a name per line and a comma after it: "G. Platt,
    // solicitor", "P. Havers, avocat, conseil".
    if opens_line(text, ws[i].start)
        && let Some(next) = ws.get(i + 1)
        && text.get(ws[i].end..next.start) == Some(" ")
        && capitalised(next.text)
        && !all_caps(next.text)
        && text[next.end..].starts_with(", ")
        && text[next.end + 2..].starts_with(|c: char| c.is_lowercase() || c.is_uppercase())
    {
        return Some(1);
    }
    if i < 1 {
        return None;
    }
    let gap = text.get(ws[i - 1].end..ws[i].start)?;
    let (before, after_and) = match gap {
        ", " => (ws.get(i - 1)?, false),
        " " if matches!(ws[i - 1].text, "et" | "and") && i >= 2 => (ws.get(i - 2)?, true),
        _ => return None,
    };
    if after_and && text.get(before.end..ws[i - 1].start) != Some(" ") {
        return None;
    }
    if !capitalised(before.text) || all_caps(before.text) {
        return None;
    }
    let next = ws.get(i + 1)?;
    if text.get(ws[i].end..next.start) != Some(" ") {
        return None;
    }
    let name = |x: &Word<'_>| capitalised(x.text) && !all_caps(x.text);
    // "De Meyer", "Van Dijk": a particle written with its capital.
    if matches!(
        next.text,
        "De" | "Van" | "Von" | "Da" | "Di" | "Le" | "La" | "Du"
    ) {
        let last = ws.get(i + 2)?;
        return (text.get(next.end..last.start) == Some(" ") && name(last)).then_some(2);
    }
    name(next).then_some(1)
}

/// Verbs of residence that follow their subject, each with the words that
/// may come after it.
const RESIDENCE: &[(&str, &[&str])] = &[
    ("lives", &["at", "in"]),
    ("lived", &["at", "in"]),
    ("resides", &["at", "in"]),
    (
        "habite",
        &["à", "au", "aux", "en", "rue", "avenue", "boulevard"],
    ),
    (
        "habitait",
        &["à", "au", "aux", "en", "rue", "avenue", "boulevard"],
    ),
    ("réside", &["à", "au", "aux", "en"]),
];

/// When words `ws[i..=i + n]` open a sentence (or a line) and are followed
/// by a verb of residence ("Tomomi Nishiyama lives at", "Jean Kpodar
/// habite à"): `n`, the count of words after `ws[i]`. One to three
/// capitalised words, not in capitals; the subject of such a verb is a
/// person far more often than not.
fn resident(ws: &[Word<'_>], i: usize, text: &str, lower_text: bool) -> Option<usize> {
    // Most capitalised words are followed by no such verb: look for it
    // first.
    let mut verb_at = 0;
    for k in 1..=3 {
        let v = ws.get(i + k)?;
        // A byte before the strings: most words begin no such verb.
        if matches!(v.text.as_bytes()[0], b'l' | b'r' | b'h')
            && RESIDENCE.iter().any(|(r, _)| *r == v.text)
        {
            verb_at = k;
            break;
        }
    }
    if verb_at == 0 {
        return None;
    }
    let opens = i == 0
        || opens_line(text, ws[i].start)
        || text.get(ws[i - 1].end..ws[i].start).is_some_and(|g| {
            let g = g.trim_end_matches(' ');
            g.ends_with(['.', '!', '?', '"', '“', '«'])
        });
    if !opens {
        return None;
    }
    let mut n = 0;
    while n + 1 < verb_at
        && let Some(nx) = ws.get(i + n + 1)
        && text.get(ws[i + n].end..nx.start) == Some(" ")
        && if lower_text {
            plain_word(nx.text)
        } else {
            capitalised(nx.text) && !all_caps(nx.text)
        }
    {
        n += 1;
    }
    let (verb, after) = (ws.get(i + n + 1)?, ws.get(i + n + 2)?);
    let spaced = text.get(ws[i + n].end..verb.start) == Some(" ")
        && text.get(verb.end..after.start) == Some(" ");
    let words = ws[i..=i + n].iter().all(|x| {
        x.text
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    });
    (spaced
        && words
        && RESIDENCE
            .iter()
            .any(|(v, next)| *v == verb.text && next.contains(&after.text)))
    .then_some(n)
}

/// An initial: `G.`, `J`, `A.B.`.
fn initial(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() || letters == 3 {
            return false;
        }
        letters += 1;
    }
    letters == 1 || (letters > 1 && w.contains('.'))
}

pub struct Person;

impl Person {
    pub fn new() -> Result<Self, BuildError> {
        // Load the gazetteer now, not in the middle of the first text.
        let _ = crate::names::first_names();
        Ok(Self)
    }

    /// How many name words follow `words[i]` (capitalised words, initials,
    /// all-caps surnames, particles between them), at most four.
    fn name_run(ws: &[Word<'_>], i: usize, text: &str) -> usize {
        let mut n = 0;
        let mut j = i;
        while n < 4 && j < ws.len() {
            // Names do not run across punctuation other than a hyphen or a
            // dot, nor into a placeholder `clean` wrote (`Mr [PERSON]`).
            if j > 0 {
                let gap = &text[ws[j - 1].end..ws[j].start];
                if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\u{a0}') {
                    break;
                }
            }
            let w = ws[j].text;
            if capitalised(w) || initial(w) || all_caps(w) {
                n += 1;
                j += 1;
                // "John Smith's Dog Training": the name ends at its
                // possessive.
                if possessive(w).1 {
                    break;
                }
            } else if PARTICLES.contains(w) && ws.get(j + 1).is_some_and(|nx| capitalised(nx.text))
            {
                n += 2;
                j += 2;
            } else {
                break;
            }
        }
        n.min(4)
    }
}

impl Detector for Person {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PERSON]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.detect_shared(text, &Shared::default(), out);
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let Some(shared) = Shared::of(shared) else {
            return self.detect(text, out);
        };
        let ws = words(text);
        shared.keep_capital_words(&ws);
        let found_from = out.len();
        // Lower-case names are read only in text written all in lower case
        // (chat, lower-cased corpora): elsewhere a name has its capital.
        let lower_text = !text.bytes().any(|b| b.is_ascii_uppercase());
        self.find(&ws, text, lower_text, out);
        // The recipient of a postal block ("Name / Company / 12 Street"),
        // and not its company (which the envelope rule may have taken).
        let blocks = shared.blocks(text);
        if !blocks.is_empty() {
            // (Lines in text order: one pass over the spans, a binary
            // search each, however many blocks an address book holds.)
            let mut companies: Vec<(usize, usize)> = blocks
                .iter()
                .flat_map(|b| b.organisations.iter().copied())
                .collect();
            companies.sort_unstable();
            let in_company = |s: &Span| {
                let k = companies.partition_point(|&(a, _)| a <= s.start);
                k > 0 && s.end <= companies[k - 1].1
            };
            // (Only this detector's spans: those from `found_from` on.)
            let mut seen = 0;
            out.retain(|s| {
                seen += 1;
                seen <= found_from || !in_company(s)
            });
            for &(s, e) in blocks.iter().flat_map(|b| &b.names) {
                out.push(Span::new(s, e, PERSON, 0.7, ID));
            }
        }
        Self::repeat_names(&ws, text, lower_text, out, found_from);
    }
}

impl Person {
    /// Later mentions of a name found in the same text: after "Michael
    /// Behe", "Behe" alone (and "Behe's") is the same person.
    fn repeat_names(
        ws: &[Word<'_>],
        text: &str,
        lower_text: bool,
        out: &mut Vec<Span>,
        from: usize,
    ) {
        // (Sets and binary searches: an address book or a list of names
        // holds thousands of names, and a scan per name was quadratic.)
        let mut parts: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        for s in out.get(from..).unwrap_or_default() {
            if s.score < 0.7 {
                continue;
            }
            // The words inside the span (words are in text order).
            let first = ws.partition_point(|w| w.start < s.start);
            for w in ws[first..].iter().take_while(|w| w.end <= s.end) {
                // (In text all in lower case, names are too.)
                if w.text.chars().count() >= 3
                    && (capitalised(w.text) || (lower_text && plain_word(w.text)))
                    && !all_caps(w.text)
                    && !TITLES_IN_NAME.contains(w.text)
                    && !TITLES_BEFORE.contains(w.text)
                {
                    parts.insert(w.text);
                }
            }
        }
        if parts.is_empty() {
            return;
        }
        // A lone surname (0.55) does not keep a repeat from being found
        // there: the repeat scores higher and wins the overlap. (Merged
        // into disjoint ranges in text order.)
        let mut spans: Vec<(usize, usize)> = out
            .get(from..)
            .unwrap_or_default()
            .iter()
            .filter(|s| s.score >= 0.6)
            .map(|s| (s.start, s.end))
            .collect();
        spans.sort_unstable();
        let mut taken: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match taken.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => taken.push((a, b)),
            }
        }
        let overlaps_taken = |s: usize, e: usize| {
            let k = taken.partition_point(|&(a, _)| a < e);
            k > 0 && taken[k - 1].1 > s
        };
        let repeats_from = out.len();
        for w in ws {
            let bare = w
                .text
                .strip_suffix("'s")
                .or_else(|| w.text.strip_suffix("’s"))
                .unwrap_or(w.text);
            if !parts.contains(bare) {
                continue;
            }
            let end = w.start + bare.len();
            if overlaps_taken(w.start, end) {
                continue;
            }
            // "Tzigane Lantos" again is one mention, not two.
            if out.len() > repeats_from
                && let Some(last) = out.last_mut()
                && last.end + 1 == w.start
                && text.as_bytes()[last.end] == b' '
            {
                last.end = end;
                continue;
            }
            out.push(Span::new(w.start, end, PERSON, 0.75, ID));
        }
    }

    /// The rules of the module doc, word by word.
    fn find(&self, ws: &[Word<'_>], text: &str, lower_text: bool, out: &mut Vec<Span>) {
        let introducers = &*INTRODUCERS;
        // A possessive is not part of the name: "Amanda's daughter".
        let push = |out: &mut Vec<Span>, from: usize, to: usize, score: f32| {
            let end = ws[to].start + possessive(ws[to].text).0.len();
            out.push(Span::new(ws[from].start, end, PERSON, score, ID));
        };
        let mut i = 0;
        while i < ws.len() {
            let w = ws[i].text;
            // Most words are lower case and start no rule: skip them fast.
            // (Every rule needs a capital, but a greeting or a signature
            // word: "dear", "signé".)
            let first = w.as_bytes()[0];
            // In text with capitals, a lower-case word starts a rule only
            // as "ex-" or as an introducer (the owner of a relative must be
            // capitalised there): the rest go at once.
            if !lower_text
                && first.is_ascii_lowercase()
                && first != b'e'
                && !introducers.contains(w)
            {
                i += 1;
                continue;
            }
            if lower_text
                && first.is_ascii_lowercase()
                && lower_cue(w)
                && let Some(n) = lower_case_name(ws, i, text)
            {
                push(out, i + 1, i + n, 0.7);
                i += n + 1;
                continue;
            }
            // "eva kleist lives at ...": a first name of the gazetteer
            // opening the subject of a verb of residence.
            if lower_text
                && first.is_ascii_lowercase()
                && let Some(n) = resident(ws, i, text, true)
                && is_first_name(&title_case(w))
            {
                push(out, i, i + n, 0.7);
                i += n + 1;
                continue;
            }
            // "mika: \"who are you?\"": a first name speaking, in lower case.
            if lower_text
                && first.is_ascii_lowercase()
                && speaker(ws, i, text)
                && is_first_name(&title_case(w))
            {
                push(out, i, i, 0.7);
                i += 1;
                continue;
            }
            // "by ex-Zombie Kleist", "ex-Beatle Ringo Starr": a former
            // member of a band, a team, a party, then the name (not a
            // former state: "ex-Soviet Republic").
            if first == b'e'
                && let Some(group) = w.strip_prefix("ex-")
                && capitalised(group)
                && let Some(next) = ws.get(i + 1)
                && text.get(ws[i].end..next.start) == Some(" ")
                && capitalised(next.text)
                && !all_caps(next.text)
                && !PLACE_WORDS.contains(next.text)
                && !TITLES_BEFORE.contains(next.text)
                && !NOT_AFTER_EX.contains(&next.text)
            {
                let n = Self::name_run(ws, i + 1, text);
                push(out, i + 1, i + n, 0.7);
                i += n + 1;
                continue;
            }
            // "I'm Misty's daughter", "roberto's wife": whose relative.
            if w.ends_with('s') && kin_owner(ws, i, text, lower_text) {
                push(out, i, i, 0.8);
                i += 1;
                continue;
            }
            if !(first.is_ascii_uppercase()
                || (first.is_ascii_lowercase() && introducers.contains(w))
                || (first >= 0x80 && w.chars().next().is_some_and(char::is_uppercase)))
            {
                i += 1;
                continue;
            }
            let next_run = || Self::name_run(ws, i + 1, text);
            if TITLES_IN_NAME.contains(w) || TITLES_BEFORE.contains(w) {
                let mut n = next_run();
                // A peer's title: "Lord Rodger of Earlsferry".
                if n > 0
                    && matches!(w, "Lord" | "Lady" | "Baron" | "Baroness")
                    && let (Some(of), Some(seat)) = (ws.get(i + n + 1), ws.get(i + n + 2))
                    && of.text == "of"
                    && text.get(ws[i + n].end..of.start) == Some(" ")
                    && text.get(of.end..seat.start) == Some(" ")
                    && capitalised(seat.text)
                {
                    n += 2;
                }
                if n > 0 {
                    let from = if TITLES_IN_NAME.contains(w) { i } else { i + 1 };
                    push(out, from, i + n, 0.9);
                    i += n + 1;
                    continue;
                }
            }
            if introducers.contains(w) {
                let n = next_run();
                if n > 0 && !is_first_name(ws[i + 1].text) {
                    push(out, i + 1, i + n, 0.8);
                    i += n + 1;
                    continue;
                }
            }
            // A cue before a capitalised word: "starring Latourelle", "my
            // name is Aantje Mourik", "directed by Joakim Westgård".
            let name_like = capitalised(w) && !all_caps(w);
            if name_like && cued(ws, i, text) {
                let n = 1 + next_run();
                push(out, i, i + n - 1, 0.8);
                i += n;
                continue;
            }
            // Rules for a word that opens its line.
            if name_like && opens_line(text, ws[i].start) {
                if let Some(n) = envelope_name(ws, i, text) {
                    push(out, i, i + n, 0.7);
                    i += n + 1;
                    continue;
                }
                if speaker(ws, i, text) {
                    push(out, i, i, 0.7);
                    i += 1;
                    continue;
                }
            }
            // A capitalised word, a one-letter initial and another
            // capitalised word: "Szabina J Gelencsér", "Mohmad R. Vizirov".
            if name_like
                && let (Some(mid), Some(last)) = (ws.get(i + 1), ws.get(i + 2))
                && middle_initial(mid.text)
                && !PLACE_WORDS.contains(w)
                && !TITLES_BEFORE.contains(mid.text)
                && !TITLES_IN_NAME.contains(mid.text)
                && text.get(ws[i].end..mid.start) == Some(" ")
                && text.get(mid.end..last.start) == Some(" ")
                && capitalised(last.text)
                && !all_caps(last.text)
                && !ws.get(i + 3).is_some_and(|a| NOT_AFTER.contains(a.text))
            {
                push(out, i, i + 2, 0.75);
                i += 3;
                continue;
            }
            // An initial and a capitalised word in a list of names, after
            // a name and a comma or "et"/"and": "MM. Thór Vilhjálmsson,
            // F. Matscher, R. Pekkanen et D. Gotchev".
            if let Some(n) = listed_initial(ws, i, text) {
                push(out, i, i + n, 0.75);
                i += n + 1;
                continue;
            }
            // Capitalised words opening a sentence before a verb of
            // residence: "Tomomi Nishiyama lives at ...".
            if name_like && let Some(n) = resident(ws, i, text, false) {
                push(out, i, i + n, 0.75);
                i += n + 1;
                continue;
            }
            let caps_name = all_caps(w) && is_first_name(&title_case(w));
            let (bare, owner) = possessive(w);
            if (!NOT_NAMES.contains(bare) && is_first_name(bare)) || caps_name {
                // "Amanda's daughter": the name ends with its possessive.
                let n = if owner {
                    0
                } else {
                    Self::name_run(ws, i + 1, text)
                };
                // A street, a company or a house number around the run: an
                // address or an organisation, not a person.
                let after = ws.get(i + n + 1).map(|x| x.text);
                let place = after.is_some_and(|a| NOT_AFTER.contains(a))
                    || ws[i + 1..=i + n].iter().any(|x| NOT_AFTER.contains(x.text))
                    || (i > 0 && ws[i - 1].text.chars().all(|c| c.is_ascii_digit()));
                if place {
                    i += n + 1;
                    continue;
                }
                if n > 0 {
                    push(out, i, i + n, 0.85);
                    i += n + 1;
                    continue;
                }
                if !caps_name {
                    let score = 0.6;
                    push(out, i, i, score);
                }
                i += 1;
                continue;
            }
            // A capitalised word or an initial, then a surname of the
            // gazetteer: "Gherardo Napolitani", "J. Hermansen".
            // (`name_like` is `capitalised(w) && !all_caps(w)`.)
            if (name_like || (initial(w) && !all_caps(w)))
                && !PLACE_WORDS.contains(w)
                // A rank is no first name: the cue rule takes the name
                // after it ("General Andrew J. Evans Jr.").
                && !RANKS.contains(&w)
                && let Some(next) = ws.get(i + 1)
                && text.get(ws[i].end..next.start) == Some(" ")
                && is_surname(next.text)
                && !ws.get(i + 2).is_some_and(|a| NOT_AFTER.contains(a.text))
            {
                let n = 1 + Self::name_run(ws, i + 2, text).min(1);
                push(out, i, i + n, if initial(w) { 0.75 } else { 0.7 });
                i += n + 1;
                continue;
            }
            // "the Dratchev novel", "a Grisham thriller": an author's
            // work, named after them.
            if name_like && authored(ws, i, text) {
                push(out, i, i, 0.55);
                i += 1;
                continue;
            }
            // A surname of the gazetteer alone, inside a sentence after a
            // lower-case word, and not before another capitalised word:
            // "the Petersson novel", "a song by ex-Zombie Lundberg".
            if name_like
                && i > 0
                && ws[i - 1].text.as_bytes()[0].is_ascii_lowercase()
                && text.get(ws[i - 1].end..ws[i].start) == Some(" ")
                && !ws.get(i + 1).is_some_and(|nx| {
                    text.get(ws[i].end..nx.start) == Some(" ") && capitalised(nx.text)
                })
                && is_surname(possessive(w).0)
                && !is_first_name(possessive(w).0)
                && !PLACE_WORDS.contains(w)
            {
                push(out, i, i, 0.55);
                i += 1;
                continue;
            }
            i += 1;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Person::new().unwrap()), text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn form_fields_and_speakers() {
        assert_eq!(found("What's your last name? Matthíasson"), ["Matthíasson"]);
        assert_eq!(found("Nom : Dupont\nPrénom : Kévin"), ["Dupont", "Kévin"]);
        assert_eq!(
            found("Koppány: \"Who are you?\"\nHeather:\"I'm Daniel's daughter\"."),
            ["Koppány", "Heather", "Daniel"]
        );
        // Labels that are not names, a name field with a lower-case value.
        assert!(found("Note: \"quoted\" text. Warning: see below. name: tbd").is_empty());
        // In lower-case text, a speaker with a first name of the gazetteer.
        assert_eq!(
            found("mika: \"who are you?\"\ntracy:\"i'm roberto's daughter\"."),
            ["mika", "tracy", "roberto"]
        );
        assert!(found("note: \"see below\"\nanswer: \"yes\"").is_empty());
    }

    #[test]
    fn the_owner_of_a_relative() {
        assert_eq!(found("Sara:\"I'm Misty's daughter\"."), ["Sara", "Misty"]);
        assert_eq!(found("He met Kowalczyk's widow there."), ["Kowalczyk"]);
        assert!(found("God's son and the Lord's mother; Mother's son.").is_empty());
        assert!(
            found("Lyon's sister city, Nestlé's daughter company, the company's son.").is_empty()
        );
    }

    #[test]
    fn counsel_listed_one_per_line_and_peers() {
        assert_eq!(
            found(
                "pour le requérant\nMM. M. Clare, conseil,\nG. Platt, solicitor.\nP. Havers, avocat"
            ),
            ["MM. M. Clare", "G. Platt", "P. Havers"]
        );
        assert_eq!(
            found("agent,\nLord Rodger of Earlsferry, QC, Lord Advocate"),
            // (An office held by one person names that person, as the
            // court decisions' annotators have it.)
            ["Lord Rodger of Earlsferry", "Lord Advocate"]
        );
        // A heading, not a name.
        assert!(found("A. Introduction\nB. The facts\n").is_empty());
    }

    #[test]
    fn a_former_member_then_the_name() {
        assert_eq!(
            found("This song by ex-Zombie Ahtisaari is great"),
            ["Ahtisaari"]
        );
        assert_eq!(found("the ex-Beatle Ringo Starr sang"), ["Ringo Starr"]);
        assert!(found("an ex-Soviet Republic, the ex-Yugoslav states").is_empty());
    }

    #[test]
    fn the_recipient_of_a_postal_block() {
        assert_eq!(
            found("> Csenger Gábor\n> Overture Technologies\n> 78321 Ombudsvej 12\n"),
            ["Csenger Gábor"]
        );
    }

    #[test]
    fn the_name_line_of_an_address_block() {
        assert_eq!(
            found(
                ">Tzigane Lantos\n>Fritz-Armstrong\n>Tzigane Lantos\n>76556 29 Rue de Tanger\n>Suite 5"
            ),
            ["Tzigane Lantos", "Tzigane Lantos"]
        );
        // A heading above a numbered list; one word; a sentence.
        assert!(found("Table Of Contents\n1 Introduction\n2 Methods").is_empty());
        assert!(found("Ussearch\n3654 Brixtonlaan 380").is_empty());
        assert!(found("We met there\n3654 Brixtonlaan 380").is_empty());
    }

    #[test]
    fn possessives_end_the_name() {
        assert_eq!(found("I'm Amanda's daughter."), ["Amanda"]);
        assert_eq!(
            found("John Smith's Dog Training opened; Mr Smith’s car"),
            ["John Smith", "Smith"]
        );
    }

    #[test]
    fn lower_case_names_after_a_cue() {
        assert_eq!(
            found("please block my card asap ? my name is lena andersson."),
            ["lena andersson"]
        );
        assert_eq!(
            found("mr. elliott flew to kiel. dear nina, call me roberto"),
            ["elliott", "nina", "roberto"]
        );
        // The cue alone is not enough: the word must be a name of the
        // gazetteer; `is` counts after `name`, `me` after `call`.
        assert!(found("his name is important. dear friend. this is nina. tell me nina").is_empty());
        assert!(found("mr. president").is_empty());
        // Naming itself needs no gazetteer, only a word that is not a
        // common one; the name found, its repeats are found too.
        assert_eq!(
            found("my name is borna jerković but everyone calls me borna"),
            ["borna jerković", "borna"]
        );
        assert_eq!(found("je m'appelle zouhir et toi ?"), ["zouhir"]);
        assert_eq!(
            found("eva kleist lives at 255 hersnapvej 18"),
            ["eva kleist"]
        );
        assert!(found("she lives at 12 rue haute").is_empty());
        assert!(found("my name is not important. call me maybe").is_empty());
    }

    #[test]
    fn ranks_before_a_name() {
        assert_eq!(
            found("Brigadier General Andrew J. Evans Jr., 1 July 1960"),
            ["Andrew J. Evans Jr."]
        );
        assert_eq!(
            found("a review by Law Professor David W. Opderbeck, in"),
            ["David W. Opderbeck"]
        );
    }

    #[test]
    fn naming_verbs_before_a_pronoun() {
        assert_eq!(found("She named him Frank."), ["Frank"]);
        assert_eq!(found("They called her Lou at school."), ["Lou"]);
    }

    #[test]
    fn titles_first_names_and_signatures() {
        assert_eq!(
            found("introduite par M. G. Antal, puis par Mme E. Jagander."),
            ["M. G. Antal", "Mme E. Jagander"]
        );
        assert_eq!(
            found("I am referring Mrs Janet Hollis for assessment."),
            ["Janet Hollis"]
        );
        assert_eq!(found("Jenny Marsh is the shop steward."), ["Jenny Marsh"]);
        assert_eq!(
            found("by Sandra J Gelencsér – go figure"),
            ["Sandra J Gelencsér"]
        );
        assert_eq!(found("Signé : Jean DUPONT"), ["Jean DUPONT"]);
        assert_eq!(found("Dear Okonkwo, thanks."), ["Okonkwo"]);
        assert_eq!(
            found("Nous avons vu Charles de Gaulle hier."),
            ["Charles de Gaulle"]
        );
        assert_eq!(found("thanks to Sophie for the help"), ["Sophie"]);
    }

    #[test]
    fn cues_and_surnames() {
        assert_eq!(
            found("A film directed by Joakim Westgård and starring Latourelle."),
            ["Joakim Westgård", "Latourelle"]
        );
        assert_eq!(found("Hello, my name is Aantje Mourik."), ["Aantje Mourik"]);
        // Either apostrophe.
        assert_eq!(
            found("Bonjour, je m’appelle Xuvan Brelotte."),
            ["Xuvan Brelotte"]
        );
        assert_eq!(
            found("Producer Gherardo Napolitani explained"),
            ["Gherardo Napolitani"]
        );
        // An unknown first word, then a surname of the gazetteer.
        assert_eq!(found("met Esat Jeknić and J. Hermansen"), ["J. Hermansen"]);
        // A park, a place word before a surname, a cue before a lower-case word.
        assert!(found("at Cal Anderson Park, in San Napolitani, starring nobody").is_empty());
        // A name found once is found again alone, possessive too.
        assert_eq!(
            found("Michael Behe wrote it. Behe's reply came later; Behe agreed."),
            ["Michael Behe", "Behe", "Behe"]
        );
    }

    #[test]
    fn middle_initials_residents_and_namings() {
        assert_eq!(
            found("a song by Oriane K Pelletrat and Dumitru V. Halcescu"),
            ["Oriane K Pelletrat", "Dumitru V. Halcescu"]
        );
        // Not a title ("M." is Monsieur), not the words "A" and "I".
        assert!(
            !found("pour la Commission M. Gaukur").contains(&"Commission M. Gaukur".to_owned())
        );
        assert!(found("Plan A Works and Then I Went").is_empty());
        assert_eq!(
            found("Kaori Tsubaki lives at 12 rue Verte. Jodel Arnaq habite à Lyon."),
            ["Kaori Tsubaki", "Jodel Arnaq"]
        );
        // A surname of the gazetteer alone inside a sentence; not at its
        // start, not before another capitalised word, not a first name.
        assert_eq!(
            found("unlike the Schneider novel, a song by Moreau"),
            ["Schneider", "Moreau"]
        );
        assert!(found("Schneider novels. the Schneider Electric plant").is_empty());
        // Initials in a list of names, not a heading.
        assert_eq!(
            found("les juges Wilhelmina Osk, F. Mattrup, J. De Vreel et D. Gotchavo, et"),
            ["Wilhelmina Osk", "F. Mattrup", "J. De Vreel", "D. Gotchavo"]
        );
        assert!(found("B. Procédure\nA. Les faits").is_empty());
        // The verbs' first bytes are what `resident` looks at first.
        assert!(
            RESIDENCE
                .iter()
                .all(|(v, _)| matches!(v.as_bytes()[0], b'l' | b'r' | b'h'))
        );
        // Only where the words open a sentence, and not "lives on".
        assert!(found("The Old Mill lives on. in the Old Mill lives at most one cat").is_empty());
    }

    #[test]
    fn placeholders_clean_wrote_are_not_names() {
        assert!(found("The tax ID of Mr [PERSON] is [NATIONAL_ID].").is_empty());
        assert!(found("Contact Mme <PERSON_7f3a9c12d4e0> today").is_empty());
    }

    #[test]
    fn words_that_are_not_names() {
        assert!(found("The meeting is on Monday in Paris.").is_empty());
        assert!(found("Will the party win? May is a month.").is_empty());
        assert!(found("the european union and the green party").is_empty());
    }

    #[test]
    fn spans_lie_on_char_boundaries() {
        for t in ["Šárka Ottová", "« Élodie »", "Mme Ç.", "M. 😀", "Dear 中文"] {
            for s in found(t) {
                assert!(t.contains(&s), "{t}");
            }
        }
    }
}
