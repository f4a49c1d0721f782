//! Rules of this sheet.
use crate::rule::Rule;

mod rights_01;
mod rights_02;
mod rights_03;
mod rights_04;
mod rights_05;
mod rights_06;
mod rights_07;
mod rights_08;
mod rights_09;

pub(super) const RULES: &[&dyn Rule] = &[
    &rights_01::Check,
    &rights_02::Check,
    &rights_03::Check,
    &rights_04::Check,
    &rights_05::Check,
    &rights_06::Check,
    &rights_07::Check,
    &rights_08::Check,
    &rights_09::Check,
];
