//! 诉求工单: 12345 hotline work orders, 我为政府网站找错 reports (the national
//! platform's and our own form's), phone calls and Open311 GeoReport v2 requests,
//! routed to the unit that can act and closed on the working-day clock with a
//! reply and a 回访.
//!
//! Pure rules in `model` (workflow, deadlines) and `form` (checks); SQL in `store`;
//! transactions with their audit entries in `service`; pages in `admin`
//! (+ `admin_import`, `admin_services`, `admin_results` the day's results as .xlsx), `portal` (找错 form, progress, statistics)
//! and `open311` (the GeoReport v2 API, `open311_xml` its XML); `api` receives
//! orders pushed by the 12345 platform, `pushback` sends results back;
//! `dashboard` gives the to-do counts; `daily` raises the reminders.

pub mod admin;
pub mod admin_import;
pub mod admin_results;
pub mod admin_services;
pub mod api;
pub mod dashboard;
pub mod demo;
pub mod form;
pub mod model;
pub mod open311;
pub mod open311_requests;
pub mod open311_xml;
pub mod portal;
pub mod pushback;
pub mod service;
pub mod stats;
pub mod store;
pub mod store_outbox;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What 诉求工单 writes to the audit log: an order's events (`order.<event>`) and
    /// the service list and clocks.
    OrderAction {
        Create = ("order.create", "登记工单"),
        Photo = ("order.photo", "上传现场照片"),
        Service = ("order.service", "修改诉求类别"),
        Clock = ("order.clock", "修改办理时限"),
        Demo = ("demo.orders", "演示工单"),
        Created = ("order.created", "受理登记"),
        Accepted = ("order.accepted", "签收工单"),
        Transferred = ("order.transferred", "转办工单"),
        Returned = ("order.returned", "退回工单"),
        Note = ("order.note", "办理记录"),
        Finished = ("order.finished", "办结答复"),
        Visited = ("order.visited", "回访"),
        Reopened = ("order.reopened", "不满意重办"),
        Closed = ("order.closed", "关闭工单"),
        Repush = ("order.repush", "重新回传结果"),
    }
);

impl From<model::EventKind> for OrderAction {
    fn from(e: model::EventKind) -> Self {
        use model::EventKind as E;
        match e {
            E::Created => OrderAction::Created,
            E::Accepted => OrderAction::Accepted,
            E::Transferred => OrderAction::Transferred,
            E::Returned => OrderAction::Returned,
            E::Note => OrderAction::Note,
            E::Finished => OrderAction::Finished,
            E::Visited => OrderAction::Visited,
            E::Reopened => OrderAction::Reopened,
            E::Closed => OrderAction::Closed,
        }
    }
}

/// 诉求工单: the 找错 form, statistics, Open311, the back office.
pub fn routes() -> Routes {
    use Permission::HandleInteraction as H;
    Routes::new()
        .public("/zhaocuo", get(portal::form_page).post(portal::submit))
        .public("/zhaocuo/progress", get(portal::progress))
        .public("/gongdan/stats", get(stats::page))
        .public("/gongdan/stats.xlsx", get(stats::xlsx))
        .public("/open311/v2/discovery.json", get(open311::discovery))
        .public("/open311/v2/services.json", get(open311::services))
        .public(
            "/open311/v2/services/{file}",
            get(open311::service_definition),
        )
        .public(
            "/open311/v2/requests.json",
            get(open311_requests::requests).post(open311::post_request),
        )
        .public(
            "/open311/v2/requests/{file}",
            get(open311_requests::request),
        )
        .public("/open311/v2/tokens/{file}", get(open311::token))
        .public("/open311/v2/services.xml", get(open311_xml::services))
        .public("/open311/v2/requests.xml", get(open311_xml::requests))
        .public("/api/v1/orders/{platform}", post(api::push))
        .staff("/admin/orders", H, Some(get(admin::list)), None)
        .staff(
            "/admin/orders/new",
            H,
            Some(get(admin::new_form)),
            Some(post(admin::create)),
        )
        .staff(
            "/admin/orders/import",
            H,
            Some(get(admin_import::import_form)),
            Some(post(admin_import::import).layer(axum::extract::DefaultBodyLimit::disable())),
        )
        .staff(
            "/admin/orders/results.xlsx",
            H,
            Some(get(admin_results::results_xlsx)),
            None,
        )
        .staff(
            "/admin/orders/services",
            H,
            Some(get(admin_services::page)),
            Some(post(admin_services::save_service)),
        )
        .staff(
            "/admin/orders/clock",
            H,
            None,
            Some(post(admin_services::save_clock)),
        )
        .staff("/admin/orders/{id}", H, Some(get(admin::show)), None)
        .staff("/admin/orders/{id}/act", H, None, Some(post(admin::act)))
        .staff(
            "/admin/orders/{id}/repush",
            H,
            None,
            Some(post(admin::repush)),
        )
        .staff(
            "/admin/orders/{id}/photo",
            H,
            None,
            Some(post(admin::photo)),
        )
        .staff(
            "/admin/orders/{id}/files/{file_id}",
            H,
            Some(get(admin::file)),
            None,
        )
        .nav(40, "/admin/orders", "诉求工单", H)
}

/// The daily job: 签收 and 办结 reminders for orders due within
/// [`model::DUE_SOON_DAYS`] working days or overdue, once per order, deadline and
/// due date (`order_reminders`, for the unit's handlers; the order list shows
/// them). Logs the count only.
pub async fn daily(state: &crate::state::AppState) -> anyhow::Result<()> {
    daily_on(state, crate::clock::today()).await
}

/// The daily job as of `today` (tests).
pub async fn daily_on(
    state: &crate::state::AppState,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    let cal = crate::workdays::calendar(state);
    let mut raised = 0u64;
    for o in store_outbox::running(&state.db).await? {
        for (deadline, overdue, due) in
            model::reminders(&cal, today, o.status, o.accept_due, o.finish_due)
        {
            raised += store_outbox::raise_reminder(&state.db, &o, deadline, overdue, due).await?;
        }
    }
    tracing::info!(orders.reminders = raised, "诉求工单 daily job");
    Ok(())
}
