//! Rules of this sheet.
use crate::rule::Rule;

mod annot_02;
mod annot_06;

pub(super) const RULES: &[&dyn Rule] = &[&annot_02::Check, &annot_06::Check];
