//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrPassport;

impl FrPassport {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrPassport {
    fn id(&self) -> &'static str {
        "fr-passport@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
