//! 政策自查 (a business answers a few questions and sees what applies, without
//! registering) and the theme pages of 集成式发布 (measures grouped, filterable,
//! "查找适用政策"), with their JSON.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Serialize;

use super::form::{self, Errors};
use super::model::Profile;
use super::store;
use super::views::{MeasureView, PolicyHit, ProfileChoices, measures, policies_for};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

/// The answers, if the visitor gave any (a GET form: nothing is stored).
fn answers(q: Vec<(String, String)>) -> (Fields, Option<Result<Profile, Errors>>) {
    let f = Fields(q.into_iter().filter(|(k, _)| k != "page").collect());
    let asked = !f.get("division").is_empty()
        || !f.get("industry").is_empty()
        || !f.get("district").is_empty()
        || !f.get("scale").is_empty();
    let r = asked.then(|| form::profile(&f));
    (f, r)
}

pub struct ThemeHits {
    pub slug: String,
    pub title: String,
    pub measures: Vec<MeasureView>,
}

#[derive(Template)]
#[template(path = "push/templates/check.html")]
struct CheckPage {
    layout: Layout,
    c: ProfileChoices,
    errors: Errors,
    asked: bool,
    hits: Vec<PolicyHit>,
    themes: Vec<ThemeHits>,
}

form_page!(CheckPage: err);

async fn theme_hits(state: &AppState, p: &Profile) -> Result<Vec<ThemeHits>, AppError> {
    let mut out = Vec::new();
    for t in store::themes(&state.db, true).await? {
        let ms = measures(&state.db, t.id, Some(p), crate::clock::today()).await?;
        if !ms.is_empty() {
            out.push(ThemeHits {
                slug: t.slug,
                title: t.title,
                measures: ms,
            });
        }
    }
    Ok(out)
}

pub async fn check(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (f, r) = answers(q);
    let (hits, themes, errors) = match &r {
        Some(Ok(p)) => (
            policies_for(&state.db, p, crate::clock::today()).await?,
            theme_hits(&state, p).await?,
            Errors::new(),
        ),
        Some(Err(e)) => (Vec::new(), Vec::new(), e.clone()),
        None => (Vec::new(), Vec::new(), Errors::new()),
    };
    render(&CheckPage {
        layout,
        c: ProfileChoices::new(&f),
        errors,
        asked: matches!(r, Some(Ok(_))),
        hits,
        themes,
    })
}

/// A policy that applies, as JSON.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchJson {
    /// 文件 id（/xxgk/documents/{id}）
    pub id: i64,
    pub title: String,
    pub doc_no: String,
    pub published_on: String,
    /// 为什么适用：满足的标签
    pub why: Vec<String>,
}

/// A measure that applies, as JSON.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MeasureJson {
    pub id: i64,
    pub theme: String,
    pub title: String,
    pub gives: String,
    pub conditions: String,
    pub how_to_apply: String,
    pub basis_document_id: Option<i64>,
    pub basis_article: String,
    pub why: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchesJson {
    pub policies: Vec<MatchJson>,
    pub measures: Vec<MeasureJson>,
}

/// 政策自查 as JSON: the policies and measures in force that apply to a profile.
#[utoipa::path(
    get,
    path = "/api/v1/push/matches",
    tag = "政策精准推送",
    params(
        ("division" = String, Query, description = "行业大类代码（GB/T 4754-2017），如 14"),
        ("industry" = Option<String>, Query, description = "更细的行业代码（中类或小类），须属于该大类"),
        ("district" = String, Query, description = "区划代码，如 310115（浦东新区）"),
        ("scale" = String, Query, description = "large | medium | small | micro"),
        ("subject" = Option<String>, Query, description = "enterprise（默认）| individual | cooperative | social_org"),
        ("theme" = Option<String>, Query, description = "关注的主题，可重复"),
    ),
    responses(
        (status = 200, description = "适用的政策和措施，各附适用理由", body = MatchesJson),
        (status = 400, description = "参数无效"),
    )
)]
pub async fn api_matches(
    State(state): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> Result<Json<MatchesJson>, AppError> {
    let (_, r) = answers(q);
    let p = match r {
        Some(Ok(p)) => p,
        Some(Err(e)) => return Err(AppError::validation(e)),
        None => {
            return Err(AppError::BadRequest(
                "请给出 division、district、scale".into(),
            ));
        }
    };
    let policies = policies_for(&state.db, &p, crate::clock::today())
        .await?
        .into_iter()
        .map(|h| MatchJson {
            id: h.id,
            title: h.title,
            doc_no: h.doc_no,
            published_on: h.published_on,
            why: h.why,
        })
        .collect();
    let measures = theme_hits(&state, &p)
        .await?
        .into_iter()
        .flat_map(|t| {
            let slug = t.slug;
            t.measures.into_iter().map(move |m| MeasureJson {
                id: m.id,
                theme: slug.clone(),
                title: m.title,
                gives: m.gives,
                conditions: m.conditions,
                how_to_apply: m.how_to_apply,
                basis_document_id: m.basis_id,
                basis_article: m.basis_article,
                why: m.why,
            })
        })
        .collect();
    Ok(Json(MatchesJson { policies, measures }))
}

pub struct ThemeLink {
    pub slug: String,
    pub title: String,
}

#[derive(Template)]
#[template(path = "push/templates/themes.html")]
struct ThemesPage {
    layout: Layout,
    themes: Vec<ThemeLink>,
}

pub async fn themes(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    let themes = store::themes(&state.db, true)
        .await?
        .into_iter()
        .map(|t| ThemeLink {
            slug: t.slug,
            title: t.title,
        })
        .collect();
    render(&ThemesPage { layout, themes })
}

#[derive(Template)]
#[template(path = "push/templates/theme.html")]
struct ThemePage {
    layout: Layout,
    slug: String,
    title: String,
    intro: String,
    c: ProfileChoices,
    errors: Errors,
    asked: bool,
    measures: Vec<MeasureView>,
    print: bool,
}

form_page!(ThemePage: err);

/// A theme page: every measure in force, or (with answers) those that apply, each with why.
pub async fn theme(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let t = store::theme_by_slug(&state.db, &slug)
        .await?
        .filter(|t| t.published)
        .ok_or(AppError::NotFound)?;
    let print = q.iter().any(|(k, v)| k == "print" && v == "1");
    let (f, r) = answers(q.into_iter().filter(|(k, _)| k != "print").collect());
    let (p, errors) = match r {
        Some(Ok(p)) => (Some(p), Errors::new()),
        Some(Err(e)) => (None, e),
        None => (None, Errors::new()),
    };
    let ms = measures(&state.db, t.id, p.as_ref(), crate::clock::today()).await?;
    render(&ThemePage {
        layout,
        slug: t.slug,
        title: t.title,
        intro: t.intro,
        c: ProfileChoices::new(&f),
        errors,
        asked: p.is_some(),
        measures: ms,
        print,
    })
}
