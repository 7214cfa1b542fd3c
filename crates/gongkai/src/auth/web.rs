//! Login, logout and password change pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{CurrentUser, SESSION_COOKIE, Staff, password, store};
use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{ClientIp, Layout, render};

#[derive(Template)]
#[template(path = "auth/templates/login.html")]
struct LoginPage {
    layout: Layout,
    username: String,
    next: String,
    error: String,
}

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_form(layout: Layout, Query(q): Query<LoginQuery>) -> Result<Response, AppError> {
    if layout.user.is_some() {
        return Ok(Redirect::to("/admin").into_response());
    }
    render(&LoginPage {
        layout,
        username: String::new(),
        next: q.next,
        error: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// A hash of a random password, verified against when the user does not exist so
/// that the response time does not reveal which usernames exist.
static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

async fn dummy_hash() -> anyhow::Result<String> {
    if let Some(h) = DUMMY_HASH.get() {
        return Ok(h.clone());
    }
    let h = password::hash(password::generate()).await?;
    Ok(DUMMY_HASH.get_or_init(|| h).clone())
}

pub async fn login(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let sec = &state.settings.security;
    let username = form.username.trim().to_string();
    let fail = |layout: Layout, status: StatusCode, msg: &str| -> Result<Response, AppError> {
        let page = LoginPage {
            layout,
            username: username.clone(),
            next: form.next.clone(),
            error: msg.to_string(),
        };
        Ok((status, render(&page)?).into_response())
    };
    if username.is_empty() || form.password.is_empty() {
        return fail(
            layout,
            StatusCode::UNPROCESSABLE_ENTITY,
            "请输入用户名和密码",
        );
    }
    // Every attempt counts against the address, successful ones too: signing in to
    // one's own account does not buy another round of guesses.
    if !state.limiter.check(
        "login",
        &ip,
        sec.login_attempts_per_ip,
        std::time::Duration::from_secs(300),
    ) {
        return fail(
            layout,
            StatusCode::TOO_MANY_REQUESTS,
            "登录尝试过于频繁，请5分钟后再试",
        );
    }
    // After `login_max_failures` failures in a row for this account from this
    // address, the next attempt from here waits a growing delay. An attempt inside
    // the delay is answered exactly like a wrong password (and for unknown usernames
    // the same way), so the answer tells nothing about the account, and nobody can
    // lock a colleague out: other addresses are not delayed.
    let cap = std::time::Duration::from_secs(u64::from(sec.login_lock_minutes) * 60);
    // (No password is checked inside the delay; the address already knows it failed.)
    if !state.limiter.login_wait(&username, &ip).is_zero() {
        return fail(layout, StatusCode::UNAUTHORIZED, "用户名或密码错误");
    }
    let user = store::find_by_username(&state.db, &username).await?;
    let Some(user) = user else {
        let _ = password::verify(form.password.clone(), dummy_hash().await?).await?;
        state
            .limiter
            .login_failed(&username, &ip, sec.login_max_failures, cap);
        return fail(layout, StatusCode::UNAUTHORIZED, "用户名或密码错误");
    };
    let ok = password::verify(form.password.clone(), user.password_hash.clone()).await?;
    let actor = Actor {
        id: Some(user.id),
        name: user.username.clone(),
        ip: Some(ip.clone()),
    };
    if !ok || !user.active {
        let (in_a_row, delay) =
            state
                .limiter
                .login_failed(&username, &ip, sec.login_max_failures, cap);
        if user.active {
            let locked = (in_a_row == sec.login_max_failures).then(|| {
                format!(
                    "从 {ip} 连续 {in_a_row} 次登录失败：该地址此后每次尝试须等待 {} 秒起、逐次加倍的延迟（最长 {} 分钟）",
                    delay.as_secs(),
                    sec.login_lock_minutes
                )
            });
            super::service::login_failed(&state.db, &actor, user.id, locked).await?;
        }
        return fail(layout, StatusCode::UNAUTHORIZED, "用户名或密码错误");
    }

    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let ttl = chrono::Duration::hours(i64::from(sec.session_hours));
    let token = super::service::login(&state.db, &actor, user.id, ttl, &ip, ua).await?;
    // A fresh token on every login: an old session cookie (fixation) is dropped.
    if let Some(old) = layout.user.as_ref() {
        store::delete_session(&state.db, &old.session_hash).await?;
    }
    state.limiter.login_succeeded(&username, &ip);

    let target = if user.must_change_password {
        "/admin/password".to_string()
    } else {
        crate::web::safe_return_path(&form.next)
            .filter(|p| p.starts_with("/admin"))
            .unwrap_or("/admin")
            .to_string()
    };
    let cookie = crate::web::set_cookie(
        SESSION_COOKIE,
        &token,
        Some(ttl.num_seconds()),
        state.settings.secure_cookies(),
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response())
}

pub async fn logout(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    if let Some(user) = layout.user {
        super::service::logout(&state.db, &user.actor(), user.id, &user.session_hash).await?;
    }
    let cookie =
        crate::web::set_cookie(SESSION_COOKIE, "", Some(0), state.settings.secure_cookies());
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/admin/login")).into_response())
}

#[derive(Template)]
#[template(path = "auth/templates/password.html")]
struct PasswordPage {
    layout: Layout,
    errors: BTreeMap<String, String>,
    done: bool,
    forced: bool,
}

form_page!(PasswordPage: err);

pub async fn password_form(layout: Layout, Staff(user): Staff) -> Result<Response, AppError> {
    let forced = user.must_change_password;
    render(&PasswordPage {
        layout,
        errors: BTreeMap::new(),
        done: false,
        forced,
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    ClientIp(ip): ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    // The current password is a password guess like a login: the same limits apply,
    // per address (every attempt) and per account (wrong current passwords).
    let sec = &state.settings.security;
    let account_window = std::time::Duration::from_secs(u64::from(sec.login_lock_minutes) * 60);
    let account = user.id.to_string();
    if state.limiter.exhausted(
        "password_change",
        &account,
        sec.login_max_failures,
        account_window,
    ) || !state.limiter.check(
        "login",
        &ip,
        sec.login_attempts_per_ip,
        std::time::Duration::from_secs(300),
    ) {
        let mut errors = BTreeMap::new();
        errors.insert(
            "current".to_string(),
            format!(
                "尝试过于频繁，请 {} 分钟后再试",
                sec.login_lock_minutes.max(5)
            ),
        );
        let page = PasswordPage {
            layout,
            errors,
            done: false,
            forced: user.must_change_password,
        };
        return Ok((StatusCode::TOO_MANY_REQUESTS, render(&page)?).into_response());
    }
    let mut errors = BTreeMap::new();
    let row = store::get_user(&state.db, user.id).await?;
    if !password::verify(form.current.clone(), row.password_hash.clone()).await? {
        state.limiter.check(
            "password_change",
            &account,
            sec.login_max_failures,
            account_window,
        );
        errors.insert("current".to_string(), "当前密码不正确".to_string());
    }
    if let Err(m) = password::check_policy(&form.new_password, &user.username) {
        errors.insert("new_password".to_string(), m.to_string());
    } else if form.new_password == form.current {
        errors.insert(
            "new_password".to_string(),
            "新密码不能与当前密码相同".to_string(),
        );
    }
    if form.new_password != form.confirm {
        errors.insert("confirm".to_string(), "两次输入的新密码不一致".to_string());
    }
    if !errors.is_empty() {
        let page = PasswordPage {
            layout,
            errors,
            done: false,
            forced: user.must_change_password,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let hash = password::hash(form.new_password).await?;
    super::service::change_own_password(
        &state.db,
        &user.actor(),
        user.id,
        &hash,
        &user.session_hash,
    )
    .await?;
    let mut layout = layout;
    if let Some(u) = layout.user.as_ref() {
        let mut u: CurrentUser = (**u).clone();
        u.must_change_password = false;
        layout.user = Some(Arc::new(u));
    }
    render(&PasswordPage {
        layout,
        errors: BTreeMap::new(),
        done: true,
        forced: false,
    })
}
