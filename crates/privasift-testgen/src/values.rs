//! Fake values, one generator per kind, and the near misses.
//!
//! Every identifier with a check digit is generated valid (the near misses,
//! invalid on purpose); numbers are random within realistic ranges, so a value
//! may collide with a real one only by chance, never by construction.

use std::fmt::Write as _;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::Lang;
use crate::checks::{
    DNI_LETTERS, cf_check_letter, iban_check, iso7064_mod11_10, luhn_check_digit, mod_digits,
};
use crate::kinds::GenKind;
use crate::words::{FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS, WEB_HOSTS, ascii_fold};

pub(crate) type Rng8 = ChaCha8Rng;

pub(crate) fn pick<T: Copy>(r: &mut Rng8, xs: &[T]) -> T {
    xs[r.random_range(0..xs.len())]
}

fn push_digits(r: &mut Rng8, out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(char::from(b'0' + r.random_range(0..10u8)));
    }
}

fn rand_digits(r: &mut Rng8, n: usize) -> Vec<u8> {
    (0..n).map(|_| r.random_range(0..10u8)).collect()
}

fn push_digit_vals(out: &mut String, ds: &[u8]) {
    for &d in ds {
        out.push(char::from(b'0' + d));
    }
}

/// Appends `s` split in groups of `n` characters joined by `sep`.
fn push_grouped(out: &mut String, s: &str, sizes: &[usize], sep: &str) {
    let mut rest = s;
    for (i, &n) in sizes.iter().enumerate() {
        if rest.is_empty() {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        let n = n.min(rest.len());
        out.push_str(&rest[..n]);
        rest = &rest[n..];
    }
    if !rest.is_empty() {
        out.push_str(sep);
        out.push_str(rest);
    }
}

fn push_groups_of_4(out: &mut String, s: &str, sep: &str) {
    let sizes = vec![4; s.len().div_ceil(4)];
    push_grouped(out, s, &sizes, sep);
}

const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &[u8] = b"0123456789abcdef";

fn push_from(r: &mut Rng8, out: &mut String, set: &[u8], n: usize) {
    for _ in 0..n {
        out.push(char::from(pick(r, set)));
    }
}

/// A fake person's ASCII login: `jdupont`, `marie.lefevre`, `lucas_martin85`.
pub(crate) fn login(r: &mut Rng8, out: &mut String) {
    let first = pick(r, FIRST_NAMES);
    let last = pick(r, LAST_NAMES);
    match r.random_range(0..5) {
        0 => {
            ascii_fold(first, out);
            out.push('.');
            ascii_fold(last, out);
        }
        1 => {
            let start = out.len();
            ascii_fold(first, out);
            out.truncate(start + 1);
            ascii_fold(last, out);
        }
        2 => {
            ascii_fold(first, out);
            out.push('_');
            ascii_fold(last, out);
            let _ = write!(out, "{}", r.random_range(70..100));
        }
        3 => {
            ascii_fold(first, out);
            ascii_fold(last, out);
        }
        _ => {
            ascii_fold(last, out);
            out.push('-');
            ascii_fold(first, out);
        }
    }
}

/// Writes a fake value of `kind` into `out` (cleared first) and returns the
/// byte range of the annotated span within it: usually all of it, the
/// password alone for `url-password`.
pub(crate) fn value(kind: GenKind, r: &mut Rng8, lang: Lang, out: &mut String) -> (usize, usize) {
    out.clear();
    match kind {
        GenKind::Email => email(r, out),
        GenKind::Phone => phone(r, lang, out),
        GenKind::Iban => {
            let iban = iban(r);
            if r.random_bool(0.7) {
                push_groups_of_4(out, &iban, " ");
            } else {
                out.push_str(&iban);
            }
        }
        GenKind::CreditCard => credit_card(r, out, true),
        GenKind::FrNir => nir(r, out, true),
        GenKind::FrTaxId => fr_tax_id(r, out),
        GenKind::BeNationalNumber => be_national_number(r, out),
        GenKind::PlPesel => pesel(r, out),
        GenKind::DeTaxId => de_tax_id(r, out),
        GenKind::PtNif => pt_nif(r, out),
        GenKind::NlBsn => nl_bsn(r, out),
        GenKind::EsDni => es_dni(r, out),
        GenKind::EsNie => es_nie(r, out),
        GenKind::ItCodiceFiscale => codice_fiscale(r, out),
        GenKind::UsSsn => us_ssn(r, out),
        GenKind::UkNino => uk_nino(r, out),
        GenKind::FrIdCard => {
            // Old format: issue year and month, office code (department and
            // one digit), 5-digit sequence.
            let _ = write!(
                out,
                "{:02}{:02}{:02}{}",
                r.random_range(88..=99),
                r.random_range(1..=12),
                r.random_range(1..=95),
                r.random_range(0..10)
            );
            push_digits(r, out, 5);
        }
        GenKind::FrPassport => {
            push_digits(r, out, 2);
            push_from(r, out, UPPER, 2);
            push_digits(r, out, 5);
        }
        GenKind::FrDrivingLicence => {
            // Old 12-digit format: year, month, department, 6-digit sequence.
            let _ = write!(
                out,
                "{:02}{:02}{:02}",
                r.random_range(70..=99),
                r.random_range(1..=12),
                r.random_range(1..=95)
            );
            push_digits(r, out, 6);
        }
        GenKind::Ipv4 => ipv4(r, out),
        GenKind::Ipv6 => ipv6(r, out),
        GenKind::MacAddress => mac(r, out),
        GenKind::Url => url(r, out),
        GenKind::ProfileUrl => profile_url(r, out),
        GenKind::SocialHandle => {
            out.push('@');
            login(r, out);
            // Handles are word characters only.
            let h: String = out
                .chars()
                .map(|c| if c == '.' || c == '-' { '_' } else { c })
                .collect();
            *out = h;
        }
        GenKind::GpsCoordinates => gps(r, out),
        GenKind::FrLicencePlate => licence_plate(r, out),
        GenKind::DateOfBirth => date(r, lang, out, 1940..=2005),
        GenKind::ApiKey => {
            if r.random_bool(0.5) {
                out.push_str("AKIA");
                push_from(r, out, UPPER_DIGITS, 16);
            } else {
                out.push_str("ghp_");
                push_from(r, out, ALNUM, 36);
            }
        }
        GenKind::PrivateKey => private_key(r, out),
        GenKind::UrlPassword => return url_password(r, out),
    }
    (0, out.len())
}

fn email(r: &mut Rng8, out: &mut String) {
    login(r, out);
    out.push('@');
    out.push_str(pick(r, MAIL_DOMAINS));
}

/// Country, national significant number pattern pieces, and how it prints.
fn phone(r: &mut Rng8, lang: Lang, out: &mut String) {
    let sep = pick(r, &[" ", " ", ".", "-", ""]);
    // French numbers dominate French texts.
    let country = if lang == Lang::Fr && r.random_bool(0.5) {
        0
    } else {
        r.random_range(0..10)
    };
    let intl = r.random_bool(0.45);
    let mut nsn = String::with_capacity(12);
    match country {
        // France: mobile 6x (not 63, 69) or 7[3-9], fixed 1-5.
        0 => {
            match r.random_range(0..3) {
                0 => {
                    nsn.push('6');
                    nsn.push(char::from(pick(r, b"0124578")));
                }
                1 => {
                    nsn.push('7');
                    nsn.push(char::from(pick(r, b"3456789")));
                }
                _ => {
                    // Fixed lines 1-5, minus the unallocated 26x, 40x, 59x.
                    let d = pick(r, b"12345");
                    nsn.push(char::from(d));
                    nsn.push(char::from(match d {
                        b'2' => pick(r, b"012345789"),
                        b'4' => pick(r, b"123456789"),
                        b'5' => pick(r, b"012345678"),
                        _ => pick(r, b"0123456789"),
                    }));
                }
            }
            push_digits(r, &mut nsn, 7);
            if intl {
                out.push_str("+33");
                out.push_str(if sep.is_empty() { "" } else { " " });
            } else {
                out.push('0');
            }
            out.push_str(&nsn[..1]);
            let sep = if intl && !sep.is_empty() { " " } else { sep };
            for pair in [1, 3, 5, 7] {
                out.push_str(sep);
                out.push_str(&nsn[pair..pair + 2]);
            }
        }
        // Belgium: mobile 47x/49x, Brussels 2[2-8].
        1 => {
            let (prefix, groups): (&str, &[usize]) = if r.random_bool(0.6) {
                nsn.push_str(pick(r, &["47", "49"]));
                push_digits(r, &mut nsn, 7);
                ("32", &[3, 2, 2, 2])
            } else {
                nsn.push('2');
                nsn.push(char::from(pick(r, b"2345678")));
                push_digits(r, &mut nsn, 6);
                ("32", &[1, 3, 2, 2])
            };
            national_or_intl(out, prefix, "0", &nsn, groups, intl, sep);
        }
        // Switzerland: mobile 7[6-9], Zürich 44, Geneva 22.
        2 => {
            nsn.push_str(pick(r, &["76", "77", "78", "79", "44", "22"]));
            push_digits(r, &mut nsn, 7);
            national_or_intl(out, "41", "0", &nsn, &[2, 3, 2, 2], intl, sep);
        }
        // Luxembourg: mobile 621/661/691, no trunk prefix.
        3 => {
            nsn.push_str(pick(r, &["621", "661", "691"]));
            push_digits(r, &mut nsn, 6);
            national_or_intl(out, "352", "", &nsn, &[3, 3, 3], intl, sep);
        }
        // Germany: mobile 17x, Berlin 30.
        4 => {
            if r.random_bool(0.6) {
                nsn.push_str("17");
                push_digits(r, &mut nsn, 8);
                national_or_intl(out, "49", "0", &nsn, &[3, 7], intl, sep);
            } else {
                nsn.push_str("30");
                nsn.push(char::from(pick(r, b"123456789")));
                push_digits(r, &mut nsn, 7);
                national_or_intl(out, "49", "0", &nsn, &[2, 8], intl, sep);
            }
        }
        // Spain: mobile 6xx, Madrid 91.
        5 => {
            nsn.push_str(pick(r, &["6", "6", "91"]));
            let n = 9 - nsn.len();
            push_digits(r, &mut nsn, n);
            national_or_intl(out, "34", "", &nsn, &[3, 3, 3], intl, sep);
        }
        // Italy: mobile 3[2-9]x, Rome 06 (the 0 stays after +39).
        6 => {
            if r.random_bool(0.6) {
                nsn.push('3');
                nsn.push(char::from(pick(r, b"2345789")));
                push_digits(r, &mut nsn, 8);
                national_or_intl(out, "39", "", &nsn, &[3, 3, 4], intl, sep);
            } else {
                nsn.push_str("06");
                nsn.push(char::from(pick(r, b"12345")));
                push_digits(r, &mut nsn, 7);
                national_or_intl(out, "39", "", &nsn, &[2, 4, 4], intl, sep);
            }
        }
        // Netherlands: mobile 6[1-5], Amsterdam 20.
        7 => {
            if r.random_bool(0.6) {
                nsn.push('6');
                nsn.push(char::from(pick(r, b"12345")));
                push_digits(r, &mut nsn, 7);
                national_or_intl(out, "31", "0", &nsn, &[1, 8], intl, sep);
            } else {
                nsn.push_str("20");
                nsn.push(char::from(pick(r, b"123456789")));
                push_digits(r, &mut nsn, 6);
                national_or_intl(out, "31", "0", &nsn, &[2, 3, 4], intl, sep);
            }
        }
        // United Kingdom: mobile 7[1-3]xx, London 20[378].
        8 => {
            if r.random_bool(0.6) {
                nsn.push('7');
                nsn.push(char::from(pick(r, b"123")));
                push_digits(r, &mut nsn, 8);
                national_or_intl(out, "44", "0", &nsn, &[4, 6], intl, sep);
            } else {
                nsn.push_str("20");
                nsn.push(char::from(pick(r, b"378")));
                push_digits(r, &mut nsn, 7);
                national_or_intl(out, "44", "0", &nsn, &[2, 4, 4], intl, sep);
            }
        }
        // United States: real area codes, exchange 2-9xx (not x11).
        _ => {
            nsn.push_str(pick(
                r,
                &[
                    "212", "312", "415", "617", "202", "305", "512", "206", "303", "404", "718",
                    "213", "702", "503", "612",
                ],
            ));
            nsn.push(char::from(pick(r, b"23456789")));
            let a = r.random_range(0..10u8);
            let b = if a == 1 {
                r.random_range(2..10u8)
            } else {
                r.random_range(0..10u8)
            };
            nsn.push(char::from(b'0' + a));
            nsn.push(char::from(b'0' + b));
            push_digits(r, &mut nsn, 4);
            if intl {
                let sep = if sep.is_empty() || sep == "." {
                    " "
                } else {
                    sep
                };
                out.push_str("+1");
                out.push_str(sep);
                push_grouped(out, &nsn, &[3, 3, 4], sep);
            } else {
                match r.random_range(0..3) {
                    0 => {
                        let _ = write!(out, "({}) {}-{}", &nsn[..3], &nsn[3..6], &nsn[6..]);
                    }
                    1 => push_grouped(out, &nsn, &[3, 3, 4], "-"),
                    _ => push_grouped(out, &nsn, &[3, 3, 4], "."),
                }
            }
        }
    }
}

fn national_or_intl(
    out: &mut String,
    cc: &str,
    trunk: &str,
    nsn: &str,
    groups: &[usize],
    intl: bool,
    sep: &str,
) {
    if intl {
        out.push('+');
        out.push_str(cc);
        // International numbers keep a space after the country code unless
        // fully compact; dots are rare after a "+".
        let sep = if sep == "." { " " } else { sep };
        if !sep.is_empty() {
            out.push(' ');
        }
        push_grouped(out, nsn, groups, sep);
    } else {
        out.push_str(trunk);
        push_grouped(out, nsn, groups, sep);
    }
}

/// A valid IBAN (compact, upper case) for one of nine countries.
pub(crate) fn iban(r: &mut Rng8) -> String {
    let mut bban = String::with_capacity(30);
    let country = pick(r, &["FR", "DE", "BE", "ES", "IT", "NL", "GB", "CH", "LU"]);
    match country {
        "FR" => {
            // bank 5, branch 5, account 11, RIB key 2.
            let bank = r.random_range(10_000..100_000u64);
            let branch = r.random_range(0..100_000u64);
            let account = r.random_range(0..100_000_000_000u64);
            let key = 97 - (89 * bank + 15 * branch + 3 * account) % 97;
            let _ = write!(bban, "{bank:05}{branch:05}{account:011}{key:02}");
        }
        "DE" => push_digits(r, &mut bban, 18),
        "BE" => {
            let body = r.random_range(0..10_000_000_000u64);
            let check = match body % 97 {
                0 => 97,
                c => c,
            };
            let _ = write!(bban, "{body:010}{check:02}");
        }
        "ES" => {
            // bank 4, branch 4, two national check digits, account 10.
            let bank = rand_digits(r, 4);
            let branch = rand_digits(r, 4);
            let account = rand_digits(r, 10);
            let w = [1u32, 2, 4, 8, 5, 10, 9, 7, 3, 6];
            let dc = |ds: &[u8]| -> u8 {
                let s: u32 = ds.iter().zip(w).map(|(&d, w)| u32::from(d) * w).sum();
                match 11 - s % 11 {
                    11 => 0,
                    10 => 1,
                    x => x as u8,
                }
            };
            let mut first = vec![0, 0];
            first.extend_from_slice(&bank);
            first.extend_from_slice(&branch);
            push_digit_vals(&mut bban, &bank);
            push_digit_vals(&mut bban, &branch);
            push_digit_vals(&mut bban, &[dc(&first), dc(&account)]);
            push_digit_vals(&mut bban, &account);
        }
        "IT" => {
            // CIN letter, ABI 5, CAB 5, account 12.
            let mut rest = String::with_capacity(22);
            push_digits(r, &mut rest, 22);
            bban.push(char::from(cf_check_letter(rest.as_bytes())));
            bban.push_str(&rest);
        }
        "NL" => {
            bban.push_str(pick(r, &["ABNA", "INGB", "RABO", "TRIO", "SNSB"]));
            push_digits(r, &mut bban, 10);
        }
        "GB" => {
            bban.push_str(pick(r, &["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]));
            push_digits(r, &mut bban, 14);
        }
        "CH" => push_digits(r, &mut bban, 17),
        _ => push_digits(r, &mut bban, 16), // LU
    }
    let check = iban_check(country, &bban);
    format!("{country}{check:02}{bban}")
}

/// A payment card number: Visa 16, Mastercard 16, or Amex 15 digits, Luhn
/// valid when `valid`, printed compact or in groups.
pub(crate) fn credit_card(r: &mut Rng8, out: &mut String, valid: bool) {
    let (mut body, len) = match r.random_range(0..3) {
        0 => (vec![4], 16),
        1 => {
            if r.random_bool(0.7) {
                (vec![5, r.random_range(1..=5u8)], 16)
            } else {
                // 2221-2720
                let n = r.random_range(2221..=2720u32);
                (
                    vec![
                        2,
                        ((n / 100) % 10) as u8,
                        ((n / 10) % 10) as u8,
                        (n % 10) as u8,
                    ],
                    16,
                )
            }
        }
        _ => (vec![3, pick(r, &[4, 7])], 15),
    };
    while body.len() < len - 1 {
        body.push(r.random_range(0..10u8));
    }
    let check = luhn_check_digit(&body);
    body.push(if valid {
        check
    } else {
        (check + r.random_range(1..10u8)) % 10
    });
    let mut s = String::with_capacity(16);
    push_digit_vals(&mut s, &body);
    let sep = pick(r, &[" ", " ", "-", ""]);
    let groups: &[usize] = if len == 15 { &[4, 6, 5] } else { &[4, 4, 4, 4] };
    push_grouped(out, &s, groups, sep);
}

/// A French NIR (social security number), key valid when `valid`.
pub(crate) fn nir(r: &mut Rng8, out: &mut String, valid: bool) {
    let sex = r.random_range(1..=2u8);
    let yy = r.random_range(0..100u8);
    let mm = r.random_range(1..=12u8);
    let dept = match r.random_range(0..20) {
        0 => "2A".to_owned(),
        1 => "2B".to_owned(),
        _ => {
            let mut d = r.random_range(1..=95u8);
            if d == 20 {
                d = 21;
            }
            format!("{d:02}")
        }
    };
    let commune = r.random_range(1..=990u16);
    let order = r.random_range(1..=999u16);
    let body = format!("{sex}{yy:02}{mm:02}{dept}{commune:03}{order:03}");
    let numeric = body.replace("2A", "19").replace("2B", "18");
    let key = 97 - mod_digits(numeric.as_bytes(), 97);
    let key = if valid {
        key
    } else {
        // Any other key in 1..=97.
        (key + r.random_range(0..96)) % 97 + 1
    };
    if r.random_bool(0.6) {
        let _ = write!(
            out,
            "{sex} {yy:02} {mm:02} {dept} {commune:03} {order:03} {key:02}"
        );
    } else {
        let _ = write!(out, "{body}{key:02}");
    }
}

fn fr_tax_id(r: &mut Rng8, out: &mut String) {
    let head = r.random_range(0..4u64) * 1_000_000_000 + r.random_range(0..1_000_000_000u64);
    let key = head % 511;
    let s = format!("{head:010}{key:03}");
    if r.random_bool(0.5) {
        out.push_str(&s);
    } else {
        push_grouped(out, &s, &[2, 2, 3, 3, 3], " ");
    }
}

/// Days in a month, February taken as 28 days.
fn days_in(mm: u32) -> u32 {
    match mm {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn be_national_number(r: &mut Rng8, out: &mut String) {
    let year = r.random_range(1940..=2015u32);
    let mm = r.random_range(1..=12u32);
    let dd = r.random_range(1..=days_in(mm));
    let seq = r.random_range(1..=997u32);
    let yy = year % 100;
    let base = u64::from(yy * 10_000 + mm * 100 + dd) * 1000 + u64::from(seq);
    let base = if year >= 2000 {
        2_000_000_000 + base
    } else {
        base
    };
    let check = 97 - base % 97;
    if r.random_bool(0.8) {
        let _ = write!(out, "{yy:02}.{mm:02}.{dd:02}-{seq:03}.{check:02}");
    } else {
        let _ = write!(out, "{yy:02}{mm:02}{dd:02}{seq:03}{check:02}");
    }
}

fn pesel(r: &mut Rng8, out: &mut String) {
    let year = r.random_range(1940..=2015u32);
    let mm = r.random_range(1..=12u32);
    let dd = r.random_range(1..=days_in(mm));
    let mcode = if year >= 2000 { mm + 20 } else { mm };
    let mut s = format!("{:02}{mcode:02}{dd:02}", year % 100);
    push_digits(r, &mut s, 4);
    let w = [1u32, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = s.bytes().zip(w).map(|(c, w)| u32::from(c - b'0') * w).sum();
    let _ = write!(s, "{}", (10 - sum % 10) % 10);
    out.push_str(&s);
}

fn de_tax_id(r: &mut Rng8, out: &mut String) {
    // Ten digits, first not 0: one digit appears twice, nine appear once at
    // most (so one digit is missing).
    let mut ds: Vec<u8> = (0..10).collect();
    loop {
        for i in (1..ds.len()).rev() {
            let j = r.random_range(0..=i);
            ds.swap(i, j);
        }
        if ds[0] != 0 && ds[0] != ds[9] {
            break;
        }
    }
    // Replace one digit with a copy of another.
    let src = r.random_range(0..9);
    ds[9] = ds[src];
    if ds[0] == 0 {
        ds.swap(0, 9);
    }
    let check = iso7064_mod11_10(&ds);
    ds.push(check);
    let mut s = String::with_capacity(11);
    push_digit_vals(&mut s, &ds);
    if r.random_bool(0.5) {
        out.push_str(&s);
    } else {
        push_grouped(out, &s, &[2, 3, 3, 3], " ");
    }
}

fn pt_nif(r: &mut Rng8, out: &mut String) {
    let mut ds = vec![r.random_range(1..=2u8)];
    ds.extend(rand_digits(r, 7));
    let sum: u32 = ds
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (9 - i as u32))
        .sum();
    let rem = sum % 11;
    ds.push(if rem < 2 { 0 } else { (11 - rem) as u8 });
    let mut s = String::with_capacity(9);
    push_digit_vals(&mut s, &ds);
    if r.random_bool(0.7) {
        out.push_str(&s);
    } else {
        push_grouped(out, &s, &[3, 3, 3], " ");
    }
}

/// The weighted sum of the Dutch "elfproef" over 9 digits.
pub(crate) fn bsn_sum(ds: &[u8]) -> i64 {
    ds.iter()
        .enumerate()
        .map(|(i, &d)| {
            let w = if i == 8 { -1 } else { 9 - i as i64 };
            i64::from(d) * w
        })
        .sum()
}

fn nl_bsn(r: &mut Rng8, out: &mut String) {
    let ds = loop {
        let mut ds = vec![r.random_range(1..10u8)];
        ds.extend(rand_digits(r, 7));
        let last = bsn_sum(&ds).rem_euclid(11);
        if last < 10 {
            ds.push(last as u8);
            break ds;
        }
    };
    let mut s = String::with_capacity(9);
    push_digit_vals(&mut s, &ds);
    if r.random_bool(0.7) {
        out.push_str(&s);
    } else {
        push_grouped(out, &s, &[4, 2, 3], ".");
    }
}

fn es_dni(r: &mut Rng8, out: &mut String) {
    let n = r.random_range(1_000_000..100_000_000u32);
    let letter = char::from(DNI_LETTERS[(n % 23) as usize]);
    match r.random_range(0..3) {
        0 => {
            let _ = write!(out, "{n:08}-{letter}");
        }
        _ => {
            let _ = write!(out, "{n:08}{letter}");
        }
    }
}

fn es_nie(r: &mut Rng8, out: &mut String) {
    let p = r.random_range(0..3u32);
    let n = r.random_range(0..10_000_000u32);
    let letter = char::from(DNI_LETTERS[((p * 10_000_000 + n) % 23) as usize]);
    let pc = char::from(b"XYZ"[p as usize]);
    if r.random_bool(0.7) {
        let _ = write!(out, "{pc}{n:07}{letter}");
    } else {
        let _ = write!(out, "{pc}-{n:07}-{letter}");
    }
}

fn codice_fiscale(r: &mut Rng8, out: &mut String) {
    const CONS: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    const MONTHS: &[u8] = b"ABCDEHLMPRST";
    let mut s = String::with_capacity(16);
    push_from(r, &mut s, CONS, 6);
    let mm = r.random_range(0..12usize);
    let day = r.random_range(1..=28u32) + if r.random_bool(0.5) { 40 } else { 0 };
    let _ = write!(
        s,
        "{:02}{}{day:02}{}{:03}",
        r.random_range(0..100u32),
        char::from(MONTHS[mm]),
        char::from(pick(r, b"ABCDEFGHLM")),
        r.random_range(1..1000u32)
    );
    let check = cf_check_letter(s.as_bytes());
    s.push(char::from(check));
    out.push_str(&s);
}

fn us_ssn(r: &mut Rng8, out: &mut String) {
    let mut area = r.random_range(1..=899u32);
    if area == 666 {
        area = 667;
    }
    let _ = write!(
        out,
        "{area:03}-{:02}-{:04}",
        r.random_range(1..=99u32),
        r.random_range(1..=9999u32)
    );
}

fn uk_nino(r: &mut Rng8, out: &mut String) {
    const FIRST: &[u8] = b"ABCEGHJKLMNOPRSTWXYZ";
    const SECOND: &[u8] = b"ABCEGHJKLMNPRSTWXYZ";
    let prefix = loop {
        let p = [pick(r, FIRST), pick(r, SECOND)];
        if !matches!(&p, b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ") {
            break p;
        }
    };
    let digits = r.random_range(0..1_000_000u32);
    let suffix = char::from(pick(r, b"ABCD"));
    let (a, b) = (char::from(prefix[0]), char::from(prefix[1]));
    if r.random_bool(0.6) {
        let _ = write!(
            out,
            "{a}{b} {:02} {:02} {:02} {suffix}",
            digits / 10_000,
            digits / 100 % 100,
            digits % 100
        );
    } else {
        let _ = write!(out, "{a}{b}{digits:06}{suffix}");
    }
}

fn ipv4(r: &mut Rng8, out: &mut String) {
    // First octets outside private, loopback, link-local, CGNAT, test and
    // multicast ranges.
    let first = loop {
        let f = r.random_range(1..=223u32);
        if !matches!(f, 10 | 100 | 127 | 169 | 172 | 192 | 198 | 203) {
            break f;
        }
    };
    let _ = write!(
        out,
        "{first}.{}.{}.{}",
        r.random_range(0..=255u32),
        r.random_range(0..=255u32),
        r.random_range(1..=254u32)
    );
}

fn hextet(r: &mut Rng8) -> String {
    format!("{:x}", r.random_range(1..=0xffffu32))
}

fn ipv6(r: &mut Rng8, out: &mut String) {
    out.push_str(pick(
        r,
        &[
            "2001:41d0",
            "2a01:cb00",
            "2a02:8428",
            "2600:1700",
            "2a00:1450",
            "2604:a880",
            "2c0f:f248",
        ],
    ));
    if r.random_bool(0.5) {
        for _ in 0..6 {
            out.push(':');
            out.push_str(&hextet(r));
        }
    } else {
        out.push(':');
        out.push_str(&hextet(r));
        out.push_str("::");
        let n = r.random_range(1..=3);
        for i in 0..n {
            if i > 0 {
                out.push(':');
            }
            out.push_str(&hextet(r));
        }
    }
}

fn mac(r: &mut Rng8, out: &mut String) {
    let upper = r.random_bool(0.3);
    let sep = if upper { '-' } else { ':' };
    for i in 0..6 {
        // Unicast, globally administered first byte.
        let b = if i == 0 {
            r.random_range(0..64u8) * 4
        } else {
            r.random::<u8>()
        };
        if i > 0 {
            out.push(sep);
        }
        if upper {
            let _ = write!(out, "{b:02X}");
        } else {
            let _ = write!(out, "{b:02x}");
        }
    }
}

fn url(r: &mut Rng8, out: &mut String) {
    out.push_str("https://");
    out.push_str(pick(r, WEB_HOSTS));
    // Personal through what they point at (an account, a shared CV) or what
    // they carry; per-user paths are profile URLs, see below.
    match r.random_range(0..4) {
        0 => {
            let client = r.random_range(10_000..99_999);
            let _ = write!(out, "/compte/factures?client={client}");
        }
        1 => {
            out.push_str("/partage/");
            push_from(r, out, HEX, 12);
            out.push_str("/cv.pdf");
        }
        2 => {
            let (fiche, n) = (r.random_range(1000..9999), r.random_range(10..99));
            let _ = write!(out, "/annuaire/fiche?ref={fiche}&id={n}");
        }
        _ => {
            let n = r.random_range(100_000..999_999);
            let _ = write!(out, "/dossiers/{n}/piece-jointe.pdf");
        }
    }
}

fn profile_url(r: &mut Rng8, out: &mut String) {
    let mut handle = String::new();
    login(r, &mut handle);
    match r.random_range(0..5) {
        3 => {
            let _ = write!(out, "https://{}/users/{handle}/profile", pick(r, WEB_HOSTS));
        }
        4 => {
            let _ = write!(out, "https://{}/~{handle}/", pick(r, WEB_HOSTS));
        }
        0 => {
            let h = handle.replace(['.', '_'], "-");
            let _ = write!(out, "https://www.linkedin.com/in/{h}");
            if r.random_bool(0.5) {
                out.push('-');
                push_from(r, out, HEX, 8);
            }
        }
        1 => {
            let h = handle.replace(['.', '_'], "-");
            let _ = write!(out, "https://github.com/{h}");
        }
        _ => {
            let h = handle.replace(['.', '-'], "_");
            let _ = write!(out, "https://twitter.com/{h}");
        }
    }
}

fn gps(r: &mut Rng8, out: &mut String) {
    // Around France most of the time, or the US east coast.
    let (lat, lon) = if r.random_bool(0.8) {
        (r.random_range(43..=50i32), r.random_range(-1..=7i32))
    } else {
        (r.random_range(34..=44i32), r.random_range(-80..=-71i32))
    };
    let decimals = r.random_range(4..=6usize);
    let frac = |r: &mut Rng8| {
        let mut f = String::new();
        push_digits(r, &mut f, decimals);
        f
    };
    let (lat_f, lon_f) = (frac(r), frac(r));
    let lon_s = if lon == 0 && r.random_bool(0.3) {
        format!("-0.{lon_f}")
    } else {
        format!("{lon}.{lon_f}")
    };
    let sep = if r.random_bool(0.85) { ", " } else { "," };
    let _ = write!(out, "{lat}.{lat_f}{sep}{lon_s}");
}

fn licence_plate(r: &mut Rng8, out: &mut String) {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTVWXYZ";
    let pair = |r: &mut Rng8| loop {
        let p = [pick(r, LETTERS), pick(r, LETTERS)];
        if &p != b"SS" && &p != b"WW" {
            break p;
        }
    };
    let (a, b) = (pair(r), pair(r));
    let n = r.random_range(1..=999u32);
    let sep = if r.random_bool(0.8) { '-' } else { ' ' };
    let _ = write!(
        out,
        "{}{}{sep}{n:03}{sep}{}{}",
        char::from(a[0]),
        char::from(a[1]),
        char::from(b[0]),
        char::from(b[1])
    );
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

/// A date in a format common in `lang`: dd/mm/yyyy, ISO, or spelled out.
pub(crate) fn date(
    r: &mut Rng8,
    lang: Lang,
    out: &mut String,
    years: std::ops::RangeInclusive<u32>,
) {
    let year = r.random_range(years);
    let mm = r.random_range(1..=12u32);
    let dd = r.random_range(1..=days_in(mm));
    match r.random_range(0..4) {
        0 => {
            let _ = write!(out, "{dd:02}/{mm:02}/{year}");
        }
        1 => {
            let _ = write!(out, "{year}-{mm:02}-{dd:02}");
        }
        _ => match lang {
            Lang::Fr => {
                let m = MONTHS_FR[(mm - 1) as usize];
                if dd == 1 {
                    let _ = write!(out, "1er {m} {year}");
                } else {
                    let _ = write!(out, "{dd} {m} {year}");
                }
            }
            Lang::En => {
                let m = MONTHS_EN[(mm - 1) as usize];
                if r.random_bool(0.7) {
                    let _ = write!(out, "{m} {dd}, {year}");
                } else {
                    let _ = write!(out, "{dd} {m} {year}");
                }
            }
        },
    }
}

fn private_key(r: &mut Rng8, out: &mut String) {
    let head = pick(
        r,
        &[
            "PRIVATE KEY",
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
        ],
    );
    let _ = writeln!(out, "-----BEGIN {head}-----");
    out.push_str("MII");
    push_from(r, out, BASE64, 61);
    out.push('\n');
    for _ in 0..r.random_range(1..=4) {
        push_from(r, out, BASE64, 64);
        out.push('\n');
    }
    let n = r.random_range(8..=40);
    push_from(r, out, BASE64, n);
    if r.random_bool(0.5) {
        out.push('=');
    }
    let _ = write!(out, "\n-----END {head}-----");
}

fn url_password(r: &mut Rng8, out: &mut String) -> (usize, usize) {
    const PW: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!*_-";
    let scheme = pick(r, &["https", "https", "ftp", "postgres"]);
    let _ = write!(out, "{scheme}://");
    login(r, out);
    out.push(':');
    let start = out.len();
    let n = r.random_range(8..=16);
    push_from(r, out, PW, n);
    let end = out.len();
    let host = match scheme {
        "postgres" => "db.example.internal:5432/app",
        "ftp" => "ftp.exemple.fr/depot/",
        _ => pick(
            r,
            &[
                "git.example.com/equipe/projet.git",
                "intranet.exemple.fr/",
                "backup.example.org/",
            ],
        ),
    };
    out.push('@');
    out.push_str(host);
    (start, end)
}

/// Near misses: look like personal data but fail a check or lack context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NearMiss {
    /// A card number with a wrong Luhn digit.
    LuhnInvalidCard,
    /// An IBAN with wrong check digits.
    IbanBadCheck,
    /// A French NIR with a wrong key.
    NirBadKey,
    /// A 9-digit order number starting with 1, so that it is no national phone
    /// number of the ten countries either (fails the Dutch, Portuguese and
    /// Luhn checks).
    OrderNumber,
    Price,
    /// A date with no birth context.
    PlainDate,
    VersionNumber,
}

impl NearMiss {
    pub const ALL: &'static [NearMiss] = &[
        NearMiss::LuhnInvalidCard,
        NearMiss::IbanBadCheck,
        NearMiss::NirBadKey,
        NearMiss::OrderNumber,
        NearMiss::Price,
        NearMiss::PlainDate,
        NearMiss::VersionNumber,
    ];
}

fn pt_nif_valid(ds: &[u8]) -> bool {
    if ds.len() != 9 {
        return false;
    }
    let sum: u32 = ds[..8]
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (9 - i as u32))
        .sum();
    let rem = sum % 11;
    u32::from(ds[8]) == if rem < 2 { 0 } else { 11 - rem }
}

pub(crate) fn near_miss(m: NearMiss, r: &mut Rng8, lang: Lang, out: &mut String) {
    out.clear();
    match m {
        NearMiss::LuhnInvalidCard => credit_card(r, out, false),
        NearMiss::IbanBadCheck => {
            let good = iban(r);
            let check: u64 = good[2..4].parse().unwrap_or(0);
            let bad = loop {
                let c = r.random_range(2..=96u64);
                if c != check {
                    break c;
                }
            };
            let s = format!("{}{bad:02}{}", &good[..2], &good[4..]);
            if r.random_bool(0.7) {
                push_groups_of_4(out, &s, " ");
            } else {
                out.push_str(&s);
            }
        }
        NearMiss::NirBadKey => nir(r, out, false),
        NearMiss::OrderNumber => loop {
            let mut ds = vec![1];
            ds.extend(rand_digits(r, 8));
            let body = &ds[..8];
            let luhn_ok = luhn_check_digit(body) == ds[8];
            if bsn_sum(&ds).rem_euclid(11) != 0 && !luhn_ok && !pt_nif_valid(&ds) {
                push_digit_vals(out, &ds);
                break;
            }
        },
        NearMiss::Price => {
            let units = r.random_range(1..5000u32);
            let cents = r.random_range(0..100u32);
            match (lang, r.random_range(0..2)) {
                (Lang::Fr, 0) => {
                    let _ = write!(out, "{units},{cents:02} €");
                }
                (Lang::Fr, _) => {
                    let _ = write!(out, "{units} €");
                }
                (Lang::En, 0) => {
                    let _ = write!(out, "${units}.{cents:02}");
                }
                (Lang::En, _) => {
                    let _ = write!(out, "€{units}.{cents:02}");
                }
            }
        }
        NearMiss::PlainDate => date(r, lang, out, 2015..=2025),
        NearMiss::VersionNumber => {
            let _ = write!(
                out,
                "{}.{}.{}",
                r.random_range(0..20u32),
                r.random_range(0..40u32),
                r.random_range(0..30u32)
            );
        }
    }
}
