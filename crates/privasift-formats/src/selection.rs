//! Which fields of a record are text to scan.

/// The fields to scan and the field that identifies a record.
///
/// `fields` are dotted paths (`meta.author.bio`); array elements share the
/// path of their array. With no fields, every string field is scanned.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub fields: Vec<String>,
    pub id_field: Option<String>,
}

impl Selection {
    pub fn new(fields: Vec<String>, id_field: Option<String>) -> Self {
        Self { fields, id_field }
    }

    pub fn all_fields(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether strings at `path` are scanned.
    pub fn selects(&self, path: &str) -> bool {
        self.all_fields() || self.fields.iter().any(|f| f == path)
    }

    /// Whether something under `path` may be scanned or is the id, so the
    /// reader must descend into it.
    pub fn descends(&self, path: &str) -> bool {
        if self.all_fields() {
            return true;
        }
        let under = |f: &str| {
            f == path
                || (f.len() > path.len() && f.starts_with(path) && f.as_bytes()[path.len()] == b'.')
        };
        path.is_empty()
            || self.fields.iter().any(|f| under(f))
            || self.id_field.as_deref().is_some_and(under)
    }

    pub fn is_id(&self, path: &str) -> bool {
        self.id_field.as_deref() == Some(path)
    }
}

/// Whether `s` reads like a field or column name (`email`, `First Name`,
/// `address_2`) rather than like a value (`jane.doe@example.org`,
/// `0612345678`). Names that fail this are not shown in reports (they may be
/// personal data used as a key) and a CSV "header" made of them is data.
pub fn looks_like_name(s: &str) -> bool {
    // One pass (every key of every JSON record comes here): at most 64
    // characters, 4 digits and one dot, none of them first but a letter.
    if s.starts_with(|c: char| c.is_ascii_digit() || c == '+') {
        return false;
    }
    let (mut n, mut digits, mut dots) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        n += 1;
        digits += usize::from(c.is_ascii_digit());
        dots += usize::from(c == '.');
        let allowed = c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '_' | '-' | '.' | '(' | ')' | '/' | '#' | '%' | '&' | '\'' | '°'
            );
        if !allowed || n > 64 || digits > 4 || dots > 1 {
            return false;
        }
    }
    n >= 1
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// The rule as it was first written, one property at a time.
    fn looks_like_name_reference(s: &str) -> bool {
        let n = s.chars().count();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        (1..=64).contains(&n)
            && digits <= 4
            && !s.starts_with(|c: char| c.is_ascii_digit() || c == '+')
            && s.chars().all(|c| {
                c.is_alphanumeric()
                    || matches!(
                        c,
                        ' ' | '_' | '-' | '.' | '(' | ')' | '/' | '#' | '%' | '&' | '\'' | '°'
                    )
            })
            && !s.contains("..")
            && s.matches('.').count() <= 1
    }

    #[test]
    fn the_one_pass_rule_is_the_rule() {
        let pieces = [
            "a",
            "é",
            "1",
            ".",
            "+",
            "@",
            " ",
            "_",
            "°",
            "x".repeat(30).leak(),
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = (state % 9) as usize;
            let key: String = (0..n)
                .map(|k| pieces[((state >> (4 * k)) % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(
                looks_like_name(&key),
                looks_like_name_reference(&key),
                "{key:?}"
            );
        }
    }

    #[test]
    fn names_are_told_from_values() {
        for ok in [
            "email",
            "First Name",
            "address_2",
            "meta",
            "n°",
            "Date de naissance",
        ] {
            assert!(looks_like_name(ok), "{ok}");
        }
        for bad in [
            "jane.doe@example.org",
            "0612345678",
            "+33 6 12",
            "FR76 3000 6000 0112",
            "https://x.org",
            "a.b.c",
            "",
        ] {
            assert!(!looks_like_name(bad), "{bad}");
        }
    }

    #[test]
    fn nested_paths_descend_only_where_needed() {
        let s = Selection::new(
            vec!["meta.bio".into(), "text".into()],
            Some("doc.id".into()),
        );
        assert!(s.descends(""));
        assert!(s.descends("meta"));
        assert!(s.descends("doc"));
        assert!(!s.descends("met"));
        assert!(!s.descends("other"));
        assert!(s.selects("meta.bio"));
        assert!(!s.selects("meta"));
        assert!(s.is_id("doc.id"));
    }
}
