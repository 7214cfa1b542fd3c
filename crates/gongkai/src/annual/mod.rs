//! 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): every table computed from the
//! data (二 from documents and penalty decisions, 三 from the FOI cases, 四 from the
//! 行政复议/行政诉讼 recorded on them), each figure with the records it counts, the
//! invariants checked; the text parts drafted with the figures for staff to edit;
//! preview; the report written into a 年报 document that is reviewed and published
//! under 政府信息公开年报 like any document.

pub mod admin;
pub mod cli;
pub mod model;
pub mod organ;
pub mod output;
pub mod report;
pub mod service;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What the 年度报告 writes to the audit log, with the 复议/诉讼 records it counts.
    AnnualAction {
        Draft = ("annual.draft", "保存年度报告"),
        Document = ("annual.document", "年度报告转为公文"),
        ProceedingAdd = ("foi.proceeding_add", "登记行政复议、行政诉讼"),
        ProceedingOutcome = ("foi.proceeding_outcome", "登记复议、诉讼结果"),
    }
);

pub fn routes() -> Routes {
    Routes::new()
        .staff(
            "/admin/annual",
            Permission::ViewFoi,
            Some(get(admin::page)),
            None,
        )
        .staff(
            "/admin/annual/draft",
            Permission::HandleFoi,
            None,
            Some(post(admin::save)),
        )
        .staff(
            "/admin/annual/records",
            Permission::ViewFoi,
            Some(get(admin::records)),
            None,
        )
        .staff(
            "/admin/annual/report.docx",
            Permission::ViewFoi,
            Some(get(output::docx)),
            None,
        )
        .staff(
            "/admin/annual/report.pdf",
            Permission::ViewFoi,
            Some(get(output::pdf)),
            None,
        )
        .staff(
            "/admin/annual/preview",
            Permission::ViewFoi,
            Some(get(admin::preview)),
            None,
        )
        .staff(
            "/admin/foi/{id}/proceedings",
            Permission::ViewFoi,
            Some(get(admin::proceedings)),
            None,
        )
        .staff(
            "/admin/foi/{id}/proceedings/new",
            Permission::HandleFoi,
            None,
            Some(post(admin::add_proceeding)),
        )
        .staff(
            "/admin/foi/{id}/proceedings/{pid}",
            Permission::HandleFoi,
            None,
            Some(post(admin::set_outcome)),
        )
        .nav(25, "/admin/annual", "政府信息公开年报", Permission::ViewFoi)
}
