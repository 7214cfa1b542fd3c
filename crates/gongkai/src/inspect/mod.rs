//! 双随机、一公开: 检查对象名录库 and 执法检查人员名录库 (imported), the 随机抽查事项清单,
//! annual plans, draws with commit–reveal (crates/draw), and results.

pub mod admin;
pub mod api;
pub mod demo;
pub mod portal;
pub mod service;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What 双随机抽查 writes to the audit log.
    InspectAction {
        Entities = ("inspect.entities", "导入检查对象"),
        Inspectors = ("inspect.inspectors", "导入执法人员"),
        Item = ("inspect.item", "保存抽查事项"),
        Plan = ("inspect.plan", "保存抽查计划"),
        Commit = ("inspect.commit", "承诺抽取种子"),
        Draw = ("inspect.draw", "随机抽取"),
        Result = ("inspect.result", "登记检查结果"),
    }
);

/// 双随机、一公开: public draws and results, verification, the back office, the API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/enforcement/random", get(portal::portal))
        .public("/enforcement/random/draws/{id}", get(portal::portal_draw))
        .public(
            "/enforcement/random/draws/{id}/record.json",
            get(api::record_json),
        )
        .public(
            "/enforcement/random/verify",
            get(portal::verify_form).post(portal::verify),
        )
        .public("/enforcement/random/results", get(portal::results))
        .public("/enforcement/random/algorithm", get(portal::algorithm))
        .public(
            "/enforcement/random/verify_draw.py",
            get(portal::verify_script),
        )
        .public("/api/v1/draws/{id}", get(api::api_draw))
        .staff(
            "/admin/inspect",
            Permission::HandleEnforcement,
            Some(get(crate::inspect::admin::admin)),
            None,
        )
        .staff(
            "/admin/inspect/entities/import",
            Permission::HandleEnforcement,
            None,
            Some(
                post(crate::inspect::admin::import_entities)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/inspect/inspectors/import",
            Permission::HandleEnforcement,
            None,
            Some(
                post(crate::inspect::admin::import_inspectors)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/inspect/items",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::inspect::admin::add_item)),
        )
        .staff(
            "/admin/inspect/plans",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::inspect::admin::add_plan)),
        )
        .staff(
            "/admin/inspect/plans/{id}/commit",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::inspect::admin::commit)),
        )
        .staff(
            "/admin/inspect/draws/{id}",
            Permission::HandleEnforcement,
            Some(get(crate::inspect::admin::draw_page)),
            None,
        )
        .staff(
            "/admin/inspect/draws/{id}/reveal",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::inspect::admin::reveal)),
        )
        .staff(
            "/admin/inspect/draws/{id}/results",
            Permission::HandleEnforcement,
            None,
            Some(post(crate::inspect::admin::save_result)),
        )
        .nav(
            40,
            "/admin/inspect",
            "双随机抽查",
            Permission::HandleEnforcement,
        )
}
