//! `/api/v1/documents`: the public document list (same filters as the portal) and one document.

use crate::web::PathId;
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;

use super::portal::is_public;
use super::store::{self, DocRow, PublicFilter};
use crate::auth::roles::Permission::PublishContent;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;

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
    let topics = super::topics::public_topics(&state).await?;
    let topic_ids = f
        .topic
        .map(|t| store::topic_subtree(&topics, t))
        .unwrap_or_default();
    let page = Page::new(f.page, None);
    let t = crate::clock::today();
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
    PathId(id): PathId,
) -> Result<Json<DocDetail>, AppError> {
    let d = store::get(&state.db, id).await?;
    if !is_public(&d) {
        return Err(AppError::NotFound);
    }
    let topics = super::topics::public_topics(&state).await?;
    let interp = store::interpretation_of(&state.db, id)
        .await?
        .filter(|i| i.state() == super::model::InterpState::Published);
    Ok(Json(DocDetail {
        summary: summary(&d, &topics, crate::clock::today()),
        disclosure: "主动公开".into(),
        effective_on: d.effective_on,
        body: d.body.clone(),
        interpretation_url: interp.map(|i| format!("/xxgk/interpretations/{}", i.id)),
    }))
}

/// A document as written through the API: the same fields as the back-office form.
#[derive(serde::Deserialize, utoipa::ToSchema, Default)]
pub struct DocWrite {
    /// 标题
    pub title: String,
    /// 发文机构：本机关的机构编号（见 /api/v1/units）……
    pub issuer_unit_id: Option<i64>,
    /// ……或外单位名称
    pub issuer_name: Option<String>,
    /// 公开属性：proactive, on_request, withheld
    pub disclosure: String,
    /// 不主动公开的法定理由代码（state_secret, prohibited_by_law, three_safety, third_party,
    /// internal_affairs, process_info, enforcement_file）
    pub disclosure_ground: Option<String>,
    /// 文号，如 沪城管执〔2023〕47号
    pub doc_no: Option<String>,
    /// 成文日期 YYYY-MM-DD
    pub written_on: String,
    /// 发布日期 YYYY-MM-DD（可空）
    pub published_on: Option<String>,
    /// 体裁代码：notice, decision, opinion, measures, provisions, announcement, circular, reply, letter, report, minutes, other
    pub genre: String,
    pub topic_id: Option<i64>,
    /// general, guide, rules, annual_report
    pub column_kind: Option<String>,
    #[serde(default)]
    pub normative: bool,
    #[serde(default)]
    pub provisional: bool,
    pub effective_on: Option<String>,
    pub valid_until: Option<String>,
    pub validity_reason: Option<String>,
    #[serde(default)]
    pub needs_interpretation: bool,
    /// 正文（纯文本）
    pub body: String,
}

impl DocWrite {
    /// The same checks as the form: turn the JSON into form fields.
    fn fields(&self) -> crate::web::form::Fields {
        let mut v: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, val: String| v.push((k.to_string(), val));
        put("title", self.title.clone());
        match self.issuer_unit_id {
            Some(id) => put("issuer_unit_id", id.to_string()),
            None => put("issuer_unit_id", "outside".into()),
        }
        put("issuer_name", self.issuer_name.clone().unwrap_or_default());
        put("disclosure", self.disclosure.clone());
        put(
            "disclosure_ground",
            self.disclosure_ground.clone().unwrap_or_default(),
        );
        put("doc_no", self.doc_no.clone().unwrap_or_default());
        put("written_on", self.written_on.clone());
        put(
            "published_on",
            self.published_on.clone().unwrap_or_default(),
        );
        put("genre", self.genre.clone());
        put(
            "topic_id",
            self.topic_id.map(|t| t.to_string()).unwrap_or_default(),
        );
        put(
            "column_kind",
            self.column_kind.clone().unwrap_or_else(|| "general".into()),
        );
        if self.normative {
            put("normative", "on".into());
        }
        if self.provisional {
            put("provisional", "on".into());
        }
        put(
            "effective_on",
            self.effective_on.clone().unwrap_or_default(),
        );
        put("valid_until", self.valid_until.clone().unwrap_or_default());
        put(
            "validity_reason",
            self.validity_reason.clone().unwrap_or_default(),
        );
        if self.needs_interpretation {
            put("needs_interpretation", "on".into());
        }
        put("body", self.body.clone());
        crate::web::form::Fields(v)
    }
}

/// The result of a write.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocState {
    pub id: i64,
    pub index_no: String,
    /// draft, review, published, withdrawn
    pub state: String,
}

async fn checked(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    body: &DocWrite,
) -> Result<store::DocInput, AppError> {
    let scope =
        crate::auth::scope::Scope::of(state, user, crate::auth::roles::Permission::PublishContent)
            .await?;
    let (input, errors) = super::form::parse(&body.fields(), super::admin::issuer(&scope, None));
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(AppError::validation(errors))
    }
}

async fn state_of(state: &AppState, id: i64) -> Result<Json<DocState>, AppError> {
    let d = store::get(&state.db, id).await?;
    Ok(Json(DocState {
        id,
        index_no: d.index_no,
        state: d.state.code().into(),
    }))
}

/// Create a draft (token of a 信息发布员).
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents", request_body = DocWrite,
    security(("bearer" = [])),
    responses((status = 201, body = DocState), (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    api: crate::auth::tokens::ApiUser,
    Json(body): Json<DocWrite>,
) -> Result<(axum::http::StatusCode, Json<DocState>), AppError> {
    api.require(crate::auth::roles::Permission::PublishContent)?;
    let input = checked(&state, &api.0, &body).await?;
    let id = super::workflow::create_draft(&state.db, &state.site.org_code, &input, &api.0, "api")
        .await?;
    Ok((axum::http::StatusCode::CREATED, state_of(&state, id).await?))
}

/// Replace a draft's fields.
#[utoipa::path(put, path = "/api/v1/documents/{id}", tag = "documents", request_body = DocWrite,
    params(("id" = i64, Path, description = "文件编号")), security(("bearer" = [])),
    responses((status = 200, body = DocState), (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    api: crate::auth::tokens::ApiUser,
    PathId(id): PathId,
    Json(body): Json<DocWrite>,
) -> Result<Json<DocState>, AppError> {
    api.require(crate::auth::roles::Permission::PublishContent)?;
    let (doc, _) = super::admin::load(&state, &api.0, id, PublishContent).await?;
    if doc.state() != super::model::DocState::Draft {
        return Err(AppError::Conflict("只有草稿可以经 API 修改".into()));
    }
    let input = checked(&state, &api.0, &body).await?;
    super::workflow::update_draft(&state.db, &doc, &input, &api.0, "api").await?;
    state_of(&state, id).await
}

/// Send a draft for review.
#[utoipa::path(post, path = "/api/v1/documents/{id}/submit", tag = "documents", params(("id" = i64, Path, description = "文件编号")),
    security(("bearer" = [])), responses((status = 200, body = DocState), (status = 409, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    api: crate::auth::tokens::ApiUser,
    PathId(id): PathId,
) -> Result<Json<DocState>, AppError> {
    api.require(crate::auth::roles::Permission::PublishContent)?;
    let (doc, _) = super::admin::load(&state, &api.0, id, PublishContent).await?;
    if !super::workflow::submit(&state.db, &doc, &api.0).await? {
        return Err(AppError::Conflict("只有草稿可以送审".into()));
    }
    state_of(&state, id).await
}

/// Publish a document under review (token of a 审核人 other than the author);
/// its approved interpretation goes out with it.
#[utoipa::path(post, path = "/api/v1/documents/{id}/publish", tag = "documents", params(("id" = i64, Path, description = "文件编号")),
    security(("bearer" = [])), responses((status = 200, body = DocState), (status = 409, body = crate::api::ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    api: crate::auth::tokens::ApiUser,
    PathId(id): PathId,
) -> Result<Json<DocState>, AppError> {
    api.require(crate::auth::roles::Permission::ReviewContent)?;
    let (doc, _) = super::admin::load(
        &state,
        &api.0,
        id,
        crate::auth::roles::Permission::ReviewContent,
    )
    .await?;
    super::workflow::publish(&state.db, &doc, api.0.id, &api.0.actor()).await?;
    state_of(&state, id).await
}
