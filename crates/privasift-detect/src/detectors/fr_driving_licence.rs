//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrDrivingLicence;

impl FrDrivingLicence {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrDrivingLicence {
    fn id(&self) -> &'static str {
        "fr-driving-licence@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
