//! Storage and import of the 法规库.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::parse::Heading;
use crate::db::{Db, Page};
use crate::with_db;

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

/// The law files of a folder (markdown, without the corpus' README and template), sorted.
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
