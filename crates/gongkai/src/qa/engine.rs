//! The assistant's ranking — pure, in memory (the bank is small): a lexical channel
//! (character 1–2-gram BM25 over each entry's question and 相似问法, plus its
//! answer at a lower weight; the site's synonyms expand the question), an optional
//! semantic channel behind [`Embedder`] (sentence vectors, fused by weight), and the
//! decision to decline.
//!
//! Declining: the *confidence* of the best entry is the share of the question's
//! information (its grams weighted by IDF) that the entry's question and 相似问法
//! contain (grams found only in its answer count half). Lexical-only, it declines
//! under `decline_below`; with the semantic channel it declines when both channels
//! are unsure: confidence under `hybrid_decline_below` and a best cosine under
//! `semantic_decline_below`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::model::{Entry, MAX_QUESTION_CHARS};

/// Single characters that carry no meaning on their own (their bigrams still count).
const STOP_CHARS: &str = "的了吗呢啊吧么呀哦嘛个是我你他她它们这那就都也和与或在有被把给让";

/// The 1- and 2-grams of a text: folded (full-width, 繁→简, case), split into runs of
/// letters and digits, every character but [`STOP_CHARS`] and every adjacent pair.
pub fn grams(text: &str) -> Vec<String> {
    let folded = search::normalize(text);
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        for (i, c) in run.iter().enumerate() {
            if !STOP_CHARS.contains(*c) {
                out.push(c.to_string());
            }
            if let Some(n) = run.get(i + 1) {
                out.push(format!("{c}{n}"));
            }
        }
        run.clear();
    };
    for c in folded.chars() {
        if c.is_alphanumeric() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// An Okapi BM25 index over token lists.
#[derive(Debug, Default)]
pub struct Bm25 {
    postings: HashMap<String, Vec<(u32, u32)>>,
    len: Vec<f32>,
    avg: f32,
}

impl Bm25 {
    pub fn build(docs: &[Vec<String>]) -> Bm25 {
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            let mut tf: HashMap<&str, u32> = HashMap::new();
            for t in d {
                *tf.entry(t).or_default() += 1;
            }
            for (t, n) in tf {
                postings
                    .entry(t.to_string())
                    .or_default()
                    .push((i as u32, n));
            }
        }
        let len: Vec<f32> = docs.iter().map(|d| d.len() as f32).collect();
        let avg = len.iter().sum::<f32>() / len.len().max(1) as f32;
        Bm25 { postings, len, avg }
    }

    pub fn idf(&self, t: &str) -> f32 {
        let n = self.len.len() as f32;
        let df = self.postings.get(t).map_or(0, Vec::len) as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    pub fn contains(&self, t: &str) -> bool {
        self.postings.contains_key(t)
    }

    /// The score of every document for the query terms (each counted once).
    pub fn scores(&self, terms: &[String]) -> Vec<f32> {
        let mut s = vec![0.0; self.len.len()];
        for t in terms {
            let Some(p) = self.postings.get(t) else {
                continue;
            };
            let idf = self.idf(t);
            for &(d, tf) in p {
                let tf = tf as f32;
                let norm = 1.0 - B + B * self.len[d as usize] / self.avg.max(1.0);
                s[d as usize] += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        s
    }
}

/// A sentence-embedding model (the semantic channel); without one the assistant is
/// lexical-only.
pub trait Embedder: Send + Sync {
    fn embed_query(&self, text: &str) -> Vec<f32>;
    fn embed_passage(&self, text: &str) -> Vec<f32>;
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// The tunable numbers (defaults tuned on the development half of the evaluation set,
/// `gongkai bench qa --grid`, and for the hybrid mode `GONGKAI_QA_DUMP=1 gongkai bench
/// qa --model …`: answerable dev questions have a best cosine ≥ 0.91, most out-of-scope
/// ones less).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Weight of the answer text's BM25 beside the best question/相似问法 match.
    pub answer_weight: f32,
    /// Lexical confidence under which the lexical-only assistant declines.
    pub decline_below: f32,
    /// Weight of the semantic channel in the fused score (0..1).
    pub semantic_weight: f32,
    /// With the semantic channel: the lexical confidence under which it may decline…
    pub hybrid_decline_below: f32,
    /// …when the best cosine is under this too.
    pub semantic_decline_below: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            answer_weight: 0.0,
            decline_below: 0.25,
            semantic_weight: 0.7,
            hybrid_decline_below: 0.4,
            semantic_decline_below: 0.915,
        }
    }
}

/// One ranked entry: its index in the bank and its score in 0..1 (the best entry's
/// confidence, the others scaled by their ranking score).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub entry: usize,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Best first, at most the number asked for; also filled when declined.
    pub ranked: Vec<Ranked>,
    pub confidence: f32,
    /// The best cosine of the semantic channel, when there is one.
    pub semantic: Option<f32>,
    pub declined: bool,
}

struct Semantic {
    embedder: Arc<dyn Embedder>,
    /// (entry, vector of its question or one 相似问法)
    vectors: Vec<(usize, Vec<f32>)>,
}

/// The bank indexed for answering.
pub struct Index {
    pub entries: Vec<Entry>,
    short: Bm25,
    short_entry: Vec<usize>,
    long: Bm25,
    short_terms: Vec<HashSet<String>>,
    long_terms: Vec<HashSet<String>>,
    synonyms: Vec<(String, String)>,
    semantic: Option<Semantic>,
    pub params: Params,
}

/// Vectors already computed, by text, so that a rebuild embeds only changed texts.
pub type VectorCache = HashMap<String, Vec<f32>>;

impl Index {
    /// Index `entries`; `synonyms` (term → expansion) widen questions; with an
    /// embedder every question and 相似问法 gets a vector (taken from `cache` when the
    /// text is unchanged, and added to it otherwise).
    pub fn build(
        entries: Vec<Entry>,
        synonyms: &[(String, String)],
        embedder: Option<(Arc<dyn Embedder>, &mut VectorCache)>,
        params: Params,
    ) -> Index {
        let mut short_docs = Vec::new();
        let mut short_entry = Vec::new();
        let mut short_terms = Vec::new();
        let mut long_docs = Vec::new();
        let mut long_terms = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let mut terms = HashSet::new();
            for text in std::iter::once(&e.question).chain(&e.paraphrases) {
                let g = grams(text);
                terms.extend(g.iter().cloned());
                short_docs.push(g);
                short_entry.push(i);
            }
            short_terms.push(terms);
            let g = grams(&format!("{} {}", e.category, e.answer));
            long_terms.push(g.iter().cloned().collect());
            long_docs.push(g);
        }
        let semantic = embedder.map(|(embedder, cache)| {
            let mut vectors = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                for text in std::iter::once(&e.question).chain(&e.paraphrases) {
                    let v = cache
                        .entry(text.clone())
                        .or_insert_with(|| embedder.embed_passage(text))
                        .clone();
                    vectors.push((i, v));
                }
            }
            Semantic { embedder, vectors }
        });
        Index {
            entries,
            short: Bm25::build(&short_docs),
            short_entry,
            long: Bm25::build(&long_docs),
            short_terms,
            long_terms,
            synonyms: synonyms
                .iter()
                .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                .cloned()
                .collect(),
            semantic,
            params,
        }
    }

    pub fn hybrid(&self) -> bool {
        self.semantic.is_some()
    }

    /// Rank the bank for `question`, at most `limit` entries, and decide whether to
    /// decline.
    pub fn ask(&self, question: &str, limit: usize) -> Outcome {
        let q: String = question.chars().take(MAX_QUESTION_CHARS).collect();
        let folded = search::normalize(&q);
        let own = dedup(grams(&q));
        let mut terms = own.clone();
        for (k, v) in &self.synonyms {
            if folded.contains(k.as_str()) {
                terms.extend(grams(v));
            }
        }
        let terms = dedup(terms);
        let n = self.entries.len();
        let mut lex = vec![0.0f32; n];
        for (d, s) in self.short.scores(&terms).into_iter().enumerate() {
            let e = self.short_entry[d];
            lex[e] = lex[e].max(s);
        }
        for (e, s) in self.long.scores(&terms).into_iter().enumerate() {
            lex[e] += self.params.answer_weight * s;
        }
        let top_lex = lex.iter().cloned().fold(0.0f32, f32::max);
        let mut fused: Vec<f32> = lex.iter().map(|s| s / top_lex.max(1e-6)).collect();
        let mut best_cos = None;
        if let Some(sem) = &self.semantic {
            let qv = sem.embedder.embed_query(&q);
            let mut cos = vec![f32::MIN; n];
            for (e, v) in &sem.vectors {
                cos[*e] = cos[*e].max(cosine(&qv, v));
            }
            let hi = cos.iter().cloned().fold(f32::MIN, f32::max);
            let lo = cos.iter().cloned().fold(f32::MAX, f32::min);
            let w = self.params.semantic_weight;
            for (f, c) in fused.iter_mut().zip(&cos) {
                let s = if hi > lo { (c - lo) / (hi - lo) } else { 0.0 };
                *f = (1.0 - w) * *f + w * s;
            }
            best_cos = (n > 0).then_some(hi);
        }
        let mut order: Vec<usize> = (0..n).filter(|&e| fused[e] > 0.0).collect();
        order.sort_by(|a, b| fused[*b].total_cmp(&fused[*a]).then(a.cmp(b)));
        let confidence = order
            .first()
            .map(|&e| self.confidence(&own, e))
            .unwrap_or(0.0);
        let top = order.first().map(|&e| fused[e]).unwrap_or(0.0);
        let ranked = order
            .into_iter()
            .take(limit)
            .map(|e| Ranked {
                entry: e,
                score: confidence * fused[e] / top.max(1e-6),
            })
            .collect::<Vec<_>>();
        let declined = ranked.is_empty()
            || match best_cos {
                Some(c) => {
                    confidence < self.params.hybrid_decline_below
                        && c < self.params.semantic_decline_below
                }
                None => confidence < self.params.decline_below,
            };
        Outcome {
            ranked,
            confidence,
            semantic: best_cos,
            declined,
        }
    }

    /// The IDF-weighted share of the question's grams that entry `e` contains.
    fn confidence(&self, own: &[String], e: usize) -> f32 {
        let (mut have, mut all) = (0.0f32, 0.0f32);
        for t in own {
            let w = self.short.idf(t);
            all += w;
            if self.short_terms[e].contains(t) {
                have += w;
            } else if self.long_terms[e].contains(t) {
                have += 0.5 * w;
            }
        }
        if all == 0.0 { 0.0 } else { have / all }
    }
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.into_iter().filter(|t| seen.insert(t.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, q: &str, a: &str, p: &[&str]) -> Entry {
        Entry {
            faq_id: id.into(),
            category: String::new(),
            question: q.into(),
            answer: a.into(),
            sources: Vec::new(),
            paraphrases: p.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Thresholds for the toy bank (the defaults are tuned on the real one).
    const P: Params = Params {
        answer_weight: 0.3,
        decline_below: 0.3,
        semantic_weight: 0.5,
        hybrid_decline_below: 0.3,
        semantic_decline_below: 0.9,
    };

    fn bank() -> Vec<Entry> {
        vec![
            entry(
                "a",
                "占用道路摆摊设点经营是否违法？",
                "违法，责令改正，可处罚款。",
                &["路边摆地摊犯法吗"],
            ),
            entry(
                "b",
                "建筑工地夜间可以施工吗？",
                "夜间不得施工，抢修除外。",
                &["工地半夜干活合法吗"],
            ),
            entry(
                "c",
                "遛狗时不清理宠物粪便会被罚款吗？",
                "会，责令改正并处罚款。",
                &["狗屎不捡罚不罚"],
            ),
        ]
    }

    #[test]
    fn grams_are_folded_characters_and_pairs_without_stop_characters() {
        assert_eq!(grams("摆摊吗"), ["摆", "摆摊", "摊", "摊吗"]);
        assert_eq!(grams("佔道，AB"), ["占", "占道", "道", "a", "ab", "b"]);
        assert!(grams("，。！").is_empty());
    }

    #[test]
    fn bm25_prefers_rarer_terms_and_shorter_documents() {
        let docs = vec![
            grams("摆摊罚款"),
            grams("罚款"),
            grams("罚款罚款罚款很多很多其他的字"),
        ];
        let b = Bm25::build(&docs);
        assert!(b.idf("摆摊") > b.idf("罚款"));
        let s = b.scores(&grams("摆摊"));
        assert!(s[0] > 0.0 && s[1] == 0.0);
        let s = b.scores(&["罚款".to_string()]);
        assert!(s[1] > s[2]);
    }

    #[test]
    fn a_paraphrase_finds_its_entry_and_an_unrelated_question_is_declined() {
        let idx = Index::build(bank(), &[], None, P);
        let o = idx.ask("在路边摆地摊犯法吗", 3);
        assert!(!o.declined, "{o:?}");
        assert_eq!(idx.entries[o.ranked[0].entry].faq_id, "a");
        let o = idx.ask("狗屎不捡会罚款吗", 3);
        assert_eq!(idx.entries[o.ranked[0].entry].faq_id, "c");
        assert!(!o.declined);
        let o = idx.ask("护照过期了怎么续签", 3);
        assert!(o.declined, "{o:?}");
        assert!(idx.ask("", 3).declined);
        assert!(!idx.hybrid());
    }

    #[test]
    fn synonyms_widen_the_question() {
        let bank = vec![entry("x", "宠物粪便如何处理？", "由城管查处。", &[])];
        let plain = Index::build(bank.clone(), &[], None, P);
        assert!(plain.ask("狗屎", 1).ranked.is_empty());
        let syn = Index::build(
            bank,
            &[("狗屎".to_string(), "宠物粪便".to_string())],
            None,
            P,
        );
        assert_eq!(syn.ask("狗屎", 1).ranked.len(), 1);
    }

    /// A toy embedder: counts of a few key characters, so that "dog" questions are
    /// close to the dog entry whatever their wording.
    struct Toy;
    impl Toy {
        fn v(t: &str) -> Vec<f32> {
            ["狗犬汪", "工地施", "摊贩"]
                .iter()
                .map(|set| t.chars().filter(|c| set.contains(*c)).count() as f32 + 0.01)
                .collect()
        }
    }
    impl Embedder for Toy {
        fn embed_query(&self, t: &str) -> Vec<f32> {
            Toy::v(t)
        }
        fn embed_passage(&self, t: &str) -> Vec<f32> {
            Toy::v(t)
        }
    }

    #[test]
    fn the_semantic_channel_is_fused_and_keeps_a_question_it_understands() {
        let mut cache = VectorCache::new();
        let idx = Index::build(bank(), &[], Some((Arc::new(Toy), &mut cache)), P);
        assert!(idx.hybrid());
        assert_eq!(cache.len(), 6);
        // No shared characters with entry c, but the toy model sees the dog.
        let lexical = Index::build(bank(), &[], None, P);
        let q = "汪汪汪犬";
        assert!(lexical.ask(q, 3).declined);
        let o = idx.ask(q, 3);
        assert!(!o.declined, "{o:?}");
        assert_eq!(idx.entries[o.ranked[0].entry].faq_id, "c");
        assert!(o.semantic.unwrap_or(0.0) > 0.9);
        // Both channels must be unsure to decline.
        let o = idx.ask("护照续签", 3);
        assert!(o.declined, "{o:?}");
        // A rebuild with the cache embeds nothing again.
        struct Panics;
        impl Embedder for Panics {
            fn embed_query(&self, t: &str) -> Vec<f32> {
                Toy::v(t)
            }
            fn embed_passage(&self, _: &str) -> Vec<f32> {
                panic!("should come from the cache")
            }
        }
        let again = Index::build(bank(), &[], Some((Arc::new(Panics), &mut cache)), P);
        assert!(again.hybrid());
    }

    #[test]
    fn cosine_of_orthogonal_and_equal_vectors() {
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
        assert!((cosine(&[1.0, 2.0], &[2.0, 4.0]) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0], &[1.0]), 0.0);
    }
}
