//! Loading fails with messages that name the file and what is wrong.

use std::fs;

use privasift_ner::{NerError, NerModel, NerOptions};

use crate::tiny;

fn err(dir: &std::path::Path) -> String {
    match NerModel::load(dir, NerOptions::default()) {
        Ok(_) => panic!("loaded"),
        Err(e) => e.to_string(),
    }
}

fn edit_config(dir: &std::path::Path, f: impl FnOnce(&mut serde_json::Value)) {
    let p = dir.join("config.json");
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
    f(&mut v);
    fs::write(p, serde_json::to_vec(&v).unwrap()).unwrap();
}

#[test]
fn missing_directory_and_files() {
    let dir = tiny(64);
    let e = err(&dir.path().join("nope"));
    assert!(e.ends_with("nope: not a directory (a model directory holds config.json, tokenizer.json and model.safetensors)"), "{e}");
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        let d = tiny(64);
        fs::remove_file(d.path().join(f)).unwrap();
        let e = err(d.path());
        assert!(e.contains(&format!("{f}: missing")), "{e}");
    }
}

#[test]
fn bad_config() {
    let dir = tiny(64);
    fs::write(dir.path().join("config.json"), "{\"model_type\": \"bert\",").unwrap();
    let e = err(dir.path());
    assert!(
        e.contains("config.json: not valid JSON: EOF while parsing"),
        "{e}"
    );

    let dir = tiny(64);
    edit_config(dir.path(), |v| v["model_type"] = "gpt2".into());
    let e = err(dir.path());
    assert!(e.contains("config.json: unsupported model_type `gpt2` (supported: bert, roberta, xlm-roberta, camembert)"), "{e}");

    let dir = tiny(64);
    edit_config(dir.path(), |v| {
        v.as_object_mut().unwrap().remove("id2label");
    });
    assert!(err(dir.path()).contains("config.json: no `id2label`"));

    let dir = tiny(64);
    edit_config(dir.path(), |v| {
        v["id2label"] = serde_json::json!({"0": "O", "1": "B-MISC", "2": "LABEL_2"});
    });
    let e = err(dir.path());
    assert!(
        e.contains(
            "config.json: id2label has no entity label privasift knows (labels: O, B-MISC, LABEL_2)"
        ),
        "{e}"
    );

    let dir = tiny(64);
    edit_config(dir.path(), |v| {
        v["id2label"] = serde_json::json!({"0": "O", "2": "B-PER"});
    });
    assert!(err(dir.path()).contains("`id2label` ids must run from 0 to 1: found 2"));

    let dir = tiny(64);
    edit_config(dir.path(), |v| {
        v.as_object_mut().unwrap().remove("hidden_size");
    });
    let e = err(dir.path());
    assert!(
        e.contains("config.json: BERT config: missing field `hidden_size`"),
        "{e}"
    );
}

#[test]
fn head_and_weights_must_match_the_config() {
    // Six labels, but the head has five rows.
    let dir = tiny(64);
    edit_config(dir.path(), |v| v["id2label"]["5"] = "B-ORG".into());
    let e = err(dir.path());
    assert!(e.contains("model.safetensors: classifier head does not match hidden_size 32 and the 6 labels of id2label"), "{e}");

    let dir = tiny(64);
    fs::write(dir.path().join("model.safetensors"), b"not safetensors").unwrap();
    let e = err(dir.path());
    assert!(
        e.contains("model.safetensors: cannot read safetensors"),
        "{e}"
    );

    let dir = tiny(64);
    fs::write(dir.path().join("tokenizer.json"), b"{}").unwrap();
    let e = err(dir.path());
    assert!(
        e.contains("tokenizer.json: cannot load the tokenizer"),
        "{e}"
    );
}

#[test]
fn an_encoder_without_head_is_refused() {
    let dir = tiny(64);
    let p = dir.path().join("model.safetensors");
    let mut w = candle_core::safetensors::load(&p, &candle_core::Device::Cpu).unwrap();
    w.remove("classifier.weight");
    candle_core::safetensors::save(&w, &p).unwrap();
    let e = err(dir.path());
    assert!(e.contains("model.safetensors: no tensor `classifier.weight`: the checkpoint has no token-classification head"), "{e}");
    w.remove("bert.embeddings.word_embeddings.weight");
    candle_core::safetensors::save(&w, &p).unwrap();
    assert!(err(dir.path()).contains("no tensor `embeddings.word_embeddings.weight`"));
}

#[test]
fn bad_options() {
    let dir = tiny(64);
    let e = NerModel::load(
        dir.path(),
        NerOptions {
            batch_size: 0,
            ..NerOptions::default()
        },
    );
    assert!(matches!(e, Err(NerError::Options(_))));
}
