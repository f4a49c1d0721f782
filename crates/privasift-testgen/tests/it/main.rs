//! privasift-testgen's integration tests: determinism, span offsets, validity
//! of every generated identifier under independent checks, near misses.

#![allow(clippy::unwrap_used, clippy::panic, clippy::many_single_char_names)]

mod checks;

use std::collections::BTreeSet;

use privasift_testgen::{
    Budget, Format, GenKind, GenOptions, Generator, GoldDoc, Lang, NearMiss, kind_values,
    near_miss_values, write_docs,
};
use regex::Regex;

fn docs(seed: u64, n: usize, opts: GenOptions) -> Vec<GoldDoc> {
    let mut g = Generator::new(seed, opts);
    (0..n).map(|_| g.next_doc()).collect()
}

/// Python-style slicing by code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn kind_of(name: &str) -> GenKind {
    *GenKind::ALL.iter().find(|k| k.name() == name).unwrap()
}

/// Checks one annotated value of `kind`; `before` and `after` are the text
/// around the span.
fn validate(kind: GenKind, v: &str, before: &str, after: &str) -> Result<(), String> {
    let re = |p: &str| Regex::new(p).unwrap().is_match(v);
    let ok = match kind {
        GenKind::Email => re(r"^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$"),
        GenKind::Phone => re(r"^(\+\d{1,3}[ -]?)?\(?\d[\d .()-]{6,16}\d$"),
        GenKind::Iban => checks::iban(v) && re(r"^[A-Z]{2}\d{2}( ?[A-Z0-9]{1,4})+$"),
        GenKind::CreditCard => checks::card(v),
        GenKind::FrNir => checks::nir(v),
        GenKind::FrTaxId => checks::fr_tax_id(v),
        GenKind::BeNationalNumber => checks::be_national_number(v),
        GenKind::PlPesel => checks::pesel(v),
        GenKind::DeTaxId => checks::de_tax_id(v),
        GenKind::PtNif => checks::pt_nif(v),
        GenKind::NlBsn => checks::nl_bsn(v),
        GenKind::EsDni => checks::es_dni(v),
        GenKind::EsNie => checks::es_nie(v),
        GenKind::ItCodiceFiscale => checks::codice_fiscale(v),
        GenKind::UsSsn => checks::us_ssn(v),
        GenKind::UkNino => checks::uk_nino(v),
        GenKind::FrIdCard | GenKind::FrDrivingLicence => re(r"^\d{12}$"),
        GenKind::FrPassport => re(r"^\d{2}[A-Z]{2}\d{5}$"),
        GenKind::Ipv4 => checks::public_ipv4(v),
        GenKind::Ipv6 => checks::public_ipv6(v),
        GenKind::MacAddress => {
            re(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$") || re(r"^[0-9A-F]{2}(-[0-9A-F]{2}){5}$")
        }
        GenKind::Url => {
            re(r"^https://[a-z.]+\.[a-z]+/\S*$") && !v.contains('~') && !v.contains("/users/")
        }
        GenKind::ProfileUrl => {
            re(r"^https://(www\.linkedin\.com/in|github\.com|twitter\.com)/[A-Za-z0-9_-]+$")
                || re(r"^https://[a-z.]+\.[a-z]+/(users/[a-z0-9._-]+/profile|~[a-z0-9._-]+/)$")
        }
        GenKind::SocialHandle => re(r"^@[a-z0-9_]+$"),
        GenKind::GpsCoordinates => {
            let parts: Vec<&str> = v.split(',').map(str::trim).collect();
            parts.len() == 2
                && parts
                    .iter()
                    .all(|p| p.split_once('.').is_some_and(|(_, f)| f.len() >= 4))
                && parts[0]
                    .parse::<f64>()
                    .is_ok_and(|x| (-90.0..=90.0).contains(&x))
                && parts[1]
                    .parse::<f64>()
                    .is_ok_and(|x| (-180.0..=180.0).contains(&x))
        }
        GenKind::FrLicencePlate => {
            re(r"^[A-HJ-NP-TV-Z]{2}([- ])\d{3}([- ])[A-HJ-NP-TV-Z]{2}$") && !v.contains("000")
        }
        GenKind::DateOfBirth => checks::date(v).is_some(),
        GenKind::ApiKey => re(r"^(AKIA[A-Z0-9]{16}|ghp_[A-Za-z0-9]{36})$"),
        GenKind::PrivateKey => re(
            r"^-----BEGIN ([A-Z]+ )?PRIVATE KEY-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/]+=?\n-----END ([A-Z]+ )?PRIVATE KEY-----$",
        ),
        GenKind::UrlPassword => {
            re(r"^[A-Za-z0-9!*_-]{8,16}$")
                && Regex::new(r"[a-z]+://[a-z0-9._-]+:$")
                    .unwrap()
                    .is_match(before)
                && after.starts_with('@')
        }
    };
    if !ok {
        return Err(format!("{kind}: invalid value {v:?}"));
    }
    // Context the detectors rely on, within the 60 characters before the value.
    let tail: String = before
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_lowercase();
    let needs: &[&str] = match kind {
        GenKind::FrTaxId => &["numéro fiscal"],
        GenKind::PlPesel => &["pesel"],
        GenKind::DeTaxId => &["steuer-id"],
        GenKind::PtNif => &["nif"],
        GenKind::NlBsn => &["bsn"],
        GenKind::UsSsn => &["ssn"],
        GenKind::FrPassport => &["passeport n°", "passport"],
        GenKind::FrIdCard => &["carte d'identité n°", "id card"],
        GenKind::FrDrivingLicence => &["permis de conduire n°", "licence"],
        GenKind::DateOfBirth => &[
            "né le",
            "née le",
            "date de naissance :",
            "born on",
            "dob:",
            "date of birth:",
        ],
        _ => &[],
    };
    if !needs.is_empty() && !needs.iter().any(|n| tail.contains(n)) {
        return Err(format!("{kind}: no context before {v:?} in {tail:?}"));
    }
    Ok(())
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let write = |seed, format| {
        let mut g = Generator::new(seed, GenOptions::default());
        let mut out = Vec::new();
        write_docs(&mut g, &mut out, format, Budget::Docs(300)).unwrap();
        out
    };
    assert_eq!(write(42, Format::Gold), write(42, Format::Gold));
    assert_eq!(write(42, Format::Jsonl), write(42, Format::Jsonl));
    assert_ne!(write(42, Format::Gold), write(43, Format::Gold));
}

#[test]
fn every_span_slices_to_a_valid_value_and_every_kind_appears() {
    let docs = docs(2024, 2000, GenOptions::default());
    let mut kinds = BTreeSet::new();
    let mut labels = BTreeSet::new();
    let mut langs = BTreeSet::new();
    let mut n_spans = 0;
    let mut names = 0;
    for d in &docs {
        langs.insert(format!("{:?}", d.lang));
        let n_chars = d.text.chars().count();
        let mut last_end = 0;
        for s in &d.spans {
            assert!(s.start < s.end && s.end <= n_chars, "{}: bad offsets", d.id);
            assert!(
                s.start >= last_end,
                "{}: spans overlap or are unsorted",
                d.id
            );
            last_end = s.end;
            let v = slice(&d.text, s.start, s.end);
            assert_eq!(v.trim(), v, "{}: untrimmed span", d.id);
            if s.orig_label == "person" {
                // A name the templates put around values: capitalised words,
                // a French courtesy title included.
                assert_eq!(s.label, "PERSON");
                assert!(
                    v.split(' ')
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase)),
                    "{}: name {v:?}",
                    d.id
                );
                names += 1;
                continue;
            }
            let kind = kind_of(s.orig_label);
            assert_eq!(kind.label().as_str(), s.label);
            let before = slice(&d.text, 0, s.start);
            let after = slice(&d.text, s.end, n_chars);
            if let Err(e) = validate(kind, &v, &before, &after) {
                panic!("{}: {e}\n{}", d.id, d.text);
            }
            kinds.insert(s.orig_label);
            labels.insert(s.label);
            n_spans += 1;
        }
    }
    let all: BTreeSet<&str> = GenKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(kinds, all, "every kind appears in 2,000 documents");
    let all_labels: BTreeSet<&str> = GenKind::ALL.iter().map(|k| k.label().as_str()).collect();
    assert_eq!(labels, all_labels);
    assert_eq!(langs.len(), 2);
    assert!(n_spans > 3000, "{n_spans} spans");
    assert!(names > 500, "{names} names annotated");
}

#[test]
fn every_generated_phone_is_valid_per_libphonenumber() {
    use phonenumber::country;
    let regions = [
        country::FR,
        country::BE,
        country::CH,
        country::LU,
        country::DE,
        country::ES,
        country::IT,
        country::NL,
        country::GB,
        country::US,
    ];
    let mut phones: Vec<String> = kind_values(GenKind::Phone, Lang::Fr, 1, 3000);
    phones.extend(kind_values(GenKind::Phone, Lang::En, 2, 3000));
    for d in docs(99, 1000, GenOptions::default()) {
        for s in d.spans.iter().filter(|s| s.orig_label == "phone") {
            phones.push(slice(&d.text, s.start, s.end));
        }
    }
    let (mut intl, mut national) = (0, 0);
    for p in &phones {
        let valid = if p.starts_with('+') {
            intl += 1;
            phonenumber::parse(None, p).is_ok_and(|n| phonenumber::is_valid(&n))
        } else {
            national += 1;
            regions
                .iter()
                .any(|&r| phonenumber::parse(Some(r), p).is_ok_and(|n| phonenumber::is_valid(&n)))
        };
        assert!(valid, "not a valid phone number: {p:?}");
    }
    assert!(
        intl > 1000 && national > 1000,
        "{intl} international, {national} national"
    );
    // Every country and every separator shows up.
    for cc in [
        "+33", "+32", "+41", "+352", "+49", "+34", "+39", "+31", "+44", "+1",
    ] {
        assert!(
            phones.iter().any(|p| p.starts_with(&format!("{cc} "))),
            "{cc}"
        );
    }
    for sep in ['.', '-'] {
        assert!(phones.iter().any(|p| p.contains(sep)), "{sep}");
    }
    assert!(phones.iter().any(|p| p.chars().all(|c| c.is_ascii_digit())));
}

#[test]
fn kind_values_pass_the_independent_checks() {
    for &kind in GenKind::ALL {
        for lang in [Lang::Fr, Lang::En] {
            for v in kind_values(kind, lang, 5, 300) {
                // Context and url-password surroundings are checked on documents.
                let before = if kind == GenKind::UrlPassword {
                    "https://jdupont:"
                } else {
                    ""
                };
                let r = validate(kind, &v, before, "@");
                match kind {
                    GenKind::FrTaxId
                    | GenKind::PlPesel
                    | GenKind::DeTaxId
                    | GenKind::PtNif
                    | GenKind::NlBsn
                    | GenKind::UsSsn
                    | GenKind::FrPassport
                    | GenKind::FrIdCard
                    | GenKind::FrDrivingLicence
                    | GenKind::DateOfBirth => {
                        if let Err(e) = r {
                            assert!(e.contains("no context"), "{e}");
                        }
                    }
                    _ => r.unwrap(),
                }
            }
        }
    }
    // Formats: both groupings of IBANs, cards, NIRs show up.
    let ibans = kind_values(GenKind::Iban, Lang::Fr, 3, 400);
    assert!(ibans.iter().any(|v| v.contains(' ')) && ibans.iter().any(|v| !v.contains(' ')));
    for cc in ["FR", "DE", "BE", "ES", "IT", "NL", "GB", "CH", "LU"] {
        assert!(ibans.iter().any(|v| v.starts_with(cc)), "{cc}");
    }
    let nirs = kind_values(GenKind::FrNir, Lang::Fr, 3, 400);
    assert!(nirs.iter().any(|v| v.contains("2A") || v.contains("2B")));
    assert!(nirs.iter().any(|v| v.contains(' ')) && nirs.iter().any(|v| !v.contains(' ')));
    let cards = kind_values(GenKind::CreditCard, Lang::En, 3, 400);
    assert!(cards.iter().any(|v| checks::compact(v).len() == 15));
    assert!(cards.iter().any(|v| v.contains('-')));
    let be = kind_values(GenKind::BeNationalNumber, Lang::Fr, 3, 400);
    assert!(be.iter().any(|v| {
        // Born in 2000 or later: only the "2" prefixed rule holds.
        let c = checks::compact(v);
        let body: u64 = c[..9].parse().unwrap();
        let check: u64 = c[9..].parse().unwrap();
        check == 97 - (2_000_000_000 + body) % 97 && check != 97 - body % 97
    }));
    let dates = kind_values(GenKind::DateOfBirth, Lang::Fr, 3, 400);
    for shape in [
        r"^\d{2}/\d{2}/\d{4}$",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^\d{1,2}(er)? [a-zéû]+ \d{4}$",
    ] {
        let re = Regex::new(shape).unwrap();
        assert!(dates.iter().any(|d| re.is_match(d)), "{shape}");
    }
    let dates = kind_values(GenKind::DateOfBirth, Lang::En, 3, 400);
    assert!(dates.iter().any(|d| {
        Regex::new(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$")
            .unwrap()
            .is_match(d)
    }));
}

#[test]
fn near_misses_fail_the_checks() {
    let nine_digits = Regex::new(r"^\d{9}$").unwrap();
    let version = Regex::new(r"^\d+\.\d+\.\d+$").unwrap();
    for lang in [Lang::Fr, Lang::En] {
        for v in near_miss_values(NearMiss::LuhnInvalidCard, lang, 1, 500) {
            assert!(!checks::luhn(&v), "{v}");
            assert!(matches!(checks::compact(&v).len(), 15 | 16), "{v}");
        }
        for v in near_miss_values(NearMiss::IbanBadCheck, lang, 2, 500) {
            assert!(!checks::iban(&v), "{v}");
        }
        for v in near_miss_values(NearMiss::NirBadKey, lang, 3, 500) {
            assert!(!checks::nir(&v), "{v}");
            assert_eq!(v.replace(' ', "").len(), 15, "{v}");
        }
        for v in near_miss_values(NearMiss::OrderNumber, lang, 4, 500) {
            assert!(nine_digits.is_match(&v) && v.starts_with('1'), "{v}");
            assert!(
                !checks::nl_bsn(&v) && !checks::pt_nif(&v) && !checks::luhn(&v),
                "{v}"
            );
        }
        for v in near_miss_values(NearMiss::Price, lang, 5, 100) {
            assert!(v.contains('€') || v.contains('$'), "{v}");
        }
        for v in near_miss_values(NearMiss::PlainDate, lang, 6, 100) {
            assert!(checks::date(&v).is_some_and(|(y, _, _)| y >= 2015), "{v}");
        }
        for v in near_miss_values(NearMiss::VersionNumber, lang, 7, 100) {
            assert!(version.is_match(&v), "{v}");
        }
    }
}

/// Whatever looks like a card, an IBAN or a NIR outside the gold spans must
/// fail its check: precision measured on this data is meaningful.
#[test]
fn unannotated_text_holds_no_valid_identifier() {
    let opts = GenOptions {
        near_miss_rate: 1.0,
        ..GenOptions::default()
    };
    let card = Regex::new(r"\b\d{4}[ -]?\d{4,6}[ -]?\d{4,5}(?:[ -]?\d{4})?\b").unwrap();
    let iban = Regex::new(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b").unwrap();
    let nir = Regex::new(r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}\b").unwrap();
    let (mut n_docs_with_near, mut checked) = (0, 0);
    for d in docs(7, 1500, opts) {
        if d.near_misses > 0 {
            n_docs_with_near += 1;
        }
        // Blank out the gold spans (by code points), then scan the rest.
        let covered: Vec<bool> = {
            let mut c = vec![false; d.text.chars().count()];
            for s in &d.spans {
                c[s.start..s.end].iter_mut().for_each(|x| *x = true);
            }
            c
        };
        let rest: String = d
            .text
            .chars()
            .zip(&covered)
            .map(|(ch, &cov)| if cov { '#' } else { ch })
            .collect();
        for m in card.find_iter(&rest) {
            // Four digits inside a longer grouped number (an IBAN) are not a card.
            let before = rest[..m.start()].chars().rev().take(2).collect::<String>();
            let after = rest[m.end()..].chars().take(2).collect::<String>();
            let glued = |s: &str| {
                s.starts_with(' ') && s.chars().nth(1).is_some_and(|c| c.is_ascii_alphanumeric())
            };
            if glued(&before) || glued(&after) {
                continue;
            }
            assert!(
                !checks::card(m.as_str()),
                "{}: valid card outside spans: {}",
                d.id,
                m.as_str()
            );
            checked += 1;
        }
        for m in iban.find_iter(&rest) {
            assert!(
                !checks::iban(m.as_str()),
                "{}: valid IBAN outside spans: {}",
                d.id,
                m.as_str()
            );
            checked += 1;
        }
        for m in nir.find_iter(&rest) {
            assert!(
                !checks::nir(m.as_str()),
                "{}: valid NIR outside spans: {}",
                d.id,
                m.as_str()
            );
            checked += 1;
        }
    }
    assert!(n_docs_with_near > 1000, "{n_docs_with_near}");
    assert!(checked > 200, "{checked} near-miss identifiers checked");
}

#[test]
fn options_steer_language_and_item_count() {
    let en_only = GenOptions {
        lang_mix: 0.0,
        near_miss_rate: 0.0,
        max_items: 1,
        ..GenOptions::default()
    };
    for d in docs(3, 300, en_only) {
        assert_eq!(d.lang, Lang::En);
        assert!(d.spans.iter().filter(|s| s.orig_label != "person").count() <= 1);
        assert_eq!(d.near_misses, 0);
    }
    let fr: Vec<GoldDoc> = docs(
        3,
        300,
        GenOptions {
            lang_mix: 1.0,
            ..GenOptions::default()
        },
    );
    assert!(fr.iter().all(|d| d.lang == Lang::Fr));
    // French texts are not ASCII.
    assert!(fr.iter().filter(|d| !d.text.is_ascii()).count() > 250);
    let values = |d: &GoldDoc| d.spans.iter().filter(|s| s.orig_label != "person").count();
    assert!(fr.iter().any(|d| values(d) == 4) && fr.iter().any(|d| values(d) == 0));
}

#[test]
fn writer_emits_bench_gold_and_light_records() {
    let mut g = Generator::new(11, GenOptions::default());
    let mut out = Vec::new();
    let sum = write_docs(&mut g, &mut out, Format::Gold, Budget::Docs(100)).unwrap();
    assert_eq!(sum.docs, 100);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 100);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "lang", "spans", "text"]); // (serde_json sorts keys)
    assert_eq!(first["id"], "gen-11-00000000");
    let spans: usize = lines
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["spans"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(spans as u64, sum.spans);

    let mut g = Generator::new(11, GenOptions::default());
    let mut out = Vec::new();
    write_docs(&mut g, &mut out, Format::Jsonl, Budget::Docs(5)).unwrap();
    let first: serde_json::Value =
        serde_json::from_slice(out.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert!(first.get("spans").is_none());
    assert_eq!(first["meta"]["generator"], "privasift-testgen");
    assert_eq!(first["meta"]["seed"], 11);
}

#[test]
fn the_binary_writes_what_the_library_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.jsonl");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_privasift-gen"))
        .args(["--seed", "9", "--docs", "50", "--format", "gold", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut g = Generator::new(9, GenOptions::default());
    let mut want = Vec::new();
    write_docs(&mut g, &mut want, Format::Gold, Budget::Docs(50)).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), want);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_privasift-gen"))
        .args(["--seed", "9", "--bytes", "20KB", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.len() <= 20_000 && out.stdout.len() > 15_000);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_privasift-gen"))
        .args(["--bytes", "lots"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}
