//! The two keys of a vault, and their files.
//!
//! * The **operator** key is an Ed25519 signing key. Its holder puts objects
//!   (encrypting them to the auditor's *public* key) and purges them, and
//!   signs what it writes. It holds no secret that decrypts anything.
//! * The **auditor** key is an X25519 secret key: the only key that unwraps
//!   an object's data key, so the only one that reads.
//!
//! Each key file also pins the other role's public key and the vault id as
//! they were at `init`, so a `vault.json` whose public keys were swapped is
//! refused by whoever holds a key (otherwise a swapped auditor key would make
//! the operator encrypt new objects to an intruder).
//!
//! A key file is text, mode 0600, never overwritten:
//!
//! ```text
//! # privasift vault operator key ... (comment lines)
//! privasift-vault-key 1
//! role operator
//! vault 3f2a9c0d41b7e685a1b2c3d4e5f60718
//! secret <64 hex>
//! peer <64 hex: the auditor's public key>
//! ```
//!
//! Keys are read from a file named on the command line or by an environment
//! variable, never from the command line itself, and never printed: only
//! [fingerprints](fingerprint) of the public keys are.

use std::fmt;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroize;

use crate::VaultError;

/// The environment variable naming the operator key *file*.
pub const OPERATOR_KEY_ENV: &str = "PRIVASIFT_VAULT_OPERATOR_KEY";
/// The environment variable naming the auditor key *file*.
pub const AUDITOR_KEY_ENV: &str = "PRIVASIFT_VAULT_AUDITOR_KEY";

const MAGIC: &str = "privasift-vault-key 1";

/// Who holds a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Puts and purges; cannot read.
    Operator,
    /// Reads; cannot put, sign or purge.
    Auditor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Auditor => "auditor",
        }
    }

    /// What this role may do, for messages.
    pub fn can(self) -> &'static str {
        match self {
            Role::Operator => "can put and purge objects but cannot read them",
            Role::Auditor => "can read objects but cannot put or purge them",
        }
    }

    /// The environment variable naming this role's key file.
    pub fn env(self) -> &'static str {
        match self {
            Role::Operator => OPERATOR_KEY_ENV,
            Role::Auditor => AUDITOR_KEY_ENV,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A public name for a public key: 16 hex characters of a SHA-256 of the
/// role and the key. Safe to print, log and store.
pub fn fingerprint(role: Role, public: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    h.update(b"privasift-vault/v1/fingerprint\n");
    h.update(role.as_str().as_bytes());
    h.update(b"\n");
    h.update(public);
    hex::encode(&h.finalize()[..8])
}

/// The operator's key: an Ed25519 signing key, the vault it belongs to and
/// the auditor public key it encrypts to.
pub struct OperatorKey {
    pub(crate) vault: String,
    pub(crate) signing: SigningKey,
    pub(crate) auditor_public: [u8; 32],
}

/// The auditor's key: an X25519 secret, the vault it belongs to and the
/// operator public key it expects signatures from.
pub struct AuditorKey {
    pub(crate) vault: String,
    pub(crate) secret: StaticSecret,
    pub(crate) operator_public: [u8; 32],
}

impl OperatorKey {
    pub(crate) fn public(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(Role::Operator, &self.public())
    }

    /// The vault id the key was made for.
    pub fn vault_id(&self) -> &str {
        &self.vault
    }
}

impl AuditorKey {
    pub(crate) fn public(&self) -> [u8; 32] {
        PublicKey::from(&self.secret).to_bytes()
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(Role::Auditor, &self.public())
    }

    /// The vault id the key was made for.
    pub fn vault_id(&self) -> &str {
        &self.vault
    }
}

impl fmt::Debug for OperatorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OperatorKey(fingerprint {})", self.fingerprint())
    }
}

impl fmt::Debug for AuditorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuditorKey(fingerprint {})", self.fingerprint())
    }
}

/// Either key, as read from a file whose role is not known in advance.
#[derive(Debug)]
pub enum VaultKey {
    Operator(OperatorKey),
    Auditor(AuditorKey),
}

impl VaultKey {
    pub fn role(&self) -> Role {
        match self {
            VaultKey::Operator(_) => Role::Operator,
            VaultKey::Auditor(_) => Role::Auditor,
        }
    }

    pub fn fingerprint(&self) -> String {
        match self {
            VaultKey::Operator(k) => k.fingerprint(),
            VaultKey::Auditor(k) => k.fingerprint(),
        }
    }

    pub fn vault_id(&self) -> &str {
        match self {
            VaultKey::Operator(k) => &k.vault,
            VaultKey::Auditor(k) => &k.vault,
        }
    }

    /// Reads a key file.
    pub fn from_file(path: &Path) -> Result<VaultKey, VaultError> {
        let mut text = std::fs::read_to_string(path).map_err(|source| VaultError::KeyRead {
            path: path.to_owned(),
            source,
        })?;
        let key = parse(&text).ok_or_else(|| VaultError::KeyMalformed {
            path: path.to_owned(),
        });
        text.zeroize();
        key
    }

    /// The key from the option if given, else from the file named by the
    /// role's environment variable, else none. Returns where it came from
    /// (for messages) with it.
    pub fn load(
        option: Option<&Path>,
        role: Role,
    ) -> Result<Option<(VaultKey, String)>, VaultError> {
        if let Some(p) = option {
            return Ok(Some((
                VaultKey::from_file(p)?,
                format!("the key file {}", p.display()),
            )));
        }
        match std::env::var_os(role.env()) {
            Some(p) if !p.is_empty() => {
                let p = PathBuf::from(p);
                Ok(Some((
                    VaultKey::from_file(&p)?,
                    format!("the key file {} (from {})", p.display(), role.env()),
                )))
            }
            _ => Ok(None),
        }
    }

    /// The operator key, or a refusal naming the role the key has.
    pub fn into_operator(self, origin: &str, to: &str) -> Result<OperatorKey, VaultError> {
        match self {
            VaultKey::Operator(k) => Ok(k),
            VaultKey::Auditor(_) => Err(VaultError::WrongRole {
                origin: origin.to_owned(),
                found: Role::Auditor,
                needed: Role::Operator,
                to: to.to_owned(),
            }),
        }
    }

    /// The auditor key, or a refusal naming the role the key has.
    pub fn into_auditor(self, origin: &str, to: &str) -> Result<AuditorKey, VaultError> {
        match self {
            VaultKey::Auditor(k) => Ok(k),
            VaultKey::Operator(_) => Err(VaultError::WrongRole {
                origin: origin.to_owned(),
                found: Role::Operator,
                needed: Role::Auditor,
                to: to.to_owned(),
            }),
        }
    }
}

/// Random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| VaultError::Random(e.to_string()))?;
    Ok(b)
}

/// A new pair of keys for a new vault.
pub(crate) fn generate(vault: &str) -> Result<(OperatorKey, AuditorKey), VaultError> {
    let mut seed: [u8; 32] = random()?;
    let signing = SigningKey::from_bytes(&seed);
    seed.zeroize();
    let secret = StaticSecret::from(random::<32>()?);
    let operator_public = signing.verifying_key().to_bytes();
    let auditor_public = PublicKey::from(&secret).to_bytes();
    Ok((
        OperatorKey {
            vault: vault.to_owned(),
            signing,
            auditor_public,
        },
        AuditorKey {
            vault: vault.to_owned(),
            secret,
            operator_public,
        },
    ))
}

fn parse(text: &str) -> Option<VaultKey> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    if lines.next()? != MAGIC {
        return None;
    }
    let (mut role, mut vault, mut secret, mut peer) = (None, None, None, None);
    for line in lines {
        let (k, v) = line.split_once(' ')?;
        let slot = match k {
            "role" => &mut role,
            "vault" => &mut vault,
            "secret" => &mut secret,
            "peer" => &mut peer,
            _ => return None,
        };
        if slot.replace(v.trim()).is_some() {
            return None;
        }
    }
    let vault = vault.filter(|v| is_vault_id(v))?.to_owned();
    let mut secret_bytes = [0u8; 32];
    let ok = hex::decode_to_slice(secret?, &mut secret_bytes).is_ok();
    let mut peer_bytes = [0u8; 32];
    let ok = ok && hex::decode_to_slice(peer?, &mut peer_bytes).is_ok();
    let key = match (ok, role?) {
        (true, "operator") => Some(VaultKey::Operator(OperatorKey {
            vault,
            signing: SigningKey::from_bytes(&secret_bytes),
            auditor_public: peer_bytes,
        })),
        (true, "auditor") => Some(VaultKey::Auditor(AuditorKey {
            vault,
            secret: StaticSecret::from(secret_bytes),
            operator_public: peer_bytes,
        })),
        _ => None,
    };
    secret_bytes.zeroize();
    key
}

/// 32 lowercase hex characters.
pub(crate) fn is_vault_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Writes a key file, mode 0600; refuses to overwrite anything.
pub(crate) fn write_new(path: &Path, key: &VaultKey) -> Result<(), VaultError> {
    use std::io::Write as _;
    let (role, secret, peer) = match key {
        VaultKey::Operator(k) => (Role::Operator, k.signing.to_bytes(), k.auditor_public),
        VaultKey::Auditor(k) => (Role::Auditor, k.secret.to_bytes(), k.operator_public),
    };
    let mut secret = secret;
    let werr = |source| VaultError::Io {
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
            VaultError::KeyExists {
                path: path.to_owned(),
            }
        } else {
            werr(e)
        }
    })?;
    let mut text = format!(
        "# privasift vault {role} key for vault {vault} (fingerprint {fp}).\n\
         # The {role} {can}. Keep it secret and backed up: the vault's objects\n\
         # cannot be {what} without it.\n\
         {MAGIC}\nrole {role}\nvault {vault}\nsecret {secret}\npeer {peer}\n",
        vault = key.vault_id(),
        fp = key.fingerprint(),
        can = role.can(),
        what = match role {
            Role::Operator => "added, purged or signed",
            Role::Auditor => "read",
        },
        secret = hex::encode(secret),
        peer = hex::encode(peer),
    );
    secret.zeroize();
    let res = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    text.zeroize();
    res.map_err(werr)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn key_files_round_trip_never_overwrite_and_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let (op, aud) = generate(&"ab".repeat(16)).unwrap();
        let (op_fp, aud_fp) = (op.fingerprint(), aud.fingerprint());
        let op_path = dir.path().join("op.key");
        let aud_path = dir.path().join("aud.key");
        write_new(&op_path, &VaultKey::Operator(op)).unwrap();
        write_new(&aud_path, &VaultKey::Auditor(aud)).unwrap();
        let op = VaultKey::from_file(&op_path).unwrap();
        let aud = VaultKey::from_file(&aud_path).unwrap();
        assert_eq!((op.role(), op.fingerprint()), (Role::Operator, op_fp));
        assert_eq!((aud.role(), aud.fingerprint()), (Role::Auditor, aud_fp));
        let again = generate(&"cd".repeat(16)).unwrap().0;
        assert!(matches!(
            write_new(&op_path, &VaultKey::Operator(again)),
            Err(VaultError::KeyExists { .. })
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            for p in [&op_path, &aud_path] {
                let mode = std::fs::metadata(p).unwrap().permissions().mode();
                assert_eq!(mode & 0o077, 0);
            }
        }
        let err = op.into_auditor("the key file op.key", "read").unwrap_err();
        assert!(err.to_string().contains("operator key"), "{err}");
    }

    #[test]
    fn malformed_files_are_refused_without_quoting_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        let secret = "ab".repeat(32);
        for bad in [
            String::new(),
            secret.clone(),
            format!(
                "{MAGIC}\nrole operator\nvault {}\nsecret {secret}\n",
                "a".repeat(32)
            ),
            format!(
                "{MAGIC}\nrole king\nvault {}\nsecret {secret}\npeer {secret}\n",
                "a".repeat(32)
            ),
        ] {
            std::fs::write(&p, &bad).unwrap();
            let msg = VaultKey::from_file(&p).unwrap_err().to_string();
            assert!(!msg.contains(&secret), "{msg}");
        }
    }

    #[test]
    fn debug_shows_fingerprints_only() {
        let (op, aud) = generate(&"ab".repeat(16)).unwrap();
        let secret = hex::encode(op.signing.to_bytes());
        let shown = format!("{op:?} {aud:?}");
        assert!(!shown.contains(&secret[..16]));
        assert!(!shown.contains(&hex::encode(aud.secret.to_bytes())[..16]));
    }
}
