//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct BeNationalNumber;

impl BeNationalNumber {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for BeNationalNumber {
    fn id(&self) -> &'static str {
        "be-national-number@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
