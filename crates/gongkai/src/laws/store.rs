//! Storage and import of the 法规库.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::parse::{self, Heading};
use crate::db::{Db, Page};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub level: String,
    pub publish: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub expired: bool,
    pub category: String,
    pub doc_number: String,
}

/// The index CSV (`path,title,…,level,publish,valid_from,expired,category,doc_number,…`);
/// a first line starting with `#` is a comment.
pub fn read_index(text: &str) -> HashMap<String, Meta> {
    let body: String = text
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let rows = crate::table::parse_csv(&body);
    let Some(header) = rows.first() else {
        return HashMap::new();
    };
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (Some(path), level, publish, valid_from, expired, category, doc_number) = (
        col("path"),
        col("level"),
        col("publish"),
        col("valid_from"),
        col("expired"),
        col("category"),
        col("doc_number"),
    ) else {
        return HashMap::new();
    };
    let get = |r: &Vec<String>, c: Option<usize>| {
        c.and_then(|i| r.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
    rows.iter()
        .skip(1)
        .filter_map(|r| {
            let p = r.get(path)?.trim().to_string();
            Some((
                p,
                Meta {
                    level: get(r, level),
                    publish: date(get(r, publish)),
                    valid_from: date(get(r, valid_from)),
                    expired: matches!(get(r, expired).as_str(), "1" | "true" | "True"),
                    category: get(r, category),
                    doc_number: get(r, doc_number),
                },
            ))
        })
        .collect()
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub not_laws: usize,
    pub articles: usize,
}

pub fn law_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !matches!(name, "README.md" | "_index.md" | "法律法规模版.md") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// Import a folder: new files are added, changed files (by SHA-256) replaced, the
/// rest left alone — so a re-run is cheap and an interrupted run resumes. Each file
/// is its own transaction. `progress(done, total)` is called after each file.
pub async fn import(
    db: &Db,
    dir: &Path,
    index: &HashMap<String, Meta>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<Summary> {
    let files = law_files(dir);
    let existing: Vec<(String, String)> = with_db!(db, |p| {
        sqlx::query_as("SELECT path, sha256 FROM laws")
            .fetch_all(p)
            .await
    })?;
    let existing: HashMap<String, String> = existing.into_iter().collect();
    let mut s = Summary::default();
    for (i, f) in files.iter().enumerate() {
        let rel = f
            .strip_prefix(dir)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(f)?;
        let sha = hex::encode(Sha256::digest(&bytes));
        if existing.get(&rel) == Some(&sha) {
            s.unchanged += 1;
            progress(i + 1, files.len());
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let Some(law) = parse::parse(&text) else {
            s.not_laws += 1;
            progress(i + 1, files.len());
            continue;
        };
        let mut meta = index.get(&rel).cloned().unwrap_or_default();
        if meta.level.is_empty() {
            meta.level = rel.split('/').next().unwrap_or_default().to_string();
        }
        let outline = serde_json::to_string(&law.outline)?;
        let now = crate::clock::now();
        let mut tx = db.begin().await?;
        let id: i64 = with_tx!(&mut tx, |x| {
            sqlx::query_scalar(
                "INSERT INTO laws (path, title, level, publish, valid_from, expired, category, doc_number, info, outline, articles, sha256, imported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (path) DO UPDATE SET title = excluded.title, level = excluded.level, publish = excluded.publish,
                   valid_from = excluded.valid_from, expired = excluded.expired, category = excluded.category,
                   doc_number = excluded.doc_number, info = excluded.info, outline = excluded.outline,
                   articles = excluded.articles, sha256 = excluded.sha256, imported_at = excluded.imported_at
                 RETURNING id",
            )
            .bind(&rel)
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
            .bind(&sha)
            .bind(now)
            .fetch_one(&mut **x)
            .await
        })?;
        with_tx!(&mut tx, |x| {
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
            with_tx!(&mut tx, |x| {
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
        tx.commit().await?;
        s.articles += law.articles.len();
        if existing.contains_key(&rel) {
            s.updated += 1;
        } else {
            s.added += 1;
        }
        progress(i + 1, files.len());
    }
    Ok(s)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LawRow {
    pub id: i64,
    pub path: String,
    pub title: String,
    pub level: String,
    pub publish: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub expired: bool,
    pub category: String,
    pub doc_number: String,
    pub info: String,
    pub outline: String,
    pub articles: i64,
    pub imported_at: DateTime<Utc>,
}

impl LawRow {
    pub fn outline(&self) -> Vec<Heading> {
        serde_json::from_str(&self.outline).unwrap_or_default()
    }
}

const COLS: &str = "id, path, title, level, publish, valid_from, expired, category, doc_number, info, outline, articles, imported_at";

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub level: Option<String>,
    /// None: all; Some(false): current only; Some(true): lapsed only.
    pub expired: Option<bool>,
    pub q: Option<String>,
}

pub async fn list(db: &Db, f: &Filter, page: Page) -> sqlx::Result<(Vec<LawRow>, i64)> {
    let mut wh = vec!["1=1".to_string()];
    let mut binds: Vec<String> = Vec::new();
    if let Some(l) = &f.level {
        binds.push(l.clone());
        wh.push(format!("level = ${}", binds.len()));
    }
    if let Some(q) = &f.q {
        binds.push(format!("%{}%", q.replace(['%', '_'], "")));
        wh.push(format!("title LIKE ${}", binds.len()));
    }
    match f.expired {
        Some(true) => wh.push("expired".into()),
        Some(false) => wh.push("NOT expired".into()),
        None => {}
    }
    let w = wh.join(" AND ");
    let sql = format!(
        "SELECT {COLS} FROM laws WHERE {w} ORDER BY expired, publish DESC, id LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM laws WHERE {w}");
    let rows: Vec<LawRow> = with_db!(db, |p| {
        let mut q = sqlx::query_as(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(p).await
    })?;
    let total: i64 = with_db!(db, |p| {
        let mut q = sqlx::query_scalar(&count);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_one(p).await
    })?;
    Ok((rows, total))
}

/// Levels with their law counts.
pub async fn levels(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT level, COUNT(*) FROM laws GROUP BY level ORDER BY COUNT(*) DESC")
            .fetch_all(p)
            .await
    })
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<LawRow>> {
    let sql = format!("SELECT {COLS} FROM laws WHERE id = $1");
    with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRow {
    pub ordinal: i64,
    pub number: String,
    pub heading: String,
    pub text: String,
}

pub async fn articles(db: &Db, law_id: i64) -> sqlx::Result<Vec<ArticleRow>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT ordinal, number, heading, text FROM law_articles WHERE law_id = $1 ORDER BY ordinal")
            .bind(law_id)
            .fetch_all(p)
            .await
    })
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    with_db!(db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM laws")
            .fetch_one(p)
            .await
    })
}
