//! Label decoding: the model's tags (`id2label`: BIO/IOB2, IOBES, BILOU or
//! plain entity names) into privasift kinds, and a stream of per-token
//! predictions into entity spans.

use privasift_core::{DetectorId, Kind, Label, Span};

/// One kind per label the model layer can emit: `ner-person`, `ner-location`,
/// ... so reports tell model findings from rule findings. Place names are
/// context, as the rules' `place` kind: not personal data on their own.
pub const KINDS: &[Kind] = &[
    Kind::new("ner-person", Label::Person),
    Kind::new("ner-email", Label::Email),
    Kind::new("ner-phone", Label::Phone),
    Kind::new("ner-iban", Label::Iban),
    Kind::new("ner-credit-card", Label::CreditCard),
    Kind::new("ner-national-id", Label::NationalId),
    Kind::new("ner-passport", Label::Passport),
    Kind::new("ner-ip-address", Label::IpAddress),
    Kind::new("ner-url", Label::Url),
    Kind::new("ner-address", Label::Address),
    Kind::context("ner-location", Label::Location),
    Kind::new("ner-date", Label::Date),
    Kind::new("ner-date-of-birth", Label::DateOfBirth),
    Kind::new("ner-organization", Label::Organization),
    Kind::new("ner-code", Label::Code),
    Kind::new("ner-nrp", Label::Nrp),
    Kind::new("ner-credential", Label::Credential),
    Kind::new("ner-device-id", Label::DeviceId),
    Kind::new("ner-licence-plate", Label::LicencePlate),
    Kind::new("ner-health", Label::Health),
    Kind::new("ner-religion-or-belief", Label::ReligionOrBelief),
    Kind::new("ner-political-opinion", Label::PoliticalOpinion),
    Kind::new("ner-trade-union", Label::TradeUnion),
    Kind::new(
        "ner-sexual-orientation-or-life",
        Label::SexualOrientationOrLife,
    ),
    Kind::new("ner-ethnic-origin", Label::EthnicOrigin),
    Kind::new("ner-genetic", Label::Genetic),
    Kind::new("ner-biometric", Label::Biometric),
    Kind::new("ner-criminal-offence", Label::CriminalOffence),
];

/// The kind for an entity type named by a model (`PER`, `LOC`, `ORG`,
/// `GPE`, `DATE`, or any privasift label name); `None` for `MISC` and types
/// privasift has no label for, which are ignored.
pub fn kind_for_entity(entity: &str) -> Option<Kind> {
    let upper = entity.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let label = match upper.as_str() {
        "PER" | "PERS" | "PERSON" | "PEOPLE" | "NAME" | "NAMES" => Label::Person,
        "LOC" | "LOCATION" | "GPE" | "CITY" | "COUNTRY" | "PLACE" => Label::Location,
        "ORG" | "ORGANIZATION" | "ORGANISATION" | "COMPANY" => Label::Organization,
        "ADDR" | "ADDRESS" | "STREET" | "STREET_ADDRESS" => Label::Address,
        "EMAIL" | "E_MAIL" | "EMAIL_ADDRESS" | "MAIL" => Label::Email,
        "PHONE" | "TEL" | "TELEPHONE" | "PHONE_NUMBER" | "TELEPHONENUM" => Label::Phone,
        "DOB" | "BIRTHDATE" => Label::DateOfBirth,
        "IP" => Label::IpAddress,
        "MISC" => return None,
        other => other.parse::<Label>().ok()?,
    };
    KINDS.iter().copied().find(|k| k.label == label)
}

/// Where a tag puts its token in an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Outside,
    /// `B-`: starts an entity.
    Begin,
    /// `I-`, or a plain tag: continues an entity of the same type, or starts one.
    Inside,
    /// `E-` / `L-`: ends an entity.
    End,
    /// `S-` / `U-`: an entity of one word.
    Single,
}

/// A parsed `id2label` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub position: Position,
    /// `None` for `O` and for entity types privasift ignores (`MISC`).
    pub kind: Option<Kind>,
}

impl Tag {
    pub fn parse(tag: &str) -> Tag {
        let t = tag.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("O") {
            return Tag {
                position: Position::Outside,
                kind: None,
            };
        }
        let bytes = t.as_bytes();
        let (position, entity) = match (bytes.first(), bytes.get(1)) {
            (Some(p), Some(b'-' | b'_')) if t.len() > 2 => match p.to_ascii_uppercase() {
                b'B' => (Position::Begin, t.get(2..).unwrap_or_default()),
                b'I' => (Position::Inside, t.get(2..).unwrap_or_default()),
                b'E' | b'L' => (Position::End, t.get(2..).unwrap_or_default()),
                b'S' | b'U' => (Position::Single, t.get(2..).unwrap_or_default()),
                _ => (Position::Inside, t),
            },
            _ => (Position::Inside, t),
        };
        let kind = kind_for_entity(entity);
        Tag {
            position: if kind.is_some() {
                position
            } else {
                Position::Outside
            },
            kind,
        }
    }
}

/// One token of the text with the model's verdict on it.
#[derive(Clone, Copy, Debug)]
pub struct Predicted {
    /// Byte offsets in the text, on character boundaries.
    pub start: usize,
    pub end: usize,
    /// Tokens of one word share this; a word's first token decides its tag.
    pub word: u64,
    pub tag: usize,
    /// Softmax probability of `tag`.
    pub prob: f32,
}

struct Open {
    kind: Kind,
    start: usize,
    end: usize,
    prob_sum: f32,
    words: u32,
}

/// Turns per-token predictions, fed in text order, into spans. Words, not
/// sub-word tokens, are tagged: a word takes the tag of its first token (how
/// token-classification models are trained), and an entity always covers
/// whole words. The score is the mean probability of the entity's words'
/// tags.
pub struct Decoder<'a> {
    tags: &'a [Tag],
    detector: DetectorId,
    open: Option<Open>,
    last_word: Option<u64>,
    /// Whether the last word is part of the open entity.
    word_in_entity: bool,
    /// The open entity ended (`E-`, `S-`) with the last word: it closes at
    /// the next word, once the last word's sub-words have extended it.
    ended: bool,
}

impl<'a> Decoder<'a> {
    pub fn new(tags: &'a [Tag], detector: DetectorId) -> Self {
        Self {
            tags,
            detector,
            open: None,
            last_word: None,
            word_in_entity: false,
            ended: false,
        }
    }

    pub fn push(&mut self, text: &str, tok: Predicted, out: &mut Vec<Span>) {
        if tok.start >= tok.end {
            return;
        }
        if self.last_word == Some(tok.word) {
            if self.word_in_entity
                && let Some(open) = &mut self.open
            {
                open.end = open.end.max(tok.end);
            }
            return;
        }
        self.last_word = Some(tok.word);
        self.word_in_entity = false;
        if self.ended {
            self.close(text, out);
        }
        let tag = self.tags.get(tok.tag).copied().unwrap_or(Tag {
            position: Position::Outside,
            kind: None,
        });
        let Some(kind) = tag.kind else {
            self.close(text, out);
            return;
        };
        let continues = self.open.as_ref().is_some_and(|o| o.kind == kind);
        match tag.position {
            Position::Outside => {
                self.close(text, out);
                return;
            }
            Position::Begin | Position::Single => self.close(text, out),
            Position::Inside | Position::End if !continues => self.close(text, out),
            Position::Inside | Position::End => {}
        }
        match &mut self.open {
            Some(open) => {
                open.end = open.end.max(tok.end);
                open.prob_sum += tok.prob;
                open.words += 1;
            }
            None => {
                self.open = Some(Open {
                    kind,
                    start: tok.start,
                    end: tok.end,
                    prob_sum: tok.prob,
                    words: 1,
                });
            }
        }
        self.word_in_entity = true;
        self.ended = matches!(tag.position, Position::End | Position::Single);
    }

    /// Ends the text: closes the open entity.
    pub fn finish(&mut self, text: &str, out: &mut Vec<Span>) {
        self.close(text, out);
        self.last_word = None;
        self.word_in_entity = false;
    }

    fn close(&mut self, text: &str, out: &mut Vec<Span>) {
        self.ended = false;
        let Some(open) = self.open.take() else {
            return;
        };
        let (start, end) = snap(text, open.start, open.end);
        if start < end {
            let score = open.prob_sum / open.words.max(1) as f32;
            out.push(Span::new(start, end, open.kind, score, self.detector));
        }
    }
}

/// Widens `start..end` to character boundaries of `text` (a byte-level
/// tokenizer may split a character) and trims white space at both ends.
pub fn snap(text: &str, start: usize, end: usize) -> (usize, usize) {
    let len = text.len();
    let mut s = start.min(len);
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.min(len).max(s);
    while e < len && !text.is_char_boundary(e) {
        e += 1;
    }
    let Some(inner) = text.get(s..e) else {
        return (s, s);
    };
    let trimmed_start = inner.trim_start();
    let s2 = s + (inner.len() - trimmed_start.len());
    let mut e2 = s2 + trimmed_start.trim_end().len();
    // Normalisers drop combining marks (accent stripping) and their offsets
    // with them: a letter's marks stay with it.
    if e2 > s2 {
        for c in text.get(e2..).unwrap_or_default().chars() {
            if !is_mark(c) {
                break;
            }
            e2 += c.len_utf8();
        }
    }
    (s2, e2)
}

/// Combining marks, joiners and variation selectors: never the start of a
/// character a reader sees.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{200c}'..='\u{200d}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{e0100}'..='\u{e01ef}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn tags(names: &[&str]) -> Vec<Tag> {
        names.iter().map(|t| Tag::parse(t)).collect()
    }

    /// Feeds one token per word, `(start, end, tag, prob)`.
    fn decode(
        tags: &[Tag],
        text: &str,
        toks: &[(usize, usize, u64, usize)],
    ) -> Vec<(usize, usize, &'static str)> {
        let mut d = Decoder::new(tags, "t@1");
        let mut out = Vec::new();
        for &(start, end, word, tag) in toks {
            d.push(
                text,
                Predicted {
                    start,
                    end,
                    word,
                    tag,
                    prob: 0.9,
                },
                &mut out,
            );
        }
        d.finish(text, &mut out);
        out.iter().map(|s| (s.start, s.end, s.kind.name)).collect()
    }

    #[test]
    fn parses_schemes_and_maps_entity_names() {
        let t = Tag::parse("B-PER");
        assert_eq!(
            (t.position, t.kind.map(|k| k.label)),
            (Position::Begin, Some(Label::Person))
        );
        assert_eq!(
            Tag::parse("I-GPE").kind.map(|k| k.label),
            Some(Label::Location)
        );
        assert_eq!(Tag::parse("E-ORG").position, Position::End);
        assert_eq!(Tag::parse("U-LOC").position, Position::Single);
        assert_eq!(
            Tag::parse("ORGANIZATION").kind.map(|k| k.label),
            Some(Label::Organization)
        );
        assert_eq!(
            Tag::parse("B-credit-card").kind.map(|k| k.label),
            Some(Label::CreditCard)
        );
        assert_eq!(
            Tag::parse("B-MISC"),
            Tag {
                position: Position::Outside,
                kind: None
            }
        );
        assert_eq!(Tag::parse("O").kind, None);
        assert_eq!(Tag::parse("B-WEAPON").kind, None);
        for k in KINDS {
            assert_eq!(kind_for_entity(k.label.as_str()), Some(*k));
        }
    }

    #[test]
    fn bio_sequences_decode_to_entities() {
        let t = tags(&["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
        let text = "Ana Lopez Garcia went to New York";
        // Ana Lopez | Garcia (a new B-PER) | went | to | New York (I-LOC starts one)
        let toks = [
            (0, 3, 0, 1),
            (4, 9, 1, 2),
            (10, 16, 2, 1),
            (17, 21, 3, 0),
            (22, 24, 4, 0),
            (25, 28, 5, 4),
            (29, 33, 6, 4),
        ];
        assert_eq!(
            decode(&t, text, &toks),
            vec![
                (0, 9, "ner-person"),
                (10, 16, "ner-person"),
                (25, 33, "ner-location")
            ]
        );
    }

    #[test]
    fn iobes_closes_on_end_and_single_and_subwords_extend() {
        let t = tags(&["O", "B-PER", "I-PER", "E-PER", "S-PER"]);
        let text = "Jo Ann Smithson Bo";
        // Jo (B) Ann (I) Smith+son (E, two sub-words of one word) Bo (S)
        let toks = [
            (0, 2, 0, 1),
            (3, 6, 1, 2),
            (7, 12, 2, 3),
            (12, 15, 2, 0),
            (16, 18, 3, 4),
        ];
        assert_eq!(
            decode(&t, text, &toks),
            vec![(0, 15, "ner-person"), (16, 18, "ner-person")]
        );
    }

    #[test]
    fn snap_widens_to_char_boundaries_and_trims() {
        let text = " é😀x ";
        assert_eq!(snap(text, 2, 4), (1, 7));
        assert_eq!(snap(text, 0, 9), (1, 8));
        assert_eq!(snap(text, 50, 60), (9, 9));
        assert_eq!(snap("   ", 0, 3), (3, 3));
        assert_eq!(snap("Zoe\u{301}\u{302} x", 0, 3), (0, 7));
    }
}
