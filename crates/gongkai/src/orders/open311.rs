//! Open311 GeoReport v2 over the work orders: discovery, the service list and
//! definitions, POST of a request (api_key = an API token), tokens, and requests
//! by filter or id, in JSON. Errors are GeoReport's array `[{"code","description"}]`
//! with the HTTP status. No contact data ever leaves: requests carry the masked
//! description, the location and the public result only.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::form;
use super::model::Source;
use super::service;
use super::store::{self, ServiceRow};
use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;

/// One GeoReport error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GeoError {
    pub code: u16,
    pub description: String,
}

/// The error array with its status.
pub fn error(status: StatusCode, description: &str) -> Response {
    (
        status,
        Json(vec![GeoError {
            code: status.as_u16(),
            description: description.to_string(),
        }]),
    )
        .into_response()
}

pub(super) fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "open311");
    error(StatusCode::INTERNAL_SERVER_ERROR, "系统出现错误")
}

/// This site's jurisdiction_id: the host of the public address.
pub fn jurisdiction(state: &AppState) -> String {
    let u = &state.settings.server.public_url;
    let host = u.split_once("://").map(|(_, h)| h).unwrap_or(u);
    host.split(['/', ':']).next().unwrap_or("").to_string()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct JurisdictionQuery {
    /// 管辖区标识（本站域名，可省略）
    pub jurisdiction_id: Option<String>,
}

/// A jurisdiction_id other than ours: 404 as the standard says.
#[allow(clippy::result_large_err)] // the error is the finished response
pub(super) fn check_jurisdiction(state: &AppState, j: Option<&str>) -> Result<(), Response> {
    match j.map(str::trim).filter(|j| !j.is_empty()) {
        Some(j) if j != jurisdiction(state) => Err(error(
            StatusCode::NOT_FOUND,
            &format!("jurisdiction_id “{j}” 不是本站（{}）", jurisdiction(state)),
        )),
        _ => Ok(()),
    }
}

/// `name.json` asked of this jurisdiction → `name`; other formats are not offered,
/// and another jurisdiction_id is 404.
#[allow(clippy::result_large_err)] // the error is the finished response
pub(super) fn json_name<'a>(
    state: &AppState,
    q: &JurisdictionQuery,
    file: &'a str,
) -> Result<&'a str, Response> {
    check_jurisdiction(state, q.jurisdiction_id.as_deref())?;
    file.strip_suffix(".json").ok_or_else(|| {
        error(
            StatusCode::NOT_FOUND,
            "只提供 JSON 格式（地址以 .json 结尾）",
        )
    })
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Endpoint {
    pub specification: String,
    pub url: String,
    pub changeset: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub formats: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Discovery {
    pub changeset: String,
    pub contact: String,
    pub key_service: String,
    pub endpoints: Vec<Endpoint>,
}

/// Service discovery.
#[utoipa::path(get, path = "/open311/v2/discovery.json", tag = "open311",
    responses((status = 200, body = Discovery)))]
pub async fn discovery(State(state): State<AppState>) -> Json<Discovery> {
    let base = state.settings.server.public_url.trim_end_matches('/');
    Json(Discovery {
        changeset: "2026-12-01T00:00:00+08:00".into(),
        contact: format!("{}（{}）", state.site.sponsor, base),
        key_service: "API 令牌由本站后台“API 令牌”页面签发，作为 api_key 提交".into(),
        endpoints: vec![Endpoint {
            specification: "http://wiki.open311.org/GeoReport_v2".into(),
            url: format!("{base}/open311/v2"),
            changeset: "2026-12-01T00:00:00+08:00".into(),
            kind: "production".into(),
            formats: vec!["application/json".into()],
        }],
    })
}

/// A service of the list (GeoReport field names).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GeoService {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: String,
    pub keywords: String,
    pub group: String,
}

fn geo_service(s: &ServiceRow) -> GeoService {
    GeoService {
        metadata: s.code == "website_error",
        service_code: s.code.clone(),
        service_name: s.name.clone(),
        description: s.description.clone(),
        kind: "realtime".into(),
        keywords: s.name.clone(),
        group: s.group_name.clone(),
    }
}

/// The services requests may be filed under (the editable service list).
#[utoipa::path(get, path = "/open311/v2/services.json", tag = "open311", params(JurisdictionQuery),
    responses((status = 200, body = Vec<GeoService>), (status = 404, body = Vec<GeoError>)))]
pub async fn services(
    State(state): State<AppState>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    if let Err(r) = check_jurisdiction(&state, q.jurisdiction_id.as_deref()) {
        return r;
    }
    match store::services(&state.db, true).await {
        Ok(list) => Json(list.iter().map(geo_service).collect::<Vec<_>>()).into_response(),
        Err(e) => internal(e),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Attribute {
    pub variable: bool,
    pub code: String,
    pub datatype: String,
    pub required: bool,
    pub datatype_description: String,
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<Attribute>,
}

/// The extra fields a service asks for (网站内容纠错: the page and the error type).
pub fn attributes(code: &str) -> Vec<Attribute> {
    if code != "website_error" {
        return Vec::new();
    }
    vec![
        Attribute {
            variable: true,
            code: "page_url".into(),
            datatype: "string".into(),
            required: true,
            datatype_description: "http:// 或 https:// 开头的网址".into(),
            order: 1,
            description: "出错页面网址".into(),
            values: Vec::new(),
        },
        Attribute {
            variable: true,
            code: "error_type".into(),
            datatype: "singlevaluelist".into(),
            required: false,
            datatype_description: String::new(),
            order: 2,
            description: "错误类型".into(),
            values: super::model::ErrorType::ALL
                .iter()
                .map(|t| AttributeValue {
                    key: t.code().into(),
                    name: t.label().into(),
                })
                .collect(),
        },
    ]
}

/// A service's definition (its attributes).
#[utoipa::path(get, path = "/open311/v2/services/{service_code}.json", tag = "open311",
    params(("service_code" = String, Path, description = "服务代码"), JurisdictionQuery),
    responses((status = 200, body = ServiceDefinition), (status = 404, body = Vec<GeoError>)))]
pub async fn service_definition(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let code = match json_name(&state, &q, &file) {
        Ok(c) => c,
        Err(r) => return r,
    };
    match store::service(&state.db, code).await {
        Ok(Some(s)) if s.active => Json(ServiceDefinition {
            attributes: attributes(&s.code),
            service_code: s.code,
        })
        .into_response(),
        Ok(_) => error(
            StatusCode::NOT_FOUND,
            &format!("service_code “{code}” 不存在"),
        ),
        Err(e) => internal(e),
    }
}

/// The answer to a POST: the id (and the token, for a later look-up).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Posted {
    pub service_request_id: String,
    pub token: String,
    pub service_notice: String,
    pub account_id: Option<String>,
}

/// The POST fields (application/x-www-form-urlencoded), as the standard names them.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PostForm {
    pub api_key: String,
    pub jurisdiction_id: Option<String>,
    pub service_code: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    pub email: Option<String>,
    pub device_id: Option<String>,
    pub account_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub description: Option<String>,
    pub media_url: Option<String>,
    /// `attribute[page_url]`, `attribute[error_type]`
    #[serde(default)]
    pub attribute: BTreeMap<String, String>,
}

/// File a service request. Unknown service → 400, no location → 400, bad api_key →
/// 403, another jurisdiction → 404, each as the GeoReport error array.
#[utoipa::path(post, path = "/open311/v2/requests.json", tag = "open311",
    request_body(content = PostForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 201, body = Vec<Posted>), (status = 400, body = Vec<GeoError>),
        (status = 403, body = Vec<GeoError>), (status = 404, body = Vec<GeoError>),
        (status = 409, body = Vec<GeoError>), (status = 429, body = Vec<GeoError>)))]
pub async fn post_request(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    if !state
        .limiter
        .check("open311_post", &ip, 30, Duration::from_secs(60))
    {
        return error(StatusCode::TOO_MANY_REQUESTS, "请求过于频繁，请稍后再试");
    }
    let f = |k: &str| {
        pairs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    if let Err(r) = check_jurisdiction(&state, Some(&f("jurisdiction_id"))) {
        return r;
    }
    let key = f("api_key");
    if key.is_empty() {
        return error(StatusCode::FORBIDDEN, "缺少 api_key");
    }
    let user = match crate::auth::tokens::user_for_token(&state, &key, ip.clone()).await {
        Ok(u) => u,
        Err(AppError::Unauthorized) => return error(StatusCode::FORBIDDEN, "api_key 无效或已过期"),
        Err(e) => return internal(e),
    };
    let code = f("service_code");
    let services = match store::service_names(&state.db).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    if code.is_empty() {
        return error(StatusCode::BAD_REQUEST, "缺少 service_code");
    }
    if !services.iter().any(|(c, _)| *c == code) {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("service_code “{code}” 不存在"),
        );
    }
    let (lat, lon, addr) = (f("lat"), f("long"), f("address_string"));
    if (lat.is_empty() || lon.is_empty()) && addr.is_empty() && f("address_id").is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "缺少位置：请提供 lat 和 long，或 address_string",
        );
    }
    let name = format!("{}{}", f("last_name"), f("first_name"));
    let get = |k: &str| match k {
        "service" => code.clone(),
        "lat" => lat.clone(),
        "lon" => lon.clone(),
        "address" => {
            if addr.is_empty() {
                f("address_id")
            } else {
                addr.clone()
            }
        }
        "contact_name" => name.clone(),
        "contact_phone" => f("phone"),
        "contact_email" => f("email"),
        "description" => f("description"),
        "page_url" => f("attribute[page_url]"),
        "error_type" => f("attribute[error_type]"),
        _ => String::new(),
    };
    let o = match form::check(&get, Source::Open311, &services, crate::clock::today()) {
        Ok(o) => o,
        Err(errors) => {
            let list: Vec<GeoError> = errors
                .into_iter()
                .map(|(field, m)| GeoError {
                    code: 400,
                    description: format!("{field}: {m}"),
                })
                .collect();
            return (StatusCode::BAD_REQUEST, Json(list)).into_response();
        }
    };
    let actor = Actor {
        id: Some(user.id),
        name: user.username.clone(),
        ip: Some(ip),
    };
    match service::create(&state, &o, None, None, &actor).await {
        Ok(c) => (
            StatusCode::CREATED,
            Json(vec![Posted {
                service_request_id: c.source_no,
                token: c.token,
                service_notice: "已受理，将按工作日时限办理".into(),
                account_id: None,
            }]),
        )
            .into_response(),
        Err(AppError::Conflict(m)) => error(StatusCode::CONFLICT, &m),
        Err(AppError::Validation { fields, .. }) => error(
            StatusCode::BAD_REQUEST,
            &fields.into_values().collect::<Vec<_>>().join("；"),
        ),
        Err(e) => internal(e),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenAnswer {
    pub service_request_id: String,
    pub token: String,
}

/// The request id behind a token.
#[utoipa::path(get, path = "/open311/v2/tokens/{token}.json", tag = "open311",
    params(("token" = String, Path, description = "提交时返回的 token"), JurisdictionQuery),
    responses((status = 200, body = Vec<TokenAnswer>), (status = 404, body = Vec<GeoError>)))]
pub async fn token(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let t = match json_name(&state, &q, &file) {
        Ok(t) => t,
        Err(r) => return r,
    };
    match store::by_token(&state.db, t).await {
        Ok(Some(o)) => Json(vec![TokenAnswer {
            service_request_id: o.source_no,
            token: o.token,
        }])
        .into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "token 不存在"),
        Err(e) => internal(e),
    }
}
