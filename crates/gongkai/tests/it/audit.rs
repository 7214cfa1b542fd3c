//! The audit chain: appends with changes, detects tampering, browses and exports.

use gongkai::audit::{self, Actor};
use gongkai::auth::roles::Role;
use gongkai::db::{Backend, Db};
use gongkai::with_db;

use crate::both;
use crate::common::spawn;

both!(
    verify_detects_every_kind_of_tampering,
    append_rolls_back_with_its_change,
    browse_filter_and_export
);

async fn write(db: &Db, n: usize) {
    for i in 0..n {
        audit::append_now(
            db,
            &Actor::system(),
            gongkai::audit::KernelAction::UnitUpdate,
            "unit",
            Some(i.to_string()),
            format!("第{i}次"),
        )
        .await
        .expect("append");
    }
}

async fn drop_guards(db: &Db) {
    match db.backend() {
        Backend::Sqlite => {
            with_db!(db, |p| {
                sqlx::query("DROP TRIGGER audit_log_no_update")
                    .execute(p)
                    .await
                    .expect("drop");
                sqlx::query("DROP TRIGGER audit_log_no_delete")
                    .execute(p)
                    .await
                    .expect("drop");
            });
        }
        Backend::Postgres => {
            with_db!(db, |p| {
                sqlx::query("DROP TRIGGER audit_log_no_update ON audit_log")
                    .execute(p)
                    .await
                    .expect("drop");
            });
        }
    }
}

async fn exec(db: &Db, sql: &str) {
    with_db!(db, |p| sqlx::query(sql).execute(p).await.map(|_| ())).expect(sql);
}

async fn verify_detects_every_kind_of_tampering(b: Backend) {
    let app = spawn(b).await;
    let db = &app.db;
    write(db, 8).await;
    let r = audit::verify(db).await.expect("verify");
    assert!(r.ok(), "{:?}", r.problems);
    assert_eq!(r.checked, 8);

    // The database itself refuses changes.
    let denied = with_db!(db, |p| sqlx::query(
        "UPDATE audit_log SET summary = 'x' WHERE seq = 1"
    )
    .execute(p)
    .await
    .map(|_| ()));
    assert!(denied.is_err(), "update refused by trigger");
    let denied = with_db!(db, |p| sqlx::query("DELETE FROM audit_log WHERE seq = 1")
        .execute(p)
        .await
        .map(|_| ()));
    assert!(denied.is_err(), "delete refused by trigger");

    // Someone with full database access removes the guards.
    drop_guards(db).await;

    exec(db, "UPDATE audit_log SET summary = '改过' WHERE seq = 3").await;
    let r = audit::verify(db).await.expect("verify");
    assert!(
        r.problems.iter().any(|p| p.contains("第 3 条内容被改动")),
        "{:?}",
        r.problems
    );
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    exec(db, "UPDATE audit_log SET summary = '第2次' WHERE seq = 3").await;
    assert!(audit::verify(db).await.expect("verify").ok(), "restored");

    exec(db, "DELETE FROM audit_log WHERE seq = 5").await;
    let r = audit::verify(db).await.expect("verify");
    assert!(
        r.problems.iter().any(|p| p.contains("第 5–5 条缺失")),
        "{:?}",
        r.problems
    );
    assert!(
        r.problems
            .iter()
            .any(|p| p.contains("第 6 条的前一条哈希不符")),
        "{:?}",
        r.problems
    );

    // Deleting the newest row is caught by the head.
    exec(db, "DELETE FROM audit_log WHERE seq = 8").await;
    let r = audit::verify(db).await.expect("verify");
    assert!(
        r.problems.iter().any(|p| p.contains("最新的第 8–8 条缺失")),
        "{:?}",
        r.problems
    );

    // An inserted row with a made-up hash.
    exec(db, "INSERT INTO audit_log (seq, at, actor_id, actor, ip, action, object_type, object_id, summary, prev_hash, hash) \
              SELECT 100, at, NULL, 'x', NULL, 'login', 'user', NULL, '伪造', hash, 'ffff' FROM audit_log WHERE seq = 7").await;
    let r = audit::verify(db).await.expect("verify");
    assert!(
        r.problems.iter().any(|p| p.contains("第 100 条内容被改动")),
        "{:?}",
        r.problems
    );
    assert!(
        r.problems.iter().any(|p| p.contains("第 8–99 条缺失")),
        "{:?}",
        r.problems
    );
}

async fn append_rolls_back_with_its_change(b: Backend) {
    let app = spawn(b).await;
    let db = &app.db;
    let mut tx = db.begin().await.expect("tx");
    audit::append(
        &mut tx,
        &Actor::system(),
        gongkai::audit::KernelAction::UnitCreate,
        "unit",
        None,
        "不会提交".into(),
    )
    .await
    .expect("append");
    drop(tx); // rolled back
    write(db, 2).await;
    let r = audit::verify(db).await.expect("verify");
    assert!(r.ok(), "{:?}", r.problems);
    assert_eq!(
        r.checked, 2,
        "the rolled-back entry left no trace and no gap"
    );
    // Concurrent appends keep the chain intact.
    let mut handles = Vec::new();
    for _ in 0..4 {
        let db = db.clone();
        handles.push(tokio::spawn(async move { write(&db, 5).await }));
    }
    for h in handles {
        h.await.expect("join");
    }
    let r = audit::verify(db).await.expect("verify");
    assert!(r.ok(), "{:?}", r.problems);
    assert_eq!(r.checked, 22);
}

async fn browse_filter_and_export(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    write(&app.db, 3).await;
    let (status, html) = app.get_text("/admin/audit").await;
    assert_eq!(status, 200);
    assert!(html.contains("登录") && html.contains("修改机构"));
    let (_, html) = app.get_text("/admin/audit?action=login").await;
    assert!(html.contains("共 1 条"), "filtered by action");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let (_, html) = app
        .get_text(&format!("/admin/audit?from={today}&to={today}&actor=root"))
        .await;
    assert!(html.contains("共 1 条"), "filtered by actor and date");
    let (_, html) = app
        .get_text("/admin/audit?from=2001-01-01&to=2001-01-02")
        .await;
    assert!(html.contains("共 0 条"));
    let (_, html) = app.get_text("/admin/audit/verify").await;
    assert!(html.contains("哈希链校验通过：共 4 条"), "{html}");

    let r = app.get("/admin/audit/export.xlsx?object_type=unit").await;
    assert_eq!(r.status().as_u16(), 200);
    let cd = r.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .to_string();
    assert!(cd.contains("filename*=UTF-8''%E5%AE%A1%E8%AE%A1"), "{cd}");
    let bytes = r.bytes().await.expect("bytes");
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = wb.worksheet_range("审计日志").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "序号");
    assert_eq!(rows.len(), 4, "header + 3 unit entries");
    assert!(rows.iter().skip(1).all(|r| r[6] == "unit"));
}
