//! Runs, findings and column rules of 网站巡检.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::crawl::Found;
use super::model::{FindingKind, Rule, Source, Unit};
use crate::clock::now;
use crate::db::{Db, Page, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RunRow {
    pub id: i64,
    pub trigger_kind: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub pages: i64,
    pub links: i64,
    pub externals: i64,
    pub failures: i64,
    pub warnings: i64,
    pub new_failures: i64,
    pub note: String,
}

const RUN_COLS: &str = "id, trigger_kind, started_at, finished_at, pages, links, externals, failures, warnings, new_failures, note";

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FindingRow {
    pub id: i64,
    pub run_id: i64,
    pub kind: FindingKind,
    pub url: String,
    pub page: String,
    pub status: Option<i64>,
    pub detail: String,
    pub is_new: bool,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ColumnRow {
    pub id: i64,
    pub name: String,
    pub path: String,
    pub source: Source,
    pub source_ref: String,
    pub every_n: i64,
    pub every_unit: Unit,
    pub active: bool,
    pub sort_order: i64,
}

impl ColumnRow {
    pub fn rule(&self) -> Rule {
        Rule {
            n: u32::try_from(self.every_n).unwrap_or(1),
            unit: self.every_unit,
        }
    }
}

/// A run waiting for the job (started from the back office), or a new one.
pub async fn open_run(tx: &mut Tx, trigger: &str) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO sitecheck_runs (trigger_kind, started_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(trigger)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

/// The oldest run not finished yet (queued from the back office).
pub async fn pending_run(db: &Db) -> sqlx::Result<Option<i64>> {
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT id FROM sitecheck_runs WHERE finished_at IS NULL ORDER BY id LIMIT 1",
        )
        .fetch_optional(p)
        .await
    })
}

/// The keys (kind + url) of the failures of the last finished run before `run_id`.
pub async fn previous_failures(db: &Db, run_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT kind, url FROM sitecheck_findings WHERE run_id = \
             (SELECT MAX(id) FROM sitecheck_runs WHERE id < $1 AND finished_at IS NOT NULL)",
        )
        .bind(run_id)
        .fetch_all(p)
        .await
    })
}

pub struct Totals {
    pub pages: i64,
    pub links: i64,
    pub externals: i64,
    pub note: String,
}

/// Store the findings (each marked new or not) and close the run.
pub async fn finish_run(
    tx: &mut Tx,
    run_id: i64,
    findings: &[(Found, bool)],
    t: &Totals,
) -> sqlx::Result<()> {
    for (f, is_new) in findings {
        with_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO sitecheck_findings (run_id, kind, url, page, status, detail, is_new) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(run_id)
            .bind(f.kind)
            .bind(&f.url)
            .bind(&f.page)
            .bind(f.status)
            .bind(&f.detail)
            .bind(*is_new)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    let failures = findings.iter().filter(|(f, _)| f.kind.is_failure()).count() as i64;
    let new_failures = findings
        .iter()
        .filter(|(f, n)| *n && f.kind.is_failure())
        .count() as i64;
    let warnings = findings.len() as i64 - failures;
    let at = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE sitecheck_runs SET finished_at = $1, pages = $2, links = $3, externals = $4, \
             failures = $5, warnings = $6, new_failures = $7, note = $8 WHERE id = $9",
        )
        .bind(at)
        .bind(t.pages)
        .bind(t.links)
        .bind(t.externals)
        .bind(failures)
        .bind(warnings)
        .bind(new_failures)
        .bind(&t.note)
        .bind(run_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn runs(db: &Db, page: Page) -> sqlx::Result<(Vec<RunRow>, i64)> {
    let sql = format!("SELECT {RUN_COLS} FROM sitecheck_runs ORDER BY id DESC LIMIT $1 OFFSET $2");
    with_db!(db, |p| {
        let rows = sqlx::query_as(&sql)
            .bind(page.size)
            .bind(page.offset())
            .fetch_all(p)
            .await?;
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sitecheck_runs")
            .fetch_one(p)
            .await?;
        Ok((rows, total))
    })
}

pub async fn run(db: &Db, id: i64) -> sqlx::Result<RunRow> {
    let sql = format!("SELECT {RUN_COLS} FROM sitecheck_runs WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

/// The last finished run, for the dashboard warning.
pub async fn last_finished(db: &Db) -> sqlx::Result<Option<RunRow>> {
    let sql = format!(
        "SELECT {RUN_COLS} FROM sitecheck_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"
    );
    with_db!(db, |p| sqlx::query_as(&sql).fetch_optional(p).await)
}

/// A run's content warnings: all of them, and those of unmasked personal data.
pub async fn content_counts(db: &Db, run_id: i64) -> sqlx::Result<(i64, i64)> {
    let kinds = FindingKind::ALL
        .iter()
        .filter(|k| k.is_content())
        .map(|k| format!("'{}'", k.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN kind = $2 THEN 1 ELSE 0 END), 0) \
         FROM sitecheck_findings WHERE run_id = $1 AND kind IN ({kinds})"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(run_id)
        .bind(FindingKind::PersonalData)
        .fetch_one(p)
        .await)
}

/// A run's findings: new failures first, then other failures, then warnings.
pub async fn findings(db: &Db, run_id: i64, page: Page) -> sqlx::Result<(Vec<FindingRow>, i64)> {
    let failures = FindingKind::ALL
        .iter()
        .filter(|k| k.is_failure())
        .map(|k| format!("'{}'", k.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT id, run_id, kind, url, page, status, detail, is_new FROM sitecheck_findings WHERE run_id = $1 \
         ORDER BY CASE WHEN kind IN ({failures}) THEN (CASE WHEN is_new THEN 0 ELSE 1 END) ELSE 2 END, kind, url, id \
         LIMIT $2 OFFSET $3"
    );
    with_db!(db, |p| {
        let rows = sqlx::query_as(&sql)
            .bind(run_id)
            .bind(page.size)
            .bind(page.offset())
            .fetch_all(p)
            .await?;
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sitecheck_findings WHERE run_id = $1")
                .bind(run_id)
                .fetch_one(p)
                .await?;
        Ok((rows, total))
    })
}

/// Every finding of a run (the .xlsx export).
pub async fn all_findings(db: &Db, run_id: i64) -> sqlx::Result<Vec<FindingRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, run_id, kind, url, page, status, detail, is_new FROM sitecheck_findings \
             WHERE run_id = $1 ORDER BY kind, url, id",
        )
        .bind(run_id)
        .fetch_all(p)
        .await
    })
}

pub async fn columns(db: &Db) -> sqlx::Result<Vec<ColumnRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, name, path, source, source_ref, every_n, every_unit, active, sort_order \
             FROM sitecheck_columns ORDER BY sort_order, id",
        )
        .fetch_all(p)
        .await
    })
}

pub struct ColumnInput {
    pub name: String,
    pub path: String,
    pub source: Source,
    pub source_ref: String,
    pub every_n: i64,
    pub every_unit: Unit,
    pub active: bool,
}

pub async fn add_column(tx: &mut Tx, c: &ColumnInput) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO sitecheck_columns (name, path, source, source_ref, every_n, every_unit, active, sort_order) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM sitecheck_columns)) RETURNING id",
        )
        .bind(&c.name)
        .bind(&c.path)
        .bind(c.source)
        .bind(&c.source_ref)
        .bind(c.every_n)
        .bind(c.every_unit)
        .bind(c.active)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn update_column(tx: &mut Tx, id: i64, c: &ColumnInput) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE sitecheck_columns SET name = $1, path = $2, source = $3, source_ref = $4, every_n = $5, \
             every_unit = $6, active = $7 WHERE id = $8",
        )
        .bind(&c.name)
        .bind(&c.path)
        .bind(c.source)
        .bind(&c.source_ref)
        .bind(c.every_n)
        .bind(c.every_unit)
        .bind(c.active)
        .bind(id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The day a column last received a public item, or `None` when it has none.
pub async fn last_update(db: &Db, c: &ColumnRow) -> sqlx::Result<Option<NaiveDate>> {
    let public = crate::docs::store::PUBLIC;
    match c.source {
        Source::DocColumn => {
            let sql = format!(
                "SELECT MAX(published_on) FROM documents WHERE {public} AND column_kind = $1"
            );
            with_db!(db, |p| sqlx::query_scalar(&sql)
                .bind(&c.source_ref)
                .fetch_one(p)
                .await)
        }
        Source::DocTopic => {
            let root: i64 = c.source_ref.trim().parse().unwrap_or(0);
            let all = crate::docs::store::topics(db).await?;
            let ids = crate::docs::store::topic_subtree(&all, root);
            if ids.is_empty() {
                return Ok(None);
            }
            let list = ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT MAX(published_on) FROM documents WHERE {public} AND topic_id IN ({list})"
            );
            with_db!(db, |p| sqlx::query_scalar(&sql).fetch_one(p).await)
        }
        Source::Penalties => {
            let sql = format!(
                "SELECT MAX(published_on) FROM penalty_cases WHERE {}",
                crate::penalty::store::PUBLIC
            );
            with_db!(db, |p| sqlx::query_scalar(&sql).fetch_one(p).await)
        }
    }
}

/// A run's findings about one page: those whose address is `key` or that were
/// found on it (a broken link on the page), failures first, at most 100.
pub async fn findings_for(db: &Db, run_id: i64, key: &str) -> sqlx::Result<Vec<FindingRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, run_id, kind, url, page, status, detail, is_new FROM sitecheck_findings \
             WHERE run_id = $1 AND (url = $2 OR page = $2) ORDER BY kind, url, id LIMIT 100",
        )
        .bind(run_id)
        .bind(key)
        .fetch_all(p)
        .await
    })
}

/// A run's addresses and pages with the number of findings on each (for the 找错
/// reports shown with a run).
pub async fn finding_keys(db: &Db, run_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT url, page FROM sitecheck_findings WHERE run_id = $1")
            .bind(run_id)
            .fetch_all(p)
            .await
    })
}
