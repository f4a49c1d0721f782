//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct DateOfBirth;

impl DateOfBirth {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for DateOfBirth {
    fn id(&self) -> &'static str {
        "date-of-birth@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
