//! 政民互动: 网民留言 (a letter answered on the working-day clock, reviewed by a
//! second person and published with its reply, de-identified) and 意见征集 (a
//! draft shown article by article, comments per article, adoption feedback).
//!
//! Pure rules in `model` (letters) and `consult_model` (consultations); checked
//! input in `form`; SQL in `store` and `consult_store`; transactions with their
//! audit entries in `service` and `consult_service`; pages in `portal`, `admin`,
//! `consult_portal` and `consult_admin`; JSON in `api`.

pub mod admin;
pub mod api;
pub mod consult_admin;
pub mod consult_model;
pub mod consult_portal;
pub mod consult_service;
pub mod consult_store;
pub mod demo;
pub mod form;
pub mod model;
pub mod portal;
pub mod service;
pub mod stats;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 政民互动 writes to the audit log: a letter's steps (`interact.<step>`), and
    /// consultations (`consult.*`).
    InteractAction {
        Submit = ("interact.submit", "收到网民留言"),
        Demo = ("interact.demo", "演示留言"),
        Anonymise = ("interact.anonymise", "删除留言人个人信息"),
        Submitted = ("interact.submitted", "提交留言"),
        Signed = ("interact.signed", "签收留言"),
        Transferred = ("interact.transferred", "转办留言"),
        Extended = ("interact.extended", "延长答复期限"),
        Drafted = ("interact.drafted", "拟写答复"),
        Returned = ("interact.returned", "答复退回修改"),
        Published = ("interact.published", "答复并公开"),
        Answered = ("interact.answered", "答复（不公开）"),
        Rejected = ("interact.rejected", "不予受理留言"),
        Merged = ("interact.merged", "收到重复留言"),
        Rated = ("interact.rated", "留言人评价"),
        Reopened = ("interact.reopened", "重新办理留言"),
        ConsultCreate = ("consult.create", "发布意见征集"),
        ConsultComment = ("consult.comment", "收到征集意见"),
        ConsultDecide = ("consult.decide", "处理征集意见"),
        ConsultFeedback = ("consult.feedback", "公布采纳情况"),
    }
);

impl From<model::Step> for InteractAction {
    fn from(s: model::Step) -> Self {
        use model::Step as S;
        match s {
            S::Submitted => InteractAction::Submitted,
            S::Signed => InteractAction::Signed,
            S::Transferred => InteractAction::Transferred,
            S::Extended => InteractAction::Extended,
            S::Drafted => InteractAction::Drafted,
            S::Returned => InteractAction::Returned,
            S::Published => InteractAction::Published,
            S::Answered => InteractAction::Answered,
            S::Rejected => InteractAction::Rejected,
            S::Merged => InteractAction::Merged,
            S::Rated => InteractAction::Rated,
            S::Reopened => InteractAction::Reopened,
        }
    }
}

/// 政民互动: public pages, the back office, the API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/interact/messages", get(portal::list))
        .public(
            "/interact/messages/new",
            get(portal::write_form).post(portal::write),
        )
        .public("/interact/messages/progress", get(portal::progress))
        .public("/interact/messages/rate", post(portal::rate))
        .public("/interact/messages/stats", get(stats::public_page))
        .public("/interact/messages/{id}", get(portal::letter))
        .public("/api/v1/messages", get(api::list).post(api::submit))
        .public("/api/v1/messages/{no}", get(api::progress))
        .public("/interact/consultations", get(consult_portal::list))
        .public("/interact/consultations/{id}", get(consult_portal::show))
        .public(
            "/interact/consultations/{id}/comments",
            post(consult_portal::comment),
        )
        .public("/api/v1/consultations", get(consult_portal::api_list))
        .public("/api/v1/consultations/{id}", get(consult_portal::api_one))
        .staff(
            "/admin/consultations",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::list)),
            None,
        )
        .staff(
            "/admin/consultations/new",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::new_form)),
            Some(post(crate::interact::consult_admin::create)),
        )
        .staff(
            "/admin/consultations/{id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::show)),
            None,
        )
        .staff(
            "/admin/consultations/{id}/comments/{comment}",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::consult_admin::decide)),
        )
        .staff(
            "/admin/consultations/{id}/feedback",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::consult_admin::feedback)),
        )
        .staff(
            "/admin/interact",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::list)),
            None,
        )
        .staff(
            "/admin/interact/stats",
            Permission::HandleInteraction,
            Some(get(crate::interact::stats::admin_page)),
            None,
        )
        .staff(
            "/admin/interact/stats.xlsx",
            Permission::HandleInteraction,
            Some(get(crate::interact::stats::admin_xlsx)),
            None,
        )
        .staff(
            "/admin/interact/{id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::show)),
            None,
        )
        .staff(
            "/admin/interact/{id}/files/{file_id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::file)),
            None,
        )
        .staff(
            "/admin/interact/{id}/{action}",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::admin::act)),
        )
        .nav(
            40,
            "/admin/interact",
            "网民留言",
            Permission::HandleInteraction,
        )
        .nav(
            41,
            "/admin/consultations",
            "意见征集",
            Permission::HandleInteraction,
        )
        .nav(
            44,
            "/admin/interact/stats",
            "留言统计",
            Permission::HandleInteraction,
        )
}

/// The daily job's share: erase writers' personal data past the retention period
/// (`interact.retention_years` after closing). Logs counts only.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    let years = i32::try_from(state.settings.interact.retention_years).unwrap_or(3);
    let today = crate::clock::today();
    let before = chrono::Datelike::with_year(&today, chrono::Datelike::year(&today) - years)
        .unwrap_or(today);
    let n = service::anonymise_closed_before(state, before)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tracing::info!(interact.anonymised = n, "政民互动 daily job");
    Ok(())
}
