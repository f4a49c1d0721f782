//! Organisations: companies, institutions, courts (`organization@8`,
//! ORGANIZATION).
//!
//! An organisation is not personal data (GDPR recital 14), so `organization`
//! is a context kind ([`Kind::context`]): scans do not count it and `clean`
//! keeps it unless a policy names it. It is found to tell names apart: "Aunt
//! Bertha Inc" is a company, not Ms Bertha; and `detect` reports it for
//! evaluations and tools that need it.
//!
//! Without a model, an organisation is found by the word that says what it
//! is, English and French:
//! - a legal form or an organisation word after capitalised words:
//!   `Conway Inc.`, `Civic Impulse LLC`, `Postel Properties Limited`,
//!   `Allstate Insurance Group`, `Fairmont State University`,
//!   `Legal Aid Board`, `Crown Court`;
//! - an institution word before them, with `of`/`de`/`du`/`des` between:
//!   `University of Oxford`, `Bank of America`, `Université de Bordeaux`,
//!   `ministère des Affaires étrangères`, `Chambre des lords`,
//!   `Société Générale`; French institution words in lower case count with
//!   a qualifier (`tribunal municipal d'Oslo`, `conseil municipal`,
//!   `cour d'appel de Versailles`, `Cour suprême`).
//!
//! - capitalised words after a phrase that says someone works there: "I
//!   work for Citigroup", "works at Wolters Kluwer", "employed by Teradata",
//!   "travaille chez Decathlon", "salariée de Renault".
//!
//! - the lines between the recipient and the street of a postal block
//!   (see `block`): `Caspio` between `Rolando Lettiere` and `03220
//!   Augsburger Str. 12`.
//!
//! Capitalised words are words with an upper-case first letter or all in
//! capitals (`MAC News Media Association`), joined by `&`, `and`, `et`, `of`,
//! `de`... Score 0.7. Brand names alone elsewhere ("which later became
//! Zillow") are missed: that is the model layer's job.

use std::sync::LazyLock;

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::lexicon::Lexicon;
use crate::shared::Shared;
use crate::words::{Word, all_caps, is_word_byte, word_at, word_before};

pub const ORGANIZATION: Kind = Kind::context("organization", Label::Organization);
const ID: &str = "organization@8";

const SCORE: f32 = 0.7;

/// How many capitalised words before a suffix word belong to the name.
const MAX_WORDS: usize = 5;

/// Words that end an organisation's name (legal forms and kinds of bodies).
const SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "Incorporated",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "LLP",
    "PLC",
    "plc",
    "Corp",
    "Corp.",
    "Corporation",
    "Company",
    "Co.",
    "GmbH",
    "AG",
    "KG",
    "SA",
    "S.A.",
    "SAS",
    "SARL",
    "SNC",
    "SCI",
    "NV",
    "BV",
    "Oy",
    "AB",
    "A/S",
    "ASA",
    "SpA",
    "S.p.A.",
    "Srl",
    "Group",
    "Groupe",
    "Holding",
    "Holdings",
    "Bank",
    "Partners",
    "Associates",
    "Foundation",
    "Institute",
    "University",
    "College",
    "Hospital",
    "Clinic",
    "Insurance",
    "Assurances",
    "Solutions",
    "Technologies",
    "Technology",
    "Systems",
    "Labs",
    "Laboratories",
    "Ventures",
    "Capital",
    "Consulting",
    "Software",
    "Pharmaceuticals",
    "Airlines",
    "Airways",
    "Motors",
    "Industries",
    "Enterprises",
    "Association",
    "Society",
    "Board",
    "Council",
    "Court",
    "Department",
    "Ministry",
    "Office",
    "Agency",
    "Commission",
    "Committee",
    "Authority",
    "Union",
    "Federation",
    "Party",
    "Church",
    "School",
    "Academy",
    "Museum",
    "Club",
    "Records",
    "Press",
    "Times",
    "News",
    "Markets",
    "Services",
    "Media",
    // Armed forces and their units ("German Air Force", "U.S. Sixth
    // Fleet", "VIII Fighter Command", "Torrejon Air Base"), and the
    // places that are run as organisations ("Shrine Auditorium").
    "Force",
    "Forces",
    "Command",
    "Fleet",
    "Army",
    "Navy",
    "Corps",
    "Regiment",
    "Brigade",
    "Squadron",
    "Division",
    "Base",
    "Airport",
    "Hotel",
    "Auditorium",
];

/// Words that begin an organisation's name, followed by `of`/`de`... and
/// capitalised words, or directly by them.
const PREFIXES: &[&str] = &[
    "University",
    "Université",
    "Universität",
    "Universidad",
    "Università",
    "Bank",
    "Banque",
    "Ministry",
    "Ministère",
    "ministère",
    "Société",
    "Hôpital",
    "Institut",
    "Fondation",
    "Association",
    "Lycée",
    "Collège",
    "Clinique",
    "Caisse",
    "Conseil",
    "Tribunal",
    "Chambre",
    "Cour",
    "Crédit",
    "Compagnie",
    "Groupe",
    "Syndicat",
    "Fédération",
    "Parti",
    "Église",
    "Mairie",
    "Préfecture",
    "Department",
    "Court",
    "Council",
    "House",
    // French institutions are written in lower case, often with a
    // qualifier: "tribunal municipal d'Oslo", "conseil municipal de
    // Sunderland", "centre d'accueil d'Oakington" (see `QUALIFIERS`).
    "tribunal",
    "conseil",
    "cour",
    "centre",
    "préfecture",
    "mairie",
    "commissariat",
    "prison",
];

/// Lower-case words that say which body a French institution word names:
/// one or two after it make a name ("tribunal municipal", "Cour suprême",
/// "cour d'appel de Versailles"), with or without a place after them.
const QUALIFIERS: &[&str] = &[
    "municipal",
    "municipale",
    "administratif",
    "administrative",
    "régional",
    "régionale",
    "départemental",
    "départementale",
    "général",
    "générale",
    "suprême",
    "constitutionnel",
    "constitutionnelle",
    "correctionnel",
    "pénal",
    "civil",
    "fédéral",
    "fédérale",
    "national",
    "nationale",
    "pénitentiaire",
    "hospitalier",
    "d'appel",
    "d’appel",
    "d'accueil",
    "d’accueil",
    "d'assises",
    "d’assises",
    "d'État",
    "d’État",
    "d'instance",
    "d’instance",
    "de cassation",
    "de grande instance",
    "de rétention",
    "de détention",
    "du travail",
    "des prud'hommes",
    "des prud’hommes",
];

/// Phrases after which capitalised words name an employer (lower case; the
/// capitalised form is added).
const EMPLOYER_CUES: &[&str] = &[
    "work for",
    "works for",
    "worked for",
    "working for",
    "work at",
    "works at",
    "worked at",
    "working at",
    "employed by",
    "employed at",
    "employee of",
    "employee at",
    "intern at",
    "interned at",
    "job at",
    "year at",
    "years at",
    "travaille chez",
    "travaille pour",
    "travaillait chez",
    "travaillait pour",
    "employé chez",
    "employée chez",
    "employé par",
    "employée par",
    "salarié de",
    "salariée de",
    "salarié chez",
    "salariée chez",
    "stagiaire chez",
    "embauché chez",
    "embauchée chez",
];

/// Words that join the words of a name.
const JOINERS: &[&str] = &[
    "and", "of", "for", "et", "de", "du", "des", "d'", "la", "le", "les",
];

/// Words after a name that make it the name of an identifier.
const IDENTIFIER_WORDS: &[&str] = &["number", "numbers", "no", "No", "card", "numéro", "Number"];

/// Capitalised words that do not start a name ("The Bank" is not one).
const NOT_START: &[&str] = &[
    "The", "A", "An", "This", "That", "Our", "Their", "His", "Her", "My", "Your", "Its", "Le",
    "La", "Les", "Un", "Une", "Ce", "Cette", "Notre", "Votre", "Leur", "In", "At", "For", "From",
    "To", "By", "With", "And", "But", "Or", "If", "When",
];

/// An upper-case first letter, and not a code: at most two digits ("3M",
/// "21st Century" are names; "BZ918510A" is an identifier).
/// A capitalised word after an elided article or preposition: "l'Intérieur",
/// "d’Oslo".
fn elided_capital(w: &str) -> bool {
    ["l'", "l’", "d'", "d’"]
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .is_some_and(capitalised)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.bytes().filter(u8::is_ascii_digit).count() <= 2
}

/// The text between two words is a single space (or ` & `, which is not a
/// word).
fn spaced(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    matches!(text.get(a.end..b.start), Some(" " | " & "))
}

/// The word after `w`, if one follows.
fn next_word<'t>(text: &'t str, w: &Word<'t>) -> Option<Word<'t>> {
    let b = text.as_bytes();
    let mut i = w.end;
    while i < b.len() && !is_word_byte(b[i]) {
        if i - w.end > 3 {
            return None;
        }
        i += 1;
    }
    (i < b.len()).then(|| word_at(text, i).1).flatten()
}

/// Words after an organisation's name that say it is one: "the Uber
/// website". (Each entry costs a walk of the lexicon at every word that
/// begins like it: the list stays short.)
const SITE_WORDS: &[&str] = &["website"];

/// Phrases after which capitalised words, then "is", name who has the
/// address: "The address of Evidera is ...". A person's name (a first
/// name of the gazetteer first) is left to the person detector.
const ADDRESS_OF: &[&str] = &["address of", "adresse de", "adresse d'"];

pub struct Organization {
    /// Suffix and prefix words, found at word starts, then checked to stand
    /// alone.
    words: Lexicon,
    /// Entries of `words` from this index on are employer cues.
    names: usize,
    /// Entries of `words` from this index on are [`SITE_WORDS`].
    sites: usize,
    /// Entries of `words` from this index on are [`ADDRESS_OF`].
    owners: usize,
    /// Entries of `words` from this index on are the names of
    /// `data/organizations/known.txt`.
    known: usize,
}

/// Well-known organisations, written as they are in text (see the file's
/// header: no name that is also a common word).
const KNOWN: &str = include_str!("../../data/organizations/known.txt");

impl Organization {
    pub fn new() -> Result<Self, BuildError> {
        let mut entries: Vec<String> = SUFFIXES
            .iter()
            .chain(PREFIXES)
            .map(|w| (*w).to_owned())
            .collect();
        let names = entries.len();
        for cue in EMPLOYER_CUES {
            entries.push((*cue).to_owned());
            entries.push(crate::words::title_case(cue));
        }
        let sites = entries.len();
        entries.extend(SITE_WORDS.iter().map(|w| (*w).to_owned()));
        let owners = entries.len();
        for cue in ADDRESS_OF {
            entries.push((*cue).to_owned());
            entries.push(crate::words::title_case(cue));
        }
        let known = entries.len();
        for name in KNOWN
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            entries.extend(crate::lexicon::with_either_apostrophe(name));
        }
        let words = Lexicon::new(ID, &entries, false, is_word_byte)?;
        Ok(Self {
            words,
            names,
            sites,
            owners,
            known,
        })
    }

    /// The capitalised words after an [`ADDRESS_OF`] cue that ends at `e`,
    /// when "is" or "est" follows them and they do not start with a first
    /// name.
    fn address_owner(text: &str, e: usize) -> Option<(usize, usize)> {
        let (from, to) = Self::employer(text, e)?;
        let first = word_at(text, from).1?;
        if crate::names::is_first_name(first.text) {
            return None;
        }
        let rest = &text[to..];
        (rest.starts_with(" is ") || rest.starts_with(" est ")).then_some((from, to))
    }

    /// The capitalised words between "the" and a site word that starts at
    /// `s`: "the Roadify Transit website".
    fn site_owner(text: &str, s: usize) -> Option<(usize, usize)> {
        let site = Word {
            start: s,
            end: s,
            text: "",
        };
        let last = word_before(text, s).filter(|p| spaced(text, p, &site))?;
        if !capitalised(last.text) || NOT_START.contains(&last.text) {
            return None;
        }
        let first = Self::start_before(&site, text)?;
        let the = word_before(text, first.start).filter(|p| spaced(text, p, &first))?;
        matches!(the.text, "the" | "The").then_some((first.start, last.end))
    }

    /// The capitalised words right after an employer cue that ends at `e`.
    fn employer(text: &str, e: usize) -> Option<(usize, usize)> {
        if text.as_bytes().get(e) != Some(&b' ') {
            return None;
        }
        let (_, Some(first)) = word_at(text, e + 1) else {
            return None;
        };
        if first.start != e + 1 || !capitalised(first.text) {
            return None;
        }
        let last = Self::end_after(&first, text);
        // "The Guardian", not "The" alone.
        if NOT_START.contains(&first.text) && last.is_none() {
            return None;
        }
        Some((first.start, last.map_or(first.end, |l| l.end)))
    }

    /// The first word of the name ending with suffix word `w`, if any.
    fn start_before<'t>(w: &Word<'t>, text: &'t str) -> Option<Word<'t>> {
        let mut first = None;
        let mut cur = Word { ..*w };
        let mut n = 0;
        while n < MAX_WORDS {
            let Some(p) = word_before(text, cur.start) else {
                break;
            };
            if !spaced(text, &p, &cur) {
                break;
            }
            if capitalised(p.text) && !SUFFIXES.contains(&p.text) && !NOT_START.contains(&p.text) {
                n += 1;
                cur = p;
                first = Some(Word { ..cur });
            } else if JOINERS.contains(&p.text)
                && let Some(pp) = word_before(text, p.start)
                && spaced(text, &pp, &p)
                && capitalised(pp.text)
                && !NOT_START.contains(&pp.text)
            {
                cur = p;
            } else {
                break;
            }
        }
        first
    }

    /// The end of the qualifiers after a French institution word ("tribunal
    /// municipal", "cour d'appel"), if one or two follow it.
    fn qualified(w: &Word<'_>, text: &str) -> Option<usize> {
        let mut end = w.end;
        for _ in 0..2 {
            let rest = text.get(end..)?.strip_prefix(' ')?;
            let Some(q) = QUALIFIERS.iter().find(|q| {
                rest.strip_prefix(**q)
                    .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
            }) else {
                break;
            };
            end += 1 + q.len();
        }
        (end > w.end).then_some(end)
    }

    /// The last word of the name starting with prefix word `w`, if any.
    fn end_after<'t>(w: &Word<'t>, text: &'t str) -> Option<Word<'t>> {
        let mut last = None;
        let mut cur = Word { ..*w };
        let mut n = 0;
        while n < MAX_WORDS {
            let Some(nx) = next_word(text, &cur) else {
                break;
            };
            if !spaced(text, &cur, &nx) {
                break;
            }
            if capitalised(nx.text) || (n == 0 && elided_capital(nx.text)) {
                n += 1;
                cur = nx;
                last = Some(Word { ..cur });
                continue;
            }
            if !JOINERS.contains(&nx.text) {
                break;
            }
            // One or two joiners ("of", "de la") before a capitalised word.
            let Some(after) = next_word(text, &nx).filter(|a| spaced(text, &nx, a)) else {
                break;
            };
            if capitalised(after.text) || (n == 0 && elided_capital(after.text)) {
                cur = nx;
            } else if JOINERS.contains(&after.text)
                && next_word(text, &after)
                    .is_some_and(|a2| spaced(text, &after, &a2) && capitalised(a2.text))
            {
                cur = after;
            } else {
                break;
            }
        }
        last
    }
}

impl Detector for Organization {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[ORGANIZATION]
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.detect_shared(text, &Shared::default(), out);
    }

    fn word_lists(&self) -> Vec<&dyn std::any::Any> {
        vec![&self.words]
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        let Some(shared) = Shared::of(shared) else {
            return self.detect(text, out);
        };
        let from = out.len();
        self.names(text, shared, out);
        firm_names(text, out);
        // A company between the recipient and the street of a postal block.
        for block in shared.blocks(text) {
            for &(s, e) in &block.organisations {
                out.push(Span::new(s, e, ORGANIZATION, SCORE, ID));
            }
        }
        short_names(text, out, from);
    }
}

/// A firm named after its partners: three or four surnames of the gazetteer,
/// "A, B and C" or "A, B & C" ("Jones, Mitchell and Williams", "Barnett,
/// Melton & Garcia"), none of them a first name alone or a place. 0.7.
fn firm_names(text: &str, out: &mut Vec<Span>) {
    // (The finders are built once: building one costs more than searching
    // a short text.)
    static JOINERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memchr::memmem::Finder::new(" and "),
            memchr::memmem::Finder::new(" & "),
        ]
    });
    let b = text.as_bytes();
    let surname =
        |w: &Word<'_>| capitalised(w.text) && !all_caps(w.text) && crate::names::is_surname(w.text);
    for finder in &*JOINERS {
        let joiner = finder.needle();
        for at in finder.find_iter(b) {
            let after = at + joiner.len();
            let (_, Some(last)) = word_at(text, after) else {
                continue;
            };
            if last.start != after || !surname(&last) {
                continue;
            }
            // Back over "B" and ", A" (and maybe one more ", A").
            let mut start = at;
            let mut names = 0;
            while names < 3 {
                let Some(w) = word_before(text, start) else {
                    break;
                };
                let gap = text.get(w.end..start);
                if !(if names == 0 {
                    gap == Some("")
                } else {
                    gap == Some(", ")
                }) || !surname(&w)
                {
                    break;
                }
                names += 1;
                start = w.start;
            }
            if names >= 2 {
                out.push(Span::new(start, last.end, ORGANIZATION, SCORE, ID));
            }
        }
    }
}

/// Quotation marks that open a defined short name, with their closing mark.
const DEFINITION_QUOTES: &[(&str, &str)] = &[
    ("« ", " »"),
    ("«", "»"),
    ("\" ", " \""),
    ("\"", "\""),
    ("“", "”"),
];

/// The short name an organisation is given right after its name, in
/// brackets and quotes ("Postel Properties Limited (« Postel »)",
/// "Cosmesin A/S (" Cosmesin ")", "(hereinafter "the Bank")"), and its
/// later mentions as whole words, as ORGANIZATION. Legal texts name a
/// party in full once and by its short name afterwards. At most three
/// capitalised words; "the"/"la" aside.
fn short_names(text: &str, out: &mut Vec<Span>, from: usize) {
    let mut aliases: Vec<(usize, &str)> = Vec::new();
    for span in out.get(from..).unwrap_or_default() {
        let rest = &text[span.end..];
        let Some(inner) = rest.strip_prefix(" (") else {
            continue;
        };
        let inner = [
            "ci-après ",
            "hereinafter ",
            "ci-après dénommée ",
            "hereafter ",
        ]
        .iter()
        .find_map(|p| inner.strip_prefix(p))
        .unwrap_or(inner);
        for (open, close) in DEFINITION_QUOTES {
            let Some(quoted) = inner.strip_prefix(open) else {
                continue;
            };
            let Some(len) = quoted.find(close) else {
                continue;
            };
            let name = quoted[..len]
                .trim_start_matches("the ")
                .trim_start_matches("la ")
                .trim_start_matches("le ")
                .trim_start_matches("l'")
                .trim_start_matches("l’");
            let words = name.split(' ').count();
            if (1..=3).contains(&words)
                && name.chars().next().is_some_and(char::is_uppercase)
                && name
                    .split(' ')
                    .all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-'))
            {
                let at = text.len() - quoted.len() + (quoted[..len].len() - name.len());
                aliases.push((at, name));
            }
            break;
        }
    }
    if aliases.is_empty() {
        return;
    }
    let b = text.as_bytes();
    let mut found = Vec::new();
    for (defined_at, name) in aliases {
        found.push(Span::new(
            defined_at,
            defined_at + name.len(),
            ORGANIZATION,
            SCORE,
            ID,
        ));
        for (k, _) in text.match_indices(name) {
            let end = k + name.len();
            let whole = (k == 0 || !is_word_byte(b[k - 1]))
                && b.get(end).is_none_or(|&c| !is_word_byte(c) || c == b'.');
            if whole && k != defined_at && !out[from..].iter().any(|s| s.start <= k && k < s.end) {
                found.push(Span::new(k, end, ORGANIZATION, SCORE, ID));
            }
        }
    }
    out.extend(found);
}

impl Organization {
    /// Organisations named by a legal form or body word, an institution
    /// word, an employer cue, a site word or an address-of phrase.
    fn names(&self, text: &str, shared: &Shared, out: &mut Vec<Span>) {
        let b = text.as_bytes();
        let mut claimed_to = 0usize;
        for m in shared.find(&self.words, text) {
            let (s, e) = (m.start, m.end);
            // The match must be a whole word, as `word_at` cuts it.
            if s < claimed_to {
                continue;
            }
            // Entries that name the organisation around them, by the
            // range they come from.
            if m.entry >= self.names {
                let found = if m.entry >= self.known {
                    // A whole word: "UNESCO", not "UNESCOs"; a full stop
                    // may end the sentence, a possessive may follow
                    // ("BBC's").
                    let rest = &text[e..];
                    (b.get(e).is_none_or(|&c| !is_word_byte(c) || c == b'.')
                        || rest.starts_with("'s")
                        || rest.starts_with("’s"))
                    .then_some((s, e))
                } else if m.entry >= self.owners {
                    Self::address_owner(text, e)
                } else if m.entry >= self.sites {
                    Self::site_owner(text, s).filter(|&(from, _)| from >= claimed_to)
                } else {
                    Self::employer(text, e)
                };
                if let Some((from, to)) = found {
                    out.push(Span::new(from, to, ORGANIZATION, SCORE, ID));
                    claimed_to = to;
                }
                continue;
            }
            let (_, Some(mut w)) = word_at(text, s) else {
                continue;
            };
            if w.end != e {
                // A legal form with a slash ("A/S") is not one word.
                if !text[s..e].contains('/') || b.get(e).is_some_and(|&c| is_word_byte(c)) {
                    continue;
                }
                w = Word {
                    start: s,
                    end: e,
                    text: &text[s..e],
                };
            }
            if PREFIXES.contains(&w.text) {
                // A lower-case institution word needs its qualifiers; they
                // may stand alone ("le tribunal municipal") or come before
                // the place ("tribunal municipal d'Oslo").
                let lower = w.text.starts_with(|c: char| c.is_lowercase());
                let qualified = Self::qualified(&w, text);
                let head = match qualified {
                    Some(end) => Word {
                        start: w.start,
                        end,
                        text: &text[w.start..end],
                    },
                    None => Word { ..w },
                };
                let end = Self::end_after(&head, text)
                    .map(|last| last.end)
                    .or(qualified);
                if let Some(end) =
                    end.filter(|_| !lower || qualified.is_some() || w.text == "ministère")
                {
                    out.push(Span::new(w.start, end, ORGANIZATION, SCORE, ID));
                    claimed_to = end;
                    continue;
                }
            }
            if SUFFIXES.contains(&w.text)
                && let Some(from) = Self::start_before(&w, text)
                && from.start >= claimed_to
            {
                // Extend over following suffix words: "Allstate Insurance Group".
                let mut last = w;
                while let Some(nx) = next_word(text, &last)
                    .filter(|nx| SUFFIXES.contains(&nx.text) && spaced(text, &last, nx))
                {
                    last = nx;
                }
                // "National Insurance number", "Social Security card": the
                // name of an identifier, not a body.
                if next_word(text, &last).is_some_and(|nx| IDENTIFIER_WORDS.contains(&nx.text)) {
                    claimed_to = last.end;
                    continue;
                }
                out.push(Span::new(from.start, last.end, ORGANIZATION, SCORE, ID));
                claimed_to = last.end;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<String> {
        run_one(Box::new(Organization::new().unwrap()), text)
            .into_iter()
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn legal_forms_and_bodies_after_the_name() {
        assert_eq!(found("She joined Conway Inc. in 2019."), ["Conway Inc."]);
        assert_eq!(
            found("Civic Impulse LLC and Allstate Insurance Group merged."),
            ["Civic Impulse LLC", "Allstate Insurance Group"]
        );
        assert_eq!(found("The Legal Aid Board refused."), ["Legal Aid Board"]);
        assert_eq!(
            found("with the Norvian Air Force, at Tervel Air Base and the Grand Oriel Hotel"),
            ["Norvian Air Force", "Tervel Air Base", "Grand Oriel Hotel"]
        );
        assert_eq!(
            found("Postel Properties Limited"),
            ["Postel Properties Limited"]
        );
        assert_eq!(found("Messrs Wilson & Co. wrote"), ["Messrs Wilson & Co."]);
    }

    #[test]
    fn firms_named_after_their_partners() {
        assert_eq!(
            found("The address of Glover, Ruiz and Armstrong is"),
            ["Glover, Ruiz and Armstrong"]
        );
        assert_eq!(
            found("He joined Barnett, Melton & Garcia in May."),
            ["Barnett, Melton & Garcia"]
        );
        // A name that is also a place or a word is in no gazetteer: no firm.
        assert!(found("Jones, Mitchell and Williams").is_empty());
        // Two names are a pair of people, not a firm.
        assert!(found("Jones and Williams met.").is_empty());
    }

    #[test]
    fn the_company_line_of_a_postal_block() {
        assert_eq!(
            found(">Tzigane Lantos\n>Fritz-Armstrong\n>Tzigane Lantos\n>76556 29 Rue de Tanger"),
            ["Fritz-Armstrong"]
        );
        assert_eq!(
            found("??? Linneo Medrano\n??? American Red Ball Movers\n??? 79367 Nybyvägen 65"),
            ["American Red Ball Movers"]
        );
        // Above a sentence, not a street; a line alone above the street.
        assert!(found("Linneo Medrano\nPaxata\nwas founded in 2012.").is_empty());
        assert!(found("Paxata\n79367 Nybyvägen 65").is_empty());
    }

    #[test]
    fn french_institutions_in_lower_case() {
        assert_eq!(
            found("soumise au tribunal municipal d'Oslo ; puis la Cour suprême a estimé"),
            ["tribunal municipal d'Oslo", "Cour suprême"]
        );
        assert_eq!(
            found("un agent du ministère de l’Intérieur ; le conseil municipal de Sunderland"),
            [
                "ministère de l’Intérieur",
                "conseil municipal de Sunderland"
            ]
        );
        // Without a qualifier, a lower-case institution word is no name.
        assert!(found("Il est au centre de la pièce. Le conseil a décidé.").is_empty());
    }

    #[test]
    fn well_known_organisations_as_written() {
        assert_eq!(
            found("on the BBC's site, then UNESCO and L’Oréal. the bbc, UNESCOs"),
            ["BBC", "UNESCO", "L’Oréal"]
        );
    }

    #[test]
    fn short_names_defined_after_the_full_name() {
        assert_eq!(
            found("à Varnel Holdings Limited (« Varnel »), puis vendu à Varnel. Varnelia"),
            ["Varnel Holdings Limited", "Varnel", "Varnel"]
        );
        assert_eq!(
            found("Quintor Laboratorieprodukter A/S (\" Quintor \") et Dravel A/S"),
            ["Quintor Laboratorieprodukter A/S", "Quintor", "Dravel A/S"]
        );
        assert_eq!(
            found("the Northern Legal Aid Board (\" the Board \") wrote; the Board refused"),
            ["Northern Legal Aid Board", "Board", "Board"]
        );
        // No quotes, or not a name: nothing more.
        assert_eq!(
            found("Varnel Holdings Limited (2019), then Varnel"),
            ["Varnel Holdings Limited"]
        );
    }

    #[test]
    fn employers_after_a_cue() {
        assert_eq!(found("I work for Wolters Kluwer"), ["Wolters Kluwer"]);
        assert_eq!(found("Works at The Guardian since 2019."), ["The Guardian"]);
        assert_eq!(
            found("Elle travaille chez Decathlon, il est salarié de Renault Trucks."),
            ["Decathlon", "Renault Trucks"]
        );
        // The name is said once.
        assert_eq!(found("I work for Aunt Bertha Inc"), ["Aunt Bertha Inc"]);
        assert_eq!(
            found("She spent a year at Quorvane as an intern"),
            ["Quorvane"]
        );
        assert_eq!(
            found("according to the Velotrix Mobility website, and the Zandoo app"),
            ["Velotrix Mobility"]
        );
        assert!(found("the website, The website, a Velotrix website").is_empty());
        assert_eq!(
            found("The address of Brindlecast is 12 Main St. The address of Jean Morel is"),
            ["Brindlecast"]
        );
        assert!(found("the address of Brindlecast was").is_empty());
        assert!(found("I work for the government. I work for The end.").is_empty());
        // An identifier before an organisation word is not part of its name.
        assert_eq!(
            found("IBAN FR7630006000011234567890189. Hospital staff"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn institution_words_before_the_name() {
        assert_eq!(
            found("studied at the University of Oxford."),
            ["University of Oxford"]
        );
        assert_eq!(
            found("le ministère des Affaires étrangères a répondu"),
            ["ministère des Affaires"]
        );
        assert_eq!(found("la Chambre des Lords"), ["Chambre des Lords"]);
        assert_eq!(
            found("un prêt de la Société Générale"),
            ["Société Générale"]
        );
    }

    #[test]
    fn not_organisations() {
        assert!(found("the bank of the river; a group of friends").is_empty());
        assert!(found("The University is closed.").is_empty());
        assert!(found("Group meeting at 10.").is_empty());
        assert!(found("National Insurance number: QQ 12 34 56 C").is_empty());
        assert!(found("").is_empty());
        const { assert!(!ORGANIZATION.personal) };
    }
}
