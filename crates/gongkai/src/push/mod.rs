//! 政策精准推送 and 集成式发布: applicability tags on documents (industries by
//! GB/T 4754-2017, districts, scale, subject types, themes) approved with the
//! document, 轻微违法行为免罚清单 items, enterprise subscriptions with double opt-in,
//! the matcher that queues one message per policy and recipient, the outbox worker
//! (SMTP), the personal page, 政策自查, and theme pages of structured measures.

pub mod admin;
pub mod api;
pub mod check;
pub mod deliver;
pub mod demo;
pub mod form;
pub mod industry;
pub mod mail;
pub mod model;
pub mod portal;
pub mod service;
pub mod store;
pub mod views;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::db::Db;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 政策精准推送 writes to the audit log.
    PushAction {
        Tags = ("push.tags", "修改适用对象标签"),
        Subscribe = ("push.subscribe", "企业订阅"),
        Confirm = ("push.confirm", "确认订阅"),
        Unsubscribe = ("push.unsubscribe", "退订"),
        Update = ("push.update", "修改订阅条件"),
    }
);

pub fn routes() -> Routes {
    Routes::new()
        .public("/push/check", get(check::check))
        .public(
            "/push/subscribe",
            get(portal::subscribe_form).post(portal::subscribe),
        )
        .public(
            "/push/confirm",
            get(portal::confirm_page).post(portal::confirm),
        )
        .public("/push/me", get(portal::me).post(portal::me_update))
        .public(
            "/push/unsubscribe",
            get(portal::unsubscribe_page).post(portal::unsubscribe),
        )
        .public("/push/o/{token}", get(portal::open))
        .public("/themes", get(check::themes))
        .public("/themes/{slug}", get(check::theme))
        .public(
            "/api/v1/push/unsubscribe",
            get(portal::one_click_get).post(portal::one_click),
        )
        .public("/api/v1/push/matches", get(check::api_matches))
        .public("/api/v1/push/subscriptions", post(api::subscribe))
        .public("/api/v1/push/stats", get(api::stats))
        .staff(
            "/admin/push",
            Permission::Content,
            Some(get(admin::overview)),
            None,
        )
        .staff(
            "/admin/push/documents/{id}/tags",
            Permission::PublishContent,
            Some(get(admin::tags_form)),
            Some(post(admin::tags_save)),
        )
        .nav(25, "/admin/push", "政策精准推送", Permission::Content)
}

/// Every minute: match newly published documents, deliver the outbox.
pub async fn job(state: &AppState) -> anyhow::Result<()> {
    service::run(state).await
}

/// What the document pages show of a document's applicability: the tags as
/// `(dimension, labels)` and the 免罚清单 items (a hook for `docs`).
pub async fn document_applicability(
    db: &Db,
    document_id: i64,
) -> sqlx::Result<(Vec<(&'static str, String)>, Vec<store::Exemption>)> {
    let a = store::tags_of(db, store::DOCUMENT, document_id).await?;
    Ok((a.display(), store::exemptions_of(db, document_id).await?))
}
