//! 网站巡检 over HTTP on both backends: a published document carries planted
//! breaks (internal 404, missing attachment, external 500, timeout, redirect loop
//! on a local server that plays the outside site); the crawler finds each of them
//! and no other broken link, in-process (the job) and over loopback HTTP; column
//! rules; the report page, export and dashboard warning.

use std::collections::BTreeSet;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::sitecheck::crawl::{Limits, Site};
use gongkai::sitecheck::model::FindingKind;
use gongkai::sitecheck::{service, store};

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(crawler_finds_every_planted_break_and_nothing_else);

/// The outside world: a few pages that work and a few that do not.
async fn outside() -> String {
    let app = axum::Router::new()
        .route("/ok", get(|| async { "ok" }))
        .route(
            "/fail",
            get(|| async { StatusCode::INTERNAL_SERVER_ERROR.into_response() }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(20)).await;
                "late"
            }),
        )
        .route("/loop-a", get(|| async { Redirect::temporary("/loop-b") }))
        .route("/loop-b", get(|| async { Redirect::temporary("/loop-a") }))
        .route("/moved", get(|| async { Redirect::permanent("/ok") }))
        .route(
            "/no-head",
            get(|| async { "get only" }).head(|| async { StatusCode::METHOD_NOT_ALLOWED }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

pub(crate) async fn publish(app: &TestApp, body: &str) -> i64 {
    let id = crate::docs::draft(app, "关于网站巡检测试的通知", false).await;
    let rev = app.user("sc_reviewer", &[Role::Reviewer]).await;
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET body = $1 WHERE id = $2"
    )
    .bind(body)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("body");
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::docs::store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("review");
    tx.commit().await.expect("commit");
    let doc = gongkai::docs::store::get(&app.db, id).await.expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, rev, &gongkai::audit::Actor::system())
        .await
        .expect("publish");
    id
}

fn broken(findings: &[store::FindingRow]) -> BTreeSet<(&'static str, String)> {
    findings
        .iter()
        .filter(|f| f.kind.is_link())
        .map(|f| (f.kind.code(), f.url.clone()))
        .collect()
}

async fn crawler_finds_every_planted_break_and_nothing_else(b: Backend) {
    let app = spawn(b).await;
    let out = outside().await;
    service::set_limits(
        &app.state,
        Limits {
            external_timeout: Duration::from_millis(1500),
            external_interval: Duration::from_millis(20),
            slow: Duration::from_secs(120),
            ..Limits::default()
        },
    );
    let body = format!(
        "请见[不存在的页面](/xxgk/no-such-page)和[附件](/xxgk/attachments/999999)。\n\
         外部：[正常]({out}/ok)、[出错]({out}/fail)、[超时]({out}/slow)、[循环]({out}/loop-a)、\
         [已迁移]({out}/moved)、[只接受GET]({out}/no-head)。\n\
         站内正常：[首页](/)、[公开目录](/xxgk)。"
    );
    let doc = publish(&app, &body).await;

    // Started from the back office: queued, audited, run by the job in-process.
    app.user("sc_admin", &[Role::Admin]).await;
    app.login_ok("sc_admin").await;
    let r = app.post("/admin/sitecheck/run", &[]).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    for _ in 0..10 {
        if !gongkai::jobs::run_once(&app.state).await.expect("job") {
            break;
        }
    }
    let run = store::last_finished(&app.db)
        .await
        .expect("q")
        .expect("a finished run");
    assert_eq!(run.trigger_kind, "manual");
    let (findings, _) = store::findings(&app.db, run.id, gongkai::db::Page::new(None, Some(200)))
        .await
        .expect("findings");
    let expected: BTreeSet<(&'static str, String)> = [
        ("broken_internal", "/xxgk/no-such-page".to_string()),
        ("broken_attachment", "/xxgk/attachments/999999".into()),
        ("external_error", format!("{out}/fail")),
        ("external_timeout", format!("{out}/slow")),
        ("redirect_loop", format!("{out}/loop-a")),
    ]
    .into_iter()
    .collect();
    assert_eq!(broken(&findings), expected, "exactly the planted breaks");
    let doc_page = format!("/xxgk/documents/{doc}");
    for f in findings.iter().filter(|f| f.kind.is_link()) {
        assert_eq!(f.page, doc_page, "{f:?} names the page that links to it");
        assert!(f.is_new, "first run: every failure is new");
    }
    // The portal's own pages all have a title; nothing is mixed content.
    assert!(
        !findings.iter().any(|f| matches!(
            f.kind,
            FindingKind::MissingTitle | FindingKind::MixedContent
        )),
        "{findings:?}"
    );
    // Columns: the general one was just updated; the four others are empty.
    let empty: BTreeSet<String> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::EmptyColumn)
        .map(|f| f.url.clone())
        .collect();
    let want: BTreeSet<String> = [
        "/xxgk/guide",
        "/xxgk/rules",
        "/xxgk/annual-reports",
        "/enforcement/penalties",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(empty, want);
    assert!(!findings.iter().any(|f| f.kind == FindingKind::StaleColumn));
    assert!(run.pages >= 5, "pages crawled: {}", run.pages);
    assert_eq!(run.failures, 9);
    assert_eq!(run.new_failures, 9);

    // The report page lists the failures, the export is a workbook, the
    // dashboard warns.
    let (status, html) = app
        .get_text(&format!("/admin/sitecheck/runs/{}", run.id))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("/xxgk/no-such-page") && html.contains("外部链接超时"));
    let x = app
        .get(&format!("/admin/sitecheck/runs/{}/export", run.id))
        .await;
    assert_eq!(x.status(), 200);
    assert!(x.bytes().await.expect("xlsx").starts_with(b"PK"));
    let (_, dash) = app.get_text("/admin").await;
    assert!(
        dash.contains("网站巡检发现 9 项不合格"),
        "dashboard warning"
    );

    // A rule change is audited; over loopback HTTP the second run finds the same
    // breaks, none of them new, and the stale column.
    let cols = store::columns(&app.db).await.expect("cols");
    let general = cols
        .iter()
        .find(|c| c.path == "/xxgk/proactive")
        .expect("general");
    let r = app
        .post(
            &format!("/admin/sitecheck/columns/{}", general.id),
            &[
                ("name", "法定主动公开内容"),
                ("path", "/xxgk/proactive"),
                ("source", "doc_column"),
                ("source_ref", "general"),
                ("every_n", "1"),
                ("every_unit", "day"),
                ("active", "on"),
            ],
        )
        .await;
    assert!(r.status().is_redirection());
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET published_on = $1 WHERE id = $2"
    )
    .bind(gongkai::clock::today() - chrono::Duration::days(3))
    .bind(doc)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age");
    let site = Site::Http {
        base: app.base.clone(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
    };
    let second = service::run_check(&app.state, site, "daily")
        .await
        .expect("run");
    let (again, _) = store::findings(&app.db, second, gongkai::db::Page::new(None, Some(200)))
        .await
        .expect("findings");
    assert_eq!(broken(&again), expected);
    let new: Vec<_> = again.iter().filter(|f| f.is_new).collect();
    assert_eq!(new.len(), 1, "only the stale column is new: {new:?}");
    assert_eq!(new[0].kind, FindingKind::StaleColumn);
    let actions: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'sitecheck.%' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(actions, vec!["sitecheck.queue", "sitecheck.column"]);
}
