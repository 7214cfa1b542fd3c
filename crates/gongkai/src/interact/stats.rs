//! 网民留言 statistics: per unit and per month, 收到, 办结 and 办结率, 按期办结 and
//! its rate, 平均办理天数 (calendar days, 自然日) and the writers' ratings; the back
//! office page with its .xlsx export, and the public monthly table (收到/办结/办结率,
//! counts only).
//!
//! Letters count in the month they were received (the cohort a site reports): a
//! letter received in March and answered in April is 办结 in March's row. 办结 is a
//! closed letter (答复并公开, 答复不公开 or 不予受理, the same set as
//! `store::counts_between`). 按期 compares the reply date with the deadline the
//! letter had when it closed — `reply_due`, set by `model::reply_due` on submission,
//! extension and reopening — so no second deadline rule lives here. A first 不满意
//! reopens the letter and is not kept as a rating (`model::reopens`), so ratings are
//! the ones stored on the letter. Duplicates are counted in their original.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::model::{MessageStatus, Rating};
use super::store::{self, StatsRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::orders::model::rate;
use crate::state::AppState;
use crate::web::{Layout, render};

/// Whether a letter in `status` is closed (办结).
pub fn is_closed(status: MessageStatus) -> bool {
    matches!(
        status,
        MessageStatus::Published | MessageStatus::Answered | MessageStatus::Rejected
    )
}

/// Answered by its deadline: on the due day counts. A letter without a deadline
/// (the calendar lacked the year when it arrived) is not counted as on time.
pub fn on_time(replied: NaiveDate, due: Option<NaiveDate>) -> bool {
    due.is_some_and(|d| replied <= d)
}

/// The figures of one group of letters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// 收到
    pub received: i64,
    /// 办结
    pub closed: i64,
    /// 按期办结
    pub on_time: i64,
    /// Calendar days from receipt to reply, summed over the closed letters.
    pub days: i64,
    pub satisfied: i64,
    pub fair: i64,
    pub unsatisfied: i64,
}

impl Counts {
    pub fn add(&mut self, r: &StatsRow) {
        self.received += 1;
        if is_closed(r.status)
            && let Some(replied) = r.replied_on
        {
            self.closed += 1;
            self.days += (replied - r.submitted_on).num_days().max(0);
            if on_time(replied, r.reply_due) {
                self.on_time += 1;
            }
        }
        match r.rating {
            Some(Rating::Satisfied) => self.satisfied += 1,
            Some(Rating::Fair) => self.fair += 1,
            Some(Rating::Unsatisfied) => self.unsatisfied += 1,
            None => {}
        }
    }
    /// 办结率 = 办结 / 收到
    pub fn closed_rate(&self) -> String {
        rate(self.closed, self.received)
    }
    /// 按期办结率 = 按期办结 / 办结
    pub fn on_time_rate(&self) -> String {
        rate(self.on_time, self.closed)
    }
    /// 平均办理天数 (自然日), one decimal; "—" when nothing closed.
    pub fn average_days(&self) -> String {
        if self.closed == 0 {
            "—".into()
        } else {
            format!("{:.1}", self.days as f64 / self.closed as f64)
        }
    }
    /// Letters rated.
    pub fn rated(&self) -> i64 {
        self.satisfied + self.fair + self.unsatisfied
    }
    /// 满意率 = (满意 + 基本满意) / 已评价, as the 工单 statistics count it.
    pub fn satisfaction_rate(&self) -> String {
        rate(self.satisfied + self.fair, self.rated())
    }
}

/// The twelve months of `year` (January first), each with its counts; letters of
/// other years are left out; a month without letters has zero counts.
pub fn by_month(rows: &[StatsRow], year: i32) -> [Counts; 12] {
    let mut out = [Counts::default(); 12];
    for r in rows.iter().filter(|r| r.submitted_on.year() == year) {
        out[r.submitted_on.month0() as usize].add(r);
    }
    out
}

/// Counts per unit id.
pub fn by_unit(rows: &[StatsRow]) -> BTreeMap<i64, Counts> {
    let mut out: BTreeMap<i64, Counts> = BTreeMap::new();
    for r in rows {
        out.entry(r.unit_id).or_default().add(r);
    }
    out
}

/// Counts of all the rows.
pub fn total(rows: &[StatsRow]) -> Counts {
    let mut c = Counts::default();
    for r in rows {
        c.add(r);
    }
    c
}

/// A table line: its name and counts.
pub struct Line {
    pub name: String,
    pub c: Counts,
}

#[derive(Deserialize)]
pub struct StatsQuery {
    pub year: Option<String>,
    pub unit: Option<String>,
}

/// The year asked for (this year when empty); a year outside 2000–2200 is refused.
fn year_of(q: Option<&str>) -> Result<i32, AppError> {
    match q.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(crate::clock::today().year()),
        Some(s) => s
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2200).contains(y))
            .ok_or_else(|| AppError::BadRequest("年份应为2000至2200之间的四位数字".into())),
    }
}

/// The months to show: all twelve of a past year, up to this month of this year.
fn months_shown(year: i32) -> usize {
    let today = crate::clock::today();
    if year == today.year() {
        today.month() as usize
    } else if year > today.year() {
        0
    } else {
        12
    }
}

fn month_lines(rows: &[StatsRow], year: i32) -> Vec<Line> {
    by_month(rows, year)
        .into_iter()
        .take(months_shown(year))
        .enumerate()
        .map(|(i, c)| Line {
            name: format!("{}月", i + 1),
            c,
        })
        .collect()
}

fn year_range(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    )
}

/// The back office tables of a year: by month and by unit, with the total.
struct Tables {
    year: i32,
    unit: Option<i64>,
    unit_name: String,
    by_month: Vec<Line>,
    by_unit: Vec<Line>,
    total: Counts,
    units: Vec<crate::web::Choice>,
}

async fn tables(state: &AppState, scope: &Scope, q: &StatsQuery) -> Result<Tables, AppError> {
    let year = year_of(q.year.as_deref())?;
    let unit = match q.unit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => {
            let id = s.parse::<i64>().map_err(|_| AppError::NotFound)?;
            if !scope.contains(id) {
                return Err(AppError::Forbidden);
            }
            Some(id)
        }
    };
    let filter: Option<Vec<i64>> = match unit {
        Some(u) => Some(vec![u]),
        None => scope.filter().map(<[i64]>::to_vec),
    };
    let (from, to) = year_range(year);
    let rows = store::stats_rows(&state.db, from, to, filter.as_deref()).await?;
    let in_scope = crate::auth::scope::tree_order(&scope.units)
        .into_iter()
        .filter(|(u, _)| scope.contains(u.id))
        .map(|(u, _)| (u.id, u.name.clone()))
        .collect::<Vec<_>>();
    let per_unit = by_unit(&rows);
    let by_unit = in_scope
        .iter()
        .filter_map(|(id, name)| {
            per_unit.get(id).map(|c| Line {
                name: name.clone(),
                c: *c,
            })
        })
        .collect();
    Ok(Tables {
        year,
        unit,
        unit_name: unit.map_or_else(|| "全部单位".into(), |u| scope.unit_name(u)),
        by_month: month_lines(&rows, year),
        by_unit,
        total: total(&rows),
        units: in_scope
            .into_iter()
            .map(|(id, name)| crate::web::Choice::new(id, name, unit == Some(id)))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "interact/templates/admin_stats.html")]
struct AdminPage {
    layout: Layout,
    t: Tables,
    query: String,
}

impl AdminPage {
    fn tables(&self) -> [(&'static str, &'static str, &'static str, &[Line]); 2] {
        [
            ("按月", "by-month", "月份", &self.t.by_month),
            ("按单位", "by-unit", "单位", &self.t.by_unit),
        ]
    }
}

/// 留言统计 in the back office: a year, optionally one unit, of the units in scope.
pub async fn admin_page(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let t = tables(&state, &scope, &q).await?;
    let mut query = format!("year={}", t.year);
    if let Some(u) = t.unit {
        query.push_str(&format!("&unit={u}"));
    }
    render(&AdminPage { layout, t, query })
}

const HEAD: [&str; 12] = [
    "分组",
    "收到",
    "办结",
    "办结率",
    "按期办结",
    "按期办结率",
    "平均办理天数（自然日）",
    "满意",
    "基本满意",
    "不满意",
    "已评价",
    "满意率",
];

/// The same tables as .xlsx: one sheet by month, one by unit.
pub async fn admin_xlsx(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::Workbook;
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let t = tables(&state, &scope, &q).await?;
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    for (title, lines) in [("按月", &t.by_month), ("按单位", &t.by_unit)] {
        let ws = wb.add_worksheet().set_name(title).map_err(x)?;
        ws.write_string(
            0,
            0,
            format!("网民留言办理统计（{}年，{}）", t.year, t.unit_name),
        )
        .map_err(x)?;
        for (c, h) in HEAD.iter().enumerate() {
            ws.write_string(1, c as u16, *h).map_err(x)?;
        }
        let all = lines
            .iter()
            .map(|l| (l.name.as_str(), &l.c))
            .chain([("合计", &t.total)]);
        for (i, (name, c)) in all.enumerate() {
            let r = (i + 2) as u32;
            ws.write_string(r, 0, name).map_err(x)?;
            for (col, v) in [
                (1, c.received),
                (2, c.closed),
                (4, c.on_time),
                (7, c.satisfied),
                (8, c.fair),
                (9, c.unsatisfied),
                (10, c.rated()),
            ] {
                ws.write_number(r, col, v as f64).map_err(x)?;
            }
            ws.write_string(r, 3, c.closed_rate()).map_err(x)?;
            ws.write_string(r, 5, c.on_time_rate()).map_err(x)?;
            ws.write_string(r, 6, c.average_days()).map_err(x)?;
            ws.write_string(r, 11, c.satisfaction_rate()).map_err(x)?;
        }
        ws.set_column_width(0, 24).map_err(x)?;
    }
    let bytes = wb.save_to_buffer().map_err(x)?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"liuyan-stats-{}.xlsx\"", t.year),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "interact/templates/portal_stats.html")]
struct PublicPage {
    layout: Layout,
    year: i32,
    lines: Vec<Line>,
    total: Counts,
}

/// The public monthly statistics of a year: 收到, 办结, 办结率 per month.
pub async fn public_page(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let year = year_of(q.year.as_deref())?;
    let (from, to) = year_range(year);
    let rows = store::stats_rows(&state.db, from, to, None).await?;
    render(&PublicPage {
        layout,
        year,
        lines: month_lines(&rows, year),
        total: total(&rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interact::model::MessageKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn row(
        unit: i64,
        status: MessageStatus,
        submitted: &str,
        replied: Option<&str>,
        due: Option<&str>,
        rating: Option<Rating>,
    ) -> StatsRow {
        StatsRow {
            unit_id: unit,
            kind: MessageKind::Complaint,
            status,
            submitted_on: d(submitted),
            replied_on: replied.map(d),
            reply_due: due.map(d),
            rating,
        }
    }

    /// Five letters in 2025, two units: March has three (one answered on the due
    /// day, one late, one open), April is empty, May has one rejected and one
    /// answered; plus one letter of 2024 that `by_month` leaves out.
    fn sample() -> Vec<StatsRow> {
        use MessageStatus as S;
        vec![
            // Unit 1, 3 days, due 03-10 answered 03-06: on time, 满意.
            row(
                1,
                S::Published,
                "2025-03-03",
                Some("2025-03-06"),
                Some("2025-03-10"),
                Some(Rating::Satisfied),
            ),
            // Unit 1, answered on the due day: on time, 基本满意, 7 days.
            row(
                1,
                S::Answered,
                "2025-03-10",
                Some("2025-03-17"),
                Some("2025-03-17"),
                Some(Rating::Fair),
            ),
            // Unit 2, answered a day late: 9 days, 不满意 (kept: second rating).
            row(
                2,
                S::Published,
                "2025-03-20",
                Some("2025-03-29"),
                Some("2025-03-28"),
                Some(Rating::Unsatisfied),
            ),
            // Unit 2, still handling.
            row(2, S::Handling, "2025-03-31", None, Some("2025-04-08"), None),
            // Unit 1, rejected next day: on time, 1 day.
            row(
                1,
                S::Rejected,
                "2025-05-06",
                Some("2025-05-07"),
                Some("2025-05-13"),
                None,
            ),
            // Unit 2, answered without a stored deadline: closed, not on time, 4 days.
            row(2, S::Answered, "2025-05-08", Some("2025-05-12"), None, None),
            // Another year.
            row(
                1,
                S::Published,
                "2024-12-30",
                Some("2025-01-03"),
                Some("2025-01-06"),
                None,
            ),
        ]
    }

    #[test]
    fn months_count_received_closed_on_time_and_days() {
        let m = by_month(&sample(), 2025);
        let march = m[2];
        assert_eq!(
            march,
            Counts {
                received: 4,
                closed: 3,
                on_time: 2,
                days: 3 + 7 + 9,
                satisfied: 1,
                fair: 1,
                unsatisfied: 1,
            }
        );
        assert_eq!(march.closed_rate(), "75.0%");
        assert_eq!(march.on_time_rate(), "66.7%");
        assert_eq!(march.average_days(), "6.3");
        assert_eq!(march.rated(), 3);
        assert_eq!(march.satisfaction_rate(), "66.7%");
        // April: nothing received, rates are dashes, not 0%.
        assert_eq!(m[3], Counts::default());
        assert_eq!(m[3].closed_rate(), "—");
        assert_eq!(m[3].on_time_rate(), "—");
        assert_eq!(m[3].average_days(), "—");
        assert_eq!(m[3].satisfaction_rate(), "—");
        let may = m[4];
        assert_eq!((may.received, may.closed, may.on_time), (2, 2, 1));
        assert_eq!(may.average_days(), "2.5");
        assert_eq!(may.closed_rate(), "100.0%");
        assert_eq!(may.on_time_rate(), "50.0%");
        // January holds nothing of 2025 (the 2024 letter is left out).
        assert_eq!(m[0].received, 0);
        assert_eq!(m.iter().map(|c| c.received).sum::<i64>(), 6);
    }

    #[test]
    fn units_and_the_total_add_up() {
        let rows: Vec<StatsRow> = sample()
            .into_iter()
            .filter(|r| r.submitted_on.year() == 2025)
            .collect();
        let u = by_unit(&rows);
        let one = u[&1];
        assert_eq!((one.received, one.closed, one.on_time), (3, 3, 3));
        assert_eq!(one.days, 3 + 7 + 1);
        assert_eq!(one.average_days(), "3.7");
        assert_eq!(one.satisfaction_rate(), "100.0%");
        let two = u[&2];
        assert_eq!((two.received, two.closed, two.on_time), (3, 2, 0));
        assert_eq!(two.closed_rate(), "66.7%");
        assert_eq!(two.on_time_rate(), "0.0%");
        assert_eq!(two.satisfaction_rate(), "0.0%");
        let t = total(&rows);
        assert_eq!((t.received, t.closed, t.on_time, t.days), (6, 5, 3, 24));
        assert_eq!(t.average_days(), "4.8");
        assert_eq!((t.satisfied, t.fair, t.unsatisfied), (1, 1, 1));
    }

    #[test]
    fn on_time_includes_the_due_day_and_needs_a_deadline() {
        assert!(on_time(d("2025-03-17"), Some(d("2025-03-17"))));
        assert!(!on_time(d("2025-03-18"), Some(d("2025-03-17"))));
        assert!(!on_time(d("2025-03-01"), None));
        assert!(is_closed(MessageStatus::Rejected));
        assert!(!is_closed(MessageStatus::Review));
        assert!(!is_closed(MessageStatus::Duplicate));
    }
}
