//! What 依申请公开 puts on the back-office dashboard, self-contained so the
//! dashboard only calls [`for_user`] and includes `foi/templates/dashboard.html`
//! (which reads a field `foi: FoiDashboard`):
//! - for 依申请办理人: the cases whose 补正 window (Art. 30: 7 working days from
//!   receipt) closes within [`CORRECTION_ALERT_DAYS`] working days;
//! - for administrators, from 1 November while next year's working-day schedule
//!   is not entered: a banner with the number of open cases whose deadline cannot
//!   be computed. The daily job records that number once a day ([`record_calendar`]).

use chrono::{Datelike, NaiveDate};
use workday::Calendar;

use super::clock::{self, Clock};
use super::store::{self, CaseRow};
use crate::auth::CurrentUser;
use crate::auth::roles::{Permission, Role};
use crate::auth::scope::Scope;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use crate::with_db;

/// Cases whose 补正 window closes within this many working days are listed.
pub const CORRECTION_ALERT_DAYS: i64 = 2;

/// A case whose 补正 notice is due soon.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionDue {
    pub id: i64,
    pub receipt_no: String,
    /// The last day the notice may be sent.
    pub due: NaiveDate,
    /// Working days left after today (0: today is the last day).
    pub days_left: i64,
}

/// The missing-calendar banner.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarBanner {
    pub year: i32,
    pub open_cases: usize,
}

/// What the dashboard shows of 依申请公开 for one user.
#[derive(Debug, Clone, Default)]
pub struct FoiDashboard {
    pub correction_due: Vec<CorrectionDue>,
    /// Whether the user handles applications (the list is shown, even empty).
    pub handles: bool,
    pub banner: Option<CalendarBanner>,
}

/// The year whose schedule is missing when `today` is on or after 1 November and
/// next year is not in the calendar.
pub fn missing_next_year(cal: &Calendar, today: NaiveDate) -> Option<i32> {
    let next = today.year() + 1;
    (today.month() >= 11 && !cal.has_year(next)).then_some(next)
}

/// The 补正 notice due date and working days left, when it falls within
/// [`CORRECTION_ALERT_DAYS`] of `today` (today included; a passed window is not listed).
pub fn correction_closing(cal: &Calendar, c: &Clock, today: NaiveDate) -> Option<(NaiveDate, i64)> {
    let due = c.correction_notice_due(cal)?.ok()?;
    if due < today {
        return None;
    }
    let left = i64::from(cal.workdays_between(today, due).ok()?);
    (left <= CORRECTION_ALERT_DAYS).then_some((due, left))
}

/// Open cases with their clocks.
pub type OpenClocks = Vec<(CaseRow, Clock)>;

/// Open cases of `units` with their clocks, in two queries (cases whose log fails to
/// replay are skipped). The case list, the dashboards and the daily job read it.
pub async fn open_clocks(state: &AppState, units: Option<&[i64]>) -> Result<OpenClocks, AppError> {
    let open = store::open_cases(&state.db, units).await?;
    let ids: Vec<i64> = open.iter().map(|c| c.id).collect();
    let logs = store::events_of(&state.db, &ids).await?;
    let cal = crate::workdays::calendar(state);
    Ok(open
        .into_iter()
        .filter_map(|c| {
            let log = logs.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            let k = clock::replay(&cal, c.channel(), log).ok()?;
            Some((c, k))
        })
        .collect())
}

/// The cases of `units` whose 补正 window closes soon, soonest first.
pub async fn correction_due(
    state: &AppState,
    units: Option<&[i64]>,
    today: NaiveDate,
) -> Result<Vec<CorrectionDue>, AppError> {
    let cal = crate::workdays::calendar(state);
    Ok(corrections(&cal, &open_clocks(state, units).await?, today))
}

/// Of loaded open cases, those whose 补正 window closes soon, soonest first.
fn corrections(cal: &Calendar, open: &[(CaseRow, Clock)], today: NaiveDate) -> Vec<CorrectionDue> {
    let mut out: Vec<CorrectionDue> = open
        .iter()
        .filter_map(|(c, k)| {
            let (due, days_left) = correction_closing(cal, k, today)?;
            Some(CorrectionDue {
                id: c.id,
                receipt_no: c.receipt_no.clone(),
                due,
                days_left,
            })
        })
        .collect();
    out.sort_by_key(|d| (d.due, d.id));
    out
}

/// How many open cases of `units` have a deadline that cannot be computed.
pub async fn uncomputable(state: &AppState, units: Option<&[i64]>) -> Result<usize, AppError> {
    let cal = crate::workdays::calendar(state);
    Ok(count_uncomputable(&cal, &open_clocks(state, units).await?))
}

fn count_uncomputable(cal: &Calendar, open: &[(CaseRow, Clock)]) -> usize {
    open.iter()
        .filter(|(_, k)| matches!(k.deadline(cal), Some(Err(_))))
        .count()
}

/// The dashboard items of `user` on `today`.
pub async fn for_user(
    state: &AppState,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<FoiDashboard, AppError> {
    let mut d = FoiDashboard::default();
    let cal = crate::workdays::calendar(state);
    // The open cases are read once per distinct scope, not once per item.
    let mut handled: Option<(Option<Vec<i64>>, OpenClocks)> = None;
    if user.can(Permission::HandleFoi) {
        let scope = Scope::of(state, user, Permission::HandleFoi).await?;
        let open = open_clocks(state, scope.filter()).await?;
        d.handles = true;
        d.correction_due = corrections(&cal, &open, today);
        handled = Some((scope.filter().map(<[i64]>::to_vec), open));
    }
    let is_admin = user.grants.iter().any(|g| g.role == Role::Admin);
    if let (true, Some(year)) = (is_admin, missing_next_year(&cal, today)) {
        let scope = Scope::of(state, user, Permission::ViewFoi).await?;
        let open_cases = match &handled {
            Some((units, open)) if units.as_deref() == scope.filter() => {
                count_uncomputable(&cal, open)
            }
            _ => count_uncomputable(&cal, &open_clocks(state, scope.filter()).await?),
        };
        d.banner = Some(CalendarBanner { year, open_cases });
    }
    Ok(d)
}

/// The daily record: on `today` (from 1 November while next year is missing), the
/// number of open cases whose deadline cannot be computed, once a day. Returns the
/// number when the condition holds.
pub async fn record_calendar(
    state: &AppState,
    today: NaiveDate,
) -> Result<Option<usize>, AppError> {
    let cal = crate::workdays::calendar(state);
    let Some(year) = missing_next_year(&cal, today) else {
        return Ok(None);
    };
    let n = uncomputable(state, None).await?;
    insert_alert(&state.db, today, year, n).await?;
    tracing::warn!(
        foi.calendar_missing_year = year,
        foi.uncomputable_open_cases = n,
        "依申请公开：下一年工作日安排尚未录入"
    );
    Ok(Some(n))
}

async fn insert_alert(db: &Db, day: NaiveDate, year: i32, n: usize) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query(
            "INSERT INTO foi_calendar_alerts (day, year, open_cases, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO NOTHING",
        )
        .bind(day)
        .bind(i64::from(year))
        .bind(i64::try_from(n).unwrap_or(i64::MAX))
        .bind(crate::clock::now())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::clock::{Dated, Event};
    use crate::foi::model::Channel;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_banner_applies_from_1_november_while_next_year_is_missing() {
        let cal = workday::builtin();
        let last = cal.years().max().expect("a year");
        assert_eq!(missing_next_year(&cal, d(&format!("{last}-10-31"))), None);
        assert_eq!(
            missing_next_year(&cal, d(&format!("{last}-11-01"))),
            Some(last + 1)
        );
        assert_eq!(
            missing_next_year(&cal, d(&format!("{last}-12-31"))),
            Some(last + 1)
        );
        // A year whose successor is in the calendar: no banner.
        assert_eq!(
            missing_next_year(&cal, d(&format!("{}-11-15", last - 1))),
            None
        );
    }

    #[test]
    fn the_correction_window_is_listed_in_its_last_two_working_days() {
        let cal = workday::builtin();
        let mut c = Clock::new(Channel::InPerson);
        clock::apply(
            &cal,
            &mut c,
            &Dated {
                seq: 1,
                on: d("2026-03-02"),
                event: Event::Arrived,
            },
        )
        .expect("arrived");
        // Received Monday 2026-03-02: the notice is due on the 7th working day, 03-11.
        assert_eq!(
            c.correction_notice_due(&cal)
                .map(|r| r.expect("computable")),
            Some(d("2026-03-11"))
        );
        assert_eq!(correction_closing(&cal, &c, d("2026-03-06")), None);
        assert_eq!(
            correction_closing(&cal, &c, d("2026-03-09")),
            Some((d("2026-03-11"), 2))
        );
        assert_eq!(
            correction_closing(&cal, &c, d("2026-03-11")),
            Some((d("2026-03-11"), 0))
        );
        assert_eq!(correction_closing(&cal, &c, d("2026-03-12")), None);
        // Once the notice is sent, nothing is due.
        clock::apply(
            &cal,
            &mut c,
            &Dated {
                seq: 2,
                on: d("2026-03-10"),
                event: Event::CorrectionRequested {
                    items: "写明路段".into(),
                    period_days: 10,
                },
            },
        )
        .expect("notice");
        assert_eq!(c.correction_notice_due(&cal), None);
    }
}
