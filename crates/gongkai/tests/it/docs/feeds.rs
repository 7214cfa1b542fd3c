//! What leaves the site: the change feed, the push to the city library, Atom and the sitemap.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, spawn};

use super::{draft, import_fixture, submit_as_pub};

both!(
    revisions_keep_editions_and_feed_the_library,
    push_to_the_city_library,
    atom_and_sitemap,
);

/// What the stand-in library received: (signature header, body) per request.
type Received = std::sync::Arc<std::sync::Mutex<Vec<(String, Vec<u8>)>>>;

/// A stand-in for the city-wide library: records what it receives; fails on demand.
async fn library() -> (
    String,
    Received,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let got: Received = Arc::default();
    let fail = Arc::new(AtomicBool::new(false));
    let (g, f) = (got.clone(), fail.clone());
    let app = axum::Router::new().route(
        "/push",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (g, f) = (g.clone(), f.clone());
                async move {
                    if f.load(Ordering::SeqCst) {
                        return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let sig = headers
                        .get("x-gongkai-signature")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    g.lock().expect("lock").push((sig, body.to_vec()));
                    axum::http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/push"), got, fail)
}

async fn revisions_keep_editions_and_feed_the_library(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "可修订的通知", false).await;
    submit_as_pub(&app, id).await;
    app.login_ok("rev").await;
    app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    app.post("/admin/logout", &[]).await;

    app.login_ok("pub").await;
    let (status, html) = app.get_text(&format!("/admin/docs/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(html.contains("修订说明"));
    let unit = app.root_unit.to_string();
    let mut f = vec![
        ("title", "可修订的通知（修订）"),
        ("issuer_unit_id", unit.as_str()),
        ("disclosure", "proactive"),
        ("written_on", "2026-03-02"),
        ("genre", "notice"),
        ("body", "修订后的正文。"),
    ];
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 422, "a change note is required");
    assert!(r.text().await.expect("body").contains("须填写修订说明"));
    f.push(("change_note", "更正第二段表述"));
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        !page.contains("修订后的正文"),
        "the revision waits for a reviewer"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let r = app
        .post(&format!("/admin/docs/{id}/revision/approve"), &[])
        .await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "the reviewer approves the revision"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("pub").await;
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains("修订后的正文"),
        "the public sees the approved revision"
    );
    let editions: Vec<(i64, String)> = with_db!(&app.db, |p| {
        sqlx::query_as(
        "SELECT edition, change_note FROM document_editions WHERE document_id = $1 ORDER BY edition"
    )
    .bind(id)
    .fetch_all(p)
    .await
    })
    .expect("editions");
    assert_eq!(
        editions,
        vec![
            (1, "首次发布".to_string()),
            (2, "更正第二段表述".to_string())
        ]
    );
    let (_, admin_page) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(
        admin_page.contains("第 2 版") && admin_page.contains("更正第二段表述"),
        "edition history shown"
    );
    // Only an administrator may change the 索引号.
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-00099")]
        )
        .await
        .status()
        .as_u16(),
        403
    );
    app.post("/admin/logout", &[]).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let other = draft(&app, "另一件", false).await;
    let taken = store::get(&app.db, other).await.expect("doc").index_no;
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-99")]
        )
        .await
        .status()
        .as_u16(),
        422
    );
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", taken.as_str())]
        )
        .await
        .status()
        .as_u16(),
        422
    );
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-00099")]
        )
        .await
        .status()
        .as_u16(),
        303
    );
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").index_no,
        "MB2F300040/2026-00099"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("pub").await;

    // The pull feed: published, then updated; the cursor resumes.
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes?since=0")
        .await
        .json()
        .await
        .expect("json");
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .expect("a")
        .iter()
        .filter_map(|c| c["change"].as_str())
        .collect();
    assert_eq!(
        kinds,
        vec!["published", "updated", "updated"],
        "publication, revision, new 索引号"
    );
    assert_eq!(v["changes"][1]["document"]["title"], "可修订的通知（修订）");
    let cursor = v["next_cursor"].as_i64().expect("cursor");
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    app.post(
        &format!("/admin/docs/{id}/withdraw"),
        &[("reason", "停止执行")],
    )
    .await;
    let v: serde_json::Value = app
        .get(&format!("/api/v1/documents/changes?since={cursor}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(v["changes"].as_array().map(|a| a.len()), Some(1));
    assert_eq!(v["changes"][0]["change"], "withdrawn");
    assert!(
        v["changes"][0]["document"].is_null(),
        "no longer public: no content"
    );
    assert_eq!(v["changes"][0]["index_no"], "MB2F300040/2026-00099");
    let v: serde_json::Value = app
        .get(&format!("/api/v1/documents/changes?since={}", cursor + 1))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        v["next_cursor"].as_i64(),
        Some(cursor + 1),
        "nothing new keeps the cursor"
    );
}

async fn push_to_the_city_library(b: Backend) {
    use std::sync::atomic::Ordering;
    let (endpoint, got, fail) = library().await;
    const KEY: &str = "test-hmac-key-0123456789";
    let app = crate::common::spawn_with(b, |s| {
        s.push.endpoint = endpoint.clone();
        s.push.hmac_key = KEY.into();
    })
    .await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let a = draft(&app, "推送测试一", false).await;
    let c = draft(&app, "推送测试二", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    for id in [a, c] {
        store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
            .await
            .expect("t");
        store::publish(
            &mut tx,
            id,
            rev,
            gongkai::clock::now(),
            gongkai::clock::today(),
        )
        .await
        .expect("p");
    }
    tx.commit().await.expect("commit");

    // The library is down: the job fails and will be retried; nothing is lost.
    fail.store(true, Ordering::SeqCst);
    let mut tx = app.db.begin().await.expect("tx");
    let job = gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::PUSH_CHANGES,
        &serde_json::json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    let (state, err): (String, Option<String>) = with_db!(&app.db, |p| sqlx::query_as(
        "SELECT state, last_error FROM jobs WHERE id = $1"
    )
    .bind(job)
    .fetch_one(p)
    .await)
    .expect("job");
    assert_eq!(state, "queued", "retried later");
    assert!(err.unwrap_or_default().contains("503"));
    assert!(got.lock().expect("lock").is_empty());

    // It comes back: one signed batch with both publications, in order.
    fail.store(false, Ordering::SeqCst);
    assert_eq!(gongkai::docs::push::run(&app.state).await.expect("push"), 2);
    {
        let batches = got.lock().expect("lock");
        assert_eq!(batches.len(), 1);
        let (sig, body) = &batches[0];
        assert_eq!(
            sig,
            &gongkai::webhook::signature(KEY, body),
            "HMAC over the body"
        );
        let v: serde_json::Value = serde_json::from_slice(body).expect("json");
        assert_eq!(v["source"], "MB2F300040");
        let titles: Vec<&str> = v["changes"]
            .as_array()
            .expect("a")
            .iter()
            .filter_map(|c| c["document"]["title"].as_str())
            .collect();
        assert_eq!(titles, vec!["推送测试一", "推送测试二"]);
    }
    assert_eq!(
        gongkai::docs::push::run(&app.state).await.expect("push"),
        0,
        "nothing new, nothing sent"
    );
    let mut tx = app.db.begin().await.expect("tx");
    store::withdraw(&mut tx, a, "撤回", true)
        .await
        .expect("withdraw");
    tx.commit().await.expect("commit");
    assert_eq!(gongkai::docs::push::run(&app.state).await.expect("push"), 1);
    let batches = got.lock().expect("lock");
    let v: serde_json::Value = serde_json::from_slice(&batches[1].1).expect("json");
    assert_eq!(v["changes"][0]["change"], "withdrawn");
}

async fn atom_and_sitemap(b: Backend) {
    let app = spawn(b).await;
    import_fixture(&app).await;
    let r = app.get("/xxgk/feed.atom").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("application/atom+xml")
    );
    let xml = r.text().await.expect("body");
    assert!(
        xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    );
    assert_eq!(xml.matches("<entry>").count(), 3);
    assert!(xml.contains("关于同意某市城市总体规划的批复"));
    let topics = store::topics(&app.db).await.expect("topics");
    let t = topics.iter().find(|t| t.name == "综合政务").expect("topic");
    let xml = app
        .get_text(&format!("/xxgk/feed.atom?topic={}", t.id))
        .await
        .1;
    assert_eq!(xml.matches("<entry>").count(), 1, "per topic");
    let (status, sitemap) = app.get_text("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert_eq!(sitemap.matches("/xxgk/documents/").count(), 3);
    assert!(sitemap.contains("<loc>http://127.0.0.1:8080/xxgk/proactive</loc>"));
}
