//! Storage of the 双随机 directories, items, plans, draws and results.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{Db, Tx};
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

/// Upsert entities by 统一社会信用代码 (an import).
pub async fn upsert_entities(tx: &mut Tx, rows: &[EntityRow]) -> sqlx::Result<()> {
    let now = crate::clock::now();
    for e in rows {
        with_tx!(&mut *tx, |x| {
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
    Ok(())
}

/// Upsert inspectors by 执法证号 (an import).
pub async fn upsert_inspectors(tx: &mut Tx, rows: &[InspectorRow]) -> sqlx::Result<()> {
    let now = crate::clock::now();
    for i in rows {
        with_tx!(&mut *tx, |x| {
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
    Ok(())
}

pub async fn add_item(tx: &mut Tx, i: &ItemRow) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
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
    })
}

pub async fn add_plan(tx: &mut Tx, p: &PlanRow) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
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
    })
}

/// Insert a committed draw: the frozen input (JSON), its hash, the commitment and
/// the secret seed.
pub async fn insert_draw(
    tx: &mut Tx,
    plan_id: i64,
    input_json: &str,
    input_hash: &str,
    commitment: &str,
    seed: &[u8; 32],
) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO inspect_draws (plan_id, state, input_json, input_hash, commitment, seed, committed_at)
             VALUES ($1, 'committed', $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(plan_id)
        .bind(input_json)
        .bind(input_hash)
        .bind(commitment)
        .bind(hex::encode(seed))
        .bind(crate::clock::now())
        .fetch_one(&mut **x)
        .await
    })
}

/// Store the record of a committed draw; false when it was drawn already.
pub async fn set_drawn(
    tx: &mut Tx,
    draw_id: i64,
    record_json: &str,
    result_hash: &str,
) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE inspect_draws SET state = 'drawn', record_json = $1, result_hash = $2, drawn_at = $3 WHERE id = $4 AND state = 'committed'",
        )
        .bind(record_json)
        .bind(result_hash)
        .bind(crate::clock::now())
        .bind(draw_id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n > 0)
}

/// Insert or correct the result for one drawn entity.
pub async fn upsert_result(
    tx: &mut Tx,
    draw_id: i64,
    credit_code: &str,
    outcome: &str,
    inspected_on: NaiveDate,
    note: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
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
        .map(|_| ())
    })
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
