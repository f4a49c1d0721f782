//! Masked renderings of detected values, for examples in reports.

use crate::{Kind, Label};

/// Renders `value` so that a reader sees its shape, never its content:
/// e-mails keep the first letter and the top-level domain (`j***@***.fr`),
/// everything else keeps separators and the first character, with letters and
/// digits replaced by `*` (`+** * ** ** ** **`). Values of three characters
/// or fewer are fully masked.
pub fn mask_value(value: &str, kind: Kind) -> String {
    if kind.label == Label::Email
        && let Some((local, domain)) = value.rsplit_once('@')
    {
        let first = local
            .chars()
            .next()
            .map_or(String::new(), |c| c.to_string());
        let tld = domain.rsplit_once('.').map_or("", |(_, t)| t);
        return if tld.is_empty() {
            format!("{first}***@***")
        } else {
            format!("{first}***@***.{tld}")
        };
    }
    let n = value.chars().count();
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if c.is_alphanumeric() && (i > 0 || n <= 3) {
                '*'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn emails_keep_first_letter_and_tld() {
        let k = Kind::new("email", Label::Email);
        assert_eq!(mask_value("jean.dupont@orange.fr", k), "j***@***.fr");
        assert_eq!(mask_value("x@localhost", k), "x***@***");
    }

    #[test]
    fn others_keep_shape_only() {
        let k = Kind::new("phone", Label::Phone);
        assert_eq!(mask_value("+33 6 12 34 56 78", k), "+** * ** ** ** **");
        assert_eq!(mask_value("FR76", Kind::new("iban", Label::Iban)), "F***");
        assert_eq!(mask_value("abc", k), "***");
    }
}
