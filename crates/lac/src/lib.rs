//! Chinese lexical analysis with the model of Baidu's LAC 2.1.2 (PyPI `LAC`, Apache-2.0):
//! a safe-Rust port of its `lac` mode inference.
//!
//! The model reads a sentence as a mix of words and characters (a dictionary
//! segmentation first, [`seg`]; a word in the model's vocabulary is one token, any other
//! word is read character by character), embeds the tokens, runs two bidirectional GRU
//! layers and a linear layer to one score per tag, and decodes the best tag sequence
//! with a linear-chain CRF ([`net`]). Tags are parts of speech (n, v, nr …) and the four
//! entity kinds PER, LOC, ORG and TIME. The port follows LAC's Python code (`segment.py`,
//! `reader.py`, `models.py`) and Paddle's `dynamic_gru` / `crf_decoding` step by step, in
//! `f32` as Paddle computes.
//!
//! I/O: [`Model::load`] reads the model file (one file packed from the archive's
//! `lac_model` folder, 35 MB, SHA-256 [`fetch::MODEL_SHA256`]); [`fetch`] builds it from the
//! pinned source archive. Nothing else touches the disk or the network.

pub mod fetch;
mod net;
mod pack;
mod seg;
mod tensor;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Everything that can go wrong loading or installing the model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Format(String),
    #[error("{what}: SHA-256 {found}, expected {expected}")]
    Checksum {
        what: String,
        found: String,
        expected: String,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// One word of the analysis: its byte range in the text and its tag (`PER`, `n`, `v` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub tag: String,
}

/// The loaded model: dictionaries and weights (≈ 36 MB in memory).
pub struct Model {
    seg: seg::Segmenter,
    vocab: HashMap<String, u32>,
    oov: u32,
    q2b: HashMap<char, char>,
    tags: Vec<String>,
    net: net::Net,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("lac::Model")
            .field("vocab", &self.vocab.len())
            .field("tags", &self.tags.len())
            .finish_non_exhaustive()
    }
}

impl Model {
    /// Read the model file (see [`fetch`]).
    pub fn load(path: &Path) -> Result<Model, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Model::from_bytes(&bytes)
    }

    /// The model from the bytes of its file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let files = pack::read(bytes)?;
        let file = |name: &str| {
            files
                .get(name)
                .copied()
                .ok_or_else(|| Error::Format(format!("model file lacks {name}")))
        };
        let text = |name: &str| {
            std::str::from_utf8(file(name)?)
                .map_err(|_| Error::Format(format!("{name} is not UTF-8")))
        };
        let mut vocab = HashMap::new();
        for line in text("conf/word.dic")?.lines() {
            if let Some((id, word)) = two_columns(line) {
                let id = id
                    .parse::<u32>()
                    .map_err(|_| Error::Format(format!("word.dic: bad id in {line:?}")))?;
                vocab.insert(word.to_string(), id);
            }
        }
        let oov = *vocab
            .get("OOV")
            .ok_or_else(|| Error::Format("word.dic lacks OOV".into()))?;
        let mut q2b = HashMap::new();
        for line in text("conf/q2b.dic")?.lines() {
            if let Some((from, to)) = two_columns(line) {
                let mut f = from.chars();
                let mut t = to.chars();
                // The file maps single characters; anything else would never be looked up.
                if let (Some(a), None, Some(b), None) = (f.next(), f.next(), t.next(), t.next()) {
                    q2b.insert(a, b);
                }
            }
        }
        // tag.dic lists some ids twice (16 nr-B, later 16 PER-B): the later line wins.
        let mut by_id: HashMap<usize, String> = HashMap::new();
        for line in text("conf/tag.dic")?.lines() {
            if let Some((id, tag)) = two_columns(line) {
                let id = id
                    .parse::<usize>()
                    .map_err(|_| Error::Format(format!("tag.dic: bad id in {line:?}")))?;
                by_id.insert(id, tag.to_string());
            }
        }
        let n_tags = by_id.keys().max().map_or(0, |m| m + 1);
        let tags: Vec<String> = (0..n_tags)
            .map(|i| by_id.get(&i).cloned().unwrap_or_else(|| "O".into()))
            .collect();
        let seg = seg::Segmenter::new(text("conf/small_seg.dic")?)?;
        let net = net::Net::new(&|name: &str| tensor::read(name, file(&format!("model/{name}"))?))?;
        if net.labels() != tags.len() || net.vocab() <= oov as usize {
            return Err(Error::Format(format!(
                "model shapes do not fit the dictionaries: {} labels for {} tags, {} embeddings for OOV id {oov}",
                net.labels(),
                tags.len(),
                net.vocab()
            )));
        }
        Ok(Model {
            seg,
            vocab,
            oov,
            q2b,
            tags,
            net,
        })
    }

    /// The words of one sentence with their tags, as LAC's `run` gives them.
    ///
    /// The text is read as one sequence; call it per sentence or line (the model was
    /// trained on sentences). [`Model::analyse`] splits a document first.
    pub fn tag_sentence(&self, text: &str) -> Vec<Word> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        if chars.is_empty() {
            return Vec::new();
        }
        let cs: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        let mut ids = Vec::new();
        let mut lens = Vec::new();
        for (s, e) in self.seg.cut(&cs) {
            let word: String = cs[s..e].iter().collect();
            if self.vocab.contains_key(&word) {
                let key = if e - s == 1 {
                    self.q2b.get(&cs[s]).map_or(word.clone(), |c| c.to_string())
                } else {
                    word
                };
                ids.push(self.vocab.get(&key).copied().unwrap_or(self.oov));
                lens.push(e - s);
            } else {
                for &c in &cs[s..e] {
                    let c = self.q2b.get(&c).copied().unwrap_or(c);
                    let mut b = [0u8; 4];
                    ids.push(
                        self.vocab
                            .get(c.encode_utf8(&mut b) as &str)
                            .copied()
                            .unwrap_or(self.oov),
                    );
                    lens.push(1);
                }
            }
        }
        let path = self.net.decode(&ids);
        // Each token's tag, then "-I" for the other characters of a multi-character token.
        let mut per_char: Vec<&str> = Vec::with_capacity(cs.len());
        let mut inner: Vec<bool> = Vec::with_capacity(cs.len());
        for (&t, &len) in path.iter().zip(&lens) {
            let tag = self.tags.get(t).map_or("O", String::as_str);
            per_char.push(tag);
            inner.push(false);
            for _ in 1..len {
                per_char.push(tag);
                inner.push(true);
            }
        }
        let mut words: Vec<Word> = Vec::new();
        for (i, (&tag, &is_inner)) in per_char.iter().zip(&inner).enumerate() {
            let starts = !is_inner && (tag.ends_with('B') || tag.ends_with('S'));
            let start = chars[i].0;
            let end = chars.get(i + 1).map_or(text.len(), |&(b, _)| b);
            let label = tag.get(..tag.len().saturating_sub(2)).unwrap_or("");
            match words.last_mut() {
                Some(w) if !starts => {
                    w.range.end = end;
                    w.tag = label.to_string();
                }
                _ => words.push(Word {
                    range: start..end,
                    tag: label.to_string(),
                }),
            }
        }
        words
    }

    /// The words of a whole text: read line by line, and a long line sentence by
    /// sentence (after 。！？；), with byte ranges into `text`.
    pub fn analyse(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        for (s, e) in sentences(text) {
            for w in self.tag_sentence(&text[s..e]) {
                out.push(Word {
                    range: w.range.start + s..w.range.end + s,
                    tag: w.tag,
                });
            }
        }
        out
    }

    /// The byte ranges of the persons' names (`PER`) in `text`.
    pub fn persons(&self, text: &str) -> Vec<Range<usize>> {
        self.analyse(text)
            .into_iter()
            .filter(|w| w.tag == "PER")
            .map(|w| w.range)
            .collect()
    }
}

/// `id<TAB>value` lines as LAC's `load_kv_dict` reads them: exactly two columns.
fn two_columns(line: &str) -> Option<(&str, &str)> {
    let (a, b) = line.split_once('\t')?;
    (!b.contains('\t')).then_some((a, b))
}

/// Sentences of at most a line each, with their byte ranges; blank stretches are left out.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let close = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        if text[s..e].chars().any(|c| !c.is_whitespace()) {
            out.push((s, e));
        }
    };
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        let end = i + c.len_utf8();
        if c == '\n' {
            close(start, i, &mut out);
            start = end;
        } else if "。！？；".contains(c) {
            // A closing quote right after the full stop belongs to the sentence (…走了。”).
            let quotes: usize = text[end..]
                .chars()
                .take_while(|q| "”’」』".contains(*q))
                .map(char::len_utf8)
                .sum();
            close(start, end + quotes, &mut out);
            start = end + quotes;
            skip_to = start;
        }
    }
    close(start, text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_lines_and_full_stops() {
        let t = "甲说：“走了。”乙来了。\n\n丙！丁";
        let parts: Vec<&str> = sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(parts, ["甲说：“走了。”", "乙来了。", "丙！", "丁"]);
    }

    #[test]
    fn two_columns_wants_exactly_one_tab() {
        assert_eq!(two_columns("0\t "), Some(("0", " ")));
        assert_eq!(two_columns("1\ta\tb"), None);
        assert_eq!(two_columns("x"), None);
    }
}
