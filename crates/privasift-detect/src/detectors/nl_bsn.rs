//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct NlBsn;

impl NlBsn {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for NlBsn {
    fn id(&self) -> &'static str {
        "nl-bsn@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
