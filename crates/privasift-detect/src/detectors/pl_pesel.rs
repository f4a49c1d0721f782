//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct PlPesel;

impl PlPesel {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for PlPesel {
    fn id(&self) -> &'static str {
        "pl-pesel@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
