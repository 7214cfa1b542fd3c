//! `/api/v1/documents`: the public document list (same filters as the portal) and one document.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Serialize;

use super::portal::is_public;
use super::store::{self, DocRow, PublicFilter};
use crate::app::AppState;
use crate::db::Page;
use crate::error::AppError;

/// A document in a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocSummary {
    pub id: i64,
    /// 标题
    pub title: String,
    /// 索引号
    pub index_no: String,
    /// 文号
    pub doc_no: Option<String>,
    /// 发文机构
    pub issuer: String,
    /// 体裁
    pub genre: String,
    /// 成文日期
    pub written_on: Option<chrono::NaiveDate>,
    /// 发布日期
    pub published_on: Option<chrono::NaiveDate>,
    /// 主题分类
    pub topic: String,
    /// 是否行政规范性文件
    pub normative: bool,
    /// 有效性（仅规范性文件）：有效、失效、废止、已修改
    pub validity: Option<String>,
    /// 有效期至
    pub valid_until: Option<chrono::NaiveDate>,
    pub url: String,
}

/// A document with its text.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocDetail {
    #[serde(flatten)]
    pub summary: DocSummary,
    /// 公开属性
    pub disclosure: String,
    /// 施行日期
    pub effective_on: Option<chrono::NaiveDate>,
    /// 正文（纯文本，段落以换行分隔）
    pub body: String,
    /// 政策解读的地址（如有）
    pub interpretation_url: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DocList {
    pub items: Vec<DocSummary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&crate::clock::beijing())
        .date_naive()
}

pub(crate) fn summary(d: &DocRow, topics: &[store::Topic], today: chrono::NaiveDate) -> DocSummary {
    DocSummary {
        id: d.id,
        title: d.title.clone(),
        index_no: d.index_no.clone(),
        doc_no: d.doc_no.clone(),
        issuer: d.issuer_name.clone(),
        genre: d.genre().label().to_string(),
        written_on: d.written_on,
        published_on: d.published_on,
        topic: store::topic_path(topics, d.topic_id),
        normative: d.normative,
        validity: d.validity_today(today).map(|v| v.label().to_string()),
        valid_until: d.valid_until,
        url: format!("/xxgk/documents/{}", d.id),
    }
}

/// Published, proactively disclosed documents, newest first.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents", params(PublicFilter),
    responses((status = 200, body = DocList)))]
pub async fn list(
    State(state): State<AppState>,
    Query(f): Query<PublicFilter>,
) -> Result<Json<DocList>, AppError> {
    let topics = store::topics(&state.db).await?;
    let topic_ids = f
        .topic
        .map(|t| store::topic_subtree(&topics, t))
        .unwrap_or_default();
    let page = Page::new(f.page, None);
    let t = today();
    let (docs, total) = store::list_public(&state.db, &f, &topic_ids, page, t).await?;
    Ok(Json(DocList {
        items: docs.iter().map(|d| summary(d, &topics, t)).collect(),
        total,
        page: page.number,
        page_size: page.size,
    }))
}

/// One public document.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = i64, Path, description = "文件编号")),
    responses((status = 200, body = DocDetail), (status = 404, body = crate::api::ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<DocDetail>, AppError> {
    let d = store::get(&state.db, id).await?;
    if !is_public(&d) {
        return Err(AppError::NotFound);
    }
    let topics = store::topics(&state.db).await?;
    let interp = store::interpretation_of(&state.db, id)
        .await?
        .filter(|i| i.state() == super::model::InterpState::Published);
    Ok(Json(DocDetail {
        summary: summary(&d, &topics, today()),
        disclosure: "主动公开".into(),
        effective_on: d.effective_on,
        body: d.body.clone(),
        interpretation_url: interp.map(|i| format!("/xxgk/interpretations/{}", i.id)),
    }))
}
