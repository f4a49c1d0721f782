//! IP addresses (`ip@2`): kinds `ipv4` and `ipv6` for public addresses,
//! `ipv4-private` and `ipv6-private` for internal ones.
//!
//! An IP address identifies the device, and through the subscriber the person,
//! that connected: the CJEU held dynamic IP addresses to be personal data
//! (C-582/14 Breyer), and the CNIL counts them among connection data. Internal
//! addresses (private, loopback, link-local, documentation ranges, RFC 1918,
//! RFC 4193, RFC 5737, RFC 3849) still say something about a device in logs:
//! they are reported under their own kinds, at 0.6, while public ones score
//! 0.9, so a report tells the two apart. [`is_private`] decides.
//!
//! IPv4: four dotted decimal octets, validated by `std::net::Ipv4Addr`, which
//! rejects octets above 255 and leading zeros (`01.02.03.04`, ambiguous octal
//! notation). A quad glued to more dots or digits (`1.2.3.4.5`) is a version or
//! an OID, not an address. Decision on version-like quads: `3.10.4.1` is a valid
//! address, so it is reported, except when a version word ("version", "v",
//! "release", "python", "article"...) precedes it; and when the first octet is
//! below 10 and all four have at most two digits (`1.2.3.4`, `3.10.4.1`:
//! section or version numbers far more often than addresses) it scores 0.45
//! unless an address word ("IP", "adresse", "host", "serveur", "from"...)
//! precedes it or a prefix length or port (`/24`, `:443`) follows it.
//!
//! IPv6: full, compressed (`::`) and IPv4-embedded forms, validated by
//! `std::net::Ipv6Addr`. Times (`12:30:45`) and MAC addresses have the wrong
//! group count and do not parse; code paths like `a::b` are rejected by asking
//! for at least one digit and two groups (or `::1`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at};

pub const IPV4: Kind = Kind::new("ipv4", Label::IpAddress);
pub const IPV6: Kind = Kind::new("ipv6", Label::IpAddress);
pub const IPV4_PRIVATE: Kind = Kind::new("ipv4-private", Label::IpAddress);
pub const IPV6_PRIVATE: Kind = Kind::new("ipv6-private", Label::IpAddress);
const ID: &str = "ip@2";

const IP_CONTEXT: &[&str] = &[
    "ip",
    "ipv4",
    "ipv6",
    "adresse",
    "address",
    "addr",
    "host",
    "hôte",
    "hostname",
    "server",
    "serveur",
    "client",
    "from",
    "src",
    "dst",
    "source",
    "destination",
    "remote",
    "remote_addr",
    "ping",
    "connexion",
    "connection",
    "connected",
    "connecté",
    "login",
    "gateway",
    "passerelle",
    "dns",
    "proxy",
    "route",
    "inet",
    "peer",
    "x-forwarded-for",
    "nginx",
    "apache",
    "ssh",
    "réseau",
    "network",
    "subnet",
    "sous-réseau",
    "cidr",
    "lan",
    "vpn",
    "firewall",
    "pare-feu",
    "ifconfig",
    "ipconfig",
    "netmask",
    "masque",
];

const VERSION_CONTEXT: &[&str] = &[
    "version",
    "versions",
    "ver",
    "release",
    "build",
    "python",
    "node",
    "java",
    "rust",
    "firmware",
    "kernel",
    "update",
    "mise à jour",
    "patch",
    "oid",
    "section",
    "article",
    "chapitre",
    "chapter",
    "§",
];

pub struct IpAddress {
    ip_context: Keywords,
    version_context: Keywords,
}

impl IpAddress {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            ip_context: Keywords::new(IP_CONTEXT)?,
            version_context: Keywords::new(VERSION_CONTEXT)?,
        })
    }
}

/// Whether an address is internal rather than publicly routable: private
/// (RFC 1918, RFC 4193), shared (RFC 6598), loopback, link-local,
/// documentation (RFC 5737, RFC 3849), benchmarking, unspecified, broadcast or
/// multicast. Such an address still identifies a device inside a network.
pub fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(*v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private_v4(v4);
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation 2001:db8::/32
        }
    }
}

fn is_private_v4(v4: Ipv4Addr) -> bool {
    let o = v4.octets();
    v4.is_private()
        || v4.is_loopback()
        || v4.is_link_local()
        || v4.is_documentation()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_multicast()
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // shared address space 100.64.0.0/10
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // benchmarking 198.18.0.0/15
        || o[0] == 0
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl IpAddress {
    fn confirm_v4(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        // Glued: "v1.2.3.4", "1.2.3.4.5", "9.1.2.3.4", "1.2.3.4.x" (a host name).
        let before_glued = c.start > 0
            && byte_at(text, c.start - 1)
                .is_some_and(|b| is_word_byte(b) || matches!(b, b'.' | b'-'));
        let after_glued = match byte_at(text, c.end) {
            Some(b) if is_word_byte(b) => true,
            Some(b'.') => byte_at(text, c.end + 1).is_some_and(is_word_byte),
            _ => false,
        };
        if before_glued || after_glued {
            return false;
        }
        let Ok(v4) = cand.parse::<Ipv4Addr>() else {
            return false;
        };
        if v4.octets()[0] == 0 {
            return false;
        }
        // "version 1.2.3.4", "v 1.2.3.4": a bare "v" counts only right
        // before the number (a letter ending an identifier a few characters
        // earlier, "73245449-V  175.67.183.192", is not a version mark).
        let head = text[..c.start].trim_end_matches(' ');
        let v_mark = head.ends_with(['v', 'V'])
            && c.start - head.len() <= 1
            && !head[..head.len() - 1]
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if v_mark || self.version_context.before(text, c.start, 20) {
            return false;
        }
        // "3.10.4.1": a version or section number more often than an address.
        let short = v4.octets()[0] < 10 && cand.split('.').all(|o| o.len() <= 2);
        // A prefix length or a port ("/24", ":8080") says it is an address.
        let suffixed = matches!(byte_at(text, c.end), Some(b'/' | b':'))
            && byte_at(text, c.end + 1).is_some_and(|b| b.is_ascii_digit());
        let private = is_private_v4(v4);
        let score = if short && !suffixed && !self.ip_context.before(text, c.start, 50) {
            0.45
        } else if private {
            0.6
        } else {
            0.9
        };
        let kind = if private { IPV4_PRIVATE } else { IPV4 };
        out.push(Span::new(c.start, c.end, kind, score, ID));
        true
    }

    fn confirm_v6(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        // Glued to an identifier ("std::fmt") or to more groups.
        let before_glued = c.start > 0
            && byte_at(text, c.start - 1)
                .is_some_and(|b| is_word_byte(b) || matches!(b, b':' | b'.'));
        let after_glued = match byte_at(text, c.end) {
            Some(b) if is_word_byte(b) => true,
            Some(b':') => {
                byte_at(text, c.end + 1).is_some_and(|n| n.is_ascii_hexdigit() || n == b':')
            }
            Some(b'.') => byte_at(text, c.end + 1).is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if before_glued || after_glued {
            return false;
        }
        let groups = cand.split(':').filter(|g| !g.is_empty()).count();
        let has_digit = cand.bytes().any(|b| b.is_ascii_digit());
        if !(has_digit && (groups >= 2 || cand == "::1")) {
            return false;
        }
        let Ok(v6) = cand.parse::<Ipv6Addr>() else {
            return false;
        };
        let (kind, score) = if is_private(&IpAddr::V6(v6)) {
            (IPV6_PRIVATE, 0.6)
        } else {
            (IPV6, 0.9)
        };
        out.push(Span::new(c.start, c.end, kind, score, ID));
        true
    }
}

impl Detector for IpAddress {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[IPV4, IPV6, IPV4_PRIVATE, IPV6_PRIVATE]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            Pattern::new(r"(?-u:\b)[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?-u:\b)"),
            // Starts with a group: full, compressed inside or at the end, IPv4 tail.
            Pattern::new(
                r"(?-u:\b)[0-9A-Fa-f]{1,4}(?:::?[0-9A-Fa-f]{1,4}){1,7}(?:::|(?:\.[0-9]{1,3}){3})?",
            ),
            // Starts with `::` (`::1`, `::ffff:192.0.2.1`).
            Pattern::new(r"::[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}(?:\.[0-9]{1,3}){0,3}"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        if c.pattern == 0 {
            self.confirm_v4(text, c, out)
        } else {
            Self::confirm_v6(text, c, out)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(IpAddress::new().unwrap()), text)
    }

    /// What fires, with the kind's family (`ipv4`, `ipv6`): whether it is
    /// private is tested on its own below.
    fn found(text: &str) -> Vec<(String, &'static str)> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, k, _)| (s, k.trim_end_matches("-private")))
            .collect()
    }

    fn one(s: &str, k: &'static str) -> Vec<(String, &'static str)> {
        vec![(s.to_owned(), k)]
    }

    #[test]
    fn finds_ipv4_in_english_and_french() {
        assert_eq!(
            found("Connexion depuis 203.0.113.42 à 10h"),
            one("203.0.113.42", "ipv4")
        );
        assert_eq!(found("GET / 93.184.216.34."), one("93.184.216.34", "ipv4"));
        assert_eq!(found("client ip=8.8.8.8"), one("8.8.8.8", "ipv4"));
        assert_eq!(
            found("l'adresse IP du serveur est 192.168.1.20:8080"),
            one("192.168.1.20", "ipv4")
        );
        assert_eq!(found("réseau 10.0.0.0/8"), one("10.0.0.0", "ipv4"));
    }

    #[test]
    fn public_scores_higher_than_private() {
        let r = run("hits from 93.184.216.34 and 192.168.0.12");
        assert_eq!(r.len(), 2);
        assert!((r[0].2 - 0.9).abs() < 1e-6);
        assert!((r[1].2 - 0.6).abs() < 1e-6);
        assert_eq!((r[0].1, r[1].1), ("ipv4", "ipv4-private"));
        assert!(is_private(&"172.16.5.4".parse().unwrap()));
        assert!(is_private(&"100.64.1.1".parse().unwrap()));
        assert!(is_private(&"fe80::1".parse().unwrap()));
        assert!(is_private(&"::ffff:10.1.2.3".parse().unwrap()));
        assert!(!is_private(&"2a00:1450:4007:80e::200e".parse().unwrap()));
        assert!(!is_private(&"93.184.216.34".parse().unwrap()));
    }

    #[test]
    fn finds_ipv6_forms() {
        assert_eq!(
            found("src 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok"),
            one("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ipv6")
        );
        assert_eq!(
            found("Adresse : 2a00:1450:4007:80e::200e."),
            one("2a00:1450:4007:80e::200e", "ipv6")
        );
        assert_eq!(
            found("bound to ::1 and fe80::1"),
            vec![("::1".to_owned(), "ipv6"), ("fe80::1".to_owned(), "ipv6")]
        );
        assert_eq!(
            found("mapped ::ffff:192.0.2.128 here"),
            one("::ffff:192.0.2.128", "ipv6")
        );
        assert_eq!(found("[2001:db8::1]:443"), one("2001:db8::1", "ipv6"));
    }

    #[test]
    fn near_misses_do_not_fire() {
        assert!(run("256.1.1.1").is_empty());
        assert!(run("01.02.03.04").is_empty());
        assert!(run("1.2.3.4.5").is_empty());
        assert!(run("1.2.3").is_empty());
        assert!(run("v1.2.3.4").is_empty());
        assert!(run("version 3.10.4.1").is_empty());
        assert!(run("at 12:30:45 sharp").is_empty());
        assert!(run("MAC 00:00:5e:00:53:af").is_empty());
        assert!(run("use std::fmt; a::b; Foo::new()").is_empty());
        assert!(run("ratio 1:2:3").is_empty());
        assert!(run("host 1.2.3.4.example.org").is_empty());
    }

    #[test]
    fn version_like_quads_need_an_address_word() {
        // Decision: a quad of short octets is more often a version or a
        // section number; it stays below 0.5 unless "IP", "host"... precede it.
        assert!(found("voir l'article 3.10.4.1 du contrat").is_empty());
        assert!(found("upgrade to 3.10.4.1").is_empty());
        assert_eq!(found("ping 3.10.4.1"), one("3.10.4.1", "ipv4"));
        // A three-digit octet makes it an address.
        assert_eq!(found("see 52.10.4.100"), one("52.10.4.100", "ipv4"));
        assert_eq!(found("=> 3.10.4.1:443"), one("3.10.4.1", "ipv4"));
        assert_eq!(found("gw 10.0.0.1"), one("10.0.0.1", "ipv4"));
    }

    #[test]
    fn a_bare_v_marks_a_version_only_right_before_the_number() {
        assert!(found("v 175.67.183.192").is_empty());
        assert!(found("version 175.67.183.192").is_empty());
        // The letter ending an identifier is not a version mark (found when
        // cleaning twice: the identifier's redaction must not reveal the
        // address next to it).
        assert_eq!(
            found("73245449-V  175.67.183.192"),
            one("175.67.183.192", "ipv4")
        );
        assert_eq!(found("dev 175.67.183.192"), one("175.67.183.192", "ipv4"));
    }
}
