//! Open311 GeoReport v2: reading requests — by filter (service_code, start_date,
//! end_date, status) and by id. Only public fields: the masked description, the
//! location, the unit and the public result; never contact data.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::Status;
use super::open311::{GeoError, JurisdictionQuery, check_jurisdiction, error, internal, json_name};
use super::store::{self, Filter, OrderRow};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;

/// A request as the public sees it (GeoReport v2 field names; no contact data).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GeoRequest {
    pub service_request_id: String,
    pub status: String,
    pub status_notes: String,
    pub service_name: String,
    pub service_code: String,
    /// 诉求内容（已去除个人信息）
    pub description: String,
    pub agency_responsible: String,
    pub service_notice: String,
    pub requested_datetime: String,
    pub updated_datetime: String,
    pub expected_datetime: String,
    pub address: String,
    pub address_id: String,
    pub zipcode: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: String,
}

fn iso(t: &DateTime<Utc>) -> String {
    t.with_timezone(&crate::clock::beijing())
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

pub fn geo_request(
    o: &OrderRow,
    services: &BTreeMap<String, String>,
    units: &BTreeMap<i64, String>,
) -> GeoRequest {
    let notes = match o.status {
        Status::Returned => format!("已退回：{}", o.return_reason),
        Status::Finished | Status::Closed => o.result.clone(),
        s => s.label().to_string(),
    };
    GeoRequest {
        service_request_id: o.source_no.clone(),
        status: o.status.open311().into(),
        status_notes: notes,
        service_name: services.get(&o.service_code).cloned().unwrap_or_default(),
        service_code: o.service_code.clone(),
        description: o.public_description.clone(),
        agency_responsible: units.get(&o.unit_id).cloned().unwrap_or_default(),
        service_notice: o.status.label().into(),
        requested_datetime: iso(&o.created_at),
        updated_datetime: iso(&o.updated_at),
        expected_datetime: format!("{}T17:00:00+08:00", o.finish_due),
        address: o.address.clone(),
        address_id: String::new(),
        zipcode: String::new(),
        lat: o.lat,
        long: o.lon,
        media_url: String::new(),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct RequestsQuery {
    pub jurisdiction_id: Option<String>,
    /// 逗号分隔的 service_request_id
    pub service_request_id: Option<String>,
    /// 逗号分隔的 service_code
    pub service_code: Option<String>,
    /// ISO 8601（如 2026-11-01T00:00:00+08:00）或日期
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// open 或 closed
    pub status: Option<String>,
}

fn parse_time(s: &str, end: bool) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let t = if end {
        d.and_hms_opt(23, 59, 59)?
    } else {
        d.and_hms_opt(0, 0, 0)?
    };
    t.and_local_timezone(crate::clock::beijing())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

async fn lookup_maps(
    state: &AppState,
) -> Result<(BTreeMap<String, String>, BTreeMap<i64, String>), AppError> {
    let services = super::admin::service_names(state).await?;
    let units = crate::auth::store::all_units(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok((services, units))
}

/// Requests by filter, newest first: at most 1000; without dates the last 90 days.
#[utoipa::path(get, path = "/open311/v2/requests.json", tag = "open311", params(RequestsQuery),
    responses((status = 200, body = Vec<GeoRequest>), (status = 400, body = Vec<GeoError>),
        (status = 404, body = Vec<GeoError>)))]
pub async fn requests(State(state): State<AppState>, Query(q): Query<RequestsQuery>) -> Response {
    if let Err(r) = check_jurisdiction(&state, q.jurisdiction_id.as_deref()) {
        return r;
    }
    let (services, units) = match lookup_maps(&state).await {
        Ok(m) => m,
        Err(e) => return internal(e),
    };
    if let Some(ids) = q
        .service_request_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let mut out = Vec::new();
        for id in ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .take(100)
        {
            match store::by_no(&state.db, id).await {
                Ok(Some(o)) => out.push(geo_request(&o, &services, &units)),
                Ok(None) => {}
                Err(e) => return internal(e),
            }
        }
        return Json(out).into_response();
    }
    let mut times = [None, None];
    for (i, (v, end)) in [(&q.start_date, false), (&q.end_date, true)]
        .into_iter()
        .enumerate()
    {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            match parse_time(v, end) {
                Some(t) => times[i] = Some(t),
                None => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        &format!("日期“{v}”应为 ISO 8601 格式"),
                    );
                }
            }
        }
    }
    let [mut from, to] = times;
    if from.is_none() && to.is_none() {
        from = Some(crate::clock::now() - chrono::Duration::days(90));
    }
    let closed = match q.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("open") => Some(false),
        Some("closed") => Some(true),
        Some(s) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("status “{s}” 应为 open 或 closed"),
            );
        }
    };
    let codes: Vec<String> = q
        .service_code
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for code in if codes.is_empty() {
        vec![None]
    } else {
        codes.into_iter().map(Some).collect()
    } {
        let f = Filter {
            service: code,
            from,
            to,
            closed,
            ..Default::default()
        };
        match store::list(
            &state.db,
            &f,
            Page {
                number: 1,
                size: 1000,
            },
        )
        .await
        {
            Ok((rows, _)) => out.extend(rows.iter().map(|o| geo_request(o, &services, &units))),
            Err(e) => return internal(e),
        }
    }
    out.truncate(1000);
    Json(out).into_response()
}

/// One request by its id.
#[utoipa::path(get, path = "/open311/v2/requests/{service_request_id}.json", tag = "open311",
    params(("service_request_id" = String, Path, description = "工单编号"), JurisdictionQuery),
    responses((status = 200, body = Vec<GeoRequest>), (status = 404, body = Vec<GeoError>)))]
pub async fn request(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let id = match json_name(&state, &q, &file) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (services, units) = match lookup_maps(&state).await {
        Ok(m) => m,
        Err(e) => return internal(e),
    };
    match store::by_no(&state.db, id).await {
        Ok(Some(o)) => Json(vec![geo_request(&o, &services, &units)]).into_response(),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            &format!("service_request_id “{id}” 不存在"),
        ),
        Err(e) => internal(e),
    }
}
