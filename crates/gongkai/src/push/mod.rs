//! 政策精准推送 and 集成式发布: applicability tags on documents (industries by
//! GB/T 4754-2017, districts, scale, subject types, themes) approved with the
//! document, 轻微违法行为免罚清单 items, enterprise subscriptions with double opt-in,
//! the matcher that queues one message per policy and recipient, the outbox worker
//! (SMTP, or a signed webhook to a platform such as 随申办·企业云), bounces, the
//! personal page, 政策自查, theme pages of structured measures and their editor.

pub mod admin;
pub mod admin_delivery;
pub mod admin_themes;
pub mod api;
pub mod check;
pub mod deliver;
pub mod demo;
pub mod form;
pub mod form_admin;
pub mod industry;
pub mod mail;
pub mod model;
pub mod platform;
pub mod portal;
pub mod service;
pub mod service_admin;
pub mod store;
pub mod store_platforms;
pub mod store_themes;
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
        Bounce = ("push.bounce", "记录退信"),
        Suspend = ("push.suspend", "多次退信暂停订阅"),
        Resume = ("push.resume", "恢复订阅"),
        Retry = ("push.retry", "重新发送推送消息"),
        Platform = ("push.platform", "登记推送平台"),
        Import = ("push.import", "导入平台推送企业"),
        Theme = ("push.theme", "编辑集成式发布主题"),
        Measure = ("push.measure", "编辑政策措施"),
        MeasureDelete = ("push.measure_delete", "删除政策措施"),
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
        .public("/api/v1/push/bounces", post(api::bounce))
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
        .staff(
            "/admin/push/figures.xlsx",
            Permission::Content,
            Some(get(admin_delivery::figures_xlsx)),
            None,
        )
        .staff(
            "/admin/push/subscribers",
            Permission::Content,
            Some(get(admin_delivery::subscribers)),
            None,
        )
        .staff(
            "/admin/push/subscribers.xlsx",
            Permission::Content,
            Some(get(admin_delivery::subscribers_xlsx)),
            None,
        )
        .staff(
            "/admin/push/subscribers/{id}",
            Permission::Content,
            Some(get(admin_delivery::subscriber)),
            None,
        )
        .staff(
            "/admin/push/subscribers/{id}/resume",
            Permission::PublishContent,
            None,
            Some(post(admin_delivery::resume)),
        )
        .staff(
            "/admin/push/failed",
            Permission::Content,
            Some(get(admin_delivery::failed)),
            None,
        )
        .staff(
            "/admin/push/messages/{id}/retry",
            Permission::PublishContent,
            None,
            Some(post(admin_delivery::retry)),
        )
        .staff(
            "/admin/push/messages/{id}/bounce",
            Permission::PublishContent,
            None,
            Some(post(admin_delivery::bounce)),
        )
        .staff(
            "/admin/push/platforms",
            Permission::ManageJobs,
            Some(get(admin_delivery::platforms)),
            Some(post(admin_delivery::platform_create)),
        )
        .staff(
            "/admin/push/platforms/{id}",
            Permission::ManageJobs,
            Some(get(admin_delivery::platform_form)),
            Some(post(admin_delivery::platform_save)),
        )
        .staff(
            "/admin/push/import",
            Permission::PublishContent,
            Some(get(admin_delivery::import_form)),
            Some(post(admin_delivery::import)),
        )
        .staff(
            "/admin/push/themes",
            Permission::PublishContent,
            Some(get(admin_themes::themes)),
            Some(post(admin_themes::theme_create)),
        )
        .staff(
            "/admin/push/themes/{id}",
            Permission::PublishContent,
            Some(get(admin_themes::theme_form)),
            Some(post(admin_themes::theme_save)),
        )
        .staff(
            "/admin/push/themes/{id}/measures/new",
            Permission::PublishContent,
            Some(get(admin_themes::measure_new)),
            None,
        )
        .staff(
            "/admin/push/themes/{id}/measures",
            Permission::PublishContent,
            None,
            Some(post(admin_themes::measure_create)),
        )
        .staff(
            "/admin/push/measures/{id}",
            Permission::PublishContent,
            Some(get(admin_themes::measure_form)),
            Some(post(admin_themes::measure_save)),
        )
        .staff(
            "/admin/push/measures/{id}/delete",
            Permission::PublishContent,
            None,
            Some(post(admin_themes::measure_delete)),
        )
        .nav(25, "/admin/push", "政策精准推送", Permission::Content)
}

/// Every minute: match newly published documents, deliver the outbox.
pub async fn job(state: &AppState) -> anyhow::Result<()> {
    service::run(state).await
}

/// What the document pages show of a document's applicability: the tags as
/// `(dimension, labels)` and the 免罚清单 items (a hook for `docs`). `has` says
/// which of the two the document has (`DocFlags::ASK` when not known): what it
/// has not is not asked for.
pub async fn document_applicability(
    db: &Db,
    document_id: i64,
    has: store::DocFlags,
) -> sqlx::Result<(Vec<(&'static str, String)>, Vec<store::Exemption>)> {
    let tags = if has.has_tags {
        store::tags_of(db, store::DOCUMENT, document_id)
            .await?
            .display()
    } else {
        Vec::new()
    };
    let exemptions = if has.has_exemptions {
        store::exemptions_of(db, document_id).await?
    } else {
        Vec::new()
    };
    Ok((tags, exemptions))
}
