//! Storage of penalty cases and suspended numbers.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{self, PenaltyState};
use crate::db::{Db, Page, Tx};
use crate::error::AppError;
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub unit_id: i64,
    pub decision_no: String,
    pub party_kind: String,
    pub party_name: String,
    pub credit_code: String,
    pub legal_rep: String,
    pub facts: String,
    pub basis: String,
    pub penalty_kind: model::PenaltyKinds,
    pub penalty_content: String,
    pub fine_cents: i64,
    pub decided_on: NaiveDate,
    pub authority: String,
    pub violation_type: String,
    pub district: String,
    pub full_text: String,
    pub masked_party: String,
    pub masked_facts: String,
    pub masked_text: String,
    pub maskings: String,
    pub restriction: String,
    pub state: PenaltyState,
    pub created_by: Option<i64>,
    pub confirmed_by: Option<i64>,
    pub published_on: Option<NaiveDate>,
    pub retention_until: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdraw_kind: Option<String>,
    pub withdraw_reason: Option<String>,
    pub event_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl CaseRow {
    pub fn state(&self) -> PenaltyState {
        self.state
    }
    pub fn natural(&self) -> bool {
        self.party_kind == "natural"
    }
    pub fn kind_label(&self) -> String {
        self.penalty_kind.label()
    }
    pub fn violation_label(&self) -> &'static str {
        model::ViolationType::parse(&self.violation_type)
            .map(|k| k.label())
            .unwrap_or("")
    }
}

const COLS: &str = "id, unit_id, decision_no, party_kind, party_name, credit_code, legal_rep, facts, basis, penalty_kind, penalty_content, fine_cents, decided_on, authority, violation_type, district, full_text, masked_party, masked_facts, masked_text, maskings, restriction, state, created_by, confirmed_by, published_on, retention_until, withdrawn_on, withdraw_kind, withdraw_reason, event_on, created_at";

/// A checked case to insert.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub unit_id: i64,
    pub decision_no: String,
    pub natural: bool,
    pub party_name: String,
    pub credit_code: String,
    pub legal_rep: String,
    pub facts: String,
    pub basis: String,
    pub penalty_kind: model::PenaltyKinds,
    pub penalty_content: String,
    pub fine_cents: i64,
    pub decided_on: NaiveDate,
    pub authority: String,
    pub violation_type: model::ViolationType,
    pub district: String,
    pub full_text: String,
    pub restriction: Option<model::Restriction>,
}

pub async fn decision_exists(db: &Db, decision_no: &str) -> sqlx::Result<bool> {
    let n: i64 = with_db!(db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM penalty_cases WHERE decision_no = $1")
            .bind(decision_no)
            .fetch_one(p)
            .await
    })?;
    Ok(n > 0)
}

/// Insert a case with its masked texts `m` (state: pending confirmation).
pub async fn insert(
    tx: &mut crate::db::Tx,
    c: &NewCase,
    m: &model::Masked,
    by: Option<i64>,
) -> sqlx::Result<i64> {
    let maskings =
        serde_json::to_string(&m.maskings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO penalty_cases (unit_id, decision_no, party_kind, party_name, credit_code, legal_rep, facts,
               basis, penalty_kind, penalty_content, fine_cents, decided_on, authority, violation_type, district,
               full_text, masked_party, masked_facts, masked_text, maskings, restriction, state, created_by,
               created_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,'pending',$22,$23,$23)
             RETURNING id",
        )
        .bind(c.unit_id)
        .bind(&c.decision_no)
        .bind(if c.natural { "natural" } else { "org" })
        .bind(&c.party_name)
        .bind(&c.credit_code)
        .bind(&c.legal_rep)
        .bind(&c.facts)
        .bind(&c.basis)
        .bind(c.penalty_kind.code())
        .bind(&c.penalty_content)
        .bind(c.fine_cents)
        .bind(c.decided_on)
        .bind(&c.authority)
        .bind(c.violation_type.code())
        .bind(&c.district)
        .bind(&c.full_text)
        .bind(&m.party)
        .bind(&m.facts)
        .bind(&m.text)
        .bind(&maskings)
        .bind(c.restriction.map(|r| r.code()).unwrap_or(""))
        .bind(by)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn get(db: &Db, id: i64) -> Result<CaseRow, AppError> {
    let sql = format!("SELECT {COLS} FROM penalty_cases WHERE id = $1");
    let row: Option<CaseRow> = with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })?;
    row.ok_or(AppError::NotFound)
}

/// Public filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: Option<i32>,
    pub violation: Option<String>,
    pub district: Option<String>,
    pub q: Option<String>,
}

/// Which cases are public, as a condition on the unqualified columns of
/// `penalty_cases`: published ones; withdrawn and expired cases leave the public list,
/// its filters, the export and site search. What the public sees of one case is
/// [`public_view`]: a withdrawn case only by its number and the withdrawal notice.
pub const PUBLIC: &str = "state = 'published'";

/// A published case as the public sees it (masked columns only).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PublicCase {
    pub id: i64,
    /// 决定书文号
    pub decision_no: String,
    /// 当事人（自然人已去标识化）
    pub party: String,
    /// 统一社会信用代码（法人或其他组织）
    pub credit_code: String,
    pub facts: String,
    pub basis: String,
    /// 处罚种类（多种时以“；”分隔；`penalty_kinds` 逐项列出）
    pub penalty_kind: String,
    pub penalty_kinds: Vec<String>,
    pub penalty_content: String,
    /// 罚款金额（元）
    pub fine: String,
    pub decided_on: NaiveDate,
    pub authority: String,
    pub violation_type: String,
    pub district: String,
    pub published_on: Option<NaiveDate>,
    /// 决定书全文（去标识化）
    pub text: String,
    /// 公示中的案件恒为空；已撤回的案件只返回 WithdrawnCase
    pub withdrawn: Option<String>,
}

/// A withdrawn case as the public sees it: its number and the withdrawal notice,
/// nothing about the party or the facts.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct WithdrawnCase {
    pub id: i64,
    /// 决定书文号
    pub decision_no: String,
    /// 撤回说明（日期与原因）
    pub withdrawn: String,
}

/// What the public may see of one case.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum PublicView {
    Published(Box<PublicCase>),
    Withdrawn(WithdrawnCase),
}

/// The one rule for what of a case is public: a published case by its masked
/// columns; a withdrawn case that had been published only by its number and the
/// withdrawal notice; anything else (pending, confirmed, expired, never published)
/// not at all. Pages, the API, the export and search all go through this or
/// [`PUBLIC`].
pub fn public_view(c: &CaseRow) -> Option<PublicView> {
    match c.state() {
        PenaltyState::Published if c.published_on.is_some() => {
            Some(PublicView::Published(Box::new(PublicCase {
                id: c.id,
                decision_no: c.decision_no.clone(),
                party: c.masked_party.clone(),
                credit_code: if c.natural() {
                    String::new()
                } else {
                    c.credit_code.clone()
                },
                facts: c.masked_facts.clone(),
                basis: c.basis.clone(),
                penalty_kind: c.kind_label(),
                penalty_kinds: c.penalty_kind.labels(),
                penalty_content: c.penalty_content.clone(),
                fine: model::yuan(c.fine_cents),
                decided_on: c.decided_on,
                authority: c.authority.clone(),
                violation_type: c.violation_label().into(),
                district: c.district.clone(),
                published_on: c.published_on,
                text: c.masked_text.clone(),
                withdrawn: None,
            })))
        }
        PenaltyState::Withdrawn if c.published_on.is_some() => {
            Some(PublicView::Withdrawn(WithdrawnCase {
                id: c.id,
                decision_no: c.decision_no.clone(),
                withdrawn: format!(
                    "本案公示信息已于{}撤回。原因：{}。{}",
                    c.withdrawn_on.map(|d| d.to_string()).unwrap_or_default(),
                    c.withdraw_kind
                        .as_deref()
                        .and_then(model::WithdrawKind::parse)
                        .map(|k| k.label())
                        .unwrap_or(""),
                    c.withdraw_reason.clone().unwrap_or_default()
                ),
            }))
        }
        _ => None,
    }
}

/// The published cases among `rows`, as the public sees them (list, export).
pub fn published_only(rows: &[CaseRow]) -> Vec<PublicCase> {
    rows.iter()
        .filter_map(|c| match public_view(c) {
            Some(PublicView::Published(p)) => Some(*p),
            _ => None,
        })
        .collect()
}

/// One case as the public sees it, or 404.
pub async fn public_case(db: &Db, id: i64) -> Result<PublicView, AppError> {
    let c = get(db, id).await?;
    public_view(&c).ok_or(AppError::NotFound)
}

/// Published cases ([`PUBLIC`]) for the portal list.
pub async fn public_list(db: &Db, f: &Filter, page: Page) -> sqlx::Result<(Vec<CaseRow>, i64)> {
    // $1, $2: the decision-date range (the whole calendar without a year filter).
    let from = f
        .year
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .or(NaiveDate::from_ymd_opt(1900, 1, 1))
        .unwrap_or_default();
    let to = f
        .year
        .and_then(|y| NaiveDate::from_ymd_opt(y + 1, 1, 1))
        .or(NaiveDate::from_ymd_opt(9999, 12, 31))
        .unwrap_or_default();
    let mut wh = vec![format!("{PUBLIC} AND decided_on >= $1 AND decided_on < $2")];
    let mut binds: Vec<String> = Vec::new();
    if let Some(v) = &f.violation {
        binds.push(v.clone());
        wh.push(format!("violation_type = ${}", binds.len() + 2));
    }
    if let Some(d) = &f.district {
        binds.push(d.clone());
        wh.push(format!("district = ${}", binds.len() + 2));
    }
    if let Some(q) = &f.q {
        binds.push(format!("%{}%", q.replace(['%', '_'], "")));
        let n = binds.len() + 2;
        wh.push(format!(
            "(masked_party LIKE ${n} OR decision_no LIKE ${n} OR masked_facts LIKE ${n})"
        ));
    }
    let w = wh.join(" AND ");
    let sql = format!(
        "SELECT {COLS} FROM penalty_cases WHERE {w} ORDER BY decided_on DESC, id DESC LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM penalty_cases WHERE {w}");
    let rows: Vec<CaseRow> = with_db!(db, |p| {
        let mut q = sqlx::query_as(&sql).bind(from).bind(to);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(p).await
    })?;
    let total: i64 = with_db!(db, |p| {
        let mut q = sqlx::query_scalar(&count).bind(from).bind(to);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_one(p).await
    })?;
    Ok((rows, total))
}

/// Districts with published cases (filter options).
pub async fn public_districts(db: &Db) -> sqlx::Result<Vec<String>> {
    let sql = format!(
        "SELECT DISTINCT district FROM penalty_cases WHERE {PUBLIC} AND district <> '' ORDER BY district"
    );
    with_db!(db, |p| { sqlx::query_scalar(&sql).fetch_all(p).await })
}

/// Back-office list of the given units.
pub async fn list(
    db: &Db,
    units: Option<&[i64]>,
    only: Option<PenaltyState>,
    page: Page,
) -> sqlx::Result<(Vec<CaseRow>, i64)> {
    let mut w = units
        .map(|u| format!("unit_id IN ({})", crate::db::id_list(u)))
        .unwrap_or_else(|| "1=1".into());
    if let Some(s) = only {
        // A code of the enum, never user text.
        w.push_str(&format!(" AND state = '{}'", s.code()));
    }
    let sql = format!(
        "SELECT {COLS} FROM penalty_cases WHERE {w} ORDER BY id DESC LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM penalty_cases WHERE {w}");
    let rows: Vec<CaseRow> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let total: i64 = with_db!(db, |p| { sqlx::query_scalar(&count).fetch_one(p).await })?;
    Ok((rows, total))
}

/// The new state and the columns it sets.
pub enum Change {
    Confirm {
        party: String,
        facts: String,
        text: String,
        by: Option<i64>,
    },
    Publish {
        on: NaiveDate,
        until: NaiveDate,
    },
    Withdraw {
        on: NaiveDate,
        kind: String,
        reason: String,
        event_on: NaiveDate,
    },
}

/// Apply a change guarded by the current state `from`; false when the state had
/// changed meanwhile.
pub async fn change(
    tx: &mut Tx,
    case_id: i64,
    from: PenaltyState,
    change: &Change,
) -> sqlx::Result<bool> {
    let now = crate::clock::now();
    let changed = match change {
        Change::Confirm {
            party,
            facts,
            text,
            by,
        } => with_tx!(&mut *tx, |x| {
            sqlx::query(
                "UPDATE penalty_cases SET state = 'confirmed', masked_party = $1, masked_facts = $2, masked_text = $3,
                   confirmed_by = $4, confirmed_at = $5, updated_at = $5 WHERE id = $6 AND state = $7",
            )
            .bind(party)
            .bind(facts)
            .bind(text)
            .bind(by)
            .bind(now)
            .bind(case_id)
            .bind(from.code())
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?,
        Change::Publish { on, until } => with_tx!(&mut *tx, |x| {
            sqlx::query(
                "UPDATE penalty_cases SET state = 'published', published_on = $1, retention_until = $2, updated_at = $3
                 WHERE id = $4 AND state = $5",
            )
            .bind(on)
            .bind(until)
            .bind(now)
            .bind(case_id)
            .bind(from.code())
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?,
        Change::Withdraw {
            on,
            kind,
            reason,
            event_on,
        } => with_tx!(&mut *tx, |x| {
            sqlx::query(
                "UPDATE penalty_cases SET state = 'withdrawn', withdrawn_on = $1, withdraw_kind = $2, withdraw_reason = $3,
                   event_on = $4, updated_at = $5 WHERE id = $6 AND state = $7",
            )
            .bind(on)
            .bind(kind)
            .bind(reason)
            .bind(event_on)
            .bind(now)
            .bind(case_id)
            .bind(from.code())
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?,
    };
    Ok(changed > 0)
}

/// Take cases whose public period ended off the portal (daily job).
pub async fn expire(db: &Db, today: NaiveDate) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query(
            "UPDATE penalty_cases SET state = 'expired', updated_at = $1 WHERE state = 'published' AND retention_until < $2",
        )
        .bind(crate::clock::now())
        .bind(today)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
}

/// The hand-added texts of a case (one a line).
pub async fn extras(db: &Db, id: i64) -> sqlx::Result<Vec<String>> {
    let raw: Option<String> = with_db!(db, |p| {
        sqlx::query_scalar("SELECT extra_masks FROM penalty_cases WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await
    })?;
    Ok(raw
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}

/// Store a pending case masked again with the hand-added `extras`; false when the
/// case is no longer pending.
pub async fn set_masks(
    tx: &mut Tx,
    case_id: i64,
    m: &model::Masked,
    extras: &[String],
) -> sqlx::Result<bool> {
    let maskings =
        serde_json::to_string(&m.maskings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let changed = with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE penalty_cases SET masked_party = $1, masked_facts = $2, masked_text = $3, maskings = $4,
               extra_masks = $5, updated_at = $6 WHERE id = $7 AND state = 'pending'",
        )
        .bind(&m.party)
        .bind(&m.facts)
        .bind(&m.text)
        .bind(&maskings)
        .bind(extras.join("\n"))
        .bind(crate::clock::now())
        .bind(case_id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed > 0)
}

pub use super::store_numbers::{NumberRow, add_number, lift_number, number_unit, numbers};
