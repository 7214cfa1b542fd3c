//! 网站巡检: the portal checks itself. A crawler job (daily, and on demand from the
//! back office) walks the public pages over the live router in-process, checks
//! internal links, attachments and external links, titles, image alt texts, mixed
//! content and page sizes, the column update rules, and the text of each page
//! (文号, dates, listed wrong wordings, unmasked personal data); each run is kept with
//! what is new since the previous one.

pub mod admin;
pub mod content;
pub mod crawl;
pub mod model;
pub mod service;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 网站巡检 writes to the audit log.
    SitecheckAction {
        Queue = ("sitecheck.queue", "立即巡检"),
        Column = ("sitecheck.column", "修改栏目更新要求"),
    }
);

/// The back-office pages (administrators: the permission of background jobs).
pub fn routes() -> Routes {
    Routes::new()
        .staff(
            "/admin/sitecheck",
            Permission::ManageJobs,
            Some(get(admin::runs)),
            None,
        )
        .staff(
            "/admin/sitecheck/run",
            Permission::ManageJobs,
            None,
            Some(post(admin::start)),
        )
        .staff(
            "/admin/sitecheck/runs/{id}",
            Permission::ManageJobs,
            Some(get(admin::run)),
            None,
        )
        .staff(
            "/admin/sitecheck/runs/{id}/export",
            Permission::ManageJobs,
            Some(get(admin::export)),
            None,
        )
        .staff(
            "/admin/sitecheck/columns",
            Permission::ManageJobs,
            Some(get(admin::columns)),
            Some(post(admin::add_column)),
        )
        .staff(
            "/admin/sitecheck/columns/{id}",
            Permission::ManageJobs,
            None,
            Some(post(admin::save_column)),
        )
        .nav(86, "/admin/sitecheck", "网站巡检", Permission::ManageJobs)
}

/// The job: run the queued check (or the daily one) against the application's
/// own router, built by `router` (the wiring passes `app::router`).
pub async fn job(state: &AppState, router: fn(AppState) -> axum::Router) -> anyhow::Result<()> {
    let site = crawl::Site::InProcess(router(state.clone()));
    service::run_check(state, site, "daily").await?;
    Ok(())
}
