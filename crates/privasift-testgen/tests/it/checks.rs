//! Independent validators, written again from the specifications so that a
//! bug in the generator's own check-digit code cannot hide here.

use std::net::{Ipv4Addr, Ipv6Addr};

pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect()
}

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

pub fn luhn(s: &str) -> bool {
    let Some(ds) = digits(&compact(s)) else {
        return false;
    };
    let mut sum = 0;
    for (i, d) in ds.iter().rev().enumerate() {
        let mut d = *d;
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !ds.is_empty() && sum % 10 == 0
}

pub fn card(s: &str) -> bool {
    let c = compact(s);
    let ok_shape = match c.len() {
        16 => {
            c.starts_with('4')
                || (c.starts_with('5')
                    && ('1'..='5').contains(&c[1..2].chars().next().unwrap_or('0')))
                || {
                    let p: u32 = c[..4].parse().unwrap_or(0);
                    (2221..=2720).contains(&p)
                }
        }
        15 => c.starts_with("34") || c.starts_with("37"),
        _ => false,
    };
    ok_shape && luhn(&c)
}

/// Big-number mod 97 of the IBAN rearranged, via its decimal expansion.
pub fn iban(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != ' ').collect();
    let want_len = match c.get(..2) {
        Some("FR" | "IT") => 27,
        Some("DE" | "GB") => 22,
        Some("BE") => 16,
        Some("ES") => 24,
        Some("NL") => 18,
        Some("CH") => 21,
        Some("LU") => 20,
        _ => return false,
    };
    if c.len() != want_len
        || !c
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
    {
        return false;
    }
    let rearranged = format!("{}{}", &c[4..], &c[..4]);
    let expanded: String = rearranged
        .chars()
        .map(|ch| ch.to_digit(36).map_or(String::new(), |v| v.to_string()))
        .collect();
    let mut rem: u128 = 0;
    for chunk in expanded.as_bytes().chunks(20) {
        let part = std::str::from_utf8(chunk).unwrap_or("0");
        rem = format!("{rem}{part}").parse::<u128>().unwrap_or(u128::MAX) % 97;
    }
    rem == 1
}

pub fn nir(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != ' ').collect();
    if c.len() != 15 {
        return false;
    }
    let (body, key) = c.split_at(13);
    if !matches!(&body[..1], "1" | "2") {
        return false;
    }
    let month: u32 = body[3..5].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return false;
    }
    let dept = &body[5..7];
    let numeric = match dept {
        "2A" => format!("{}19{}", &body[..5], &body[7..]),
        "2B" => format!("{}18{}", &body[..5], &body[7..]),
        _ => body.to_owned(),
    };
    let (Ok(n), Ok(k)) = (numeric.parse::<u64>(), key.parse::<u64>()) else {
        return false;
    };
    k == 97 - n % 97
}

pub fn fr_tax_id(s: &str) -> bool {
    let c = compact(s);
    if c.len() != 13 || !c.starts_with(['0', '1', '2', '3']) {
        return false;
    }
    let (Ok(head), Ok(key)) = (c[..10].parse::<u64>(), c[10..].parse::<u64>()) else {
        return false;
    };
    head % 511 == key
}

pub fn be_national_number(s: &str) -> bool {
    let c = compact(s);
    if c.len() != 11 {
        return false;
    }
    let (Ok(body), Ok(check)) = (c[..9].parse::<u64>(), c[9..].parse::<u64>()) else {
        return false;
    };
    let mm: u32 = c[2..4].parse().unwrap_or(0);
    (1..=12).contains(&mm) && (check == 97 - body % 97 || check == 97 - (2_000_000_000 + body) % 97)
}

pub fn pesel(s: &str) -> bool {
    let Some(ds) = digits(s) else { return false };
    if ds.len() != 11 {
        return false;
    }
    let month = ds[2] * 10 + ds[3];
    if !((1..=12).contains(&month) || (21..=32).contains(&month)) {
        return false;
    }
    let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = ds.iter().zip(w).map(|(d, w)| d * w).sum();
    (10 - sum % 10) % 10 == ds[10]
}

pub fn de_tax_id(s: &str) -> bool {
    let Some(ds) = digits(&compact(s)) else {
        return false;
    };
    if ds.len() != 11 || ds[0] == 0 {
        return false;
    }
    let mut counts = [0; 10];
    for &d in &ds[..10] {
        counts[d as usize] += 1;
    }
    let repeated = counts.iter().filter(|&&n| n >= 2).count();
    if repeated != 1 || counts.iter().any(|&n| n > 3) {
        return false;
    }
    // ISO 7064 MOD 11,10.
    let mut p = 10;
    for &d in &ds[..10] {
        let mut s = (d + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    let check = if 11 - p == 10 { 0 } else { 11 - p };
    check == ds[10]
}

pub fn pt_nif(s: &str) -> bool {
    let Some(ds) = digits(&compact(s)) else {
        return false;
    };
    if ds.len() != 9 {
        return false;
    }
    let sum: u32 = (0..8).map(|i| ds[i] * (9 - i as u32)).sum();
    let check = match sum % 11 {
        0 | 1 => 0,
        r => 11 - r,
    };
    check == ds[8]
}

pub fn nl_bsn(s: &str) -> bool {
    let Some(ds) = digits(&compact(s)) else {
        return false;
    };
    if ds.len() != 9 {
        return false;
    }
    let sum: i64 = (0..8)
        .map(|i| i64::from(ds[i]) * (9 - i as i64))
        .sum::<i64>()
        - i64::from(ds[8]);
    sum % 11 == 0
}

const DNI: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

pub fn es_dni(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != '-').collect();
    if c.len() != 9 {
        return false;
    }
    let Ok(n) = c[..8].parse::<u32>() else {
        return false;
    };
    c.as_bytes()[8] == DNI[(n % 23) as usize]
}

pub fn es_nie(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != '-').collect();
    if c.len() != 9 {
        return false;
    }
    let p = match &c[..1] {
        "X" => "0",
        "Y" => "1",
        "Z" => "2",
        _ => return false,
    };
    let Ok(n) = format!("{p}{}", &c[1..8]).parse::<u32>() else {
        return false;
    };
    c.as_bytes()[8] == DNI[(n % 23) as usize]
}

pub fn codice_fiscale(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 16 {
        return false;
    }
    // Odd positions (1-based), from the Ministry's table.
    let odd = |c: u8| -> u32 {
        match c {
            b'0' | b'A' => 1,
            b'1' | b'B' => 0,
            b'2' | b'C' => 5,
            b'3' | b'D' => 7,
            b'4' | b'E' => 9,
            b'5' | b'F' => 13,
            b'6' | b'G' => 15,
            b'7' | b'H' => 17,
            b'8' | b'I' => 19,
            b'9' | b'J' => 21,
            b'K' => 2,
            b'L' => 4,
            b'M' => 18,
            b'N' => 20,
            b'O' => 11,
            b'P' => 3,
            b'Q' => 6,
            b'R' => 8,
            b'S' => 12,
            b'T' => 14,
            b'U' => 16,
            b'V' => 10,
            b'W' => 22,
            b'X' => 25,
            b'Y' => 24,
            _ => 23, // Z
        }
    };
    let even = |c: u8| -> u32 {
        if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A')
        }
    };
    let shape = b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..8].iter().all(u8::is_ascii_digit)
        && b"ABCDEHLMPRST".contains(&b[8])
        && b[9..11].iter().all(u8::is_ascii_digit)
        && b[11].is_ascii_uppercase()
        && b[12..15].iter().all(u8::is_ascii_digit);
    let sum: u32 = (0..15)
        .map(|i| if i % 2 == 0 { odd(b[i]) } else { even(b[i]) })
        .sum();
    shape && b[15] == b'A' + (sum % 26) as u8
}

pub fn us_ssn(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [a, g, n] = parts.as_slice() else {
        return false;
    };
    let (Ok(a), Ok(g), Ok(n)) = (a.parse::<u32>(), g.parse::<u32>(), n.parse::<u32>()) else {
        return false;
    };
    s.len() == 11 && a != 0 && a != 666 && a < 900 && g != 0 && n != 0
}

pub fn uk_nino(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != ' ').collect();
    let b = c.as_bytes();
    if b.len() != 9 {
        return false;
    }
    let (p0, p1) = (b[0], b[1]);
    let bad_first = b"DFIQUV".contains(&p0);
    let bad_second = b"DFIOQUV".contains(&p1);
    let bad_pair = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&&c[..2]);
    p0.is_ascii_uppercase()
        && p1.is_ascii_uppercase()
        && !bad_first
        && !bad_second
        && !bad_pair
        && b[2..8].iter().all(u8::is_ascii_digit)
        && b"ABCD".contains(&b[8])
}

pub fn public_ipv4(s: &str) -> bool {
    let Ok(ip) = s.parse::<Ipv4Addr>() else {
        return false;
    };
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || o[0] == 0
        || o[0] >= 224
        || (o[0] == 100 && (64..128).contains(&o[1]))
        || (o[0] == 192 && o[1] == 0 && (o[2] == 0 || o[2] == 2))
        || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
        || (o[0] == 198 && o[1] == 51 && o[2] == 100)
        || (o[0] == 203 && o[1] == 0 && o[2] == 113))
}

pub fn public_ipv6(s: &str) -> bool {
    let Ok(ip) = s.parse::<Ipv6Addr>() else {
        return false;
    };
    let seg = ip.segments();
    (seg[0] & 0xe000) == 0x2000 && !(seg[0] == 0x2001 && seg[1] == 0x0db8)
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses the four date formats; returns (year, month, day).
pub fn date(s: &str) -> Option<(u32, u32, u32)> {
    let (y, m, d) = if let Some((d, rest)) = s.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    } else if s.len() == 10 && s.as_bytes()[4] == b'-' {
        (
            s[..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..].parse().ok()?,
        )
    } else {
        let words: Vec<&str> = s.split(' ').collect();
        let [a, b, c] = words.as_slice() else {
            return None;
        };
        let fr_or_en = MONTHS_FR
            .iter()
            .chain(MONTHS_EN.iter())
            .position(|x| x == b);
        if let Some(i) = fr_or_en {
            let day = a.trim_end_matches("er");
            (c.parse().ok()?, (i % 12 + 1) as u32, day.parse().ok()?)
        } else {
            let i = MONTHS_EN.iter().position(|x| x == a)?;
            (
                c.parse().ok()?,
                (i + 1) as u32,
                b.trim_end_matches(',').parse().ok()?,
            )
        }
    };
    ((1..=12).contains(&m) && d >= 1 && d <= days_in(m, y)).then_some((y, m, d))
}
