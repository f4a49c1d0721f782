//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct MacAddress;

impl MacAddress {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for MacAddress {
    fn id(&self) -> &'static str {
        "mac@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
