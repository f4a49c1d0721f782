//! GPS coordinates (`gps-coordinates@1`).
//!
//! A precise position (a home, a workplace, a trace of journeys) identifies a
//! person and reveals their habits: location data are named in GDPR Art. 4(1)
//! and the CNIL treats geolocation as particularly sensitive. Found forms:
//! decimal pairs (`48.8566, 2.3522`, `-33.8688,151.2093`, `48.8566° N,
//! 2.3522° E`), labelled pairs (`lat: 48.85 lon: 2.35`, `"lat": 48.8566,
//! "lng": 2.3522`) and degrees-minutes-seconds (`48°51'24"N 2°21'08"E`).
//!
//! Validation: latitude in [-90, 90], longitude in [-180, 180], minutes and
//! seconds below 60. Unlabelled decimal pairs need at least three decimals on
//! both sides (a position to about 100 m); the labels make two enough. A pair
//! glued to more digits, dots or letters (versions, IP addresses) is rejected.
//! A pair whose two halves have exactly three decimals and no hemisphere
//! letter could be thousands ("12.500, 3.000" in European notation): it scores
//! 0.45 without a context word, like a pair separated by a space only. Score
//! 0.8, 0.95 after a context word ("GPS", "coordonnées", "position", ...).

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, byte_at};

pub const GPS_COORDINATES: Kind = Kind::new("gps-coordinates", Label::Location);
const ID: &str = "gps-coordinates@1";

const CONTEXT: &[&str] = &[
    "gps",
    "coordonnées",
    "coordonnees",
    "coordinates",
    "coords",
    "coord",
    "lat",
    "latitude",
    "lon",
    "lng",
    "long",
    "longitude",
    "position",
    "location",
    "localisation",
    "géolocalisation",
    "geolocation",
    "geo",
    "lieu",
    "located",
    "situé",
    "située",
    "place",
    "waypoint",
    "map",
    "maps",
    "carte",
    "pin",
    "gpx",
];

pub struct Gps {
    context: Keywords,
}

impl Gps {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Reads a signed decimal number at the start of `s`: (value, byte length,
/// number of decimals).
fn read_decimal(s: &str) -> Option<(f64, usize, usize)> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut decimals = 0;
    if i > int_start && b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            decimals += 1;
        }
    }
    if i == int_start {
        return None;
    }
    let v = s.get(..i)?.trim_end_matches('.').parse::<f64>().ok()?;
    Some((v, i, decimals))
}

/// The numbers of `s` in order (signed decimals), at most `N`, with their
/// decimal counts and end offsets.
fn numbers<const N: usize>(s: &str) -> ([(f64, usize, usize); N], usize) {
    let mut found = [(0.0, 0, 0); N];
    let mut n = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && n < N {
        let starts =
            b[i].is_ascii_digit() || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts && let Some((v, len, dec)) = s.get(i..).and_then(read_decimal) {
            found[n] = (v, dec, i + len);
            n += 1;
            i += len;
        } else {
            i += 1;
        }
    }
    (found, n)
}

/// The sign the last hemisphere letter of `s` gives: `Some(0.0)` for a letter
/// of the wrong axis, `None` when there is none. West is `W`, or `O` (ouest).
fn hemisphere_sign(s: &str, latitude: bool) -> Option<f64> {
    s.bytes().rev().find(u8::is_ascii_alphabetic).map(|b| {
        match (latitude, b.to_ascii_uppercase()) {
            (true, b'N') | (false, b'E') => 1.0,
            (true, b'S') | (false, b'W' | b'O') => -1.0,
            _ => 0.0,
        }
    })
}

impl Gps {
    fn push(
        &self,
        text: &str,
        c: Candidate,
        end: usize,
        strong: bool,
        out: &mut Vec<Span>,
    ) -> bool {
        let context = self.context.before(text, c.start, 50);
        let score = match (context, strong) {
            (true, _) => 0.95,
            (false, true) => 0.8,
            (false, false) => 0.45,
        };
        out.push(Span::new(c.start, end, GPS_COORDINATES, score, ID));
        true
    }

    fn confirm_decimal(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        let ([(lat, lat_dec, lat_end), (lon, lon_dec, lon_end)], 2) = numbers::<2>(cand) else {
            return false;
        };
        let between = cand
            .get(lat_end..)
            .map_or("", |s| s.get(..lon_end - lat_end).unwrap_or(""));
        let hemispheres = cand
            .bytes()
            .any(|b| matches!(b.to_ascii_uppercase(), b'N' | b'S' | b'E' | b'W' | b'O'));
        let lat_sign = hemisphere_sign(between, true).unwrap_or(1.0);
        let lon_sign = hemisphere_sign(cand.get(lon_end..).unwrap_or(""), false).unwrap_or(1.0);
        if lat_sign == 0.0 || lon_sign == 0.0 {
            return false;
        }
        let (lat, lon) = (lat * lat_sign, lon * lon_sign);
        if !valid_pair(lat, lon) || lat_dec < 3 || lon_dec < 3 {
            return false;
        }
        let comma = between.contains([',', ';', '/']);
        let thousands_like = lat_dec == 3 && lon_dec == 3 && !hemispheres;
        self.push(
            text,
            c,
            c.end,
            (comma || hemispheres) && !thousands_like,
            out,
        )
    }

    fn confirm_labelled(text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        let ([(lat, lat_dec, _), (lon, lon_dec, _)], 2) = numbers::<2>(cand) else {
            return false;
        };
        if !valid_pair(lat, lon) || lat_dec < 2 || lon_dec < 2 {
            return false;
        }
        // The labels are context enough.
        out.push(Span::new(c.start, c.end, GPS_COORDINATES, 0.95, ID));
        true
    }

    fn confirm_dms(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        let cand = &text[c.start..c.end];
        let (n, count) = numbers::<6>(cand);
        if count != 6 {
            return false;
        }
        let (d1, m1, s1, d2, m2, s2) = (n[0].0, n[1].0, n[2].0, n[3].0, n[4].0, n[5].0);
        if m1 >= 60.0 || s1 >= 60.0 || m2 >= 60.0 || s2 >= 60.0 {
            return false;
        }
        let lat_sign = hemisphere_sign(cand.get(..n[3].2).unwrap_or(""), true).unwrap_or(0.0);
        let lon_sign = hemisphere_sign(cand, false).unwrap_or(0.0);
        if lat_sign == 0.0 || lon_sign == 0.0 {
            return false;
        }
        let lat = lat_sign * (d1 + m1 / 60.0 + s1 / 3600.0);
        let lon = lon_sign * (d2 + m2 / 60.0 + s2 / 3600.0);
        if !valid_pair(lat, lon) {
            return false;
        }
        self.push(text, c, c.end, true, out)
    }
}

fn valid_pair(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) && !(lat == 0.0 && lon == 0.0)
}

fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = start > 0
        && byte_at(text, start - 1).is_some_and(|b| {
            b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-' || b >= 0x80
        });
    let after = match byte_at(text, end) {
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => true,
        Some(b'.' | b',') => byte_at(text, end + 1).is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    };
    before || after
}

impl Detector for Gps {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[GPS_COORDINATES]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            // Decimal pair, optional degree sign and hemisphere letters.
            Pattern::new(
                r"(?:-|(?-u:\b))[0-9]{1,2}\.[0-9]{3,10}(?:[ ]?°)?(?:[ ]?[NSns])?(?:[ ]?[,;/][ ]?|[ ]{1,2})-?[0-9]{1,3}\.[0-9]{3,10}(?:[ ]?°)?(?:[ ]?[EWOewo](?-u:\b))?",
            ),
            // Labelled pair: lat / latitude, then lon / lng / long / longitude.
            Pattern::new(
                r#"(?-u:\b)[Ll][Aa][Tt](?:[Ii][Tt][Uu][Dd][Ee])?"?[ ]?[:=][ ]?-?[0-9]{1,2}\.[0-9]{2,10}[ ,;"]{0,4}(?:[Ll][Oo][Nn](?:[Gg](?:[Ii][Tt][Uu][Dd][Ee])?)?|[Ll][Nn][Gg])"?[ ]?[:=][ ]?-?[0-9]{1,3}\.[0-9]{2,10}"#,
            ),
            // Degrees, minutes, seconds, with ASCII marks. The typographic
            // primes (U+2032, U+2033) are left out on purpose: their bytes
            // split the shared automaton's byte classes and slowed every
            // text by a third.
            Pattern::new(
                r#"(?-u:\b)[0-9]{1,2}°[ ]?[0-9]{1,2}'[ ]?[0-9]{1,2}(?:\.[0-9]{1,4})?(?:"|'')[ ]?[NSns][ ,]{0,2}[0-9]{1,3}°[ ]?[0-9]{1,2}'[ ]?[0-9]{1,2}(?:\.[0-9]{1,4})?(?:"|'')[ ]?[EWOewo](?-u:\b)"#,
            ),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        if glued(text, c.start, c.end) {
            return false;
        }
        match c.pattern {
            0 => self.confirm_decimal(text, c, out),
            1 => Self::confirm_labelled(text, c, out),
            _ => self.confirm_dms(text, c, out),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(Gps::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    #[test]
    fn finds_decimal_pairs_in_english_and_french() {
        assert_eq!(
            found("Meet at 48.8566, 2.3522 tomorrow"),
            vec!["48.8566, 2.3522"]
        );
        assert_eq!(
            found("Sydney (-33.8688,151.2093)"),
            vec!["-33.8688,151.2093"]
        );
        assert_eq!(
            found("Rendez-vous au 48.8566° N, 2.3522° E."),
            vec!["48.8566° N, 2.3522° E"]
        );
        assert_eq!(
            found("New York 40.7128° N, 74.0060° W"),
            vec!["40.7128° N, 74.0060° W"]
        );
        assert_eq!(
            found("coordonnées GPS : 45.764043 4.835659"),
            vec!["45.764043 4.835659"]
        );
    }

    #[test]
    fn finds_labelled_and_dms_forms() {
        assert_eq!(found("lat: 48.85 lon: 2.35"), vec!["lat: 48.85 lon: 2.35"]);
        assert_eq!(
            found(r#"{"lat": 48.8566, "lng": 2.3522}"#),
            vec![r#"lat": 48.8566, "lng": 2.3522"#]
        );
        assert_eq!(
            found("latitude=43.2965, longitude=5.3698"),
            vec!["latitude=43.2965, longitude=5.3698"]
        );
        assert_eq!(
            found(r#"la tour est au 48°51'30"N 2°17'40"E"#),
            vec![r#"48°51'30"N 2°17'40"E"#]
        );
        assert_eq!(
            found("34°03'08''S 151°12'27''E"),
            vec!["34°03'08''S 151°12'27''E"]
        );
        // Known gap, chosen for speed (see patterns()): typographic primes.
        assert!(found("34°03′08″S 151°12′27″E").is_empty());
        assert_eq!(
            found("Bordeaux 44.8378° N, 0.5792° O"),
            vec!["44.8378° N, 0.5792° O"]
        );
    }

    #[test]
    fn context_raises_the_score() {
        assert!((run("position 48.8566, 2.3522")[0].2 - 0.95).abs() < 1e-6);
        assert!((run("see 48.8566, 2.3522")[0].2 - 0.8).abs() < 1e-6);
    }

    #[test]
    fn out_of_range_and_short_forms_do_not_fire() {
        assert!(run("91.1234, 2.3522").is_empty());
        assert!(run("48.8566, 181.3522").is_empty());
        assert!(run("48.85, 2.35").is_empty());
        assert!(run(r#"48°61'30"N 2°17'40"E"#).is_empty());
        assert!(run("0.000, 0.000").is_empty());
    }

    #[test]
    fn versions_prices_and_glued_numbers_do_not_fire() {
        assert!(run("version 1.2.3.4567, 2.3522").is_empty());
        assert!(run("IP 10.1234.5678.9").is_empty());
        assert!(found("Prix : 12.500, 3.000 €").is_empty());
        assert!(found("totals 1.234 5.678").is_empty());
        assert!(run("x48.8566, 2.3522").is_empty());
        assert!(run("48.8566, 2.35221.5").is_empty());
        assert!(found("le 12/03/2024 pour 1 234,56 €").is_empty());
    }
}
