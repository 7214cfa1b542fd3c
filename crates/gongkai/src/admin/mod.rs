//! The back office's own pages: the dashboard, user and unit management.

pub mod dashboard;
pub mod units;
pub mod users;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};

use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::routes::Routes;
use crate::web::{Layout, render};

/// The dashboard, users and units.
pub fn routes() -> Routes {
    Routes::new()
        .staff("/admin", Permission::Dashboard, Some(get(dashboard)), None)
        .staff(
            "/admin/users",
            Permission::ManageUsers,
            Some(get(crate::admin::users::list)),
            None,
        )
        .staff(
            "/admin/users/new",
            Permission::ManageUsers,
            Some(get(crate::admin::users::new_form)),
            Some(post(crate::admin::users::create)),
        )
        .staff(
            "/admin/users/{id}",
            Permission::ManageUsers,
            Some(get(crate::admin::users::edit_form)),
            Some(post(crate::admin::users::update)),
        )
        .staff(
            "/admin/users/{id}/reset-password",
            Permission::ManageUsers,
            None,
            Some(post(crate::admin::users::reset_password)),
        )
        .staff(
            "/admin/units",
            Permission::ManageUnits,
            Some(get(crate::admin::units::list)),
            None,
        )
        .staff(
            "/admin/units/new",
            Permission::ManageUnits,
            Some(get(crate::admin::units::new_form)),
            Some(post(crate::admin::units::create)),
        )
        .staff(
            "/admin/units/{id}",
            Permission::ManageUnits,
            Some(get(crate::admin::units::edit_form)),
            Some(post(crate::admin::units::update)),
        )
        .nav(0, "/admin", "工作台", Permission::Dashboard)
        .nav(80, "/admin/users", "用户管理", Permission::ManageUsers)
        .nav(81, "/admin/units", "机构管理", Permission::ManageUnits)
}

pub struct GrantView {
    pub unit: String,
    pub role: &'static str,
}

#[derive(Template)]
#[template(path = "admin/templates/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    grants: Vec<GrantView>,
    todos: Vec<dashboard::TodoGroup>,
    users: i64,
    units: i64,
    failed_jobs: i64,
    audit_entries: i64,
    is_admin: bool,
    foi: crate::foi::dashboard::FoiDashboard,
    /// 网民留言 reminders of the user's units (`interact/templates/dashboard_reminders.html`).
    reminders: crate::interact::reminders::DashboardReminders,
    /// The last site check's failures (run, failures, new ones), for administrators.
    sitecheck: Option<(i64, i64, i64)>,
    /// The last site check's content warnings (run, all, unmasked personal data).
    sitecheck_content: Option<(i64, i64, i64)>,
}

#[derive(serde::Deserialize)]
struct DashboardQuery {
    /// The page of the 网民留言 reminders.
    rpage: Option<i64>,
}

async fn dashboard(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let units = crate::auth::store::all_units(&state.db).await?;
    let grants = user
        .grants
        .iter()
        .map(|g| GrantView {
            unit: units
                .iter()
                .find(|u| u.id == g.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            role: g.role.label(),
        })
        .collect();
    let users = crate::auth::store::count_users(&state.db).await?;
    let failed_jobs = crate::jobs::counts(&state.db)
        .await?
        .into_iter()
        .find(|(s, _)| s == "failed")
        .map(|(_, n)| n)
        .unwrap_or(0);
    let audit_entries: i64 = crate::with_db!(&state.db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(p)
            .await
    })?;
    // The overview counts the whole city (and links to city-wide pages): for
    // administrators at the root unit only.
    let is_admin = user.can(Permission::ManageJobs);
    let todos = dashboard::todos(&state, &user).await?;
    let (sitecheck, sitecheck_content) = if is_admin {
        (
            crate::sitecheck::admin::failing_summary(&state).await?,
            crate::sitecheck::admin::content_summary(&state).await?,
        )
    } else {
        (None, None)
    };
    render(&DashboardPage {
        sitecheck,
        sitecheck_content,
        layout,
        grants,
        todos,
        users,
        units: units.len() as i64,
        failed_jobs,
        audit_entries,
        is_admin,
        foi: crate::foi::dashboard::for_user(&state, &user, crate::clock::today()).await?,
        reminders: crate::interact::reminders::for_user(&state, &user, q.rpage).await?,
    })
}
