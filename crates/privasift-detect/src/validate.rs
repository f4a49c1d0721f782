//! Check-digit algorithms shared by several detectors.

/// The digits of `s` as numbers, ignoring every other character.
pub fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
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
