//! Security findings (issue 14): tests that fail before the fix.
//! Authentication: login throttling, password change, API tokens, sessions, CSRF,
//! metrics.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, PASSWORD, TestApp, cookie_value, location, spawn, spawn_with};

both!(
    login_ip_counter_survives_success,
    login_delay_answers_like_wrong_password,
    password_change_is_throttled,
    tokens_revoked_on_reset_disable_and_password_change,
    tokens_expire,
    tokens_scoped_to_admin_units,
    session_lifetime_capped,
    csrf_token_not_taken_from_query,
    metrics_not_public,
    metrics_token_for_remote_scrapes,
);

/// A token issued by the signed-in administrator of `app` for `username`.
async fn issue_token(app: &TestApp, username: &str) -> String {
    let r = app
        .post("/admin/tokens", &[("name", "同步"), ("username", username)])
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    html.split("id=\"new-token\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("token shown once")
        .to_string()
}

async fn api_status(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .get(app.url("/api/v1/foi/cases"))
        .bearer_auth(token)
        .send()
        .await
        .expect("api")
        .status()
        .as_u16()
}

async fn scalar_i64(app: &TestApp, sql: &str) -> i64 {
    gongkai::with_db!(&app.db, |p| sqlx::query_scalar(sql).fetch_one(p).await).expect("query")
}

/// Finding 10a: signing in to one's own account does not reset the address's counter.
async fn login_ip_counter_survives_success(b: Backend) {
    let app = spawn_with(b, |s| s.security.login_attempts_per_ip = 5).await;
    app.user("alice", &[Role::Publisher]).await;
    for _ in 0..4 {
        assert_eq!(
            app.login("nobody", "Wrong-password-1")
                .await
                .status()
                .as_u16(),
            401
        );
    }
    app.login_ok("alice").await;
    let r = app.login("nobody", "Wrong-password-1").await;
    assert_eq!(
        r.status().as_u16(),
        429,
        "the sixth attempt from this address is refused, success or not"
    );
}

/// Finding 10b: a delayed account answers exactly like a wrong password, and only
/// the address that failed is delayed.
async fn login_delay_answers_like_wrong_password(b: Backend) {
    let app = spawn_with(b, |s| s.server.trust_proxy = true).await;
    app.user("bob", &[Role::Publisher]).await;
    let login_from = |ip: &'static str, user: &'static str, pw: &'static str| {
        let app = &app;
        async move {
            let token = app.csrf().await;
            app.client
                .post(app.url("/admin/login"))
                .header("x-forwarded-for", ip)
                .form(&[
                    ("username", user),
                    ("password", pw),
                    ("csrf_token", token.as_str()),
                ])
                .send()
                .await
                .expect("login")
        }
    };
    let unknown = login_from("10.0.0.1", "nobody", "Wrong-password-9").await;
    assert_eq!(unknown.status().as_u16(), 401);
    let unknown_html = unknown.text().await.expect("body");
    for _ in 0..5 {
        let r = login_from("10.0.0.1", "bob", "Wrong-password-9").await;
        assert_eq!(r.status().as_u16(), 401);
    }
    // Sixth attempt, wrong password: inside the delay now.
    let r = login_from("10.0.0.1", "bob", "Wrong-password-9").await;
    assert_eq!(
        r.status().as_u16(),
        401,
        "not 403: same as a wrong password"
    );
    let html = r.text().await.expect("body");
    assert!(!html.contains("锁定"), "nothing reveals a lock");
    assert_eq!(
        html.replace("value=\"bob\"", "value=\"nobody\""),
        unknown_html,
        "the same page as for an unknown user"
    );
    // Even the right password waits from this address …
    let r = login_from("10.0.0.1", "bob", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 401);
    // … but bob at another address is not locked out.
    let r = login_from("10.0.0.2", "bob", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303, "another address signs in");
    let locked = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'login_locked'",
    )
    .await;
    assert_eq!(locked, 1, "the start of the delay is audited");
    // After the delay the first address may try again.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.post("/admin/logout", &[]).await;
    let r = login_from("10.0.0.1", "bob", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303, "after the delay");
}

/// Finding 11: wrong current passwords on /admin/password are limited like logins.
async fn password_change_is_throttled(b: Backend) {
    let app = spawn(b).await;
    app.user("carol", &[Role::Publisher]).await;
    app.login_ok("carol").await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let r = app
            .post(
                "/admin/password",
                &[
                    ("current", "Wrong-password-9"),
                    ("new_password", "New-Password-42"),
                    ("confirm", "New-Password-42"),
                ],
            )
            .await;
        let s = r.status().as_u16();
        if s == 429 {
            assert!(r.text().await.expect("body").contains("过于频繁"));
        }
        statuses.push(s);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        5,
        "login_max_failures wrong guesses: {statuses:?}"
    );
    // Once refused, the right password is refused too (no oracle).
    let r = app
        .post(
            "/admin/password",
            &[
                ("current", PASSWORD),
                ("new_password", "New-Password-42"),
                ("confirm", "New-Password-42"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 429);
}

/// Finding 12: a reset, a disable and one's own password change revoke the user's
/// API tokens, audited.
async fn tokens_revoked_on_reset_disable_and_password_change(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    let foi1 = app.user("foi1", &[Role::FoiHandler]).await;
    let foi2 = app.user("foi2", &[Role::FoiHandler]).await;
    app.user("foi3", &[Role::FoiHandler]).await;
    app.login_ok("root").await;
    let t1 = issue_token(&app, "foi1").await;
    let t2 = issue_token(&app, "foi2").await;
    let t3 = issue_token(&app, "foi3").await;
    for t in [&t1, &t2, &t3] {
        assert_eq!(api_status(&app, t).await, 200);
    }
    // Reset by an administrator.
    let r = app
        .post(&format!("/admin/users/{foi1}/reset-password"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(api_status(&app, &t1).await, 401, "revoked by the reset");
    // Disabled by an administrator.
    let unit = app.root_unit.to_string();
    let r = app
        .post(
            &format!("/admin/users/{foi2}"),
            &[
                ("display_name", "foi2"),
                ("unit_id", unit.as_str()),
                ("roles", "foi_handler"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303, "{}", location(&r));
    assert_eq!(api_status(&app, &t2).await, 401);
    // Re-enabling the account does not bring the token back.
    let r = app
        .post(
            &format!("/admin/users/{foi2}"),
            &[
                ("display_name", "foi2"),
                ("unit_id", unit.as_str()),
                ("roles", "foi_handler"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        api_status(&app, &t2).await,
        401,
        "revoked, not just inactive"
    );
    // The user's own password change.
    let (c3, tok3, r) = app.client_login("foi3", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);
    let r = c3
        .post(app.url("/admin/password"))
        .form(&[
            ("current", PASSWORD),
            ("new_password", "New-Password-42"),
            ("confirm", "New-Password-42"),
            ("csrf_token", tok3.as_str()),
        ])
        .send()
        .await
        .expect("change");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(api_status(&app, &t3).await, 401);
    let audited = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke_all'",
    )
    .await;
    assert_eq!(audited, 3);
}

/// Finding 12: tokens expire (a year by default); the list shows when.
async fn tokens_expire(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.user("foi1", &[Role::FoiHandler]).await;
    app.login_ok("root").await;
    let t = issue_token(&app, "foi1").await;
    assert_eq!(api_status(&app, &t).await, 200);
    let (_, html) = app.get_text("/admin/tokens").await;
    assert!(html.contains("有效期至"), "the list shows the expiry");
    // Issued 400 days ago.
    let old = gongkai::clock::now() - chrono::Duration::days(400);
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE api_tokens SET created_at = $1"
    )
    .bind(old)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age");
    // Tokens issued before expiry existed (no expires_at) count from their issue.
    let _ = gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE api_tokens SET expires_at = NULL"
    )
    .execute(p)
    .await
    .map(|r| r.rows_affected()));
    assert_eq!(api_status(&app, &t).await, 401, "expired");
}

/// Finding 7: a district administrator sees and revokes only tokens of users in
/// their own units.
async fn tokens_scoped_to_admin_units(b: Backend) {
    let app = spawn(b).await;
    let huangpu = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    let xuhui = app.unit("徐汇区城管执法局", Some(app.root_unit)).await;
    app.user("root", &[Role::Admin]).await;
    app.user_in("huangpu_admin", &[Role::Admin], huangpu).await;
    app.user_in("xh_foi", &[Role::FoiHandler], xuhui).await;
    app.user_in("hp_foi", &[Role::FoiHandler], huangpu).await;
    app.login_ok("root").await;
    let r = app
        .post(
            "/admin/tokens",
            &[("name", "徐汇同步"), ("username", "xh_foi")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let xh_token_id = scalar_i64(&app, "SELECT MAX(id) FROM api_tokens").await;
    let r = app
        .post(
            "/admin/tokens",
            &[("name", "黄浦同步"), ("username", "hp_foi")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let hp_token_id = scalar_i64(&app, "SELECT MAX(id) FROM api_tokens").await;

    let (hp, tok, r) = app.client_login("huangpu_admin", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);
    let html = hp
        .get(app.url("/admin/tokens"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(html.contains("黄浦同步"), "own unit's token listed");
    assert!(
        !html.contains("徐汇同步"),
        "another unit's token not listed"
    );
    assert!(!html.contains("xh_foi"));
    let r = hp
        .post(app.url(&format!("/admin/tokens/{xh_token_id}/revoke")))
        .form(&[("csrf_token", tok.as_str())])
        .send()
        .await
        .expect("revoke");
    assert!(matches!(r.status().as_u16(), 403 | 404), "{}", r.status());
    let revoked = scalar_i64(
        &app,
        &format!("SELECT COUNT(*) FROM api_tokens WHERE id = {xh_token_id} AND revoked = TRUE"),
    )
    .await;
    assert_eq!(revoked, 0, "another unit's token untouched");
    let r = hp
        .post(app.url(&format!("/admin/tokens/{hp_token_id}/revoke")))
        .form(&[("csrf_token", tok.as_str())])
        .send()
        .await
        .expect("revoke");
    assert_eq!(r.status().as_u16(), 303, "own unit's token can be revoked");
}

/// Finding 15: a session in use does not outlive `security.session_max_hours`
/// (12 by default) from sign-in.
async fn session_lifetime_capped(b: Backend) {
    let app = spawn(b).await;
    app.user("dave", &[Role::Publisher]).await;
    app.login_ok("dave").await;
    assert_eq!(app.get("/admin").await.status().as_u16(), 200);
    // Signed in 13 hours ago, used a moment ago, idle expiry still ahead.
    let t = gongkai::clock::now();
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE sessions SET created_at = $1, last_seen_at = $2, expires_at = $3"
    )
    .bind(t - chrono::Duration::hours(13))
    .bind(t)
    .bind(t + chrono::Duration::hours(8))
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age");
    let r = app.get("/admin").await;
    assert_eq!(r.status().as_u16(), 303, "the session has ended");
    assert!(location(&r).starts_with("/admin/login"));
}

/// Finding 18: the CSRF token is not taken from the query string; upload forms
/// carry it in the multipart body.
async fn csrf_token_not_taken_from_query(b: Backend) {
    let app = spawn(b).await;
    app.user("erin", &[Role::Enforcer]).await;
    let token = app.csrf().await;
    let r = app
        .client
        .post(app.url(&format!("/admin/login?csrf_token={token}")))
        .form(&[("username", "erin"), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403, "token in the URL is not accepted");
    // A multipart upload with the token in the body passes the CSRF check (the
    // handler answers; 403 would be the CSRF refusal).
    app.login_ok("erin").await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"a,b\n".to_vec()).file_name("x.csv"),
        );
    let r = app
        .client
        .post(app.url("/admin/inspect/entities/import"))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_ne!(r.status().as_u16(), 403, "token in the multipart body");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"a,b\n".to_vec()).file_name("x.csv"),
    );
    let r = app
        .client
        .post(app.url("/admin/inspect/entities/import"))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 403, "no token at all");
    // The upload forms put no token in their action.
    let (_, html) = app.get_text("/admin/inspect").await;
    assert!(!html.contains("csrf_token="), "no token in a URL");
    assert!(cookie_value(&app.jar, &app.base, "gk_csrf").is_some());
}

/// Finding 18: /metrics answers local clients only.
async fn metrics_not_public(b: Backend) {
    let app = spawn_with(b, |s| s.server.trust_proxy = true).await;
    let r = app
        .client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .expect("metrics");
    assert_eq!(r.status().as_u16(), 403, "a remote client is refused");
    assert_eq!(app.get("/metrics").await.status().as_u16(), 200, "loopback");
}

/// Finding 18: remote scrapes with `server.metrics_token` (added with the fix).
async fn metrics_token_for_remote_scrapes(b: Backend) {
    let app = spawn_with(b, |s| {
        s.server.trust_proxy = true;
        s.server.metrics_token = "scrape-token-0123456789".into();
    })
    .await;
    let get = |token: &'static str| {
        app.client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.9")
            .bearer_auth(token)
            .send()
    };
    assert_eq!(
        get("wrong-token-0123456789")
            .await
            .expect("get")
            .status()
            .as_u16(),
        403
    );
    let r = get("scrape-token-0123456789").await.expect("get");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("gongkai_uptime_seconds")
    );
}
