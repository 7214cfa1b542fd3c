//! Queries for the 主题分类 tree.

use serde::Serialize;

use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Topic {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

pub async fn topics(db: &Db) -> sqlx::Result<Vec<Topic>> {
    with_db!(db, |p| sqlx::query_as(
        "SELECT id, parent_id, name FROM topics ORDER BY sort_order, id"
    )
    .fetch_all(p)
    .await)
}

/// Find or create a topic by its path (`市场监管、安全生产监管\工商`).
pub async fn topic_by_path(tx: &mut Tx, path: &str) -> sqlx::Result<Option<i64>> {
    let mut parent: Option<i64> = None;
    for (i, name) in path
        .split(['\\', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        let existing: Option<i64> = with_tx!(tx, |c| {
            sqlx::query_scalar(
                "SELECT id FROM topics WHERE name = $1 AND COALESCE(parent_id, 0) = $2",
            )
            .bind(name)
            .bind(parent.unwrap_or(0))
            .fetch_optional(&mut **c)
            .await
        })?;
        let id = match existing {
            Some(id) => id,
            None => with_tx!(tx, |c| {
                sqlx::query_scalar("INSERT INTO topics (parent_id, name, sort_order) VALUES ($1, $2, $3) RETURNING id")
                    .bind(parent)
                    .bind(name)
                    .bind(i as i64 * 1000)
                    .fetch_one(&mut **c)
                    .await
            })?,
        };
        parent = Some(id);
    }
    Ok(parent)
}

/// A topic and every topic below it.
pub fn topic_subtree(all: &[Topic], root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let cur = out[i];
        out.extend(
            all.iter()
                .filter(|t| t.parent_id == Some(cur))
                .map(|t| t.id),
        );
        i += 1;
        if out.len() > all.len() + 1 {
            break;
        }
    }
    out
}

/// `上级\下级` for display.
pub fn topic_path(all: &[Topic], id: Option<i64>) -> String {
    let mut parts = Vec::new();
    let mut cur = id;
    let mut guard = 0;
    while let Some(i) = cur {
        let Some(t) = all.iter().find(|t| t.id == i) else {
            break;
        };
        parts.push(t.name.clone());
        cur = t.parent_id;
        guard += 1;
        if guard > 10 {
            break;
        }
    }
    parts.reverse();
    parts.join(" › ")
}

/// The national 主题分类 of the gov.cn policy library (top level).
pub const NATIONAL_TOPICS: [&str; 22] = [
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
];

pub async fn seed_topics(db: &Db) -> sqlx::Result<()> {
    let n: i64 = with_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM topics")
        .fetch_one(p)
        .await)?;
    if n > 0 {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (i, name) in NATIONAL_TOPICS.iter().enumerate() {
        with_tx!(&mut tx, |c| {
            sqlx::query("INSERT INTO topics (parent_id, name, sort_order) VALUES (NULL, $1, $2)")
                .bind(*name)
                .bind(i as i64)
                .execute(&mut **c)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    tx.commit().await
}

/// A new topic below `parent` (None = top level), sorted after the existing ones.
pub async fn create_topic(
    tx: &mut Tx,
    parent: Option<i64>,
    name: &str,
    sort_order: i64,
) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO topics (parent_id, name, sort_order) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(parent)
        .bind(name)
        .bind(sort_order)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn rename_topic(tx: &mut Tx, id: i64, name: &str) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE topics SET name = $1 WHERE id = $2"
    )
    .bind(name)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}
