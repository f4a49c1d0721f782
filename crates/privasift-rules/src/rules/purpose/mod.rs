//! Rules of this sheet.
use crate::rule::Rule;

mod s2_purpose_01;
mod s2_purpose_02;
mod s2_purpose_03;
mod s2_purpose_04;
mod s2_purpose_05;
mod s2_purpose_06;

pub(super) const RULES: &[&dyn Rule] = &[
    &s2_purpose_01::Check,
    &s2_purpose_02::Check,
    &s2_purpose_03::Check,
    &s2_purpose_04::Check,
    &s2_purpose_05::Check,
    &s2_purpose_06::Check,
];
