//! The back office: navigation by role, the dashboard, user and unit management,
//! and the table of every back-office route with the permission it requires.

pub mod units;
pub mod users;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::middleware::from_fn;
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};

use crate::app::AppState;
use crate::auth::roles::{Permission, Role};
use crate::auth::{CurrentUser, Staff};
use crate::docs::admin as docs;
use crate::error::AppError;
use crate::web::{Layout, NavItem, render};

/// One back-office route and what it requires; the list drives both the router and
/// the test that visits every route as every role.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub permission: Permission,
}

struct Guarded {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

impl Guarded {
    fn route(
        mut self,
        path: &'static str,
        perm: Permission,
        get_h: Option<MethodRouter<AppState>>,
        post_h: Option<MethodRouter<AppState>>,
    ) -> Self {
        let mut mr: MethodRouter<AppState> = MethodRouter::new();
        if let Some(g) = get_h {
            mr = mr.merge(g);
            self.specs.push(RouteSpec {
                method: "GET",
                path,
                permission: perm,
            });
        }
        if let Some(p) = post_h {
            mr = mr.merge(p);
            self.specs.push(RouteSpec {
                method: "POST",
                path,
                permission: perm,
            });
        }
        let mr = mr.layer(from_fn(move |req, next| {
            crate::auth::guard(perm, req, next)
        }));
        self.router = self.router.route(path, mr);
        self
    }
}

/// Every guarded back-office route. Login and logout are outside: they are how
/// one gets a session.
pub fn routes() -> (Router<AppState>, Vec<RouteSpec>) {
    use Permission::*;
    let g = Guarded {
        router: Router::new(),
        specs: Vec::new(),
    }
    .route("/admin", Dashboard, Some(get(dashboard)), None)
    .route(
        "/admin/password",
        Dashboard,
        Some(get(crate::auth::web::password_form)),
        Some(post(crate::auth::web::change_password)),
    )
    .route("/admin/users", ManageUsers, Some(get(users::list)), None)
    .route(
        "/admin/users/new",
        ManageUsers,
        Some(get(users::new_form)),
        Some(post(users::create)),
    )
    .route(
        "/admin/users/{id}",
        ManageUsers,
        Some(get(users::edit_form)),
        Some(post(users::update)),
    )
    .route(
        "/admin/users/{id}/reset-password",
        ManageUsers,
        None,
        Some(post(users::reset_password)),
    )
    .route("/admin/units", ManageUnits, Some(get(units::list)), None)
    .route(
        "/admin/units/new",
        ManageUnits,
        Some(get(units::new_form)),
        Some(post(units::create)),
    )
    .route(
        "/admin/units/{id}",
        ManageUnits,
        Some(get(units::edit_form)),
        Some(post(units::update)),
    )
    .route("/admin/docs", Content, Some(get(docs::list)), None)
    .route(
        "/admin/docs/new",
        PublishContent,
        Some(get(docs::new_form)),
        Some(post(docs::create)),
    )
    .route(
        "/admin/docs/warnings",
        Content,
        Some(get(docs::warnings)),
        None,
    )
    .route(
        "/admin/docs/{id}/interpretation/attachments",
        PublishContent,
        None,
        Some(
            post(crate::docs::attachments::upload_interp)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    )
    .route(
        "/admin/docs/{id}/attachments",
        PublishContent,
        None,
        Some(
            post(crate::docs::attachments::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    )
    .route(
        "/admin/attachments/{id}",
        Content,
        Some(get(crate::docs::attachments::staff_download)),
        None,
    )
    .route(
        "/admin/attachments/{id}/delete",
        PublishContent,
        None,
        Some(post(crate::docs::attachments::remove)),
    )
    .route(
        "/admin/docs/import",
        PublishContent,
        Some(get(crate::docs::catalogue::form)),
        Some(
            post(crate::docs::catalogue::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    )
    .route(
        "/admin/docs/import/template.xlsx",
        PublishContent,
        Some(get(crate::docs::catalogue::template_download)),
        None,
    )
    .route(
        "/admin/docs/{id}/index-no",
        ManageUsers,
        None,
        Some(post(docs::change_index_no)),
    )
    .route(
        "/admin/docs/export.xlsx",
        Content,
        Some(get(docs::list_xlsx)),
        None,
    )
    .route(
        "/admin/docs/{id}/supersede",
        ReviewContent,
        None,
        Some(post(docs::supersede)),
    )
    .route(
        "/admin/docs/conversion",
        ReviewContent,
        Some(get(docs::conversion_queue)),
        None,
    )
    .route(
        "/admin/docs/{id}/conversion",
        ReviewContent,
        None,
        Some(post(docs::conversion_decide)),
    )
    .route("/admin/docs/{id}", Content, Some(get(docs::show)), None)
    .route(
        "/admin/docs/{id}/edit",
        PublishContent,
        Some(get(docs::edit_form)),
        Some(post(docs::update)),
    )
    .route(
        "/admin/docs/{id}/submit",
        PublishContent,
        None,
        Some(post(docs::submit)),
    )
    .route(
        "/admin/docs/{id}/interpretation",
        PublishContent,
        Some(get(docs::interp_form)),
        Some(post(docs::interp_save)),
    )
    .route(
        "/admin/docs/{id}/interpretation/approve",
        ReviewContent,
        None,
        Some(post(docs::interp_approve)),
    )
    .route(
        "/admin/docs/{id}/return",
        ReviewContent,
        None,
        Some(post(docs::return_to_author)),
    )
    .route(
        "/admin/docs/{id}/publish",
        ReviewContent,
        None,
        Some(post(docs::publish)),
    )
    .route(
        "/admin/docs/{id}/withdraw",
        ReviewContent,
        None,
        Some(post(docs::withdraw)),
    )
    .route(
        "/admin/docs/{id}/validity",
        ReviewContent,
        None,
        Some(post(docs::set_validity)),
    )
    .route(
        "/admin/topics",
        ManageTopics,
        Some(get(crate::docs::topics::list)),
        Some(post(crate::docs::topics::create)),
    )
    .route(
        "/admin/topics/{id}",
        ManageTopics,
        None,
        Some(post(crate::docs::topics::rename)),
    )
    .route(
        "/admin/foi",
        HandleFoi,
        Some(get(crate::foi::admin::list)),
        None,
    )
    .route(
        "/admin/foi/new",
        HandleFoi,
        Some(get(crate::foi::admin::new_form)),
        Some(post(crate::foi::admin::create)),
    )
    .route(
        "/admin/foi/templates",
        HandleFoi,
        Some(get(crate::foi::admin::templates)),
        None,
    )
    .route(
        "/admin/foi/templates/{kind}",
        HandleFoi,
        None,
        Some(post(crate::foi::admin::save_template)),
    )
    .route(
        "/admin/foi/report",
        HandleFoi,
        Some(get(crate::foi::admin::report_page)),
        None,
    )
    .route(
        "/admin/foi/report.xlsx",
        HandleFoi,
        Some(get(crate::foi::admin::report_xlsx)),
        None,
    )
    .route(
        "/admin/foi/{id}",
        HandleFoi,
        Some(get(crate::foi::admin::show)),
        None,
    )
    .route(
        "/admin/foi/{id}/events",
        HandleFoi,
        None,
        Some(post(crate::foi::admin::add_event)),
    )
    .route(
        "/admin/foi/{id}/assign",
        HandleFoi,
        None,
        Some(post(crate::foi::admin::assign)),
    )
    .route(
        "/admin/foi/{id}/files/{file_id}",
        HandleFoi,
        Some(get(crate::foi::admin::file)),
        None,
    )
    .route(
        "/admin/foi/{id}/letters/{file}",
        HandleFoi,
        Some(get(crate::foi::admin::letter)),
        None,
    )
    .route(
        "/admin/penalties",
        HandleEnforcement,
        Some(get(crate::penalty::admin::list)),
        None,
    )
    .route(
        "/admin/penalties/new",
        HandleEnforcement,
        Some(get(crate::penalty::admin::new_form)),
        Some(post(crate::penalty::admin::create)),
    )
    .route(
        "/admin/penalties/import",
        HandleEnforcement,
        Some(get(crate::penalty::admin::import_form)),
        Some(post(crate::penalty::admin::import).layer(axum::extract::DefaultBodyLimit::disable())),
    )
    .route(
        "/admin/penalties/{id}",
        HandleEnforcement,
        Some(get(crate::penalty::admin::show)),
        None,
    )
    .route(
        "/admin/penalties/{id}/confirm",
        HandleEnforcement,
        None,
        Some(post(crate::penalty::admin::confirm)),
    )
    .route(
        "/admin/penalties/{id}/publish",
        HandleEnforcement,
        None,
        Some(post(crate::penalty::admin::publish)),
    )
    .route(
        "/admin/penalties/{id}/withdraw",
        HandleEnforcement,
        None,
        Some(post(crate::penalty::admin::withdraw)),
    )
    .route(
        "/admin/inspect",
        HandleEnforcement,
        Some(get(crate::inspect::web::admin)),
        None,
    )
    .route(
        "/admin/inspect/entities/import",
        HandleEnforcement,
        None,
        Some(
            post(crate::inspect::web::import_entities)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    )
    .route(
        "/admin/inspect/inspectors/import",
        HandleEnforcement,
        None,
        Some(
            post(crate::inspect::web::import_inspectors)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        ),
    )
    .route(
        "/admin/inspect/items",
        HandleEnforcement,
        None,
        Some(post(crate::inspect::web::add_item)),
    )
    .route(
        "/admin/inspect/plans",
        HandleEnforcement,
        None,
        Some(post(crate::inspect::web::add_plan)),
    )
    .route(
        "/admin/inspect/plans/{id}/commit",
        HandleEnforcement,
        None,
        Some(post(crate::inspect::web::commit)),
    )
    .route(
        "/admin/inspect/draws/{id}",
        HandleEnforcement,
        Some(get(crate::inspect::web::draw_page)),
        None,
    )
    .route(
        "/admin/inspect/draws/{id}/reveal",
        HandleEnforcement,
        None,
        Some(post(crate::inspect::web::reveal)),
    )
    .route(
        "/admin/inspect/draws/{id}/results",
        HandleEnforcement,
        None,
        Some(post(crate::inspect::web::save_result)),
    )
    .route(
        "/admin/numbers",
        HandleEnforcement,
        Some(get(crate::penalty::admin::numbers)),
        Some(post(crate::penalty::admin::add_number)),
    )
    .route(
        "/admin/numbers/{id}/lift",
        HandleEnforcement,
        None,
        Some(post(crate::penalty::admin::lift_number)),
    )
    .route(
        "/admin/search",
        ManageTopics,
        Some(get(crate::sitesearch::admin::page)),
        Some(post(crate::sitesearch::admin::save)),
    )
    .route(
        "/admin/search/rebuild",
        ManageTopics,
        None,
        Some(post(crate::sitesearch::admin::rebuild)),
    )
    .route(
        "/admin/workdays",
        ManageCalendar,
        Some(get(crate::workdays::web::admin_list)),
        Some(post(crate::workdays::web::admin_save)),
    )
    .route(
        "/admin/workdays/{year}",
        ManageCalendar,
        Some(get(crate::workdays::web::admin_year)),
        None,
    )
    .route(
        "/admin/tokens",
        ManageUsers,
        Some(get(crate::auth::tokens::list)),
        Some(post(crate::auth::tokens::create)),
    )
    .route(
        "/admin/tokens/{id}/revoke",
        ManageUsers,
        None,
        Some(post(crate::auth::tokens::revoke)),
    )
    .route(
        "/admin/audit",
        ViewAudit,
        Some(get(crate::audit::web::list)),
        None,
    )
    .route(
        "/admin/audit/verify",
        ViewAudit,
        Some(get(crate::audit::web::verify)),
        None,
    )
    .route(
        "/admin/audit/export.xlsx",
        ViewAudit,
        Some(get(crate::audit::web::export)),
        None,
    )
    .route(
        "/admin/jobs",
        ManageJobs,
        Some(get(crate::jobs::web::list)),
        None,
    )
    .route(
        "/admin/jobs/{id}/retry",
        ManageJobs,
        None,
        Some(post(crate::jobs::web::retry)),
    );
    (g.router, g.specs)
}

const NAV: &[(&str, &str, Permission)] = &[
    ("/admin", "工作台", Permission::Dashboard),
    ("/admin/docs", "公文库", Permission::Content),
    ("/admin/foi", "依申请公开", Permission::HandleFoi),
    (
        "/admin/penalties",
        "处罚案件公开",
        Permission::HandleEnforcement,
    ),
    (
        "/admin/numbers",
        "暂停通讯号码",
        Permission::HandleEnforcement,
    ),
    (
        "/admin/inspect",
        "双随机抽查",
        Permission::HandleEnforcement,
    ),
    ("/admin/users", "用户管理", Permission::ManageUsers),
    ("/admin/units", "机构管理", Permission::ManageUnits),
    ("/admin/topics", "主题分类", Permission::ManageTopics),
    ("/admin/search", "站内搜索", Permission::ManageTopics),
    ("/admin/workdays", "工作日日历", Permission::ManageCalendar),
    ("/admin/tokens", "API 令牌", Permission::ManageUsers),
    ("/admin/audit", "审计日志", Permission::ViewAudit),
    ("/admin/jobs", "后台任务", Permission::ManageJobs),
    ("/admin/password", "修改密码", Permission::Dashboard),
];

/// The back-office navigation this user may see.
pub fn nav_for(user: &CurrentUser, path: &str) -> Vec<NavItem> {
    NAV.iter()
        .filter(|(_, _, p)| user.can(*p))
        .map(|(href, label, _)| NavItem {
            href,
            label,
            active: if *href == "/admin" {
                path == "/admin"
            } else {
                path.starts_with(href)
            },
        })
        .collect()
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
    users: i64,
    units: i64,
    failed_jobs: i64,
    audit_entries: i64,
    is_admin: bool,
}

async fn dashboard(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
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
    let is_admin = user.grants.iter().any(|g| g.role == Role::Admin);
    render(&DashboardPage {
        layout,
        grants,
        users,
        units: units.len() as i64,
        failed_jobs,
        audit_entries,
        is_admin,
    })
}
