//! Rules of this sheet.
use crate::rule::Rule;

mod s4_basis_01;

pub(super) const RULES: &[&dyn Rule] = &[&s4_basis_01::Check];
