//! Rules of this sheet.
use crate::rule::Rule;

mod model_01;
mod model_02;
mod model_03;
mod model_04;
mod model_07;

pub(super) const RULES: &[&dyn Rule] = &[
    &model_01::Check,
    &model_02::Check,
    &model_03::Check,
    &model_04::Check,
    &model_07::Check,
];
