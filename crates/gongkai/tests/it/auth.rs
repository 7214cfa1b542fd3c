//! Login, sessions, lockout, password change, CSRF.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, PASSWORD, location, spawn, spawn_with};

both!(
    login_logout_and_session_cookie,
    wrong_password_and_lockout,
    forced_password_change_ends_other_sessions,
    csrf_is_required,
    secure_cookie_over_https,
    disabled_user_cannot_log_in,
    ip_throttle
);

async fn login_logout_and_session_cookie(b: Backend) {
    let app = spawn(b).await;
    app.user("alice", &[Role::Admin]).await;
    // Not signed in: the back office redirects to the login page with `next`.
    let r = app.get("/admin/users").await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(location(&r), "/admin/login?next=%2Fadmin%2Fusers");
    let (status, html) = app.get_text("/admin/login").await;
    assert_eq!(status, 200);
    assert!(html.contains("<label for=\"username\">用户名</label>"));

    let r = app
        .post(
            "/admin/login",
            &[
                ("username", "alice"),
                ("password", PASSWORD),
                ("next", "/admin/users"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(location(&r), "/admin/users");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("gk_session="))
        .expect("session cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("工作台") && html.contains("系统管理员"));
    // `next` may not leave the site.
    app.post("/admin/logout", &[]).await;
    let r = app
        .post(
            "/admin/login",
            &[
                ("username", "alice"),
                ("password", PASSWORD),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/admin");

    let r = app.post("/admin/logout", &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(app.get("/admin").await.status().as_u16(), 303, "signed out");
    let n: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 0, "logout deletes the session row");
    let actions: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(actions, vec!["login", "logout", "login", "logout"]);
}

async fn wrong_password_and_lockout(b: Backend) {
    let app = spawn(b).await;
    app.user("bob", &[Role::Publisher]).await;
    app.user("root", &[Role::Admin]).await;
    let r = app.login("nobody", "whatever-1").await;
    assert_eq!(r.status().as_u16(), 401);
    let html = r.text().await.expect("body");
    assert!(html.contains("用户名或密码错误"));
    assert!(
        html.contains("value=\"nobody\""),
        "keeps what the user typed"
    );
    for _ in 0..4 {
        assert_eq!(
            app.login("bob", "Wrong-password-9").await.status().as_u16(),
            401
        );
    }
    // The fifth failure starts a delay for bob from this address. An attempt inside
    // it, even with the right password, is answered exactly like a wrong password:
    // nothing tells that the account exists or is delayed.
    assert_eq!(
        app.login("bob", "Wrong-password-9").await.status().as_u16(),
        401
    );
    let r = app.login("bob", PASSWORD).await;
    assert_eq!(
        r.status().as_u16(),
        401,
        "delayed even with the right password, answered as a wrong password"
    );
    let html = r.text().await.expect("body");
    assert!(html.contains("用户名或密码错误") && !html.contains("锁定"));
    let locked: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action = 'login_locked'"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(locked.len(), 1);
    let failed = gongkai::auth::store::find_by_username(&app.db, "bob")
        .await
        .expect("q")
        .expect("bob")
        .failed_logins;
    assert_eq!(failed, 5, "failures counted for the back office");
    // An administrator's reset ends the delay and forces a new password.
    let (admin, token, r) = app.client_login("root", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);
    let bob_id = gongkai::auth::store::find_by_username(&app.db, "bob")
        .await
        .expect("q")
        .expect("bob")
        .id;
    let r = admin
        .post(app.url(&format!("/admin/users/{bob_id}/reset-password")))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("reset");
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    let pw = html
        .split("id=\"one-time-password\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("password shown")
        .to_string();
    let r = app.login("bob", &pw).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        location(&r),
        "/admin/password",
        "must change the reset password first"
    );
}

async fn forced_password_change_ends_other_sessions(b: Backend) {
    let app = spawn(b).await;
    let id = app.user("carol", &[Role::Reviewer]).await;
    // Force a change as for a new account.
    let mut tx = app.db.begin().await.expect("tx");
    let hash = gongkai::auth::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    gongkai::auth::store::set_password(&mut tx, id, &hash, true)
        .await
        .expect("set");
    tx.commit().await.expect("commit");

    let (other, _, r) = app.client_login("carol", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);

    let r = app.login("carol", PASSWORD).await;
    assert_eq!(location(&r), "/admin/password");
    let r = app.get("/admin").await;
    assert_eq!(
        location(&r),
        "/admin/password",
        "every page leads to the password change"
    );
    // Bad input: errors per field, nothing changed.
    let r = app
        .post(
            "/admin/password",
            &[
                ("current", "nope"),
                ("new_password", "short"),
                ("confirm", "other"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("当前密码不正确")
            && html.contains("密码至少 10 个字符")
            && html.contains("两次输入的新密码不一致")
    );
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
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.expect("body").contains("密码已修改"));
    assert_eq!(
        app.get("/admin").await.status().as_u16(),
        200,
        "this session continues"
    );
    assert_eq!(
        other
            .get(app.url("/admin"))
            .send()
            .await
            .expect("get")
            .status()
            .as_u16(),
        303,
        "the other session ended"
    );
    app.post("/admin/logout", &[]).await;
    assert_eq!(
        app.login("carol", PASSWORD).await.status().as_u16(),
        401,
        "old password no longer works"
    );
    assert_eq!(
        app.login("carol", "New-Password-42")
            .await
            .status()
            .as_u16(),
        303
    );
}

async fn csrf_is_required(b: Backend) {
    let app = spawn(b).await;
    app.user("dave", &[Role::Admin]).await;
    app.csrf().await;
    // No token.
    let r = app
        .client
        .post(app.url("/admin/login"))
        .form(&[("username", "dave"), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.expect("body").contains("页面已过期"));
    // Wrong token.
    let r = app
        .client
        .post(app.url("/admin/login"))
        .form(&[
            ("username", "dave"),
            ("password", PASSWORD),
            ("csrf_token", &"0".repeat(64)),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    // Right token from another origin.
    let token = app.csrf().await;
    let r = app
        .client
        .post(app.url("/admin/login"))
        .header("origin", "http://evil.example")
        .form(&[
            ("username", "dave"),
            ("password", PASSWORD),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    // Right token, same origin, header form.
    let r = app
        .client
        .post(app.url("/admin/login"))
        .header("origin", app.base.clone())
        .header("x-csrf-token", token.clone())
        .form(&[("username", "dave"), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303);
    // A state change while signed in needs the token too.
    let r = app
        .client
        .post(app.url("/admin/logout"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        app.get("/admin").await.status().as_u16(),
        200,
        "still signed in"
    );
}

async fn secure_cookie_over_https(b: Backend) {
    let app = spawn_with(b, |s| {
        s.server.public_url = "https://gk.example.gov.cn".into()
    })
    .await;
    app.user("erin", &[Role::Admin]).await;
    let r = app.login("erin", PASSWORD).await;
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("gk_session="))
        .expect("session cookie");
    assert!(session.contains("; Secure"), "{session}");
}

async fn disabled_user_cannot_log_in(b: Backend) {
    let app = spawn(b).await;
    let id = app.user("frank", &[Role::Enforcer]).await;
    app.login_ok("frank").await;
    assert_eq!(app.get("/admin").await.status().as_u16(), 200);
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::auth::store::update_user(&mut tx, id, "frank", false)
        .await
        .expect("disable");
    tx.commit().await.expect("commit");
    assert_eq!(
        app.get("/admin").await.status().as_u16(),
        303,
        "a disabled user's session no longer counts"
    );
    let r = app.login("frank", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 401, "same message as a wrong password");
}

async fn ip_throttle(b: Backend) {
    let app = spawn_with(b, |s| s.security.login_attempts_per_ip = 3).await;
    for _ in 0..3 {
        assert_eq!(
            app.login("x", "Wrong-password-1").await.status().as_u16(),
            401
        );
    }
    let r = app.login("x", "Wrong-password-1").await;
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.text().await.expect("body").contains("过于频繁"));
}
