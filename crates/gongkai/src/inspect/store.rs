//! Storage of the 双随机 directories, items, plans, draws and results.

use crate::inspect::InspectAction;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntityRow {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub entity_type: String,
    pub district: String,
    pub address: String,
    pub risk: String,
    pub complaints: i64,
    pub penalties: i64,
    pub active: bool,
}

impl EntityRow {
    /// Higher inclusion: high risk, or complaints or penalties on record.
    pub fn high_risk(&self) -> bool {
        self.risk == "high" || self.complaints > 0 || self.penalties > 0
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InspectorRow {
    pub id: i64,
    pub name: String,
    pub cert_no: String,
    pub unit_id: i64,
    pub district: String,
    pub fields: String,
    pub conflicts: String,
    pub active: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub name: String,
    pub basis: String,
    pub subject_type: String,
    pub method: String,
    pub frequency: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    /// The unit the plan (and its draws and results) belongs to; None only for
    /// data without a root unit to assign it to (a global scope covers it).
    pub unit_id: Option<i64>,
    pub year: i64,
    pub item_id: i64,
    pub ratio_permille: i64,
    pub high_risk_factor: i64,
    pub per_entity: i64,
    pub exclude_own: bool,
    pub strata: String,
    pub required_strata: String,
    pub schedule: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DrawRow {
    pub id: i64,
    pub plan_id: i64,
    pub state: String,
    pub input_json: String,
    pub input_hash: String,
    pub commitment: String,
    pub seed: String,
    pub record_json: Option<String>,
    pub result_hash: Option<String>,
    pub committed_at: DateTime<Utc>,
    pub drawn_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResultRow {
    pub id: i64,
    pub draw_id: i64,
    pub credit_code: String,
    pub outcome: String,
    pub inspected_on: NaiveDate,
    pub note: String,
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn entities(db: &Db) -> sqlx::Result<Vec<EntityRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, name, credit_code, entity_type, district, address, risk, complaints, penalties, active
             FROM inspect_entities ORDER BY district, credit_code",
        )
        .fetch_all(p)
        .await
    })
}

pub async fn inspectors(db: &Db) -> sqlx::Result<Vec<InspectorRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, name, cert_no, unit_id, district, fields, conflicts, active FROM inspect_inspectors ORDER BY cert_no",
        )
        .fetch_all(p)
        .await
    })
}

pub async fn items(db: &Db) -> sqlx::Result<Vec<ItemRow>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT id, name, basis, subject_type, method, frequency FROM inspect_items ORDER BY id")
            .fetch_all(p)
            .await
    })
}

pub async fn plans(db: &Db) -> sqlx::Result<Vec<PlanRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, unit_id, year, item_id, ratio_permille, high_risk_factor, per_entity, exclude_own, strata, required_strata, schedule
             FROM inspect_plans ORDER BY year DESC, id",
        )
        .fetch_all(p)
        .await
    })
}

const DRAW_COLS: &str = "id, plan_id, state, input_json, input_hash, commitment, seed, record_json, result_hash, committed_at, drawn_at";

pub async fn draws(db: &Db) -> sqlx::Result<Vec<DrawRow>> {
    let sql = format!("SELECT {DRAW_COLS} FROM inspect_draws ORDER BY id DESC");
    with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })
}

pub async fn draw(db: &Db, id: i64) -> Result<DrawRow, AppError> {
    let sql = format!("SELECT {DRAW_COLS} FROM inspect_draws WHERE id = $1");
    let row: Option<DrawRow> = with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })?;
    row.ok_or(AppError::NotFound)
}

/// Which inspection results are public, as a condition on the unqualified columns
/// of `inspect_results`: published ones (the public results page, site search).
pub const PUBLIC: &str = "published";

const RESULT_COLS: &str =
    "id, draw_id, credit_code, outcome, inspected_on, note, published, created_at";

pub async fn results(db: &Db) -> sqlx::Result<Vec<ResultRow>> {
    let sql =
        format!("SELECT {RESULT_COLS} FROM inspect_results ORDER BY draw_id DESC, credit_code");
    with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })
}

/// The public results ([`PUBLIC`]), in the order of [`results`].
pub async fn public_results(db: &Db) -> sqlx::Result<Vec<ResultRow>> {
    let sql = format!(
        "SELECT {RESULT_COLS} FROM inspect_results WHERE {PUBLIC} ORDER BY draw_id DESC, credit_code"
    );
    with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })
}

/// Upsert entities by 统一社会信用代码 (an import), audited; returns how many.
pub async fn upsert_entities(
    db: &Db,
    rows: &[EntityRow],
    actor: &Actor,
) -> Result<usize, AppError> {
    let mut tx = db.begin().await?;
    let now = crate::clock::now();
    for e in rows {
        with_tx!(&mut tx, |x| {
            sqlx::query(
                "INSERT INTO inspect_entities (name, credit_code, entity_type, district, address, risk, complaints, penalties, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9)
                 ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, entity_type = excluded.entity_type,
                   district = excluded.district, address = excluded.address, risk = excluded.risk,
                   complaints = excluded.complaints, penalties = excluded.penalties, active = TRUE",
            )
            .bind(&e.name)
            .bind(&e.credit_code)
            .bind(&e.entity_type)
            .bind(&e.district)
            .bind(&e.address)
            .bind(&e.risk)
            .bind(e.complaints)
            .bind(e.penalties)
            .bind(now)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
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

pub async fn upsert_inspectors(
    db: &Db,
    rows: &[InspectorRow],
    actor: &Actor,
) -> Result<usize, AppError> {
    let mut tx = db.begin().await?;
    let now = crate::clock::now();
    for i in rows {
        with_tx!(&mut tx, |x| {
            sqlx::query(
                "INSERT INTO inspect_inspectors (name, cert_no, unit_id, district, fields, conflicts, active, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (cert_no) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,
                   district = excluded.district, fields = excluded.fields, conflicts = excluded.conflicts, active = excluded.active",
            )
            .bind(&i.name)
            .bind(&i.cert_no)
            .bind(i.unit_id)
            .bind(&i.district)
            .bind(&i.fields)
            .bind(&i.conflicts)
            .bind(i.active)
            .bind(now)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
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
    let id: i64 = with_tx!(&mut tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO inspect_items (name, basis, subject_type, method, frequency, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&i.name)
        .bind(&i.basis)
        .bind(&i.subject_type)
        .bind(&i.method)
        .bind(&i.frequency)
        .bind(crate::clock::now())
        .fetch_one(&mut **x)
        .await
    })?;
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
    let id: i64 = with_tx!(&mut tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO inspect_plans (year, item_id, ratio_permille, high_risk_factor, per_entity, exclude_own, strata, required_strata, schedule, created_at, unit_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(p.year)
        .bind(p.item_id)
        .bind(p.ratio_permille)
        .bind(p.high_risk_factor)
        .bind(p.per_entity)
        .bind(p.exclude_own)
        .bind(&p.strata)
        .bind(&p.required_strata)
        .bind(&p.schedule)
        .bind(crate::clock::now())
        .bind(p.unit_id)
        .fetch_one(&mut **x)
        .await
    })?;
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
    let mut tx = db.begin().await?;
    let id: i64 = with_tx!(&mut tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO inspect_draws (plan_id, state, input_json, input_hash, commitment, seed, committed_at)
             VALUES ($1, 'committed', $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(plan_id)
        .bind(&input_json)
        .bind(input.hash_hex())
        .bind(draw::commitment(seed))
        .bind(hex::encode(seed))
        .bind(crate::clock::now())
        .fetch_one(&mut **x)
        .await
    })?;
    audit::append(
        &mut tx,
        actor,
        InspectAction::Commit,
        "inspect_draw",
        Some(id.to_string()),
        format!(
            "冻结抽取名单并公布承诺值 {}（名单哈希 {}）",
            draw::commitment(seed),
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
    let n = with_tx!(&mut tx, |x| {
        sqlx::query(
            "UPDATE inspect_draws SET state = 'drawn', record_json = $1, result_hash = $2, drawn_at = $3 WHERE id = $4 AND state = 'committed'",
        )
        .bind(&json)
        .bind(&record.result_hash)
        .bind(crate::clock::now())
        .bind(d.id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n == 0 {
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
    with_tx!(&mut tx, |x| {
        sqlx::query(
            "INSERT INTO inspect_results (draw_id, credit_code, outcome, inspected_on, note, published, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6)
             ON CONFLICT (draw_id, credit_code) DO UPDATE SET outcome = excluded.outcome,
               inspected_on = excluded.inspected_on, note = excluded.note, updated_at = excluded.updated_at",
        )
        .bind(draw_id)
        .bind(credit_code)
        .bind(outcome)
        .bind(inspected_on)
        .bind(note)
        .bind(crate::clock::now())
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
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

/// The team each entity had in the last drawn draw of the same item (to avoid the
/// identical pair).
pub fn previous_teams(
    draws: &[DrawRow],
    plans: &[PlanRow],
    item_id: i64,
) -> BTreeMap<String, Vec<String>> {
    let plan_ids: Vec<i64> = plans
        .iter()
        .filter(|p| p.item_id == item_id)
        .map(|p| p.id)
        .collect();
    draws
        .iter()
        .filter(|d| plan_ids.contains(&d.plan_id) && d.state == "drawn")
        .max_by_key(|d| d.id)
        .and_then(|d| d.record_json.as_deref())
        .and_then(|j| serde_json::from_str::<draw::Record>(j).ok())
        .map(|r| {
            r.result
                .into_iter()
                .map(|a| (a.entity, a.inspectors))
                .collect()
        })
        .unwrap_or_default()
}
