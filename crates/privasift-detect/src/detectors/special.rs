//! Special categories of personal data (GDPR Art. 9) and criminal-offence
//! data (Art. 10), in English and French: a lexicon per category (the files
//! in `data/special/`, with their provenance), scored by whether the text
//! attaches the term to a person.
//!
//! A word alone is not enough: "le diabète de type 2 touche 4 millions de
//! Français" is about a disease, "je suis diabétique depuis 2019" and "Mme
//! Durand, atteinte d'un diabète" are about a person. So each term found is
//! scored from its sentence:
//!
//! | in the sentence | score |
//! |---|---|
//! | a first-person word (I, my, je, suis, mon, on est...) or a title and a name (Mme Durand, Dr Smith) | 0.9 |
//! | an opening with no subject ("Been on sertraline...", "Spent the night in a cell", "Two months off the antidepressants"), with no generic subject | 0.9 |
//! | a first name (the gazetteers of [`names`](crate::names)), a kinship word written as a name (Dad, Mamie), or a capitalised word opening the sentence before a verb of a person (Rajesh wears, Pierre distribue), with no generic subject | 0.85 |
//! | the record reads as a profile (`bio:`, `profil :`, `CV:`) or opens with a form's label (`HR disclosure form:`, `Formulaire de candidature :`) | 0.85 |
//! | a third-person pronoun before the term (he, she, il, elle), a word that ties a condition or an offence to one person (diagnosed, atteinte, convicted, condamné), or a first-person word in the sentence before or after, with no generic subject | 0.7 |
//! | none of these, or a generic subject (millions, people, %, according to, selon, une étude; not a capitalised one inside the sentence, "People's Party") with no first person or name | 0.3 |
//!
//! The default threshold (0.5) keeps the first three. Only the term is
//! reported as the span; `scan` reports at record level which categories a
//! record reveals, and `clean`'s default policy drops such records.

use std::cell::OnceCell;

use privasift_core::{Detector, Kind, Label, Span};

use crate::BuildError;
use crate::context::floor_boundary;
use crate::lexicon::{Hit, Lexicon};
use crate::shared::Shared;

const ID: &str = "special-category@8";

pub const HEALTH: Kind = Kind::new("health", Label::Health);
pub const RELIGION: Kind = Kind::new("religion-or-belief", Label::ReligionOrBelief);
pub const POLITICAL: Kind = Kind::new("political-opinion", Label::PoliticalOpinion);
pub const UNION: Kind = Kind::new("trade-union", Label::TradeUnion);
pub const SEXUAL: Kind = Kind::new("sexual-orientation-or-life", Label::SexualOrientationOrLife);
pub const ETHNIC: Kind = Kind::new("ethnic-origin", Label::EthnicOrigin);
pub const GENETIC: Kind = Kind::new("genetic", Label::Genetic);
pub const BIOMETRIC: Kind = Kind::new("biometric", Label::Biometric);
pub const CRIMINAL: Kind = Kind::new("criminal-offence", Label::CriminalOffence);

const KINDS: &[Kind] = &[
    HEALTH, RELIGION, POLITICAL, UNION, SEXUAL, ETHNIC, GENETIC, BIOMETRIC, CRIMINAL,
];

/// The lexicons, compiled in (`data/special/*.txt`).
const LEXICONS: &[(Kind, &str)] = &[
    (HEALTH, include_str!("../../data/special/health.txt")),
    (RELIGION, include_str!("../../data/special/religion.txt")),
    (POLITICAL, include_str!("../../data/special/political.txt")),
    (UNION, include_str!("../../data/special/union.txt")),
    (SEXUAL, include_str!("../../data/special/sexual.txt")),
    (ETHNIC, include_str!("../../data/special/ethnic.txt")),
    (GENETIC, include_str!("../../data/special/genetic.txt")),
    (BIOMETRIC, include_str!("../../data/special/biometric.txt")),
    (CRIMINAL, include_str!("../../data/special/criminal.txt")),
];

/// Pairs of word lists (`data/special/*-pairs.txt`): a word of the first
/// and one of the second, close together in one sentence, reveal the
/// category where neither does alone ("scans my daughter's thumb", "deux
/// hommes ... nous pacser"). The files' header says how close.
const PAIRS: &[(Kind, &str)] = &[
    (
        BIOMETRIC,
        include_str!("../../data/special/biometric-pairs.txt"),
    ),
    (SEXUAL, include_str!("../../data/special/sexual-pairs.txt")),
];

/// How far apart the two words of a pair may be: bytes, and words between.
const PAIR_REACH: usize = 80;
const PAIR_WORDS_BETWEEN: usize = 4;

/// The owner id of pair `k`'s first words in the lexicon automaton:
/// `PAIR_ANCHOR + k`.
const PAIR_ANCHOR: usize = 1 << 20;

/// A pairs file's sections: `[first]`, `[second]`, `[before]`, `[not]`.
#[derive(Default)]
struct PairLists<'a> {
    first: Vec<&'a str>,
    second: Vec<&'a str>,
    before: Vec<&'a str>,
    not: Vec<&'a str>,
}

fn pair_lists(file: &str) -> PairLists<'_> {
    let mut lists = PairLists::default();
    let mut into: Option<&mut Vec<&str>> = None;
    for line in file.lines().map(str::trim) {
        match line {
            "[first]" => into = Some(&mut lists.first),
            "[second]" => into = Some(&mut lists.second),
            "[before]" => into = Some(&mut lists.before),
            "[not]" => into = Some(&mut lists.not),
            _ if line.is_empty() || line.starts_with('#') => {}
            _ => {
                if let Some(list) = into.as_mut() {
                    list.push(line);
                }
            }
        }
    }
    lists
}

/// A pair's lists after its first words (which are anchors in the
/// lexicon): second words (owner 0: either side; 1: only before).
struct Pair {
    kind: Kind,
    second: Words,
    not: Words,
}

impl Pair {
    fn new(kind: Kind, lists: &PairLists<'_>) -> Result<Self, BuildError> {
        let second = lists.second.iter().map(|w| (0, *w));
        let before = lists.before.iter().map(|w| (1, *w));
        Ok(Self {
            kind,
            second: Words::new(second.chain(before))?,
            not: Words::new(lists.not.iter().map(|w| (0, *w)))?,
        })
    }

    /// The finding for the first word at `s..e`, if a second word is close
    /// enough: from one word to the other.
    fn around(&self, text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
        let (from, to) = sentence(text, s, e);
        // Inside an idiom ("by hand", "face to face"): not the body.
        let (lo, hi) = (
            floor_boundary(text, s.saturating_sub(24).max(from)),
            floor_boundary(text, (e + 24).min(to)),
        );
        if self
            .not
            .find(text, lo, hi)
            .any(|(x, y, _)| x <= s && y >= e)
        {
            return None;
        }
        let lo = floor_boundary(text, s.saturating_sub(PAIR_REACH).max(from));
        let hi = floor_boundary(text, (e + PAIR_REACH).min(to));
        let words_between = |x: usize, y: usize| {
            text[x..y]
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
                .filter(|w| !w.is_empty())
                .count()
        };
        // Glued to the next word by a hyphen ("hand-written"): a compound,
        // unless that word is a second word ("face-matching").
        if text.as_bytes().get(e) == Some(&b'-')
            && !self
                .second
                .find(text, e + 1, hi)
                .next()
                .is_some_and(|(x, _, _)| x == e + 1)
        {
            return None;
        }
        self.second
            .find(text, lo, hi)
            .filter(|&(x, y, only_before)| {
                (y <= s && words_between(y, s) <= PAIR_WORDS_BETWEEN)
                    || (only_before == 0 && x >= e && words_between(e, x) <= PAIR_WORDS_BETWEEN)
            })
            .min_by_key(|&(x, y, _)| if y <= s { s - y } else { x - e })
            .map(|(x, y, _)| (s.min(x), e.max(y)))
    }
}

/// Words that make the writer the subject.
const FIRST_PERSON: &[&str] = &[
    "i",
    "i'm",
    "i’m",
    "im",
    "i've",
    "i’ve",
    "i'd",
    "i’d",
    "i'll",
    "i’ll",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "we're",
    "we’re",
    "our",
    "us",
    "je",
    "j'",
    "j’",
    "moi",
    "mon",
    "ma",
    "mes",
    "suis",
    "nous",
    "notre",
    "nos",
    "m'",
    "m’",
    "ourselves",
    "moi-même",
    // French "on" for "we", in forms English does not have ("on a" does).
    "on est",
    "on était",
    "on sera",
    "on s'",
    "on s’",
    "on se",
    // "on a" is also English ("on a Monday"); with a participle only French.
    "on a fait",
    "on a eu",
    "on a appris",
    "on a reçu",
];

/// Words that, opening a sentence with no subject, make the writer its
/// subject: a post's or a diary's ellipsis ("Been on sertraline for a
/// year", "Spent the night in a cell", "Started HRT in May").
const SUBJECTLESS: &[&str] = &[
    "been",
    "spent",
    "started",
    "starting",
    "had",
    "got",
    "getting",
    "went",
    "feeling",
    "finished",
    "stopped",
    "quit",
    "finally got",
    "finally had",
    "just got",
    "just had",
    "just started",
    "just been",
];

/// Kinship words written as a name ("Dad had a stent fitted", "Mamie est
/// diabétique"): the writer's own relative, so a person.
const KIN_NAMES: &[&str] = &[
    "Dad", "Daddy", "Mum", "Mummy", "Mom", "Mommy", "Grandma", "Grandpa", "Granny", "Grandad",
    "Nan", "Nana", "Maman", "Papa", "Mamie", "Papi", "Papy",
];

/// Verbs whose subject is a person: a capitalised word opening a sentence
/// before one of them is a name, in or out of the gazetteer ("Rajesh
/// wears a turban", "Pierre distribue des tracts").
const PERSON_VERBS: &[&str] = &[
    "wears",
    "wore",
    "attends",
    "attended",
    "prays",
    "converted",
    "told",
    "says",
    "said",
    "explained",
    "admitted",
    "confessed",
    "lives",
    "works",
    "married",
    "dates",
    "joined",
    "pleaded",
    "porte",
    "portait",
    "distribue",
    "travaille",
    "vit",
    "raconte",
    "explique",
    "dit",
    "fréquente",
    "prie",
    "milite",
    "confie",
    "avoue",
    "a avoué",
    "a confié",
    "a raconté",
    "a expliqué",
];

/// Words that open a sentence and are no name (before a verb of
/// [`PERSON_VERBS`]: "She says", "Everyone prays").
const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "these", "those", "he", "she", "it", "they", "we", "you", "one",
    "everyone", "someone", "nobody", "each", "every", "who", "which", "his", "her", "their", "le",
    "la", "les", "ce", "cette", "ces", "il", "elle", "ils", "elles", "on", "qui", "chacun",
    "personne", "tout", "tous", "son", "sa", "ses", "leur", "leurs", "un", "une",
];

/// Third-person pronouns: a person, when they come before the term.
const THIRD_PERSON: &[&str] = &[
    "he", "she", "he's", "she's", "his", "her", "him", "il", "elle",
];

/// Words that tie a condition, a belief or an offence to one person.
const ATTACHING: &[&str] = &[
    "diagnosed",
    "diagnostiqué",
    "diagnostiquée",
    "atteint",
    "atteinte",
    "souffre",
    "suffers",
    "suffering",
    "convicted",
    "condamné",
    "condamnée",
    "the patient",
    "le patient",
    "la patiente",
    "l'employé",
    "l'employée",
    "the employee",
    "the defendant",
    "le prévenu",
    "la prévenue",
    "the accused",
    "l'accusé",
    // Clinical notes: one patient described.
    "patient:",
    "patiente :",
    "patiente de",
    "year-old",
    "known",
    "admitted",
    "hospitalisé",
    "hospitalisée",
    "tested positive",
    "testé positif",
    "testée positive",
    "contaminé",
    "contaminée",
    // Membership of one person.
    "card-carrying",
    "member of the",
    "membre du",
    "membre de la",
    "adhérent du",
    "adhérente du",
    "adhérent de",
    "adhérente de",
    "supporter",
    "militant",
    "militante",
    "councillor",
    "conseiller municipal",
    "conseillère municipale",
    "employee",
    "salarié",
    "salariée",
    "candidat",
    "candidate",
    "donor:",
    "donor",
    "donneur",
    "donneuse",
];

/// Record openings that make the text a person's profile.
const PROFILE: &[&str] = &[
    "bio:",
    "bio :",
    "profil :",
    "profil:",
    "profile:",
    "about me",
    "à propos de moi",
    "looking for",
    "cherche",
    // A CV is one person's record.
    "cv:",
    "cv :",
];

/// Words that, in a record's opening label ("HR disclosure form:",
/// "Formulaire de candidature :"), make it a filled-in form: one person's.
const FORM_LABELS: &[&str] = &["form", "formulaire", "intake", "disclosure"];

/// Subjects that make a sentence general rather than about someone.
const GENERIC: &[&str] = &[
    "million",
    "millions",
    "billion",
    "milliard",
    "milliards",
    "%",
    "per cent",
    "percent",
    "pour cent",
    "people",
    "personnes",
    "patients",
    "population",
    "according to",
    "selon",
    "study",
    "studies",
    "étude",
    "études",
    "research",
    "worldwide",
    "dans le monde",
    "is a disease",
    "est une maladie",
    "symptoms",
    "symptômes",
];

/// Titles that, followed by a capitalised word, name a person.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "m.", "mme", "mlle", "me", "monsieur", "madame",
    "mr.", "mrs.", "ms.", "dr.", "prof.",
];

/// A word list matched case-insensitively (ASCII), as whole words: the left
/// edge always, the right edge when the entry ends with a letter (so `j'`
/// matches in `j'ai`). An entry ending in `*` is a prefix.
struct Words {
    lexicon: Lexicon,
    prefix: Vec<bool>,
    /// Which list an entry came from (for the lexicon: the kind).
    owner: Vec<usize>,
}

impl Words {
    fn new<'a>(lists: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self, BuildError> {
        let mut terms = Vec::new();
        let mut prefix = Vec::new();
        let mut owner = Vec::new();
        for (o, t) in lists {
            let t = t.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let (stem, is_prefix) = match t.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (t, false),
            };
            for term in crate::lexicon::with_either_apostrophe(stem) {
                terms.push(term);
                prefix.push(is_prefix);
                owner.push(o);
            }
        }
        // Whole words must end where the text's word does (the left edge
        // is the lexicon's own rule); prefixes and elisions run on.
        let word_end = terms
            .iter()
            .zip(&prefix)
            .map(|(t, &p)| {
                !p && !t.ends_with('\'')
                    && !t.ends_with('’')
                    && t.bytes().last().is_some_and(is_word_byte)
            })
            .collect();
        let lexicon = Lexicon::new(ID, &terms, true, is_word_byte)?.ending_words(word_end);
        Ok(Self {
            lexicon,
            prefix,
            owner,
        })
    }

    /// Whole-word matches in `text[from..to]`: (start, end, owner).
    fn find<'a>(
        &'a self,
        text: &'a str,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.whole_words(text, self.lexicon.find(text.as_bytes(), from, to))
    }

    /// [`Self::find`] over the whole text, from its shared word starts.
    fn find_all<'a>(
        &'a self,
        text: &'a str,
        shared: &'a Shared,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.whole_words(text, shared.find(&self.lexicon, text))
    }

    /// The hits that are whole words: (start, end, owner).
    fn whole_words<'a>(
        &'a self,
        text: &'a str,
        hits: impl Iterator<Item = Hit> + 'a,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let b = text.as_bytes();
        hits.filter_map(move |m| {
            let (s, mut e, i) = (m.start, m.end, m.entry);
            if self.prefix[i] {
                // Extend to the end of the word.
                while e < b.len() && is_word_byte(b[e]) {
                    e += 1;
                }
            } else {
                // An entry that ends with an apostrophe (`j'`, `j’`) runs
                // into the next word.
                let last = b[e - 1];
                let apostrophe = last == b'\'' || b[..e].ends_with("’".as_bytes());
                if !apostrophe && is_word_byte(last) && e < b.len() && is_word_byte(b[e]) {
                    return None;
                }
            }
            // A match cut inside a UTF-8 sequence is not a word.
            (text.is_char_boundary(s) && text.is_char_boundary(e)).then_some((s, e, self.owner[i]))
        })
    }

    fn any(&self, text: &str, from: usize, to: usize) -> bool {
        self.find(text, from, to).next().is_some()
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Organisation names that say which party or union someone belongs to:
/// capitalised words ending in Party, Front, Alliance (EN) or starting with
/// Parti, Mouvement, Front, Rassemblement (FR), and for unions: ending in
/// Union, Federation (not the European Union) or starting with Syndicat,
/// Fédération, Confédération.
const POLITICAL_ORG: &str = r"(?:\b(?:[A-Z][\w'’-]*\s){1,4}(?:Party|Front|Alliance|Movement)\b)|(?:\b(?:Parti|Mouvement|Front|Rassemblement)\s(?:(?:de|du|des|de la|pour|et|l'|la|le|les)\s?|[A-ZÉ][\w'’-]*\s?){1,5})";
const UNION_ORG: &str = r"(?:\b(?:[A-Z][\w'’-]*\s){1,4}(?:Union|Federation|Guild)\b)|(?:\b(?:Syndicat|Fédération|Confédération)\s(?:(?:de|du|des|de la|l'|la|le|les)\s?|[A-ZÉ][\w'’-]*\s?){1,5})";

/// The words the organisation patterns need: the regexes only run near one.
const ORG_WORDS: &[&str] = &[
    "party",
    "front",
    "alliance",
    "movement",
    "parti",
    "mouvement",
    "rassemblement",
    "union",
    "federation",
    "guild",
    "syndicat",
    "fédération",
    "confédération",
];
/// The owner id of the organisation anchors in the lexicon automaton.
const ORG_ANCHOR: usize = usize::MAX;

pub struct Special {
    lexicon: Words,
    /// The pairs' other lists (their first words are anchors in
    /// `lexicon`).
    pairs: Vec<Pair>,
    orgs: [(Kind, regex::Regex); 2],
    first: Words,
    subjectless: Words,
    person_verbs: Words,
    third: Words,
    attaching: Words,
    profile: Words,
    form: Words,
    generic: Words,
    titles: Words,
}

impl Special {
    pub fn new() -> Result<Self, BuildError> {
        // One automaton for the lexicons, the organisation anchors (owner
        // ORG_ANCHOR) and the pairs' first words (PAIR_ANCHOR + k): one pass
        // over the text finds all.
        let pair_files: Vec<(Kind, PairLists<'_>)> = PAIRS
            .iter()
            .map(|(kind, file)| (*kind, pair_lists(file)))
            .collect();
        let lexicon = Words::new(
            LEXICONS
                .iter()
                .enumerate()
                .flat_map(|(i, (_, text))| text.lines().map(move |l| (i, l)))
                .chain(ORG_WORDS.iter().map(|w| (ORG_ANCHOR, *w)))
                .chain(pair_files.iter().enumerate().flat_map(|(k, (_, lists))| {
                    lists.first.iter().map(move |w| (PAIR_ANCHOR + k, *w))
                })),
        )?;
        let one = |words: &[&'static str]| Words::new(words.iter().map(|w| (0, *w)));
        let pairs = pair_files
            .iter()
            .map(|(kind, lists)| Pair::new(*kind, lists))
            .collect::<Result<Vec<_>, BuildError>>()?;
        let re = |p: &str| {
            regex::Regex::new(p).map_err(|e| BuildError::Detector {
                detector: ID,
                message: e.to_string(),
            })
        };
        Ok(Self {
            lexicon,
            pairs,
            orgs: [(POLITICAL, re(POLITICAL_ORG)?), (UNION, re(UNION_ORG)?)],

            first: one(FIRST_PERSON)?,
            subjectless: one(SUBJECTLESS)?,
            person_verbs: one(PERSON_VERBS)?,
            third: one(THIRD_PERSON)?,
            attaching: one(ATTACHING)?,
            profile: one(PROFILE)?,
            form: one(FORM_LABELS)?,
            generic: one(GENERIC)?,
            titles: one(TITLES)?,
        })
    }

    /// A capitalised first name (of the gazetteer) in `text[from..to]`,
    /// outside the finding itself (`skip`): an organisation's name ("Green
    /// Party") does not name a person.
    fn first_name(&self, text: &str, from: usize, to: usize, skip: (usize, usize)) -> bool {
        let words = |a: usize, b: usize| {
            let (a, b) = (floor_boundary(text, a.min(b)), floor_boundary(text, b));
            text[a..b]
                .split(|c: char| !c.is_alphabetic())
                .any(|w| crate::names::is_first_name(w) || KIN_NAMES.contains(&w))
        };
        words(from, skip.0.max(from)) || words(skip.1.min(to), to)
    }

    /// A generic subject in `text[s..e]`; a capitalised one inside the
    /// sentence is part of a name ("the People's Labour group").
    fn generic(&self, text: &str, s: usize, e: usize) -> bool {
        let opening = first_word(text, s, e).map_or(s, |(a, _)| a);
        self.generic.find(text, s, e).any(|(a, _, _)| {
            a <= opening || !text[a..].chars().next().is_some_and(char::is_uppercase)
        })
    }

    /// The sentence `text[s..e]` opens, or its text after a short label
    /// opens ("Forum post: been on..."), with a word of [`SUBJECTLESS`]:
    /// the writer is its subject.
    fn opens_without_subject(&self, text: &str, s: usize, e: usize) -> bool {
        let label_end = text[s..e].find(':').filter(|&i| i <= 40).map(|i| s + i + 1);
        [Some(s), label_end].into_iter().flatten().any(|from| {
            first_word(text, from, e).is_some_and(|(a, _)| {
                self.subjectless.find(text, a, e).any(|(v, _, _)| v == a)
                    || opens_with_a_span_of_time(&text[a..e])
            })
        })
    }

    /// The sentence `text[s..e]` opens with a capitalised word, no lexicon
    /// term, before a verb whose subject is a person: a name.
    fn opens_with_name_and_verb(&self, text: &str, s: usize, e: usize) -> bool {
        let Some((a, b)) = first_word(text, s, e) else {
            return false;
        };
        let word = &text[a..b];
        let name_like = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && word.chars().count() >= 3
            && !NOT_NAMES.contains(&word.to_lowercase().as_str())
            // (A pair's first word is no term: "Iris wears ..." opens
            // with a name.)
            && !self
                .lexicon
                .find(text, a, b)
                .any(|(_, _, owner)| !(PAIR_ANCHOR..ORG_ANCHOR).contains(&owner));
        name_like
            && first_word(text, b, e)
                .is_some_and(|(c, _)| self.person_verbs.find(text, c, e).any(|(v, _, _)| v == c))
    }

    /// The record opens with a short label (six words at most, before a
    /// colon) that names a form: a filled-in form is about one person.
    fn opens_with_form_label(&self, text: &str) -> bool {
        let head = &text[..floor_boundary(text, text.len().min(60))];
        head.find(':').is_some_and(|colon| {
            text[..colon].split_whitespace().count() <= 6 && self.form.any(text, 0, colon)
        })
    }

    /// A first-person word in the sentence before or after `text[s..e]`.
    fn first_person_nearby(&self, text: &str, s: usize, e: usize) -> bool {
        let before = (s >= 1 && s <= text.len() && text.is_char_boundary(s - 1))
            .then(|| sentence(text, s - 1, s - 1));
        let after =
            (e < text.len() && text.is_char_boundary(e + 1)).then(|| sentence(text, e + 1, e + 1));
        [before, after]
            .into_iter()
            .flatten()
            .any(|(a, b)| a < b && self.first.any(text, a, b))
    }

    /// A title followed by a capitalised word in `text[from..to]`.
    fn titled_name(&self, text: &str, from: usize, to: usize) -> bool {
        self.titles.find(text, from, to).any(|(_, e, _)| {
            let rest = text[e..to].trim_start_matches(['.', ' ']);
            rest.len() < text[e..to].len() && rest.chars().next().is_some_and(char::is_uppercase)
        })
    }

    /// What the record's opening says, worked out once per text: where
    /// its first profile word is, and whether it opens as a profile or a
    /// form ("Matt, 29.", "HR disclosure form:").
    fn record(&self, text: &str) -> Record {
        Record {
            first_profile: self
                .profile
                .find(text, 0, text.len())
                .next()
                .map(|(_, e, _)| e),
            opens_as_profile: opens_with_name_and_age(text) || self.opens_with_form_label(text),
        }
    }

    fn score(&self, text: &str, start: usize, end: usize, record: &OnceCell<Record>) -> f32 {
        let (s, e) = sentence(text, start, end);
        let generic = self.generic(text, s, e);
        if self.first.any(text, s, e)
            || self.titled_name(text, s, e)
            || (!generic && self.opens_without_subject(text, s, e))
        {
            return 0.9;
        }
        if !generic
            && (self.first_name(text, s, e, (start, end))
                || self.opens_with_name_and_verb(text, s, e))
        {
            return 0.85;
        }
        // A profile word before the term (or in the first 200 bytes).
        let head_end = floor_boundary(text, text.len().min(start.max(200)));
        let record = record.get_or_init(|| self.record(text));
        if record.first_profile.is_some_and(|e| e <= head_end) || record.opens_as_profile {
            return 0.85;
        }
        if !generic
            && (self.third.any(text, s, start)
                || self.attaching.any(text, s, e)
                || self.first_person_nearby(text, s, e))
        {
            return 0.7;
        }
        0.3
    }
}

/// What a record's opening says about all of its terms (see
/// [`Special::record`]).
struct Record {
    /// Where the first profile word ends.
    first_profile: Option<usize>,
    opens_as_profile: bool,
}

/// A diary's count of time, with no subject: "Two months off the
/// antidepressants", "3 weeks post-op", "Six years clean".
fn opens_with_a_span_of_time(sentence: &str) -> bool {
    let mut words = sentence
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', '!']).to_lowercase());
    let (Some(n), Some(unit), Some(state)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let number = n.bytes().all(|b| b.is_ascii_digit())
        || [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ]
        .contains(&n.as_str());
    let unit = [
        "day", "days", "week", "weeks", "month", "months", "year", "years",
    ]
    .contains(&unit.as_str());
    let state = ["off", "into", "post-op", "sober", "clean", "without"].contains(&state.as_str());
    number && unit && state
}

/// The first word (letters, digits, apostrophes, hyphens) of `text[from..to]`.
fn first_word(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let part = &text[from..to];
    let a = part.find(char::is_alphanumeric)?;
    let len = part[a..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .unwrap_or(part.len() - a);
    Some((from + a, from + a + len))
}

/// A profile's opening: a capitalised first word, a comma and an age ("Matt,
/// 29.", "Inès, 34 ans").
fn opens_with_name_and_age(text: &str) -> bool {
    // (A name is a short first word: look no further than the opening.)
    let head = &text[..floor_boundary(text, text.len().min(40))];
    let Some(comma) = head.find(", ") else {
        return false;
    };
    let (name, rest) = (&text[..comma], &text[comma + 2..]);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase)
        && name.chars().count() >= 2
        && digits == 2
        && rest[digits..].starts_with(['.', ',', ' '])
}

/// The sentence around `start..end`: from after the previous `.`, `!`, `?`
/// or newline (a title's dot, `Mme.`, `Dr.`, does not end one) to the next,
/// at most 300 bytes each way.
fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let lo = floor_boundary(text, start.saturating_sub(300));
    let hi = floor_boundary(text, (end + 300).min(text.len()));
    let ends_sentence = |i: usize| match b[i] {
        b'!' | b'?' | b'\n' => true,
        // A decimal point ("£14.20", "10.5 mg") is not an end.
        b'.' if i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit) =>
        {
            false
        }
        b'.' => {
            // "Dr." or "M." before a name is not an end.
            let word_start = b[..i]
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |p| p + 1);
            let word = &b[word_start..i];
            !(word.len() <= 3 && word.first().is_some_and(u8::is_ascii_uppercase))
        }
        _ => false,
    };
    let s = (lo..start)
        .rev()
        .find(|&i| ends_sentence(i))
        .map_or(lo, |i| i + 1);
    let e = (end..hi).find(|&i| ends_sentence(i)).unwrap_or(hi);
    (floor_boundary(text, s), floor_boundary(text, e))
}

impl Detector for Special {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        KINDS
    }

    fn detect(&self, text: &str, out: &mut Vec<Span>) {
        self.find_in(text, &Shared::default(), out);
    }

    fn word_lists(&self) -> Vec<&dyn std::any::Any> {
        vec![&self.lexicon.lexicon]
    }

    fn detect_shared(&self, text: &str, shared: &dyn std::any::Any, out: &mut Vec<Span>) {
        match Shared::of(shared) {
            Some(shared) => self.find_in(text, shared, out),
            None => self.detect(text, out),
        }
    }
}

impl Special {
    fn find_in(&self, text: &str, shared: &Shared, out: &mut Vec<Span>) {
        let mut done = 0usize;
        let record = OnceCell::new();
        for (s, e, owner) in self.lexicon.find_all(text, shared) {
            if owner == ORG_ANCHOR {
                // Organisation names: the regexes run only around an anchor.
                if e <= done {
                    continue;
                }
                let lo = floor_boundary(text, s.saturating_sub(160).max(done));
                let hi = floor_boundary(text, (e + 160).min(text.len()));
                for (kind, re) in &self.orgs {
                    for m in re.find_iter(&text[lo..hi]) {
                        let name = m.as_str().trim_end();
                        if name.starts_with("European") || name.starts_with("Union européenne") {
                            continue;
                        }
                        let (a, b) = (lo + m.start(), lo + m.start() + name.len());
                        out.push(Span::new(a, b, *kind, self.score(text, a, b, &record), ID));
                    }
                }
                done = hi;
                continue;
            }
            if let Some(pair) = owner
                .checked_sub(PAIR_ANCHOR)
                .and_then(|k| self.pairs.get(k))
            {
                if let Some((a, b)) = pair.around(text, s, e) {
                    out.push(Span::new(
                        a,
                        b,
                        pair.kind,
                        self.score(text, a, b, &record),
                        ID,
                    ));
                }
                continue;
            }
            let Some((kind, _)) = LEXICONS.get(owner) else {
                continue;
            };
            out.push(Span::new(s, e, *kind, self.score(text, s, e, &record), ID));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        run_one(Box::new(Special::new().unwrap()), text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, k, _)| (s, k))
            .collect()
    }

    #[test]
    fn a_profile_opens_with_a_name_and_an_age() {
        assert!(opens_with_name_and_age(
            "Matt, 29. Into guys who like hiking."
        ));
        assert!(opens_with_name_and_age("Inès, 34 ans, Lyon"));
        assert!(!opens_with_name_and_age("Paris, 2019. A report on HIV."));
        assert!(!opens_with_name_and_age("Matt, 2019."));
        assert!(!opens_with_name_and_age("MATT, 29."));
    }

    #[test]
    fn either_apostrophe() {
        for text in [
            "J'ai fait une crise d'angoisse hier.",
            "J’ai fait une crise d’angoisse hier.",
        ] {
            assert!(found(text).iter().any(|(_, k)| *k == "health"), "{text}");
        }
    }

    #[test]
    fn a_word_alone_is_not_enough() {
        assert!(found("Le diabète de type 2 touche 4 millions de Français.").is_empty());
        assert!(found("Diabetes is a disease that affects millions of people.").is_empty());
        assert_eq!(
            found("Je suis diabétique depuis 2019."),
            vec![("diabétique".to_owned(), "health")]
        );
        assert_eq!(
            found("Mme Durand, atteinte d'un diabète, a été hospitalisée."),
            vec![
                ("diabète".to_owned(), "health"),
                ("hospitalisée".to_owned(), "health")
            ]
        );
    }

    #[test]
    fn pairs_of_words_say_what_neither_says_alone() {
        assert_eq!(
            found("The school canteen scans my daughter's thumb to pay for lunch."),
            vec![("scans my daughter's thumb".to_owned(), "biometric")]
        );
        assert_eq!(
            found("Mon tel se déverrouille avec ma tronche, c'est flippant."),
            vec![("déverrouille avec ma tronche".to_owned(), "biometric")]
        );
        assert_eq!(
            kinds("Mon compagnon et moi, deux hommes, voulons nous pacser."),
            ["sexual-orientation-or-life"]
        );
        // A first word of a pair that is also a name still opens a
        // sentence with a name.
        assert_eq!(kinds("Iris wears hearing aids."), ["health"]);
        // Neither word alone, an idiom, a compound, a verb after the body,
        // words too far apart, a card reader.
        for t in [
            "My thumb hurts.",
            "Scan the document and send it back.",
            "I scanned my hand-written notes into the app.",
            "My thumb hurts after scanning boxes all day.",
            "The password manager saves me from typing them by hand.",
            "J'ai scanné mes notes écrites à la main.",
            "I wear glasses, my eyes get tired when I read the screen reader output.",
            "He put his hand on the card reader and paid.",
            "Elle a levé la main pour poser une question sur le logiciel.",
            "My voice was hoarse after the karaoke, the microphone software kept clipping.",
            "Two men were seen leaving the building together.",
            "Two women founded the company; they are business partners.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    fn kinds(text: &str) -> Vec<&'static str> {
        let mut k: Vec<&str> = found(text).into_iter().map(|(_, k)| k).collect();
        k.dedup();
        k
    }

    #[test]
    fn each_category_in_both_languages() {
        assert_eq!(kinds("I'm a practising Muslim."), ["religion-or-belief"]);
        assert_eq!(kinds("Je suis syndiqué à la CGT."), ["trade-union"]);
        assert_eq!(
            kinds("He was convicted of fraud in 2015."),
            ["criminal-offence"]
        );
        assert_eq!(
            kinds("Bio: proud lesbian mum of two"),
            ["sexual-orientation-or-life"]
        );
        assert_eq!(
            kinds("Dr Martin a confirmé que je suis porteuse du gène BRCA1."),
            ["genetic"]
        );
        assert_eq!(
            kinds("J'ai voté pour les écologistes."),
            ["political-opinion"]
        );
        assert!(kinds("The union called a strike for Monday.").is_empty());
        assert!(
            kinds("Selon une étude, 12 % des électeurs votent pour les écologistes.").is_empty()
        );
    }

    #[test]
    fn cues_of_a_post_a_form_and_a_name_out_of_the_gazetteer() {
        for text in [
            "Forum post: been on sertraline for a year now.",
            "Two months off the antidepressants and feeling fine.",
            "Three years sober this Sunday. AA saved my life.",
            "Update: Dad had a stent fitted last night.",
            "Rajesh wears a turban as an observant Sikh.",
            "On s'est syndiqués à quatre dans l'équipe.",
            "HR disclosure form: one unspent conviction for theft.",
        ] {
            assert!(!found(text).is_empty(), "{text}");
        }
        // A generic subject still wins, and a capitalised one is a name's.
        assert!(found("Been a long year: 4 million people now live with diabetes.").is_empty());
        assert!(found("The Retail Party says 12 % of people have diabetes.").is_empty());
        assert!(!found("Cllr Ann Ross of the People's Front was convicted of fraud.").is_empty());
    }

    #[test]
    fn spans_lie_on_char_boundaries() {
        for text in [
            "é diabét",
            "ÉGLISE église",
            "j’ai un cancer",
            "💉cancer💉 je",
        ] {
            for (s, _) in found(text) {
                assert!(text.contains(&s));
            }
        }
    }
}
