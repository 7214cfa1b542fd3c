//! Public pages at the speed of static files (issue 23): no cookie without a form,
//! conditional requests, Cache-Control per kind of page, and the in-process page
//! cache invalidated by a publication on the node that made it and, through the
//! search feeds, on another node. Assertions are about data and headers only.

use std::net::SocketAddr;

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::state::AppState;

use crate::both;
use crate::common::{Backend, TestApp, cookie_value, spawn_with};

both!(
    anonymous_pages_set_no_cookie,
    conditional_requests_answer_304,
    back_office_and_forms_are_not_stored,
    publication_invalidates_pages,
    elder_mode_is_a_separate_page,
);

async fn cached_app(b: Backend) -> TestApp {
    spawn_with(b, |s| s.cache.page_cache_bytes = 8 * 1024 * 1024).await
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The body of a page fetched by `client`.
async fn page_text(client: &reqwest::Client, url: String) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body")
}

fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect()
}

async fn anonymous_pages_set_no_cookie(b: Backend) {
    let app = cached_app(b).await;
    let (client, jar) = app.other_client();
    for path in ["/", "/xxgk", "/xxgk/proactive", "/laws", "/enforcement"] {
        // Twice: rendered, then from the cache.
        for round in 0..2 {
            let r = client.get(app.url(path)).send().await.expect("get");
            assert_eq!(r.status().as_u16(), 200, "{path}");
            assert!(set_cookies(&r).is_empty(), "{path} round {round}");
            assert_eq!(
                header(&r, "cache-control"),
                "public, max-age=60, stale-while-revalidate=600",
                "{path}"
            );
            assert!(header(&r, "vary").contains("Cookie"), "{path}");
            assert!(header(&r, "etag").starts_with('"'), "{path}");
            assert!(header(&r, "last-modified").ends_with(" GMT"), "{path}");
            let html = r.text().await.expect("body");
            assert!(!html.contains("csrf_token"), "{path}: no token on the page");
        }
    }
    assert!(cookie_value(&jar, &app.base, "gk_csrf").is_none());
    // A page with a form sets the cookie, and only there; its token is the cookie's.
    let r = client
        .get(app.url("/ysqgk/apply"))
        .send()
        .await
        .expect("form page");
    assert!(
        set_cookies(&r).iter().any(|c| c.starts_with("gk_csrf=")),
        "the application form sets the cookie"
    );
    let html = r.text().await.expect("body");
    let token = cookie_value(&jar, &app.base, "gk_csrf").expect("cookie");
    assert!(html.contains(&format!("name=\"csrf_token\" value=\"{token}\"")));
    // The kept pages were counted.
    let (kept, bytes) = gongkai::web::pagecache::pages(&app.state).stats();
    assert!(kept >= 5 && bytes > 0, "{kept} pages kept");
    // … and /metrics says so.
    let (_, metrics) = app.get_text("/metrics").await;
    assert!(
        metrics.contains(&format!("gongkai_page_cache_pages {kept}")),
        "{metrics}"
    );
    assert!(metrics.contains(&format!("gongkai_page_cache_bytes {bytes}")));
}

async fn conditional_requests_answer_304(b: Backend) {
    let app = cached_app(b).await;
    let (client, _) = app.other_client();
    let first = client.get(app.url("/xxgk")).send().await.expect("get");
    let etag = header(&first, "etag").to_string();
    let modified = header(&first, "last-modified").to_string();
    let body = first.text().await.expect("body");
    let r = client
        .get(app.url("/xxgk"))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 304);
    assert_eq!(header(&r, "etag"), etag);
    assert!(r.text().await.expect("body").is_empty());
    let r = client
        .get(app.url("/xxgk"))
        .header("if-modified-since", &modified)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 304, "If-Modified-Since");
    let r = client
        .get(app.url("/xxgk"))
        .header("if-none-match", "\"other\"")
        .header("if-modified-since", &modified)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 200, "If-None-Match decides");
    assert_eq!(r.text().await.expect("body"), body);
    // gzip when asked for, with its own ETag; the same bytes once inflated.
    let r = client
        .get(app.url("/xxgk"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(header(&r, "content-encoding"), "gzip");
    assert_ne!(header(&r, "etag"), etag);
    let gz = r.bytes().await.expect("body");
    let mut out = String::new();
    use std::io::Read;
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut out)
        .expect("gunzip");
    assert_eq!(out, body);
    // brotli is preferred where the client takes it, again with its own ETag.
    let r = client
        .get(app.url("/xxgk"))
        .header("accept-encoding", "gzip, deflate, br")
        .send()
        .await
        .expect("get");
    assert_eq!(header(&r, "content-encoding"), "br");
    let br_etag = header(&r, "etag").to_string();
    assert!(br_etag != etag && br_etag.ends_with("-br\""), "{br_etag}");
    let br = r.bytes().await.expect("body");
    let mut out = String::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_string(&mut out)
        .expect("brotli");
    assert_eq!(out, body);
    assert!(
        br.len() < gz.len(),
        "brotli {} < gzip {}",
        br.len(),
        gz.len()
    );
    let r = client
        .get(app.url("/xxgk"))
        .header("accept-encoding", "br")
        .header("if-none-match", &br_etag)
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.status().as_u16(),
        304,
        "the brotli copy revalidates on its ETag"
    );
    // A page that is not cached in memory still answers 304 on its ETag.
    let app2 = crate::common::spawn(b).await;
    let r = app2.get("/laws").await;
    let etag = header(&r, "etag").to_string();
    let r = app2
        .client
        .get(app2.url("/laws"))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 304, "without the in-process cache too");
    // Hashed static assets are immutable.
    let (_, html) = app.get_text("/").await;
    let css = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|h| h.starts_with("/static/app.") && h.ends_with(".css"))
        .expect("hashed stylesheet")
        .to_string();
    assert_ne!(css, "/static/app.css");
    let r = app.get(&css).await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(header(&r, "cache-control").contains("immutable"));
}

async fn back_office_and_forms_are_not_stored(b: Backend) {
    let app = cached_app(b).await;
    app.user("admin1", &[Role::Admin]).await;
    let r = app.get("/admin/login").await;
    assert_eq!(header(&r, "cache-control"), "no-store");
    app.login_ok("admin1").await;
    for path in ["/admin", "/admin/docs", "/admin/users"] {
        let r = app.get(path).await;
        assert_eq!(r.status().as_u16(), 200, "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert!(header(&r, "etag").is_empty(), "{path}");
    }
    // A signed-in member of staff reading a public page gets it fresh, not shared.
    let r = app.get("/xxgk").await;
    assert_eq!(header(&r, "cache-control"), "private, no-cache");
    // Public form pages are personal (they carry the token).
    let (client, _) = app.other_client();
    for path in ["/ysqgk/apply", "/enforcement/random/verify"] {
        let r = client.get(app.url(path)).send().await.expect("get");
        if r.status().as_u16() == 200 {
            assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        }
    }
    // CSRF stays: a POST without the token is refused, the 长者模式 button needs
    // the same origin.
    let r = client
        .post(app.url("/admin/login"))
        .form(&[
            ("username", "admin1"),
            ("password", crate::common::PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    let r = client
        .post(app.url("/prefs/elder"))
        .form(&[("return_to", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403, "no token, no origin");
    let r = client
        .post(app.url("/prefs/elder"))
        .header("origin", "https://evil.example")
        .form(&[("return_to", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403, "another site");
    let r = client
        .post(app.url("/prefs/elder"))
        .header("origin", app.base.clone())
        .form(&[("return_to", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303, "a page of this site");
}

async fn elder_mode_is_a_separate_page(b: Backend) {
    let app = cached_app(b).await;
    let (plain, _) = app.other_client();
    // Twice: the plain page is kept from its second request on.
    for _ in 0..2 {
        let html = page_text(&plain, app.url("/xxgk")).await;
        assert!(!html.contains("class=\"elder\""));
    }
    assert!(gongkai::web::pagecache::pages(&app.state).stats().0 >= 1);
    let (elder, _) = app.other_client();
    let r = elder
        .post(app.url("/prefs/elder"))
        .header("origin", app.base.clone())
        .form(&[("return_to", "/xxgk")])
        .send()
        .await
        .expect("toggle");
    assert_eq!(r.status().as_u16(), 303);
    let r = elder.get(app.url("/xxgk")).send().await.expect("get");
    assert!(header(&r, "vary").contains("Cookie"));
    assert!(r.text().await.expect("body").contains("class=\"elder\""));
    let html = page_text(&plain, app.url("/xxgk")).await;
    assert!(!html.contains("class=\"elder\""), "still the plain page");
}

/// A second node: its own server and search index on the same database.
async fn second_node(app: &TestApp, dir: &std::path::Path) -> (String, AppState) {
    let mut settings = app.state.settings.clone();
    settings.storage.search_dir = dir.to_path_buf();
    let state = AppState::new(settings, app.db.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = gongkai::app::router(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    (format!("http://{addr}"), state)
}

async fn publication_invalidates_pages(b: Backend) {
    let app = cached_app(b).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = crate::docs::draft(&app, "缓存失效测试办法", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("review");
    tx.commit().await.expect("commit");

    let dir = tempfile::tempdir().expect("dir");
    let (base_b, state_b) = second_node(&app, dir.path()).await;
    let search_b = gongkai::sitesearch::SiteSearch::open(dir.path()).expect("index");
    gongkai::sitesearch::follow(&state_b, &search_b)
        .await
        .expect("first sync");

    let (anon, _) = app.other_client();
    let get = |url: String| {
        let anon = anon.clone();
        async move { page_text(&anon, url).await }
    };
    let list_a = app.url("/xxgk/proactive");
    let list_b = format!("{base_b}/xxgk/proactive");
    // Twice each: a page is kept from its second request on.
    for _ in 0..2 {
        assert!(!get(list_a.clone()).await.contains("缓存失效测试办法"));
        assert!(!get(list_b.clone()).await.contains("缓存失效测试办法"));
    }
    let kept_a = gongkai::web::pagecache::pages(&app.state).stats().0;
    assert!(kept_a >= 1, "node A keeps the list");
    let kept_b = gongkai::web::pagecache::pages(&state_b).stats().0;
    assert!(kept_b >= 1, "node B keeps the list");

    // Published on node A.
    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);

    // Node A shows it at once.
    assert!(get(list_a).await.contains("缓存失效测试办法"), "node A");
    assert!(
        get(app.url(&format!("/xxgk/documents/{id}")))
            .await
            .contains("缓存失效测试办法")
    );
    // Node B serves its kept page until its next sync (every 30 s) …
    assert!(
        !get(list_b.clone()).await.contains("缓存失效测试办法"),
        "node B before its sync"
    );
    // … which follows the change feed and drops its pages.
    gongkai::sitesearch::follow(&state_b, &search_b)
        .await
        .expect("sync");
    assert!(
        get(list_b).await.contains("缓存失效测试办法"),
        "node B after its sync"
    );
}
