//! A wrapper that keeps personal data out of logs, errors, reports and panics.

use std::fmt;

use crate::Kind;

/// A value that may be personal data. `Debug` and `Display` print only its
/// kind and size (`<email, 23 bytes>`); the value itself is reachable through
/// [`Sensitive::expose`], whose name makes every use easy to audit.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Sensitive<T> {
    value: T,
    kind: Kind,
}

impl<T: AsRef<str>> Sensitive<T> {
    pub fn new(value: T, kind: Kind) -> Self {
        Self { value, kind }
    }

    /// The value in clear. Never pass it to a formatter that reaches a log,
    /// error message or report.
    pub fn expose(&self) -> &str {
        self.value.as_ref()
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }
}

impl<T: AsRef<str>> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<{}, {} bytes>",
            self.kind.name,
            self.value.as_ref().len()
        )
    }
}

impl<T: AsRef<str>> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::Label;

    #[test]
    fn never_formats_the_value() {
        let s = Sensitive::new(
            String::from("jane@example.org"),
            Kind::new("email", Label::Email),
        );
        for shown in [format!("{s}"), format!("{s:?}"), format!("{s:#?}")] {
            assert!(!shown.contains("jane"), "{shown}");
            assert_eq!(shown, "<email, 16 bytes>");
        }
        assert_eq!(s.expose(), "jane@example.org");
    }
}
