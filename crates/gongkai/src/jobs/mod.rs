//! Background jobs: a table in the database, enqueued in the same transaction as
//! the change that needs them, claimed safely (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL; SQLite has one writer), retried with exponential backoff.

pub mod admin;
pub mod service;

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::clock::now;
use crate::db::{Backend, Db, Page, Tx};
use crate::state::AppState;
use crate::{with_db, with_tx};

/// A job that has run this long without finishing is taken to have died with its
/// worker and is claimed again.
const STALE_AFTER_MINUTES: i64 = 15;

code_enum!(
    /// The kinds of job this build knows. Each is run by the handler its capability
    /// registers (`register`; the wiring in `app::install_jobs`).
    Kind {
        SessionCleanup = ("session_cleanup", "清理过期会话"),
        ValidityExpire = ("validity_expire", "规范性文件到期失效"),
        FoiDaily = ("foi_daily", "依申请公开每日任务"),
        PenaltyExpire = ("penalty_expire", "处罚公示期满撤下"),
        ScheduledPublish = ("scheduled_publish", "定时发布"),
        PushChanges = ("push_changes", "向市级文件库推送"),
        PolicyPush = ("policy_push", "政策精准推送：匹配与发送"),
        InteractDaily = ("interact_daily", "政民互动每日任务"),
        SiteCheck = ("site_check", "网站巡检"),
        AuditAnchor = ("audit_anchor", "记录审计日志锚点"),
        OrdersDaily = ("orders_daily", "诉求工单每日提醒"),
        OrdersPushBack = ("orders_push_back", "诉求工单结果回传"),
    }
);

/// Hourly: expired sessions and old finished jobs are removed (the kernel's own).
pub const SESSION_CLEANUP: Kind = Kind::SessionCleanup;
/// Daily: normative documents past 有效期至 become 失效.
pub const VALIDITY_EXPIRE: Kind = Kind::ValidityExpire;
pub const FOI_DAILY: Kind = Kind::FoiDaily;
pub const PENALTY_EXPIRE: Kind = Kind::PenaltyExpire;
/// Daily: 政民互动 retention of writers' personal data.
pub const INTERACT_DAILY: Kind = Kind::InteractDaily;
/// Every minute: publish documents approved for a time that has come.
pub const SCHEDULED_PUBLISH: Kind = Kind::ScheduledPublish;
/// Every minute (when `push.endpoint` is set): deliver change records to the
/// city-wide document library.
pub const PUSH_CHANGES: Kind = Kind::PushChanges;
/// Daily (and on demand): the portal's links and columns are checked.
pub const SITE_CHECK: Kind = Kind::SiteCheck;

/// What runs a job: a capability's function boxed by the wiring.
pub type Handler = for<'a> fn(
    &'a AppState,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = anyhow::Result<()>> + Send + 'a>,
>;

/// The handlers registered on this node, by kind.
#[derive(Default)]
pub struct Handlers(std::sync::RwLock<std::collections::HashMap<Kind, Handler>>);

/// Register the handler of a kind (done once per node by `app::install_jobs`).
pub fn register(state: &AppState, kind: Kind, handler: Handler) {
    let handlers = state.part::<Handlers>();
    let mut map = match handlers.0.write() {
        Ok(m) => m,
        Err(p) => p.into_inner(),
    };
    map.insert(kind, handler);
}

fn handler(state: &AppState, kind: Kind) -> Option<Handler> {
    let handlers = state.part::<Handlers>();
    let map = match handlers.0.read() {
        Ok(m) => m,
        Err(p) => p.into_inner(),
    };
    map.get(&kind).copied()
}

/// Periodic jobs and how often they run (seconds).
const PERIODIC: [(Kind, i64); 12] = [
    (SITE_CHECK, 24 * 3600),
    (FOI_DAILY, 24 * 3600),
    (PENALTY_EXPIRE, 24 * 3600),
    (INTERACT_DAILY, 24 * 3600),
    (SESSION_CLEANUP, 3600),
    (VALIDITY_EXPIRE, 24 * 3600),
    (SCHEDULED_PUBLISH, 60),
    (PUSH_CHANGES, 60),
    (Kind::PolicyPush, 60),
    (Kind::AuditAnchor, 24 * 3600),
    (Kind::OrdersDaily, 24 * 3600),
    (Kind::OrdersPushBack, 60),
];

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

const COLS: &str =
    "id, kind, payload, state, attempts, max_attempts, run_at, last_error, created_at, finished_at";

/// Enqueue inside the caller's transaction.
pub async fn enqueue(
    tx: &mut Tx,
    kind: Kind,
    payload: &serde_json::Value,
    run_at: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
             VALUES ($1, $2, 'queued', 0, 5, $3, $4) RETURNING id",
        )
        .bind(kind)
        .bind(payload.to_string())
        .bind(run_at)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

/// Backoff before attempt `n + 1`: 10 s, 20 s, 40 s … capped at one hour.
pub fn backoff(attempts: i64) -> Duration {
    let secs = 10i64.saturating_mul(1i64 << attempts.clamp(0, 20));
    Duration::seconds(secs.min(3600))
}

/// Claim the next due job (or one abandoned by a dead worker).
pub async fn claim(db: &Db) -> sqlx::Result<Option<Job>> {
    let t = now();
    let stale = t - Duration::minutes(STALE_AFTER_MINUTES);
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', locked_at = $1, attempts = attempts + 1 WHERE id = (\
           SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= $1) OR (state = 'running' AND locked_at < $2) \
           ORDER BY run_at, id LIMIT 1{lock}) RETURNING {COLS}"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(t)
        .bind(stale)
        .fetch_optional(p)
        .await)
}

pub async fn complete(db: &Db, id: i64) -> sqlx::Result<()> {
    with_db!(db, |p| {
        sqlx::query("UPDATE jobs SET state = 'done', finished_at = $1, locked_at = NULL, last_error = NULL WHERE id = $2")
            .bind(now())
            .bind(id)
            .execute(p)
            .await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Record a failure: back to the queue with backoff, or `failed` after the last attempt.
pub async fn fail(db: &Db, job: &Job, error: &str) -> sqlx::Result<&'static str> {
    let error: String = error.chars().take(2000).collect();
    let (state, run_at, finished) = if job.attempts >= job.max_attempts {
        ("failed", job.run_at, Some(now()))
    } else {
        ("queued", now() + backoff(job.attempts), None)
    };
    with_db!(db, |p| {
        sqlx::query(
            "UPDATE jobs SET state = $1, run_at = $2, finished_at = $3, last_error = $4, locked_at = NULL WHERE id = $5",
        )
        .bind(state)
        .bind(run_at)
        .bind(finished)
        .bind(&error)
        .bind(job.id)
        .execute(p)
        .await.map(|r| r.rows_affected())
    })?;
    Ok(state)
}

/// Run one job: the kernel's own session cleanup, or the handler registered
/// for its kind.
async fn dispatch(state: &AppState, job: &Job) -> anyhow::Result<()> {
    let Some(kind) = Kind::parse(&job.kind) else {
        anyhow::bail!("未知的任务类型：{}", job.kind);
    };
    if kind == Kind::SessionCleanup {
        let n = crate::auth::store::delete_expired_sessions(&state.db).await?;
        let pruned = prune_finished(&state.db).await?;
        tracing::info!(
            sessions.deleted = n,
            jobs.pruned = pruned,
            "expired sessions and old finished jobs removed"
        );
        return Ok(());
    }
    match handler(state, kind) {
        Some(run) => run(state).await,
        None => anyhow::bail!("任务类型未注册处理程序：{}", kind.code()),
    }
}

/// Forget jobs that finished successfully more than a week ago (failed ones stay
/// until retried).
pub async fn prune_finished(db: &Db) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query("DELETE FROM jobs WHERE state = 'done' AND finished_at < $1")
            .bind(now() - Duration::days(7))
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Claim and run one job; `false` when there was none.
pub async fn run_once(state: &AppState) -> anyhow::Result<bool> {
    let Some(job) = claim(&state.db).await? else {
        return Ok(false);
    };
    let span = tracing::info_span!("job", job.id = job.id, job.kind = %job.kind, job.attempt = job.attempts);
    let _enter = span.enter();
    match dispatch(state, &job).await {
        Ok(()) => {
            complete(&state.db, job.id).await?;
            state.metrics.record_job(&job.kind, "done");
            // Scheduled publication, expiry …: public pages may have changed.
            crate::web::pagecache::invalidate(state);
        }
        Err(e) => {
            let outcome = fail(&state.db, &job, &format!("{e:#}")).await?;
            tracing::warn!(error = %e, outcome, "job failed");
            state.metrics.record_job(
                &job.kind,
                if outcome == "failed" {
                    "failed"
                } else {
                    "retry"
                },
            );
        }
    }
    Ok(true)
}

/// Make sure each periodic job is queued once, due one interval after its last run.
pub async fn schedule_periodic(db: &Db, settings: &crate::config::Settings) -> sqlx::Result<()> {
    for (kind, every) in PERIODIC {
        if kind == PUSH_CHANGES && settings.push.endpoint.is_empty()
            || kind == Kind::OrdersPushBack && settings.orders.push_back_url.is_empty()
        {
            continue;
        }
        let pending: i64 = with_db!(db, |p| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND state IN ('queued', 'running')",
            )
            .bind(kind)
            .fetch_one(p)
            .await
        })?;
        if pending > 0 {
            continue;
        }
        let last: Option<DateTime<Utc>> = with_db!(db, |p| {
            sqlx::query_scalar("SELECT MAX(created_at) FROM jobs WHERE kind = $1")
                .bind(kind)
                .fetch_one(p)
                .await
        })?;
        let due = last
            .map(|l| l + Duration::seconds(every))
            .unwrap_or_else(now)
            .max(now());
        let mut tx = db.begin().await?;
        enqueue(&mut tx, kind, &serde_json::json!({}), due).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The runner loop used by `serve` and `worker`, until `shutdown` fires.
pub async fn run_worker(state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let poll = StdDuration::from_millis(state.settings.jobs.poll_ms);
    let mut last_schedule = std::time::Instant::now() - StdDuration::from_secs(3600);
    loop {
        if *shutdown.borrow() {
            break;
        }
        if last_schedule.elapsed() > StdDuration::from_secs(60) {
            if let Err(e) = schedule_periodic(&state.db, &state.settings).await {
                tracing::warn!(error = %e, "could not schedule periodic jobs");
            }
            last_schedule = std::time::Instant::now();
        }
        let worked = match run_once(&state).await {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!(error = %e, "job runner error");
                false
            }
        };
        if !worked {
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
}

pub async fn list(db: &Db, state_filter: &str, page: Page) -> sqlx::Result<(Vec<Job>, i64)> {
    let sql =
        format!("SELECT {COLS} FROM jobs WHERE state = $1 ORDER BY id DESC LIMIT $2 OFFSET $3");
    with_db!(db, |p| {
        let rows = sqlx::query_as(&sql)
            .bind(state_filter)
            .bind(page.size)
            .bind(page.offset())
            .fetch_all(p)
            .await?;
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE state = $1")
            .bind(state_filter)
            .fetch_one(p)
            .await?;
        Ok((rows, total))
    })
}

/// Counts by state, for the dashboard and metrics.
pub async fn counts(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state")
            .fetch_all(p)
            .await
    })
}

/// Put a failed job back in the queue, with fresh attempts.
pub async fn retry(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, finished_at = NULL WHERE id = $2 AND state = 'failed'",
        )
        .bind(t)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The list of background jobs and their retry.
pub fn routes() -> crate::web::routes::Routes {
    use crate::auth::roles::Permission;
    use axum::routing::{get, post};
    crate::web::routes::Routes::new()
        .staff(
            "/admin/jobs",
            Permission::ManageJobs,
            Some(get(crate::jobs::admin::list)),
            None,
        )
        .staff(
            "/admin/jobs/{id}/retry",
            Permission::ManageJobs,
            None,
            Some(post(crate::jobs::admin::retry)),
        )
        .nav(87, "/admin/jobs", "后台任务", Permission::ManageJobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(0), Duration::seconds(10));
        assert_eq!(backoff(1), Duration::seconds(20));
        assert_eq!(backoff(3), Duration::seconds(80));
        assert_eq!(backoff(30), Duration::seconds(3600));
        assert_eq!(backoff(-1), Duration::seconds(10));
    }
}
