//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct UsSsn;

impl UsSsn {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for UsSsn {
    fn id(&self) -> &'static str {
        "us-ssn@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
