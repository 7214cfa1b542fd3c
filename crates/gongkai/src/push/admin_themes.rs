//! Back office of 集成式发布: themes (create, edit, publish) and their measures
//! (add, edit, remove), each measure with the applicability tags, what it gives,
//! conditions, how and where to apply, contact, legal basis (document and
//! article) and validity.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::{self, Errors};
use super::form_admin;
use super::model::{Applicability, District, Scale, Subject, Theme};
use super::store::{self, MEASURE, Measure};
use super::{service_admin, store_themes};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, render};

#[derive(Deserialize)]
pub struct MsgQuery {
    msg: Option<String>,
}

fn notice(q: &MsgQuery) -> &'static str {
    match q.msg.as_deref() {
        Some("saved") => "已保存。",
        Some("deleted") => "已删除该措施。",
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "push/templates/admin_themes.html")]
struct ThemesPage {
    layout: Layout,
    themes: Vec<store::Theme>,
    values: BTreeMap<String, String>,
    errors: Errors,
}

form_page!(ThemesPage: v, err);

pub async fn themes(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    render(&ThemesPage {
        layout,
        themes: store::themes(&state.db, false).await?,
        values: BTreeMap::new(),
        errors: Errors::new(),
    })
}

fn values(f: &Fields, keys: &[&str]) -> BTreeMap<String, String> {
    keys.iter().map(|k| (k.to_string(), f.get(k))).collect()
}

/// A service's conflict or bad request shown at a field.
fn at_field(e: AppError, field: &str) -> Result<Errors, AppError> {
    match e {
        AppError::Conflict(m) | AppError::BadRequest(m) => {
            Ok(Errors::from([(field.to_string(), m)]))
        }
        e => Err(e),
    }
}

pub async fn theme_create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    let errors = match form_admin::theme(&f) {
        Ok(t) => match service_admin::save_theme(&state.db, &user.actor(), None, &t).await {
            Ok(id) => {
                return Ok(
                    Redirect::to(&format!("/admin/push/themes/{id}?msg=saved")).into_response()
                );
            }
            Err(e) => at_field(e, "slug")?,
        },
        Err(e) => e,
    };
    let page = ThemesPage {
        layout,
        themes: store::themes(&state.db, false).await?,
        values: values(&f, &["slug", "title", "intro"]),
        errors,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "push/templates/admin_theme.html")]
struct ThemePage {
    layout: Layout,
    id: i64,
    slug: String,
    title: String,
    intro: String,
    published: bool,
    measures: Vec<Measure>,
    errors: Errors,
    message: &'static str,
}

form_page!(ThemePage: err);

async fn theme_page(
    state: &AppState,
    layout: Layout,
    t: &store::Theme,
    errors: Errors,
    message: &'static str,
) -> Result<ThemePage, AppError> {
    Ok(ThemePage {
        layout,
        id: t.id,
        slug: t.slug.clone(),
        title: t.title.clone(),
        intro: t.intro.clone(),
        published: t.published,
        measures: store::measures_of(&state.db, t.id).await?,
        errors,
        message,
    })
}

async fn load_theme(state: &AppState, id: i64) -> Result<store::Theme, AppError> {
    store_themes::theme(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn theme_form(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let t = load_theme(&state, id).await?;
    render(&theme_page(&state, layout, &t, Errors::new(), notice(&q)).await?)
}

pub async fn theme_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let t = load_theme(&state, id).await?;
    let errors = match form_admin::theme(&f) {
        Ok(input) => {
            match service_admin::save_theme(&state.db, &user.actor(), Some(id), &input).await {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/admin/push/themes/{id}?msg=saved")).into_response()
                    );
                }
                Err(e) => at_field(e, "slug")?,
            }
        }
        Err(e) => e,
    };
    let mut page = theme_page(&state, layout, &t, errors, "").await?;
    page.slug = f.get("slug");
    page.title = f.get("title");
    page.intro = f.get("intro");
    page.published = f.checked("published");
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "push/templates/admin_measure.html")]
struct MeasurePage {
    layout: Layout,
    theme_id: i64,
    theme_title: String,
    /// 0: a new measure.
    id: i64,
    values: BTreeMap<String, String>,
    industries: String,
    districts: Vec<Choice>,
    scales: Vec<Choice>,
    subjects: Vec<Choice>,
    themes: Vec<Choice>,
    errors: Errors,
    message: &'static str,
}

form_page!(MeasurePage: v, err);

const MEASURE_FIELDS: &[&str] = &[
    "seq",
    "title",
    "gives",
    "conditions",
    "how_to_apply",
    "contact",
    "basis_document_id",
    "basis_article",
    "valid_until",
];

fn measure_page(
    layout: Layout,
    t: &store::Theme,
    id: i64,
    values: BTreeMap<String, String>,
    a: &Applicability,
    errors: Errors,
    message: &'static str,
) -> MeasurePage {
    use super::admin::checks;
    MeasurePage {
        layout,
        theme_id: t.id,
        theme_title: t.title.clone(),
        id,
        values,
        industries: a.industries.iter().cloned().collect::<Vec<_>>().join(" "),
        districts: checks(District::ALL, District::code, District::label, &a.districts),
        scales: checks(Scale::ALL, Scale::code, Scale::label, &a.scales),
        subjects: checks(Subject::ALL, Subject::code, Subject::label, &a.subjects),
        themes: checks(Theme::ALL, Theme::code, Theme::label, &a.themes),
        errors,
        message,
    }
}

fn measure_values(m: &Measure) -> BTreeMap<String, String> {
    [
        ("seq", m.seq.to_string()),
        ("title", m.title.clone()),
        ("gives", m.gives.clone()),
        ("conditions", m.conditions.clone()),
        ("how_to_apply", m.how_to_apply.clone()),
        ("contact", m.contact.clone()),
        (
            "basis_document_id",
            m.basis_document_id
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        ("basis_article", m.basis_article.clone()),
        (
            "valid_until",
            m.valid_until.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

pub async fn measure_new(
    State(state): State<AppState>,
    layout: Layout,
    Path(theme_id): Path<i64>,
) -> Result<Response, AppError> {
    let t = load_theme(&state, theme_id).await?;
    render(&measure_page(
        layout,
        &t,
        0,
        BTreeMap::new(),
        &Applicability::default(),
        Errors::new(),
        "",
    ))
}

async fn load_measure(state: &AppState, id: i64) -> Result<(Measure, store::Theme), AppError> {
    let m = store_themes::measure(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = load_theme(state, m.theme_id).await?;
    Ok((m, t))
}

pub async fn measure_form(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let (m, t) = load_measure(&state, id).await?;
    let a = store::tags_of(&state.db, MEASURE, id).await?;
    render(&measure_page(
        layout,
        &t,
        id,
        measure_values(&m),
        &a,
        Errors::new(),
        notice(&q),
    ))
}

async fn save_measure(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    t: &store::Theme,
    id: Option<i64>,
    f: &Fields,
) -> Result<Response, AppError> {
    let tags = form::tags(f);
    let input = form_admin::measure(f);
    let mut errors = match (&tags, &input) {
        (Ok((a, _)), Ok(m)) => {
            match service_admin::save_measure(&state.db, &user.actor(), t.id, id, m, a).await {
                Ok(id) => {
                    return Ok(
                        Redirect::to(&format!("/admin/push/measures/{id}?msg=saved"))
                            .into_response(),
                    );
                }
                Err(e) => at_field(e, "basis_document_id")?,
            }
        }
        _ => Errors::new(),
    };
    if let Err(e) = &tags {
        errors.extend(e.clone());
    }
    if let Err(e) = &input {
        errors.extend(e.clone());
    }
    let rows: Vec<(&str, String)> = ["district", "scale", "subject", "theme"]
        .iter()
        .flat_map(|k| f.all(k).into_iter().map(move |v| (*k, v)))
        .collect();
    let a = Applicability::from_rows(rows.iter().map(|(k, v)| (*k, v.as_str())));
    let mut page = measure_page(
        layout,
        t,
        id.unwrap_or(0),
        values(f, MEASURE_FIELDS),
        &a,
        errors,
        "",
    );
    page.industries = f.get("industries");
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn measure_create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(theme_id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let t = load_theme(&state, theme_id).await?;
    save_measure(&state, layout, &user, &t, None, &f).await
}

pub async fn measure_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let (_, t) = load_measure(&state, id).await?;
    save_measure(&state, layout, &user, &t, Some(id), &f).await
}

pub async fn measure_delete(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (m, t) = load_measure(&state, id).await?;
    service_admin::delete_measure(&state.db, &user.actor(), &m).await?;
    Ok(Redirect::to(&format!("/admin/push/themes/{}?msg=deleted", t.id)).into_response())
}
