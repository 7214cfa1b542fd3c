//! 依申请公开: information requests on the statutory working-day clock, from
//! receipt to archive (条例 Art. 29–37, 42), with reply letters and table 三.
//!
//! Pure rules: `model` (vocabulary, table rows), `clock` (events → status and
//! deadline with its arithmetic), `fee` (国办函〔2020〕109号), `report` (table 三),
//! `letters` (letter texts from templates). Storage in `store`; pages in `portal` and
//! `admin`; JSON in `api`.

pub mod clock;
pub mod fee;
pub mod model;
pub mod report;

#[cfg(test)]
mod clock_tests;
pub mod input;
pub mod store;

/// The cached `outcome` column ("withheld:third_party") back to its table row.
pub fn parse_outcome(s: &str) -> Option<model::Row> {
    let (o, g) = match s.split_once(':') {
        Some((o, g)) => (o, model::Ground::parse(g)),
        None => (s, None),
    };
    model::Outcome::parse(o).map(|o| o.row(g))
}
pub mod admin;
pub mod api;
pub mod letters;
pub mod portal;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

/// Public and API routes of 依申请公开 (back-office routes are in `admin::routes`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ysqgk", get(portal::index))
        .route("/ysqgk/apply", get(portal::apply_form).post(portal::apply))
        .route("/ysqgk/progress", get(portal::progress))
        .route(
            "/ysqgk/attachments",
            post(portal::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/api/v1/foi/applications", post(api::submit))
        .route("/api/v1/foi/applications/{no}", get(api::progress))
        .route("/api/v1/foi/cases", get(api::cases))
        .route("/api/v1/foi/cases/{id}", get(api::case))
        .route("/api/v1/foi/cases/{id}/events", post(api::add_event))
        .route("/api/v1/foi/report/{year}", get(api::report))
}

/// The daily job: reminders for cases due within 5 working days or overdue, and
/// erasure of personal data past the retention period. Logs counts only.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    let cal = state.calendar.get();
    let today = crate::clock::today();
    let open = store::open_cases(&state.db, None).await?;
    let ids: Vec<i64> = open.iter().map(|c| c.id).collect();
    let logs = store::events_of(&state.db, &ids).await?;
    let mut raised = 0u64;
    for c in &open {
        let log = logs.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
        let Ok(clock) = clock::replay(&cal, c.channel(), log) else {
            continue;
        };
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
    let erased = store::anonymise_archived_before(&state.db, before).await?;
    tracing::info!(
        foi.reminders = raised,
        foi.anonymised = erased,
        "依申请公开 daily job"
    );
    Ok(())
}

use chrono::Datelike as _;
pub mod demo;
