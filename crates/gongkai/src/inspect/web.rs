//! Pages of 双随机、一公开: back office (directories, items, plans, commit → reveal,
//! results) and portal (scope, inspectors by name and 执法证号, draws with their
//! commitments and records, a verify page, results with statistics).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::store::{self, DrawRow, EntityRow, InspectorRow, ItemRow, PlanRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

/// Result outcomes (结果).
pub const OUTCOMES: &[(&str, &str)] = &[
    ("ok", "未发现问题"),
    ("rectify", "发现问题已责令整改"),
    ("case", "立案查处"),
    ("not_found", "未找到检查对象"),
    ("other", "其他"),
];

pub fn outcome_label(code: &str) -> &'static str {
    OUTCOMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// The frozen input of a draw for a plan, from the directories.
pub fn input_for(
    plan: &PlanRow,
    item: &ItemRow,
    entities: &[EntityRow],
    inspectors: &[InspectorRow],
    previous: BTreeMap<String, Vec<String>>,
) -> draw::Input {
    let by_type = plan.strata == "type";
    draw::Input {
        params: draw::Params {
            task: format!("{}年度·{}（计划{}）", plan.year, item.name, plan.id),
            ratio_permille: u32::try_from(plan.ratio_permille).unwrap_or(0),
            high_risk_factor: u32::try_from(plan.high_risk_factor).unwrap_or(1),
            per_entity: usize::try_from(plan.per_entity).unwrap_or(2),
            exclude_own_district: plan.exclude_own,
            required_strata: plan
                .required_strata
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        },
        entities: entities
            .iter()
            .filter(|e| e.active)
            .filter(|e| item.subject_type == "全部" || e.entity_type == item.subject_type)
            .map(|e| draw::Entity {
                id: e.credit_code.clone(),
                stratum: if by_type {
                    e.entity_type.clone()
                } else {
                    e.district.clone()
                },
                district: e.district.clone(),
                high_risk: e.high_risk(),
            })
            .collect(),
        inspectors: inspectors
            .iter()
            .filter(|i| i.active)
            .map(|i| draw::Inspector {
                id: i.cert_no.clone(),
                district: i.district.clone(),
                conflicts: i
                    .conflicts
                    .split([',', '，', '、', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
            .collect(),
        previous,
    }
}

/// The item list, the plans with their item's name, and the draws with their plan's
/// name (three queries, joined in memory).
type Listings = (Vec<ItemRow>, Vec<(PlanRow, String)>, Vec<(DrawRow, String)>);

async fn listings(db: &crate::db::Db) -> Result<Listings, AppError> {
    let items = store::items(db).await?;
    let item_name = |id: i64| {
        items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.name.clone())
            .unwrap_or_default()
    };
    let plans: Vec<(PlanRow, String)> = store::plans(db)
        .await?
        .into_iter()
        .map(|p| {
            let n = item_name(p.item_id);
            (p, n)
        })
        .collect();
    let draws = store::draws(db)
        .await?
        .into_iter()
        .map(|d| {
            let n = plans
                .iter()
                .find(|(p, _)| p.id == d.plan_id)
                .map(|(p, item)| format!("{}年度·{item}", p.year))
                .unwrap_or_default();
            (d, n)
        })
        .collect();
    Ok((items, plans, draws))
}

// ------------------------------------------------------------------ back office

#[derive(Template)]
#[template(path = "inspect/templates/admin.html")]
struct AdminPage {
    layout: Layout,
    entities: usize,
    inspectors: usize,
    items: Vec<ItemRow>,
    plans: Vec<(PlanRow, String)>,
    draws: Vec<(DrawRow, String)>,
    units: Vec<(i64, String)>,
    msg: String,
    errors: Vec<String>,
}

#[derive(Deserialize)]
pub struct Msg {
    pub msg: Option<String>,
}

async fn admin_page(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    msg: String,
    errors: Vec<String>,
) -> Result<AdminPage, AppError> {
    let scope = Scope::of(state, user, Permission::HandleEnforcement).await?;
    let (items, plans, draws) = listings(&state.db).await?;
    Ok(AdminPage {
        layout,
        entities: store::entities(&state.db).await?.len(),
        inspectors: store::inspectors(&state.db).await?.len(),
        draws,
        plans,
        items,
        units: scope
            .in_scope_units()
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect(),
        msg,
        errors,
    })
}

pub async fn admin(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(m): Query<Msg>,
) -> Result<Response, AppError> {
    render(&admin_page(&state, layout, &user, m.msg.unwrap_or_default(), Vec::new()).await?)
}

async fn upload_table(
    form: &mut Multipart,
) -> Result<(Vec<Vec<String>>, BTreeMap<String, String>), String> {
    let mut cells = None;
    let mut fields = BTreeMap::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| "上传失败或文件过大".to_string())?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file = field.file_name().unwrap_or_default().to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| "上传失败或文件过大".to_string())?;
            if bytes.is_empty() {
                return Err("请选择 .xlsx 或 .csv 文件".into());
            }
            cells = Some(crate::table::read_upload(&file, bytes).await?);
        } else {
            fields.insert(name, field.text().await.unwrap_or_default());
        }
    }
    let cells = cells.ok_or("请选择 .xlsx 或 .csv 文件")?;
    if cells.len() < 2 {
        return Err("表格没有数据行".into());
    }
    Ok((cells, fields))
}

async fn refuse(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let page = admin_page(state, layout, user, String::new(), errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

const ENTITY_COLUMNS: [&str; 8] = [
    "名称",
    "统一社会信用代码",
    "类型",
    "区",
    "地址",
    "风险等级",
    "投诉次数",
    "处罚次数",
];

/// Import the 检查对象名录库: every row checked, nothing saved if any row is wrong.
pub async fn import_entities(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let (cells, _) = match upload_table(&mut form).await {
        Ok(v) => v,
        Err(m) => return refuse(&state, layout, &user, vec![m]).await,
    };
    let col = match crate::table::required_columns(&cells[0], &ENTITY_COLUMNS, 4) {
        Ok(c) => c,
        Err(m) => return refuse(&state, layout, &user, vec![m]).await,
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, r) in cells.iter().enumerate().skip(1) {
        let get = |k: &str| crate::table::cell(r, &col, k);
        let mut problems = Vec::new();
        let code = match crate::ids::CreditCode::parse(&get("统一社会信用代码")) {
            Ok(c) => c.to_string(),
            Err(m) => {
                problems.push(m.to_string());
                String::new()
            }
        };
        if !code.is_empty() && !seen.insert(code.clone()) {
            problems.push(format!("统一社会信用代码 {code} 在表中重复"));
        }
        for k in ["名称", "类型", "区"] {
            if get(k).is_empty() {
                problems.push(format!("缺少{k}"));
            }
        }
        let risk = match get("风险等级").as_str() {
            "高" | "高风险" | "high" => "high",
            "" | "一般" | "低" | "中" | "normal" => "normal",
            other => {
                problems.push(format!("风险等级“{other}”应为“高”或“一般”"));
                "normal"
            }
        };
        let count = |k: &str, problems: &mut Vec<String>| -> i64 {
            let v = get(k);
            if v.is_empty() {
                return 0;
            }
            v.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .unwrap_or_else(|| {
                    problems.push(format!("{k}应为非负整数"));
                    0
                })
        };
        let complaints = count("投诉次数", &mut problems);
        let penalties = count("处罚次数", &mut problems);
        if problems.is_empty() {
            rows.push(EntityRow {
                id: 0,
                name: get("名称"),
                credit_code: code,
                entity_type: get("类型"),
                district: get("区"),
                address: get("地址"),
                risk: risk.into(),
                complaints,
                penalties,
                active: true,
            });
        } else {
            errors.push(format!("第 {} 行：{}", n + 1, problems.join("；")));
        }
    }
    if !errors.is_empty() {
        errors.insert(0, "名录有错误，未导入任何一行：".into());
        return refuse(&state, layout, &user, errors).await;
    }
    let n = store::upsert_entities(&state.db, &rows, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect?msg=entities-{n}")).into_response())
}

const INSPECTOR_COLUMNS: [&str; 6] = ["姓名", "执法证号", "区", "执法领域", "利益冲突对象", "在岗"];

pub async fn import_inspectors(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let (cells, fields) = match upload_table(&mut form).await {
        Ok(v) => v,
        Err(m) => return refuse(&state, layout, &user, vec![m]).await,
    };
    let Some(unit_id) = fields
        .get("unit_id")
        .and_then(|u| u.parse::<i64>().ok())
        .filter(|u| scope.contains(*u))
    else {
        return refuse(&state, layout, &user, vec!["请选择所属机构".into()]).await;
    };
    let col = match crate::table::required_columns(&cells[0], &INSPECTOR_COLUMNS, 3) {
        Ok(c) => c,
        Err(m) => return refuse(&state, layout, &user, vec![m]).await,
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, r) in cells.iter().enumerate().skip(1) {
        let get = |k: &str| crate::table::cell(r, &col, k);
        let mut problems = Vec::new();
        let cert = get("执法证号");
        if cert.is_empty() || cert.len() > 30 || !cert.chars().all(|c| c.is_ascii_alphanumeric()) {
            problems.push("执法证号应为字母或数字".to_string());
        }
        if get("姓名").is_empty() || get("区").is_empty() {
            problems.push("缺少姓名或区".into());
        }
        let conflicts = get("利益冲突对象");
        for c in conflicts
            .split([',', '，', '、', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if crate::ids::CreditCode::parse(c).is_err() {
                problems.push(format!("利益冲突对象“{c}”不是有效的统一社会信用代码"));
            }
        }
        if problems.is_empty() {
            rows.push(InspectorRow {
                id: 0,
                name: get("姓名"),
                cert_no: cert,
                unit_id,
                district: get("区"),
                fields: get("执法领域"),
                conflicts,
                active: !matches!(get("在岗").as_str(), "否" | "不在岗" | "no"),
            });
        } else {
            errors.push(format!("第 {} 行：{}", n + 1, problems.join("；")));
        }
    }
    if !errors.is_empty() {
        errors.insert(0, "名录有错误，未导入任何一行：".into());
        return refuse(&state, layout, &user, errors).await;
    }
    let n = store::upsert_inspectors(&state.db, &rows, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect?msg=inspectors-{n}")).into_response())
}

pub async fn add_item(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let mut errors = BTreeMap::new();
    let mut get = |k: &str, label: &str| {
        let v = fields.get(k).trim().to_string();
        if v.is_empty() || v.chars().count() > 500 {
            errors.insert(k.to_string(), format!("请填写{label}（500字以内）"));
        }
        v
    };
    let item = ItemRow {
        id: 0,
        name: get("name", "抽查事项"),
        basis: get("basis", "法律依据"),
        subject_type: get("subject_type", "检查对象类型"),
        method: get("method", "检查方式"),
        frequency: get("frequency", "抽查频次"),
    };
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    store::add_item(&state.db, &item, &user.actor()).await?;
    Ok(Redirect::to("/admin/inspect?msg=item").into_response())
}

pub async fn add_plan(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let num = |k: &str, lo: i64, hi: i64, label: &str| -> Result<i64, AppError> {
        fields
            .get(k)
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| AppError::field(k, &format!("{label}应为 {lo}–{hi} 的整数")))
    };
    let items = store::items(&state.db).await?;
    let item_id = num("item_id", 1, i64::MAX, "抽查事项")?;
    if !items.iter().any(|i| i.id == item_id) {
        return Err(AppError::field("item_id", "请选择抽查事项"));
    }
    let plan = PlanRow {
        id: 0,
        year: num("year", 2000, 2100, "年度")?,
        item_id,
        ratio_permille: num("ratio_permille", 1, 1000, "抽查比例（‰）")?,
        high_risk_factor: num("high_risk_factor", 1, 10, "高风险倍数")?,
        per_entity: num("per_entity", 2, 10, "每户执法人员数")?,
        exclude_own: fields.checked("exclude_own"),
        strata: if fields.get("strata") == "type" {
            "type".into()
        } else {
            "district".into()
        },
        required_strata: fields
            .get("required_strata")
            .trim()
            .chars()
            .take(500)
            .collect(),
        schedule: fields.get("schedule").trim().chars().take(200).collect(),
    };
    store::add_plan(&state.db, &plan, &user.actor()).await?;
    Ok(Redirect::to("/admin/inspect?msg=plan").into_response())
}

/// Freeze the lists and publish the commitment of a new secret seed.
pub async fn commit(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(plan_id): Path<i64>,
) -> Result<Response, AppError> {
    let plans = store::plans(&state.db).await?;
    let plan = plans
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or(AppError::NotFound)?;
    let items = store::items(&state.db).await?;
    let item = items
        .iter()
        .find(|i| i.id == plan.item_id)
        .ok_or(AppError::NotFound)?;
    let draws = store::draws(&state.db).await?;
    let previous = store::previous_teams(&draws, &plans, plan.item_id);
    let input = input_for(
        plan,
        item,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        previous,
    );
    let mut seed = [0u8; 32];
    rand::Rng::fill(&mut rand::rng(), &mut seed);
    // Refuse before anything is published when the draw cannot satisfy its rules.
    if let Err(e) = draw::run(&input, &seed) {
        return refuse(&state, layout, &user, vec![format!("无法抽取：{e}")]).await;
    }
    let id = store::commit_draw(&state.db, plan_id, &input, &seed, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}

pub struct DrawnRow {
    pub code: String,
    pub name: String,
    pub stratum: String,
    pub inspectors: String,
    pub result: String,
    pub warning: String,
}

#[derive(Template)]
#[template(path = "inspect/templates/admin_draw.html")]
struct DrawPage {
    layout: Layout,
    d: DrawRow,
    rows: Vec<DrawnRow>,
    outcomes: &'static [(&'static str, &'static str)],
    today: String,
}

fn drawn_rows(
    state: &AppState,
    d: &DrawRow,
    entities: &[EntityRow],
    inspectors: &[InspectorRow],
    results: &[store::ResultRow],
) -> Vec<DrawnRow> {
    let cal = crate::workdays::calendar(state);
    let rec: Option<draw::Record> = d
        .record_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok());
    rec.map(|r| r.result)
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let res = results
                .iter()
                .find(|x| x.draw_id == d.id && x.credit_code == a.entity);
            DrawnRow {
                name: entities
                    .iter()
                    .find(|e| e.credit_code == a.entity)
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                inspectors: a
                    .inspectors
                    .iter()
                    .map(|c| {
                        let n = inspectors
                            .iter()
                            .find(|i| &i.cert_no == c)
                            .map(|i| i.name.as_str())
                            .unwrap_or("");
                        format!("{n}（{c}）")
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
                result: res
                    .map(|r| {
                        format!(
                            "{}（{}）{}",
                            outcome_label(&r.outcome),
                            r.inspected_on,
                            r.note
                        )
                    })
                    .unwrap_or_default(),
                warning: res
                    .and_then(|r| {
                        let due = cal
                            .add_workdays(r.inspected_on, state.settings.penalty.result_days)
                            .ok()?;
                        let recorded = r
                            .created_at
                            .with_timezone(&crate::clock::beijing())
                            .date_naive();
                        (recorded > due).then(|| format!("公示晚于期限{due}"))
                    })
                    .unwrap_or_default(),
                code: a.entity,
                stratum: a.stratum,
            }
        })
        .collect()
}

pub async fn draw_page(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let rows = drawn_rows(
        &state,
        &d,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        &store::results(&state.db).await?,
    );
    render(&DrawPage {
        layout,
        d,
        rows,
        outcomes: OUTCOMES,
        today: crate::clock::today().to_string(),
    })
}

/// Reveal the seed and draw; the record is then immutable.
pub async fn reveal(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    if d.state != "committed" {
        return Err(AppError::Conflict("本次抽取已经完成，记录不可更改".into()));
    }
    let input: draw::Input = serde_json::from_str(&d.input_json).map_err(anyhow::Error::from)?;
    let seed = draw::parse_seed(&d.seed).map_err(|e| AppError::Conflict(e.to_string()))?;
    let record =
        draw::record(input, &seed).map_err(|e| AppError::Conflict(format!("无法抽取：{e}")))?;
    store::reveal_draw(&state.db, &d, &record, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}

pub async fn save_result(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let rec: draw::Record = d
        .record_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .ok_or_else(|| AppError::Conflict("抽取完成后才能登记结果".into()))?;
    let code = fields.get("credit_code");
    if !rec.result.iter().any(|a| a.entity == code) {
        return Err(AppError::field("credit_code", "该对象不在本次抽取结果中"));
    }
    let outcome = fields.get("outcome");
    if outcome_label(&outcome).is_empty() {
        return Err(AppError::field("outcome", "请选择检查结果"));
    }
    let on = NaiveDate::parse_from_str(fields.get("inspected_on").trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= crate::clock::today())
        .ok_or_else(|| AppError::field("inspected_on", "请填写检查结束日期（不晚于今天）"))?;
    let note: String = fields.get("note").trim().chars().take(500).collect();
    store::save_result(&state.db, id, &code, &outcome, on, &note, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}

// ------------------------------------------------------------------ portal

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
}

pub async fn portal_draw(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let rows = drawn_rows(
        &state,
        &d,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        &store::results(&state.db).await?,
    );
    render(&PortalDrawPage { layout, d, rows })
}

/// The public record of a drawn draw; before the draw, only the input and the
/// commitment (never the seed).
pub async fn record_json(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let body = match d.record_json {
        Some(r) => r,
        None => serde_json::json!({
            "version": draw::VERSION,
            "input": serde_json::from_str::<serde_json::Value>(&d.input_json).unwrap_or_default(),
            "input_hash": d.input_hash,
            "commitment": d.commitment,
        })
        .to_string(),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"draw-{id}.json\""),
            ),
        ],
        body,
    )
        .into_response())
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
    let outcome = match serde_json::from_str::<draw::Record>(&record) {
        Err(_) => (
            false,
            "记录不是有效的抽取记录 JSON（请粘贴“下载抽取记录”得到的完整内容）".to_string(),
        ),
        Ok(r) => match draw::verify(&r) {
            Ok(()) => (
                true,
                format!(
                    "验证通过：种子与承诺值相符，名单与哈希相符，重新抽取的结果与公布结果一致（{} 个检查对象）。",
                    r.result.len()
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

/// A draw's public record (after the draw), or its frozen input and commitment
/// (before): everything needed to verify it, never the seed before the draw.
#[utoipa::path(get, path = "/api/v1/draws/{id}", tag = "inspections", params(("id" = i64, Path, description = "抽取编号")),
    responses((status = 200, description = "抽取记录：version、input、input_hash、commitment，抽取后另有 seed、result、result_hash"),
        (status = 404, body = crate::api::ErrorBody)))]
pub async fn api_draw(state: State<AppState>, id: Path<i64>) -> Result<Response, AppError> {
    record_json(state, id).await
}
