//! Rules of this sheet.
use crate::rule::Rule;

pub(super) const RULES: &[&dyn Rule] = &[];
