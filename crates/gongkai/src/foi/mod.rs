//! 依申请公开: information requests on the statutory working-day clock, from
//! receipt to archive (条例 Art. 29–37, 42), with reply letters and table 三.
//!
//! Pure rules: `model` (vocabulary, table rows), `clock` (events → status and
//! deadline with its arithmetic), `fee` (国办函〔2020〕109号), `report` (table 三),
//! `letters` (letter texts from templates). SQL in `store` (+ `store_files`,
//! `store_queries`, `store_retention`, `letter_settings`); the audited changes in
//! `case_service` and `letter_service`; pages in `portal` and `admin` (+
//! `admin_letters`, `admin_report`); JSON in `api`.

pub mod clock;
pub mod fee;
pub mod model;
pub mod report;

#[cfg(test)]
mod clock_tests;
pub mod input;
pub mod routing;
pub mod store;
mod store_files;
mod store_queries;
pub mod store_retention;

/// The cached `outcome` column ("withheld:third_party") back to its table row.
pub fn parse_outcome(s: &str) -> Option<model::Row> {
    let (o, g) = match s.split_once(':') {
        Some((o, g)) => (o, model::Ground::parse(g)),
        None => (s, None),
    };
    model::Outcome::parse(o).map(|o| o.row(g))
}
pub mod admin;
pub mod admin_letters;
pub mod admin_report;
pub mod api;
pub mod case_service;
pub mod dashboard;
pub mod forward;
pub mod letter_doc;
pub mod letter_service;
pub mod letter_settings;
pub mod letters;
pub mod portal;
pub mod service;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 依申请公开 writes to the audit log: the case's events (`foi.<event>`) and
    /// the office's other changes.
    FoiAction {
        Create = ("foi.create", "登记申请"),
        Assign = ("foi.assign", "分派承办"),
        Template = ("foi.template", "修改文书模板"),
        File = ("foi.file", "上传案卷材料"),
        Erase = ("foi.erase", "到期删除个人信息"),
        LetterNumber = ("foi.letter_number", "编制文书文号"),
        LetterSettings = ("foi.letter_settings", "修改文书设置"),
        DemoRouting = ("demo.foi_routing", "演示数据：受理机构"),
        Submitted = ("foi.submitted", "网上提交"),
        Arrived = ("foi.arrived", "登记收件"),
        ReceiptConfirmed = ("foi.receipt_confirmed", "确认收到申请"),
        CorrectionRequested = ("foi.correction_requested", "发出补正通知"),
        CorrectionReceived = ("foi.correction_received", "收到补正后的申请"),
        GivenUp = ("foi.given_up", "逾期未补正，视为放弃"),
        ConsultationStarted = ("foi.consultation_started", "发出征求意见函"),
        ConsultationAnswered = ("foi.consultation_answered", "收到征求意见答复"),
        ConsultationTimedOut = ("foi.consultation_timed_out", "征求意见期满未答复"),
        ExtensionApproved = ("foi.extension_approved", "批准延期答复"),
        FeeNoticeIssued = ("foi.fee_notice_issued", "发出收费通知"),
        FeePaid = ("foi.fee_paid", "申请人缴费"),
        FeeExpired = ("foi.fee_expired", "逾期未缴费"),
        Replied = ("foi.replied", "作出答复"),
        Mailed = ("foi.mailed", "寄出答复"),
        Delivered = ("foi.delivered", "答复送达"),
        Closed = ("foi.closed", "办结"),
        Archived = ("foi.archived", "归档"),
    }
);

impl From<&clock::Event> for FoiAction {
    fn from(e: &clock::Event) -> Self {
        use clock::Event as E;
        match e {
            E::Submitted => FoiAction::Submitted,
            E::Arrived => FoiAction::Arrived,
            E::ReceiptConfirmed => FoiAction::ReceiptConfirmed,
            E::CorrectionRequested { .. } => FoiAction::CorrectionRequested,
            E::CorrectionReceived => FoiAction::CorrectionReceived,
            E::GivenUp => FoiAction::GivenUp,
            E::ConsultationStarted { .. } => FoiAction::ConsultationStarted,
            E::ConsultationAnswered { .. } => FoiAction::ConsultationAnswered,
            E::ConsultationTimedOut { .. } => FoiAction::ConsultationTimedOut,
            E::ExtensionApproved { .. } => FoiAction::ExtensionApproved,
            E::FeeNoticeIssued { .. } => FoiAction::FeeNoticeIssued,
            E::FeePaid => FoiAction::FeePaid,
            E::FeeExpired => FoiAction::FeeExpired,
            E::Replied { .. } => FoiAction::Replied,
            E::Mailed { .. } => FoiAction::Mailed,
            E::Delivered => FoiAction::Delivered,
            E::Closed => FoiAction::Closed,
            E::Archived => FoiAction::Archived,
        }
    }
}

/// 依申请公开: the public form and progress lookup, the back office, the API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/ysqgk", get(portal::index))
        .public("/ysqgk/apply", get(portal::apply_form).post(portal::apply))
        .public("/ysqgk/progress", get(portal::progress))
        .public(
            "/ysqgk/attachments",
            post(portal::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .public("/api/v1/foi/applications", post(api::submit))
        .public("/api/v1/foi/applications/{no}", get(api::progress))
        .public("/api/v1/foi/forwarded", post(forward::submit))
        .public("/api/v1/foi/cases", get(api::cases))
        .public("/api/v1/foi/cases/{id}", get(api::case))
        .public("/api/v1/foi/cases/{id}/events", post(api::add_event))
        .public("/api/v1/foi/report/{year}", get(api::report))
        .staff(
            "/admin/foi",
            Permission::ViewFoi,
            Some(get(crate::foi::admin::list)),
            None,
        )
        .staff(
            "/admin/foi/new",
            Permission::HandleFoi,
            Some(get(crate::foi::admin::new_form)),
            Some(post(crate::foi::admin::create)),
        )
        .staff(
            "/admin/foi/templates",
            Permission::ManageFoiTemplates,
            Some(get(crate::foi::admin_letters::templates)),
            None,
        )
        .staff(
            "/admin/foi/templates/{kind}",
            Permission::ManageFoiTemplates,
            None,
            Some(post(crate::foi::admin_letters::save_template)),
        )
        .staff(
            "/admin/foi/letter-settings",
            Permission::ManageUnits,
            Some(get(crate::foi::admin_letters::settings_page)),
            None,
        )
        .staff(
            "/admin/foi/letter-settings/{unit}",
            Permission::ManageUnits,
            None,
            Some(post(crate::foi::admin_letters::save_settings)),
        )
        .staff(
            "/admin/foi/report",
            Permission::HandleFoi,
            Some(get(crate::foi::admin_report::report_page)),
            None,
        )
        .staff(
            "/admin/foi/report.xlsx",
            Permission::HandleFoi,
            Some(get(crate::foi::admin_report::report_xlsx)),
            None,
        )
        .staff(
            "/admin/foi/{id}",
            Permission::ViewFoi,
            Some(get(crate::foi::admin::show)),
            None,
        )
        .staff(
            "/admin/foi/{id}/events",
            Permission::HandleFoi,
            None,
            Some(post(crate::foi::admin::add_event)),
        )
        .staff(
            "/admin/foi/{id}/assign",
            Permission::HandleFoi,
            None,
            Some(post(crate::foi::admin::assign)),
        )
        .staff(
            "/admin/foi/{id}/files/{file_id}",
            Permission::HandleFoi,
            Some(get(crate::foi::admin::file)),
            None,
        )
        .staff(
            "/admin/foi/{id}/letters/{file}",
            Permission::HandleFoi,
            Some(get(crate::foi::admin_letters::letter)),
            None,
        )
        .nav(20, "/admin/foi", "依申请公开", Permission::ViewFoi)
        .nav(
            82,
            "/admin/foi/letter-settings",
            "文书署名与文号",
            Permission::ManageUnits,
        )
}

/// The daily job: reminders for cases due within 5 working days or overdue, and
/// erasure of personal data past the retention period; from 1 November while next
/// year's working days are missing, the count of open cases without a computable
/// deadline (`dashboard::record_calendar`). Logs counts only.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    daily_on(state, crate::clock::today()).await
}

/// [`daily`] as if today were `today`.
pub async fn daily_on(state: &AppState, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let cal = crate::workdays::calendar(state);
    dashboard::record_calendar(state, today)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let open = dashboard::open_clocks(state, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut raised = 0u64;
    for (c, clock) in &open {
        let Some(Ok(dl)) = clock.deadline(&cal) else {
            continue;
        };
        let kind = match clock.days_left(&cal, today) {
            Some(n) if n < 0 => "overdue",
            Some(n) if n <= 5 => "due_soon",
            _ => continue,
        };
        raised += store::raise_reminder(&state.db, c.id, kind, dl.date).await?;
    }
    let years = i32::try_from(state.settings.foi.retention_years).unwrap_or(10);
    let before = today
        .with_year(chrono::Datelike::year(&today) - years)
        .unwrap_or(today);
    let erased =
        case_service::anonymise_archived_before(&state.db, &state.settings.files_dir(), before)
            .await?;
    tracing::info!(
        foi.reminders = raised,
        foi.anonymised = erased,
        "依申请公开 daily job"
    );
    Ok(())
}

use chrono::Datelike as _;
pub mod demo;
