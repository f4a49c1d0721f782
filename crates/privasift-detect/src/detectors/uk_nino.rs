//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct UkNino;

impl UkNino {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for UkNino {
    fn id(&self) -> &'static str {
        "uk-nino@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
