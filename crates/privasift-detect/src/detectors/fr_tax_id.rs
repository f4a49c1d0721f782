//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrTaxId;

impl FrTaxId {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrTaxId {
    fn id(&self) -> &'static str {
        "fr-tax-id@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
