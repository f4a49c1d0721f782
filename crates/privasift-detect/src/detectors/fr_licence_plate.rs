//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrLicencePlate;

impl FrLicencePlate {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrLicencePlate {
    fn id(&self) -> &'static str {
        "fr-licence-plate@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
