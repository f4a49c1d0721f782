//! Rules of this sheet.
use crate::rule::Rule;

mod s1_regime_01;
mod s1_regime_03;
mod s1_regime_04;
mod s1_regime_05;

pub(super) const RULES: &[&dyn Rule] = &[
    &s1_regime_01::Check,
    &s1_regime_03::Check,
    &s1_regime_04::Check,
    &s1_regime_05::Check,
];
