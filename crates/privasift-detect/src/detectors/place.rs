//! Place names: cities, countries, regions (`place-name@8`, LOCATION).
//!
//! A city or a country is not personal data on its own, so `place-name` is
//! a context kind ([`Kind::context`]): scans do not count it as personal
//! data and `clean` keeps it unless a policy rule names `place-name` or
//! `LOCATION`. It matters next to personal data: a place of residence or of
//! birth narrows a name down to one person, and a "pseudonymised" record
//! that keeps "née à Goiânia, vit à Seinäjoki" may still single someone out
//! (CNIL sheet on anonymisation: linkability). `detect` reports it, so
//! evaluations and redaction tools can use it.
//!
//! The gazetteer (`data/places/places.tsv`, provenance in the README there)
//! holds the `GeoNames` cities of 15,000 inhabitants or more, countries, US
//! states and continents, plus the country names of the `fake` crate's
//! French, German, Italian and Portuguese locales. A name is found when its
//! words are capitalised as in the text ("Saint-Denis", "South Africa") or
//! written all in capitals (4 letters or more: "SEINÄJOKI"). Names that are
//! also common words ("Nice", "Mobile", "Reading", "Bourg"), and towns
//! that are also first names or surnames ("Alice", "Tyler", "Davis"), need a
//! preposition before them ("in", "from", "à", "de", "près de"...).
//! Scores: country or region 0.8, city 0.7, ambiguous name with its
//! preposition 0.6.
//!
//! A place outside the gazetteer is found after a verb of travel or
//! residence and its preposition ("flew to Neupré", "returned to LYCKSELE",
//! "lives in Bremen Ohlenhof", "habite à Saint-Jean-de-Luz", "originaire de
//! Cotonou"): one to four capitalised words (or words in capitals), linked
//! by `de`, `la`, `del`...; 0.65.

use rustc_hash::FxHashSet as HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use fake::locales::{DE_DE, Data, EN, FR_FR, IT_IT, PT_PT};
use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::shared::Shared;
use crate::words::{KeyFilter, Word, all_caps, capital_starts, is_word_byte, word_at, word_before};

pub const PLACE_NAME: Kind = Kind::context("place-name", Label::Location);
const ID: &str = "place-name@8";

/// The longest name, in words, the gazetteer is searched for.
const MAX_WORDS: usize = 4;

/// Words before an ambiguous name that make it a place.
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "to",
    "In",
    "At",
    "From",
    "Near",
    "à",
    "À",
    "au",
    "aux",
    "en",
    "En",
    "de",
    "d'",
    "près",
    "vers",
    "depuis",
    "Depuis",
    "dans",
    "sur",
    "born",
    "lives",
    "living",
    "moved",
    "habite",
    "vit",
    "résidant",
    "domicilié",
    "domiciliée",
    "demeurant",
];

/// A verb of travel or residence, then its preposition: what follows is
/// a place. (verb, prepositions)
const CUES: &[(&str, &[&str])] = &[
    // The nouns of a place's kind: "le comté de Västmanland", "the county
    // of Norfolk". ("département" is left out: "département de Chimie"
    // is a university's.)
    ("comté", &["de"]),
    ("région", &["de"]),
    ("province", &["de", "of"]),
    ("canton", &["de"]),
    ("commune", &["de"]),
    ("ville", &["de"]),
    ("village", &["de", "of"]),
    ("county", &["of"]),
    ("district", &["of"]),
    ("city", &["of"]),
    ("town", &["of"]),
    ("municipality", &["of"]),
    ("flew", &["to"]),
    ("fly", &["to"]),
    ("flying", &["to"]),
    ("flown", &["to"]),
    ("travelled", &["to"]),
    ("traveled", &["to"]),
    ("travelling", &["to"]),
    ("traveling", &["to"]),
    ("moved", &["to"]),
    ("moving", &["to"]),
    ("relocated", &["to"]),
    ("returned", &["to"]),
    ("returning", &["to"]),
    ("drove", &["to"]),
    ("emigrated", &["to"]),
    ("headed", &["to"]),
    ("lives", &["in"]),
    ("live", &["in"]),
    ("living", &["in"]),
    ("lived", &["in"]),
    ("resides", &["in"]),
    ("residing", &["in"]),
    ("born", &["in"]),
    ("based", &["in"]),
    ("settled", &["in"]),
    ("raised", &["in"]),
    ("up", &["in"]),
    ("habite", &["à", "au"]),
    ("habitait", &["à", "au"]),
    ("vit", &["à", "au"]),
    ("vivait", &["à", "au"]),
    ("né", &["à", "au"]),
    ("née", &["à", "au"]),
    ("réside", &["à", "au"]),
    ("résidant", &["à", "au"]),
    ("domicilié", &["à", "au"]),
    ("domiciliée", &["à", "au"]),
    ("demeurant", &["à", "au"]),
    ("rendu", &["à", "au"]),
    ("rendue", &["à", "au"]),
    ("déménagé", &["à", "au"]),
    ("déménagée", &["à", "au"]),
    ("installé", &["à", "au"]),
    ("installée", &["à", "au"]),
    ("retourné", &["à", "au"]),
    ("retournée", &["à", "au"]),
    ("parti", &["pour"]),
    ("partie", &["pour"]),
    ("originaire", &["de"]),
];

/// Every preposition of [`CUES`], looked for in the bytes before a
/// capitalised word before any word is cut (a test checks they agree).
/// ("d'" is not one: the word after it is glued to it, "d'Avignon".)
const CUE_PREPOSITIONS: &[&str] = &["to", "in", "à", "au", "pour", "de", "of"];

/// The nations of the United Kingdom, in English and French (neither list
/// the detector reads has them: they are not sovereign countries).
const UK_NATIONS: &[&str] = &[
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Great Britain",
    "Angleterre",
    "Écosse",
    "Ecosse",
    "Pays de Galles",
    "Irlande du Nord",
    "Grande-Bretagne",
];

/// Words before a country's name that belong to its official name ("le
/// Royaume de Suède", "the Kingdom of Norway"), as written.
const STATE_FORMS: &[&str] = &[
    "Royaume de ",
    "Royaume d'",
    "Royaume d’",
    "République de ",
    "République d'",
    "République d’",
    "République fédérale d'",
    "République fédérale d’",
    "République fédérale de ",
    "Principauté de ",
    "Principauté d'",
    "Principauté d’",
    "Grand-Duché de ",
    "Kingdom of ",
    "Republic of ",
    "Federal Republic of ",
    "Principality of ",
    "Grand Duchy of ",
];

/// Official long forms that follow a short name (lower case) as written.
const LONG_FORMS: &[(&str, &[&str])] = &[
    (
        "royaume-uni",
        &[
            " de Grande-Bretagne et d'Irlande du Nord",
            " de Grande-Bretagne et d’Irlande du Nord",
        ],
    ),
    (
        "united kingdom",
        &[" of Great Britain and Northern Ireland"],
    ),
];

/// The offsets, left to right, of the capitalised words right after an
/// elided "d'" or "l'" ("d'Oslo", "l’Irak"): their first byte does not
/// follow a non-word byte, so `capital_starts` does not give them.
fn elided_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // `'`, or the last byte of `’` (E2 80 99).
    for p in memchr::memchr2_iter(b'\'', 0x99, b) {
        let apostrophe = if b[p] == b'\'' {
            p
        } else if p >= 2 && b[p - 2] == 0xE2 && b[p - 1] == 0x80 {
            p - 2
        } else {
            continue;
        };
        let elided = apostrophe >= 1
            && matches!(b[apostrophe - 1], b'd' | b'l' | b'D' | b'L')
            && (apostrophe < 2 || !is_word_byte(b[apostrophe - 2]));
        if elided
            && b.get(p + 1)
                .is_some_and(|&c| c.is_ascii_uppercase() || c >= 0xC3)
        {
            out.push(p + 1);
        }
    }
    out
}

/// Capitalised words after a cue that are not places (besides days and
/// months, `words::CALENDAR`).
const NOT_PLACES: &[&str] = &[
    "The", "A", "An", "I", "Mr", "Mrs", "Ms", "Dr", "M", "Mme", "Mlle", "Me", "Le", "La", "Les",
];

/// Words that join the words of a place's name.
const PLACE_LINKS: &[&str] = &[
    "de", "du", "des", "la", "le", "del", "do", "da", "dos", "upon", "sur", "en",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sort {
    City,
    Country,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Also a common word: needs a preposition before it.
    ambiguous: bool,
    /// A country, a region or a city of 500,000 or more.
    major: bool,
    sort: Sort,
}

pub struct Place {
    /// Lower-case name -> entry (as bytes: a text's words are lowered
    /// into a byte buffer, see [`push_lower`]).
    names: FxHashMap<Box<[u8]>, Entry>,
    /// The lower-case beginnings, in whole words, of names of several
    /// words ("la", "la chaux", for "la chaux-de-fonds"... and "saint",
    /// "saint martin", "saint martin de"): a run of words is read on only
    /// while it is one ("La météo était" stops at "la météo").
    beginnings: FxHashSet<Box<[u8]>>,
    /// `names` and `beginnings` turn most keys away here first.
    names_filter: KeyFilter,
    beginnings_filter: KeyFilter,
}

impl Place {
    pub fn new() -> Result<Self, BuildError> {
        let mut names = FxHashMap::default();
        let mut beginnings = FxHashSet::default();
        let mut add = |name: &str, entry: Entry| {
            let key = name.to_lowercase();
            for (at, _) in key.match_indices(' ') {
                beginnings.insert(key[..at].to_owned());
            }
            names
                .entry(key)
                .and_modify(|e: &mut Entry| {
                    // A name that is a country somewhere is a country; one
                    // unambiguous anywhere is unambiguous.
                    if entry.sort == Sort::Country {
                        e.sort = Sort::Country;
                    }
                    e.ambiguous &= entry.ambiguous;
                    e.major |= entry.major;
                })
                .or_insert(entry);
        };
        for line in include_str!("../../data/places/places.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(tier), Some(sort)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let sort = if sort == "city" {
                Sort::City
            } else {
                Sort::Country
            };
            add(
                name,
                Entry {
                    ambiguous: tier == "2",
                    major: tier == "0",
                    sort,
                },
            );
        }
        // Regions of the world's countries (states, provinces, counties,
        // départements, Länder...), written for privasift: tier 2 needs a
        // preposition, as in places.tsv.
        for line in include_str!("../../data/places/regions.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((name, tier)) = line.split_once('\t') {
                add(
                    name,
                    Entry {
                        ambiguous: tier == "2",
                        major: false,
                        sort: Sort::Country,
                    },
                );
            }
        }
        // French (and some English) names of countries and world cities
        // that differ from the local or English one ("Irak", "Édimbourg",
        // "Genève", "Lisbon"), written for privasift.
        for line in include_str!("../../data/places/exonyms.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(tier), Some(kind)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            add(
                name,
                Entry {
                    ambiguous: tier == "2",
                    major: tier == "1",
                    sort: if kind == "country" {
                        Sort::Country
                    } else {
                        Sort::City
                    },
                },
            );
        }
        // Country names of the `fake` crate's locales, and the nations of
        // the United Kingdom.
        for country in [
            FR_FR::ADDRESS_COUNTRY,
            DE_DE::ADDRESS_COUNTRY,
            IT_IT::ADDRESS_COUNTRY,
            PT_PT::ADDRESS_COUNTRY,
            EN::ADDRESS_COUNTRY,
            UK_NATIONS,
        ]
        .into_iter()
        .flatten()
        {
            // Skip the few entries with notes ("Corée, République de").
            if !country.contains(',') && !country.contains('(') {
                add(
                    country,
                    Entry {
                        ambiguous: false,
                        major: true,
                        sort: Sort::Country,
                    },
                );
            }
        }
        // A city that is also a first name or a surname ("Alice", "Tyler",
        // "Davis", "Kennedy") is more often a person: it needs its
        // preposition too. Countries and large cities stay.
        let surnames: HashSet<String> = [
            EN::NAME_LAST_NAME,
            FR_FR::NAME_LAST_NAME,
            DE_DE::NAME_LAST_NAME,
            IT_IT::NAME_LAST_NAME,
            PT_PT::NAME_LAST_NAME,
        ]
        .into_iter()
        .flatten()
        .map(|n| n.to_lowercase())
        .collect();
        let people = crate::names::first_names();
        for (key, e) in &mut names {
            if !e.major && !key.contains(' ') && (people.contains(key) || surnames.contains(key)) {
                e.ambiguous = true;
            }
        }
        let bytes = |k: String| k.into_bytes().into_boxed_slice();
        Ok(Self {
            names_filter: KeyFilter::new(names.keys().map(String::as_str)),
            beginnings_filter: KeyFilter::new(beginnings.iter().map(String::as_str)),
            names: names.into_iter().map(|(k, e)| (bytes(k), e)).collect(),
            beginnings: beginnings.into_iter().map(bytes).collect(),
        })
    }

    /// The longest name starting with word `first`: (its words, entry).
    fn lookup<'t>(
        &self,
        first: &Word<'t>,
        text: &'t str,
        key: &mut Vec<u8>,
        run: &mut Vec<Word<'t>>,
    ) -> Option<Entry> {
        key.clear();
        run.clear();
        push_lower(key, first.text);
        let mut best = self
            .names_filter
            .may_contain_bytes(key)
            .then(|| self.names.get(key.as_slice()))
            .flatten()
            .map(|e| (1, *e));
        if self.beginnings_filter.may_contain_bytes(key) && self.beginnings.contains(key.as_slice())
        {
            let mut end = first.end;
            run.push(Word { ..*first });
            while run.len() < MAX_WORDS {
                // The next word, one space after.
                if text.as_bytes().get(end) != Some(&b' ')
                    || !text
                        .as_bytes()
                        .get(end + 1)
                        .is_some_and(|c| is_word_byte(*c))
                {
                    break;
                }
                let (_, Some(w)) = word_at(text, end + 1) else {
                    break;
                };
                end = w.end;
                key.push(b' ');
                push_lower(key, w.text);
                run.push(w);
                if self.names_filter.may_contain_bytes(key)
                    && let Some(e) = self.names.get(key.as_slice())
                {
                    best = Some((run.len(), *e));
                }
                // No longer name begins with these words.
                if !(self.beginnings_filter.may_contain_bytes(key)
                    && self.beginnings.contains(key.as_slice()))
                {
                    break;
                }
            }
        } else {
            run.push(Word { ..*first });
        }
        let (n, entry) = best?;
        run.truncate(n);
        Some(entry)
    }
}

/// A country's name `text[start..end]` grown over the words of its official
/// form around it: "Royaume de Suède", "Royaume-Uni de Grande-Bretagne et
/// d'Irlande du Nord".
fn official_form(text: &str, start: usize, end: usize) -> (usize, usize) {
    let name = &text[start..end];
    let head = &text[..start];
    let start = STATE_FORMS
        .iter()
        .find(|f| head.ends_with(*f))
        .map_or(start, |f| start - f.len());
    let rest = &text[end..];
    let end = LONG_FORMS
        .iter()
        .find(|(short, _)| short.eq_ignore_ascii_case(name))
        .and_then(|(_, longs)| longs.iter().find(|l| rest.starts_with(*l)))
        .map_or(end, |l| end + l.len());
    (start, end)
}

fn not_a_place(w: &str) -> bool {
    NOT_PLACES.contains(&w) || crate::words::CALENDAR.contains(&w)
}

/// The end of a place's name that starts with `first` (written as a name)
/// after a verb of travel or residence and its preposition.
/// Buildings and public places whose name follows their noun and a link,
/// in French: "Palais des Droits de l'Homme", "Parc des Princes", "Place
/// de la Concorde" (not "Place Your Order").
const LANDMARKS: &[&str] = &[
    "Palais",
    "Château",
    "Parc",
    "Jardin",
    "Jardins",
    "Pont",
    "Porte",
    "Place",
    "Quai",
    "Esplanade",
    "Cathédrale",
    "Basilique",
    "Abbaye",
    "Gare",
    "Aéroport",
];

/// Links inside a landmark's name.
const LANDMARK_LINKS: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "l'", "l’", "d'", "d’", "et", "aux", "au", "sur",
];

/// A landmark: a noun of [`LANDMARKS`], then a capitalised word, maybe
/// after links ("des Droits de l'Homme"); the end of the name.
fn landmark(text: &str, first: &Word<'_>) -> Option<usize> {
    if !LANDMARKS.contains(&first.text) {
        return None;
    }
    let b = text.as_bytes();
    let mut end = first.end;
    let mut at = first.end;
    let mut names = 0;
    for _ in 0..8 {
        if b.get(at) != Some(&b' ') {
            break;
        }
        let (_, Some(w)) = word_at(text, at + 1) else {
            break;
        };
        if w.start != at + 1 {
            break;
        }
        // An elided link is glued to the next word: "l'Homme".
        let (link, rest) = LANDMARK_LINKS
            .iter()
            .filter(|l| l.ends_with(['\'', '’']))
            .find_map(|l| w.text.strip_prefix(l).map(|r| (true, r)))
            .unwrap_or((LANDMARK_LINKS.contains(&w.text), w.text));
        if written_as_name(rest) == Cased::Title && (names > 0 || at > first.end || link) {
            names += 1;
            end = w.end;
        } else if !link {
            break;
        }
        at = w.end;
    }
    (names > 0).then_some(end)
}

fn after_cue(text: &str, first: &Word<'_>, cased: Cased) -> Option<usize> {
    let b = text.as_bytes();
    if first.start < 2 || b[first.start - 1] != b' ' {
        return None;
    }
    // Most capitalised words follow no preposition: look at the bytes
    // before splitting words, and before the lists of words that are not
    // places (a few dozen comparisons).
    let head = &text[..first.start - 1];
    if !CUE_PREPOSITIONS
        .iter()
        .any(|p| head.ends_with(p) && head[..head.len() - p.len()].ends_with(' '))
        || not_a_place(first.text)
    {
        return None;
    }
    let prep = word_before(text, first.start)?;
    if prep.end + 1 != first.start {
        return None;
    }
    let verb = word_before(text, prep.start).filter(|v| v.end + 1 == prep.start)?;
    let cued = CUES
        .iter()
        .any(|(v, preps)| v.eq_ignore_ascii_case(verb.text) && preps.contains(&prep.text));
    if !cued {
        return None;
    }
    // The name's words: written as the first one is, or linking words
    // between them ("Reguengos de Monsaraz").
    let mut end = first.end;
    let mut words = 1;
    let mut at = first.end;
    while words < MAX_WORDS && b.get(at) == Some(&b' ') {
        let (_, Some(w)) = word_at(text, at + 1) else {
            break;
        };
        if w.start != at + 1 {
            break;
        }
        let c = written_as_name(w.text);
        if c == cased && !not_a_place(w.text) {
            end = w.end;
            words += 1;
        } else if !PLACE_LINKS.contains(&w.text) {
            break;
        }
        at = w.end;
    }
    Some(end)
}

/// Appends `w` in lower case to `key` (UTF-8 bytes).
fn push_lower(key: &mut Vec<u8>, w: &str) {
    let b = w.as_bytes();
    // Most words asked about are ASCII and at most eight bytes: read as one
    // number, lower-cased eight bytes at once (`fold8`), not byte by byte.
    // (Copies of a length known only at run time are calls to `memcpy`,
    // which cost more than such a word: eight bytes are written, then the
    // key cut back.)
    if b.len() <= 8 {
        let mut w = 0u64;
        for (i, &c) in b.iter().enumerate() {
            w |= u64::from(c) << (8 * i);
        }
        if w & 0x8080_8080_8080_8080 == 0 {
            let len = key.len();
            key.extend_from_slice(&crate::lexicon::fold8(w).to_le_bytes());
            key.truncate(len + b.len());
            return;
        }
    }
    if w.is_ascii() {
        let from = key.len();
        key.extend_from_slice(b);
        key[from..].make_ascii_lowercase();
        return;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            key.push(c.to_ascii_lowercase());
            i += 1;
            continue;
        }
        // Latin-1 letters (most of the non-ASCII ones in EN/FR text), byte
        // by byte, without the look-up in Unicode's tables: the capitals
        // À..Þ but × are C3 80..9E, and their small letters 0x20 above.
        if c == 0xC3
            && let Some(&d) = b.get(i + 1)
        {
            let capital = (0x80..=0x9E).contains(&d) && d != 0x97;
            key.extend_from_slice(&[c, if capital { d + 0x20 } else { d }]);
            i += 2;
            continue;
        }
        // (`i` is on a char boundary: the loop steps over whole chars.)
        let Some(ch) = w.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let mut buf = [0u8; 4];
        for l in ch.to_lowercase() {
            key.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
        i += ch.len_utf8();
    }
}

/// Capitalised as a name: an upper-case first letter and a lower-case
/// letter after it ("Paris", "Saint-Denis", "`McAllen`"), or all in capitals
/// with at least 4 letters ("SEINÄJOKI"; not "USA"-like acronyms).
fn written_as_name(w: &str) -> Cased {
    // ASCII, the common case, as bytes (the same answers as below).
    if let [first, rest @ ..] = w.as_bytes()
        && w.is_ascii()
    {
        if !first.is_ascii_uppercase() {
            return Cased::No;
        }
        return if rest.iter().any(u8::is_ascii_lowercase) {
            Cased::Title
        } else if rest.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 3 {
            Cased::Caps
        } else {
            Cased::No
        };
    }
    written_as_name_by_chars(w)
}

/// [`written_as_name`] char by char: any word (and the reference its ASCII
/// path is tested against).
fn written_as_name_by_chars(w: &str) -> Cased {
    let mut chars = w.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return Cased::No;
    }
    if all_caps(w) {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            Cased::Caps
        } else {
            Cased::No
        }
    } else if chars.any(char::is_lowercase) {
        Cased::Title
    } else {
        Cased::No
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cased {
    No,
    Title,
    Caps,
}

impl Detector for Place {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[PLACE_NAME]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.detect_in(text, None, out);
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let words = Shared::of(shared).and_then(Shared::capital_words);
        self.detect_in(text, words, out);
    }
}

impl Place {
    /// The places of `text`; `capital_words`, when given, are the words
    /// that start with a capital's lead byte (see [`Shared`]), which spares
    /// looking for them.
    fn detect_in(&self, text: &str, capital_words: Option<&[(usize, usize)]>, out: &mut Vec<Span>) {
        let from = out.len();
        let mut scratch = Scratch {
            key: Vec::new(),
            run: Vec::with_capacity(MAX_WORDS),
        };
        // Where the scan goes on: starts before it are inside a place
        // already found.
        let mut i = 0;
        if let Some(words) = capital_words {
            for &(s, e) in words {
                if s >= i
                    && let Some(w) = text.get(s..e)
                    && let Some(next) = self.place_of(
                        text,
                        Word {
                            start: s,
                            end: e,
                            text: w,
                        },
                        e,
                        &mut scratch,
                        out,
                    )
                {
                    i = next;
                }
            }
        } else {
            // Only words that start with a capital can start a name: find
            // those in the bytes, without splitting the whole text into
            // words. (The same words as above: a capital after a byte that
            // is not a word byte starts a run of word bytes. A run's
            // trimmed end or its whole end as `next`: no capital starts
            // between them.)
            for s in capital_starts(text) {
                if s >= i
                    && let Some(next) = self.place_at(text, s, &mut scratch, out)
                {
                    i = next;
                }
            }
        }
        // Then the rarer names after an elided article ("d'Oslo"), outside
        // the places already found ("L'Aquila").
        let found = out.len();
        for s in elided_starts(text) {
            if !out[from..found].iter().any(|p| p.start <= s && s < p.end) {
                self.place_at(text, s, &mut scratch, out);
            }
        }
        // Then a town outside the gazetteer that a place found qualifies:
        // "à Stevenston, en Écosse", "in Kilmarnock, Scotland".
        let placed = out.len();
        for k in from..placed {
            if let Some(span) = qualified_town(text, out[k].start, &out[from..placed]) {
                out.push(span);
            }
        }
        if out.len() > found {
            out[from..].sort_by_key(|p| (p.start, p.end));
        }
    }
}

/// Whether `w` abbreviates a country ("UK", "U.S.", "USA"): always but
/// "US", which is the country after "the" or before a lower-case word ("the
/// US", "US citizens"), and may be "us" in a text in capitals.
fn country_abbreviation(text: &str, w: &Word<'_>) -> bool {
    match w.text {
        "UK" | "U.K." | "USA" | "U.S.A." | "U.S." => true,
        "US" => {
            let after_the = word_before(text, w.start).is_some_and(|p| {
                matches!(p.text, "the" | "The") && text.get(p.end..w.start) == Some(" ")
            });
            let before_lower = text.get(w.end..).is_some_and(|rest| {
                rest.strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_lowercase()))
            });
            after_the || before_lower
        }
        _ => false,
    }
}

/// Prepositions before a town that a region or country follows.
const TOWN_BEFORE: &[&str] = &["à", "de", "d'", "d’", "in", "at", "near", "from", "of"];

/// The capitalised words (one to three) between a preposition and ", " or
/// ", en " before the place at `at`, as a place (0.65), when no place of
/// `found` holds them.
fn qualified_town(text: &str, at: usize, found: &[Span]) -> Option<Span> {
    let before = text.get(..at)?;
    let end = [", en ", ", au ", ", "]
        .iter()
        .find_map(|sep| before.strip_suffix(sep))?
        .len();
    let mut start = end;
    let mut names = 0;
    let prep = loop {
        let w = word_before(text, start)?;
        if text.get(w.end..start) != Some(if names == 0 { "" } else { " " }) {
            return None;
        }
        let title = w.text.chars().next().is_some_and(char::is_uppercase)
            && w.text.chars().skip(1).any(char::is_lowercase)
            && w.text.chars().all(|c| c.is_alphabetic() || c == '-');
        if !title || names == 3 {
            break w;
        }
        names += 1;
        start = w.start;
    };
    // The preposition, or an elided one glued to the name ("d'Aubervilliers"
    // reads as one word and is no such run).
    (names > 0
        && text.get(prep.end..start) == Some(" ")
        && TOWN_BEFORE.contains(&prep.text)
        && !found.iter().any(|p| p.start < end && start < p.end))
    .then(|| Span::new(start, end, PLACE_NAME, 0.65, ID))
}

/// Buffers reused from word to word.
struct Scratch<'t> {
    key: Vec<u8>,
    run: Vec<Word<'t>>,
}

impl Place {
    /// The place whose name starts at byte `s`, if one does, pushed to
    /// `out`; returns where the scan goes on (`None`: where it was).
    fn place_at<'t>(
        &self,
        text: &'t str,
        s: usize,
        scratch: &mut Scratch<'t>,
        out: &mut Vec<Span>,
    ) -> Option<usize> {
        let (next, Some(first)) = word_at(text, s) else {
            return None;
        };
        self.place_of(text, first, next, scratch, out)
    }

    /// [`Place::place_at`] for the word `first`, whose run of word bytes
    /// ends at `next`.
    fn place_of<'t>(
        &self,
        text: &'t str,
        first: Word<'t>,
        next: usize,
        scratch: &mut Scratch<'t>,
        out: &mut Vec<Span>,
    ) -> Option<usize> {
        let b = text.as_bytes();
        let cased = written_as_name(first.text);
        if cased == Cased::No {
            if country_abbreviation(text, &first) {
                out.push(Span::new(first.start, first.end, PLACE_NAME, 0.7, ID));
            }
            return Some(next);
        }
        let Some(entry) = self.lookup(&first, text, &mut scratch.key, &mut scratch.run) else {
            if let Some(end) = landmark(text, &first) {
                out.push(Span::new(first.start, end, PLACE_NAME, 0.65, ID));
                return Some(next.max(end));
            }
            if let Some(end) = after_cue(text, &first, cased) {
                out.push(Span::new(first.start, end, PLACE_NAME, 0.65, ID));
                return Some(next.max(end));
            }
            return Some(next);
        };
        let end = scratch.run.last()?.end;
        // Every word of the name written the same way (short linking
        // words aside: "Caxias do Sul").
        let same_case = scratch.run.iter().all(|w| {
            let c = written_as_name(w.text);
            c == cased || (cased == Cased::Title && c == Cased::No && w.text.len() <= 3)
        });
        // (An elided "d'" is no such preposition: "d'Alice" is "of Alice".)
        let after_prep =
            word_before(text, first.start).is_some_and(|p| PREPOSITIONS.contains(&p.text));
        // Not glued to a following capitalised word: "Paris Hilton" is
        // one unit that is not this place.
        let glued_next = b.get(end) == Some(&b' ')
            && b.get(end + 1).is_some_and(|c| is_word_byte(*c))
            && matches!(word_at(text, end + 1), (_, Some(nx)) if written_as_name(nx.text) == Cased::Title);
        if !same_case || (entry.ambiguous && !after_prep) || (glued_next && !after_prep) {
            return Some(next);
        }
        let score = match (entry.ambiguous, entry.sort) {
            (true, _) => 0.6,
            (false, Sort::Country) => 0.8,
            (false, Sort::City) => 0.7,
        };
        let (start, end) = if entry.sort == Sort::Country {
            official_form(text, first.start, end)
        } else {
            (first.start, end)
        };
        out.push(Span::new(start, end, PLACE_NAME, score, ID));
        Some(next.max(end))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Place::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn landmarks_named_after_their_noun() {
        assert_eq!(
            found("au Palais des Droits de l’Homme, à Strasbourg"),
            ["Palais des Droits de l’Homme", "Strasbourg"]
        );
        assert_eq!(found("la Place de la Concorde."), ["Place de la Concorde"]);
        assert!(found("Place Your Order. Parc des jeux. Blue Square Premier").is_empty());
    }

    #[test]
    fn french_names_of_countries_and_cities() {
        assert_eq!(
            found("Ayant fui l’Irak, il fut jugé à Édimbourg, puis vécut à Genève et en Syrie."),
            ["Irak", "Édimbourg", "Genève", "Syrie"]
        );
        // Also a common word or a first name: only after a preposition.
        assert!(found("Valence et Gênes sont venus.").is_empty());
        assert_eq!(found("Il vit à Valence."), ["Valence"]);
    }

    #[test]
    fn regions_of_the_world() {
        assert_eq!(
            found("He moved from Lancashire to Hampshire, then to Bavière and Ilocos Norte."),
            ["Lancashire", "Hampshire", "Bavière", "Ilocos Norte"]
        );
        // A region that is also a word needs its preposition.
        assert!(found("Champagne was served.").is_empty());
        assert_eq!(found("a village in Champagne"), ["Champagne"]);
    }

    #[test]
    fn country_abbreviations() {
        assert_eq!(
            found("in the UK and the US; U.S. troops, a USA tour, US citizens"),
            ["UK", "US", "U.S.", "USA", "US"]
        );
        assert!(found("HELP US NOW. Tell US.").is_empty());
    }

    #[test]
    fn a_town_that_a_region_qualifies() {
        assert_eq!(
            found("une maison sise à Stevenston, en Écosse ; born in Kilmarnock, Scotland"),
            ["Stevenston", "Écosse", "Kilmarnock", "Scotland"]
        );
        // Not without a preposition before it: a name, not a town.
        assert_eq!(found("Il a vu Marie, en France."), ["France"]);
    }

    #[test]
    fn latin1_lower_case_as_unicode_has_it() {
        // Latin-1 byte by byte; the rest through Unicode's tables.
        for c in ('\0'..='\u{5ff}').chain(['ẞ', 'Ω', 'İ', 'Ꭰ', '東']) {
            let mut key = b"x".to_vec();
            push_lower(&mut key, &format!("é{c}"));
            let want: String = format!("xé{c}")
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(String::from_utf8(key).unwrap(), want, "{c:?}");
        }
    }

    #[test]
    fn cities_countries_and_regions() {
        assert_eq!(
            found("Elle est née à Goiânia et vit à Seinäjoki, en Finlande."),
            ["Goiânia", "Seinäjoki", "Finlande"]
        );
        assert_eq!(
            found("He moved from South Africa to New York, then to Saint-Denis."),
            ["South Africa", "New York", "Saint-Denis"]
        );
        assert_eq!(found("ADRESSE : 12 AVENUE X, SEINÄJOKI"), ["SEINÄJOKI"]);
        assert_eq!(
            found("Bordeaux, Lyon, London, Berlin et Paris."),
            ["Bordeaux", "Lyon", "London", "Berlin", "Paris"]
        );
    }

    #[test]
    fn after_an_elided_article_and_in_official_forms() {
        assert_eq!(
            found("le tribunal d'Oslo, au sud d’Oslo, l'Europe"),
            ["Oslo", "Oslo", "Europe"]
        );
        // A name that starts with its article stays whole.
        assert_eq!(found("L'Aquila est une ville"), ["L'Aquila"]);
        assert!(found("l'Homme et d'Alice").is_empty());
        assert_eq!(
            found("contre le Royaume de Suède, the Kingdom of Norway"),
            ["Royaume de Suède", "Kingdom of Norway"]
        );
        assert_eq!(
            found("le Royaume-Uni de Grande-Bretagne et d’Irlande du Nord et"),
            ["Royaume-Uni de Grande-Bretagne et d’Irlande du Nord"]
        );
        assert_eq!(
            found("Il vit à Glasgow, en Ecosse, puis en Angleterre et au Pays de Galles."),
            ["Glasgow", "Ecosse", "Angleterre", "Pays de Galles"]
        );
    }

    #[test]
    fn after_the_noun_of_a_place_s_kind() {
        assert_eq!(
            found("le comté de Västerbo a rejeté, dans la commune de Brelonne"),
            ["Västerbo", "Brelonne"]
        );
        assert_eq!(found("the county of Wexham Down"), ["Wexham Down"]);
        assert!(!found("le département de Chimie").contains(&"Chimie".to_owned()));
    }

    #[test]
    fn common_words_need_a_preposition() {
        assert!(found("Nice work. Mobile phones. Reading is fun.").is_empty());
        assert_eq!(found("Il habite à Nice depuis 2010."), ["Nice"]);
        assert_eq!(found("She grew up in Reading."), ["Reading"]);
        // Cities that are first names or surnames.
        assert!(found("Alice and Tyler met Davis.").is_empty());
        assert_eq!(found("born in Tyler, Texas"), ["Tyler", "Texas"]);
    }

    #[test]
    fn not_places() {
        // Lower case, a name followed by another capitalised word.
        assert!(found("paris, lyon and the usa").is_empty());
        assert!(found("Paris Hilton smiled.").is_empty());
        assert!(found("").is_empty());
    }

    #[test]
    fn places_outside_the_gazetteer_after_a_verb_of_travel_or_residence() {
        assert_eq!(found("Mr. Leiva flew to LEPPEN on Tuesday."), ["LEPPEN"]);
        assert_eq!(
            found("She flew to Reguengos de Monsaraz on Friday."),
            ["Reguengos de Monsaraz"]
        );
        assert_eq!(found("we returned to Deanwell by helicopter"), ["Deanwell"]);
        assert_eq!(
            found("Il est originaire de Kpalimé et habite à Saint-Jean-de-Luz."),
            ["Kpalimé", "Saint-Jean-de-Luz"]
        );
        // No verb, another preposition, a weekday, a title, lower case.
        assert!(found("He talked to Deanwell. She went in Deanwell.").is_empty());
        assert!(found("moved to Monday, returned to Mr Smith, flew to deanwell").is_empty());
    }

    #[test]
    fn the_fast_preposition_check_knows_every_cue() {
        for (verb, preps) in CUES {
            for p in *preps {
                assert!(CUE_PREPOSITIONS.contains(p), "{verb} {p}");
            }
        }
    }

    #[test]
    fn context_kind() {
        const { assert!(!PLACE_NAME.personal) };
        assert_eq!(PLACE_NAME.label, Label::Location);
    }

    #[test]
    fn spans_lie_on_char_boundaries() {
        for t in [
            "Ħ Paris ŝ",
            "À Zürich😀 Genève",
            "ÉÉÉÉ Ŧ",
            "日本 Tokyo 東京",
        ] {
            for s in found(t) {
                assert!(t.contains(&s));
            }
        }
    }

    /// The spans of `text` from its capital words as `person` keeps them
    /// for the set (see [`Shared::keep_capital_words`]) and from the
    /// detector's own search for capitals.
    type Ranges = Vec<(usize, usize)>;

    fn both_ways(place: &Place, text: &str) -> (Ranges, Ranges) {
        let shared = Shared::default();
        shared.keep_capital_words(&crate::words::words(text));
        let (mut given, mut own) = (Vec::new(), Vec::new());
        place.detect_in(text, shared.capital_words(), &mut given);
        place.detect_in(text, None, &mut own);
        let ranges = |v: Vec<Span>| v.iter().map(|s| (s.start, s.end)).collect();
        (ranges(given), ranges(own))
    }

    #[test]
    fn the_capital_words_person_keeps_find_what_the_own_search_finds() {
        let place = Place::new().unwrap();
        for t in [
            "He moved from Lancashire to Hampshire, then to Bavière and Ilocos Norte.",
            "au Palais des Droits de l’Homme, à Strasbourg. Paris.Lyon -Nice' 'Rome-",
            "in the UK and the US; U.S. troops, a USA tour; d'Oslo, L'Aquila, à Évry.",
            "une maison sise à Stevenston, en Écosse ; born in Kilmarnock, Scotland",
            "Ħ Paris ŝ À Zürich😀 Genève ÉÉÉÉ Ŧ 日本 Tokyo 東京 -Paris. ...Lyon",
        ] {
            let (given, own) = both_ways(&place, t);
            assert!(!own.is_empty(), "{t}");
            assert_eq!(given, own, "{t}");
        }
    }

    use proptest::prelude::*;

    proptest::proptest! {
        #[test]
        fn the_capital_words_person_keeps_find_what_the_own_search_finds_anywhere(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "Paris", "Lyon", "Nice", "France", "New", "York", "Saint-Denis",
                        "à", "in", "en", "de", "la", "US", "U.S.", "d'Oslo", "L’Aquila",
                        "Écosse", "Scotland", "Mr", "Street", "le", "the", ",", ".", "'",
                        "-", "\n", "😀", "Zürich", "ÉVRY", "rue", "Texas", "Kent",
                    ]).prop_map(str::to_owned),
                    "[A-Za-zÀ-ÿ'.\\- ]{1,8}",
                ],
                0..40,
            ),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", ", ", "\n", " - "]), 40),
        ) {
            let mut text = String::new();
            for (w, g) in words.iter().zip(&glue) {
                text.push_str(w);
                text.push_str(g);
            }
            let (given, own) = both_ways(&Place::new().unwrap(), &text);
            proptest::prop_assert_eq!(given, own);
        }

        #[test]
        fn ascii_fast_paths_answer_as_the_char_paths(w in "[ -~]{0,12}") {
            proptest::prop_assert!(written_as_name(&w) == written_as_name_by_chars(&w), "{w:?}");
            let mut key = b"x".to_vec();
            push_lower(&mut key, &w);
            proptest::prop_assert_eq!(key, format!("x{}", w.to_lowercase()).into_bytes());
        }
    }
}
