//! PLACEHOLDER: being written; replaced before this lands.

use privasift_core::{Detector, Kind};

use crate::BuildError;

pub struct ItCodiceFiscale;

impl ItCodiceFiscale {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self)
    }
}

impl Detector for ItCodiceFiscale {
    fn id(&self) -> &'static str {
        "it-codice-fiscale@0"
    }

    fn kinds(&self) -> &'static [Kind] {
        &[]
    }
}
