//! Rules of this sheet.
use crate::rule::Rule;

mod s0_scope_01;
mod s0_scope_03;
mod s0_scope_07;
mod s0_scope_08;

pub(super) const RULES: &[&dyn Rule] = &[
    &s0_scope_01::Check,
    &s0_scope_03::Check,
    &s0_scope_07::Check,
    &s0_scope_08::Check,
];
