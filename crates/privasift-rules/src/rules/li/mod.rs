//! Rules of this sheet.
use crate::rule::Rule;

mod li_01;
mod li_04;
mod li_05;
mod li_06;
mod li_07;
mod li_08;

pub(super) const RULES: &[&dyn Rule] = &[
    &li_01::Check,
    &li_04::Check,
    &li_05::Check,
    &li_06::Check,
    &li_07::Check,
    &li_08::Check,
];
