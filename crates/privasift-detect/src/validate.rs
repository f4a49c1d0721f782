//! Check-digit algorithms shared by several detectors.

/// The digits of `s` as numbers, ignoring every other character.
pub fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// The decimal digits of `s` as numbers, ignoring separators, if there are
/// exactly `N` of them.
pub fn fixed_digits<const N: usize>(s: &str) -> Option<[u8; N]> {
    let mut d = [0u8; N];
    let mut n = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        *d.get_mut(n)? = b - b'0';
        n += 1;
    }
    (n == N).then_some(d)
}

/// Gregorian leap year.
pub fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Days in `month` (1-12) of `year`; with no year, February has 29 (the most
/// a date with an unknown year can have).
pub fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        2 if year.is_none_or(is_leap) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The ICAO 9303 value of an MRZ character.
pub fn mrz_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The ICAO 9303 check digit of the concatenation of `fields`.
pub fn mrz_check(fields: &[&[u8]]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    let mut i = 0usize;
    for field in fields {
        for &b in *field {
            sum += mrz_value(b)? * WEIGHTS[i % 3];
            i += 1;
        }
    }
    Some(b'0' + (sum % 10) as u8)
}

/// Whether the check character `c` matches the concatenation of `fields`;
/// an empty (all `<`) optional field may carry `<` as its check (ICAO 9303).
pub fn mrz_check_ok(fields: &[&[u8]], c: Option<&u8>) -> bool {
    match c {
        Some(b'<') => fields.iter().all(|f| f.iter().all(|&b| b == b'<')),
        Some(&d) => mrz_check(fields) == Some(d),
        None => false,
    }
}

/// Luhn (mod 10) check, used by payment cards, SIREN/SIRET, Canadian SIN...
pub fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The remainder of a decimal number given as digits, modulo `m`, without overflow.
pub fn mod_digits(digits: &[u8], m: u64) -> u64 {
    digits
        .iter()
        .fold(0u64, |acc, &d| (acc * 10 + u64::from(d)) % m)
}

/// ISO 7064 MOD 11-10, used by the German tax identification number.
pub fn iso7064_mod11_10(digits: &[u8]) -> bool {
    let Some((&check, body)) = digits.split_last() else {
        return false;
    };
    let mut product = 10u32;
    for &d in body {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let expected = (11 - product) % 10;
    expected == u32::from(check)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn fixed_digits_and_calendar() {
        assert_eq!(fixed_digits::<4>("12-34"), Some([1, 2, 3, 4]));
        assert_eq!(fixed_digits::<4>("123"), None);
        assert_eq!(fixed_digits::<4>("12345"), None);
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2023));
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(days_in_month(Some(2023), 11), 30);
    }

    #[test]
    fn luhn_accepts_test_cards_and_rejects_off_by_one() {
        assert!(luhn(&digits("4111 1111 1111 1111")));
        assert!(!luhn(&digits("4111 1111 1111 1112")));
        assert!(luhn(&digits("79927398713")));
        assert!(!luhn(&[]));
    }

    #[test]
    fn mod_digits_handles_long_numbers() {
        assert_eq!(
            mod_digits(&digits("1234567890123456789012345"), 97),
            1_234_567_890_123_456_789_012_345u128.rem_euclid(97) as u64
        );
    }

    #[test]
    fn iso7064_on_known_german_tax_ids() {
        // Example numbers published by the Bundeszentralamt für Steuern.
        assert!(iso7064_mod11_10(&digits("86095742719")));
        assert!(!iso7064_mod11_10(&digits("86095742718")));
    }
}
