//! Importing the 法规库 from a folder of markdown with its index CSV, or from the demo
//! bundle (one zstd-compressed JSON Lines file, `demo-data/data/laws.jsonl.zst`).
//! Streamed: a first pass reads titles and dates to find duplicates and older
//! versions (`normalise::plan`), the second imports one law at a time, so memory
//! stays flat whatever the corpus size.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::normalise::{self, Candidate, Plan};
use super::parse;
use super::store::Meta;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// One law file: its path in the corpus, its index metadata and its markdown.
pub struct Entry {
    pub path: String,
    pub meta: Meta,
    pub text: String,
}

type Entries<'a> = Box<dyn Iterator<Item = anyhow::Result<Entry>> + Send + 'a>;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub not_laws: usize,
    pub articles: usize,
    /// Duplicates not imported (or removed): (path, the path kept instead).
    pub merged: Vec<(String, String)>,
    /// Older versions imported as lapsed because a newer version exists.
    pub superseded: usize,
}

impl Summary {
    /// One line in Chinese for the console and the audit log.
    pub fn line(&self) -> String {
        format!(
            "新增 {}，更新 {}，未变 {}，非法规文件 {}；条文 {} 条；合并重复 {} 件，旧版本标为失效 {} 件",
            self.added,
            self.updated,
            self.unchanged,
            self.not_laws,
            self.articles,
            self.merged.len(),
            self.superseded
        )
    }
}

/// The markdown files of a folder, each with its row of the index.
pub fn folder<'a>(dir: &'a Path, index: &'a HashMap<String, Meta>) -> Entries<'a> {
    Box::new(super::store::law_files(dir).into_iter().map(move |f| {
        let path = f
            .strip_prefix(dir)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&f).with_context(|| format!("无法读取 {}", f.display()))?;
        Ok(Entry {
            meta: index.get(&path).cloned().unwrap_or_default(),
            path,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }))
}

#[derive(serde::Deserialize)]
struct Record {
    path: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    publish: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    expired: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    doc_number: String,
    text: String,
}

/// The laws of a bundle: zstd-compressed JSON Lines, one law per line, decoded as read.
pub fn bundle(file: &Path) -> anyhow::Result<Entries<'static>> {
    let f = std::fs::File::open(file).with_context(|| format!("无法打开 {}", file.display()))?;
    let reader = std::io::BufReader::new(zstd::stream::read::Decoder::new(f)?);
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    Ok(Box::new(reader.lines().enumerate().filter_map(
        move |(n, line)| {
            let line = match line {
                Ok(l) if l.trim().is_empty() => return None,
                Ok(l) => l,
                Err(e) => return Some(Err(anyhow::anyhow!("法规包第 {} 行无法读取：{e}", n + 1))),
            };
            Some(
                serde_json::from_str::<Record>(&line)
                    .with_context(|| format!("法规包第 {} 行不是有效的 JSON", n + 1))
                    .map(|r| Entry {
                        path: r.path,
                        meta: Meta {
                            publish: date(&r.publish),
                            valid_from: date(&r.valid_from),
                            expired: matches!(r.expired.as_str(), "1" | "true" | "True"),
                            level: r.level,
                            category: r.category,
                            doc_number: r.doc_number,
                        },
                        text: r.text,
                    }),
            )
        },
    )))
}

/// The first pass: titles and dates of every file.
pub fn candidates(entries: Entries<'_>) -> anyhow::Result<Vec<Candidate>> {
    entries
        .map(|e| {
            e.map(|e| Candidate {
                title: normalise::title_of(&e.text),
                publish: e.meta.publish,
                has_meta: !e.meta.level.is_empty(),
                path: e.path,
            })
        })
        .collect()
}

/// Files per transaction (an interrupted import resumes by SHA-256 anyway).
const BATCH: usize = 50;

/// Import: new files are added, changed files (by SHA-256) replaced, the rest left
/// alone — so a re-run is cheap and an interrupted run resumes. Levels are
/// normalised, duplicates skipped (and removed if an earlier import added them),
/// older versions marked lapsed. `progress(done, total)` is called after each file.
pub async fn import(
    db: &Db,
    entries: Entries<'_>,
    plan: &Plan,
    total: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<Summary> {
    let existing: Vec<(String, String, String, bool)> = with_db!(db, |p| {
        sqlx::query_as("SELECT path, sha256, level, expired FROM laws")
            .fetch_all(p)
            .await
    })?;
    let existing: HashMap<String, (String, String, bool)> = existing
        .into_iter()
        .map(|(p, s, l, e)| (p, (s, l, e)))
        .collect();
    let mut s = Summary::default();
    let mut tx = db.begin().await?;
    let mut in_tx = 0;
    for (i, entry) in entries.enumerate() {
        let e = entry?;
        progress(i + 1, total);
        if plan.dropped.contains_key(&e.path) {
            continue;
        }
        let sha = hex::encode(Sha256::digest(e.text.as_bytes()));
        let level = normalise::level(&e.meta.level, &e.path, normalise::head(&e.text));
        let expired = e.meta.expired || plan.superseded.contains_key(&e.path);
        let old = existing.get(&e.path);
        if let Some((old_sha, old_level, old_expired)) = old
            && *old_sha == sha
        {
            if old_level == level && *old_expired == expired {
                s.unchanged += 1;
            } else {
                set_level(&mut tx, &e.path, level, expired).await?;
                s.updated += 1;
            }
            continue;
        }
        let Some(law) = parse::parse(&e.text) else {
            s.not_laws += 1;
            continue;
        };
        let meta = Meta {
            level: level.to_string(),
            expired,
            ..e.meta
        };
        write_law(&mut tx, &e.path, &law, &meta, &sha).await?;
        s.articles += law.articles.len();
        if old.is_some() {
            s.updated += 1;
        } else {
            s.added += 1;
        }
        in_tx += 1;
        if in_tx >= BATCH {
            tx.commit().await?;
            tx = db.begin().await?;
            in_tx = 0;
        }
    }
    for path in plan.dropped.keys().filter(|p| existing.contains_key(*p)) {
        remove(&mut tx, path).await?;
    }
    tx.commit().await?;
    s.merged = plan
        .dropped
        .iter()
        .map(|(a, b)| (a.clone(), b.clone()))
        .collect();
    s.superseded = plan.superseded.len();
    Ok(s)
}

async fn set_level(tx: &mut Tx, path: &str, level: &str, expired: bool) -> sqlx::Result<()> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query("UPDATE laws SET level = $1, expired = $2, imported_at = $3 WHERE path = $4")
            .bind(level)
            .bind(expired)
            .bind(now)
            .bind(path)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

async fn remove(tx: &mut Tx, path: &str) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query(
            "DELETE FROM law_articles WHERE law_id IN (SELECT id FROM laws WHERE path = $1)",
        )
        .bind(path)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    with_tx!(tx, |x| {
        sqlx::query("DELETE FROM laws WHERE path = $1")
            .bind(path)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

async fn write_law(
    tx: &mut Tx,
    rel: &str,
    law: &parse::Law,
    meta: &Meta,
    sha: &str,
) -> anyhow::Result<()> {
    let outline = serde_json::to_string(&law.outline)?;
    let now = crate::clock::now();
    let id: i64 = with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO laws (path, title, level, publish, valid_from, expired, category, doc_number, info, outline, articles, sha256, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (path) DO UPDATE SET title = excluded.title, level = excluded.level, publish = excluded.publish,
               valid_from = excluded.valid_from, expired = excluded.expired, category = excluded.category,
               doc_number = excluded.doc_number, info = excluded.info, outline = excluded.outline,
               articles = excluded.articles, sha256 = excluded.sha256, imported_at = excluded.imported_at
             RETURNING id",
        )
        .bind(rel)
        .bind(&law.title)
        .bind(&meta.level)
        .bind(meta.publish)
        .bind(meta.valid_from)
        .bind(meta.expired)
        .bind(&meta.category)
        .bind(&meta.doc_number)
        .bind(law.info.join("\n"))
        .bind(&outline)
        .bind(law.articles.len() as i64)
        .bind(sha)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })?;
    with_tx!(tx, |x| {
        sqlx::query("DELETE FROM law_articles WHERE law_id = $1")
            .bind(id)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })?;
    for chunk in law.articles.chunks(100) {
        let values: Vec<String> = (0..chunk.len())
            .map(|k| {
                let b = k * 5;
                format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO law_articles (law_id, ordinal, number, heading, text) VALUES {}",
            values.join(", ")
        );
        with_tx!(tx, |x| {
            let mut q = sqlx::query(&sql);
            for a in chunk {
                q = q
                    .bind(id)
                    .bind(a.ordinal as i64)
                    .bind(&a.number)
                    .bind(&a.heading)
                    .bind(&a.text);
            }
            q.execute(&mut **x).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}
