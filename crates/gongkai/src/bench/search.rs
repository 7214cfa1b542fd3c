//! `gongkai bench search`: the search engine against SQLite FTS5 (trigram) on the
//! law articles and on documents generated from them — build rate, latency, memory —
//! and the relevance of both on the judged queries (see `judgments`).

use std::time::Instant;

use super::{Rng, Timings, search_queries, tempfile_dir};

/// nDCG@10 (binary gains) and recall@10 of one ranking against a relevant set. Recall
/// is over min(|relevant|, 10): a query with hundreds of relevant articles scores 1
/// when all ten shown are relevant.
pub fn ndcg_recall_at_10(
    ranked: &[usize],
    relevant: &std::collections::HashSet<usize>,
) -> (f64, f64) {
    if relevant.is_empty() {
        return (0.0, 0.0);
    }
    let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let top = &ranked[..ranked.len().min(10)];
    let dcg: f64 = top
        .iter()
        .enumerate()
        .filter(|(_, d)| relevant.contains(d))
        .map(|(i, _)| gain(i))
        .sum();
    let ideal: f64 = (0..relevant.len().min(10)).map(gain).sum();
    let found = top.iter().filter(|d| relevant.contains(d)).count();
    (dcg / ideal, found as f64 / relevant.len().min(10) as f64)
}

/// FTS5 with the trigram tokenizer: each whitespace-separated word must occur; words
/// shorter than three characters cannot be searched this way and are dropped.
fn fts5_match(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// Where `gongkai bench search` reads the laws and the judged queries, and keeps its
/// indexes.
pub struct SearchFiles<'a> {
    pub laws: &'a std::path::Path,
    pub keep: Option<&'a std::path::Path>,
    pub eval: &'a std::path::Path,
}

/// `gongkai bench search`: build rate, latency and peak memory of the search engine
/// on (a) the laws at article level and (b) `count` documents generated from the law
/// texts, against SQLite FTS5 (trigram) on the same documents and queries; then the
/// relevance of both on the judged queries over the law articles. With `keep`, the
/// indexes are kept in that folder and reused by the next run when they hold the same
/// number of items (the build columns then say so).
pub async fn search(
    files: SearchFiles<'_>,
    count: usize,
    requests: usize,
    split: &str,
    synonyms: std::collections::BTreeMap<String, String>,
) -> anyhow::Result<()> {
    let SearchFiles {
        laws,
        keep,
        eval: eval_dir,
    } = files;
    use std::collections::HashSet;
    use std::str::FromStr;
    let queries = search_queries()?;
    let graded = match super::eval::load(eval_dir, split) {
        Ok(g) => Some(g),
        Err(e) => {
            println!("（盲评查询未读到，跳过法规级评测：{e:#}）");
            None
        }
    };
    // The articles as the site indexes them (`sitesearch::law_doc`), with the law's
    // metadata from the index CSV beside the folder.
    let meta = laws
        .parent()
        .map(|p| p.join("laws-index.csv"))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|t| crate::laws::store::read_index(&t))
        .unwrap_or_default();
    let mut articles: Vec<search::Doc> = Vec::new();
    for (law_id, f) in crate::laws::store::law_files(laws).into_iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Some(law) = crate::laws::parse::parse(&text) else {
            continue;
        };
        let rel = f
            .strip_prefix(laws)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        let m = meta.get(&rel).cloned().unwrap_or_default();
        for a in law.articles {
            articles.push(crate::sitesearch::law_doc(
                crate::sitesearch::LawMeta {
                    id: law_id as i64,
                    title: &law.title,
                    expired: m.expired,
                    publish: m.publish,
                    level: &m.level,
                    category: &m.category,
                    path: &rel,
                },
                a.ordinal as i64,
                &a.number,
                &a.heading,
                a.text.clone(),
            ));
        }
    }
    let article_at: std::collections::HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    anyhow::ensure!(!articles.is_empty(), "{} 中没有法规文件", laws.display());
    const ISSUERS: [&str; 6] = [
        "市城管执法局",
        "浦东新区城管执法局",
        "黄浦区城管执法局",
        "静安区城管执法局",
        "市住房城乡建设管理委",
        "市绿化市容局",
    ];
    const TOPICS: [&str; 5] = ["城乡建设", "市容环卫", "综合政务", "公共安全", "环境保护"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let generated: Vec<search::Doc> = (0..count)
        .map(|i| {
            let a = &articles[rng.below(articles.len())];
            let b = &articles[rng.below(articles.len())];
            let c = &articles[rng.below(articles.len())];
            search::Doc {
                id: format!("g{i}"),
                kind: "文件".into(),
                title: format!("关于贯彻{}的通知（{}）", a.title, i),
                number: format!("沪城管执〔{}〕{}号", 2000 + i % 26, i % 500 + 1),
                body: format!("{}\n{}\n{}", a.body, b.body, c.body),
                url: String::new(),
                date: (2000 + (i % 26) as u64) * 10_000 + 101 + (i % 12) as u64 * 100,
                lapsed: i % 10 == 0,
                topic: TOPICS[i % TOPICS.len()].into(),
                issuer: ISSUERS[i % ISSUERS.len()].into(),
                level: String::new(),
                ..Default::default()
            }
        })
        .collect();
    let temp = keep.is_none();
    let dir = match keep {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.to_path_buf()
        }
        None => tempfile_dir()?,
    };
    // The judgments, applied to every article.
    let folded: Vec<String> = articles
        .iter()
        .map(|a| search::normalize(&format!("{}\n{}\n{}", a.title, a.number, a.body)))
        .collect();
    let relevant: Vec<HashSet<usize>> = queries
        .iter()
        .map(|j| {
            folded
                .iter()
                .enumerate()
                .filter(|(_, t)| j.relevant(t))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    drop(folded);
    println!(
        "gongkai bench search — 法规条文 {} 条；生成文档 {} 件；查询 {} 条 × {} 轮",
        articles.len(),
        count,
        queries.len(),
        requests.max(1)
    );
    println!(
        "{:<26} {:>10} {:>10} {:>9} {:>9} {:>10}",
        "", "建索引 秒", "条/秒", "p50 ms", "p99 ms", "峰值内存MB"
    );
    // Per engine: the ranked article indexes of each judged query.
    let mut rankings: Vec<(&str, Vec<Vec<usize>>)> = Vec::new();
    // Per engine: the ranked law titles of each graded query.
    let mut law_rankings: Vec<(&str, Vec<Vec<String>>)> = Vec::new();
    // As the page asks: the site's region first, grouped by law.
    let page_query = |text: &str, kind: Option<&str>, group: bool, page: i64| {
        crate::sitesearch::portal::engine_query(
            &crate::sitesearch::portal::SearchQuery {
                q: text.into(),
                kind: kind.map(str::to_string),
                page: Some(page),
                ..Default::default()
            },
            "上海",
            group,
        )
    };
    for (name, docs) in [
        ("法规条文（本引擎）", &articles),
        ("生成文档（本引擎）", &generated),
    ] {
        let sub = dir.join(format!("engine-v{}-{}", search::INDEX_VERSION, docs.len()));
        let idx = search::SearchIndex::open_or_create(&sub)?;
        let build = if idx.len() == docs.len() as u64 {
            None
        } else {
            let t = Instant::now();
            idx.replace_all(docs.iter().cloned())?;
            Some(t.elapsed().as_secs_f64())
        };
        idx.set_synonyms(synonyms.clone());
        idx.learn_related(&crate::sitesearch::faq_pairs());
        let mut timings = Timings::default();
        // One untimed round first, so that both engines are measured with the index in
        // the page cache (a reused index may have been read from disk).
        for round in 0..=requests.max(1) {
            for j in &queries {
                let t = Instant::now();
                let r = idx.search(&page_query(j.query, None, true, 1))?;
                timings.record(round, t.elapsed(), j.query);
                std::hint::black_box(r);
            }
        }
        timings.report(name, build, docs.len());
        if std::ptr::eq(docs, &articles) {
            let mut ranked = Vec::new();
            for j in &queries {
                let r = idx.search(&page_query(j.query, None, false, 1))?;
                ranked.push(
                    r.hits
                        .iter()
                        .filter_map(|h| article_at.get(&h.id).copied())
                        .collect(),
                );
            }
            rankings.push(("本引擎", ranked));
            if let Some(graded) = &graded {
                let mut ranked = Vec::new();
                for g in graded {
                    // `/api/v1/search?kind=法规&group=law`, pages 1 and 2 (two laws
                    // may share a title).
                    let mut titles = Vec::new();
                    for page in [1, 2] {
                        let r = idx.search(&page_query(&g.query, Some("法规"), true, page))?;
                        titles.extend(r.hits.into_iter().map(|h| h.title));
                    }
                    ranked.push(super::eval::distinct_titles(titles));
                }
                law_rankings.push(("本引擎", ranked));
                let base = search::baseline::Baseline::build(articles.iter().cloned())?;
                let mut ranked = Vec::new();
                for g in graded {
                    let ids = base.search(&g.query, 300)?;
                    ranked.push(super::eval::distinct_titles(ids.iter().filter_map(|id| {
                        article_at.get(id).map(|i| articles[*i].title.clone())
                    })));
                }
                law_rankings.push(("jieba+BM25", ranked));
            }
        }
        drop(idx);
    }
    // The baseline: SQLite FTS5 with the trigram tokenizer, same documents and queries.
    for (name, docs) in [
        ("法规条文（FTS5 trigram）", &articles),
        ("生成文档（FTS5 trigram）", &generated),
    ] {
        let path = dir.join(format!("fts-{}.db", docs.len()));
        let opts =
            sqlx::sqlite::SqliteConnectOptions::from_str(&format!("sqlite:{}", path.display()))?
                .create_if_missing(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await?;
        sqlx::query(
            "CREATE VIRTUAL TABLE IF NOT EXISTS t USING fts5(title, number, body, tokenize='trigram')",
        )
        .execute(&pool)
        .await?;
        // Rows are numbered 1..=n, so the largest rowid is the count (COUNT(*) scans).
        let have: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(rowid), 0) FROM t")
            .fetch_one(&pool)
            .await?;
        let build = if have == docs.len() as i64 {
            None
        } else {
            sqlx::query("DELETE FROM t").execute(&pool).await?;
            let t = Instant::now();
            let mut tx = pool.begin().await?;
            for (i, d) in docs.iter().enumerate() {
                sqlx::query("INSERT INTO t (rowid, title, number, body) VALUES ($1, $2, $3, $4)")
                    .bind(i as i64 + 1)
                    .bind(&d.title)
                    .bind(&d.number)
                    .bind(&d.body)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Some(t.elapsed().as_secs_f64())
        };
        let top10 = |q: &str| {
            let m = fts5_match(q);
            let pool = pool.clone();
            async move {
                match m {
                    Some(m) => {
                        sqlx::query_scalar::<_, i64>(
                            "SELECT rowid FROM t WHERE t MATCH $1 ORDER BY bm25(t, 3.0, 2.0, 1.0) LIMIT 10",
                        )
                        .bind(&m)
                        .fetch_all(&pool)
                        .await
                    }
                    None => Ok(Vec::new()),
                }
            }
        };
        let mut timings = Timings::default();
        for round in 0..=requests.max(1) {
            for j in &queries {
                let t = Instant::now();
                std::hint::black_box(top10(j.query).await?);
                timings.record(round, t.elapsed(), j.query);
            }
        }
        timings.report(name, build, docs.len());
        if std::ptr::eq(docs, &articles) {
            let mut ranked = Vec::new();
            for j in &queries {
                ranked.push(
                    top10(j.query)
                        .await?
                        .into_iter()
                        .map(|r| (r - 1) as usize)
                        .collect(),
                );
            }
            rankings.push(("FTS5 trigram", ranked));
            if let Some(graded) = &graded {
                let mut ranked = Vec::new();
                for g in graded {
                    let rows = match fts5_match(&g.query) {
                        Some(m) => {
                            sqlx::query_scalar::<_, i64>(
                                "SELECT rowid FROM t WHERE t MATCH $1 ORDER BY bm25(t, 3.0, 2.0, 1.0) LIMIT 300",
                            )
                            .bind(&m)
                            .fetch_all(&pool)
                            .await?
                        }
                        None => Vec::new(),
                    };
                    ranked.push(super::eval::distinct_titles(
                        rows.into_iter()
                            .filter_map(|r| articles.get((r - 1) as usize))
                            .map(|a| a.title.clone()),
                    ));
                }
                law_rankings.push(("FTS5 trigram", ranked));
            }
        }
        pool.close().await;
    }
    let unsearchable = queries
        .iter()
        .filter(|j| fts5_match(j.query).is_none())
        .count();
    println!(
        "FTS5 trigram 无法检索少于 3 个字的查询：{unsearchable}/{} 条（如“违建”“摆摊”）。",
        queries.len()
    );
    println!("峰值内存为整个进程到该行为止的最高值（VmHWM）。");
    // Relevance on the law articles.
    println!();
    println!(
        "相关性（法规条文，{} 条判定查询；召回率按 min(相关条数, 10) 计）",
        queries.len()
    );
    let mut classes: Vec<&str> = queries.iter().map(|j| j.class).collect();
    classes.dedup();
    classes.push("全部");
    print!("{:<12} {:>5}", "类别", "查询");
    for (engine, _) in &rankings {
        print!(
            " {:>16} {:>16}",
            format!("{engine} nDCG@10"),
            format!("{engine} R@10")
        );
    }
    println!();
    for class in classes {
        let members: Vec<usize> = (0..queries.len())
            .filter(|i| class == "全部" || queries[*i].class == class)
            .collect();
        print!("{:<12} {:>5}", class, members.len());
        for (_, ranked) in &rankings {
            let (mut n, mut r) = (0.0, 0.0);
            for i in &members {
                let (a, b) = ndcg_recall_at_10(&ranked[*i], &relevant[*i]);
                n += a;
                r += b;
            }
            let k = members.len().max(1) as f64;
            print!(" {:>16.3} {:>16.3}", n / k, r / k);
        }
        println!();
    }
    println!();
    println!("{:<24} {:>8} 各引擎 nDCG@10", "查询", "相关条数");
    for (i, j) in queries.iter().enumerate() {
        print!("{:<24} {:>8}", j.query, relevant[i].len());
        for (engine, ranked) in &rankings {
            let (n, _) = ndcg_recall_at_10(&ranked[i], &relevant[i]);
            print!("  {engine} {n:.2}");
        }
        println!();
    }
    if let Some(graded) = &graded {
        println!();
        println!(
            "法规级盲评（{split} 半，{} 条查询；按法规去重后前 10 名，nDCG@10 增益 2^等级−1，召回率按 min(相关法规数, 10) 计；本引擎经 /api/v1/search?kind=法规&group=law 同一路径，本站地区“上海”）",
            graded.len()
        );
        super::eval::report(graded, &law_rankings);
        if split == "dev" {
            println!();
            super::eval::per_query(graded, &law_rankings);
        }
    }
    if temp {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_and_recall_at_10() {
        let rel: std::collections::HashSet<usize> = [1, 2, 3].into_iter().collect();
        // All relevant first: perfect.
        assert_eq!(ndcg_recall_at_10(&[1, 2, 3, 9], &rel), (1.0, 1.0));
        // None found.
        assert_eq!(ndcg_recall_at_10(&[7, 8, 9], &rel), (0.0, 0.0));
        // One relevant at rank 2 of three: DCG 1/log2(3), ideal 1 + 1/log2(3) + 1/2.
        let (n, r) = ndcg_recall_at_10(&[9, 1], &rel);
        let ideal = 1.0 + 1.0 / 3f64.log2() + 0.5;
        assert!((n - (1.0 / 3f64.log2()) / ideal).abs() < 1e-12);
        assert!((r - 1.0 / 3.0).abs() < 1e-12);
        // More than ten relevant: recall over ten.
        let many: std::collections::HashSet<usize> = (0..50).collect();
        let top: Vec<usize> = (0..10).collect();
        assert_eq!(ndcg_recall_at_10(&top, &many), (1.0, 1.0));
        // Nothing relevant: zero, not NaN.
        assert_eq!(ndcg_recall_at_10(&top, &Default::default()), (0.0, 0.0));
    }
}
