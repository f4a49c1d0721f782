//! People's rights over a dataset (the CNIL's sheets on rights, and
//! GDPR Art. 15, 17, 21): find every record of a person from what the
//! controller knows, in every shard and format, including where `clean`
//! replaced the identifiers by keyed tokens; then export them (access) or
//! write the dataset without them (erasure, objection) through `clean`'s
//! machinery, with a `RecordDetector` built from the request.
//!
//! Identifiers never leave this crate in clear: results carry kinds, fields
//! and record positions; the ledger gets counts and the request id.

pub mod find;
pub mod matcher;
pub mod request;

pub use find::{FindJob, FindOutput, Found};
pub use matcher::Matcher;
pub use request::{EraseMode, Request, RequestError, RequestKind};

/// The request as a record-level detector for `clean` (erasure).
impl privasift_pipeline::RecordDetector for Matcher {
    fn detect_record(&self, texts: &[&str], out: &mut [Vec<privasift_core::Span>]) {
        self.record_spans(texts, out);
    }
}

/// The suppression-list entries of a request: the keyed hashes
/// ([`privasift_transform::suppress_hash`]) of the person's e-mail addresses
/// and phone numbers, in the forms `clean` meets them (an address in lower
/// case and without `+tag`; a phone number in international and national
/// digits). Names are not listed: a name alone is not the person.
pub fn suppression_entries(
    req: &Request,
    key: &privasift_transform::Key,
) -> Vec<(privasift_core::Label, String)> {
    use privasift_core::Label;
    let mut out = std::collections::BTreeSet::new();
    for e in &req.person.emails {
        for v in [
            e.get_ref().trim().to_lowercase(),
            matcher::canonical_email(e.get_ref()),
        ] {
            out.insert((
                Label::Email,
                privasift_transform::suppress_hash(key, Label::Email, &v),
            ));
        }
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
            out.insert((
                Label::Phone,
                privasift_transform::suppress_hash(key, Label::Phone, &v),
            ));
        }
    }
    out.into_iter().collect()
}
