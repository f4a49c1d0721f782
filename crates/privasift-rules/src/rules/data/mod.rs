//! Rules of this sheet.
use crate::rule::Rule;

mod s7_data_01;
mod s7_data_02;
mod s7_data_03;
mod s7_data_04;
mod s7_data_05;
mod s7_data_06;
mod s7_data_07;
mod s7_data_08;
mod s7_data_10;

pub(super) const RULES: &[&dyn Rule] = &[
    &s7_data_01::Check,
    &s7_data_02::Check,
    &s7_data_03::Check,
    &s7_data_04::Check,
    &s7_data_05::Check,
    &s7_data_06::Check,
    &s7_data_07::Check,
    &s7_data_08::Check,
    &s7_data_10::Check,
];
