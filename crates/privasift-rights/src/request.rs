//! A rights request: who the person is, as the controller knows them, and
//! what they ask. TOML, checked before any data is read; mistakes come back
//! with line and column, and never quote an identifier.
//!
//! ```toml
//! id = "REQ-2026-014"
//! kind = "erasure"              # access | erasure | objection
//! erase = "drop-record"         # or "redact": only the person's values
//! region = "FR"                 # for phone numbers written without +33
//!
//! [person]
//! emails = ["jeanne.exemple@example.org"]
//! phones = ["06 12 34 56 78"]
//! account-ids = ["cust-88412"]
//! tokens = ["<EMAIL_3f9a0c2b7d1e>"]
//! names = [{ name = "Jeanne Exemple", and = ["Lyon"] }]
//! ```

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

/// What the person asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    Access,
    Erasure,
    Objection,
}

/// The request kind as written in requests, reports and the ledger.
pub fn kind_name(k: RequestKind) -> &'static str {
    match k {
        RequestKind::Access => "access",
        RequestKind::Erasure => "erasure",
        RequestKind::Objection => "objection",
    }
}

/// What `rights erase` does to a record of the person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EraseMode {
    /// The whole record goes.
    #[default]
    DropRecord,
    /// Only the person's values are replaced (`[EMAIL]`, `[PERSON]`, …).
    Redact,
}

/// A name, and what else must be in the record for it to be this person
/// (a name alone does not identify anyone).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWith {
    pub name: String,
    #[serde(rename = "and")]
    pub also: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Person {
    #[serde(default)]
    pub emails: Vec<Spanned<String>>,
    #[serde(default)]
    pub phones: Vec<Spanned<String>>,
    #[serde(default)]
    pub account_ids: Vec<Spanned<String>>,
    /// Pseudonym tokens `clean` wrote (`<EMAIL_…>`).
    #[serde(default)]
    pub tokens: Vec<Spanned<String>>,
    #[serde(default)]
    pub names: Vec<Spanned<NameWith>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRequest {
    id: String,
    kind: RequestKind,
    #[serde(default)]
    erase: EraseMode,
    #[serde(default)]
    region: Option<Spanned<String>>,
    person: Person,
}

/// A checked request.
#[derive(Clone, Debug)]
pub struct Request {
    pub id: String,
    pub kind: RequestKind,
    pub erase: EraseMode,
    /// ISO country code for national phone numbers (default FR).
    pub region: phonenumber::country::Id,
    pub person: Person,
    /// Phone numbers as E.164, in `person.phones` order.
    pub phones_e164: Vec<phonenumber::PhoneNumber>,
}

/// A mistake in a request, with where it is; never its content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RequestError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.column, self.message
        )
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Request {
    /// Parses and checks a request. `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str) -> Result<Request, RequestError> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            RequestError {
                origin: origin.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawRequest = toml::from_str(text).map_err(|e| {
            // toml's message may quote the offending value: keep only its
            // first clause when it does.
            let msg = e.message().trim().to_owned();
            let msg = if msg.contains('"') {
                msg.split(',').next().unwrap_or("invalid value").to_owned()
            } else {
                msg
            };
            at(e.span().map_or(0, |s| s.start), msg)
        })?;
        if raw.id.trim().is_empty() {
            return Err(at(
                0,
                "the request needs an `id` (it is what the ledger records)".into(),
            ));
        }
        let region = match &raw.region {
            None => phonenumber::country::Id::FR,
            Some(r) => r.get_ref().to_uppercase().parse().map_err(|_| {
                at(
                    r.span().start,
                    "`region` is not an ISO country code such as FR, BE, DE".into(),
                )
            })?,
        };
        let p = &raw.person;
        for (what, list) in [
            ("emails", &p.emails),
            ("account-ids", &p.account_ids),
            ("tokens", &p.tokens),
        ] {
            for (i, v) in list.iter().enumerate() {
                if v.get_ref().trim().is_empty() {
                    return Err(at(v.span().start, format!("person.{what}[{i}] is empty")));
                }
            }
        }
        for (i, e) in p.emails.iter().enumerate() {
            let v = e.get_ref().trim();
            let ok = v
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
            if !ok {
                return Err(at(
                    e.span().start,
                    format!("person.emails[{i}] is not an e-mail address"),
                ));
            }
        }
        let mut phones_e164 = Vec::new();
        for (i, ph) in p.phones.iter().enumerate() {
            let n = phonenumber::parse(Some(region), ph.get_ref())
                .ok()
                .filter(phonenumber::is_valid)
                .ok_or_else(|| {
                    at(
                        ph.span().start,
                        format!("person.phones[{i}] is not a valid phone number (for region {region:?}; write it with its +country code otherwise)"),
                    )
                })?;
            phones_e164.push(n);
        }
        for (i, n) in p.names.iter().enumerate() {
            let nw = n.get_ref();
            if nw.name.split_whitespace().count() == 0 {
                return Err(at(
                    n.span().start,
                    format!("person.names[{i}] has an empty name"),
                ));
            }
            if nw.also.iter().all(|a| a.trim().is_empty()) {
                return Err(at(
                    n.span().start,
                    format!(
                        "person.names[{i}]: a name alone does not identify a person; give another attribute in `and` (a city, a date of birth, an employer, …)"
                    ),
                ));
            }
        }
        let usable = !(p.emails.is_empty()
            && p.phones.is_empty()
            && p.account_ids.is_empty()
            && p.tokens.is_empty()
            && p.names.is_empty());
        if !usable {
            return Err(at(
                0,
                "the request names no usable identifier: give at least an e-mail, a phone, an account id, a pseudonym token, or a name with another attribute".into(),
            ));
        }
        Ok(Request {
            id: raw.id,
            kind: raw.kind,
            erase: raw.erase,
            region,
            person: raw.person,
            phones_e164,
        })
    }

    /// How many identifiers of each kind the request gives (for reports and
    /// the ledger: counts, never values).
    pub fn identifier_counts(&self) -> [(&'static str, usize); 5] {
        let p = &self.person;
        [
            ("email", p.emails.len()),
            ("phone", p.phones.len()),
            ("account-id", p.account_ids.len()),
            ("token", p.tokens.len()),
            ("name-with-attribute", p.names.len()),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn err(text: &str) -> RequestError {
        Request::parse(text, "r.toml").expect_err("refused")
    }

    #[test]
    fn a_full_request_parses() {
        let r = Request::parse(
            "id = \"R1\"\nkind = \"erasure\"\nerase = \"redact\"\n[person]\nemails = [\"a.b@example.org\"]\nphones = [\"06 12 34 56 78\"]\nnames = [{ name = \"Ana Test\", and = [\"Lyon\"] }]\n",
            "r.toml",
        )
        .unwrap();
        assert_eq!(r.kind, RequestKind::Erasure);
        assert_eq!(r.erase, EraseMode::Redact);
        assert_eq!(
            r.phones_e164[0]
                .format()
                .mode(phonenumber::Mode::E164)
                .to_string(),
            "+33612345678"
        );
    }

    #[test]
    fn mistakes_name_where_and_never_what() {
        let e = err("id = \"R1\"\nkind = \"erasure\"\n[person]\n");
        assert!(e.message.contains("no usable identifier"), "{e}");
        let e = err("id = \"R1\"\nkind = \"erasure\"\n[person]\nphones = [\"12\"]\n");
        assert_eq!(e.line, 4);
        assert!(
            e.message.contains("phones[0]") && !e.message.contains("\"12\""),
            "{e}"
        );
        let e = err(
            "id = \"R1\"\nkind = \"erasure\"\n[person]\nnames = [{ name = \"Ana Test\", and = [] }]\n",
        );
        assert!(e.message.contains("a name alone"), "{e}");
        let e = err("id = \"R1\"\nkind = \"erasure\"\n[person]\nemails = [\"not-an-address\"]\n");
        assert!(
            e.message.contains("emails[0]") && !e.to_string().contains("not-an-address"),
            "{e}"
        );
        let e = err("id = \"R1\"\nkind = \"forget\"\n[person]\nemails = [\"a@b.org\"]\n");
        assert_eq!(e.line, 2, "{e}");
        let e = err("id = \"R1\"\nkind = \"access\"\n[person]\nemail = [\"a@b.org\"]\n");
        assert!(e.message.contains("unknown field"), "{e}");
        assert!(!e.to_string().contains("a@b.org"), "{e}");
    }
}
