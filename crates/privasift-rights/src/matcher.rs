//! Finding one person in text: every written form of the request's
//! identifiers, in one Aho-Corasick pass, then a confirmation of each hit
//! (boundaries, the e-mail address around a domain, exact case for ids).
//!
//! A name counts only in a record that also holds one of its attributes or
//! another identifier of the person: "Jeanne Exemple" alone could be anyone.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use privasift_core::{Kind, Label, Span};
use privasift_transform::{Key, token_with};
use unicode_normalization::UnicodeNormalization;

use crate::request::Request;

/// The kinds `rights` reports; their names go to the ledger, never values.
pub const EMAIL: Kind = Kind::new("rights-email", Label::Email);
pub const PHONE: Kind = Kind::new("rights-phone", Label::Phone);
pub const ACCOUNT: Kind = Kind::new("rights-account-id", Label::Code);
pub const TOKEN: Kind = Kind::new("rights-token", Label::Code);
pub const NAME: Kind = Kind::new("rights-name", Label::Person);
pub const KINDS: &[Kind] = &[EMAIL, PHONE, ACCOUNT, TOKEN, NAME];
pub const DETECTOR: &str = "rights@1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Pat {
    /// `@domain` of a requested address: confirmed by the address around it.
    EmailDomain,
    /// A written form of a requested phone number.
    Phone,
    /// An account id, matched with its exact case.
    Account,
    /// A pseudonym token, exact.
    Token,
    /// A form of requested name `i`.
    Name(usize),
    /// A form of an attribute of name `i`.
    Attr(usize),
}

/// One confirmed occurrence in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    what: Pat,
}

impl Hit {
    fn kind(&self) -> Option<Kind> {
        match self.what {
            Pat::EmailDomain => Some(EMAIL),
            Pat::Phone => Some(PHONE),
            Pat::Account => Some(ACCOUNT),
            Pat::Token => Some(TOKEN),
            Pat::Name(_) => Some(NAME),
            Pat::Attr(_) => None,
        }
    }
    fn direct(&self) -> bool {
        matches!(
            self.what,
            Pat::EmailDomain | Pat::Phone | Pat::Account | Pat::Token
        )
    }
}

/// The person of a request, compiled.
pub struct Matcher {
    text: AhoCorasick,
    pats: Vec<(Pat, String)>,
    raw: AhoCorasick,
    emails: BTreeSet<String>,
    names: usize,
}

/// An e-mail address in the form two spellings of one mailbox share: lower
/// case, `+tag` removed, and, for Gmail, dots removed.
pub fn canonical_email(e: &str) -> String {
    let e = e.trim().to_lowercase();
    let Some((local, domain)) = e.rsplit_once('@') else {
        return e;
    };
    let local = local.split('+').next().unwrap_or(local);
    let (local, domain) = if domain == "gmail.com" || domain == "googlemail.com" {
        (local.replace('.', ""), "gmail.com")
    } else {
        (local.to_owned(), domain)
    };
    format!("{local}@{domain}")
}

fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

fn title(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The spellings of a name or attribute worth looking for.
fn spellings(s: &str) -> Vec<String> {
    let base = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut v = Vec::new();
    for f in [
        base.clone(),
        base.to_lowercase(),
        base.to_uppercase(),
        title(&base),
    ] {
        let plain = strip_accents(&f);
        v.push(f);
        v.push(plain);
    }
    v.sort();
    v.dedup();
    v
}

/// The written forms of a phone number: E.164, international and national
/// formats, with spaces, dots, dashes or nothing between groups, and `00`
/// for `+`.
fn phone_forms(n: &phonenumber::PhoneNumber) -> Vec<String> {
    use phonenumber::Mode;
    let e164 = n.format().mode(Mode::E164).to_string();
    let intl = n.format().mode(Mode::International).to_string();
    let national = n.format().mode(Mode::National).to_string();
    let mut v = vec![e164.clone(), format!("00{}", e164.trim_start_matches('+'))];
    for f in [intl, national] {
        for sep in ["", ".", "-"] {
            v.push(f.replace(' ', sep));
        }
        v.push(f);
    }
    v.retain(|s| s.chars().filter(char::is_ascii_digit).count() >= 6);
    v.sort();
    v.dedup();
    v
}

/// A form of `s` as a JSON string written with `\u` escapes (Python's
/// default), so that raw lines can be searched before they are parsed.
fn json_escaped(s: &str, upper: bool) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let mut o = String::new();
    let mut buf = [0u16; 2];
    for c in s.chars() {
        if c.is_ascii() {
            o.push(c);
        } else {
            for u in c.encode_utf16(&mut buf) {
                let _ = if upper {
                    write!(o, "\\u{u:04X}")
                } else {
                    write!(o, "\\u{u:04x}")
                };
            }
        }
    }
    Some(o)
}

fn build(pats: &[String]) -> Result<AhoCorasick, String> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(pats)
        .map_err(|e| format!("cannot build the matcher: {e}"))
}

impl Matcher {
    /// Compiles a request. With `key`, the pseudonyms `clean` would have
    /// written for the person's e-mails, phones and names with that key are
    /// searched too.
    pub fn new(req: &Request, key: Option<&Key>, token_chars: usize) -> Result<Matcher, String> {
        let p = &req.person;
        let mut pats: Vec<(Pat, String)> = Vec::new();
        let mut emails = BTreeSet::new();
        for e in &p.emails {
            let c = canonical_email(e.get_ref());
            if let Some((_, d)) = c.rsplit_once('@') {
                pats.push((Pat::EmailDomain, format!("@{d}")));
                if d == "gmail.com" {
                    pats.push((Pat::EmailDomain, "@googlemail.com".into()));
                }
            }
            emails.insert(c);
        }
        for n in &req.phones_e164 {
            for f in phone_forms(n) {
                pats.push((Pat::Phone, f));
            }
        }
        for a in &p.account_ids {
            pats.push((Pat::Account, a.get_ref().trim().to_owned()));
        }
        for t in &p.tokens {
            pats.push((Pat::Token, t.get_ref().trim().to_owned()));
        }
        for (i, n) in p.names.iter().enumerate() {
            let n = n.get_ref();
            for s in spellings(&n.name) {
                pats.push((Pat::Name(i), s));
            }
            for a in &n.also {
                if !a.trim().is_empty() {
                    for s in spellings(a) {
                        pats.push((Pat::Attr(i), s));
                    }
                }
            }
        }
        if let Some(key) = key {
            let mut tokens = BTreeSet::new();
            for e in &p.emails {
                tokens.insert(token_with(key, Label::Email, e.get_ref(), token_chars));
            }
            for n in &req.phones_e164 {
                let e164 = n.format().mode(phonenumber::Mode::E164).to_string();
                let national: String = n
                    .format()
                    .mode(phonenumber::Mode::National)
                    .to_string()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                for v in [e164, national] {
                    tokens.insert(token_with(key, Label::Phone, &v, token_chars));
                }
            }
            pats.extend(tokens.into_iter().map(|t| (Pat::Token, t)));
            // A name's pseudonym is as ambiguous as the name: it counts only
            // with one of the name's attributes, like the name itself.
            for (i, n) in p.names.iter().enumerate() {
                for s in spellings(&n.get_ref().name) {
                    pats.push((
                        Pat::Name(i),
                        token_with(key, Label::Person, &s, token_chars),
                    ));
                }
            }
        }
        pats.sort();
        pats.dedup();
        let text = build(&pats.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>())?;
        // Raw bytes: what can make a record match (not attributes), also as
        // JSON `\u` escapes.
        let mut raw_pats: Vec<String> = Vec::new();
        for (what, s) in &pats {
            if matches!(what, Pat::Attr(_)) {
                continue;
            }
            raw_pats.push(s.clone());
            raw_pats.extend(json_escaped(s, false));
            raw_pats.extend(json_escaped(s, true));
        }
        let raw = build(&raw_pats)?;
        Ok(Matcher {
            text,
            pats,
            raw,
            emails,
            names: p.names.len(),
        })
    }

    /// Whether raw bytes (a JSON line, a text line) may hold the person:
    /// the fast path; `false` means they certainly do not.
    pub fn may_match(&self, raw: &[u8]) -> bool {
        self.raw.is_match(raw)
    }

    /// Confirmed hits in one text.
    pub fn hits(&self, text: &str, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        for m in self.text.find_overlapping_iter(text) {
            let Some((what, pat)) = self.pats.get(m.pattern().as_usize()) else {
                continue;
            };
            let (s, e) = (m.start(), m.end());
            let before = text.get(..s).and_then(|t| t.chars().next_back());
            let after = text.get(e..).and_then(|t| t.chars().next());
            let hit = match what {
                Pat::EmailDomain => email_around(text, s, e)
                    .filter(|(a, b)| {
                        text.get(*a..*b)
                            .is_some_and(|c| self.emails.contains(&canonical_email(c)))
                    })
                    .map(|(a, b)| Hit {
                        start: a,
                        end: b,
                        what: *what,
                    }),
                Pat::Phone => {
                    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
                    let plus_before = before == Some('+') && !pat.starts_with('+');
                    (!digit(before) && !digit(after) && !plus_before).then_some(Hit {
                        start: s,
                        end: e,
                        what: *what,
                    })
                }
                Pat::Account | Pat::Token => {
                    let word = |c: Option<char>| {
                        c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
                    };
                    (bytes.get(s..e) == Some(pat.as_bytes()) && !word(before) && !word(after))
                        .then_some(Hit {
                            start: s,
                            end: e,
                            what: *what,
                        })
                }
                Pat::Name(_) | Pat::Attr(_) => {
                    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    (!letter(before) && !letter(after)).then_some(Hit {
                        start: s,
                        end: e,
                        what: *what,
                    })
                }
            };
            out.extend(hit);
        }
    }

    /// The hits of a record (one list per field) that make it the person's,
    /// or nothing: direct identifiers always count; a name counts when the
    /// record also holds one of its attributes or a direct identifier.
    pub fn record(&self, fields: &[Vec<Hit>]) -> Option<BTreeSet<&'static str>> {
        let direct = fields.iter().flatten().any(Hit::direct);
        let named: Vec<bool> = (0..self.names)
            .map(|i| {
                let name = fields.iter().flatten().any(|h| h.what == Pat::Name(i));
                let attr = fields.iter().flatten().any(|h| h.what == Pat::Attr(i));
                name && (attr || direct)
            })
            .collect();
        let kinds: BTreeSet<&'static str> = fields
            .iter()
            .flatten()
            .filter(|h| match h.what {
                Pat::Name(i) => named.get(i).copied().unwrap_or(false),
                Pat::Attr(_) => false,
                _ => true,
            })
            .filter_map(|h| h.kind().map(|k| k.name))
            .collect();
        (!kinds.is_empty()).then_some(kinds)
    }

    /// The spans of a record's fields (texts in `texts`), as a record-level
    /// detector: empty unless the record is the person's. Overlapping hits
    /// keep the longest.
    pub fn record_spans(&self, texts: &[&str], out: &mut [Vec<Span>]) {
        let mut per: Vec<Vec<Hit>> = Vec::with_capacity(texts.len());
        for t in texts {
            let mut h = Vec::new();
            self.hits(t, &mut h);
            per.push(h);
        }
        let Some(_) = self.record(&per) else {
            return;
        };
        let direct = per.iter().flatten().any(Hit::direct);
        let named: Vec<bool> = (0..self.names)
            .map(|i| {
                per.iter().flatten().any(|h| h.what == Pat::Name(i))
                    && (direct || per.iter().flatten().any(|h| h.what == Pat::Attr(i)))
            })
            .collect();
        for (hits, slot) in per.into_iter().zip(out.iter_mut()) {
            let mut keep: Vec<Hit> = hits
                .into_iter()
                .filter(|h| match h.what {
                    Pat::Name(i) => named.get(i).copied().unwrap_or(false),
                    Pat::Attr(_) => false,
                    _ => true,
                })
                .collect();
            keep.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            let mut last_end = 0;
            for h in keep {
                if h.start < last_end {
                    continue;
                }
                last_end = h.end;
                if let Some(kind) = h.kind() {
                    slot.push(Span::new(h.start, h.end, kind, 1.0, DETECTOR));
                }
            }
        }
    }
}

/// The e-mail address around a `@domain` hit at `s..e`: the local part
/// before it, and the domain must end there.
fn email_around(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-'".contains(&c);
    let mut a = s;
    while a > 0 && b.get(a - 1).is_some_and(|c| local(*c)) {
        a -= 1;
    }
    let next = b.get(e).copied();
    let continues = next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-')
        || (next == Some(b'.') && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric));
    (a < s && !continues).then_some((a, e))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn matcher(person: &str) -> Matcher {
        let r = Request::parse(
            &format!("id = \"R\"\nkind = \"access\"\n[person]\n{person}"),
            "r",
        )
        .unwrap();
        Matcher::new(&r, None, 12).unwrap()
    }

    fn kinds(m: &Matcher, fields: &[&str]) -> Option<Vec<&'static str>> {
        let per: Vec<Vec<Hit>> = fields
            .iter()
            .map(|t| {
                let mut h = Vec::new();
                m.hits(t, &mut h);
                h
            })
            .collect();
        m.record(&per).map(|k| k.into_iter().collect())
    }

    #[test]
    fn email_variants_are_one_mailbox() {
        let m = matcher("emails = [\"Jeanne.Exemple@Example.org\"]\n");
        for t in [
            "write to jeanne.exemple@example.org today",
            "JEANNE.EXEMPLE@EXAMPLE.ORG",
            "jeanne.exemple+news@example.org",
        ] {
            assert_eq!(kinds(&m, &[t]), Some(vec!["rights-email"]), "{t}");
        }
        for t in [
            "jeanne.exemples@example.org",
            "xjeanne.exemple@example.org.uk",
            "jeanne.exemple@example.organic",
            "example.org",
        ] {
            assert_eq!(kinds(&m, &[t]), None, "{t}");
        }
        let g = matcher("emails = [\"jeanne.exemple@gmail.com\"]\n");
        assert!(kinds(&g, &["j.e.anne.exemple@googlemail.com"]).is_some());
    }

    #[test]
    fn phones_match_in_every_usual_form_and_not_inside_longer_numbers() {
        let m = matcher("phones = [\"06 12 34 56 78\"]\n");
        for t in [
            "06 12 34 56 78",
            "0612345678",
            "06.12.34.56.78",
            "+33 6 12 34 56 78",
            "+33612345678",
            "0033612345678",
            "tel:06-12-34-56-78.",
        ] {
            assert!(kinds(&m, &[t]).is_some(), "{t}");
        }
        for t in ["106123456789", "06 12 34 56 79", "+44612345678"] {
            assert_eq!(kinds(&m, &[t]), None, "{t}");
        }
    }

    #[test]
    fn a_name_needs_another_attribute_in_the_record() {
        let m = matcher("names = [{ name = \"Jeanne Exemple\", and = [\"Lyon\"] }]\n");
        assert_eq!(kinds(&m, &["Jeanne Exemple wrote"]), None);
        assert_eq!(
            kinds(&m, &["Jeanne Exemple", "LYON"]),
            Some(vec!["rights-name"])
        );
        assert_eq!(
            kinds(&m, &["jeanne exemple à lyon"]),
            Some(vec!["rights-name"])
        );
        // A similar name is another person.
        assert_eq!(kinds(&m, &["Jeanne Exemplaire", "Lyon"]), None);
        assert_eq!(kinds(&m, &["Jeanne Exemple", "Lyonnais"]), None);
        // Accents and case do not hide her.
        let h = matcher("names = [{ name = \"Hélène Exemple\", and = [\"Nîmes\"] }]\n");
        assert!(kinds(&h, &["HELENE EXEMPLE, NIMES"]).is_some());
        assert!(h.may_match(br#"{"t":"H\u00e9l\u00e8ne Exemple"}"#));
    }

    #[test]
    fn account_ids_keep_their_case_and_boundaries() {
        let m = matcher("account-ids = [\"cust-88412\"]\n");
        assert!(kinds(&m, &["id cust-88412."]).is_some());
        assert_eq!(kinds(&m, &["CUST-88412"]), None);
        assert_eq!(kinds(&m, &["cust-884123"]), None);
    }

    #[test]
    fn spans_cover_the_values_and_never_overlap() {
        let m = matcher(
            "emails = [\"a.b@example.org\"]\nnames = [{ name = \"Ana Bee\", and = [\"Lyon\"] }]\n",
        );
        let mut out = vec![Vec::new(), Vec::new()];
        m.record_spans(&["Ana Bee <a.b@example.org>", "Lyon"], &mut out);
        let got: Vec<(usize, usize, &str)> = out[0]
            .iter()
            .map(|s| (s.start, s.end, s.kind.name))
            .collect();
        assert_eq!(got, vec![(0, 7, "rights-name"), (9, 24, "rights-email")]);
        assert!(out[1].is_empty(), "attributes are not redacted");
    }
}
