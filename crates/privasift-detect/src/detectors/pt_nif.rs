//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct PtNif;

impl PtNif {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for PtNif {
    fn id(&self) -> &'static str {
        "pt-nif@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
