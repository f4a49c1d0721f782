//! MAC addresses (`mac-address@1`).
//!
//! A MAC address is a stable hardware identifier of a network card, and so of
//! the phone or laptop of one person: the CNIL and the EDPB treat it as
//! personal data (Wi-Fi tracking, CNIL deliberation 2016-054; GDPR recital
//! 30). Candidates are six hex pairs separated by `:` or `-` (one separator
//! throughout, IEEE 802 canonical form) or Cisco's dotted `0011.2233.4455`.
//! The all-zero and broadcast (`ff:ff:ff:ff:ff:ff`) addresses designate no
//! device and never fire. An address written with digits only could be a
//! number with separators ("12-34-56-78-90-12"): it scores 0.45 unless a
//! context word ("MAC", "Wi-Fi", "BSSID", "ether", ...) precedes it.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at};

pub const MAC_ADDRESS: Kind = Kind::new("mac-address", Label::DeviceId);
const ID: &str = "mac-address@1";

const CONTEXT: &[&str] = &[
    "mac",
    "adresse mac",
    "mac address",
    "hardware",
    "hwaddr",
    "hw addr",
    "ether",
    "ethernet",
    "wifi",
    "wi-fi",
    "wlan",
    "bssid",
    "ssid",
    "bluetooth",
    "device",
    "appareil",
    "périphérique",
    "link/ether",
    "lladdr",
    "NIC",
];

pub struct MacAddress {
    context: Keywords,
}

impl MacAddress {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Whether a byte could continue the address (a longer hex run or EUI-64).
fn extends(text: &str, at: usize, sep_next: bool) -> bool {
    match byte_at(text, at) {
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => true,
        Some(b':' | b'-' | b'.') if sep_next => {
            byte_at(text, at + 1).is_some_and(|n| n.is_ascii_hexdigit())
        }
        _ => false,
    }
}

impl Detector for MacAddress {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[MAC_ADDRESS]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(r"(?-u:\b)[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?-u:\b)"),
            Pattern::new(r"(?-u:\b)[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}(?-u:\b)"),
            Pattern::new(r"(?-u:\b)[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?-u:\b)"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        // Glued to a longer token: "a00:11:...", "...:55:66" (EUI-64), "x.0011.2233.4455".
        let before_glued = c.start > 0
            && byte_at(text, c.start - 1).is_some_and(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.')
            });
        if before_glued || extends(text, c.end, true) {
            return false;
        }
        let hex = cand.bytes().filter(u8::is_ascii_hexdigit);
        let mut zeros = true;
        let mut ones = true;
        let mut letters = false;
        for b in hex {
            zeros &= b == b'0';
            ones &= b == b'f' || b == b'F';
            letters |= b.is_ascii_alphabetic();
        }
        if zeros || ones {
            return false;
        }
        let context = self.context.before(text, c.start, 50);
        let score = match (context, letters) {
            (true, _) => 0.95,
            (false, true) => 0.85,
            (false, false) => 0.45,
        };
        out.push(Span::new(c.start, c.end, MAC_ADDRESS, score, ID));
        true
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(MacAddress::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    // 00:00:5E:00:53:xx is the IANA block reserved for documentation (RFC 7042).
    #[test]
    fn finds_the_three_notations_in_english_and_french() {
        assert_eq!(
            found("device 00:00:5e:00:53:af connected"),
            vec!["00:00:5e:00:53:af"]
        );
        assert_eq!(
            found("Adresse MAC : 00-00-5E-00-53-2A."),
            vec!["00-00-5E-00-53-2A"]
        );
        assert_eq!(
            found("show mac 0000.5e00.53ab on port 3"),
            vec!["0000.5e00.53ab"]
        );
        assert_eq!(
            found("le portable (3c:5a:b4:01:02:0f) a rejoint le réseau"),
            vec!["3c:5a:b4:01:02:0f"]
        );
    }

    #[test]
    fn context_raises_the_score() {
        assert!((run("BSSID 00:00:5e:00:53:af")[0].2 - 0.95).abs() < 1e-6);
        assert!((run("seen 00:00:5e:00:53:af")[0].2 - 0.85).abs() < 1e-6);
    }

    #[test]
    fn reserved_and_malformed_addresses_do_not_fire() {
        assert!(run("00:00:00:00:00:00").is_empty());
        assert!(run("broadcast FF:FF:FF:FF:FF:FF").is_empty());
        assert!(run("00:00:5e-00:53:af").is_empty());
        assert!(run("00:00:5e:00:53").is_empty());
        assert!(run("00:00:5e:00:53:af:01:02").is_empty());
        assert!(run("x00:00:5e:00:53:af").is_empty());
        assert!(run("00:00:5g:00:53:af").is_empty());
    }

    #[test]
    fn digit_only_groups_need_context() {
        assert!(found("ref 12-34-56-78-90-12 and time 12:30:45").is_empty());
        assert!(found("tel 01-23-45-67-89").is_empty());
        assert_eq!(found("MAC 12-34-56-78-90-12"), vec!["12-34-56-78-90-12"]);
        // A version number with dots is not a Cisco MAC.
        assert!(found("release 2024.1001.1234").is_empty());
    }
}
