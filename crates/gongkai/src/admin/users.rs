//! User management: list, create (with a one-time password), edit roles, disable,
//! reset password. An administrator acts only on users of units in their scope.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use crate::auth::roles::{Grant, Permission, Role};
use crate::auth::scope::Scope;
use crate::auth::service;
use crate::auth::store::{self, UnitRow, UserRow};
use crate::auth::{Staff, password};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, Pager, render};

pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub active: bool,
    pub locked: bool,
    pub roles: String,
    pub last_login: String,
}

#[derive(Template)]
#[template(path = "admin/templates/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<UserView>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    let page = Page::new(q.page, None);
    let filter = scope.filter();
    let (rows, total) = store::list_users(&state.db, filter, page).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let grants = store::grants_of(&state.db, &ids).await?;
    let max = i64::from(state.settings.security.login_max_failures);
    let users = rows
        .into_iter()
        .map(|r| {
            let roles = grants
                .get(&r.id)
                .map(|gs| {
                    gs.iter()
                        .map(|g| format!("{}·{}", scope.unit_name(g.unit_id), g.role.label()))
                        .collect::<Vec<_>>()
                        .join("，")
                })
                .unwrap_or_default();
            UserView {
                id: r.id,
                locked: r.failed_logins >= max,
                username: r.username,
                display_name: r.display_name,
                active: r.active,
                roles,
                last_login: crate::clock::fmt_local_opt(&r.last_login_at),
            }
        })
        .collect();
    render(&UsersPage {
        layout,
        users,
        pager: Pager::checked(page, total, String::new())?,
    })
}

pub struct RoleOption {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

fn role_options(selected: &[Role]) -> Vec<RoleOption> {
    Role::ALL
        .iter()
        .map(|r| RoleOption {
            code: r.code(),
            label: r.label(),
            checked: selected.contains(r),
        })
        .collect()
}

fn unit_options(units: &[UnitRow], selected: Option<i64>) -> Vec<Choice> {
    units
        .iter()
        .map(|u| Choice::new(u.id, u.name.clone(), Some(u.id) == selected))
        .collect()
}

#[derive(Template)]
#[template(path = "admin/templates/user_form.html")]
struct UserFormPage {
    layout: Layout,
    /// None for a new user.
    user_id: Option<i64>,
    username: String,
    display_name: String,
    active: bool,
    units: Vec<Choice>,
    roles: Vec<RoleOption>,
    errors: BTreeMap<String, String>,
    saved: bool,
    locked: bool,
}

form_page!(UserFormPage: err);

#[derive(Template)]
#[template(path = "admin/templates/user_password.html")]
struct OneTimePasswordPage {
    layout: Layout,
    user_id: i64,
    username: String,
    password: String,
    created: bool,
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    render(&UserFormPage {
        layout,
        user_id: None,
        username: String::new(),
        display_name: String::new(),
        active: true,
        units: unit_options(&scope.in_scope_units(), None),
        roles: role_options(&[]),
        errors: BTreeMap::new(),
        saved: false,
        locked: false,
    })
}

/// Parsed and checked input of the user form.
struct UserInput {
    username: String,
    display_name: String,
    active: bool,
    unit_id: Option<i64>,
    roles: Vec<Role>,
}

fn parse_user_form(f: &Fields, scope: &Scope, new: bool) -> (UserInput, BTreeMap<String, String>) {
    let mut errors = BTreeMap::new();
    let username = f.get("username");
    if new {
        let valid = (3..=32).contains(&username.len())
            && username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
        if !valid {
            errors.insert(
                "username".into(),
                "用户名应为 3–32 位字母、数字、下划线、点或连字符".into(),
            );
        }
    }
    let display_name = f.get("display_name");
    if display_name.is_empty() || display_name.chars().count() > 40 {
        errors.insert("display_name".into(), "请填写姓名（不超过 40 字）".into());
    }
    let unit_id = f.get("unit_id").parse::<i64>().ok();
    match unit_id {
        Some(id) if scope.contains(id) => {}
        _ => {
            errors.insert("unit_id".into(), "请选择所属机构".into());
        }
    }
    let roles: Vec<Role> = f
        .all("roles")
        .iter()
        .filter_map(|c| Role::parse(c))
        .collect();
    if roles.is_empty() {
        errors.insert("roles".into(), "请至少选择一个角色".into());
    }
    let active = if new { true } else { f.checked("active") };
    (
        UserInput {
            username,
            display_name,
            active,
            unit_id,
            roles,
        },
        errors,
    )
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    let (input, mut errors) = parse_user_form(&fields, &scope, true);
    if errors.is_empty()
        && store::find_by_username(&state.db, &input.username)
            .await?
            .is_some()
    {
        errors.insert("username".into(), "该用户名已被使用".into());
    }
    if !errors.is_empty() {
        let page = UserFormPage {
            layout,
            user_id: None,
            username: input.username,
            display_name: input.display_name,
            active: true,
            units: unit_options(&scope.in_scope_units(), input.unit_id),
            roles: role_options(&input.roles),
            errors,
            saved: false,
            locked: false,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let unit_id = input
        .unit_id
        .ok_or_else(|| AppError::field("unit_id", "请选择所属机构"))?;
    let pw = password::generate();
    let hash = password::hash(pw.clone()).await?;
    let grants: Vec<Grant> = input
        .roles
        .iter()
        .map(|r| Grant { unit_id, role: *r })
        .collect();
    let after = json!({"username": input.username, "display_name": input.display_name,
        "unit": scope.unit_name(unit_id), "roles": input.roles.iter().map(|r| r.label()).collect::<Vec<_>>()});
    let created = service::create_user(
        &state.db,
        &user.actor(),
        &input.username,
        &input.display_name,
        &hash,
        &grants,
        after,
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::field("username", "该用户名已被使用"));
        }
        Err(e) => return Err(e.into()),
    };
    render(&OneTimePasswordPage {
        layout,
        user_id: id,
        username: input.username,
        password: pw,
        created: true,
    })
}

async fn load_target(
    state: &AppState,
    scope: &Scope,
    id: i64,
) -> Result<(UserRow, Vec<Grant>), AppError> {
    let target = store::get_user(&state.db, id).await?;
    let grants = store::grants(&state.db, id).await?;
    if !scope.covers(&grants) {
        return Err(AppError::Forbidden);
    }
    Ok((target, grants))
}

pub async fn edit_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<crate::web::SavedQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    let (target, grants) = load_target(&state, &scope, id).await?;
    let roles: Vec<Role> = grants.iter().map(|g| g.role).collect();
    render(&UserFormPage {
        layout,
        user_id: Some(id),
        locked: target.failed_logins >= i64::from(state.settings.security.login_max_failures),
        username: target.username,
        display_name: target.display_name,
        active: target.active,
        units: unit_options(&scope.in_scope_units(), grants.first().map(|g| g.unit_id)),
        roles: role_options(&roles),
        errors: BTreeMap::new(),
        saved: q.saved.is_some(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    let (target, old_grants) = load_target(&state, &scope, id).await?;
    let (input, mut errors) = parse_user_form(&fields, &scope, false);
    if id == user.id {
        if !input.active {
            errors.insert("active".into(), "不能停用自己的账号".into());
        }
        if user.grants.iter().any(|g| g.role == Role::Admin) && !input.roles.contains(&Role::Admin)
        {
            errors.insert("roles".into(), "不能移除自己的系统管理员角色".into());
        }
    }
    if !errors.is_empty() {
        let page = UserFormPage {
            layout,
            user_id: Some(id),
            username: target.username,
            display_name: input.display_name,
            active: input.active,
            units: unit_options(&scope.in_scope_units(), input.unit_id),
            roles: role_options(&input.roles),
            errors,
            saved: false,
            locked: false,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let unit_id = input
        .unit_id
        .ok_or_else(|| AppError::field("unit_id", "请选择所属机构"))?;
    let grants: Vec<Grant> = input
        .roles
        .iter()
        .map(|r| Grant { unit_id, role: *r })
        .collect();
    let describe = |name: &str, active: bool, gs: &[Grant]| {
        json!({"display_name": name, "active": active,
            "roles": gs.iter().map(|g| format!("{}·{}", scope.unit_name(g.unit_id), g.role.label())).collect::<Vec<_>>()})
    };
    let before = describe(&target.display_name, target.active, &old_grants);
    let after = describe(&input.display_name, input.active, &grants);
    let change = service::UserChange {
        was_active: target.active,
        before,
        after,
    };
    service::update_user(
        &state.db,
        &user.actor(),
        id,
        &input.display_name,
        input.active,
        &grants,
        change,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/users/{id}?saved=1")).into_response())
}

pub async fn reset_password(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUsers).await?;
    let (target, _) = load_target(&state, &scope, id).await?;
    let pw = password::generate();
    let hash = password::hash(pw.clone()).await?;
    service::reset_password(&state.db, &user.actor(), id, &hash).await?;
    // The growing login delays of this account end too (kept in memory: this node).
    state.limiter.login_clear_account(&target.username);
    render(&OneTimePasswordPage {
        layout,
        user_id: id,
        username: target.username,
        password: pw,
        created: false,
    })
}
