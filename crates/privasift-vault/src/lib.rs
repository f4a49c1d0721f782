//! privasift's audit vault: an embedded store (one directory, no server)
//! for the copies of training data kept after the sorting phase for an
//! audit, such as a bias measurement, as the CNIL's AI how-to sheets allow:
//! pseudonymised first, encrypted, readable by one role only, and deleted
//! when its deadline has passed. Retention "in case of a future dispute" is
//! refused ([`check_retention`]).
//!
//! # Roles
//!
//! Two key pairs, made by [`Vault::init`] ([`keys`]): the **operator** key
//! (Ed25519) puts and purges and signs what it writes, but holds nothing
//! that decrypts; the **auditor** key (X25519) is the only one that reads.
//! Each object's random data key is wrapped to the auditor's public key
//! ([`seal`](crate#encryption)), so whoever puts cannot read back.
//!
//! # Layout
//!
//! ```text
//! DIR/vault.json            vault id, both public keys and fingerprints (signed)
//! DIR/index.json            the ids of the objects the vault holds (signed)
//! DIR/objects/<id>.json     one object's metadata (signed): purpose, deadline, sizes,
//!                           ciphertext SHA-256, wrapped data key, policy digest, fingerprints
//! DIR/objects/<id>.bin      its ciphertext: AES-256-GCM-SIV chunks, STREAM nonces
//! ```
//!
//! Every file is written to a temporary file in the same directory and
//! renamed into place. Nothing under DIR is plaintext: the caller
//! pseudonymises and keeps the plaintext it encrypts elsewhere.
//!
//! # Encryption
//!
//! See the `seal` module: ephemeral-static X25519 + HKDF-SHA-256 →
//! key-encryption key → AES-256-GCM-SIV wraps a random 256-bit data key;
//! the data is AES-256-GCM-SIV in 64 KiB chunks with the STREAM
//! construction (chunk counter and last-chunk flag in the nonce), so
//! reordering, truncation and flipped bytes fail authentication.
//!
//! # Example
//!
//! ```
//! use privasift_vault::{Access, Date, PutRequest, Vault, VaultKey};
//! # let tmp = tempfile::tempdir().unwrap();
//! # let (dir, op, aud) = (tmp.path().join("v"), tmp.path().join("op.key"), tmp.path().join("aud.key"));
//! # let data = tmp.path().join("cleaned.jsonl");
//! # std::fs::write(&data, "{\"text\": \"[EMAIL] wrote\"}\n").unwrap();
//! Vault::init(&dir, &op, &aud).unwrap();
//! let operator = VaultKey::from_file(&op).unwrap().into_operator("op.key", "put").unwrap();
//! let vault = Vault::open(&dir, Access::Write).unwrap();
//! let today = Date::parse("2026-01-10").unwrap();
//! let req = PutRequest {
//!     name: "cleaned.jsonl".into(),
//!     purpose: "bias measurement of the v2 model".into(),
//!     deadline: Date::parse("2026-06-30").unwrap(),
//!     today,
//!     pseudonymisation: Default::default(),
//! };
//! let meta = vault.put(&operator, &data, &req).unwrap();
//!
//! let auditor = VaultKey::from_file(&aud).unwrap().into_auditor("aud.key", "read").unwrap();
//! let mut out = Vec::new();
//! vault.read(&auditor, &vault.object(&meta.id).unwrap(), &mut out).unwrap();
//! assert_eq!(out, std::fs::read(&data).unwrap());
//! assert!(vault.verify(Some(&auditor)).problems.is_empty());
//! ```

mod date;
mod envelope;
pub mod keys;
mod seal;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, TryLockError};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use date::Date;
pub use keys::{
    AUDITOR_KEY_ENV, AuditorKey, OPERATOR_KEY_ENV, OperatorKey, Role, VaultKey, fingerprint,
};
pub use seal::{CHUNK, TAG};

use keys::random;
use seal::{StreamError, Wrapped};

/// `vault.json`.
pub const VAULT_FILE: &str = "vault.json";
/// `index.json`.
pub const INDEX_FILE: &str = "index.json";
/// The directory of objects.
pub const OBJECTS_DIR: &str = "objects";

const VAULT_FORMAT: &str = "privasift-vault/1";
const OBJECT_FORMAT: &str = "privasift-vault-object/1";
const INDEX_FORMAT: &str = "privasift-vault-index/1";
const DOMAIN_VAULT: &str = "privasift-vault/v1/vault.json";
const DOMAIN_INDEX: &str = "privasift-vault/v1/index.json";
const DOMAIN_OBJECT: &str = "privasift-vault/v1/object";
const TMP_PREFIX: &str = ".tmp-";
/// Metadata, index and vault files are small; larger ones are not read.
const MAX_META_BYTES: u64 = 4 << 20;

/// Words that show a retention "in case of a future dispute", which the
/// CNIL does not accept as a reason to keep training data (lowercase).
pub const REFUSED_PURPOSES: &[&str] = &[
    "dispute",
    "litigation",
    "contentieux",
    "litige",
    "just in case",
    "au cas où",
    "au cas ou",
];

/// Why a vault operation failed. Messages name files, ids and fingerprints,
/// never key material or stored content.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot read the key file {}: {source}", path.display())]
    KeyRead {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} is not a privasift vault key file (privasift vault init writes them)", path.display())]
    KeyMalformed { path: PathBuf },
    #[error("{} already exists: privasift never overwrites a key", path.display())]
    KeyExists { path: PathBuf },
    #[error(
        "{origin} is the vault's {found} key, which {}; to {to} you need the {needed} key",
        found.can()
    )]
    WrongRole {
        origin: String,
        found: Role,
        needed: Role,
        to: String,
    },
    #[error("{origin} belongs to vault {key_vault}, not to this vault ({vault})")]
    OtherVault {
        origin: String,
        key_vault: String,
        vault: String,
    },
    #[error(
        "{origin} does not match this vault's {role} public key (vault.json says {expected}, the key is {found}): \
         the key file or vault.json was replaced"
    )]
    KeyMismatch {
        origin: String,
        role: Role,
        expected: String,
        found: String,
    },
    #[error(
        "vault.json names another {role} public key ({found}) than the one pinned in {origin} at init ({pinned}): \
         vault.json was replaced; nothing was done"
    )]
    PeerMismatch {
        origin: String,
        role: Role,
        pinned: String,
        found: String,
    },
    #[error("{} is not a privasift vault: {reason}", dir.display())]
    NotAVault { dir: PathBuf, reason: String },
    #[error("{} exists and is not empty: a vault is created in a new or empty directory", .0.display())]
    NotEmpty(PathBuf),
    #[error("the vault {} is in use by another privasift command (locked)", .0.display())]
    Locked(PathBuf),
    #[error("refused: {0}")]
    Refused(String),
    #[error("no object {0} in this vault (privasift vault list shows them)")]
    UnknownObject(String),
    #[error("{file}: {reason}")]
    Tampered { file: String, reason: String },
    #[error("{0}")]
    Crypto(String),
    #[error("the system random number generator failed: {0}")]
    Random(String),
    #[error("{}: cannot write JSON: {source}", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> VaultError + '_ {
    move |source| VaultError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A public key and its fingerprint, as `vault.json` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicKeyInfo {
    /// `ed25519` for the operator, `x25519` for the auditor.
    pub algorithm: String,
    /// 64 hex characters.
    pub public: String,
    pub fingerprint: String,
}

/// What `vault.json` holds (signed by the operator key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultInfo {
    pub format: String,
    /// 32 hex characters, random.
    pub id: String,
    pub created: String,
    pub operator: PublicKeyInfo,
    pub auditor: PublicKeyInfo,
}

/// What the pseudonymisation step before `put` was, recorded with the
/// object (from `clean`'s policy and key, and its ledger run).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pseudonymisation {
    /// Where the policy came from (`built-in` or a file name).
    pub policy: String,
    /// SHA-256 of the policy, as `clean` records it.
    pub policy_digest: String,
    /// Fingerprint of the clean key (pseudonymise, surrogate, encrypt), if any.
    pub key_fingerprint: Option<String>,
    /// The ledger run of the clean that made the plaintext.
    pub ledger_run: Option<String>,
}

/// How an object is encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Encryption {
    /// `AES-256-GCM-SIV`, STREAM (`aead-stream` `StreamBE32`).
    pub scheme: String,
    pub chunk_bytes: u64,
    /// The 7-byte STREAM nonce prefix, hex.
    pub nonce_prefix: String,
    /// `X25519-HKDF-SHA256-AES-256-GCM-SIV`.
    pub key_wrap: String,
    /// The ephemeral X25519 public key, hex.
    pub ephemeral_public: String,
    /// The data key, encrypted under the key-encryption key, hex.
    pub wrapped_key: String,
}

/// One object's metadata (`objects/<id>.json`, signed by the operator key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectMeta {
    pub format: String,
    pub vault: String,
    /// 16 hex characters, random.
    pub id: String,
    /// The input file's name (relative path), as given to `put`.
    pub name: String,
    pub purpose: String,
    /// RFC 3339 UTC.
    pub created: String,
    /// Kept through this day (UTC); purged from the next day on.
    pub deadline: Date,
    pub plaintext_bytes: u64,
    pub ciphertext_bytes: u64,
    pub ciphertext_sha256: String,
    pub encryption: Encryption,
    pub pseudonymisation: Pseudonymisation,
    pub operator_fingerprint: String,
    pub auditor_fingerprint: String,
}

impl ObjectMeta {
    /// Past its deadline on `today`.
    pub fn expired(&self, today: Date) -> bool {
        self.deadline < today
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    format: String,
    vault: String,
    updated: String,
    /// +1 on every change.
    generation: u64,
    objects: Vec<String>,
}

/// What `put` is asked to store.
#[derive(Debug, Clone)]
pub struct PutRequest {
    pub name: String,
    pub purpose: String,
    pub deadline: Date,
    /// The date the deadline is checked against (today, UTC).
    pub today: Date,
    pub pseudonymisation: Pseudonymisation,
}

/// How a vault is opened: readers share it, writers have it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// One object as found on disk (listed by `list`, considered by `purge`).
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    /// Its metadata, if it verified; else why not.
    pub meta: Result<ObjectMeta, String>,
    /// Listed in the signed index (an object written by an interrupted `put`
    /// is not).
    pub indexed: bool,
}

impl Listed {
    /// `kept`, `PAST DEADLINE`, `not indexed` (an interrupted `put` or
    /// `purge`) or `BAD METADATA`, as of `today`.
    pub fn status(&self, today: Date) -> &'static str {
        match &self.meta {
            Err(_) => "BAD METADATA",
            Ok(m) if m.expired(today) => "PAST DEADLINE",
            Ok(_) if !self.indexed => "not indexed",
            Ok(_) => "kept",
        }
    }
}

/// One problem [`Vault::verify`] found, with the file (relative to the vault
/// directory) it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub what: String,
}

/// What [`Vault::verify`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Objects in the index.
    pub objects: u64,
    /// Objects whose metadata signature and ciphertext digest checked.
    pub intact: u64,
    /// Objects whose every chunk authenticated (only with the auditor key).
    pub authenticated: u64,
    pub problems: Vec<Problem>,
}

/// What [`Vault::read`] decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadStats {
    pub plaintext_bytes: u64,
    pub chunks: u64,
}

/// Refuses a retention purpose that is a possible future dispute (the CNIL
/// does not accept it), an empty one, and a deadline before `today`.
pub fn check_retention(purpose: &str, deadline: Date, today: Date) -> Result<(), VaultError> {
    let p = purpose.trim().to_lowercase();
    if p.is_empty() {
        return Err(VaultError::Refused(
            "--purpose is empty: say what the audit copy is kept for (e.g. \"bias measurement of model v2\")"
                .into(),
        ));
    }
    if let Some(word) = REFUSED_PURPOSES.iter().find(|w| p.contains(*w)) {
        return Err(VaultError::Refused(format!(
            "the purpose mentions \"{word}\": the CNIL does not accept keeping training data in case of a \
             possible future dispute; keep for an audit only what a stated audit needs"
        )));
    }
    if deadline < today {
        return Err(VaultError::Refused(format!(
            "the deadline {deadline} is in the past (today is {today})"
        )));
    }
    Ok(())
}

fn now() -> String {
    privasift_ledger::format_rfc3339_utc(std::time::SystemTime::now())
}

fn is_object_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn hex32(s: &str) -> Option<[u8; 32]> {
    let mut b = [0u8; 32];
    (s.len() == 64
        && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && hex::decode_to_slice(s, &mut b).is_ok())
    .then_some(b)
}

/// Reads a small file, refusing one larger than [`MAX_META_BYTES`].
fn read_small(path: &Path) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    File::open(path)?
        .take(MAX_META_BYTES + 1)
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_META_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "larger than any vault metadata file",
        ));
    }
    Ok(buf)
}

/// Writes `bytes` to `dir/name` through a temporary file and a rename.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8], replace: bool) -> Result<(), VaultError> {
    let path = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io_err(&path))?;
    if replace {
        tmp.persist(&path).map_err(|e| io_err(&path)(e.error))?;
    } else {
        tmp.persist_noclobber(&path)
            .map_err(|e| io_err(&path)(e.error))?;
    }
    sync_dir(dir)
}

/// Makes a rename or deletion in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), VaultError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The context every wrap and chunk of an object authenticates.
fn object_context(vault: &str, id: &str) -> Vec<u8> {
    format!("privasift-vault/v1\nvault {vault}\nobject {id}\n").into_bytes()
}

/// An open vault. Holds a lock on `vault.json` (shared for [`Access::Read`],
/// exclusive for [`Access::Write`]) until dropped, so a `purge` never runs
/// under a `get` or `verify`, nor two `put`s at once.
pub struct Vault {
    dir: PathBuf,
    info: VaultInfo,
    operator: VerifyingKey,
    auditor: [u8; 32],
    _lock: File,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .field("id", &self.info.id)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a vault in `dir` (new or empty) and its two key files (mode
    /// 0600, never overwritten, outside `dir`). Returns what `vault.json`
    /// holds.
    pub fn init(
        dir: &Path,
        operator_key: &Path,
        auditor_key: &Path,
    ) -> Result<VaultInfo, VaultError> {
        for k in [operator_key, auditor_key] {
            if k.exists() {
                return Err(VaultError::KeyExists { path: k.to_owned() });
            }
            if let (Some(kd), Some(vd)) = (absolute(k), absolute(dir))
                && kd.starts_with(&vd)
            {
                return Err(VaultError::Refused(format!(
                    "the key file {} would be inside the vault directory: keep the keys apart from the data they protect",
                    k.display()
                )));
            }
        }
        if operator_key == auditor_key {
            return Err(VaultError::Refused(
                "the operator and auditor keys must be two files".into(),
            ));
        }
        if dir.exists()
            && std::fs::read_dir(dir)
                .map_err(io_err(dir))?
                .next()
                .is_some()
        {
            return Err(VaultError::NotEmpty(dir.to_owned()));
        }
        std::fs::create_dir_all(dir.join(OBJECTS_DIR)).map_err(io_err(dir))?;
        // Restricted access: the vault's owner only (files are 0600 too).
        #[cfg(unix)]
        for d in [dir.to_path_buf(), dir.join(OBJECTS_DIR)] {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700))
                .map_err(io_err(&d))?;
        }
        let id = hex::encode(random::<16>()?);
        let (op, aud) = keys::generate(&id)?;
        let info = VaultInfo {
            format: VAULT_FORMAT.into(),
            id: id.clone(),
            created: now(),
            operator: PublicKeyInfo {
                algorithm: "ed25519".into(),
                public: hex::encode(op.public()),
                fingerprint: op.fingerprint(),
            },
            auditor: PublicKeyInfo {
                algorithm: "x25519".into(),
                public: hex::encode(aud.public()),
                fingerprint: aud.fingerprint(),
            },
        };
        let index = Index {
            format: INDEX_FORMAT.into(),
            vault: id,
            updated: info.created.clone(),
            generation: 0,
            objects: Vec::new(),
        };
        let json_err = |path: &Path| {
            let path = path.to_owned();
            move |source| VaultError::Json { path, source }
        };
        let vault_bytes =
            envelope::seal(DOMAIN_VAULT, &info, &op.signing).map_err(json_err(dir))?;
        let index_bytes =
            envelope::seal(DOMAIN_INDEX, &index, &op.signing).map_err(json_err(dir))?;
        keys::write_new(operator_key, &VaultKey::Operator(op))?;
        if let Err(e) = keys::write_new(auditor_key, &VaultKey::Auditor(aud)) {
            // Half a pair is no use: the operator key would encrypt to an
            // auditor key nobody holds.
            let _ = std::fs::remove_file(operator_key);
            return Err(e);
        }
        write_atomically(dir, INDEX_FILE, &index_bytes, false)?;
        write_atomically(dir, VAULT_FILE, &vault_bytes, false)?;
        Ok(info)
    }

    /// Opens a vault: reads and verifies `vault.json` and takes its lock.
    pub fn open(dir: &Path, access: Access) -> Result<Vault, VaultError> {
        let not = |reason: String| VaultError::NotAVault {
            dir: dir.to_owned(),
            reason,
        };
        let path = dir.join(VAULT_FILE);
        let lock = File::open(&path).map_err(|e| not(format!("cannot open {VAULT_FILE}: {e}")))?;
        let locked = match access {
            Access::Read => lock.try_lock_shared(),
            Access::Write => lock.try_lock(),
        };
        match locked {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(VaultError::Locked(dir.to_owned())),
            Err(TryLockError::Error(e)) => return Err(io_err(&path)(e)),
        }
        let bytes = read_small(&path).map_err(io_err(&path))?;
        // The operator key that signed vault.json is inside it: parse the
        // key first, then check the signature with it. This catches any
        // damage; a wholesale replacement is caught by the keys' pins.
        let unverified: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            not(format!(
                "{VAULT_FILE} is not JSON (line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        let public = unverified
            .pointer("/signed/operator/public")
            .and_then(serde_json::Value::as_str)
            .and_then(hex32)
            .and_then(|b| VerifyingKey::from_bytes(&b).ok())
            .ok_or_else(|| not(format!("{VAULT_FILE} has no valid operator public key")))?;
        let info: VaultInfo = envelope::open(DOMAIN_VAULT, &bytes, &public)
            .map_err(|r| not(format!("{VAULT_FILE}: {r}")))?;
        let auditor = hex32(&info.auditor.public)
            .ok_or_else(|| not(format!("{VAULT_FILE} has no valid auditor public key")))?;
        if info.format != VAULT_FORMAT
            || !keys::is_vault_id(&info.id)
            || info.operator.fingerprint != fingerprint(Role::Operator, &public.to_bytes())
            || info.auditor.fingerprint != fingerprint(Role::Auditor, &auditor)
        {
            return Err(not(format!(
                "{VAULT_FILE} is not a {VAULT_FORMAT} description (format, id or fingerprints)"
            )));
        }
        Ok(Vault {
            dir: dir.to_owned(),
            info,
            operator: public,
            auditor,
            _lock: lock,
        })
    }

    pub fn info(&self) -> &VaultInfo {
        &self.info
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn objects_dir(&self) -> PathBuf {
        self.dir.join(OBJECTS_DIR)
    }

    /// Checks that `key` is this vault's operator key, and that `vault.json`
    /// still names the auditor key pinned in it.
    pub fn check_operator(&self, key: &OperatorKey, origin: &str) -> Result<(), VaultError> {
        self.check_vault_id(key.vault_id(), origin)?;
        if key.fingerprint() != self.info.operator.fingerprint {
            return Err(VaultError::KeyMismatch {
                origin: origin.to_owned(),
                role: Role::Operator,
                expected: self.info.operator.fingerprint.clone(),
                found: key.fingerprint(),
            });
        }
        if key.auditor_public != self.auditor {
            return Err(VaultError::PeerMismatch {
                origin: origin.to_owned(),
                role: Role::Auditor,
                pinned: fingerprint(Role::Auditor, &key.auditor_public),
                found: self.info.auditor.fingerprint.clone(),
            });
        }
        Ok(())
    }

    /// Checks that `key` is this vault's auditor key, and that `vault.json`
    /// still names the operator key pinned in it.
    pub fn check_auditor(&self, key: &AuditorKey, origin: &str) -> Result<(), VaultError> {
        self.check_vault_id(key.vault_id(), origin)?;
        if key.public() != self.auditor {
            return Err(VaultError::KeyMismatch {
                origin: origin.to_owned(),
                role: Role::Auditor,
                expected: self.info.auditor.fingerprint.clone(),
                found: key.fingerprint(),
            });
        }
        if key.operator_public != self.operator.to_bytes() {
            return Err(VaultError::PeerMismatch {
                origin: origin.to_owned(),
                role: Role::Operator,
                pinned: fingerprint(Role::Operator, &key.operator_public),
                found: self.info.operator.fingerprint.clone(),
            });
        }
        Ok(())
    }

    fn check_vault_id(&self, key_vault: &str, origin: &str) -> Result<(), VaultError> {
        if key_vault == self.info.id {
            Ok(())
        } else {
            Err(VaultError::OtherVault {
                origin: origin.to_owned(),
                key_vault: key_vault.to_owned(),
                vault: self.info.id.clone(),
            })
        }
    }

    fn read_index(&self) -> Result<Index, String> {
        let path = self.dir.join(INDEX_FILE);
        let bytes = read_small(&path).map_err(|e| format!("cannot read it: {e}"))?;
        let index: Index = envelope::open(DOMAIN_INDEX, &bytes, &self.operator)?;
        if index.format != INDEX_FORMAT || index.vault != self.info.id {
            return Err(format!("not the index of vault {}", self.info.id));
        }
        if let Some(bad) = index.objects.iter().find(|id| !is_object_id(id)) {
            return Err(format!("lists {bad:?}, which is not an object id"));
        }
        Ok(index)
    }

    fn index(&self) -> Result<Index, VaultError> {
        self.read_index().map_err(|reason| VaultError::Tampered {
            file: INDEX_FILE.into(),
            reason,
        })
    }

    fn write_index(&self, key: &OperatorKey, mut index: Index) -> Result<(), VaultError> {
        index.objects.sort();
        index.objects.dedup();
        index.generation += 1;
        index.updated = now();
        let bytes = envelope::seal(DOMAIN_INDEX, &index, &key.signing).map_err(|source| {
            VaultError::Json {
                path: self.dir.join(INDEX_FILE),
                source,
            }
        })?;
        write_atomically(&self.dir, INDEX_FILE, &bytes, true)
    }

    /// Reads and verifies one object's metadata (signature, vault, id).
    fn read_meta(&self, id: &str) -> Result<ObjectMeta, String> {
        let path = self.objects_dir().join(format!("{id}.json"));
        let bytes = read_small(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                "missing".to_string()
            } else {
                format!("cannot read it: {e}")
            }
        })?;
        let meta: ObjectMeta = envelope::open(DOMAIN_OBJECT, &bytes, &self.operator)?;
        if meta.format != OBJECT_FORMAT || meta.vault != self.info.id || meta.id != id {
            return Err(format!(
                "signed, but for another object or vault (id {}, vault {})",
                meta.id, meta.vault
            ));
        }
        Ok(meta)
    }

    /// The verified metadata of object `id`, which must be in the index.
    pub fn object(&self, id: &str) -> Result<ObjectMeta, VaultError> {
        if !is_object_id(id) || !self.index()?.objects.iter().any(|o| o == id) {
            return Err(VaultError::UnknownObject(id.to_owned()));
        }
        self.read_meta(id).map_err(|reason| VaultError::Tampered {
            file: format!("{OBJECTS_DIR}/{id}.json"),
            reason,
        })
    }

    /// Every object in the index or with a metadata file on disk, sorted by
    /// id, with its verified metadata or the reason it did not verify.
    pub fn objects(&self) -> Result<Vec<Listed>, VaultError> {
        let index = self.index()?;
        let mut ids: BTreeMap<String, bool> =
            index.objects.into_iter().map(|id| (id, true)).collect();
        let dir = self.objects_dir();
        for e in std::fs::read_dir(&dir).map_err(io_err(&dir))? {
            let e = e.map_err(io_err(&dir))?;
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".json")
                && is_object_id(id)
            {
                ids.entry(id.to_owned()).or_insert(false);
            }
        }
        Ok(ids
            .into_iter()
            .map(|(id, indexed)| Listed {
                meta: self.read_meta(&id),
                id,
                indexed,
            })
            .collect())
    }

    /// Stores the file `plaintext` (already pseudonymised by the caller) as
    /// a new object, encrypted to the auditor and signed by the operator.
    pub fn put(
        &self,
        key: &OperatorKey,
        plaintext: &Path,
        req: &PutRequest,
    ) -> Result<ObjectMeta, VaultError> {
        self.check_operator(key, "the operator key")?;
        check_retention(&req.purpose, req.deadline, req.today)?;
        if let (Some(p), Some(d)) = (absolute(plaintext), absolute(&self.dir))
            && p.starts_with(&d)
        {
            return Err(VaultError::Refused(format!(
                "{} is inside the vault directory, where no plaintext may be",
                plaintext.display()
            )));
        }
        let mut index = self.index()?;
        let dir = self.objects_dir();
        let id = loop {
            let id = hex::encode(random::<8>()?);
            if !dir.join(format!("{id}.json")).exists() && !dir.join(format!("{id}.bin")).exists() {
                break id;
            }
        };
        let context = object_context(&self.info.id, &id);
        let data_key: Zeroizing<[u8; 32]> = Zeroizing::new(random()?);
        let prefix: [u8; 7] = random()?;
        let wrapped = seal::wrap(&data_key, &key.auditor_public, &context)?;

        let mut input = File::open(plaintext).map_err(io_err(plaintext))?;
        let bin = dir.join(format!("{id}.bin"));
        let tmp = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
            .tempfile_in(&dir)
            .map_err(io_err(&dir))?;
        let mut out = BufWriter::with_capacity(1 << 20, tmp);
        let streamed = seal::encrypt(&data_key, prefix, &context, &mut input, &mut out).map_err(
            |e| match e {
                StreamError::Io(e) => VaultError::Io {
                    path: plaintext.to_owned(),
                    source: e,
                },
                _ => VaultError::Crypto(format!(
                    "{} is too large to encrypt (over 2^32 chunks)",
                    plaintext.display()
                )),
            },
        )?;
        let tmp = out.into_inner().map_err(|e| io_err(&bin)(e.into_error()))?;
        tmp.as_file().sync_all().map_err(io_err(&bin))?;
        tmp.persist_noclobber(&bin)
            .map_err(|e| io_err(&bin)(e.error))?;

        let meta = ObjectMeta {
            format: OBJECT_FORMAT.into(),
            vault: self.info.id.clone(),
            id: id.clone(),
            name: req.name.clone(),
            purpose: req.purpose.trim().to_owned(),
            created: now(),
            deadline: req.deadline,
            plaintext_bytes: streamed.plaintext_bytes,
            ciphertext_bytes: streamed.ciphertext_bytes,
            ciphertext_sha256: streamed.ciphertext_sha256,
            encryption: Encryption {
                scheme: "AES-256-GCM-SIV STREAM-BE32".into(),
                chunk_bytes: CHUNK as u64,
                nonce_prefix: hex::encode(prefix),
                key_wrap: "X25519-HKDF-SHA256-AES-256-GCM-SIV".into(),
                ephemeral_public: hex::encode(wrapped.ephemeral_public),
                wrapped_key: hex::encode(&wrapped.wrapped_key),
            },
            pseudonymisation: req.pseudonymisation.clone(),
            operator_fingerprint: key.fingerprint(),
            auditor_fingerprint: fingerprint(Role::Auditor, &key.auditor_public),
        };
        let bytes = envelope::seal(DOMAIN_OBJECT, &meta, &key.signing).map_err(|source| {
            VaultError::Json {
                path: dir.join(format!("{id}.json")),
                source,
            }
        })?;
        write_atomically(&dir, &format!("{id}.json"), &bytes, false)?;
        index.objects.push(id);
        self.write_index(key, index)?;
        Ok(meta)
    }

    /// Decrypts object `meta` with the auditor key into `out`, checking every
    /// chunk, the ciphertext digest and the size. Plaintext reaches `out`
    /// chunk by chunk as each authenticates: on an error the caller must
    /// discard what was written.
    pub fn read(
        &self,
        key: &AuditorKey,
        meta: &ObjectMeta,
        out: &mut dyn Write,
    ) -> Result<ReadStats, VaultError> {
        self.check_auditor(key, "the auditor key")?;
        let file = format!("{OBJECTS_DIR}/{}.bin", meta.id);
        let path = self.dir.join(&file);
        let tampered = |reason: String| VaultError::Tampered {
            file: file.clone(),
            reason,
        };
        let meta_tampered = |reason: &str| VaultError::Tampered {
            file: format!("{OBJECTS_DIR}/{}.json", meta.id),
            reason: reason.to_owned(),
        };
        let context = object_context(&self.info.id, &meta.id);
        let wrapped = Wrapped {
            ephemeral_public: hex32(&meta.encryption.ephemeral_public)
                .ok_or_else(|| meta_tampered("ephemeral public key is not 64 hex digits"))?,
            wrapped_key: hex::decode(&meta.encryption.wrapped_key)
                .map_err(|_| meta_tampered("wrapped key is not hex"))?,
        };
        let mut prefix = [0u8; 7];
        hex::decode_to_slice(&meta.encryption.nonce_prefix, &mut prefix)
            .map_err(|_| meta_tampered("nonce prefix is not 14 hex digits"))?;
        if meta.encryption.chunk_bytes != CHUNK as u64 {
            return Err(meta_tampered(
                "chunk size is not the one this version reads",
            ));
        }
        let data_key = seal::unwrap(&key.secret, &wrapped, &context).ok_or_else(|| {
            meta_tampered(
                "the data key does not unwrap with this auditor key: the object was encrypted to another key, or its metadata changed",
            )
        })?;
        let input = File::open(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                tampered("missing".into())
            } else {
                io_err(&path)(e)
            }
        })?;
        let mut input = BufReader::with_capacity(1 << 20, input);
        let streamed = seal::decrypt(&data_key, prefix, &context, &mut input, out)
            .map_err(|e| read_error(e, &path, &file))?;
        if streamed.ciphertext_sha256 != meta.ciphertext_sha256
            || streamed.ciphertext_bytes != meta.ciphertext_bytes
        {
            return Err(tampered(
                "its SHA-256 or size does not match its signed metadata".into(),
            ));
        }
        if streamed.plaintext_bytes != meta.plaintext_bytes {
            return Err(tampered(
                "decrypted to another size than its signed metadata says".into(),
            ));
        }
        Ok(ReadStats {
            plaintext_bytes: streamed.plaintext_bytes,
            chunks: streamed.chunks,
        })
    }

    /// Deletes an object (its metadata must have verified): first from the
    /// index, then its ciphertext, then its metadata (with the wrapped data
    /// key). Interrupted, it leaves files outside the index that `verify`
    /// names and a later `purge` finishes deleting.
    pub fn delete(&self, key: &OperatorKey, meta: &ObjectMeta) -> Result<(), VaultError> {
        self.check_operator(key, "the operator key")?;
        if !is_object_id(&meta.id) || meta.vault != self.info.id {
            return Err(VaultError::UnknownObject(meta.id.clone()));
        }
        let mut index = self.index()?;
        if index.objects.contains(&meta.id) {
            index.objects.retain(|o| *o != meta.id);
            self.write_index(key, index)?;
        }
        let dir = self.objects_dir();
        for ext in ["bin", "json"] {
            let p = dir.join(format!("{}.{ext}", meta.id));
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&p)(e)),
            }
        }
        sync_dir(&dir)
    }

    /// Checks the whole vault: the index and every object's metadata
    /// signature and ciphertext digest, and that the directory holds exactly
    /// the files expected (each missing or extra one is named). With the
    /// auditor key, also decrypts every object (writing nothing) so that
    /// every chunk is authenticated.
    pub fn verify(&self, auditor: Option<&AuditorKey>) -> VerifyReport {
        let mut report = VerifyReport::default();
        let mut problems: Vec<Problem> = Vec::new();
        let mut problem = |path: String, what: String| problems.push(Problem { path, what });
        if let Some(k) = auditor
            && let Err(e) = self.check_auditor(k, "the auditor key")
        {
            problem(VAULT_FILE.into(), e.to_string());
            report.problems = problems;
            return report;
        }
        // The top level: vault.json, index.json, objects/.
        let mut top_seen = BTreeSet::new();
        match std::fs::read_dir(&self.dir) {
            Ok(entries) => {
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                    match (name.as_str(), is_dir) {
                        (VAULT_FILE | INDEX_FILE, false) | (OBJECTS_DIR, true) => {
                            top_seen.insert(name);
                        }
                        _ => problem(
                            name,
                            format!(
                                "extra {}: not part of the vault",
                                if is_dir { "directory" } else { "file" }
                            ),
                        ),
                    }
                }
            }
            Err(e) => problem(".".into(), format!("cannot list the vault directory: {e}")),
        }
        for expected in [INDEX_FILE, OBJECTS_DIR] {
            if !top_seen.contains(expected) {
                problem(expected.into(), "missing".into());
            }
        }
        let index = match self.read_index() {
            Ok(i) => Some(i),
            Err(reason) => {
                if top_seen.contains(INDEX_FILE) {
                    problem(INDEX_FILE.into(), reason);
                }
                None
            }
        };
        // objects/: <id>.json and <id>.bin for each id of the index.
        let mut found: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
        if let Ok(entries) = std::fs::read_dir(self.objects_dir()) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let is_file = e.file_type().is_ok_and(|t| t.is_file());
                let parsed = name
                    .strip_suffix(".json")
                    .map(|id| (id, "json"))
                    .or_else(|| name.strip_suffix(".bin").map(|id| (id, "bin")))
                    .filter(|(id, _)| is_file && is_object_id(id));
                match parsed {
                    Some((id, ext)) => {
                        found.entry(id.to_owned()).or_default().insert(ext);
                    }
                    None => problem(
                        format!("{OBJECTS_DIR}/{name}"),
                        if name.starts_with(TMP_PREFIX) {
                            "extra file: a temporary file left by an interrupted command".into()
                        } else {
                            "extra file: not an object of the vault".into()
                        },
                    ),
                }
            }
        }
        let expected: BTreeSet<String> = match &index {
            Some(i) => i.objects.iter().cloned().collect(),
            // Without a trustworthy index, check what is there.
            None => found.keys().cloned().collect(),
        };
        for (id, exts) in &found {
            if !expected.contains(id) {
                for ext in exts {
                    problem(format!("{OBJECTS_DIR}/{id}.{ext}"), NOT_INDEXED.into());
                }
            }
        }
        report.objects = expected.len() as u64;
        for id in &expected {
            let exts = found.get(id).cloned().unwrap_or_default();
            for ext in ["json", "bin"] {
                if !exts.contains(ext) {
                    problem(format!("{OBJECTS_DIR}/{id}.{ext}"), "missing".into());
                }
            }
            if !exts.contains("json") {
                continue;
            }
            let meta = match self.read_meta(id) {
                Ok(m) => m,
                Err(reason) => {
                    problem(format!("{OBJECTS_DIR}/{id}.json"), reason);
                    continue;
                }
            };
            if !exts.contains("bin") {
                continue;
            }
            let bin = format!("{OBJECTS_DIR}/{id}.bin");
            match auditor {
                Some(k) => match self.read(k, &meta, &mut io::sink()) {
                    Ok(_) => {
                        report.intact += 1;
                        report.authenticated += 1;
                    }
                    Err(VaultError::Tampered { file, reason }) => problem(file, reason),
                    Err(e) => problem(bin, e.to_string()),
                },
                None => match digest_file(&self.dir.join(&bin)) {
                    Ok((bytes, sha))
                        if bytes == meta.ciphertext_bytes && sha == meta.ciphertext_sha256 =>
                    {
                        report.intact += 1;
                    }
                    Ok(_) => problem(bin, DIGEST_MISMATCH.into()),
                    Err(e) => problem(bin, format!("cannot read it: {e}")),
                },
            }
        }
        report.problems = problems;
        report
    }
}

const NOT_INDEXED: &str =
    "extra file: not in the vault's index (left by an interrupted put or purge, or added by hand)";
const DIGEST_MISMATCH: &str =
    "its SHA-256 or size does not match its signed metadata: the ciphertext was changed";

/// What a failed decryption of `file` (at `path`) means.
fn read_error(e: StreamError, path: &Path, file: &str) -> VaultError {
    let tampered = |reason: String| VaultError::Tampered {
        file: file.to_owned(),
        reason,
    };
    match e {
        StreamError::Io(e) => io_err(path)(e),
        StreamError::Auth { chunk, last } => tampered(format!(
            "chunk {} does not authenticate{}: the object was changed, cut short, reordered or replaced",
            chunk + 1,
            if last { " as the last chunk" } else { "" }
        )),
        StreamError::Truncated => tampered("truncated: shorter than one chunk".into()),
        StreamError::TooLarge => tampered("more chunks than an object can have".into()),
    }
}

/// Size and SHA-256 (hex) of a file, streaming.
fn digest_file(path: &Path) -> io::Result<(u64, String)> {
    use sha2::{Digest as _, Sha256};
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((n, hex::encode(h.finalize())))
}

/// The canonical form of a path that may not exist yet: its deepest
/// existing ancestor canonicalised, the rest appended.
fn absolute(path: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut cur = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    loop {
        if let Ok(c) = std::fs::canonicalize(&cur) {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        rest.push(cur.file_name()?.to_owned());
        if !cur.pop() {
            return None;
        }
    }
}

/// Is `path` inside the vault directory `dir` (or is it `dir`)?
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    matches!((absolute(path), absolute(dir)), (Some(p), Some(d)) if p.starts_with(&d))
}

#[cfg(test)]
mod tests;
