//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct FrIdCard;

impl FrIdCard {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for FrIdCard {
    fn id(&self) -> &'static str {
        "fr-id-card@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
