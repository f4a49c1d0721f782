//! Rules of this sheet.
use crate::rule::Rule;

mod s6_design_01;
mod s6_design_02;
mod s6_design_03;
mod s6_design_04;
mod s6_design_05;
mod s6_design_06;

pub(super) const RULES: &[&dyn Rule] = &[
    &s6_design_01::Check,
    &s6_design_02::Check,
    &s6_design_03::Check,
    &s6_design_04::Check,
    &s6_design_05::Check,
    &s6_design_06::Check,
];
