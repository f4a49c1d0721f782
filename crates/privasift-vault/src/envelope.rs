//! Signed JSON files: `{"signed": {...}, "signature": "<128 hex>"}`.
//!
//! The Ed25519 signature covers every byte of the file except the 128 hex
//! characters of the signature itself (prefixed with a domain string, so a
//! signed object can never pass for a signed index), so a change to any byte,
//! whitespace included, is detected. Verification works on the bytes as they
//! are on disk; nothing is re-serialised.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::Serialize;
use serde::de::DeserializeOwned;

const SIG_HEX: usize = 128;
const SIG_KEY: &[u8] = b"\"signature\": \"";
const TAIL: &[u8] = b"\"\n}\n";

#[derive(Serialize)]
struct Out<'a, T> {
    signed: &'a T,
    signature: &'a str,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct In<T> {
    signed: T,
    signature: String,
}

fn message(domain: &str, before: &[u8], after: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(domain.len() + 1 + before.len() + after.len());
    m.extend_from_slice(domain.as_bytes());
    m.push(b'\n');
    m.extend_from_slice(before);
    m.extend_from_slice(after);
    m
}

/// The file's bytes, `value` signed with `key` under `domain`.
pub(crate) fn seal<T: Serialize>(
    domain: &str,
    value: &T,
    key: &SigningKey,
) -> Result<Vec<u8>, serde_json::Error> {
    let placeholder = "0".repeat(SIG_HEX);
    let mut bytes = serde_json::to_vec_pretty(&Out {
        signed: value,
        signature: &placeholder,
    })?;
    bytes.push(b'\n');
    // The signature is the last field: the bytes end `"signature": "0…0"\n}\n`.
    let start = bytes.len() - TAIL.len() - SIG_HEX;
    let sig = key.sign(&message(domain, &bytes[..start], &bytes[start + SIG_HEX..]));
    bytes[start..start + SIG_HEX].copy_from_slice(hex::encode(sig.to_bytes()).as_bytes());
    Ok(bytes)
}

/// Checks the signature of a file written by [`seal`] and parses what it
/// signs. The error says what is wrong without quoting the file.
pub(crate) fn open<T: DeserializeOwned>(
    domain: &str,
    bytes: &[u8],
    key: &VerifyingKey,
) -> Result<T, String> {
    let shape =
        || "does not end with a \"signature\" field of 128 lowercase hex digits".to_string();
    if bytes.len() < SIG_KEY.len() + SIG_HEX + TAIL.len() || !bytes.ends_with(TAIL) {
        return Err(shape());
    }
    let start = bytes.len() - TAIL.len() - SIG_HEX;
    let hex_sig = &bytes[start..start + SIG_HEX];
    // Lowercase only: `hex` also accepts capitals, and a flipped case bit
    // would otherwise decode to the same signature and go unnoticed.
    if !bytes[..start].ends_with(SIG_KEY)
        || !hex_sig
            .iter()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(shape());
    }
    let mut raw = [0u8; 64];
    hex::decode_to_slice(hex_sig, &mut raw).map_err(|_| shape())?;
    let sig = Signature::from_bytes(&raw);
    key.verify_strict(
        &message(domain, &bytes[..start], &bytes[start + SIG_HEX..]),
        &sig,
    )
    .map_err(|_| {
        "signature does not verify: the file was changed after it was signed (or signed by another key)"
            .to_string()
    })?;
    let parsed: In<T> = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "signed, but not the expected fields (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    if parsed.signature.as_bytes() != hex_sig {
        return Err(shape());
    }
    Ok(parsed.signed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[derive(Serialize, serde::Deserialize, PartialEq, Debug)]
    #[serde(deny_unknown_fields)]
    struct T {
        a: String,
        n: u64,
    }

    #[test]
    fn every_byte_is_covered() {
        let key = SigningKey::from_bytes(&[9u8; 32]);
        let v = T {
            a: "x y".into(),
            n: 3,
        };
        let bytes = seal("d", &v, &key).unwrap();
        let public = key.verifying_key();
        assert_eq!(open::<T>("d", &bytes, &public).unwrap(), v);
        assert!(open::<T>("other", &bytes, &public).is_err());
        for i in 0..bytes.len() {
            for bit in [0x01u8, 0x20, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= bit;
                assert!(
                    open::<T>("d", &b, &public).is_err(),
                    "byte {i} bit {bit:#x} flipped and not detected"
                );
            }
        }
        let other = SigningKey::from_bytes(&[8u8; 32]).verifying_key();
        assert!(open::<T>("d", &bytes, &other).is_err());
        assert!(open::<T>("d", &bytes[..bytes.len() - 1], &public).is_err());
    }
}
