//! Public pages of the subscription: subscribe, confirm (double opt-in), the
//! personal page (what applies and why, what was sent, change, cancel), the
//! tracked link and one-click unsubscribe (RFC 8058).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::{self, Errors};
use super::service;
use super::store::{self, Subscriber};
use super::views::{PolicyHit, ProfileChoices, policies_for};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, render};

#[derive(Deserialize)]
pub struct TokenQuery {
    pub t: Option<String>,
}

/// A token as we issue them (48 hex digits); anything else is not looked up.
fn token_ok(t: &str) -> bool {
    t.len() == 48 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn by_token(state: &AppState, t: Option<&str>) -> Result<Subscriber, AppError> {
    let t = t.unwrap_or_default();
    if !token_ok(t) {
        return Err(AppError::NotFound);
    }
    store::subscriber_by_token(&state.db, t)
        .await?
        .ok_or(AppError::NotFound)
}

fn limited(state: &AppState, bucket: &'static str, ip: &str) -> Result<(), AppError> {
    crate::web::ratelimit::public_form(state, bucket, ip)
}

#[derive(Template)]
#[template(path = "push/templates/subscribe.html")]
struct SubscribePage {
    layout: Layout,
    c: ProfileChoices,
    f: Fields,
    errors: Errors,
}

form_page!(SubscribePage: err);

impl SubscribePage {
    fn v(&self, name: &str) -> String {
        self.f.get(name)
    }
}

pub async fn subscribe_form(layout: Layout) -> Result<Response, AppError> {
    let f = Fields::default();
    render(&SubscribePage {
        layout,
        c: ProfileChoices::new(&f),
        f,
        errors: Errors::new(),
    })
}

#[derive(Template)]
#[template(path = "push/templates/notice.html")]
struct NoticePage {
    layout: Layout,
    title: &'static str,
    text: String,
    link: Option<(String, &'static str)>,
}

pub async fn subscribe(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    f: Fields,
) -> Result<Response, AppError> {
    limited(&state, "push_subscribe", &ip)?;
    match form::subscription(&f, true) {
        Ok(n) => {
            service::subscribe(&state.db, &n, &ip).await?;
            render(&NoticePage {
                layout,
                title: "请到邮箱确认订阅",
                text: "确认邮件已发送到您填写的邮箱。打开邮件中的链接确认后，订阅才会生效；未确认的订阅不会收到推送。".into(),
                link: None,
            })
        }
        Err(errors) => {
            let page = SubscribePage {
                layout,
                c: ProfileChoices::new(&f),
                f,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "push/templates/confirm.html")]
struct ConfirmPage {
    layout: Layout,
    token: String,
    action: &'static str,
    title: &'static str,
    text: &'static str,
    button: &'static str,
}

/// The link in the confirmation mail shows a button (a link scanner's GET changes nothing).
pub async fn confirm_page(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let s = by_token(&state, q.t.as_deref()).await?;
    if s.state != "pending" {
        return Ok(Redirect::to(&format!("/push/me?t={}", s.token)).into_response());
    }
    render(&ConfirmPage {
        layout,
        token: s.token,
        action: "/push/confirm",
        title: "确认订阅政策推送",
        text: "确认后，本网站发布适用于贵单位的政策时，将发送到您的邮箱。",
        button: "确认订阅",
    })
}

pub async fn confirm(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    f: Fields,
) -> Result<Response, AppError> {
    limited(&state, "push_token", &ip)?;
    let s = by_token(&state, Some(&f.get("t"))).await?;
    if s.state == "pending" {
        service::change_state(&state.db, &s, "active", &ip).await?;
    }
    Ok(Redirect::to(&format!("/push/me?t={}&msg=confirmed", s.token)).into_response())
}

#[derive(Template)]
#[template(path = "push/templates/me.html")]
struct MePage {
    layout: Layout,
    s: Subscriber,
    state_label: &'static str,
    c: ProfileChoices,
    f: Fields,
    errors: Errors,
    hits: Vec<PolicyHit>,
    sent: Vec<SentView>,
    message: &'static str,
}

form_page!(MePage: err);

impl MePage {
    fn v(&self, name: &str) -> String {
        self.f.get(name)
    }
}

pub struct SentView {
    pub title: String,
    pub state: &'static str,
    pub when: String,
    pub opened: bool,
}

#[derive(Deserialize)]
pub struct MeQuery {
    pub t: Option<String>,
    pub msg: Option<String>,
}

async fn me_page(
    state: &AppState,
    layout: Layout,
    s: Subscriber,
    f: Option<Fields>,
    errors: Errors,
    message: &'static str,
) -> Result<Response, AppError> {
    let profile = service::profile_of(&s);
    let hits = match &profile {
        Some(p) if s.state == "active" => policies_for(&state.db, p, crate::clock::today()).await?,
        _ => Vec::new(),
    };
    let msgs = store::messages_of_subscriber(&state.db, s.id).await?;
    let ids: Vec<i64> = msgs.iter().filter_map(|m| m.document_id).collect();
    let docs = crate::docs::store::get_many(&state.db, &ids).await?;
    let sent = msgs
        .iter()
        .filter(|m| m.kind == "policy")
        .map(|m| SentView {
            title: docs
                .iter()
                .find(|d| Some(d.id) == m.document_id)
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            state: m.state_label(),
            when: crate::clock::fmt_local(&m.sent_at.unwrap_or(m.created_at)),
            opened: m.opened_at.is_some(),
        })
        .collect();
    let f = f.unwrap_or_else(|| {
        let mut f = profile
            .as_ref()
            .map(ProfileChoices::fields_of)
            .unwrap_or_default();
        f.0.push(("name".into(), s.name.clone()));
        f
    });
    render(&MePage {
        layout,
        state_label: match s.state.as_str() {
            "active" => "已生效",
            "pending" => "待确认（请打开确认邮件中的链接）",
            "suspended" => "因邮件多次被退回已暂停，请联系我们更正邮箱后恢复",
            _ => "已退订",
        },
        c: ProfileChoices::new(&f),
        f,
        errors,
        hits,
        sent,
        s,
        message,
    })
}

pub async fn me(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<MeQuery>,
) -> Result<Response, AppError> {
    let s = by_token(&state, q.t.as_deref()).await?;
    let message = match q.msg.as_deref() {
        Some("confirmed") => "订阅已确认。",
        Some("updated") => "订阅条件已更新。",
        _ => "",
    };
    me_page(&state, layout, s, None, Errors::new(), message).await
}

pub async fn me_update(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    f: Fields,
) -> Result<Response, AppError> {
    limited(&state, "push_token", &ip)?;
    let s = by_token(&state, Some(&f.get("t"))).await?;
    if s.state == "cancelled" {
        return Err(AppError::Conflict("订阅已退订，请重新订阅".into()));
    }
    match form::subscription(&f, false) {
        Ok(n) => {
            service::update(&state.db, &s, &n, &ip).await?;
            Ok(Redirect::to(&format!("/push/me?t={}&msg=updated", s.token)).into_response())
        }
        Err(errors) => {
            let r = me_page(&state, layout, s, Some(f), errors, "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        }
    }
}

pub async fn unsubscribe_page(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let s = by_token(&state, q.t.as_deref()).await?;
    render(&ConfirmPage {
        layout,
        token: s.token,
        action: "/push/unsubscribe",
        title: "退订政策推送",
        text: "退订后不再向您的邮箱推送政策。您可以随时重新订阅。",
        button: "确认退订",
    })
}

async fn cancel(state: &AppState, t: &str, ip: &str) -> Result<(), AppError> {
    limited(state, "push_token", ip)?;
    let s = by_token(state, Some(t)).await?;
    if s.state != "cancelled" {
        service::change_state(&state.db, &s, "cancelled", ip).await?;
    }
    Ok(())
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    f: Fields,
) -> Result<Response, AppError> {
    cancel(&state, &f.get("t"), &ip).await?;
    render(&NoticePage {
        layout,
        title: "已退订",
        text: "您已退订政策推送，不会再收到本网站的推送邮件。".into(),
        link: Some(("/push/subscribe".into(), "重新订阅")),
    })
}

/// RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click`
/// to the URL of the `List-Unsubscribe` header (under /api/, so no CSRF token).
pub async fn one_click(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    cancel(&state, q.t.as_deref().unwrap_or_default(), &ip).await?;
    Ok(axum::Json(serde_json::json!({"unsubscribed": true})).into_response())
}

/// The same URL opened in a browser: the page with the button.
pub async fn one_click_get(Query(q): Query<TokenQuery>) -> Result<Response, AppError> {
    let t = q.t.unwrap_or_default();
    if !token_ok(&t) {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/push/unsubscribe?t={t}")).into_response())
}

/// The tracked link of a message: records the first opening, then shows the
/// personal page at the policy.
pub async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !token_ok(&token) {
        return Err(AppError::NotFound);
    }
    let (sub_id, doc) = store::opened(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = store::subscriber(&state.db, sub_id).await?;
    let anchor = doc.map(|d| format!("#doc-{d}")).unwrap_or_default();
    Ok(Redirect::to(&format!("/push/me?t={}{anchor}", s.token)).into_response())
}
