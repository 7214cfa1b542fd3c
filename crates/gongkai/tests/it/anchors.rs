//! Audit anchors: the daily chain head published at /audit/anchors(.atom), and
//! `audit verify --anchors` detecting a chain rewritten after publication (every
//! hash recomputed, head included, so that plain verify passes).

use gongkai::audit::{self, Actor, Entry};
use gongkai::db::{Backend, Db};
use gongkai::with_db;

use crate::both;
use crate::common::{TestApp, spawn};

both!(verify_with_anchors_detects_a_rewritten_chain);

async fn write(db: &Db, from: usize, n: usize) {
    for i in from..from + n {
        audit::append_now(
            db,
            &Actor::system(),
            audit::KernelAction::UnitUpdate,
            "unit",
            Some(i.to_string()),
            format!("第{i}次"),
        )
        .await
        .expect("append");
    }
}

/// `gongkai audit verify --anchors FROM` on the test's database: (exit code, stdout).
async fn cli_verify(app: &TestApp, from: &str) -> (i32, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["audit", "verify", "--anchors", from])
        .env("GONGKAI_CONFIG", app.tdb.dir.path().join("none.toml"))
        .env("GONGKAI__DATABASE__URL", &app.tdb.url)
        .env("GONGKAI__STORAGE__DATA_DIR", app.tdb.dir.path())
        .env("RUST_LOG", "error")
        .output()
        .await
        .expect("run gongkai");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Rewrite the chain from `seq` on as someone with full database access would:
/// change that entry, recompute every later hash and the head.
async fn rewrite_from(db: &Db, seq: i64) {
    match db.backend() {
        Backend::Sqlite => {
            for t in ["audit_log_no_update", "audit_log_no_delete"] {
                with_db!(db, |p| sqlx::query(&format!("DROP TRIGGER {t}"))
                    .execute(p)
                    .await
                    .map(|_| ()))
                .expect("drop");
            }
        }
        Backend::Postgres => with_db!(db, |p| sqlx::query(
            "DROP TRIGGER audit_log_no_update ON audit_log"
        )
        .execute(p)
        .await
        .map(|_| ()))
        .expect("drop"),
    }
    let entries: Vec<Entry> = with_db!(db, |p| sqlx::query_as(
        "SELECT seq, at, actor_id, actor, ip, action, object_type, object_id, summary, prev_hash, hash \
         FROM audit_log ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("entries");
    let mut prev = String::new();
    for mut e in entries {
        if e.seq < seq {
            prev = e.hash.clone();
            continue;
        }
        if e.seq == seq {
            e.summary = "改写后的内容".into();
        }
        e.prev_hash = prev.clone();
        e.hash = audit::entry_hash(&e);
        with_db!(db, |p| sqlx::query(
            "UPDATE audit_log SET summary = $1, prev_hash = $2, hash = $3 WHERE seq = $4"
        )
        .bind(&e.summary)
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .bind(e.seq)
        .execute(p)
        .await
        .map(|_| ()))
        .expect("rewrite");
        prev = e.hash;
    }
    with_db!(db, |p| sqlx::query(
        "UPDATE audit_head SET hash = $1 WHERE id = 1"
    )
    .bind(&prev)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("head");
}

async fn verify_with_anchors_detects_a_rewritten_chain(b: Backend) {
    let app = spawn(b).await;
    let db = &app.db;
    let today = gongkai::clock::today();
    let yesterday = today.pred_opt().expect("date");
    write(db, 0, 5).await;
    let store = |day| gongkai::anchors::store::record(db, day, gongkai::clock::now());
    assert!(store(yesterday).await.expect("anchor"));
    write(db, 5, 3).await;
    assert!(store(today).await.expect("anchor"));
    assert!(!store(today).await.expect("again"), "one anchor a day");
    // The daily job is idempotent too.
    gongkai::anchors::daily(&app.state).await.expect("job");
    let (head_seq, head_hash): (i64, String) = with_db!(db, |p| sqlx::query_as(
        "SELECT seq, hash FROM audit_head WHERE id = 1"
    )
    .fetch_one(p)
    .await)
    .expect("head");

    let (status, page) = app.get_text("/audit/anchors").await;
    assert_eq!(status, 200);
    assert!(page.contains(&head_hash) && page.contains("审计日志锚点"));
    let r = app.get("/audit/anchors.atom").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .is_ok_and(|c| c.starts_with("application/atom+xml"))
    );
    let feed = r.text().await.expect("feed");
    assert!(
        feed.contains(&format!("seq={head_seq} hash={head_hash}")),
        "{feed}"
    );
    let saved = app.tdb.dir.path().join("anchors.atom");
    std::fs::write(&saved, &feed).expect("save");
    let saved = saved.to_str().expect("path").to_string();

    let (problems, n) = gongkai::anchors::check(db, &feed).await.expect("check");
    assert_eq!((problems.len(), n), (0, 2), "{problems:?}");
    let (code, out) = cli_verify(&app, &saved).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("与 2 个已发布的锚点一致"), "{out}");

    // Rewritten from entry 3 on: plain verify cannot tell.
    rewrite_from(db, 3).await;
    let report = audit::verify(db).await.expect("verify");
    assert!(report.ok(), "{:?}", report.problems);
    // The published anchors can.
    let (problems, _) = gongkai::anchors::check(db, &feed).await.expect("check");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.contains("改写")), "{problems:?}");
    let (code, out) = cli_verify(&app, &saved).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("与已发布的锚点不符") && out.contains("改写"),
        "{out}"
    );
    // Fetched over HTTP from the portal: the same.
    let (code, out) = cli_verify(&app, &app.url("/audit/anchors.atom")).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("改写"), "{out}");
    // A file without anchors is an error, not a pass.
    let empty = app.tdb.dir.path().join("empty.txt");
    std::fs::write(&empty, "nothing").expect("write");
    let (code, out) = cli_verify(&app, empty.to_str().expect("path")).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("没有找到锚点"), "{out}");

    // Anchors are kept forever: the database refuses to change or delete them.
    let update = with_db!(db, |p| sqlx::query("UPDATE audit_anchors SET hash = 'x'")
        .execute(p)
        .await
        .map(|_| ()));
    assert!(update.is_err());
    let delete = with_db!(db, |p| sqlx::query("DELETE FROM audit_anchors")
        .execute(p)
        .await
        .map(|_| ()));
    assert!(delete.is_err());
}
