//! Back-office pages of 双随机、一公开: directories, items, plans, commit → reveal,
//! results.
//!
//! A plan belongs to a unit, and its draws and results with it: every page and
//! action on a plan or draw checks the unit against the user's
//! `HandleEnforcement` scope (`plan_in_scope`, `draw_in_scope`); lists show only
//! plans and draws in scope. The directories and the item list are shared.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::service::{self, DrawnRow, OUTCOMES, drawn_rows, input_for, listings, outcome_label};
use super::store::{self, DrawRow, EntityRow, InspectorRow, ItemRow, PlanRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

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

impl AdminPage {
    /// The name of a plan's unit (its units are in scope, so in `units`).
    fn unit_name<T: std::borrow::Borrow<Option<i64>>>(&self, id: T) -> String {
        let id = *id.borrow();
        self.units
            .iter()
            .find(|(u, _)| Some(*u) == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
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
    let (items, mut plans, mut draws) = listings(&state.db).await?;
    plans.retain(|(p, _)| scope.covers_unit(p.unit_id));
    draws.retain(|(d, _)| plans.iter().any(|(p, _)| p.id == d.plan_id));
    Ok(AdminPage {
        layout,
        entities: store::entities(&state.db).await?.len(),
        inspectors: store::inspectors(&state.db).await?.len(),
        draws,
        plans,
        items,
        units: scope.unit_choices(),
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
    let n = service::upsert_entities(&state.db, &rows, &user.actor()).await?;
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
    let n = service::upsert_inspectors(&state.db, &rows, &user.actor()).await?;
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
    service::add_item(&state.db, &item, &user.actor()).await?;
    Ok(Redirect::to("/admin/inspect?msg=item").into_response())
}

/// The plan `plan_id`, when its unit is in the user's scope (403 otherwise).
async fn plan_in_scope(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    plans: &[PlanRow],
    plan_id: i64,
) -> Result<PlanRow, AppError> {
    let plan = plans
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or(AppError::NotFound)?;
    let scope = Scope::of(state, user, Permission::HandleEnforcement).await?;
    if scope.covers_unit(plan.unit_id) {
        Ok(plan.clone())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The draw `id`, when its plan's unit is in the user's scope (403 otherwise).
async fn draw_in_scope(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: i64,
) -> Result<DrawRow, AppError> {
    let d = store::draw(&state.db, id).await?;
    plan_in_scope(state, user, &store::plans(&state.db).await?, d.plan_id).await?;
    Ok(d)
}

pub async fn add_plan(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    // The unit chosen in the form, or the first unit the user handles enforcement in.
    let unit_id = match fields.get("unit_id").trim() {
        "" => user
            .grants
            .iter()
            .map(|g| g.unit_id)
            .find(|u| scope.contains(*u)),
        u => u.parse::<i64>().ok().filter(|u| scope.contains(*u)),
    }
    .ok_or_else(|| AppError::field("unit_id", "请选择本人所属范围内的机构"))?;
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
        unit_id: Some(unit_id),
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
    service::add_plan(&state.db, &plan, &user.actor()).await?;
    Ok(Redirect::to("/admin/inspect?msg=plan").into_response())
}

/// Freeze the lists and publish the commitment of a new secret seed, naming the
/// public beacon whose future value will be mixed into it.
pub async fn commit(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(plan_id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let plans = store::plans(&state.db).await?;
    let plan = &plan_in_scope(&state, &user, &plans, plan_id).await?;
    let beacon = crate::draws::beacon_source(&fields)?;
    let items = store::items(&state.db).await?;
    let item = items
        .iter()
        .find(|i| i.id == plan.item_id)
        .ok_or(AppError::NotFound)?;
    let draws = store::draws(&state.db).await?;
    let previous = store::previous_teams(&draws, &plans, plan.item_id);
    let mut input = input_for(
        plan,
        item,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        previous,
    );
    input.params.beacon = Some(beacon);
    let seed = crate::draws::new_secret();
    // Refuse before anything is published when the draw cannot satisfy its rules.
    if let Err(e) = draw::run(&input, &seed) {
        return refuse(&state, layout, &user, vec![format!("无法抽取：{e}")]).await;
    }
    let id = service::commit_draw(&state.db, plan_id, &input, &seed, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "inspect/templates/admin_draw.html")]
struct DrawPage {
    layout: Layout,
    d: DrawRow,
    rows: Vec<DrawnRow>,
    outcomes: &'static [(&'static str, &'static str)],
    today: String,
    beacon: Option<String>,
    beacon_value: Option<String>,
}

pub async fn draw_page(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = draw_in_scope(&state, &user, id).await?;
    let rows = drawn_rows(
        &state,
        &d,
        &store::entities(&state.db).await?,
        &store::inspectors(&state.db).await?,
        &store::results(&state.db).await?,
    );
    render(&DrawPage {
        layout,
        beacon: crate::draws::named_beacon(&d.input_json),
        beacon_value: crate::draws::recorded_value(d.record_json.as_deref()),
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
    fields: Fields,
) -> Result<Response, AppError> {
    let d = draw_in_scope(&state, &user, id).await?;
    if d.state != "committed" {
        return Err(AppError::Conflict("本次抽取已经完成，记录不可更改".into()));
    }
    let input: draw::Input = serde_json::from_str(&d.input_json).map_err(anyhow::Error::from)?;
    let seed = draw::parse_seed(&d.seed).map_err(|e| AppError::Conflict(e.to_string()))?;
    let value = crate::draws::beacon_value(&fields, input.params.beacon.is_some())?;
    let record = draw::record_with_beacon(input, &seed, value.as_deref())
        .map_err(|e| AppError::Conflict(format!("无法抽取：{e}")))?;
    service::reveal_draw(&state.db, &d, &record, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}

pub async fn save_result(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let d = draw_in_scope(&state, &user, id).await?;
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
    service::save_result(&state.db, id, &code, &outcome, on, &note, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/inspect/draws/{id}")).into_response())
}
