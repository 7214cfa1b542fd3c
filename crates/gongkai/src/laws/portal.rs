//! Public pages of the 法规库.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::parse::Heading;
use super::store::{self, ArticleRow, Filter, LawRow};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, Pager, PathId, render};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    pub level: Option<String>,
    /// current (default) | expired | all
    pub validity: Option<String>,
    pub q: Option<String>,
    pub page: Option<i64>,
}

#[derive(Template)]
#[template(path = "laws/templates/list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<LawRow>,
    pager: Pager,
    levels: Vec<(String, i64)>,
    level: String,
    validity: String,
    q: String,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let validity = q.validity.clone().unwrap_or_else(|| "current".into());
    let f = Filter {
        level: nonempty(&q.level),
        expired: match validity.as_str() {
            "expired" => Some(true),
            "all" => None,
            _ => Some(false),
        },
        q: nonempty(&q.q).map(|s| s.chars().take(50).collect()),
    };
    let page = Page::new(q.page, None);
    let (rows, total) = store::list(&state.db, &f, page).await?;
    let mut base = format!("validity={validity}&");
    if let Some(l) = &f.level {
        base.push_str(&format!(
            "level={}&",
            crate::audit::admin::percent_encode(l)
        ));
    }
    if let Some(t) = &f.q {
        base.push_str(&format!("q={}&", crate::audit::admin::percent_encode(t)));
    }
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, base)?,
        levels: store::levels(&state.db).await?,
        level: f.level.unwrap_or_default(),
        validity,
        q: f.q.unwrap_or_default(),
    })
}

#[derive(Template)]
#[template(path = "laws/templates/law.html")]
struct LawPage {
    layout: Layout,
    law: LawRow,
    outline: Vec<Heading>,
    articles: Vec<ArticleRow>,
}

pub async fn law(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let law = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let articles = store::articles(&state.db, id).await?;
    render(&LawPage {
        layout,
        outline: law.outline(),
        law,
        articles,
    })
}
