//! Organisation units (市局处室, 区局, 执法总队…) as a tree.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use crate::auth::Staff;
use crate::auth::roles::{Permission, UnitKind};
use crate::auth::scope::{Scope, tree_order};
use crate::auth::service;
use crate::auth::store::{self, UnitInput, UnitRow};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, render};

pub struct UnitLine {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub code: String,
    pub active: bool,
    pub depth: usize,
    pub editable: bool,
    /// "受理，由 法制处 办理" for an organ that accepts 依申请公开 applications.
    pub foi: String,
}

#[derive(Template)]
#[template(path = "admin/templates/units.html")]
struct UnitsPage {
    layout: Layout,
    units: Vec<UnitLine>,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    let units = tree_order(&scope.units)
        .into_iter()
        .map(|(u, depth)| UnitLine {
            id: u.id,
            name: u.name.clone(),
            kind: u.kind_label(),
            code: u.code.clone().unwrap_or_default(),
            active: u.active,
            depth,
            editable: scope.contains(u.id),
            foi: match (u.accepts_foi, u.foi_office_id) {
                (true, Some(o)) if o == u.id => "受理，由本机构办理".into(),
                (true, Some(o)) => format!("受理，由{}办理", scope.unit_name(o)),
                _ => String::new(),
            },
        })
        .collect();
    render(&UnitsPage { layout, units })
}

#[derive(Template)]
#[template(path = "admin/templates/unit_form.html")]
struct UnitFormPage {
    layout: Layout,
    unit_id: Option<i64>,
    name: String,
    code: String,
    sort_order: String,
    active: bool,
    kinds: Vec<Choice>,
    parents: Vec<Choice>,
    allow_root: bool,
    accepts_foi: bool,
    offices: Vec<Choice>,
    errors: BTreeMap<String, String>,
    saved: bool,
}

form_page!(UnitFormPage: err);

struct Form {
    name: String,
    kind: Option<UnitKind>,
    parent_id: Option<i64>,
    code: String,
    sort_order: String,
    active: bool,
    /// 受理依申请公开 and the FOI office (`Some(None)`: the unit itself).
    accepts_foi: bool,
    foi_office: Option<Option<i64>>,
}

fn page(
    layout: Layout,
    scope: &Scope,
    unit_id: Option<i64>,
    f: Form,
    errors: BTreeMap<String, String>,
    saved: bool,
) -> UnitFormPage {
    let kinds = UnitKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), k.label(), Some(*k) == f.kind))
        .collect();
    let parents = tree_order(&scope.units)
        .into_iter()
        .filter(|(u, _)| scope.contains(u.id) && Some(u.id) != unit_id)
        .map(|(u, depth)| {
            Choice::new(
                u.id,
                format!("{}{}", "　".repeat(depth), u.name),
                Some(u.id) == f.parent_id,
            )
        })
        .collect();
    let mut offices = vec![Choice::new("self", "本机构", f.foi_office == Some(None))];
    offices.extend(
        tree_order(&scope.units)
            .into_iter()
            .filter(|(u, _)| scope.contains(u.id) && u.active && Some(u.id) != unit_id)
            .map(|(u, depth)| {
                Choice::new(
                    u.id,
                    format!("{}{}", "　".repeat(depth), u.name),
                    f.foi_office == Some(Some(u.id)),
                )
            }),
    );
    UnitFormPage {
        layout,
        unit_id,
        name: f.name,
        code: f.code,
        sort_order: f.sort_order,
        active: f.active,
        kinds,
        parents,
        allow_root: scope.global,
        accepts_foi: f.accepts_foi,
        offices,
        errors,
        saved,
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    let f = Form {
        name: String::new(),
        kind: None,
        parent_id: None,
        code: String::new(),
        sort_order: "0".into(),
        active: true,
        accepts_foi: false,
        foi_office: None,
    };
    render(&page(layout, &scope, None, f, BTreeMap::new(), false))
}

fn parse(fields: &Fields, scope: &Scope, unit_id: Option<i64>) -> (Form, BTreeMap<String, String>) {
    let mut errors = BTreeMap::new();
    let name = fields.get("name");
    if name.is_empty() || name.chars().count() > 60 {
        errors.insert("name".into(), "请填写机构名称（不超过 60 字）".into());
    }
    let kind = UnitKind::parse(&fields.get("kind"));
    if kind.is_none() {
        errors.insert("kind".into(), "请选择机构类型".into());
    }
    let parent_raw = fields.get("parent_id");
    let parent_id = parent_raw.parse::<i64>().ok();
    match parent_id {
        None if !scope.global => {
            errors.insert("parent_id".into(), "请选择上级机构".into());
        }
        Some(p) if !scope.contains(p) => {
            errors.insert("parent_id".into(), "上级机构不在您的管理范围内".into());
        }
        Some(p)
            if Some(p) == unit_id
                || unit_id.is_some_and(|id| is_descendant(&scope.units, p, id)) =>
        {
            errors.insert("parent_id".into(), "上级机构不能是本机构或其下级".into());
        }
        _ => {}
    }
    let code = fields.get("code");
    if code.chars().count() > 30 {
        errors.insert("code".into(), "机构代码不超过 30 个字符".into());
    }
    let sort_order = fields.get("sort_order");
    if !sort_order.is_empty() && sort_order.parse::<i64>().is_err() {
        errors.insert("sort_order".into(), "排序号应为整数".into());
    }
    let active = unit_id.is_none() || fields.checked("active");
    let accepts_foi = fields.checked("accepts_foi");
    let office_raw = fields.get("foi_office_id");
    let foi_office = match office_raw.as_str() {
        "" => None,
        "self" => Some(None),
        v => Some(v.parse::<i64>().ok().filter(|o| Some(*o) != unit_id)),
    };
    if accepts_foi {
        match foi_office {
            None => {
                errors.insert(
                    "foi_office_id".into(),
                    "受理依申请公开的机关须指定办理机构（其依申请办理人接收和分配申请）".into(),
                );
            }
            Some(Some(o))
                if !scope.contains(o)
                    || unit_id.is_none_or(|id| !is_descendant(&scope.units, o, id)) =>
            {
                errors.insert(
                    "foi_office_id".into(),
                    "办理机构须为本机构或其下级机构，且在您的管理范围内".into(),
                );
            }
            _ => {}
        }
    }
    (
        Form {
            name,
            kind,
            parent_id,
            code,
            sort_order,
            active,
            accepts_foi,
            foi_office,
        },
        errors,
    )
}

/// Whether `node` lies below `ancestor`.
fn is_descendant(units: &[UnitRow], node: i64, ancestor: i64) -> bool {
    let mut cur = units
        .iter()
        .find(|u| u.id == node)
        .and_then(|u| u.parent_id);
    let mut steps = 0;
    while let Some(id) = cur {
        if id == ancestor {
            return true;
        }
        cur = units.iter().find(|u| u.id == id).and_then(|u| u.parent_id);
        steps += 1;
        if steps > units.len() {
            return true; // a cycle: refuse
        }
    }
    false
}

fn describe(f: &Form, scope: &Scope) -> serde_json::Value {
    json!({"name": f.name, "kind": f.kind.map(|k| k.label()), "parent": f.parent_id.map(|p| scope.unit_name(p)),
        "code": f.code, "sort_order": f.sort_order, "active": f.active, "accepts_foi": f.accepts_foi,
        "foi_office": f.foi_office.filter(|_| f.accepts_foi).map(|o| o.map(|o| scope.unit_name(o)).unwrap_or_else(|| "本机构".into()))})
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    let (f, errors) = parse(&fields, &scope, None);
    save(&state, layout, &user, &scope, None, f, errors).await
}

async fn save(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    scope: &Scope,
    unit_id: Option<i64>,
    f: Form,
    errors: BTreeMap<String, String>,
) -> Result<Response, AppError> {
    let invalid = |f: Form, errors| -> Result<Response, AppError> {
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&page(layout.clone(), scope, unit_id, f, errors, false))?,
        )
            .into_response())
    };
    let Some(kind) = f.kind.filter(|_| errors.is_empty()) else {
        return invalid(f, errors);
    };
    let input = UnitInput {
        name: &f.name,
        kind,
        parent_id: f.parent_id,
        code: (!f.code.is_empty()).then_some(f.code.as_str()),
        sort_order: f.sort_order.parse().unwrap_or(0),
        active: f.active,
    };
    let before = unit_id.and_then(|id| scope.units.iter().find(|u| u.id == id)).map(|u| json!({"name": u.name, "kind": u.kind_label(), "parent": u.parent_id.map(|p| scope.unit_name(p)),
        "code": u.code, "sort_order": u.sort_order, "active": u.active, "accepts_foi": u.accepts_foi,
        "foi_office": u.foi_office_id.filter(|_| u.accepts_foi).map(|o| if o == u.id { "本机构".into() } else { scope.unit_name(o) })}));
    let foi = service::FoiRouting {
        accepts_foi: f.accepts_foi,
        office: f.foi_office.filter(|_| f.accepts_foi),
    };
    let saved = service::save_unit(
        &state.db,
        &user.actor(),
        unit_id,
        &input,
        foi,
        before,
        describe(&f, scope),
    )
    .await;
    let id = match saved {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            let mut errors = BTreeMap::new();
            errors.insert("name".to_string(), "已有同名机构".to_string());
            return invalid(f, errors);
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/admin/units/{id}?saved=1")).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<crate::web::SavedQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    if !scope.contains(id) {
        store::get_unit(&state.db, id).await?; // 404 when it does not exist
        return Err(AppError::Forbidden);
    }
    let u = store::get_unit(&state.db, id).await?;
    let f = Form {
        name: u.name,
        kind: UnitKind::parse(&u.kind),
        parent_id: u.parent_id,
        code: u.code.unwrap_or_default(),
        sort_order: u.sort_order.to_string(),
        active: u.active,
        accepts_foi: u.accepts_foi,
        foi_office: u
            .foi_office_id
            .map(|o| if o == u.id { None } else { Some(o) }),
    };
    render(&page(
        layout,
        &scope,
        Some(id),
        f,
        BTreeMap::new(),
        q.saved.is_some(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    if !scope.contains(id) {
        store::get_unit(&state.db, id).await?;
        return Err(AppError::Forbidden);
    }
    let (f, errors) = parse(&fields, &scope, Some(id));
    save(&state, layout, &user, &scope, Some(id), f, errors).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent: Option<i64>) -> UnitRow {
        UnitRow::sample(
            id,
            &format!("u{id}"),
            crate::auth::roles::UnitKind::Other,
            parent,
        )
    }

    #[test]
    fn tree_and_descendants() {
        let units = vec![
            unit(1, None),
            unit(2, Some(1)),
            unit(3, Some(2)),
            unit(4, None),
        ];
        let order: Vec<(i64, usize)> = tree_order(&units).iter().map(|(u, d)| (u.id, *d)).collect();
        assert_eq!(order, vec![(1, 0), (2, 1), (3, 2), (4, 0)]);
        assert!(is_descendant(&units, 3, 1));
        assert!(!is_descendant(&units, 1, 3));
        assert!(!is_descendant(&units, 4, 1));
    }
}
