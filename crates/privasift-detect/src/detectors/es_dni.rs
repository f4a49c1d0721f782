//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct EsDni;

impl EsDni {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for EsDni {
    fn id(&self) -> &'static str {
        "es-dni@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
