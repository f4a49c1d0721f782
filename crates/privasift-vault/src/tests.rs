#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

struct Fixture {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    op: OperatorKey,
    aud: AuditorKey,
    data: PathBuf,
    root: PathBuf,
}

const CANARY: &str = "CANARY-not-personal-7f1e9b";

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let dir = root.join("vault");
    let (op_path, aud_path) = (root.join("op.key"), root.join("aud.key"));
    Vault::init(&dir, &op_path, &aud_path).unwrap();
    let op = VaultKey::from_file(&op_path)
        .unwrap()
        .into_operator("op", "put")
        .unwrap();
    let aud = VaultKey::from_file(&aud_path)
        .unwrap()
        .into_auditor("aud", "read")
        .unwrap();
    // Three and a bit chunks, so reordering and truncation can be tried.
    let mut data = Vec::new();
    let mut i = 0u64;
    while data.len() < 3 * CHUNK + 1000 {
        data.extend(
            format!("{{\"id\": {i}, \"note\": \"{CANARY}\", \"text\": \"[EMAIL] wrote\"}}\n")
                .bytes(),
        );
        i += 1;
    }
    let path = root.join("cleaned.jsonl");
    std::fs::write(&path, &data).unwrap();
    Fixture {
        _tmp: tmp,
        dir,
        op,
        aud,
        data: path,
        root,
    }
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn req(deadline: &str) -> PutRequest {
    PutRequest {
        name: "cleaned.jsonl".into(),
        purpose: "bias measurement of model v2".into(),
        deadline: day(deadline),
        today: day("2026-01-10"),
        pseudonymisation: Pseudonymisation::default(),
    }
}

fn put(f: &Fixture, deadline: &str) -> ObjectMeta {
    let v = Vault::open(&f.dir, Access::Write).unwrap();
    v.put(&f.op, &f.data, &req(deadline)).unwrap()
}

/// Every file under `dir`, with its bytes.
fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let b = std::fs::read(&p).unwrap();
                out.push((p, b));
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn put_read_round_trip_and_no_plaintext_under_the_vault() {
    let f = fixture();
    let meta = put(&f, "2026-06-30");
    let plain = std::fs::read(&f.data).unwrap();
    assert_eq!(meta.plaintext_bytes, plain.len() as u64);
    for (p, bytes) in all_files(&f.dir) {
        assert!(
            !contains(&bytes, CANARY.as_bytes()),
            "{} holds the canary",
            p.display()
        );
        // No 32-byte window of the plaintext appears anywhere.
        for w in plain.chunks(32).step_by(97) {
            assert!(
                w.len() < 32 || !contains(&bytes, w),
                "{} holds plaintext",
                p.display()
            );
        }
    }
    let v = Vault::open(&f.dir, Access::Read).unwrap();
    let mut out = Vec::new();
    v.read(&f.aud, &v.object(&meta.id).unwrap(), &mut out)
        .unwrap();
    assert_eq!(out, plain);
    let r = v.verify(Some(&f.aud));
    assert!(r.problems.is_empty(), "{r:?}");
    assert_eq!((r.objects, r.intact, r.authenticated), (1, 1, 1));
}

#[test]
fn keys_of_another_role_or_vault_are_refused() {
    let f = fixture();
    let other = fixture();
    let v = Vault::open(&f.dir, Access::Write).unwrap();
    let err = v.put(&other.op, &f.data, &req("2026-06-30")).unwrap_err();
    assert!(matches!(err, VaultError::OtherVault { .. }), "{err}");
    let meta = v.put(&f.op, &f.data, &req("2026-06-30")).unwrap();
    let err = v.read(&other.aud, &meta, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, VaultError::OtherVault { .. }), "{err}");
    // A key of the right vault id but another secret.
    let forged = AuditorKey {
        vault: f.aud.vault.clone(),
        secret: x25519_dalek::StaticSecret::from([3u8; 32]),
        operator_public: f.aud.operator_public,
    };
    let err = v.read(&forged, &meta, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, VaultError::KeyMismatch { .. }), "{err}");
}

#[test]
fn a_replaced_vault_json_is_refused_by_the_pinned_keys() {
    let f = fixture();
    // An intruder with write access to the directory, but no key, writes a
    // vault.json of the same id with key pairs of its own (it cannot sign
    // with the real operator key, so it must replace both).
    let id = Vault::open(&f.dir, Access::Read).unwrap().info().id.clone();
    let (op2, aud2) = keys::generate(&id).unwrap();
    let info = VaultInfo {
        format: VAULT_FORMAT.into(),
        id,
        created: now(),
        operator: PublicKeyInfo {
            algorithm: "ed25519".into(),
            public: hex::encode(op2.public()),
            fingerprint: op2.fingerprint(),
        },
        auditor: PublicKeyInfo {
            algorithm: "x25519".into(),
            public: hex::encode(aud2.public()),
            fingerprint: aud2.fingerprint(),
        },
    };
    let bytes = envelope::seal(DOMAIN_VAULT, &info, &op2.signing).unwrap();
    std::fs::write(f.dir.join(VAULT_FILE), bytes).unwrap();
    let v = Vault::open(&f.dir, Access::Write).unwrap();
    let err = v.put(&f.op, &f.data, &req("2026-06-30")).unwrap_err();
    assert!(matches!(err, VaultError::KeyMismatch { .. }), "{err}");
    assert!(v.check_auditor(&f.aud, "aud").is_err());
    // And the old objects no longer verify against the intruder's key.
    assert!(v.objects().is_err());
}

#[test]
fn retention_rules() {
    let today = day("2026-01-10");
    for bad in [
        "in case of a dispute",
        "Litigation hold",
        "contentieux éventuel",
        "litige",
        "keep just in case",
        "  ",
    ] {
        assert!(
            matches!(
                check_retention(bad, day("2026-06-30"), today),
                Err(VaultError::Refused(_))
            ),
            "{bad}"
        );
    }
    assert!(check_retention("bias audit", day("2026-01-09"), today).is_err());
    assert!(check_retention("bias audit", today, today).is_ok());
    let f = fixture();
    let v = Vault::open(&f.dir, Access::Write).unwrap();
    let mut r = req("2026-06-30");
    r.purpose = "future dispute".into();
    assert!(v.put(&f.op, &f.data, &r).is_err());
    assert_eq!(v.objects().unwrap().len(), 0);
}

#[test]
fn every_flipped_byte_of_metadata_is_detected() {
    let f = fixture();
    let meta = put(&f, "2026-06-30");
    let path = f.dir.join(OBJECTS_DIR).join(format!("{}.json", meta.id));
    let good = std::fs::read(&path).unwrap();
    for i in 0..good.len() {
        let mut b = good.clone();
        b[i] ^= 0x01;
        std::fs::write(&path, &b).unwrap();
        let v = Vault::open(&f.dir, Access::Read).unwrap();
        let r = v.verify(None);
        assert!(
            r.problems.iter().any(|p| p.path.ends_with(".json")),
            "flip at byte {i} not detected"
        );
        assert!(
            v.object(&meta.id).is_err(),
            "flip at byte {i}: object() accepted it"
        );
    }
    std::fs::write(&path, &good).unwrap();
    assert!(
        Vault::open(&f.dir, Access::Read)
            .unwrap()
            .verify(None)
            .problems
            .is_empty()
    );
}

#[test]
fn flipped_truncated_or_extended_ciphertext_is_detected() {
    let f = fixture();
    let meta = put(&f, "2026-06-30");
    let path = f.dir.join(OBJECTS_DIR).join(format!("{}.bin", meta.id));
    let good = std::fs::read(&path).unwrap();
    let full = CHUNK + TAG;
    let damaged: Vec<Vec<u8>> = vec![
        {
            let mut b = good.clone();
            b[good.len() / 2] ^= 0x80;
            b
        },
        good[..full].to_vec(),
        good[..good.len() - 1].to_vec(),
        [good.clone(), vec![0u8; 5]].concat(),
        [&good[full..2 * full], &good[..full], &good[2 * full..]].concat(),
    ];
    for (n, bytes) in damaged.iter().enumerate() {
        std::fs::write(&path, bytes).unwrap();
        let v = Vault::open(&f.dir, Access::Read).unwrap();
        assert!(
            !v.verify(None).problems.is_empty(),
            "case {n}: digest check"
        );
        let r = v.verify(Some(&f.aud));
        assert!(
            r.problems.iter().any(|p| p.path.ends_with(".bin")),
            "case {n}: {r:?}"
        );
        assert!(
            v.read(&f.aud, &meta, &mut Vec::new()).is_err(),
            "case {n}: read"
        );
    }
}

#[test]
fn missing_and_extra_files_are_named() {
    let f = fixture();
    let first = put(&f, "2026-06-30");
    let second = put(&f, "2026-06-30");
    let objects = f.dir.join(OBJECTS_DIR);
    std::fs::remove_file(objects.join(format!("{}.bin", first.id))).unwrap();
    std::fs::remove_file(objects.join(format!("{}.json", second.id))).unwrap();
    std::fs::remove_file(objects.join(format!("{}.bin", second.id))).unwrap();
    std::fs::write(objects.join("notes.txt"), "x").unwrap();
    std::fs::write(f.dir.join("stray.jsonl"), "x").unwrap();
    std::fs::write(objects.join("0123456789abcdef.bin"), "x").unwrap();
    let v = Vault::open(&f.dir, Access::Read).unwrap();
    let r = v.verify(None);
    let paths: Vec<&str> = r.problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        format!("objects/{}.bin", first.id),
        format!("objects/{}.json", second.id),
        format!("objects/{}.bin", second.id),
        "objects/notes.txt".into(),
        "stray.jsonl".into(),
        "objects/0123456789abcdef.bin".into(),
    ] {
        assert!(paths.contains(&want.as_str()), "{want} not named: {r:?}");
    }
    assert_eq!(r.problems.len(), 6, "{r:?}");
}

#[test]
fn delete_removes_both_files_and_the_index_entry() {
    let f = fixture();
    let old = put(&f, "2026-01-31");
    let keep = put(&f, "2026-12-31");
    let v = Vault::open(&f.dir, Access::Write).unwrap();
    let today = day("2026-02-01");
    let listed = v.objects().unwrap();
    let expired: Vec<&ObjectMeta> = listed
        .iter()
        .filter_map(|l| l.meta.as_ref().ok())
        .filter(|m| m.expired(today))
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].id, old.id);
    v.delete(&f.op, expired[0]).unwrap();
    assert!(
        !f.dir
            .join(OBJECTS_DIR)
            .join(format!("{}.bin", old.id))
            .exists()
    );
    assert!(
        !f.dir
            .join(OBJECTS_DIR)
            .join(format!("{}.json", old.id))
            .exists()
    );
    assert!(matches!(
        v.object(&old.id),
        Err(VaultError::UnknownObject(_))
    ));
    assert!(v.object(&keep.id).is_ok());
    assert!(v.verify(Some(&f.aud)).problems.is_empty());
}

#[test]
fn writers_exclude_each_other_and_readers() {
    let f = fixture();
    let _w = Vault::open(&f.dir, Access::Write).unwrap();
    assert!(matches!(
        Vault::open(&f.dir, Access::Write),
        Err(VaultError::Locked(_))
    ));
    assert!(matches!(
        Vault::open(&f.dir, Access::Read),
        Err(VaultError::Locked(_))
    ));
}

#[test]
fn init_refuses_existing_keys_a_full_directory_and_keys_inside() {
    let f = fixture();
    let err = Vault::init(
        &f.root.join("v2"),
        &f.root.join("op.key"),
        &f.root.join("a2.key"),
    )
    .unwrap_err();
    assert!(matches!(err, VaultError::KeyExists { .. }), "{err}");
    let err = Vault::init(&f.dir, &f.root.join("o3.key"), &f.root.join("a3.key")).unwrap_err();
    assert!(matches!(err, VaultError::NotEmpty(_)), "{err}");
    let err = Vault::init(
        &f.root.join("v4"),
        &f.root.join("v4/op.key"),
        &f.root.join("a4.key"),
    )
    .unwrap_err();
    assert!(matches!(err, VaultError::Refused(_)), "{err}");
}
