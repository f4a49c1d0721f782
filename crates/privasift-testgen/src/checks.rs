//! Check-digit algorithms the generator uses to make identifiers valid (and
//! near misses invalid). The tests check the output with their own, separate
//! implementations.

/// Luhn check digit for `body` (the digits before the check digit).
pub(crate) fn luhn_check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The value of an IBAN character in the mod-97 computation (`A` = 10).
fn alnum_value(c: u8) -> u64 {
    if c.is_ascii_digit() {
        u64::from(c - b'0')
    } else {
        u64::from(c.to_ascii_uppercase() - b'A') + 10
    }
}

/// Remainder modulo 97 of a string of digits and letters, letters counting
/// as two digits (`A` = 10 ... `Z` = 35), as ISO 7064 MOD 97-10 reads them.
pub(crate) fn mod97_alnum(s: &[u8]) -> u64 {
    s.iter().fold(0u64, |acc, &c| {
        let v = alnum_value(c);
        if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        }
    })
}

/// Remainder of a decimal number given as ASCII digits.
pub(crate) fn mod_digits(s: &[u8], m: u64) -> u64 {
    s.iter()
        .fold(0u64, |acc, &c| (acc * 10 + u64::from(c - b'0')) % m)
}

/// IBAN check digits for `country` and `bban`.
pub(crate) fn iban_check(country: &str, bban: &str) -> u64 {
    let mut s = Vec::with_capacity(bban.len() + 6);
    s.extend_from_slice(bban.as_bytes());
    s.extend_from_slice(country.as_bytes());
    s.extend_from_slice(b"00");
    98 - mod97_alnum(&s)
}

/// ISO 7064 MOD 11,10 check digit, used by the German tax identification number.
pub(crate) fn iso7064_mod11_10(body: &[u8]) -> u8 {
    let mut product = 10u32;
    for &d in body {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    ((11 - product) % 10) as u8
}

/// Odd-position values of the Italian codice fiscale (and the CIN of Italian
/// IBANs), indexed by digit or letter value 0..=25.
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Check letter of the codice fiscale over `body` (15 characters), also the
/// CIN of an Italian BBAN over its 22 following characters.
pub(crate) fn cf_check_letter(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = if c.is_ascii_digit() {
                u32::from(c - b'0')
            } else {
                u32::from(c.to_ascii_uppercase() - b'A')
            };
            if i % 2 == 0 { CF_ODD[v as usize] } else { v }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

pub(crate) const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
