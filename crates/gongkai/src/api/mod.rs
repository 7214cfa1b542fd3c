//! The JSON API under `/api/v1`, described by an OpenAPI document generated from
//! the handlers and browsable in the bundled (offline) Swagger UI.

use axum::Json;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;
use utoipa::OpenApi;

use crate::auth::roles::UnitKind;
use crate::config::SiteSettings;
use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "gongkai 政务公开平台 API",
        description = "政务公开平台的公开 JSON 接口。错误统一为 {\"error\":{\"code\",\"message\",\"fields\"}}。"
    ),
    paths(
        site,
        units,
        crate::docs::api::list,
        crate::docs::api::get,
        crate::docs::feeds::changes,
        crate::docs::api::create,
        crate::docs::api::update,
        crate::docs::api::submit,
        crate::docs::api::publish,
        crate::workdays::api::api_year,
        crate::workdays::api::api_add,
        crate::foi::api::submit,
        crate::foi::forward::submit,
        crate::foi::api::progress,
        crate::foi::api::cases,
        crate::foi::api::case,
        crate::foi::api::add_event,
        crate::foi::api::report,
        crate::penalty::portal::api_list,
        crate::penalty::portal::api_case,
        crate::penalty::portal::api_create,
        crate::inspect::api::api_draw,
        crate::push::check::api_matches,
        crate::push::api::subscribe,
        crate::push::api::stats,
        crate::push::api::bounce,
        crate::interact::api::list,
        crate::interact::api::progress,
        crate::interact::api::submit,
        crate::interact::consult_portal::api_list,
        crate::interact::consult_portal::api_one,
        crate::interact::interview_portal::api_list,
        crate::interact::interview_portal::api_one,
        crate::sitesearch::portal::api,
        crate::orders::open311::discovery,
        crate::orders::open311::services,
        crate::orders::open311::service_definition,
        crate::orders::open311::post_request,
        crate::orders::open311::token,
        crate::orders::open311_requests::requests,
        crate::orders::open311_requests::request,
        crate::orders::open311_xml::services,
        crate::orders::open311_xml::requests,
        crate::orders::api::push,
        crate::qa::api::api,
        crate::events::api::list,
        crate::events::api::one,
        crate::events::api::register,
        crate::meetings::api::list,
        crate::meetings::api::one
    ),
    modifiers(&BearerAuth, &ResponseDescriptions),
    components(schemas(
        SiteSettings,
        Unit,
        UnitKind,
        ErrorBody,
        ErrorDetail,
        crate::docs::api::DocSummary,
        crate::docs::feeds::Change,
        crate::docs::api::DocWrite,
        crate::docs::api::DocState,
        crate::docs::feeds::ChangeList,
        crate::docs::api::DocDetail,
        crate::docs::api::DocList,
        crate::workdays::api::WorkdayYear,
        crate::workdays::api::WorkdayDate,
        crate::workdays::api::AddResult,
        crate::workdays::api::SkippedDate,
        crate::foi::input::ApplicationForm,
        crate::foi::api::Submitted,
        crate::foi::forward::ForwardedApplication,
        crate::foi::api::CaseList,
        crate::foi::api::CaseSummary,
        crate::foi::portal::Progress,
        crate::foi::portal::ProgressStep,
        crate::foi::service::CaseDetail,
        crate::foi::service::DeadlineView,
        crate::foi::service::EventView,
        crate::penalty::portal::PublicCase,
        crate::penalty::portal::WithdrawnCase,
        crate::penalty::portal::PublicView,
        crate::penalty::portal::PublicList,
        crate::penalty::portal::Created,
        crate::push::check::MatchesJson,
        crate::push::check::MatchJson,
        crate::push::check::MeasureJson,
        crate::push::api::SubscriptionRequest,
        crate::push::api::Subscribed,
        crate::push::api::BounceReport,
        crate::push::api::BounceResult,
        crate::push::store::PolicyStats,
        crate::interact::api::PublicMessage,
        crate::interact::api::MessageList,
        crate::interact::api::SubmittedMessage,
        crate::interact::form::MessageForm,
        crate::interact::portal::MessageProgress,
        crate::interact::portal::MessageStep,
        crate::interact::consult_portal::ApiConsultation,
        crate::interact::consult_portal::ApiArticle,
        crate::interact::consult_portal::ApiFeedback,
        crate::interact::consult_portal::ApiOpinion,
        crate::interact::consult_portal::ConsultationList,
        crate::interact::interview_portal::ApiInterview,
        crate::interact::interview_portal::ApiGuest,
        crate::interact::interview_portal::ApiPost,
        crate::interact::interview_portal::ApiQuestion,
        crate::interact::interview_portal::InterviewList,
        crate::sitesearch::portal::SearchHit,
        crate::sitesearch::portal::RelatedHit,
        crate::sitesearch::portal::SearchResults,
        crate::sitesearch::portal::SearchFacets,
        crate::orders::open311::GeoError,
        crate::orders::open311::Discovery,
        crate::orders::open311::Endpoint,
        crate::orders::open311::GeoService,
        crate::orders::open311::ServiceDefinition,
        crate::orders::open311::Attribute,
        crate::orders::open311::AttributeValue,
        crate::orders::open311::PostForm,
        crate::orders::open311::Posted,
        crate::orders::open311::TokenAnswer,
        crate::orders::open311_requests::GeoRequest,
        crate::orders::form::PushedOrder,
        crate::orders::form::PushedLocation,
        crate::orders::form::PushedContact,
        crate::orders::api::ReceivedOrder,
        crate::qa::service::Answered,
        crate::qa::service::AnswerItem,
        crate::qa::service::SourceLink,
        crate::qa::service::Suggestion,
        crate::events::api::ApiEvent,
        crate::events::api::RegistrationForm,
        crate::events::api::Registered,
        crate::events::view::SessionView,
        crate::draws::DrawView,
        crate::meetings::view::MeetingView,
        crate::meetings::view::SeatView,
        crate::meetings::view::TopicView,
        crate::meetings::view::OpinionView
    ))
)]
pub struct ApiDoc;

/// The `bearer` security scheme: API tokens issued in the back office (API 令牌).
pub struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every response object needs a `description` (OpenAPI 3.1, 4.8.17.1): the
/// handlers' annotations give status and body, this fills the text by status.
pub struct ResponseDescriptions;

/// The description of a response with this status code.
pub fn describe(status: &str) -> &'static str {
    match status {
        "200" => "成功",
        "201" => "已创建",
        "204" => "成功，无内容",
        "400" => "请求参数有误",
        "401" => "未登录或 API 令牌无效",
        "403" => "无权进行此操作",
        "404" => "未找到",
        "409" => "与当前状态冲突",
        "413" => "请求内容过大",
        "422" => "提交的内容未通过校验（fields 列出各字段的问题）",
        "429" => "请求过于频繁，请稍后再试",
        "500" => "服务器内部错误",
        "503" => "服务暂不可用",
        _ => "响应",
    }
}

impl utoipa::Modify for ResponseDescriptions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{RefOr, Required};
        let mut ids = std::collections::HashSet::new();
        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for op in ops.into_iter().flatten() {
                // Query structs (`IntoParams`) default to `in: path`: a parameter not in the
                // path template is a query parameter, and optional.
                for p in op.parameters.iter_mut().flatten() {
                    if let RefOr::T(p) = p
                        && p.parameter_in == ParameterIn::Path
                        && !path.contains(&format!("{{{}}}", p.name))
                    {
                        p.parameter_in = ParameterIn::Query;
                        p.required = Required::False;
                    }
                }
                // Operation ids are unique (two handlers named `submit`).
                if let Some(id) = op.operation_id.clone()
                    && !ids.insert(id.clone())
                {
                    let tag = op.tags.iter().flatten().next().cloned().unwrap_or_default();
                    let unique = format!("{tag}_{id}");
                    ids.insert(unique.clone());
                    op.operation_id = Some(unique);
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    if let RefOr::T(r) = response
                        && r.description.trim().is_empty()
                    {
                        r.description = describe(status).to_string();
                    }
                }
            }
        }
    }
}

/// An organisation unit.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub kind: UnitKind,
    /// 类型中文名
    pub kind_label: String,
    pub parent_id: Option<i64>,
}

/// The error envelope of every API error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    pub fields: std::collections::BTreeMap<String, String>,
}

/// The site identity (网站名称, 主办单位, 网站标识码 …).
#[utoipa::path(get, path = "/api/v1/site", tag = "site", responses((status = 200, body = SiteSettings)))]
pub async fn site(State(state): State<AppState>) -> Json<SiteSettings> {
    Json((*state.site).clone())
}

/// The active organisation units, in tree order.
#[utoipa::path(get, path = "/api/v1/units", tag = "site",
    responses((status = 200, body = Vec<Unit>), (status = 500, body = ErrorBody)))]
pub async fn units(State(state): State<AppState>) -> Result<Json<Vec<Unit>>, AppError> {
    let all = crate::auth::store::all_units(&state.db).await?;
    let out = crate::auth::scope::tree_order(&all)
        .into_iter()
        .filter(|(u, _)| u.active)
        .map(|(u, _)| Unit {
            id: u.id,
            name: u.name.clone(),
            kind: UnitKind::parse(&u.kind).unwrap_or(UnitKind::Other),
            kind_label: u.kind_label().to_string(),
            parent_id: u.parent_id,
        })
        .collect();
    Ok(Json(out))
}

/// The site and unit endpoints, the OpenAPI document and the Swagger UI.
pub fn routes() -> crate::web::routes::Routes {
    crate::web::routes::Routes::new()
        .public("/api/v1/site", get(site))
        .public("/api/v1/units", get(units))
        .router(swagger())
}

/// The OpenAPI document at `/api/v1/openapi.json` and the offline Swagger UI at
/// `/api/v1/docs/` (its files are compiled into the binary).
pub fn swagger() -> utoipa_swagger_ui::SwaggerUi {
    utoipa_swagger_ui::SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", ApiDoc::openapi())
}
