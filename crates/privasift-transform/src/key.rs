//! The secret key behind pseudonyms, surrogates and encryption.
//!
//! A key is 32 random bytes, kept in a file as 64 hexadecimal characters
//! (`privasift keygen -o clean.key`) or given in the `PRIVASIFT_KEY`
//! environment variable. It is never read from the command line (command
//! lines end up in shell histories and process lists), never printed, never
//! logged: reports and the ledger carry its [fingerprint](Key::fingerprint),
//! an HMAC of a fixed label, which tells keys apart without revealing them.
//!
//! Each use gets its own subkey, derived with HMAC-SHA-256 under a distinct
//! label (the HKDF-Expand construction with a single block), so a token never
//! helps to attack the encryption and the other way round.

use std::fmt;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The environment variable that may hold the key (64 hex characters).
pub const KEY_ENV: &str = "PRIVASIFT_KEY";

type HmacSha256 = Hmac<Sha256>;

/// A 256-bit secret key. Its `Debug` shows the fingerprint only, and its
/// bytes are wiped when it is dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Key([u8; 32]);

/// Why a key could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the key file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{origin} does not hold a key: expected 64 hexadecimal characters (privasift keygen writes one)"
    )]
    Malformed { origin: String },
    #[error("cannot write the key file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} already exists: privasift keygen never overwrites a key")]
    Exists { path: PathBuf },
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

impl Key {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Self(bytes))
    }

    /// A key from raw bytes (tests, and callers that hold key material).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Parses the text of a key file: 64 hex characters, surrounding
    /// whitespace and `#` comment lines ignored.
    pub fn parse(text: &str, origin: &str) -> Result<Self, KeyError> {
        let mut hexchars: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| l.trim().chars())
            .collect();
        let mut bytes = [0u8; 32];
        let ok = hexchars.len() == 64 && hex::decode_to_slice(&hexchars, &mut bytes).is_ok();
        hexchars.zeroize();
        if ok {
            Ok(Self(bytes))
        } else {
            bytes.zeroize();
            Err(KeyError::Malformed {
                origin: origin.to_owned(),
            })
        }
    }

    /// Reads a key file.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let mut text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
            path: path.to_owned(),
            source,
        })?;
        let key = Self::parse(&text, &format!("the key file {}", path.display()));
        text.zeroize();
        key
    }

    /// The key from `--key-file` if given, else from `PRIVASIFT_KEY`, else none.
    pub fn load(file: Option<&Path>) -> Result<Option<Self>, KeyError> {
        if let Some(path) = file {
            return Self::from_file(path).map(Some);
        }
        match std::env::var(KEY_ENV) {
            Ok(mut v) => {
                let key = Self::parse(&v, &format!("the environment variable {KEY_ENV}"));
                v.zeroize();
                key.map(Some)
            }
            Err(_) => Ok(None),
        }
    }

    /// Writes the key to a new file readable by its owner only. Refuses to
    /// overwrite an existing file.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        use std::io::Write as _;
        let werr = |source| KeyError::Write {
            path: path.to_owned(),
            source,
        };
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(0o600);
        }
        let mut file = opts.open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                KeyError::Exists {
                    path: path.to_owned(),
                }
            } else {
                werr(e)
            }
        })?;
        let mut text = format!(
            "# privasift key (fingerprint {}). Keep it secret; losing it makes encrypted values unrecoverable.\n{}\n",
            self.fingerprint(),
            hex::encode(self.0)
        );
        let res = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all());
        text.zeroize();
        res.map_err(werr)
    }

    /// A public name for the key: 16 hex characters of an HMAC of a fixed
    /// label. Written in reports and the ledger to say which key was used.
    pub fn fingerprint(&self) -> String {
        let mac = self.mac(b"privasift/v1/fingerprint", &[]);
        hex::encode(&mac[..8])
    }

    /// HMAC-SHA-256 under the subkey for `purpose`, over the parts given
    /// (each length-prefixed, so parts cannot run into each other).
    pub fn mac(&self, purpose: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let sub = self.subkey(purpose);
        let mut m =
            <HmacSha256 as KeyInit>::new_from_slice(&sub).unwrap_or_else(|_| unreachable_hmac());
        for p in parts {
            m.update(&(p.len() as u64).to_be_bytes());
            m.update(p);
        }
        m.finalize().into_bytes().into()
    }

    /// The subkey for one purpose: HMAC(key, purpose).
    pub(crate) fn subkey(&self, purpose: &[u8]) -> [u8; 32] {
        let mut m =
            <HmacSha256 as KeyInit>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable_hmac());
        m.update(purpose);
        m.finalize().into_bytes().into()
    }
}

/// HMAC accepts keys of any length: this cannot happen.
fn unreachable_hmac() -> HmacSha256 {
    unreachable!("HMAC-SHA-256 accepts keys of any length")
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key(fingerprint {})", self.fingerprint())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_file_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let key = Key::generate().unwrap();
        key.write_new(&path).unwrap();
        let back = Key::from_file(&path).unwrap();
        assert_eq!(key.fingerprint(), back.fingerprint());
        assert!(matches!(key.write_new(&path), Err(KeyError::Exists { .. })));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "key file readable by others");
        }
    }

    #[test]
    fn malformed_keys_are_refused_without_quoting_them() {
        for bad in ["", "abc", &"zz".repeat(32), &"ab".repeat(31)] {
            let err = Key::parse(bad, "test").unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains("64 hexadecimal"), "{msg}");
            if !bad.is_empty() {
                assert!(!msg.contains(bad), "{msg}");
            }
        }
    }

    #[test]
    fn debug_and_fingerprint_do_not_reveal_the_key() {
        let key = Key::from_bytes([7u8; 32]);
        let shown = format!("{key:?} {}", key.fingerprint());
        assert!(!shown.contains(&hex::encode([7u8; 32])[..16]));
        assert_ne!(Key::from_bytes([1u8; 32]).fingerprint(), key.fingerprint());
    }

    #[test]
    fn subkeys_differ_by_purpose_and_parts_do_not_run_together() {
        let key = Key::from_bytes([3u8; 32]);
        assert_ne!(key.mac(b"a", &[b"x"]), key.mac(b"b", &[b"x"]));
        assert_ne!(key.mac(b"a", &[b"ab", b"c"]), key.mac(b"a", &[b"a", b"bc"]));
    }
}
