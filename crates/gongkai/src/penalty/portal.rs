//! Public pages of 执法公示: the penalty list with filters, a page per case, the
//! .xlsx export, and the list of suspended numbers. Only masked columns are read.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::model::ViolationType;
use super::service;
use super::store::{self, Filter};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, Pager, render};

#[derive(Deserialize, utoipa::IntoParams, Default)]
pub struct ListQuery {
    /// 作出决定的年份
    pub year: Option<String>,
    /// 违法类型代码
    pub violation: Option<String>,
    /// 区
    pub district: Option<String>,
    /// 关键词（当事人、文号、违法事实）
    pub q: Option<String>,
    pub page: Option<i64>,
}

impl ListQuery {
    fn filter(&self) -> Filter {
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Filter {
            year: self
                .year
                .as_deref()
                .and_then(|y| y.trim().parse().ok())
                .filter(|y| (1990..=2200).contains(y)),
            violation: nonempty(&self.violation).filter(|v| ViolationType::parse(v).is_some()),
            district: nonempty(&self.district),
            q: nonempty(&self.q).map(|q| q.chars().take(50).collect()),
        }
    }

    fn query_string(&self) -> String {
        let f = self.filter();
        let mut parts = Vec::new();
        if let Some(y) = f.year {
            parts.push(format!("year={y}"));
        }
        for (k, v) in [
            ("violation", f.violation),
            ("district", f.district),
            ("q", f.q),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", crate::audit::admin::percent_encode(&v)));
            }
        }
        parts.iter().map(|p| format!("{p}&")).collect()
    }
}

pub use super::store::{PublicCase, PublicView, WithdrawnCase};

#[derive(Template)]
#[template(path = "penalty/templates/portal_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<PublicCase>,
    pager: Pager,
    year: String,
    violation: String,
    district: String,
    q: String,
    violations: Vec<(&'static str, &'static str)>,
    districts: Vec<String>,
    export: String,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::public_list(&state.db, &q.filter(), page).await?;
    let f = q.filter();
    render(&ListPage {
        layout,
        rows: store::published_only(&rows),
        pager: Pager::checked(page, total, q.query_string())?,
        year: f.year.map(|y| y.to_string()).unwrap_or_default(),
        violation: f.violation.unwrap_or_default(),
        district: f.district.unwrap_or_default(),
        q: f.q.unwrap_or_default(),
        violations: ViolationType::ALL
            .iter()
            .map(|v| (v.code(), v.label()))
            .collect(),
        districts: store::public_districts(&state.db).await?,
        export: q.query_string(),
    })
}

#[derive(Template)]
#[template(path = "penalty/templates/portal_case.html")]
struct CasePage {
    layout: Layout,
    view: PublicView,
}

pub async fn case(
    State(state): State<AppState>,
    layout: Layout,
    crate::web::PathId(id): crate::web::PathId,
) -> Result<Response, AppError> {
    render(&CasePage {
        layout,
        view: store::public_case(&state.db, id).await?,
    })
}

pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::Workbook;
    let (rows, _) = store::public_list(
        &state.db,
        &q.filter(),
        Page {
            number: 1,
            size: 10_000,
        },
    )
    .await?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let head = [
        "决定书文号",
        "当事人",
        "统一社会信用代码",
        "违法类型",
        "主要违法事实",
        "处罚依据",
        "处罚种类",
        "处罚内容",
        "罚款金额（元）",
        "作出决定日期",
        "执法机关",
        "区",
    ];
    for (i, h) in head.iter().enumerate() {
        ws.write_string(0, i as u16, *h).map_err(x)?;
    }
    for (r, c) in store::published_only(&rows).into_iter().enumerate() {
        let r = (r + 1) as u32;
        for (i, v) in [
            c.decision_no,
            c.party,
            c.credit_code,
            c.violation_type,
            c.facts,
            c.basis,
            c.penalty_kind,
            c.penalty_content,
            c.fine,
            c.decided_on.to_string(),
            c.authority,
            c.district,
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(r, i as u16, v).map_err(x)?;
        }
    }
    let bytes = wb.save_to_buffer().map_err(x)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"penalties.xlsx\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "penalty/templates/portal_numbers.html")]
struct NumbersPage {
    layout: Layout,
    rows: Vec<store::NumberRow>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct PageOnly {
    pub page: Option<i64>,
}

pub async fn numbers(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageOnly>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::numbers(&state.db, page).await?;
    render(&NumbersPage {
        layout,
        rows,
        pager: Pager::checked(page, total, String::new())?,
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicList {
    pub total: i64,
    pub page: i64,
    pub items: Vec<PublicCase>,
}

/// Published penalty cases (de-identified), with the portal's filters.
#[utoipa::path(get, path = "/api/v1/penalties", tag = "penalties", params(ListQuery),
    responses((status = 200, body = PublicList)))]
pub async fn api_list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<PublicList>, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::public_list(&state.db, &q.filter(), page).await?;
    Ok(Json(PublicList {
        total,
        page: page.number,
        items: store::published_only(&rows),
    }))
}

/// One published case; a withdrawn one only by its number and the withdrawal notice.
#[utoipa::path(get, path = "/api/v1/penalties/{id}", tag = "penalties", params(("id" = i64, Path, description = "案件编号")),
    responses((status = 200, body = PublicView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn api_case(
    State(state): State<AppState>,
    crate::web::PathId(id): crate::web::PathId,
) -> Result<Json<PublicView>, AppError> {
    Ok(Json(store::public_case(&state.db, id).await?))
}

/// The created case: pending until a second person confirms its masking.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
    pub state: String,
    /// 当事人（公开显示）
    pub masked_party: String,
    /// 自动去标识化处理的处数
    pub maskings: usize,
}

/// Register a penalty case (token of an 执法人员). Fields as the back-office form,
/// with `unit_id`; the case is masked automatically and waits for confirmation.
#[utoipa::path(post, path = "/api/v1/penalties", tag = "penalties", request_body = BTreeMap<String, String>,
    security(("bearer" = [])),
    responses((status = 201, body = Created), (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn api_create(
    State(state): State<AppState>,
    api: crate::auth::tokens::ApiUser,
    Json(body): Json<std::collections::BTreeMap<String, serde_json::Value>>,
) -> Result<(axum::http::StatusCode, Json<Created>), AppError> {
    use crate::auth::roles::Permission;
    api.require(Permission::HandleEnforcement)?;
    let scope =
        crate::auth::scope::Scope::of(&state, &api.0, Permission::HandleEnforcement).await?;
    let get = |k: &str| -> String {
        match body.get(k) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            // Several 处罚种类 may come as a list of codes or labels.
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(","),
            _ => String::new(),
        }
    };
    let unit_id = get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| scope.contains(*u))
        .ok_or_else(|| AppError::field("unit_id", "请填写本人有权限的机构编号"))?;
    let c =
        super::input::check(&get, unit_id, crate::clock::today()).map_err(AppError::validation)?;
    let mut tx = state.db.begin().await?;
    let id = service::insert(&mut tx, &c, Some(api.0.id), &api.0.actor()).await?;
    tx.commit().await?;
    let row = store::get(&state.db, id).await?;
    let maskings = serde_json::from_str::<Vec<serde_json::Value>>(&row.maskings)
        .map(|v| v.len())
        .unwrap_or(0);
    Ok((
        axum::http::StatusCode::CREATED,
        Json(Created {
            id,
            state: row.state.code().into(),
            masked_party: row.masked_party,
            maskings,
        }),
    ))
}
