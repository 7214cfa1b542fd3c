//! Public pages of 双随机、一公开: scope, inspectors by name and 执法证号, draws with
//! their commitments and records, the verify page, results with statistics.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::service::{DrawnRow, OUTCOMES, drawn_rows, listings, outcome_label};
use super::store::{self, DrawRow, ItemRow, PlanRow};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "inspect/templates/portal.html")]
struct PortalPage {
    layout: Layout,
    items: Vec<ItemRow>,
    scope: Vec<(String, usize)>,
    entity_total: usize,
    inspectors: Vec<(String, String)>,
    plans: Vec<(PlanRow, String)>,
    draws: Vec<(DrawRow, String)>,
}

pub async fn portal(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    let entities = store::entities(&state.db).await?;
    let mut scope: BTreeMap<String, usize> = BTreeMap::new();
    for e in entities.iter().filter(|e| e.active) {
        *scope
            .entry(format!("{} · {}", e.district, e.entity_type))
            .or_default() += 1;
    }
    let (items, plans, draws) = listings(&state.db).await?;
    render(&PortalPage {
        layout,
        entity_total: entities.iter().filter(|e| e.active).count(),
        scope: scope.into_iter().collect(),
        inspectors: store::inspectors(&state.db)
            .await?
            .into_iter()
            .filter(|i| i.active)
            .map(|i| (i.name, i.cert_no))
            .collect(),
        draws,
        plans,
        items,
    })
}

#[derive(Template)]
#[template(path = "inspect/templates/portal_draw.html")]
struct PortalDrawPage {
    layout: Layout,
    d: DrawRow,
    rows: Vec<DrawnRow>,
    beacon: Option<String>,
    beacon_value: Option<String>,
}

pub async fn portal_draw(
    State(state): State<AppState>,
    layout: Layout,
    crate::web::PathId(id): crate::web::PathId,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let rows = drawn_rows(
        &state,
        &d,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        &store::results(&state.db).await?,
    );
    render(&PortalDrawPage {
        layout,
        beacon: crate::draws::named_beacon(&d.input_json),
        beacon_value: crate::draws::recorded_value(d.record_json.as_deref()),
        d,
        rows,
    })
}

/// The public explanation of the draw algorithm: the text of docs/DRAW.md from its
/// first section on (its opening paragraph names source files, which the page
/// replaces with the downloadable verifier).
const DRAW_DOC: &str = include_str!("../../../../docs/DRAW.md");

/// The verifier that anyone can run with only Python's standard library.
const VERIFY_SCRIPT: &str = include_str!("../../../../scripts/verify_draw.py");

/// The algorithm section of DRAW.md as HTML (trusted text compiled into the binary).
pub fn algorithm_html() -> String {
    let from = DRAW_DOC.find("\n## ").map(|i| i + 1).unwrap_or(0);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&DRAW_DOC[from..]));
    html
}

#[derive(Template)]
#[template(path = "inspect/templates/portal_algorithm.html")]
struct AlgorithmPage {
    layout: Layout,
    body: String,
}

/// 抽取算法说明: how a draw is made and how anyone can check it.
pub async fn algorithm(layout: Layout) -> Result<Response, AppError> {
    render(&AlgorithmPage {
        layout,
        body: algorithm_html(),
    })
}

/// The standalone verifier script, as a download.
pub async fn verify_script() -> Response {
    use axum::response::IntoResponse;
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/x-python; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"verify_draw.py\"",
            ),
        ],
        VERIFY_SCRIPT,
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "inspect/templates/portal_verify.html")]
struct VerifyPage {
    layout: Layout,
    record: String,
    outcome: Option<(bool, String)>,
}

pub async fn verify_form(layout: Layout) -> Result<Response, AppError> {
    render(&VerifyPage {
        layout,
        record: String::new(),
        outcome: None,
    })
}

/// Anyone pastes a record and gets the verdict.
pub async fn verify(
    State(state): State<AppState>,
    layout: Layout,
    crate::web::ClientIp(ip): crate::web::ClientIp,
    fields: Fields,
) -> Result<Response, AppError> {
    if !state
        .limiter
        .check("draw_verify", &ip, 30, std::time::Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let record = fields.get("record");
    let outcome = match serde_json::from_str::<draw::sortition::AnyRecord>(&record) {
        Err(_) => (
            false,
            "记录不是有效的抽取记录 JSON（请粘贴“下载抽取记录”得到的完整内容）".to_string(),
        ),
        Ok(r) => match r.verify() {
            Ok(()) => (
                true,
                format!(
                    "验证通过：种子与承诺值相符，名单与哈希相符，重新抽取的结果与公布结果一致（{} 个{}中选）。",
                    r.selected(),
                    if matches!(r, draw::sortition::AnyRecord::Draw(_)) {
                        "检查对象"
                    } else {
                        "名额"
                    }
                ),
            ),
            Err(e) => (false, format!("验证失败：{e}")),
        },
    };
    render(&VerifyPage {
        layout,
        record,
        outcome: Some(outcome),
    })
}

pub struct ResultView {
    pub item: String,
    pub name: String,
    pub code: String,
    pub district: String,
    pub outcome: &'static str,
    pub inspected_on: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "inspect/templates/portal_results.html")]
struct ResultsPage {
    layout: Layout,
    rows: Vec<ResultView>,
    stats: Vec<(String, String, Vec<usize>)>,
    outcomes: &'static [(&'static str, &'static str)],
    district: String,
    districts: Vec<String>,
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    pub district: Option<String>,
}

pub async fn results(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let entities = store::entities(&state.db).await?;
    let items = store::items(&state.db).await?;
    let plans = store::plans(&state.db).await?;
    let draws = store::draws(&state.db).await?;
    let item_of_draw = |draw_id: i64| -> String {
        draws
            .iter()
            .find(|d| d.id == draw_id)
            .and_then(|d| plans.iter().find(|p| p.id == d.plan_id))
            .and_then(|p| items.iter().find(|i| i.id == p.item_id))
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let district = q.district.unwrap_or_default();
    let mut rows = Vec::new();
    let mut stats: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for r in store::public_results(&state.db).await? {
        let e = entities.iter().find(|e| e.credit_code == r.credit_code);
        let d = e.map(|e| e.district.clone()).unwrap_or_default();
        let item = item_of_draw(r.draw_id);
        let idx = OUTCOMES
            .iter()
            .position(|(c, _)| *c == r.outcome)
            .unwrap_or(OUTCOMES.len() - 1);
        stats
            .entry((item.clone(), d.clone()))
            .or_insert_with(|| vec![0; OUTCOMES.len()])[idx] += 1;
        if !district.is_empty() && d != district {
            continue;
        }
        rows.push(ResultView {
            item,
            name: e.map(|e| e.name.clone()).unwrap_or_default(),
            code: r.credit_code,
            district: d,
            outcome: outcome_label(&r.outcome),
            inspected_on: r.inspected_on.to_string(),
            note: r.note,
        });
    }
    let mut districts: Vec<String> = entities.iter().map(|e| e.district.clone()).collect();
    districts.sort();
    districts.dedup();
    render(&ResultsPage {
        layout,
        rows,
        stats: stats.into_iter().map(|((i, d), v)| (i, d, v)).collect(),
        outcomes: OUTCOMES,
        district,
        districts,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn algorithm_page_is_the_published_algorithm() {
        let html = super::algorithm_html();
        assert!(
            html.contains("<h2>算法</h2>") && html.contains("Fisher–Yates"),
            "{html}"
        );
        assert!(html.starts_with("<h2>"), "starts at the first section");
        assert!(!html.contains("docs/DRAW.md"));
    }
}
