//! Writing through the API with tokens.

use gongkai::auth::roles::Role;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, spawn};

both!(api_writes_with_tokens, api_lists_past_any_page,);

async fn api_writes_with_tokens(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("root").await;
    let app = &app;
    let issue = |user: &'static str| async move {
        let r = app
            .post(
                "/admin/tokens",
                &[("name", "公文库同步"), ("username", user)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let html = r.text().await.expect("body");
        html.split("id=\"new-token\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("token shown once")
            .to_string()
    };
    let pub_token = issue("pub").await;
    let rev_token = issue("rev").await;
    let r = app
        .post("/admin/tokens", &[("name", "x"), ("username", "nobody")])
        .await;
    assert_eq!(r.status().as_u16(), 422);

    let api = reqwest::Client::new();
    let url = app.url("/api/v1/documents");
    let body = serde_json::json!({"title": "经接口起草的通知", "issuer_unit_id": app.root_unit, "disclosure": "proactive",
        "doc_no": "沪城管执[2026]21号", "written_on": "2026-03-02", "genre": "notice", "body": "正文。"});
    let r = api.post(&url).json(&body).send().await.expect("post");
    assert_eq!(r.status().as_u16(), 401, "no token");
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["error"]["code"], "unauthorized");
    let r = api
        .post(&url)
        .bearer_auth("gk_wrong")
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401);

    let mut bad = body.clone();
    bad["doc_no"] = "21号".into();
    bad["written_on"] = "昨天".into();
    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 422);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["error"]["code"], "validation");
    assert!(
        v["error"]["fields"]["doc_no"].is_string()
            && v["error"]["fields"]["written_on"].is_string(),
        "{v}"
    );

    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let v: serde_json::Value = r.json().await.expect("json");
    let id = v["id"].as_i64().expect("id");
    assert_eq!(v["state"], "draft");
    assert_eq!(v["index_no"], "MB2F300040/2026-00001");
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/submit")))
        .bearer_auth(&pub_token)
        .send()
        .await
        .expect("submit");
    assert_eq!(r.status().as_u16(), 200);
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/publish")))
        .bearer_auth(&pub_token)
        .send()
        .await
        .expect("publish");
    assert_eq!(
        r.status().as_u16(),
        403,
        "a publisher's token cannot publish"
    );
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/publish")))
        .bearer_auth(&rev_token)
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.expect("json")["state"],
        "published"
    );
    let v: serde_json::Value = api
        .get(app.url(&format!("/api/v1/documents/{id}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["doc_no"], "沪城管执〔2026〕21号");
    let actors: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT actor FROM audit_log WHERE object_type = 'document' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(actors, vec!["pub（API）", "pub（API）", "rev（API）"]);

    // Revoked: refused.
    let token_id: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT MIN(id) FROM api_tokens"
    )
    .fetch_one(p)
    .await)
    .expect("id");
    assert_eq!(
        app.post(&format!("/admin/tokens/{token_id}/revoke"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401);
    let doc: serde_json::Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["paths"]["/api/v1/documents"]["post"].is_object());
}

/// Found by schemathesis (issue 24): `page=9223372036854775806` on an API list
/// overflowed the offset (a panic, 500). Now an empty page.
async fn api_lists_past_any_page(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.user("foi", &[Role::FoiHandler]).await;
    app.login_ok("root").await;
    let r = app
        .post("/admin/tokens", &[("name", "接口"), ("username", "foi")])
        .await;
    let html = r.text().await.expect("body");
    let token = html
        .split("id=\"new-token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("token shown once")
        .to_string();
    let api = reqwest::Client::new();
    for path in [
        "/api/v1/documents",
        "/api/v1/penalties",
        "/api/v1/consultations",
        "/api/v1/foi/cases",
    ] {
        for page in ["9223372036854775806", "9223372036854775807"] {
            let r = api
                .get(app.url(&format!("{path}?page={page}")))
                .bearer_auth(&token)
                .send()
                .await
                .expect("get");
            assert_eq!(r.status().as_u16(), 200, "{path}?page={page}");
        }
    }
}
