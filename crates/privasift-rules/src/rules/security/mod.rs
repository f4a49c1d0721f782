//! Rules of this sheet.
use crate::rule::Rule;

mod sec_01;
mod sec_02;
mod sec_03;
mod sec_04;
mod sec_05;
mod sec_06;
mod sec_07;

pub(super) const RULES: &[&dyn Rule] = &[
    &sec_01::Check,
    &sec_02::Check,
    &sec_03::Check,
    &sec_04::Check,
    &sec_05::Check,
    &sec_06::Check,
    &sec_07::Check,
];
