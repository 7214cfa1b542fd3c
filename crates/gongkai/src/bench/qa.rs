//! `gongkai bench qa`: the assistant (智能小城) on a held-out question set, with the
//! plain jieba + BM25 baseline (question + answer, `search::Baseline`) beside it.
//!
//! The set is `DIR/questions.jsonl`, one question per line:
//! `{"id","q","style","answer_ids":[…],"also_ok":[…],"decline":bool,"split":"dev"|"test"}`.
//! Top-1 / top-3 count over the answerable questions (a decline is a miss); the
//! decline rate is over the out-of-scope ones; a wrong decline is an answerable
//! question declined; overall = (answerable right at top-1 + out-of-scope declined) / all.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Deserialize;

use super::{Stats, vm_hwm_mb};
use crate::qa::Embedder;
use crate::qa::engine::{Index, Params, VectorCache};

#[derive(Debug, Deserialize)]
pub struct Question {
    pub id: String,
    pub q: String,
    #[serde(default)]
    pub style: String,
    #[serde(default)]
    pub answer_ids: Vec<String>,
    #[serde(default)]
    pub also_ok: Vec<String>,
    #[serde(default)]
    pub decline: bool,
    pub split: String,
}

impl Question {
    fn ok(&self, faq_id: &str) -> bool {
        self.answer_ids
            .iter()
            .chain(&self.also_ok)
            .any(|a| a == faq_id)
    }
}

/// Read the questions of one split.
pub fn read(dir: &Path, split: &str) -> anyhow::Result<Vec<Question>> {
    let path = dir.join("questions.jsonl");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("读取 {} 失败", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let q: Question = serde_json::from_str(line)
            .with_context(|| format!("{} 第 {} 行", path.display(), i + 1))?;
        if q.split == split {
            out.push(q);
        }
    }
    anyhow::ensure!(
        !out.is_empty(),
        "{} 中没有 {split} 部分的问题",
        path.display()
    );
    Ok(out)
}

/// The figures of one system on one split.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    pub answerable: usize,
    pub out_of_scope: usize,
    pub top1: usize,
    pub top3: usize,
    pub declined_oos: usize,
    pub wrong_declines: usize,
    pub samples: Vec<Duration>,
}

impl Figures {
    fn rate(n: usize, of: usize) -> f64 {
        n as f64 / of.max(1) as f64
    }
    pub fn top1_rate(&self) -> f64 {
        Self::rate(self.top1, self.answerable)
    }
    pub fn overall(&self) -> f64 {
        Self::rate(
            self.top1 + self.declined_oos,
            self.answerable + self.out_of_scope,
        )
    }
    fn line(&self, name: &str) -> String {
        let s = Stats {
            name: "",
            samples: self.samples.clone(),
        };
        format!(
            "{:<22} {:>6.3} {:>6.3} {:>9.3} {:>9} {:>8.3} {:>8.2} {:>8.2}",
            name,
            self.top1_rate(),
            Self::rate(self.top3, self.answerable),
            Self::rate(self.declined_oos, self.out_of_scope),
            format!("{}/{}", self.wrong_declines, self.answerable),
            self.overall(),
            s.pct(0.5),
            s.pct(0.99),
        )
    }
}

/// Run the assistant's index over the questions.
pub fn measure(index: &Index, questions: &[Question]) -> Figures {
    let mut f = Figures::default();
    for q in questions {
        let t = Instant::now();
        let o = index.ask(&q.q, 3);
        f.samples.push(t.elapsed());
        let ids: Vec<&str> = o
            .ranked
            .iter()
            .map(|r| index.entries[r.entry].faq_id.as_str())
            .collect();
        if q.decline {
            f.out_of_scope += 1;
            f.declined_oos += usize::from(o.declined);
        } else {
            f.answerable += 1;
            if o.declined {
                f.wrong_declines += 1;
            } else {
                f.top1 += usize::from(ids.first().is_some_and(|i| q.ok(i)));
                f.top3 += usize::from(ids.iter().any(|i| q.ok(i)));
            }
        }
    }
    f
}

fn baseline(questions: &[Question]) -> anyhow::Result<Figures> {
    let bank = crate::qa::model::bundled()?;
    let b = search::baseline::Baseline::build(bank.iter().map(|e| search::Doc {
        id: e.faq_id.clone(),
        title: e.question.clone(),
        body: e.answer.clone(),
        ..Default::default()
    }))?;
    let mut f = Figures::default();
    for q in questions {
        let t = Instant::now();
        let ids = b.search(&q.q, 3)?;
        f.samples.push(t.elapsed());
        if q.decline {
            f.out_of_scope += 1;
        } else {
            f.answerable += 1;
            f.top1 += usize::from(ids.first().is_some_and(|i| q.ok(i)));
            f.top3 += usize::from(ids.iter().any(|i| q.ok(i)));
        }
    }
    Ok(f)
}

/// The assistant's index over the bundled bank and the site's built-in synonyms, with
/// the semantic channel when an embedder is given (its passage vectors kept in `cache`).
pub fn bundled_index(
    params: Params,
    embedder: Option<(Arc<dyn Embedder>, &mut VectorCache)>,
) -> anyhow::Result<Index> {
    let synonyms: Vec<(String, String)> = search::default_synonyms().into_iter().collect();
    Ok(Index::build(
        crate::qa::model::bundled()?,
        &synonyms,
        embedder,
        params,
    ))
}

/// An embedder that remembers the vectors of questions it has embedded: the grid asks
/// the same questions many times.
struct Memo {
    inner: Arc<dyn Embedder>,
    seen: Mutex<HashMap<String, Vec<f32>>>,
}

impl Embedder for Memo {
    fn embed_query(&self, text: &str) -> Vec<f32> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.entry(text.to_string())
            .or_insert_with(|| self.inner.embed_query(text))
            .clone()
    }
    fn embed_passage(&self, text: &str) -> Vec<f32> {
        self.inner.embed_passage(text)
    }
}

/// `gongkai bench qa`: print the figures of the assistant and the baseline; with
/// `model` the hybrid (lexical + sentence vectors) assistant, its load time and memory;
/// with `grid` (development half only) also the figures over a grid of parameters.
pub fn qa(dir: &Path, split: &str, grid: bool, model: Option<&Path>) -> anyhow::Result<()> {
    anyhow::ensure!(!(grid && split == "test"), "参数网格只能在 dev 部分上调");
    let questions = read(dir, split)?;
    let mut cache = VectorCache::new();
    let mut load_note = "模式：lexical（未装模型）".to_string();
    let embedder: Option<Arc<dyn Embedder>> = match model {
        Some(p) => {
            let t = Instant::now();
            let m = crate::qa::semantic::load(p)?;
            load_note = format!(
                "模式：hybrid；模型加载（含 SHA-256 校验）{:.0} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
            Some(Arc::new(m))
        }
        None => None,
    };
    let t = Instant::now();
    let index = bundled_index(Params::default(), embedder.clone().map(|e| (e, &mut cache)))?;
    let build = t.elapsed();
    // Warm-up, untimed.
    for q in questions.iter().take(5) {
        index.ask(&q.q, 3);
    }
    let ours = measure(&index, &questions);
    let base = baseline(&questions)?;
    println!(
        "智能小城问答评测：{split} 部分 {} 题（可答 {}，不可答 {}）；问答库 {} 条；{load_note}",
        questions.len(),
        ours.answerable,
        ours.out_of_scope,
        index.entries.len()
    );
    println!(
        "{:<22} {:>6} {:>6} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "系统", "top-1", "top-3", "不可答拒答率", "错拒", "总体", "p50 ms", "p99 ms"
    );
    let name = if index.hybrid() {
        "智能小城（字 BM25 + e5）"
    } else {
        "智能小城（字 1–2 元 BM25）"
    };
    println!("{}", ours.line(name));
    println!("{}", base.line("基线（jieba + BM25）"));
    println!(
        "建索引 {:.1} ms（含 {} 条问法的向量）；峰值内存（VmHWM）{:.0} MB",
        build.as_secs_f64() * 1000.0,
        cache.len(),
        vm_hwm_mb()
    );
    let misses: Vec<String> = questions
        .iter()
        .filter(|q| !q.decline)
        .filter_map(|q| {
            let o = index.ask(&q.q, 1);
            let got = o
                .ranked
                .first()
                .map(|r| index.entries[r.entry].faq_id.as_str())
                .unwrap_or("-");
            (o.declined || !q.ok(got)).then(|| {
                format!(
                    "{} {}→{}{}",
                    q.id,
                    q.answer_ids.join(","),
                    got,
                    if o.declined { "(拒)" } else { "" }
                )
            })
        })
        .collect();
    if split == "dev" && !misses.is_empty() {
        println!("未答对（dev）：{}", misses.join("；"));
    }
    if split == "dev" && std::env::var_os("GONGKAI_QA_DUMP").is_some() {
        // For tuning the decline rule: each question's lexical confidence, best cosine,
        // and whether it is out of scope or answered right.
        for q in &questions {
            let o = index.ask(&q.q, 1);
            let right = o
                .ranked
                .first()
                .is_some_and(|r| q.ok(&index.entries[r.entry].faq_id));
            println!(
                "dump {} {} conf={:.3} cos={:.3}",
                q.id,
                if q.decline {
                    "oos"
                } else if right {
                    "ok"
                } else {
                    "wrong"
                },
                o.confidence,
                o.semantic.unwrap_or(0.0)
            );
        }
    }
    if grid {
        let memo: Option<Arc<dyn Embedder>> = embedder.map(|inner| {
            Arc::new(Memo {
                inner,
                seen: Mutex::new(HashMap::new()),
            }) as Arc<dyn Embedder>
        });
        let weights: &[f32] = if memo.is_some() {
            &[0.5, 0.6, 0.7, 0.8]
        } else {
            &[0.5]
        };
        let sem_declines: &[f32] = if memo.is_some() {
            &[0.9, 0.91, 0.915, 0.92]
        } else {
            &[0.9]
        };
        for aw in [0.0f32, 0.3] {
            for db in [0.2f32, 0.25, 0.3, 0.35, 0.4, 0.45] {
                for &sw in weights {
                    for &sd in sem_declines {
                        let p = Params {
                            answer_weight: aw,
                            decline_below: db,
                            semantic_weight: sw,
                            hybrid_decline_below: db,
                            semantic_decline_below: sd,
                        };
                        let idx = bundled_index(p, memo.clone().map(|e| (e, &mut cache)))?;
                        let f = measure(&idx, &questions);
                        println!("{}", f.line(&format!("aw={aw} d<{db} sw={sw} sd<{sd}")));
                    }
                }
            }
        }
    }
    Ok(())
}
