//! Back office of 培训记录: the year's sessions with their totals (and the warning
//! when there are none), the form to record or change one, deletion, .xlsx.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use super::model::{self, Raw, Summary};
use super::service;
use super::store::{self, TrainingRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Deserialize)]
pub struct ListQuery {
    /// A year, or `all`; this year when absent.
    pub year: Option<String>,
    pub msg: Option<String>,
}

/// The year asked for: `Some(year)`, or `None` for all years.
fn year_of(q: Option<&str>) -> Option<i32> {
    match q.map(str::trim) {
        Some("all") => None,
        Some(y) => y
            .parse()
            .ok()
            .filter(|y| (2008..=2100).contains(y))
            .or_else(|| Some(crate::clock::today().year())),
        None => Some(crate::clock::today().year()),
    }
}

pub fn summary_of(rows: &[TrainingRow]) -> Summary {
    let facts: Vec<_> = rows
        .iter()
        .map(|r| (r.held_on, r.topic.clone(), r.attendance))
        .collect();
    model::summarise(&facts)
}

#[derive(Template)]
#[template(path = "training/templates/list.html")]
struct ListPage {
    layout: Layout,
    year: Option<i32>,
    years: Vec<i32>,
    rows: Vec<TrainingRow>,
    summary: Summary,
    warning: Option<String>,
    can_edit: bool,
    msg: &'static str,
    /// Unit names by id; sessions without an organ are the bureau's (`root`).
    units: BTreeMap<i64, String>,
    root: String,
}

impl ListPage {
    fn organ(&self, t: &TrainingRow) -> &str {
        t.unit_id
            .and_then(|u| self.units.get(&u))
            .unwrap_or(&self.root)
    }

    fn is_year(&self, y: &i32) -> bool {
        self.year == Some(*y)
    }

    fn year_param(&self) -> String {
        self.year.map_or("all".into(), |y| y.to_string())
    }
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let year = year_of(q.year.as_deref());
    let rows = store::list(&state.db, year).await?;
    let summary = summary_of(&rows);
    let mut years = store::years(&state.db).await?;
    let this = crate::clock::today().year();
    if !years.contains(&this) {
        years.insert(0, this);
    }
    let msg = match q.msg.as_deref() {
        Some("created") => "已登记培训。",
        Some("updated") => "培训记录已修改。",
        Some("deleted") => "培训记录已删除。",
        _ => "",
    };
    let all = crate::auth::store::all_units(&state.db).await?;
    let root = all
        .iter()
        .find(|u| u.parent_id.is_none())
        .map(|u| u.name.clone())
        .unwrap_or_default();
    render(&ListPage {
        units: all.into_iter().map(|u| (u.id, u.name)).collect(),
        root,
        warning: year.and_then(|y| model::warning(y, &summary)),
        layout,
        year,
        years,
        rows,
        summary,
        can_edit: user.can(Permission::HandleFoi),
        msg,
    })
}

#[derive(Template)]
#[template(path = "training/templates/form.html")]
struct FormPage {
    layout: Layout,
    id: Option<i64>,
    /// 所属机关: the organs in the user's scope, the one of the record chosen.
    organs: Vec<crate::web::Choice>,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

form_page!(FormPage: v, err);

const FIELDS: [&str; 7] = [
    "held_on",
    "topic",
    "audience",
    "attendance",
    "organiser",
    "note",
    "unit_id",
];

fn raw(f: &Fields) -> Raw {
    Raw {
        held_on: f.get("held_on"),
        topic: f.get("topic"),
        audience: f.get("audience"),
        attendance: f.get("attendance"),
        organiser: f.get("organiser"),
        note: f.get("note"),
        unit_id: f.get("unit_id"),
    }
}

/// The organs a session may be counted for (those of the user's scope), the one
/// named by `chosen` (else the first) selected.
async fn organs(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    chosen: Option<i64>,
) -> Result<Vec<crate::web::Choice>, AppError> {
    let (all, organ) =
        crate::annual::admin::organs_for(state, user, Permission::HandleFoi, None).await?;
    let pick = chosen
        .filter(|c| all.iter().any(|o| o.id == *c))
        .unwrap_or(organ.id);
    Ok(crate::annual::admin::organ_choices(&all, pick))
}

/// Parse the form; the organ must be one of the user's (none chosen: the first).
async fn checked(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    f: &Fields,
) -> Result<Result<model::TrainingInput, BTreeMap<String, String>>, AppError> {
    let choices = organs(state, user, None).await?;
    let mine = |u: i64| choices.iter().any(|c| c.value == u.to_string());
    Ok(match model::parse(&raw(f), crate::clock::today()) {
        Ok(mut t) => match t.unit_id {
            None => {
                t.unit_id = choices.first().and_then(|c| c.value.parse().ok());
                Ok(t)
            }
            Some(u) if mine(u) => Ok(t),
            Some(_) => Err(BTreeMap::from([(
                "unit_id".to_string(),
                "请选择所属机关（本人可管理的机关）".to_string(),
            )])),
        },
        Err(e) => Err(e),
    })
}

fn values_of(f: &Fields) -> BTreeMap<String, String> {
    FIELDS.iter().map(|k| (k.to_string(), f.get(k))).collect()
}

async fn invalid(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    layout: Layout,
    id: Option<i64>,
    f: &Fields,
    errors: BTreeMap<String, String>,
) -> Result<Response, AppError> {
    let page = FormPage {
        organs: organs(state, user, f.get("unit_id").parse().ok()).await?,
        layout,
        id,
        values: values_of(f),
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let mut values = BTreeMap::new();
    values.insert("held_on".into(), crate::clock::today().to_string());
    render(&FormPage {
        organs: organs(&state, &user, None).await?,
        layout,
        id: None,
        values,
        errors: BTreeMap::new(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    match checked(&state, &user, &f).await? {
        Ok(t) => {
            service::create(&state.db, &t, user.id, &user.actor()).await?;
            let y = t.held_on.year();
            Ok(Redirect::to(&format!("/admin/trainings?year={y}&msg=created")).into_response())
        }
        Err(e) => invalid(&state, &user, layout, None, &f, e).await,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let t = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let organs = organs(&state, &user, t.unit_id).await?;
    let values = [
        ("held_on", t.held_on.to_string()),
        ("topic", t.topic),
        ("audience", t.audience),
        ("attendance", t.attendance.to_string()),
        ("organiser", t.organiser),
        ("note", t.note),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    render(&FormPage {
        organs,
        layout,
        id: Some(id),
        values,
        errors: BTreeMap::new(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    match checked(&state, &user, &f).await? {
        Ok(t) => {
            if !service::update(&state.db, id, &t, &user.actor()).await? {
                return Err(AppError::NotFound);
            }
            let y = t.held_on.year();
            Ok(Redirect::to(&format!("/admin/trainings?year={y}&msg=updated")).into_response())
        }
        Err(e) => invalid(&state, &user, layout, Some(id), &f, e).await,
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if !service::delete(&state.db, id, &user.actor()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/admin/trainings?msg=deleted").into_response())
}

/// The sessions of a year (or all) as .xlsx.
pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let year = year_of(q.year.as_deref());
    let rows = store::list(&state.db, year).await?;
    let bytes = tokio::task::spawn_blocking(move || write_xlsx(&rows))
        .await
        .map_err(anyhow::Error::from)??;
    let name = match year {
        Some(y) => format!("{y}年培训记录.xlsx"),
        None => "培训记录.xlsx".into(),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"trainings.xlsx\"; filename*=UTF-8''{}",
                    crate::audit::admin::percent_encode(&name)
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn write_xlsx(rows: &[TrainingRow]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("培训记录")?;
    let bold = Format::new().set_bold();
    for (i, h) in ["日期", "主题", "培训对象", "参训人数", "组织单位", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_with_format(0, i as u16, *h, &bold)?;
    }
    for (r, t) in rows.iter().enumerate() {
        let row = (r + 1) as u32;
        ws.write(row, 0, t.held_on.to_string())?;
        ws.write(row, 1, &t.topic)?;
        ws.write(row, 2, &t.audience)?;
        ws.write(row, 3, t.attendance as f64)?;
        ws.write(row, 4, &t.organiser)?;
        ws.write(row, 5, &t.note)?;
    }
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 30)?;
    Ok(wb.save_to_buffer()?)
}
