//! Background jobs: transactional enqueue, running, retries, failure, retry from the back office.

use gongkai::auth::roles::Role;
use gongkai::jobs;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, location, spawn};

both!(
    enqueue_is_transactional_and_cleanup_runs,
    failing_job_backs_off_then_fails_and_can_be_retried,
    periodic_schedule_is_deduplicated
);

async fn enqueue_is_transactional_and_cleanup_runs(b: Backend) {
    let app = spawn(b).await;
    let now = gongkai::clock::now();
    // Rolled back: no job.
    let mut tx = app.db.begin().await.expect("tx");
    jobs::enqueue(&mut tx, jobs::SESSION_CLEANUP, &serde_json::json!({}), now)
        .await
        .expect("enqueue");
    drop(tx);
    assert!(
        !jobs::run_once(&app.state).await.expect("run"),
        "nothing queued after rollback"
    );

    // An expired session and a live one.
    let uid = app.user("gina", &[Role::Publisher]).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::auth::store::create_session(
        &mut tx,
        uid,
        chrono::Duration::seconds(-5),
        "127.0.0.1",
        "test",
    )
    .await
    .expect("expired");
    gongkai::auth::store::create_session(
        &mut tx,
        uid,
        chrono::Duration::hours(1),
        "127.0.0.1",
        "test",
    )
    .await
    .expect("live");
    jobs::enqueue(&mut tx, jobs::SESSION_CLEANUP, &serde_json::json!({}), now)
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(jobs::run_once(&app.state).await.expect("run"));
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1, "only the live session remains");
    let states = jobs::counts(&app.db).await.expect("counts");
    assert_eq!(states, vec![("done".to_string(), 1)]);
    let (_, metrics) = app.get_text("/metrics").await;
    assert!(
        metrics.contains(r#"gongkai_jobs_total{kind="session_cleanup",outcome="done"} 1"#),
        "{metrics}"
    );
}

async fn failing_job_backs_off_then_fails_and_can_be_retried(b: Backend) {
    let app = spawn(b).await;
    // A kind this build does not know (a row written by a newer build): it fails
    // like any failing job.
    let id: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
         VALUES ('no_such_kind', '{\"x\":1}', 'queued', 0, 5, $1, $1) RETURNING id"
    )
    .bind(gongkai::clock::now())
    .fetch_one(p)
    .await)
    .expect("insert");
    for attempt in 1..=5 {
        assert!(
            jobs::run_once(&app.state).await.expect("run"),
            "attempt {attempt} runs"
        );
        let (state, run_at): (String, chrono::DateTime<chrono::Utc>) =
            with_db!(&app.db, |p| sqlx::query_as(
                "SELECT state, run_at FROM jobs WHERE id = $1"
            )
            .bind(id)
            .fetch_one(p)
            .await)
            .expect("job");
        if attempt < 5 {
            assert_eq!(state, "queued");
            assert!(run_at > gongkai::clock::now(), "backed off");
            // Make it due again for the next attempt.
            with_db!(&app.db, |p| sqlx::query(
                "UPDATE jobs SET run_at = $1 WHERE id = $2"
            )
            .bind(gongkai::clock::now() - chrono::Duration::seconds(1))
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()))
            .expect("due");
        } else {
            assert_eq!(state, "failed");
        }
    }
    assert!(
        !jobs::run_once(&app.state).await.expect("run"),
        "failed jobs are not run again"
    );

    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let (_, html) = app.get_text("/admin/jobs").await;
    assert!(
        html.contains("no_such_kind") && html.contains("未知的任务类型") && html.contains("5/5")
    );
    let r = app.post(&format!("/admin/jobs/{id}/retry"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(location(&r), "/admin/jobs?state=queued");
    let state: String = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT state FROM jobs WHERE id = $1"
    )
    .bind(id)
    .fetch_one(p)
    .await)
    .expect("state");
    assert_eq!(state, "queued");
    let r = app.post(&format!("/admin/jobs/{id}/retry"), &[]).await;
    assert_eq!(r.status().as_u16(), 409, "only failed jobs can be retried");
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'job.retry'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(n, 1);
}

async fn periodic_schedule_is_deduplicated(b: Backend) {
    let app = spawn(b).await;
    jobs::schedule_periodic(&app.db, &app.state.settings)
        .await
        .expect("schedule");
    jobs::schedule_periodic(&app.db, &app.state.settings)
        .await
        .expect("schedule");
    let kinds: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT kind FROM jobs ORDER BY kind"
    )
    .fetch_all(p)
    .await)
    .expect("kinds");
    assert_eq!(
        kinds,
        [
            jobs::Kind::AuditAnchor,
            jobs::FOI_DAILY,
            jobs::INTERACT_DAILY,
            jobs::Kind::OrdersDaily,
            jobs::PENALTY_EXPIRE,
            jobs::Kind::PolicyPush,
            jobs::SCHEDULED_PUBLISH,
            jobs::SESSION_CLEANUP,
            jobs::SITE_CHECK,
            jobs::VALIDITY_EXPIRE
        ]
        .map(|k| k.code().to_string()),
        "one of each periodic job"
    );
    // Seven workers race for ten jobs: seven claims, no job claimed twice.
    let (a, b2, c, d, e, f, g) = tokio::join!(
        jobs::claim(&app.db),
        jobs::claim(&app.db),
        jobs::claim(&app.db),
        jobs::claim(&app.db),
        jobs::claim(&app.db),
        jobs::claim(&app.db),
        jobs::claim(&app.db)
    );
    let mut ids: Vec<i64> = [
        a.expect("claim"),
        b2.expect("claim"),
        c.expect("claim"),
        d.expect("claim"),
        e.expect("claim"),
        f.expect("claim"),
        g.expect("claim"),
    ]
    .into_iter()
    .flatten()
    .map(|j| j.id)
    .collect();
    assert_eq!(ids.len(), 7, "seven workers, seven claims");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7, "no job claimed twice");
    let last = jobs::claim(&app.db)
        .await
        .expect("claim")
        .expect("the eighth job");
    assert!(!ids.contains(&last.id));
    let ninth = jobs::claim(&app.db)
        .await
        .expect("claim")
        .expect("the ninth job");
    assert!(!ids.contains(&ninth.id) && ninth.id != last.id);
    let tenth = jobs::claim(&app.db)
        .await
        .expect("claim")
        .expect("the tenth job");
    assert!(!ids.contains(&tenth.id) && ![last.id, ninth.id].contains(&tenth.id));
    assert!(jobs::claim(&app.db).await.expect("claim").is_none());
}
