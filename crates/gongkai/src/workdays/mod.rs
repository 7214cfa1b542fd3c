//! The working-day calendar as a capability: the built-in State Council schedules
//! (crates/workday) overlaid with the years administrators add in the back office,
//! the public JSON API, and the portal's 答复期限计算器.
//!
//! Every node keeps the calendar in memory and reloads it from the database after
//! each change it makes and every five minutes (changes made on other nodes).

pub mod admin;
pub mod api;
pub mod portal;
pub mod service;
pub mod store;

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use workday::{Calendar, YearSchedule};

use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 工作日历 writes to the audit log.
    WorkdayAction {
        Save = ("workday.save", "保存工作日历"),
    }
);

/// The current calendar, shared and swapped whole on reload; it starts with the
/// built-in years.
pub struct CalendarCell(RwLock<Arc<Calendar>>);

impl Default for CalendarCell {
    fn default() -> CalendarCell {
        CalendarCell::builtin()
    }
}

/// This node's working-day calendar.
pub fn calendar(state: &AppState) -> Arc<Calendar> {
    state.part::<CalendarCell>().get()
}

impl CalendarCell {
    pub fn builtin() -> CalendarCell {
        CalendarCell(RwLock::new(Arc::new(workday::builtin())))
    }

    pub fn get(&self) -> Arc<Calendar> {
        match self.0.read() {
            Ok(c) => c.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set(&self, cal: Calendar) {
        match self.0.write() {
            Ok(mut c) => *c = Arc::new(cal),
            Err(p) => *p.into_inner() = Arc::new(cal),
        }
    }
}

impl From<workday::Error> for AppError {
    fn from(e: workday::Error) -> AppError {
        AppError::Conflict(e.to_string())
    }
}

/// A year added or replaced by an administrator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredYear {
    pub year: i64,
    pub schedule: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

pub async fn stored_years(db: &Db) -> sqlx::Result<Vec<StoredYear>> {
    crate::with_db!(db, |p| {
        sqlx::query_as(
            "SELECT year, schedule, updated_at, updated_by FROM workday_years ORDER BY year",
        )
        .fetch_all(p)
        .await
    })
}

/// Build the calendar: built-in years, replaced or extended by stored ones. A stored
/// year that no longer parses is skipped with a warning (it was valid when saved).
pub async fn load(db: &Db) -> sqlx::Result<Calendar> {
    let mut years: Vec<YearSchedule> = workday::parse(workday::BUILTIN).unwrap_or_default();
    for s in stored_years(db).await? {
        match workday::parse(&s.schedule) {
            Ok(parsed) => years.extend(parsed),
            Err(e) => tracing::warn!(
                year = s.year,
                errors = e.len(),
                "stored calendar year does not parse"
            ),
        }
    }
    Ok(Calendar::from_schedules(years))
}

pub async fn reload(state: &AppState) -> sqlx::Result<()> {
    let cal = load(&state.db).await?;
    state.part::<CalendarCell>().set(cal);
    Ok(())
}

/// Reload the calendar every five minutes so that a year added on another node
/// arrives here too.
pub fn spawn_refresh(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = reload(&state).await {
                tracing::warn!(error = %e, "calendar reload failed");
            }
        }
    });
}

/// The public 答复期限计算器, the calendar API and its administration.
pub fn routes() -> Routes {
    use crate::auth::roles::Permission;
    use axum::routing::{get, post};
    Routes::new()
        .public("/ysqgk/deadline", get(portal::calculator))
        .public("/api/v1/workdays/add", get(api::api_add))
        .public("/api/v1/workdays/{year}", get(api::api_year))
        .staff(
            "/admin/workdays",
            Permission::ManageCalendar,
            Some(get(crate::workdays::admin::admin_list)),
            Some(post(crate::workdays::admin::admin_save)),
        )
        .staff(
            "/admin/workdays/{year}",
            Permission::ManageCalendar,
            Some(get(crate::workdays::admin::admin_year)),
            None,
        )
        .nav(
            84,
            "/admin/workdays",
            "工作日日历",
            Permission::ManageCalendar,
        )
}
