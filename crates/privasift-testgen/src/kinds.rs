//! The kinds of personal data the generator plants: privasift's detector kind
//! names and their normalised labels.

use privasift_core::Label;

/// A kind of personal data found by one of privasift's foundation detectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GenKind {
    Email,
    Phone,
    Iban,
    CreditCard,
    FrNir,
    FrTaxId,
    BeNationalNumber,
    PlPesel,
    DeTaxId,
    PtNif,
    NlBsn,
    EsDni,
    EsNie,
    ItCodiceFiscale,
    UsSsn,
    UkNino,
    FrIdCard,
    FrPassport,
    FrDrivingLicence,
    Ipv4,
    Ipv6,
    MacAddress,
    Url,
    ProfileUrl,
    SocialHandle,
    GpsCoordinates,
    FrLicencePlate,
    DateOfBirth,
    ApiKey,
    PrivateKey,
    UrlPassword,
}

impl GenKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [GenKind] = &[
        GenKind::Email,
        GenKind::Phone,
        GenKind::Iban,
        GenKind::CreditCard,
        GenKind::FrNir,
        GenKind::FrTaxId,
        GenKind::BeNationalNumber,
        GenKind::PlPesel,
        GenKind::DeTaxId,
        GenKind::PtNif,
        GenKind::NlBsn,
        GenKind::EsDni,
        GenKind::EsNie,
        GenKind::ItCodiceFiscale,
        GenKind::UsSsn,
        GenKind::UkNino,
        GenKind::FrIdCard,
        GenKind::FrPassport,
        GenKind::FrDrivingLicence,
        GenKind::Ipv4,
        GenKind::Ipv6,
        GenKind::MacAddress,
        GenKind::Url,
        GenKind::ProfileUrl,
        GenKind::SocialHandle,
        GenKind::GpsCoordinates,
        GenKind::FrLicencePlate,
        GenKind::DateOfBirth,
        GenKind::ApiKey,
        GenKind::PrivateKey,
        GenKind::UrlPassword,
    ];

    /// privasift's kind name, written as `orig_label` in gold files.
    pub fn name(self) -> &'static str {
        match self {
            GenKind::Email => "email",
            GenKind::Phone => "phone",
            GenKind::Iban => "iban",
            GenKind::CreditCard => "credit-card",
            GenKind::FrNir => "fr-nir",
            GenKind::FrTaxId => "fr-tax-id",
            GenKind::BeNationalNumber => "be-national-number",
            GenKind::PlPesel => "pl-pesel",
            GenKind::DeTaxId => "de-tax-id",
            GenKind::PtNif => "pt-nif",
            GenKind::NlBsn => "nl-bsn",
            GenKind::EsDni => "es-dni",
            GenKind::EsNie => "es-nie",
            GenKind::ItCodiceFiscale => "it-codice-fiscale",
            GenKind::UsSsn => "us-ssn",
            GenKind::UkNino => "uk-nino",
            GenKind::FrIdCard => "fr-id-card",
            GenKind::FrPassport => "fr-passport",
            GenKind::FrDrivingLicence => "fr-driving-licence",
            GenKind::Ipv4 => "ipv4",
            GenKind::Ipv6 => "ipv6",
            GenKind::MacAddress => "mac-address",
            GenKind::Url => "url",
            GenKind::ProfileUrl => "profile-url",
            GenKind::SocialHandle => "social-handle",
            GenKind::GpsCoordinates => "gps-coordinates",
            GenKind::FrLicencePlate => "fr-licence-plate",
            GenKind::DateOfBirth => "date-of-birth",
            GenKind::ApiKey => "api-key",
            GenKind::PrivateKey => "private-key",
            GenKind::UrlPassword => "url-password",
        }
    }

    /// The normalised label, written as `label` in gold files.
    pub fn label(self) -> Label {
        match self {
            GenKind::Email => Label::Email,
            GenKind::Phone => Label::Phone,
            GenKind::Iban => Label::Iban,
            GenKind::CreditCard => Label::CreditCard,
            GenKind::FrNir
            | GenKind::FrTaxId
            | GenKind::BeNationalNumber
            | GenKind::PlPesel
            | GenKind::DeTaxId
            | GenKind::PtNif
            | GenKind::NlBsn
            | GenKind::EsDni
            | GenKind::EsNie
            | GenKind::ItCodiceFiscale
            | GenKind::UsSsn
            | GenKind::UkNino
            | GenKind::FrIdCard
            | GenKind::FrDrivingLicence => Label::NationalId,
            GenKind::FrPassport => Label::Passport,
            GenKind::Ipv4 | GenKind::Ipv6 => Label::IpAddress,
            GenKind::MacAddress => Label::DeviceId,
            GenKind::Url | GenKind::ProfileUrl => Label::Url,
            // A handle names a person; full names in the templates are not gold.
            GenKind::SocialHandle => Label::Person,
            GenKind::GpsCoordinates => Label::Location,
            GenKind::FrLicencePlate => Label::LicencePlate,
            GenKind::DateOfBirth => Label::DateOfBirth,
            GenKind::ApiKey | GenKind::PrivateKey | GenKind::UrlPassword => Label::Credential,
        }
    }

    /// Relative frequency in generated documents: contact details are the
    /// most common personal data in real corpora.
    pub(crate) fn weight(self) -> u32 {
        match self {
            GenKind::Email | GenKind::Phone => 4,
            GenKind::Iban | GenKind::Url | GenKind::DateOfBirth => 2,
            _ => 1,
        }
    }
}

impl std::fmt::Display for GenKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
