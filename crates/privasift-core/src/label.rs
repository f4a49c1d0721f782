//! The normalised label set shared with `../shared/bench` and every consumer of
//! `privasift detect` output. Renaming a label breaks that contract.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a span is, in the vocabulary evaluations and downstream tools use.
///
/// The first group follows the bench format (`../shared/bench/README.md`); the
/// second adds what privasift detects beyond it; the third holds the special
/// categories of data of GDPR Art. 9 and the criminal-offence data of Art. 10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Label {
    Person,
    Email,
    Phone,
    Iban,
    CreditCard,
    NationalId,
    Passport,
    IpAddress,
    Url,
    Address,
    Location,
    Date,
    DateOfBirth,
    Organization,
    Code,
    Nrp,
    /// Secrets: API keys, private keys, passwords embedded in URLs.
    Credential,
    /// Hardware addresses (MAC), which identify a device and so its owner.
    DeviceId,
    /// Vehicle registration plates.
    LicencePlate,
    Health,
    ReligionOrBelief,
    PoliticalOpinion,
    TradeUnion,
    SexualOrientationOrLife,
    EthnicOrigin,
    Genetic,
    Biometric,
    CriminalOffence,
}

impl Label {
    /// Every label, in declaration order.
    pub const ALL: &'static [Label] = &[
        Label::Person,
        Label::Email,
        Label::Phone,
        Label::Iban,
        Label::CreditCard,
        Label::NationalId,
        Label::Passport,
        Label::IpAddress,
        Label::Url,
        Label::Address,
        Label::Location,
        Label::Date,
        Label::DateOfBirth,
        Label::Organization,
        Label::Code,
        Label::Nrp,
        Label::Credential,
        Label::DeviceId,
        Label::LicencePlate,
        Label::Health,
        Label::ReligionOrBelief,
        Label::PoliticalOpinion,
        Label::TradeUnion,
        Label::SexualOrientationOrLife,
        Label::EthnicOrigin,
        Label::Genetic,
        Label::Biometric,
        Label::CriminalOffence,
    ];

    /// The label as written in `detect` output, e.g. `CREDIT_CARD`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Email => "EMAIL",
            Label::Phone => "PHONE",
            Label::Iban => "IBAN",
            Label::CreditCard => "CREDIT_CARD",
            Label::NationalId => "NATIONAL_ID",
            Label::Passport => "PASSPORT",
            Label::IpAddress => "IP_ADDRESS",
            Label::Url => "URL",
            Label::Address => "ADDRESS",
            Label::Location => "LOCATION",
            Label::Date => "DATE",
            Label::DateOfBirth => "DATE_OF_BIRTH",
            Label::Organization => "ORGANIZATION",
            Label::Code => "CODE",
            Label::Nrp => "NRP",
            Label::Credential => "CREDENTIAL",
            Label::DeviceId => "DEVICE_ID",
            Label::LicencePlate => "LICENCE_PLATE",
            Label::Health => "HEALTH",
            Label::ReligionOrBelief => "RELIGION_OR_BELIEF",
            Label::PoliticalOpinion => "POLITICAL_OPINION",
            Label::TradeUnion => "TRADE_UNION",
            Label::SexualOrientationOrLife => "SEXUAL_ORIENTATION_OR_LIFE",
            Label::EthnicOrigin => "ETHNIC_ORIGIN",
            Label::Genetic => "GENETIC",
            Label::Biometric => "BIOMETRIC",
            Label::CriminalOffence => "CRIMINAL_OFFENCE",
        }
    }

    /// Special categories of personal data (GDPR Art. 9) and data relating to
    /// criminal convictions and offences (Art. 10): the CNIL's sheets ask that
    /// they be filtered at collection and deleted at once when found.
    pub fn is_special_category(self) -> bool {
        matches!(
            self,
            Label::Health
                | Label::ReligionOrBelief
                | Label::PoliticalOpinion
                | Label::TradeUnion
                | Label::SexualOrientationOrLife
                | Label::EthnicOrigin
                | Label::Genetic
                | Label::Biometric
                | Label::CriminalOffence
        )
    }

    /// Whether a span with this label is, on its own, personal data. `DATE`
    /// (an event date) and `ORGANIZATION` only help tell names apart.
    pub const fn is_personal(self) -> bool {
        !matches!(self, Label::Date | Label::Organization | Label::Nrp)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A label name that is not in the set.
#[derive(Debug, thiserror::Error)]
#[error("unknown label `{0}` (known: PERSON, EMAIL, PHONE, IBAN, CREDIT_CARD, NATIONAL_ID, ...)")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase().replace('-', "_");
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == upper)
            .ok_or_else(|| UnknownLabel(s.to_owned()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_str_and_serde() {
        for &l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().ok(), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
        }
        assert_eq!("credit-card".parse::<Label>().ok(), Some(Label::CreditCard));
        assert!("PHONENUMBER".parse::<Label>().is_err());
    }

    #[test]
    fn special_categories_are_the_nine_of_art_9_and_10() {
        let n = Label::ALL
            .iter()
            .filter(|l| l.is_special_category())
            .count();
        assert_eq!(n, 9);
        assert!(!Label::Email.is_special_category());
    }
}
