//! The editable service list (诉求类别, also Open311's services) and the working
//! days of each step per source and urgency; every change audited.

use super::OrderAction;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::model::{Days, Source, Urgency};
use super::store::{self, ClockRow, ServiceRow};
use crate::audit;
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "orders/templates/admin_services.html")]
struct ServicesPage {
    layout: Layout,
    services: Vec<ServiceRow>,
    clock: Vec<ClockRow>,
}

pub async fn page(
    State(state): State<AppState>,
    layout: Layout,
    Staff(_): Staff,
) -> Result<Response, AppError> {
    render(&ServicesPage {
        layout,
        services: store::services(&state.db, false).await?,
        clock: store::clock_rows(&state.db).await?,
    })
}

/// Add a service or change one.
pub async fn save_service(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let code = fields.get("code");
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(AppError::field(
            "code",
            "服务代码为40位以内的小写字母、数字和下划线",
        ));
    }
    let name = fields.get("name");
    if name.is_empty() || name.chars().count() > 30 {
        return Err(AppError::field("name", "请填写类别名称（30字以内）"));
    }
    let s = ServiceRow {
        code: code.clone(),
        name: name.clone(),
        description: fields.get("description").chars().take(200).collect(),
        group_name: fields.get("group_name").chars().take(30).collect(),
        active: fields.checked("active"),
        sort_order: fields.get("sort_order").parse().unwrap_or(0),
    };
    let mut tx = state.db.begin().await?;
    if let Err(e) = store::save_service(&mut tx, &s).await {
        return Err(if crate::db::is_unique_violation(&e) {
            AppError::field("name", &format!("类别名称“{name}”已被其他代码使用"))
        } else {
            e.into()
        });
    }
    audit::append(
        &mut tx,
        &user.actor(),
        OrderAction::Service,
        "order_service",
        Some(code.clone()),
        format!(
            "保存诉求类别 {code}“{name}”（{}）",
            if s.active { "启用" } else { "停用" }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/orders/services").into_response())
}

/// Change the working days of one source and urgency.
pub async fn save_clock(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let source = Source::parse(&fields.get("source"))
        .ok_or_else(|| AppError::field("source", "请选择来源"))?;
    let urgency = Urgency::parse(&fields.get("urgency"))
        .ok_or_else(|| AppError::field("urgency", "请选择紧急程度"))?;
    let day = |k: &str, label: &str| {
        fields
            .get(k)
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=60).contains(d))
            .ok_or_else(|| AppError::field(k, &format!("{label}应为1到60之间的工作日数")))
    };
    let d = Days {
        accept: day("accept_days", "签收时限")?,
        finish: day("finish_days", "办结时限")?,
    };
    if d.accept > d.finish {
        return Err(AppError::field("accept_days", "签收时限不能长于办结时限"));
    }
    let mut tx = state.db.begin().await?;
    store::set_days(&mut tx, source, urgency, d).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        OrderAction::Clock,
        "order_clock",
        Some(format!("{}:{}", source.code(), urgency.code())),
        format!(
            "{}（{}）办理时限改为：签收{}个工作日、办结{}个工作日",
            source.label(),
            urgency.label(),
            d.accept,
            d.finish
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/orders/services").into_response())
}
