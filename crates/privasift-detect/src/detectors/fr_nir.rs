//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrNir;

impl FrNir {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrNir {
    fn id(&self) -> &'static str {
        "fr-nir@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
