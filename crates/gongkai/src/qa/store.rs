//! Storage of 智能小城: the FAQ entries and their versions, the questions asked.

use chrono::{DateTime, Utc};

use super::model::{Entry, Source};
use crate::db::{Db, Page, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub faq_id: String,
    pub category: String,
    pub question: String,
    pub answer: String,
    pub sources: String,
    pub paraphrases: String,
    pub active: bool,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

impl EntryRow {
    pub fn sources(&self) -> Vec<Source> {
        serde_json::from_str(&self.sources).unwrap_or_default()
    }
    pub fn paraphrase_list(&self) -> Vec<String> {
        self.paraphrases
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }
    pub fn to_entry(&self) -> Entry {
        Entry {
            faq_id: self.faq_id.clone(),
            category: self.category.clone(),
            question: self.question.clone(),
            answer: self.answer.clone(),
            sources: self.sources(),
            paraphrases: self.paraphrase_list(),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub category: String,
    pub question: String,
    pub answer: String,
    pub sources: String,
    pub paraphrases: String,
    pub active: bool,
    pub actor: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub question: String,
    pub faq_id: Option<String>,
    pub confidence: f64,
    pub declined: bool,
    pub feedback: String,
    pub handled: bool,
    pub asked_at: DateTime<Utc>,
}

const COLS: &str =
    "id, faq_id, category, question, answer, sources, paraphrases, active, version, updated_at";

pub async fn active_entries(db: &Db) -> sqlx::Result<Vec<EntryRow>> {
    let sql = format!("SELECT {COLS} FROM qa_entries WHERE active ORDER BY faq_id");
    with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })
}

/// What changes whenever an entry changes: the number of entries and the sum of
/// their versions (every change adds a version).
pub async fn stamp(db: &Db) -> sqlx::Result<(i64, i64)> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM qa_entries")
            .fetch_one(p)
            .await
    })
}

/// A page of entries, all or those whose text contains `q`.
pub async fn list(db: &Db, q: &str, page: Page) -> sqlx::Result<(Vec<EntryRow>, i64)> {
    let like = format!("%{}%", q.replace(['%', '_'], ""));
    let filter = "($1 = '' OR faq_id LIKE $2 OR question LIKE $2 OR answer LIKE $2 OR paraphrases LIKE $2 OR category LIKE $2)";
    let sql = format!(
        "SELECT {COLS} FROM qa_entries WHERE {filter} ORDER BY faq_id LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM qa_entries WHERE {filter}");
    let rows = with_db!(db, |p| {
        sqlx::query_as(&sql).bind(q).bind(&like).fetch_all(p).await
    })?;
    let (total,): (i64,) = with_db!(db, |p| {
        sqlx::query_as(&count)
            .bind(q)
            .bind(&like)
            .fetch_one(p)
            .await
    })?;
    Ok((rows, total))
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<EntryRow>> {
    let sql = format!("SELECT {COLS} FROM qa_entries WHERE id = $1");
    with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })
}

pub async fn get_tx(tx: &mut Tx, id: i64) -> sqlx::Result<Option<EntryRow>> {
    let sql = format!("SELECT {COLS} FROM qa_entries WHERE id = $1");
    with_tx!(tx, |c| {
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut **c).await
    })
}

pub async fn by_faq_id(db: &Db, faq_id: &str) -> sqlx::Result<Option<EntryRow>> {
    let sql = format!("SELECT {COLS} FROM qa_entries WHERE faq_id = $1");
    with_db!(db, |p| {
        sqlx::query_as(&sql).bind(faq_id).fetch_optional(p).await
    })
}

/// The next free id in the faq-NNN series.
pub async fn next_faq_id(tx: &mut Tx) -> sqlx::Result<String> {
    let ids: Vec<(String,)> = with_tx!(tx, |c| {
        sqlx::query_as("SELECT faq_id FROM qa_entries")
            .fetch_all(&mut **c)
            .await
    })?;
    let max = ids
        .iter()
        .filter_map(|(i,)| i.strip_prefix("faq-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("faq-{:03}", max + 1))
}

fn sources_json(e: &Entry) -> String {
    serde_json::to_string(&e.sources).unwrap_or_else(|_| "[]".into())
}

/// Insert an entry at version 1 (and its version row); None when its faq id exists.
pub async fn insert(tx: &mut Tx, e: &Entry, actor: &str) -> sqlx::Result<Option<i64>> {
    let now = crate::clock::now();
    let id: Option<(i64,)> = with_tx!(tx, |c| {
        sqlx::query_as(
            "INSERT INTO qa_entries (faq_id, category, question, answer, sources, paraphrases, active, version, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, TRUE, 1, $7) ON CONFLICT (faq_id) DO NOTHING RETURNING id",
        )
        .bind(&e.faq_id)
        .bind(&e.category)
        .bind(&e.question)
        .bind(&e.answer)
        .bind(sources_json(e))
        .bind(e.paraphrases.join("\n"))
        .bind(now)
        .fetch_optional(&mut **c)
        .await
    })?;
    if let Some((id,)) = id {
        insert_version(tx, id, 1, e, true, actor, now).await?;
    }
    Ok(id.map(|(i,)| i))
}

async fn insert_version(
    tx: &mut Tx,
    id: i64,
    version: i64,
    e: &Entry,
    active: bool,
    actor: &str,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO qa_entry_versions (entry_id, version, category, question, answer, sources, paraphrases, active, actor, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(version)
        .bind(&e.category)
        .bind(&e.question)
        .bind(&e.answer)
        .bind(sources_json(e))
        .bind(e.paraphrases.join("\n"))
        .bind(active)
        .bind(actor)
        .bind(at)
        .execute(&mut **c)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Save a new version of entry `id` if it is still at `version`; false when someone
/// saved another version in between.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    e: &Entry,
    active: bool,
    actor: &str,
) -> sqlx::Result<bool> {
    let now = crate::clock::now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE qa_entries SET category = $1, question = $2, answer = $3, sources = $4, paraphrases = $5,
               active = $6, version = version + 1, updated_at = $7 WHERE id = $8 AND version = $9",
        )
        .bind(&e.category)
        .bind(&e.question)
        .bind(&e.answer)
        .bind(sources_json(e))
        .bind(e.paraphrases.join("\n"))
        .bind(active)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n == 1 {
        insert_version(tx, id, version + 1, e, active, actor, now).await?;
    }
    Ok(n == 1)
}

pub async fn versions(db: &Db, id: i64) -> sqlx::Result<Vec<VersionRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT version, category, question, answer, sources, paraphrases, active, actor, at
             FROM qa_entry_versions WHERE entry_id = $1 ORDER BY version DESC",
        )
        .bind(id)
        .fetch_all(p)
        .await
    })
}

/// Log a question (already de-identified); returns its id.
pub async fn log_question(
    db: &Db,
    question: &str,
    faq_id: Option<&str>,
    confidence: f64,
    declined: bool,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = with_db!(db, |p| {
        sqlx::query_as(
            "INSERT INTO qa_questions (question, faq_id, confidence, declined, asked_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(question)
        .bind(faq_id)
        .bind(confidence)
        .bind(declined)
        .bind(crate::clock::now())
        .fetch_one(p)
        .await
    })?;
    Ok(id)
}

/// Record 有用 / 没用 once per question; false when it had feedback already.
pub async fn set_feedback(db: &Db, id: i64, useful: bool) -> sqlx::Result<bool> {
    let n = with_db!(db, |p| {
        sqlx::query("UPDATE qa_questions SET feedback = $1 WHERE id = $2 AND feedback = ''")
            .bind(if useful { "useful" } else { "useless" })
            .bind(id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

const Q_COLS: &str = "id, question, faq_id, confidence, declined, feedback, handled, asked_at";
const OPEN: &str = "NOT handled AND (declined OR feedback = 'useless')";

/// The questions staff should look at: declined or marked 没用, not yet handled.
pub async fn open_questions(db: &Db, page: Page) -> sqlx::Result<(Vec<QuestionRow>, i64)> {
    let sql = format!(
        "SELECT {Q_COLS} FROM qa_questions WHERE {OPEN} ORDER BY asked_at DESC, id DESC LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM qa_questions WHERE {OPEN}");
    let rows = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let (total,): (i64,) = with_db!(db, |p| { sqlx::query_as(&count).fetch_one(p).await })?;
    Ok((rows, total))
}

pub async fn question(db: &Db, id: i64) -> sqlx::Result<Option<QuestionRow>> {
    let sql = format!("SELECT {Q_COLS} FROM qa_questions WHERE id = $1");
    with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })
}

/// Mark a question handled; false when it was already.
pub async fn mark_handled(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE qa_questions SET handled = TRUE WHERE id = $1 AND NOT handled")
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Counts for the back office: (questions in the last 30 days, declined, 有用, 没用).
pub async fn question_stats(db: &Db) -> sqlx::Result<(i64, i64, i64, i64)> {
    let since = crate::clock::now() - chrono::Duration::days(30);
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT COUNT(*),
                    CAST(COALESCE(SUM(CASE WHEN declined THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN feedback = 'useful' THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN feedback = 'useless' THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM qa_questions WHERE asked_at >= $1",
        )
        .bind(since)
        .fetch_one(p)
        .await
    })
}

/// A law's page and the article's position on it, for a source link.
pub async fn law_link(
    db: &Db,
    law: &str,
    path: &str,
    article: &str,
) -> sqlx::Result<Option<(i64, Option<i64>)>> {
    let found: Option<(i64,)> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id FROM laws WHERE path = $1 OR (title = $2 AND NOT expired) ORDER BY (path = $1) DESC, id DESC LIMIT 1",
        )
        .bind(path)
        .bind(law)
        .fetch_optional(p)
        .await
    })?;
    let Some((law_id,)) = found else {
        return Ok(None);
    };
    let ordinal: Option<(i64,)> = with_db!(db, |p| {
        sqlx::query_as("SELECT ordinal FROM law_articles WHERE law_id = $1 AND number = $2 LIMIT 1")
            .bind(law_id)
            .bind(article)
            .fetch_optional(p)
            .await
    })?;
    Ok(Some((law_id, ordinal.map(|(o,)| o))))
}

/// The stored sentence vectors of one model: (text hash, vector in hex).
pub async fn vectors(db: &Db, model: &str) -> sqlx::Result<Vec<(String, String)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT text_hash, vector FROM qa_vectors WHERE model = $1")
            .bind(model)
            .fetch_all(p)
            .await
    })
}

/// Store sentence vectors (text hash, vector in hex) of one model; a vector stored
/// already (by another node at the same time) is kept.
pub async fn save_vectors(db: &Db, model: &str, rows: &[(String, String)]) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    for (hash, vector) in rows {
        with_tx!(&mut tx, |c| {
            sqlx::query(
                "INSERT INTO qa_vectors (model, text_hash, vector) VALUES ($1, $2, $3)
                 ON CONFLICT (model, text_hash) DO NOTHING",
            )
            .bind(model)
            .bind(hash)
            .bind(vector)
            .execute(&mut **c)
            .await
            .map(|_| ())
        })?;
    }
    tx.commit().await
}
