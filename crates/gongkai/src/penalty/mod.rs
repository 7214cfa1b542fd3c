//! 执法公示: 行政处罚案件公开 (register or import, automatic de-identification
//! confirmed by a second person, publication within 7 working days, withdrawal with
//! the reason shown, retention expiry) and 暂停通讯工具号码.

pub mod admin;
pub mod demo;
pub mod input;
pub mod model;
pub mod portal;
pub mod review;
pub mod service;
pub mod store;
mod store_numbers;
#[cfg(test)]
mod store_tests;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 行政处罚公示 writes to the audit log.
    PenaltyAction {
        Create = ("penalty.create", "登记处罚案件"),
        Confirm = ("penalty.confirm", "确认去标识化文本"),
        Publish = ("penalty.publish", "公开处罚案件"),
        Withdraw = ("penalty.withdraw", "撤回处罚案件"),
        MaskAdd = ("penalty.mask_add", "增加遮蔽"),
        NumberSuspend = ("number.suspend", "暂停通讯工具号码"),
        NumberLift = ("number.lift", "恢复通讯工具号码"),
    }
);

/// 执法公示: public case lists, the back office, the API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/enforcement/penalties", get(portal::list))
        .public("/enforcement/penalties.xlsx", get(portal::export))
        .public("/enforcement/penalties/{id}", get(portal::case))
        .public("/enforcement/suspended-numbers", get(portal::numbers))
        .public(
            "/api/v1/penalties",
            get(portal::api_list).post(portal::api_create),
        )
        .public("/api/v1/penalties/{id}", get(portal::api_case))
        .staff(
            "/admin/penalties",
            Permission::HandleEnforcement,
            Some(get(crate::penalty::admin::list)),
            None,
        )
        .staff(
            "/admin/penalties/new",
            Permission::HandleEnforcement,
            Some(get(crate::penalty::admin::new_form)),
            Some(post(crate::penalty::admin::create)),
        )
        .staff(
            "/admin/penalties/import",
            Permission::HandleEnforcement,
            Some(get(crate::penalty::admin::import_form)),
            Some(
                post(crate::penalty::admin::import)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/penalties/{id}",
            Permission::HandleEnforcement,
            Some(get(crate::penalty::admin::show)),
            None,
        )
        .staff(
            "/admin/penalties/{id}/confirm",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::penalty::admin::confirm)),
        )
        .staff(
            "/admin/penalties/{id}/mask",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::penalty::review::add_mask)),
        )
        .staff(
            "/admin/penalties/{id}/publish",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::penalty::admin::publish)),
        )
        .staff(
            "/admin/penalties/{id}/withdraw",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::penalty::admin::withdraw)),
        )
        .staff(
            "/admin/numbers",
            Permission::HandleEnforcement,
            Some(get(crate::penalty::admin::numbers)),
            Some(post(crate::penalty::admin::add_number)),
        )
        .staff(
            "/admin/numbers/{id}/lift",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::penalty::admin::lift_number)),
        )
        .nav(
            30,
            "/admin/penalties",
            "处罚案件公开",
            Permission::HandleEnforcement,
        )
        .nav(
            31,
            "/admin/numbers",
            "暂停通讯号码",
            Permission::HandleEnforcement,
        )
}

/// Daily: take cases past their public period off the portal.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    let n = store::expire(&state.db, crate::clock::today()).await?;
    tracing::info!(
        penalty.expired = n,
        "penalty cases past retention taken off the portal"
    );
    Ok(())
}
