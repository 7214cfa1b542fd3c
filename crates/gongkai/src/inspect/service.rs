//! What the pages of 双随机、一公开 share, outside the handlers: the result outcomes,
//! the frozen draw input built from the directories, the listings joined in memory,
//! the rows of a drawn draw with their results, and every change: each in one
//! transaction with its audit entry (the SQL is in `store.rs`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::InspectAction;
use super::store::{self, DrawRow, EntityRow, InspectorRow, ItemRow, PlanRow};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;

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
            beacon: None,
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
pub type Listings = (Vec<ItemRow>, Vec<(PlanRow, String)>, Vec<(DrawRow, String)>);

pub async fn listings(db: &crate::db::Db) -> Result<Listings, AppError> {
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

pub struct DrawnRow {
    pub code: String,
    pub name: String,
    pub stratum: String,
    pub inspectors: String,
    pub result: String,
    pub warning: String,
}

pub fn drawn_rows(
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

/// Upsert entities by 统一社会信用代码 (an import), audited; returns how many.
pub async fn upsert_entities(
    db: &Db,
    rows: &[EntityRow],
    actor: &Actor,
) -> Result<usize, AppError> {
    let mut tx = db.begin().await?;
    store::upsert_entities(&mut tx, rows).await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Entities,
        "inspect_entities",
        None,
        format!("导入检查对象 {} 个", rows.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// Upsert inspectors by 执法证号 (an import), audited; returns how many.
pub async fn upsert_inspectors(
    db: &Db,
    rows: &[InspectorRow],
    actor: &Actor,
) -> Result<usize, AppError> {
    let mut tx = db.begin().await?;
    store::upsert_inspectors(&mut tx, rows).await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Inspectors,
        "inspect_inspectors",
        None,
        format!("导入执法检查人员 {} 名", rows.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

pub async fn add_item(db: &Db, i: &ItemRow, actor: &Actor) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = store::add_item(&mut tx, i).await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Item,
        "inspect_item",
        Some(id.to_string()),
        format!("新增抽查事项“{}”", i.name),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_plan(db: &Db, p: &PlanRow, actor: &Actor) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = store::add_plan(&mut tx, p).await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Plan,
        "inspect_plan",
        Some(id.to_string()),
        format!("新增{}年度抽查计划", p.year),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Freeze the input and publish the commitment (the seed stays secret until drawn).
pub async fn commit_draw(
    db: &Db,
    plan_id: i64,
    input: &draw::Input,
    seed: &[u8; 32],
    actor: &Actor,
) -> Result<i64, AppError> {
    let input_json = serde_json::to_string(input).map_err(anyhow::Error::from)?;
    let commitment = draw::commitment(seed);
    let mut tx = db.begin().await?;
    let id = store::insert_draw(
        &mut tx,
        plan_id,
        &input_json,
        &input.hash_hex(),
        &commitment,
        seed,
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Commit,
        "inspect_draw",
        Some(id.to_string()),
        format!(
            "冻结抽取名单并公布承诺值 {}（名单哈希 {}）",
            commitment,
            input.hash_hex()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Reveal the seed and store the record; a drawn record never changes.
pub async fn reveal_draw(
    db: &Db,
    d: &DrawRow,
    record: &draw::Record,
    actor: &Actor,
) -> Result<(), AppError> {
    let json = serde_json::to_string(record).map_err(anyhow::Error::from)?;
    let mut tx = db.begin().await?;
    if !store::set_drawn(&mut tx, d.id, &json, &record.result_hash).await? {
        return Err(AppError::Conflict("本次抽取已经完成，记录不可更改".into()));
    }
    audit::append(
        &mut tx,
        actor,
        InspectAction::Draw,
        "inspect_draw",
        Some(d.id.to_string()),
        format!(
            "揭示种子并抽取：{} 个检查对象，结果哈希 {}",
            record.result.len(),
            record.result_hash
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Record (or correct before publication) the result for one drawn entity.
pub async fn save_result(
    db: &Db,
    draw_id: i64,
    credit_code: &str,
    outcome: &str,
    inspected_on: NaiveDate,
    note: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    store::upsert_result(&mut tx, draw_id, credit_code, outcome, inspected_on, note).await?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Result,
        "inspect_draw",
        Some(draw_id.to_string()),
        format!("登记抽查结果：{credit_code} {outcome}（{inspected_on}）"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
