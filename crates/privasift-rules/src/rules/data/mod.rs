//! Rules of this sheet.
use crate::rule::Rule;

mod s7_data_08;

pub(super) const RULES: &[&dyn Rule] = &[&s7_data_08::Check];
