//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct DeTaxId;

impl DeTaxId {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for DeTaxId {
    fn id(&self) -> &'static str {
        "de-tax-id@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
