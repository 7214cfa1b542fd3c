//! Public statistics (the numbers the 夏令热线 campaign reports): by category,
//! district and month — received, finished, on time, 按期办结率, satisfaction; an
//! .xlsx export; and a heat map of locations per category drawn server-side as SVG
//! (no outside tile service). Counts only: nothing about a requester.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::model;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};
use crate::with_db;

/// One order as the statistics see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Fact {
    pub service_code: String,
    pub district: String,
    pub received_on: NaiveDate,
    pub finished_on: Option<NaiveDate>,
    pub finish_due: NaiveDate,
    pub satisfaction: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The counts of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub received: i64,
    pub finished: i64,
    pub on_time: i64,
    pub visited: i64,
    pub satisfied: i64,
}

impl Counts {
    pub fn add(&mut self, f: &Fact) {
        self.received += 1;
        if let Some(d) = f.finished_on {
            self.finished += 1;
            if model::on_time(d, f.finish_due) {
                self.on_time += 1;
            }
        }
        if !f.satisfaction.is_empty() {
            self.visited += 1;
            if f.satisfaction != model::Satisfaction::Unsatisfied.code() {
                self.satisfied += 1;
            }
        }
    }
    /// 按期办结率
    pub fn on_time_rate(&self) -> String {
        model::rate(self.on_time, self.finished)
    }
    /// 满意率（满意与基本满意 / 已回访）
    pub fn satisfaction_rate(&self) -> String {
        model::rate(self.satisfied, self.visited)
    }
}

/// Facts grouped by a key, in key order, with the total.
pub fn group(facts: &[Fact], key: impl Fn(&Fact) -> String) -> (Vec<(String, Counts)>, Counts) {
    let mut by: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for f in facts {
        by.entry(key(f)).or_default().add(f);
        total.add(f);
    }
    (by.into_iter().collect(), total)
}

async fn facts(state: &AppState, from: NaiveDate, until: NaiveDate) -> sqlx::Result<Vec<Fact>> {
    with_db!(&state.db, |p| {
        sqlx::query_as(
        "SELECT service_code, district, received_on, finished_on, finish_due, satisfaction, lat, lon
         FROM work_orders WHERE received_on >= $1 AND received_on < $2 AND status <> 'returned'"
    )
    .bind(from)
    .bind(until)
    .fetch_all(p)
    .await
    })
}

#[derive(Debug, Deserialize)]
pub struct StatsQuery {
    /// YYYY-MM
    pub month: Option<String>,
    /// The category of the map.
    pub service: Option<String>,
}

fn month_start(m: Option<&str>) -> Result<NaiveDate, AppError> {
    match m.map(str::trim).filter(|m| !m.is_empty()) {
        None => {
            let t = crate::clock::today();
            Ok(t.with_day(1).unwrap_or(t))
        }
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest("月份应写作 YYYY-MM".into())),
    }
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

fn prev_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 1 {
        (d.year() - 1, 12)
    } else {
        (d.year(), d.month() - 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The heat map: Shanghai's extent split into cells, each shaded by its count.
pub struct HeatMap {
    pub cells: Vec<(u32, u32, f64, i64)>,
    pub max: i64,
    pub placed: i64,
}

pub const MAP_W: u32 = 30;
pub const MAP_H: u32 = 30;
const LON: (f64, f64) = (120.85, 122.0);
const LAT: (f64, f64) = (30.68, 31.88);

/// Bin the located facts into the grid (row 0 at the north).
pub fn heat(facts: &[&Fact]) -> HeatMap {
    let mut grid: BTreeMap<(u32, u32), i64> = BTreeMap::new();
    let mut placed = 0;
    for f in facts {
        let (Some(lat), Some(lon)) = (f.lat, f.lon) else {
            continue;
        };
        if !(LON.0..LON.1).contains(&lon) || !(LAT.0..LAT.1).contains(&lat) {
            continue;
        }
        let x = ((lon - LON.0) / (LON.1 - LON.0) * f64::from(MAP_W)) as u32;
        let y = ((LAT.1 - lat) / (LAT.1 - LAT.0) * f64::from(MAP_H)) as u32;
        *grid
            .entry((x.min(MAP_W - 1), y.min(MAP_H - 1)))
            .or_default() += 1;
        placed += 1;
    }
    let max = grid.values().copied().max().unwrap_or(0);
    HeatMap {
        cells: grid
            .into_iter()
            .map(|((x, y), n)| (x * 10, y * 10, 0.2 + 0.8 * n as f64 / max.max(1) as f64, n))
            .collect(),
        max,
        placed,
    }
}

pub struct Row {
    pub name: String,
    pub c: Counts,
}

#[derive(Template)]
#[template(path = "orders/templates/portal_stats.html")]
struct StatsPage {
    layout: Layout,
    month: String,
    prev: String,
    next: String,
    by_service: Vec<Row>,
    by_district: Vec<Row>,
    by_month: Vec<Row>,
    total: Counts,
    services: Vec<(String, String)>,
    service: String,
    service_name: String,
    map: HeatMap,
}

impl StatsPage {
    fn tables(&self) -> [(&'static str, &'static str, &[Row]); 3] {
        [
            ("按诉求类别", "by-service", &self.by_service),
            ("按区", "by-district", &self.by_district),
            ("近十二个月", "by-month", &self.by_month),
        ]
    }
}

struct Tables {
    by_service: Vec<Row>,
    by_district: Vec<Row>,
    total: Counts,
}

async fn tables(state: &AppState, start: NaiveDate) -> Result<(Tables, Vec<Fact>), AppError> {
    let names = super::admin::service_names(state).await?;
    let facts = facts(state, start, next_month(start)).await?;
    let (s, total) = group(&facts, |f| f.service_code.clone());
    let (d, _) = group(&facts, |f| {
        if f.district.is_empty() {
            "未注明".into()
        } else {
            f.district.clone()
        }
    });
    let rows = |v: Vec<(String, Counts)>, names: Option<&BTreeMap<String, String>>| {
        v.into_iter()
            .map(|(k, c)| Row {
                name: names.and_then(|n| n.get(&k).cloned()).unwrap_or(k),
                c,
            })
            .collect()
    };
    Ok((
        Tables {
            by_service: rows(s, Some(&names)),
            by_district: rows(d, None),
            total,
        },
        facts,
    ))
}

pub async fn page(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let start = month_start(q.month.as_deref())?;
    let (t, facts) = tables(&state, start).await?;
    // The last twelve months, by month.
    let mut from = start;
    for _ in 0..11 {
        from = prev_month(from);
    }
    let year = self::facts(&state, from, next_month(start)).await?;
    let (m, _) = group(&year, |f| f.received_on.format("%Y-%m").to_string());
    let services = super::store::service_names(&state.db).await?;
    let service = q
        .service
        .filter(|s| services.iter().any(|(c, _)| c == s))
        .unwrap_or_default();
    let service_name = services
        .iter()
        .find(|(c, _)| *c == service)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| "全部类别".into());
    let located: Vec<&Fact> = facts
        .iter()
        .filter(|f| service.is_empty() || f.service_code == service)
        .collect();
    render(&StatsPage {
        layout,
        month: start.format("%Y-%m").to_string(),
        prev: prev_month(start).format("%Y-%m").to_string(),
        next: next_month(start).format("%Y-%m").to_string(),
        by_service: t.by_service,
        by_district: t.by_district,
        by_month: m.into_iter().map(|(name, c)| Row { name, c }).collect(),
        total: t.total,
        services,
        service,
        service_name,
        map: heat(&located),
    })
}

/// The month's tables as .xlsx.
pub async fn xlsx(
    State(state): State<AppState>,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::Workbook;
    let start = month_start(q.month.as_deref())?;
    let (t, _) = tables(&state, start).await?;
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    for (title, rows) in [("按类别", &t.by_service), ("按区", &t.by_district)] {
        let ws = wb.add_worksheet().set_name(title).map_err(x)?;
        let head = [
            "分组",
            "受理",
            "办结",
            "按期办结",
            "按期办结率",
            "已回访",
            "满意（含基本满意）",
            "满意率",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, *h).map_err(x)?;
        }
        let all = rows
            .iter()
            .map(|r| (r.name.as_str(), &r.c))
            .chain([("合计", &t.total)]);
        for (i, (name, c)) in all.enumerate() {
            let r = (i + 1) as u32;
            ws.write_string(r, 0, name).map_err(x)?;
            for (col, v) in [
                (1, c.received),
                (2, c.finished),
                (3, c.on_time),
                (5, c.visited),
                (6, c.satisfied),
            ] {
                ws.write_number(r, col, v as f64).map_err(x)?;
            }
            ws.write_string(r, 4, c.on_time_rate()).map_err(x)?;
            ws.write_string(r, 7, c.satisfaction_rate()).map_err(x)?;
        }
    }
    let bytes = wb.save_to_buffer().map_err(x)?;
    let name = format!("gongdan-{}.xlsx", start.format("%Y-%m"));
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(
        service: &str,
        finished: Option<u32>,
        due: u32,
        sat: &str,
        at: Option<(f64, f64)>,
    ) -> Fact {
        let d = |day| NaiveDate::from_ymd_opt(2026, 7, day).expect("date");
        Fact {
            service_code: service.into(),
            district: "黄浦区".into(),
            received_on: d(1),
            finished_on: finished.map(d),
            finish_due: d(due),
            satisfaction: sat.into(),
            lat: at.map(|a| a.0),
            lon: at.map(|a| a.1),
        }
    }

    #[test]
    fn counts_on_time_and_satisfaction() {
        let facts = vec![
            fact("a", Some(10), 20, "satisfied", None),
            fact("a", Some(25), 20, "unsatisfied", None),
            fact("b", None, 20, "", None),
            fact("a", Some(20), 20, "basic", None),
        ];
        let (by, total) = group(&facts, |f| f.service_code.clone());
        assert_eq!(total.received, 4);
        assert_eq!(by[0].0, "a");
        assert_eq!(
            by[0].1,
            Counts {
                received: 3,
                finished: 3,
                on_time: 2,
                visited: 3,
                satisfied: 2
            }
        );
        assert_eq!(by[0].1.on_time_rate(), "66.7%");
        assert_eq!(by[1].1.on_time_rate(), "—");
    }

    #[test]
    fn the_heat_map_bins_only_points_inside_shanghai() {
        let facts = [
            fact("a", None, 1, "", Some((31.23, 121.47))),
            fact("a", None, 1, "", Some((31.2301, 121.4701))),
            fact("a", None, 1, "", Some((39.9, 116.4))),
            fact("a", None, 1, "", None),
        ];
        let refs: Vec<&Fact> = facts.iter().collect();
        let h = heat(&refs);
        assert_eq!(h.placed, 2);
        assert_eq!(h.max, 2);
        assert_eq!(h.cells.len(), 1);
        assert!((h.cells[0].2 - 1.0).abs() < 1e-9);
    }
}
