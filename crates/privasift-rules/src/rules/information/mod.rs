//! Rules of this sheet.
use crate::rule::Rule;

mod info_01;
mod info_02;
mod info_03;
mod info_04;
mod info_05;
mod info_06;
mod info_07;

pub(super) const RULES: &[&dyn Rule] = &[
    &info_01::Check,
    &info_02::Check,
    &info_03::Check,
    &info_04::Check,
    &info_05::Check,
    &info_06::Check,
    &info_07::Check,
];
