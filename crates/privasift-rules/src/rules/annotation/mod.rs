//! Rules of this sheet.
use crate::rule::Rule;

mod annot_01;
mod annot_02;
mod annot_03;
mod annot_06;
mod annot_07;

pub(super) const RULES: &[&dyn Rule] = &[
    &annot_01::Check,
    &annot_02::Check,
    &annot_03::Check,
    &annot_06::Check,
    &annot_07::Check,
];
