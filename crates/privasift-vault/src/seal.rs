//! The encryption of one object: its data key wrapped to the auditor, and
//! its bytes encrypted chunk by chunk.
//!
//! * **Key wrapping** (ECIES-style, to the auditor's X25519 public key `A`):
//!   a fresh ephemeral X25519 secret `e`, `E = e·G`, shared secret
//!   `s = X25519(e, A)` (refused if not contributory); key-encryption key
//!   `KEK = HKDF-SHA-256(salt = E ‖ A, ikm = s, info = label ‖ context)`;
//!   `wrapped = AES-256-GCM-SIV(KEK, nonce = 0, aad = context, data key)`.
//!   Each KEK encrypts exactly one message, so the fixed nonce is never
//!   reused under one key (and GCM-SIV would survive it anyway). Only the
//!   holder of `A`'s secret computes `s`: the operator, who encrypts with
//!   `A`, cannot decrypt.
//! * **Data**: AES-256-GCM-SIV under a random 256-bit data key, in chunks of
//!   [`CHUNK`] plaintext bytes, with the STREAM construction of Hoang, Reyhanitabar,
//!   Rogaway and Vizár (`aead-stream`'s `StreamBE32`: nonce = 7-byte prefix ‖
//!   32-bit big-endian chunk counter ‖ last-chunk flag), so chunks cannot be
//!   reordered, dropped, repeated or cut off at the end without decryption
//!   failing. Every chunk also authenticates the object's context (vault id
//!   and object id) as associated data.
//!
//! Memory: two chunk buffers, whatever the object's size.

use std::io::{self, Read, Write};

use aead_stream::{StreamBE32, StreamPrimitive as _};
use aes_gcm_siv::aead::{Aead as _, Payload};
use aes_gcm_siv::{Aes256GcmSiv, KeyInit as _, Nonce};
use hkdf::Hkdf;
use sha2::{Digest as _, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::VaultError;
use crate::keys::random;

/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
/// AEAD tag bytes per chunk.
pub const TAG: usize = 16;
const WRAP_LABEL: &[u8] = b"privasift-vault/v1/wrap\n";

/// A data key, wrapped to the auditor.
pub(crate) struct Wrapped {
    pub(crate) ephemeral_public: [u8; 32],
    pub(crate) wrapped_key: Vec<u8>,
}

fn kek(
    shared: &[u8; 32],
    ephemeral: &[u8; 32],
    recipient: &[u8; 32],
    context: &[u8],
) -> Option<Aes256GcmSiv> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(ephemeral);
    salt[32..].copy_from_slice(recipient);
    let hk = Hkdf::<Sha256>::new(Some(&salt), shared);
    let mut okm = Zeroizing::new([0u8; 32]);
    hk.expand_multi_info(&[WRAP_LABEL, context], okm.as_mut())
        .ok()?;
    Aes256GcmSiv::new_from_slice(okm.as_ref()).ok()
}

/// Wraps `data_key` to the X25519 public key `recipient`.
pub(crate) fn wrap(
    data_key: &[u8; 32],
    recipient: &[u8; 32],
    context: &[u8],
) -> Result<Wrapped, VaultError> {
    let ephemeral = StaticSecret::from(random::<32>()?);
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(*recipient));
    if !shared.was_contributory() {
        return Err(VaultError::Crypto(
            "the auditor public key is a low-order point: not a usable key".into(),
        ));
    }
    let cipher = kek(shared.as_bytes(), &ephemeral_public, recipient, context)
        .ok_or_else(|| VaultError::Crypto("key derivation failed".into()))?;
    let wrapped_key = cipher
        .encrypt(
            &Nonce::default(),
            Payload {
                msg: data_key,
                aad: context,
            },
        )
        .map_err(|_| VaultError::Crypto("wrapping the data key failed".into()))?;
    Ok(Wrapped {
        ephemeral_public,
        wrapped_key,
    })
}

/// Unwraps a data key with the auditor's secret; `None` if it does not
/// authenticate (another key, or a changed wrapped key).
pub(crate) fn unwrap(
    secret: &StaticSecret,
    w: &Wrapped,
    context: &[u8],
) -> Option<Zeroizing<[u8; 32]>> {
    let recipient = PublicKey::from(secret).to_bytes();
    let shared = secret.diffie_hellman(&PublicKey::from(w.ephemeral_public));
    if !shared.was_contributory() {
        return None;
    }
    let cipher = kek(shared.as_bytes(), &w.ephemeral_public, &recipient, context)?;
    let key = Zeroizing::new(
        cipher
            .decrypt(
                &Nonce::default(),
                Payload {
                    msg: &w.wrapped_key,
                    aad: context,
                },
            )
            .ok()?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    if key.len() != 32 {
        return None;
    }
    out.copy_from_slice(&key);
    Some(out)
}

/// What went through a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Streamed {
    pub(crate) plaintext_bytes: u64,
    pub(crate) ciphertext_bytes: u64,
    pub(crate) chunks: u64,
    /// SHA-256 of the ciphertext, hex.
    pub(crate) ciphertext_sha256: String,
}

/// Why a stream stopped.
#[derive(Debug)]
pub(crate) enum StreamError {
    Io(io::Error),
    /// Chunk `chunk` (0-based) did not authenticate.
    Auth {
        chunk: u64,
        last: bool,
    },
    /// No chunk at all, or a chunk shorter than a tag.
    Truncated,
    /// More than 2³² − 1 chunks (256 TiB).
    TooLarge,
}

impl From<io::Error> for StreamError {
    fn from(e: io::Error) -> Self {
        StreamError::Io(e)
    }
}

fn stream(key: &[u8; 32], prefix: [u8; 7]) -> Option<StreamBE32<Aes256GcmSiv>> {
    use aead_stream::NewStream as _;
    let aead = Aes256GcmSiv::new_from_slice(key).ok()?;
    Some(StreamBE32::from_aead(aead, &prefix.into()))
}

/// Reads until `buf` holds `n` bytes or the input ends.
fn read_full(input: &mut dyn Read, buf: &mut Vec<u8>, n: usize) -> io::Result<usize> {
    buf.clear();
    let got = input.take(n as u64).read_to_end(buf)?;
    Ok(got)
}

/// Encrypts `input` to `output`.
pub(crate) fn encrypt(
    key: &[u8; 32],
    prefix: [u8; 7],
    aad: &[u8],
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<Streamed, StreamError> {
    let s = stream(key, prefix).ok_or(StreamError::TooLarge)?;
    let mut hash = Sha256::new();
    let (mut cur, mut next) = (
        Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
        Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
    );
    read_full(input, &mut cur, CHUNK)?;
    let mut out = Streamed {
        plaintext_bytes: 0,
        ciphertext_bytes: 0,
        chunks: 0,
        ciphertext_sha256: String::new(),
    };
    let mut position: u32 = 0;
    loop {
        let last = cur.len() < CHUNK || read_full(input, &mut next, CHUNK)? == 0;
        if !last && position == u32::MAX - 1 {
            return Err(StreamError::TooLarge);
        }
        out.plaintext_bytes += cur.len() as u64;
        s.encrypt_in_place(position, last, aad, &mut *cur)
            .map_err(|_| StreamError::TooLarge)?;
        hash.update(&*cur);
        output.write_all(&cur)?;
        out.ciphertext_bytes += cur.len() as u64;
        out.chunks += 1;
        if last {
            break;
        }
        position += 1;
        std::mem::swap(&mut cur, &mut next);
    }
    out.ciphertext_sha256 = hex::encode(hash.finalize());
    Ok(out)
}

/// Decrypts and authenticates `input`, writing the plaintext of each chunk
/// to `output` once that chunk has authenticated. The caller must discard
/// what was written if this fails.
pub(crate) fn decrypt(
    key: &[u8; 32],
    prefix: [u8; 7],
    aad: &[u8],
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<Streamed, StreamError> {
    let s = stream(key, prefix).ok_or(StreamError::TooLarge)?;
    let mut hash = Sha256::new();
    let (mut cur, mut next) = (
        Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
        Zeroizing::new(Vec::with_capacity(CHUNK + TAG)),
    );
    if read_full(input, &mut cur, CHUNK + TAG)? == 0 {
        return Err(StreamError::Truncated);
    }
    let mut out = Streamed {
        plaintext_bytes: 0,
        ciphertext_bytes: 0,
        chunks: 0,
        ciphertext_sha256: String::new(),
    };
    let mut position: u32 = 0;
    loop {
        let last = cur.len() < CHUNK + TAG || read_full(input, &mut next, CHUNK + TAG)? == 0;
        if cur.len() < TAG {
            return Err(StreamError::Truncated);
        }
        if !last && position == u32::MAX - 1 {
            return Err(StreamError::TooLarge);
        }
        hash.update(&*cur);
        out.ciphertext_bytes += cur.len() as u64;
        s.decrypt_in_place(position, last, aad, &mut *cur)
            .map_err(|_| StreamError::Auth {
                chunk: u64::from(position),
                last,
            })?;
        output.write_all(&cur)?;
        out.plaintext_bytes += cur.len() as u64;
        out.chunks += 1;
        if last {
            break;
        }
        position += 1;
        std::mem::swap(&mut cur, &mut next);
    }
    out.ciphertext_sha256 = hex::encode(hash.finalize());
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn roundtrip(len: usize) -> (Vec<u8>, Vec<u8>) {
        let plain: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut ct = Vec::new();
        let st = encrypt(&[1; 32], [2; 7], b"ctx", &mut &plain[..], &mut ct).unwrap();
        assert_eq!(st.plaintext_bytes, len as u64);
        assert_eq!(st.ciphertext_bytes, ct.len() as u64);
        let mut back = Vec::new();
        let st2 = decrypt(&[1; 32], [2; 7], b"ctx", &mut &ct[..], &mut back).unwrap();
        assert_eq!(back, plain);
        assert_eq!(st2, st);
        (plain, ct)
    }

    #[test]
    fn round_trips_at_chunk_edges() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5] {
            let (_, ct) = roundtrip(len);
            assert_eq!(ct.len(), len + TAG * len.div_ceil(CHUNK).max(1));
        }
    }

    fn fails(ct: &[u8]) -> bool {
        decrypt(&[1; 32], [2; 7], b"ctx", &mut &ct[..], &mut io::sink()).is_err()
    }

    #[test]
    fn truncation_reordering_and_flips_are_detected() {
        let (_, ct) = roundtrip(3 * CHUNK + 100);
        let full = CHUNK + TAG;
        // Cut at each chunk boundary, and inside chunks.
        for cut in [0, 10, full, 2 * full, 3 * full, ct.len() - 1] {
            assert!(fails(&ct[..cut]), "truncated at {cut}");
        }
        // Two chunks swapped.
        let mut swapped = ct.clone();
        swapped[..full].copy_from_slice(&ct[full..2 * full]);
        swapped[full..2 * full].copy_from_slice(&ct[..full]);
        assert!(fails(&swapped));
        // A chunk repeated in place of another.
        let mut repeated = ct.clone();
        repeated[full..2 * full].copy_from_slice(&ct[..full]);
        assert!(fails(&repeated));
        for i in [0, full - 1, full, ct.len() - 1] {
            let mut b = ct.clone();
            b[i] ^= 1;
            assert!(fails(&b), "flip at {i}");
        }
        // Another context, prefix or key.
        assert!(decrypt(&[1; 32], [2; 7], b"cty", &mut &ct[..], &mut io::sink()).is_err());
        assert!(decrypt(&[1; 32], [3; 7], b"ctx", &mut &ct[..], &mut io::sink()).is_err());
        assert!(decrypt(&[4; 32], [2; 7], b"ctx", &mut &ct[..], &mut io::sink()).is_err());
    }

    #[test]
    fn only_the_recipient_unwraps() {
        let auditor = StaticSecret::from([5u8; 32]);
        let public = PublicKey::from(&auditor).to_bytes();
        let w = wrap(&[9u8; 32], &public, b"ctx").unwrap();
        assert_eq!(*unwrap(&auditor, &w, b"ctx").unwrap(), [9u8; 32]);
        assert!(unwrap(&auditor, &w, b"other").is_none());
        assert!(unwrap(&StaticSecret::from([6u8; 32]), &w, b"ctx").is_none());
        let mut bad = Wrapped {
            ephemeral_public: w.ephemeral_public,
            wrapped_key: w.wrapped_key.clone(),
        };
        bad.wrapped_key[3] ^= 1;
        assert!(unwrap(&auditor, &bad, b"ctx").is_none());
        // A low-order public key is refused rather than used.
        assert!(wrap(&[9u8; 32], &[0u8; 32], b"ctx").is_err());
    }
}
