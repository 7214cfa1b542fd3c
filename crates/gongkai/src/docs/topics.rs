//! The 主题分类 tree, editable by administrators (seeded with the national list).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::store::{self, Topic};
use super::views;
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Choice;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "docs/templates/admin_topics.html")]
struct TopicsPage {
    layout: Layout,
    topics: Vec<Choice>,
    parents: Vec<Choice>,
    error: String,
    name: String,
}

async fn page(
    state: &AppState,
    layout: Layout,
    error: String,
    name: String,
    parent: Option<i64>,
) -> Result<Response, AppError> {
    let all = store::topics(&state.db).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = TopicsPage {
        layout,
        topics: views::topic_opts(&all, None),
        parents: views::topic_opts(&all, parent),
        error,
        name,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn list(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    page(&state, layout, String::new(), String::new(), None).await
}

fn check_name(
    all: &[Topic],
    name: &str,
    parent: Option<i64>,
    except: Option<i64>,
) -> Result<(), String> {
    if name.is_empty() || name.chars().count() > 40 || name.contains(['\\', '/']) {
        return Err("请填写分类名称（不超过 40 字，不含斜杠）".into());
    }
    if all
        .iter()
        .any(|t| t.parent_id == parent && t.name == name && Some(t.id) != except)
    {
        return Err("同一上级下已有同名分类".into());
    }
    Ok(())
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let all = store::topics(&state.db).await?;
    let name = fields.get("name");
    let parent = fields
        .get("parent_id")
        .parse::<i64>()
        .ok()
        .filter(|p| all.iter().any(|t| t.id == *p));
    if let Err(m) = check_name(&all, &name, parent, None) {
        return page(&state, layout, m, name, parent).await;
    }
    super::service::create_topic(&state.db, &user.actor(), &all, parent, &name).await?;
    Ok(Redirect::to("/admin/topics").into_response())
}

pub async fn rename(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let all = store::topics(&state.db).await?;
    let topic = all.iter().find(|t| t.id == id).ok_or(AppError::NotFound)?;
    let name = fields.get("name");
    if let Err(m) = check_name(&all, &name, topic.parent_id, Some(id)) {
        return page(&state, layout, m, name, topic.parent_id).await;
    }
    super::service::rename_topic(&state.db, &user.actor(), topic, &name).await?;
    Ok(Redirect::to("/admin/topics").into_response())
}

/// The topic tree as the public pages read it: kept per node and read again when
/// the page cache starts a new generation (any staff write; the change feed from
/// other nodes), so a document page costs one query less.
#[derive(Default)]
pub struct PublicTopics(std::sync::RwLock<Option<(u64, std::sync::Arc<Vec<store::Topic>>)>>);

pub async fn public_topics(
    state: &crate::state::AppState,
) -> sqlx::Result<std::sync::Arc<Vec<store::Topic>>> {
    let generation = crate::web::pagecache::pages(state).generation();
    let kept = state.part::<PublicTopics>();
    let current = kept
        .0
        .read()
        .ok()
        .and_then(|k| k.clone())
        .filter(|(g, _)| *g == generation);
    if let Some((_, t)) = current {
        return Ok(t);
    }
    let t = std::sync::Arc::new(store::topics(&state.db).await?);
    if let Ok(mut k) = kept.0.write() {
        *k = Some((generation, t.clone()));
    }
    Ok(t)
}
