//! Rules of this sheet.
use crate::rule::Rule;

mod s0_scope_01;

pub(super) const RULES: &[&dyn Rule] = &[&s0_scope_01::Check];
