//! Payment card numbers (`credit-card@1`).
//!
//! A card number (PAN) designates one account and so its holder; leaked with a
//! name or an expiry date it also enables fraud, which is why PCI DSS and the
//! CNIL ask that it never sit in clear in a dataset (GDPR Art. 4(1) and 32).
//!
//! Candidates are 13 to 19 digits, contiguous or printed in groups of four
//! (Amex 4-6-5, Diners 4-6-4) separated by single spaces or dashes. Each is
//! confirmed by the Luhn check (ISO/IEC 7812-1, annex B) and by the issuer
//! identification number (IIN) ranges and lengths the networks publish: Visa
//! 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Discover 6011/644-649/65,
//! Diners 300-305/36/38, JCB 3528-3589, China Union Pay 62, Maestro 50/56-69. French
//! "CB" cards are co-branded Visa or Mastercard. A Luhn-invalid number never
//! fires.
//!
//! Grouped numbers and contiguous 14-16-digit numbers score 0.95 (1.0 after a
//! context word such as "card", "carte", "CB", "cc", "CVV"). Contiguous runs
//! of 12 (Maestro), 13, 17, 18 or 19 digits are where barcodes (EAN-13) and
//! database ids live, and Luhn passes one of them in ten: they score 0.45
//! without a context word.

use privasift_core::{Candidate, Detector, Kind, Label, Pattern, Span};

use crate::BuildError;
use crate::context::{Keywords, stands_alone};
use crate::validate::luhn;

pub const CREDIT_CARD: Kind = Kind::new("credit-card", Label::CreditCard);
const ID: &str = "credit-card@1";

const CONTEXT: &[&str] = &[
    "card",
    "cards",
    "carte",
    "cartes",
    "CB",
    "cc",
    "card number",
    "numéro de carte",
    "visa",
    "mastercard",
    "master card",
    "amex",
    "american express",
    "discover",
    "diners",
    "jcb",
    "maestro",
    "unionpay",
    "payment",
    "paiement",
    "payer",
    "pay",
    "expir",
    "expiry",
    "expires",
    "expiration",
    "cvv",
    "cvc",
    "cryptogramme",
    "PAN",
    "bancaire",
    "credit",
    "crédit",
    "debit",
    "débit",
    "Kreditkarte",
    "tarjeta",
    "carta",
];

pub struct CreditCard {
    context: Keywords,
}

impl CreditCard {
    pub fn new() -> Result<Self, BuildError> {
        Ok(Self {
            context: Keywords::new(CONTEXT)?,
        })
    }
}

/// Whether `d` (all the digits) starts with a known IIN whose network issues
/// cards of exactly this length.
fn issuer_accepts(d: &[u8]) -> bool {
    let n = d.len();
    let prefix = |k: usize| -> u32 {
        d.iter()
            .take(k)
            .fold(0u32, |acc, &x| acc * 10 + u32::from(x))
    };
    let p1 = prefix(1);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    // Visa (and CB co-branded Visa).
    if p1 == 4 && matches!(n, 13 | 16 | 19) {
        return true;
    }
    // Mastercard (and CB co-branded Mastercard).
    if ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && n == 16 {
        return true;
    }
    // American Express.
    if (p2 == 34 || p2 == 37) && n == 15 {
        return true;
    }
    // Discover.
    if (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65) && (16..=19).contains(&n) {
        return true;
    }
    // Diners Club International, Carte Blanche.
    if ((300..=305).contains(&p3) || p2 == 36 || p2 == 38 || p2 == 39) && (14..=19).contains(&n) {
        return true;
    }
    // JCB, and its old 15-digit ranges.
    if ((3528..=3589).contains(&p4) && (16..=19).contains(&n))
        || ((p4 == 1800 || p4 == 2131) && n == 15)
    {
        return true;
    }
    // UnionPay.
    if p2 == 62 && (16..=19).contains(&n) {
        return true;
    }
    // Maestro.
    if (p2 == 50 || (56..=69).contains(&p2)) && (12..=19).contains(&n) {
        return true;
    }
    false
}

/// Checks the grouping of a separated candidate: one separator kind, groups of
/// four (the last one may be shorter), or the Amex/Diners 4-6-5 / 4-6-4 shape.
fn grouping_ok(cand: &str) -> bool {
    let sep = if cand.contains(' ') { ' ' } else { '-' };
    if cand.contains(' ') && cand.contains('-') {
        return false;
    }
    let mut lens = [0usize; 8];
    let mut count = 0;
    for g in cand.split(sep) {
        if count == lens.len() || g.is_empty() {
            return false;
        }
        lens[count] = g.len();
        count += 1;
    }
    let lens = &lens[..count];
    match lens {
        [4, 6, 4 | 5] => true,
        [.., last] => lens[..count - 1].iter().all(|&l| l == 4) && (1..=4).contains(last),
        [] => false,
    }
}

impl CreditCard {
    /// Validates `cand` (a slice of `text` at `start`) and pushes a span.
    fn accept(&self, text: &str, start: usize, cand: &str, out: &mut Vec<Span>) -> bool {
        let d: Vec<u8> = cand
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        if !(12..=19).contains(&d.len()) || !luhn(&d) {
            return false;
        }
        let context = self.context.before(text, start, 50);
        // Outside the known issuer ranges, a Luhn-valid number is a card
        // only when the text says so ("my card 3521 ...": a range we do not
        // list, a new network, a test number).
        // Only 16 digits, the common card length: a 12-digit French ID card
        // or a 15-digit NIR next to "carte" must not become a card.
        let issuer = issuer_accepts(&d);
        if !issuer && !(context && d.len() == 16) {
            return false;
        }
        let grouped = cand.len() != d.len();
        if grouped && !grouping_ok(cand) {
            return false;
        }
        // Old 15-digit JCB numbers (1800, 2131) collide with French NIRs of
        // people born in 2013 (2 13 10..12 ...): only with a card word.
        let old_jcb =
            d.len() == 15 && (d.starts_with(&[1, 8, 0, 0]) || d.starts_with(&[2, 1, 3, 1]));
        let score = if context && !issuer {
            0.85
        } else if context {
            1.0
        } else if old_jcb {
            0.45
        } else if grouped || (14..=16).contains(&d.len()) {
            0.95
        } else {
            0.45
        };
        out.push(Span::new(start, start + cand.len(), CREDIT_CARD, score, ID));
        true
    }
}

impl Detector for CreditCard {
    fn id(&self) -> &'static str {
        ID
    }

    fn kinds(&self) -> &'static [Kind] {
        &[CREDIT_CARD]
    }

    fn patterns(&self) -> Vec<Pattern> {
        vec![
            // Contiguous.
            Pattern::new(r"(?-u:\b)[2-6][0-9]{11,18}(?-u:\b)"),
            // Old 15-digit JCB.
            Pattern::new(r"(?-u:\b)(?:1800|2131)[0-9]{11}(?-u:\b)"),
            // Groups of four, spaces or dashes; a short last group.
            Pattern::new(r"(?-u:\b)[2-6][0-9]{3}(?:[ ][0-9]{4}){2,3}(?:[ ][0-9]{1,3})?(?-u:\b)"),
            Pattern::new(r"(?-u:\b)[2-6][0-9]{3}(?:-[0-9]{4}){2,3}(?:-[0-9]{1,3})?(?-u:\b)"),
            // Amex 4-6-5 and Diners 4-6-4.
            Pattern::new(r"(?-u:\b)3[0-9]{3}[ \-][0-9]{6}[ \-][0-9]{4,5}(?-u:\b)"),
        ]
    }

    fn confirm(&self, text: &str, c: Candidate, out: &mut Vec<Span>) -> bool {
        if !stands_alone(text, c.start, c.end) {
            // A trailing short group may be a following number: "4111 1111
            // 1111 1111 12" is a card then "12"; anything else glued is not.
            return false;
        }
        let cand = &text[c.start..c.end];
        if self.accept(text, c.start, cand, out) {
            return true;
        }
        // The greedy pattern may have taken a short number that follows a
        // complete card ("... 1111 1111 12 €"): retry without it.
        if c.pattern > 1
            && let Some(i) = cand.rfind([' ', '-'])
            && cand.len() - i - 1 < 4
        {
            return self.accept(text, c.start, &cand[..i], out);
        }
        false
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::detectors::run_one;

    fn run(text: &str) -> Vec<(String, &'static str, f32)> {
        run_one(Box::new(CreditCard::new().unwrap()), text)
    }

    fn found(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|r| r.2 >= 0.5)
            .map(|(s, _, _)| s)
            .collect()
    }

    // Published test numbers of the networks (Stripe, PayPal, Adyen test cards).
    #[test]
    fn finds_grouped_and_contiguous_cards_in_english_and_french() {
        assert_eq!(
            found("Card: 4111 1111 1111 1111, exp 12/27"),
            vec!["4111 1111 1111 1111"]
        );
        assert_eq!(
            found("Ma carte : 5555-5555-5555-4444."),
            vec!["5555-5555-5555-4444"]
        );
        assert_eq!(
            found("paid with 4242424242424242 yesterday"),
            vec!["4242424242424242"]
        );
        assert_eq!(
            found("Amex 3782 822463 10005 ok"),
            vec!["3782 822463 10005"]
        );
        assert_eq!(found("Diners 3056 930902 5904"), vec!["3056 930902 5904"]);
        assert_eq!(
            found("Numéro de CB : 2223 0031 2200 3222"),
            vec!["2223 0031 2200 3222"]
        );
        assert_eq!(
            found("JCB 3530111333300000, Discover 6011 1111 1111 1117"),
            vec!["3530111333300000", "6011 1111 1111 1117"]
        );
        assert_eq!(found("UnionPay 6200000000000005"), vec!["6200000000000005"]);
        assert_eq!(found("JCB 180000000000002"), vec!["180000000000002"]);
        assert!(
            found("ref 213100000000003").is_empty(),
            "old JCB needs a card word"
        );
        // Maestro issues 12-digit numbers: they need a context word.
        assert_eq!(
            found("my credit card number is 500000000009"),
            vec!["500000000009"]
        );
        assert!(found("ref 500000000009").is_empty());
    }

    #[test]
    fn context_raises_the_score() {
        let r = run("carte bancaire 4111111111111111");
        assert_eq!(r.len(), 1);
        assert!((r[0].2 - 1.0).abs() < f32::EPSILON);
        let r = run("ref 4111111111111111");
        assert!((r[0].2 - 0.95).abs() < 1e-6);
    }

    #[test]
    fn luhn_invalid_never_fires() {
        assert!(run("Card: 4111 1111 1111 1112").is_empty());
        assert!(run("carte 5555555555554445").is_empty());
    }

    #[test]
    fn wrong_issuer_or_length_does_not_fire() {
        // Luhn-valid, but no network issues numbers starting with 33, 20 or 7.
        assert!(run("3312 3456 7890 1238").is_empty());
        assert!(run("2000123456789011").is_empty());
        assert!(run("7992739871300008").is_empty());
        // Luhn-valid, but Visa does not issue 15-digit numbers, nor Amex 4-6-6.
        assert!(run("411111111111116").is_empty());
        assert!(run("3782 822463 100051").is_empty());
    }

    #[test]
    fn glued_and_ordinary_numbers_do_not_fire() {
        assert!(run("x4111111111111111").is_empty());
        assert!(run("4111111111111111-2").is_empty());
        assert!(run("1.4111111111111111").is_empty());
        assert!(found("Commande n° 2024 0001 2345, total 1 234,56 €").is_empty());
        assert!(found("tel 06 12 34 56 78, year 2024, order 40001234").is_empty());
        // A 13-digit EAN-like run that happens to pass Luhn stays below 0.5.
        assert!(found("EAN 4222222222222").is_empty());
        assert!(!run("visa 4222222222222").is_empty());
    }

    #[test]
    fn trailing_short_number_is_not_swallowed() {
        assert_eq!(
            found("carte 4111 1111 1111 1111 12 €"),
            vec!["4111 1111 1111 1111"]
        );
    }
}
