//! The public portal shell, errors, headers, health, metrics and the API document.
//! The home page, navigation, 网站地图 and the citizen-facing details are in
//! `portal_home.rs`.

use crate::both;
use crate::common::{Backend, spawn, spawn_with};

both!(
    public_pages_have_the_shell,
    errors_render_as_html_or_json,
    security_headers_and_request_id,
    health_readiness_metrics,
    openapi_and_swagger,
    elder_mode_persists,
    oversized_body_is_413
);

async fn public_pages_have_the_shell(b: Backend) {
    let app = spawn(b).await;
    for path in [
        "/",
        "/xxgk",
        "/xxgk/guide",
        "/xxgk/rules",
        "/xxgk/proactive",
        "/xxgk/annual-reports",
        "/interact",
        "/enforcement",
        "/search?q=占道经营",
        "/sitemap",
        "/xxgk/interpretations",
        "/laws",
        "/enforcement/random/algorithm",
    ] {
        let (status, html) = app.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("<html lang=\"zh-CN\""), "{path}");
        assert!(
            html.contains("上海市城市管理行政执法局"),
            "{path}: site name"
        );
        assert!(html.contains("href=\"#main\""), "{path}: skip link");
        assert!(html.contains("role=\"search\""), "{path}: search box");
        assert!(
            html.contains("网站标识码：3100000000"),
            "{path}: footer identity"
        );
        assert!(html.contains("沪ICP备00000000号"), "{path}: ICP");
        assert!(html.contains("沪公网安备"), "{path}: police record");
        assert!(html.contains("长者模式"), "{path}: elder toggle");
        assert!(!html.contains("<script>"), "{path}: no inline script");
    }
    let (_, xxgk) = app.get_text("/xxgk").await;
    for t in [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
    ] {
        assert!(xxgk.contains(t), "xxgk lists {t}");
    }
    let (_, interact) = app.get_text("/interact").await;
    assert!(
        interact.contains("/interact/messages/new")
            && interact.contains("/interact/consultations")
            && interact.contains("/ysqgk/apply")
            && !interact.contains("不受理网上留言"),
        "政民互动 says plainly what exists and what does not"
    );
    let (_, search) = app
        .get_text("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert!(
        search.contains("&#60;script&#62;") || search.contains("&lt;script&gt;"),
        "query is escaped"
    );
    assert!(
        search.contains("搜索服务正在启动"),
        "without an index the page says so (tests/it/search.rs covers results)"
    );
}

async fn errors_render_as_html_or_json(b: Backend) {
    let app = spawn(b).await;
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status().as_u16(), 404);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    let html = r.text().await.expect("body");
    assert!(html.contains("页面不存在") && html.contains("返回首页"));
    assert!(
        !html.contains("not_found") && !html.contains("错误代码"),
        "no English error code on the page"
    );
    assert!(
        html.contains("role=\"search\""),
        "error page keeps the portal shell"
    );

    let r = app.get("/api/v1/nothing").await;
    assert_eq!(r.status().as_u16(), 404);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["error"]["code"], "not_found");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert!(v["error"]["fields"].is_object());

    let (status, _) = app.get_text("/xxgk/unknown-section").await;
    assert_eq!(status, 404);
    // Method not allowed renders our page, not axum's text.
    let r = app
        .client
        .delete(app.url("/"))
        .send()
        .await
        .expect("DELETE");
    assert!(r.status().is_client_error());
    assert!(r.text().await.expect("body").contains("<html"));
}

async fn security_headers_and_request_id(b: Backend) {
    let app = spawn(b).await;
    let r = app.get("/").await;
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().expect("csp");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    assert_eq!(h["x-frame-options"], "DENY");
    let id = h["x-request-id"].to_str().expect("id");
    assert_eq!(id.len(), 16);
    let r = app
        .client
        .get(app.url("/"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .expect("get");
    assert_eq!(r.headers()["x-request-id"], "abc-123");
    let csrf_cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("gk_csrf="));
    // The first request of this client set it; a later one need not.
    if let Some(c) = csrf_cookie {
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"));
    }
    let r = app.get("/static/app.css").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/css")
    );
    assert_eq!(app.get("/static/missing.css").await.status().as_u16(), 404);
}

async fn health_readiness_metrics(b: Backend) {
    let app = spawn(b).await;
    assert_eq!(app.get_text("/healthz").await, (200, "ok".to_string()));
    assert_eq!(app.get_text("/readyz").await, (200, "ready".to_string()));
    app.get("/xxgk").await;
    let (status, text) = app.get_text("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        text.contains(r#"gongkai_http_requests_total{method="GET",route="/xxgk",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains("gongkai_http_request_duration_seconds_bucket"));
    assert!(text.contains("gongkai_uptime_seconds"));
    // Readiness follows the database, and a database failure is a 500 that says
    // nothing about its cause.
    app.db.close().await;
    assert_eq!(app.get("/readyz").await.status().as_u16(), 503);
    let r = app.get("/api/v1/units").await;
    assert_eq!(r.status().as_u16(), 500);
    let body = r.text().await.expect("body");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["error"]["code"], "internal");
    assert!(
        !body.to_lowercase().contains("pool") && !body.contains("sqlx"),
        "{body}"
    );
    let r = app.login("anyone", "Whatever-pass-1").await;
    assert_eq!(r.status().as_u16(), 500);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("系统错误") && html.contains("系统出现错误，请稍后再试"),
        "{html}"
    );
    assert!(!html.to_lowercase().contains("pool"));
}

async fn openapi_and_swagger(b: Backend) {
    let app = spawn(b).await;
    let r = app.get("/api/v1/openapi.json").await;
    assert_eq!(r.status().as_u16(), 200);
    let doc: serde_json::Value = r.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with('3')));
    assert!(doc["paths"]["/api/v1/site"].is_object());
    assert!(doc["paths"]["/api/v1/units"].is_object());
    // Search: every filter is a documented parameter, the facets a documented schema.
    let params: Vec<&str> = doc["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .expect("search parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for p in [
        "q", "kind", "year", "topic", "issuer", "level", "current", "sort", "page",
    ] {
        assert!(params.contains(&p), "{p} in {params:?}");
    }
    for field in ["kind", "year", "topic", "issuer", "level", "validity"] {
        assert!(
            doc["components"]["schemas"]["SearchFacets"]["properties"][field].is_object(),
            "SearchFacets.{field}"
        );
    }
    let r = app.get("/api/v1/docs/").await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("html");
    assert!(html.contains("swagger"), "offline swagger UI");
    assert!(!html.contains("cdn."), "no CDN");
    let site: serde_json::Value = app.get("/api/v1/site").await.json().await.expect("json");
    assert_eq!(site["org_code"], "MB2F300040");
    let units: serde_json::Value = app.get("/api/v1/units").await.json().await.expect("json");
    assert_eq!(units[0]["name"], "上海市城市管理行政执法局");
}

async fn elder_mode_persists(b: Backend) {
    let app = spawn(b).await;
    let (_, html) = app.get_text("/xxgk").await;
    assert!(!html.contains("class=\"elder\""));
    let r = app.post("/prefs/elder", &[("return_to", "/xxgk")]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(crate::common::location(&r), "/xxgk");
    let (_, html) = app.get_text("/xxgk").await;
    assert!(
        html.contains("<html lang=\"zh-CN\" class=\"elder\">"),
        "elder class after toggle"
    );
    assert!(html.contains("关闭长者模式"));
    let (_, html) = app.get_text("/").await;
    assert!(html.contains("class=\"elder\""), "persists across pages");
    // An open redirect is refused: back to the home page.
    let r = app
        .post("/prefs/elder", &[("return_to", "//evil.example/")])
        .await;
    assert_eq!(crate::common::location(&r), "/");
    let (_, html) = app.get_text("/").await;
    assert!(!html.contains("class=\"elder\""), "toggled off again");
}

async fn oversized_body_is_413(b: Backend) {
    let app = spawn_with(b, |s| s.server.max_body_bytes = 4096).await;
    let token = app.csrf().await;
    let big = "x".repeat(10_000);
    let r = app
        .client
        .post(app.url("/admin/login"))
        .form(&[
            ("username", big.as_str()),
            ("password", "x"),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 413);
    let html = r.text().await.expect("body");
    assert!(html.contains("超过大小限制"), "{html}");
}
