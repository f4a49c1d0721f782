//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct IpAddress;

impl IpAddress {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for IpAddress {
    fn id(&self) -> &'static str {
        "ip@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
