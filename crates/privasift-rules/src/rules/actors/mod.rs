//! Rules of this sheet.
use crate::rule::Rule;

mod s3_actors_01;
mod s3_actors_03;
mod s3_actors_04;
mod s3_actors_05;
mod s3_actors_06;

pub(super) const RULES: &[&dyn Rule] = &[
    &s3_actors_01::Check,
    &s3_actors_03::Check,
    &s3_actors_04::Check,
    &s3_actors_05::Check,
    &s3_actors_06::Check,
];
