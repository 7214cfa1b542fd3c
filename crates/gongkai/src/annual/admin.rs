//! Back office of the annual report: the computed tables with their drill-down,
//! the draft text, preview, the 年报 document; the 复议/诉讼 of a FOI case.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{ProceedingKind, ProceedingOutcome};
use super::organ::{self, Organ};
use super::report::{self, Computed};
use super::service;
use super::store::{self, Draft, ProceedingInput, ProceedingRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::foi::admin_report::ReportLine;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, choices, render};

#[derive(Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
    /// The organ whose report (the bureau, a 区局); the first in scope when absent.
    pub organ: Option<i64>,
    pub msg: Option<String>,
}

/// The organs whose reports `user` may see with `perm` (tree order), and the one
/// asked for (else the first); 404 when there is none.
pub async fn organs_for(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    perm: Permission,
    asked: Option<i64>,
) -> Result<(Vec<Organ>, Organ), AppError> {
    let scope = crate::auth::scope::Scope::of(state, user, perm).await?;
    let in_scope: Vec<i64> = scope.ids_in_tree_order();
    let all = organ::choices(&scope.units, &in_scope);
    let chosen = organ::chosen(&all, asked).ok_or(AppError::NotFound)?;
    if asked.is_some_and(|a| a != chosen.id) {
        return Err(AppError::NotFound);
    }
    Ok((all, chosen))
}

/// The organ choices of a select, `chosen` selected.
pub fn organ_choices(all: &[Organ], chosen: i64) -> Vec<Choice> {
    all.iter()
        .map(|o| Choice::new(o.id, o.name.clone(), o.id == chosen))
        .collect()
}

pub fn year_or_last(y: Option<i32>) -> i32 {
    y.filter(|y| (2008..=2100).contains(y))
        .unwrap_or_else(|| chrono::Datelike::year(&crate::clock::today()) - 1)
}

pub struct FourRow {
    pub ix: usize,
    pub label: &'static str,
    pub cells: [i64; 5],
}

#[derive(Template)]
#[template(path = "annual/templates/report.html")]
struct ReportPage {
    layout: Layout,
    year: i32,
    /// The organs whose reports the member of staff may see (a select when > 1).
    organs: Vec<Choice>,
    /// The figures in the saved 总体情况 are no longer the computed ones.
    stale: bool,
    c: Computed,
    fines: String,
    columns: [&'static str; 7],
    lines: Vec<(usize, String, ReportLine)>,
    four: Vec<FourRow>,
    draft: Draft,
    blockers: Vec<String>,
    warnings: Vec<String>,
    anomalies: Vec<(String, String, String)>,
    msg: String,
    error: String,
}

impl ReportPage {
    /// `&organ=…` for the links of this report.
    fn q(&self) -> String {
        format!("year={}&organ={}", self.year, self.c.organ.id)
    }

    /// The 年报 document of the year, once written.
    fn doc_href(&self) -> Option<String> {
        self.draft.document_id.map(|id| format!("/admin/docs/{id}"))
    }
}

pub async fn draft_or_default(state: &AppState, c: &Computed) -> Result<Draft, AppError> {
    Ok(match store::draft(&state.db, c.year, c.organ.id).await? {
        Some(d) => d,
        None => report::default_draft(c),
    })
}

/// The drill-down key of each line of table 三 (see `report::members`).
fn line_keys(c: &Computed) -> Vec<(usize, String, ReportLine)> {
    let rows = crate::foi::model::Row::all();
    let lines = crate::foi::admin_report::report_lines(&c.three);
    let mut out = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        let key = if l.group.starts_with("一、") {
            "new".to_string()
        } else if l.group.starts_with("二、") {
            "carried_in".into()
        } else if l.group.starts_with("四、") {
            "carried_out".into()
        } else if l.group.contains("（七）总计") {
            "total".into()
        } else if l.label == "小计" {
            String::new()
        } else {
            // A leaf row: by its numbered label, or (（一）, （二）) by its group.
            rows.iter()
                .position(|r| {
                    if l.label.is_empty() {
                        r.label().is_empty() && l.group.contains(r.group().0)
                    } else {
                        r.label() == l.label
                    }
                })
                .map(|p| p.to_string())
                .unwrap_or_default()
        };
        out.push((i, key, l));
    }
    out
}

/// Whom a report page is for: the organ, and the organs to choose among.
struct For {
    organ: Organ,
    organs: Vec<Organ>,
}

async fn report_page(
    state: &AppState,
    layout: Layout,
    year: i32,
    who: For,
    draft: Option<Draft>,
    msg: String,
    error: String,
) -> Result<Response, AppError> {
    let c = report::compute(state, year, &who.organ).await?;
    let draft = match draft {
        Some(d) => d,
        None => draft_or_default(state, &c).await?,
    };
    let stale = report::figures_stale(&c, &draft.overview);
    let blockers = report::blockers(&c, &draft);
    let warnings = report::warnings(&c);
    let mut anomalies: Vec<(String, String, String)> = Vec::new();
    for a in &c.two.anomalies {
        anomalies.push((
            format!("/admin/docs/{}", a.member.id),
            a.member.label.clone(),
            a.reason.clone(),
        ));
    }
    for a in &c.three.anomalies {
        anomalies.push((
            format!("/admin/foi/{}", a.id),
            a.receipt_no.clone(),
            a.reason.clone(),
        ));
    }
    for a in &c.four.anomalies {
        anomalies.push((
            format!("/admin/foi/{}", a.member.id),
            a.member.label.clone(),
            a.reason.clone(),
        ));
    }
    let four = ProceedingKind::ALL
        .iter()
        .enumerate()
        .map(|(ix, k)| FourRow {
            ix,
            label: k.label(),
            cells: c.four.cells[ix],
        })
        .collect();
    render(&ReportPage {
        layout,
        year,
        organs: organ_choices(&who.organs, who.organ.id),
        stale,
        fines: super::model::wan_yuan(c.two.fines_cents),
        columns: crate::foi::report::COLUMNS,
        lines: line_keys(&c),
        four,
        c,
        draft,
        blockers,
        warnings,
        anomalies,
        msg,
        error,
    })
}

pub async fn page(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let (organs, organ) = organs_for(&state, &user, Permission::ViewFoi, q.organ).await?;
    report_page(
        &state,
        layout,
        year_or_last(q.year),
        For { organ, organs },
        None,
        q.msg.unwrap_or_default(),
        String::new(),
    )
    .await
}

fn draft_from(f: &Fields, organ_id: i64) -> Result<Draft, String> {
    let year: i32 = f.get("year").parse().map_err(|_| "年度有误".to_string())?;
    let num = |name: &str, label: &str| -> Result<i64, String> {
        let v = f.get(name);
        if v.is_empty() {
            return Ok(0);
        }
        v.parse::<i64>()
            .ok()
            .filter(|n| (0..=1_000_000_000).contains(n))
            .ok_or(format!("“{label}”应为非负整数"))
    };
    let text = |name: &str| -> Result<String, String> {
        let v = f.get(name);
        if v.chars().count() > 20_000 {
            return Err("每部分文字不超过 20000 字".into());
        }
        Ok(v)
    };
    Ok(Draft {
        year: i64::from(year),
        organ_id,
        overview: text("overview")?,
        problems: text("problems")?,
        other_matters: text("other_matters")?,
        licences: num("licences", "行政许可本年处理决定数量")?,
        coercions: num("coercions", "行政强制本年处理决定数量")?,
        fees_yuan: num("fees_yuan", "行政事业性收费金额")?,
        document_id: None,
        updated_at: None,
    })
}

/// Save the draft; with `action=refresh`, first put the computed figures into
/// 总体情况; with `action=document`, also write it into the 年报 document.
pub async fn save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    let asked = f.get("organ").parse().ok();
    let (organs, organ) = organs_for(&state, &user, Permission::HandleFoi, asked).await?;
    let who = For { organ, organs };
    let mut d = match draft_from(&f, who.organ.id) {
        Ok(d) => d,
        Err(e) => {
            let year = year_or_last(f.get("year").parse().ok());
            return report_page(&state, layout, year, who, None, String::new(), e).await;
        }
    };
    let year = i32::try_from(d.year).unwrap_or(2000);
    let back = format!("/admin/annual?year={year}&organ={}", who.organ.id);
    let action = f.get("action");
    if action == "refresh" {
        let c = report::compute(&state, year, &who.organ).await?;
        d.overview = report::refresh_figures(&c, &d.overview);
    }
    service::save_draft(&state, &d, &user).await?;
    if action == "refresh" {
        return Ok(
            Redirect::to(&format!("{back}&msg=已按最新数据更新总体情况中的数字")).into_response(),
        );
    }
    if action != "document" {
        return Ok(Redirect::to(&format!("{back}&msg=草稿已保存")).into_response());
    }
    d.document_id = store::draft(&state.db, year, who.organ.id)
        .await?
        .and_then(|x| x.document_id);
    let c = report::compute(&state, year, &who.organ).await?;
    match service::to_document(&state, &c, &d, &user).await {
        Ok(id) => Ok(Redirect::to(&format!(
            "{back}&msg=已写入年报文件草稿（文件{id}），请在公文库送审发布"
        ))
        .into_response()),
        Err(AppError::Conflict(e)) => {
            report_page(&state, layout, year, who, Some(d), String::new(), e).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct RecordsQuery {
    pub year: Option<i32>,
    pub organ: Option<i64>,
    #[serde(default)]
    pub table: String,
    #[serde(default)]
    pub line: String,
    #[serde(default)]
    pub col: String,
}

#[derive(Template)]
#[template(path = "annual/templates/records.html")]
struct RecordsPage {
    layout: Layout,
    year: i32,
    organ: Organ,
    what: String,
    members: Vec<(String, super::model::Member)>,
}

/// The records a figure counts.
pub async fn records(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<RecordsQuery>,
) -> Result<Response, AppError> {
    // Reached from a figure of the report; without one, the report itself.
    if q.table.is_empty() {
        return Ok(axum::response::Redirect::to("/admin/annual").into_response());
    }
    let (_, organ) = organs_for(&state, &user, Permission::ViewFoi, q.organ).await?;
    let year = year_or_last(q.year);
    let c = report::compute(&state, year, &organ).await?;
    let members = report::members(&c, &q.table, &q.line, &q.col);
    let what = match q.table.as_str() {
        "two" => "表二".to_string(),
        "three" => "表三".to_string(),
        "four" => "表四".to_string(),
        "training" => "培训记录".to_string(),
        _ => return Err(AppError::NotFound),
    };
    render(&RecordsPage {
        layout,
        year,
        organ,
        what,
        members,
    })
}

#[derive(Template)]
#[template(path = "annual/templates/preview.html")]
struct PreviewPage {
    layout: Layout,
    title: String,
    body_html: String,
    blockers: Vec<String>,
}

pub async fn preview(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let (_, organ) = organs_for(&state, &user, Permission::ViewFoi, q.organ).await?;
    let year = year_or_last(q.year);
    let c = report::compute(&state, year, &organ).await?;
    let d = draft_or_default(&state, &c).await?;
    render(&PreviewPage {
        layout,
        title: service::title(&organ.name, year),
        body_html: crate::docs::richtext::to_html(&report::body(&c, &d)),
        blockers: report::blockers(&c, &d),
    })
}

#[derive(Template)]
#[template(path = "annual/templates/proceedings.html")]
struct ProceedingsPage {
    layout: Layout,
    case_id: i64,
    receipt_no: String,
    rows: Vec<ProceedingRow>,
    kinds: Vec<Choice>,
    outcomes: Vec<Choice>,
    can_act: bool,
    error: String,
}

async fn proceedings_page(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    id: i64,
    error: String,
) -> Result<Response, AppError> {
    let case = crate::foi::service::case_visible(state, user, id).await?;
    let can_act = crate::foi::service::case_for(state, user, id).await.is_ok();
    render(&ProceedingsPage {
        layout,
        case_id: id,
        receipt_no: case.receipt_no,
        rows: store::proceedings_of(&state.db, id).await?,
        kinds: choices(
            ProceedingKind::ALL,
            ProceedingKind::code,
            ProceedingKind::label,
        ),
        outcomes: choices(
            ProceedingOutcome::ALL,
            ProceedingOutcome::code,
            ProceedingOutcome::label,
        ),
        can_act,
        error,
    })
}

pub async fn proceedings(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    proceedings_page(&state, layout, &user, id, String::new()).await
}

fn proceeding_input(f: &Fields, kind: Option<ProceedingKind>) -> Result<ProceedingInput, String> {
    let date = |name: &str| -> Result<Option<NaiveDate>, String> {
        let v = f.get(name);
        if v.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| "日期格式应为 年-月-日".to_string())
    };
    let kind = match kind {
        Some(k) => k,
        None => ProceedingKind::parse(&f.get("kind")).ok_or("请选择类别")?,
    };
    let outcome = ProceedingOutcome::parse(&f.get("outcome")).ok_or("请选择结果")?;
    let filed_on = match date("filed_on")? {
        Some(d) => d,
        None if f.get("filed_on").is_empty() && f.get("id").is_empty() => {
            return Err("请填写提起日期".into());
        }
        None => NaiveDate::MIN,
    };
    let concluded_on = date("concluded_on")?;
    if outcome != ProceedingOutcome::Pending && concluded_on.is_none() {
        return Err("已有结果的，请填写审结日期".into());
    }
    if outcome == ProceedingOutcome::Pending && concluded_on.is_some() {
        return Err("尚未审结的，不填审结日期".into());
    }
    let note = f.get("note");
    if note.chars().count() > 500 {
        return Err("说明不超过 500 字".into());
    }
    Ok(ProceedingInput {
        kind,
        filed_on,
        outcome,
        concluded_on,
        note,
    })
}

pub async fn add_proceeding(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let case = crate::foi::service::case_for(&state, &user, id).await?;
    match proceeding_input(&f, None) {
        Ok(i) => {
            service::add_proceeding(&state, id, &case.receipt_no, &i, &user).await?;
            Ok(Redirect::to(&format!("/admin/foi/{id}/proceedings")).into_response())
        }
        Err(e) => proceedings_page(&state, layout, &user, id, e).await,
    }
}

pub async fn set_outcome(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path((id, pid)): Path<(i64, i64)>,
    f: Fields,
) -> Result<Response, AppError> {
    let case = crate::foi::service::case_for(&state, &user, id).await?;
    let existing = store::proceedings_of(&state.db, id)
        .await?
        .into_iter()
        .find(|p| p.id == pid)
        .ok_or(AppError::NotFound)?;
    match proceeding_input(&f, Some(existing.kind)) {
        Ok(i) => {
            service::set_outcome(&state, id, &case.receipt_no, pid, &i, &user).await?;
            Ok(Redirect::to(&format!("/admin/foi/{id}/proceedings")).into_response())
        }
        Err(e) => proceedings_page(&state, layout, &user, id, e).await,
    }
}
