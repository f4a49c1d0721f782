//! The registry: every detector privasift ships, one file each.
//!
//! Order matters where two patterns can match at the same place: the earlier
//! one is tried first, and if its validation rejects the candidate the later
//! ones get their turn. Put the most specific, checksum-validated detectors
//! first.

use privasift_core::Detector;

use crate::BuildError;

pub mod address;
pub mod be_national_number;
pub mod case_number;
pub mod credit_card;
pub mod date_of_birth;
pub mod de_tax_id;
pub mod email;
pub mod es_dni;
pub mod fr_driving_licence;
pub mod fr_id_card;
pub mod fr_licence_plate;
pub mod fr_nir;
pub mod fr_passport;
pub mod fr_tax_id;
pub mod gps;
pub mod handle;
pub mod iban;
pub mod ip;
pub mod it_codice_fiscale;
pub mod mac;
pub mod nationality;
pub mod nl_bsn;
pub mod organization;
pub mod person;
pub mod phone;
pub mod pl_pesel;
pub mod place;
pub mod pt_nif;
pub mod secret;
pub mod special;
pub mod uk_nino;
pub mod url;
pub mod us_ssn;

/// Every detector of the default set, in priority order.
pub fn default_detectors() -> Result<Vec<Box<dyn Detector>>, BuildError> {
    // The phone detector loads libphonenumber's metadata (about a third of
    // the set's build time): on a thread of its own, beside the others.
    std::thread::scope(|scope| {
        let phone = scope.spawn(phone::Phone::new);
        let mut set = before_phone()?;
        let after = after_phone()?;
        let phone = phone.join().map_err(|_| BuildError::Detector {
            detector: "phone@1",
            message: "building the detector panicked".to_owned(),
        })??;
        set.push(Box::new(phone));
        set.extend(after);
        Ok(set)
    })
}

/// The detectors that come before the phone detector in priority order.
fn before_phone() -> Result<Vec<Box<dyn Detector>>, BuildError> {
    Ok(vec![
        Box::new(secret::Secret::new()?),
        Box::new(email::Email::new()?),
        Box::new(url::Url::new()?),
        Box::new(iban::Iban::new()?),
        Box::new(credit_card::CreditCard::new()?),
        Box::new(fr_nir::FrNir::new()?),
        Box::new(fr_tax_id::FrTaxId::new()?),
        Box::new(be_national_number::BeNationalNumber::new()?),
        Box::new(pl_pesel::PlPesel::new()?),
        Box::new(de_tax_id::DeTaxId::new()?),
        Box::new(fr_passport::FrPassport::new()?),
        Box::new(fr_driving_licence::FrDrivingLicence::new()?),
        Box::new(es_dni::EsDni::new()?),
        // After the DNI: "pièce d'identité : DNI 31027677X" has a card word
        // before a value the French new-card shape would also take.
        Box::new(fr_id_card::FrIdCard::new()?),
        Box::new(it_codice_fiscale::ItCodiceFiscale::new()?),
        Box::new(pt_nif::PtNif::new()?),
        Box::new(nl_bsn::NlBsn::new()?),
        Box::new(us_ssn::UsSsn::new()?),
        Box::new(uk_nino::UkNino::new()?),
    ])
}

/// The detectors that come after the phone detector in priority order.
fn after_phone() -> Result<Vec<Box<dyn Detector>>, BuildError> {
    Ok(vec![
        Box::new(ip::IpAddress::new()?),
        Box::new(mac::MacAddress::new()?),
        Box::new(gps::Gps::new()?),
        Box::new(fr_licence_plate::FrLicencePlate::new()?),
        Box::new(case_number::CaseNumber::new()?),
        Box::new(date_of_birth::DateOfBirth::new()?),
        Box::new(handle::Handle::new()?),
        Box::new(special::Special::new()?),
        Box::new(person::Person::new()?),
        Box::new(address::Address::new()?),
        Box::new(place::Place::new()?),
        Box::new(organization::Organization::new()?),
        Box::new(nationality::Nationality::new()?),
    ])
}

/// Test helper: runs one detector alone and returns `(matched text, kind name, score)`.
#[cfg(test)]
#[allow(clippy::expect_used)]
pub(crate) fn run_one(d: Box<dyn Detector>, text: &str) -> Vec<(String, &'static str, f32)> {
    let cfg = crate::DetectConfig {
        min_score: 0.0,
        ..crate::DetectConfig::default()
    };
    let set = crate::DetectorSet::new(vec![d], cfg).expect("detector builds");
    let mut out = Vec::new();
    set.detect(text, &mut out);
    out.iter()
        .map(|s| (text[s.start..s.end].to_owned(), s.kind.name, s.score))
        .collect()
}
