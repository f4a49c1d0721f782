//! What `privasift clean` does to personal data.
//!
//! - [`Policy`]: the TOML file that says, per kind and per field, what
//!   happens to a finding (`keep`, `redact`, `mask`, `pseudonymise`,
//!   `surrogate`, `encrypt`, `generalise`, `drop-field`, `drop-record`), and
//!   when a whole record is dropped. Checked before any data is read; a
//!   mistake names its line and column.
//! - [`Key`]: the secret behind tokens, surrogates and encryption; from a
//!   file or the environment, never the command line; shown only by its
//!   fingerprint.
//! - [`Transformer`]: applies a policy with a key to a record's fields and
//!   their findings, giving a [`Decision`]: the record dropped, or each field
//!   unchanged, replaced or removed.
//!
//! ```
//! use privasift_core::{Kind, Label, Span};
//! use privasift_transform::{FieldInput, FieldOutcome, FieldPlan, Policy, Transformer};
//! let t = Transformer::new(Policy::builtin(), None).unwrap();
//! let text = "write to ana@example.org";
//! let spans = [Span::new(9, 24, Kind::new("email", Label::Email), 0.95, "email@2")];
//! let d = t.decide(&[FieldInput { path: "text", text, plan: FieldPlan::Scan, spans: &spans }]);
//! assert_eq!(d.fields, vec![FieldOutcome::Replace("write to [EMAIL]".into())]);
//! ```

mod edit;
mod key;
mod policy;

pub use edit::{
    Decision, DropReason, FieldInput, FieldOutcome, FieldPlan, MissingKey, RevealCounts,
    Transformer, generalise, suppress_hash, token_with,
};
pub use key::{KEY_ENV, Key, KeyError};
pub use policy::{Action, FieldRule, Granularity, MaskPart, Policy, PolicyError, RecordRules};

use privasift_core::Label;

/// The form of a value that tokens and surrogates are computed from, so that
/// trivial variants of one identifier give one token: e-mail addresses in
/// lower case; phone numbers as their digits (a leading `00` read as `+`);
/// IBANs, card and national numbers without spaces, dots or dashes, in upper
/// case; anything else with its whitespace collapsed. `privasift rights`
/// normalises a person's identifiers the same way to find their tokens.
pub fn normalise(label: Label, value: &str) -> String {
    let v = value.trim();
    match label {
        Label::Email => v.to_lowercase(),
        Label::Phone => {
            let plus = v.starts_with('+');
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            match (plus, digits.strip_prefix("00")) {
                (true, _) => format!("+{digits}"),
                (false, Some(rest)) => format!("+{rest}"),
                (false, None) => digits,
            }
        }
        Label::Iban
        | Label::CreditCard
        | Label::NationalId
        | Label::Passport
        | Label::LicencePlate => v
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
            .flat_map(char::to_uppercase)
            .collect(),
        _ => v.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_merges_trivial_variants() {
        assert_eq!(
            normalise(Label::Email, " Ana@Example.ORG "),
            "ana@example.org"
        );
        assert_eq!(
            normalise(Label::Phone, "0033 6 12 34 56 78"),
            "+33612345678"
        );
        assert_eq!(
            normalise(Label::Phone, "+33 (0)6 12"),
            "+33061 2".replace(' ', "")
        );
        assert_eq!(normalise(Label::Iban, "fr76 3000-6000"), "FR7630006000");
        assert_eq!(normalise(Label::Person, "Jean   Dupont"), "Jean Dupont");
    }
}
