//! Rules of this sheet.
use crate::rule::Rule;

mod s5_dpia_01;
mod s5_dpia_02;
mod s5_dpia_03;
mod s5_dpia_05;
mod s5_dpia_06;
mod s5_dpia_07;
mod s5_dpia_08;
mod s5_dpia_09;
mod s5_dpia_10;

pub(super) const RULES: &[&dyn Rule] = &[
    &s5_dpia_01::Check,
    &s5_dpia_02::Check,
    &s5_dpia_03::Check,
    &s5_dpia_05::Check,
    &s5_dpia_06::Check,
    &s5_dpia_07::Check,
    &s5_dpia_08::Check,
    &s5_dpia_09::Check,
    &s5_dpia_10::Check,
];
