//! Storage of cases and their event logs (SQL only). The changes — creating a case,
//! appending a checked event, assigning — are transactions of `case_service`, which
//! also writes their audit entries.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::clock::{Clock, Dated, Event};
use super::input::NewCase;
use super::model::{ApplicantKind, Channel};
use crate::audit::Actor;
use crate::db::{Db, Page, Tx, id_list};
use crate::error::AppError;
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub receipt_no: String,
    pub query_code: String,
    pub unit_id: i64,
    /// The FOI office the application was routed to at creation.
    pub office_id: i64,
    pub handler_id: Option<i64>,
    pub channel: Channel,
    pub applicant_kind: ApplicantKind,
    pub applicant_name: String,
    pub id_kind: String,
    pub id_number: String,
    pub legal_rep: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub postcode: String,
    pub info_title: String,
    pub info_doc_no: String,
    pub info_description: String,
    pub purpose: String,
    pub delivery_form: String,
    pub delivery_method: String,
    pub status: String,
    pub outcome: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub concluded_on: Option<NaiveDate>,
    pub anonymised: bool,
    pub created_at: DateTime<Utc>,
    /// Forwarded by another platform: its name, its number, the original submission.
    pub forwarded_by: Option<String>,
    pub forwarded_ref: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl CaseRow {
    pub fn channel(&self) -> Channel {
        self.channel
    }
    pub fn kind(&self) -> ApplicantKind {
        self.applicant_kind
    }
}

pub(super) const COLS: &str = "id, receipt_no, query_code, unit_id, office_id, handler_id, channel, applicant_kind, applicant_name, id_kind, id_number, legal_rep, contact_name, phone, email, address, postcode, info_title, info_doc_no, info_description, purpose, delivery_form, delivery_method, status, outcome, received_on, concluded_on, anonymised, created_at, forwarded_by, forwarded_ref, submitted_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub case_id: i64,
    pub seq: i64,
    pub kind: String,
    pub occurred_on: NaiveDate,
    pub data: String,
    pub actor: String,
    pub recorded_at: DateTime<Utc>,
}

impl EventRow {
    pub fn dated(&self) -> Option<Dated> {
        let event: Event = serde_json::from_str(&self.data).ok()?;
        Some(Dated {
            seq: u32::try_from(self.seq).ok()?,
            on: self.occurred_on,
            event,
        })
    }
}

/// Created case: its number and the query code for the applicant.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub receipt_no: String,
    pub query_code: String,
    /// False when an earlier submission with the same idempotency key was found.
    pub new: bool,
}

/// An application forwarded by another platform (一网通办, 12345).
#[derive(Debug, Clone)]
pub struct Forwarded {
    /// The platform's name.
    pub platform: String,
    /// The application's number on that platform.
    pub reference: String,
    /// When the applicant submitted it there.
    pub submitted_at: DateTime<Utc>,
    /// The day the organ and the applicant confirmed it (Art. 31: the receipt date).
    pub confirmed_on: Option<NaiveDate>,
}

/// The FOI office an application to `organ` is routed to: the organ must accept
/// applications and be active, and its office must be active (None otherwise).
pub async fn office_for(db: &Db, organ: i64) -> sqlx::Result<Option<i64>> {
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT u.foi_office_id FROM units u JOIN units o ON o.id = u.foi_office_id
             WHERE u.id = $1 AND u.accepts_foi AND u.active AND o.active",
        )
        .bind(organ)
        .fetch_optional(p)
        .await
    })
}

/// What a new case row holds besides the application itself.
pub struct CaseInsert<'a> {
    /// Replaced by the receipt number once the id is known ([`set_receipt_no`]).
    pub placeholder: &'a str,
    pub query_code: &'a str,
    pub idempotency_key: Option<&'a str>,
    pub idempotency_hash: Option<&'a str>,
    /// The status and receipt date after the first events.
    pub status: &'a str,
    pub received_on: Option<NaiveDate>,
    pub office_id: i64,
    pub forwarded: Option<&'a Forwarded>,
    pub now: DateTime<Utc>,
}

/// Insert a case row; a unique violation means the idempotency key was taken.
pub async fn insert_case(tx: &mut Tx, c: &NewCase, r: &CaseInsert<'_>) -> sqlx::Result<i64> {
    let fwd = r.forwarded;
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO foi_cases (receipt_no, query_code, idempotency_key, unit_id, channel, applicant_kind,
               applicant_name, id_kind, id_number, legal_rep, contact_name, phone, email, address, postcode,
               info_title, info_doc_no, info_description, purpose, delivery_form, delivery_method, status,
               received_on, created_at, updated_at, idempotency_hash, office_id, forwarded_by, forwarded_ref,
               submitted_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$24,$25,
               $26,$27,$28,$29)
             RETURNING id",
        )
        .bind(r.placeholder)
        .bind(r.query_code)
        .bind(r.idempotency_key)
        .bind(c.unit_id)
        .bind(c.channel.code())
        .bind(c.applicant_kind.code())
        .bind(&c.applicant_name)
        .bind(c.id_kind.code())
        .bind(&c.id_number)
        .bind(&c.legal_rep)
        .bind(&c.contact_name)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(&c.address)
        .bind(&c.postcode)
        .bind(&c.info_title)
        .bind(&c.info_doc_no)
        .bind(&c.info_description)
        .bind(&c.purpose)
        .bind(c.delivery_form.code())
        .bind(c.delivery_method.code())
        .bind(r.status)
        .bind(r.received_on)
        .bind(r.now)
        .bind(r.idempotency_hash)
        .bind(r.office_id)
        .bind(fwd.map(|f| f.platform.as_str()))
        .bind(fwd.map(|f| f.reference.as_str()))
        .bind(fwd.map(|f| f.submitted_at))
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn set_receipt_no(tx: &mut Tx, id: i64, receipt_no: &str) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query("UPDATE foi_cases SET receipt_no = $1 WHERE id = $2")
            .bind(receipt_no)
            .bind(id)
            .execute(&mut **x)
            .await
            .map(|_| ())
    })
}

/// The case stored with an idempotency key: (id, receipt number, query code, the
/// payload hash it was stored with).
pub type KeyedCase = (i64, String, String, Option<String>);

pub async fn by_idempotency_key(db: &Db, key: &str) -> sqlx::Result<Option<KeyedCase>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, receipt_no, query_code, idempotency_hash FROM foi_cases WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(p)
        .await
    })
}

/// Insert one event of a case's log; a unique violation means another request
/// appended event `seq` first.
pub async fn insert_event(
    tx: &mut Tx,
    case_id: i64,
    seq: u32,
    on: NaiveDate,
    event: &Event,
    actor: &Actor,
) -> sqlx::Result<()> {
    let data = serde_json::to_string(event).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    with_tx!(tx, |x| {
        sqlx::query(
            "INSERT INTO foi_events (case_id, seq, kind, occurred_on, data, actor_id, actor, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(case_id)
        .bind(i64::from(seq))
        .bind(event.code())
        .bind(on)
        .bind(&data)
        .bind(actor.id)
        .bind(&actor.name)
        .bind(crate::clock::now())
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> Result<CaseRow, AppError> {
    let sql = format!("SELECT {COLS} FROM foi_cases WHERE id = $1");
    let row: Option<CaseRow> = with_db!(db, |p| {
        sqlx::query_as(&sql).bind(id).fetch_optional(p).await
    })?;
    row.ok_or(AppError::NotFound)
}

pub async fn by_receipt(db: &Db, receipt_no: &str) -> sqlx::Result<Option<CaseRow>> {
    let sql = format!("SELECT {COLS} FROM foi_cases WHERE receipt_no = $1");
    with_db!(db, |p| {
        sqlx::query_as(&sql)
            .bind(receipt_no)
            .fetch_optional(p)
            .await
    })
}

pub async fn events(db: &Db, case_id: i64) -> sqlx::Result<Vec<EventRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, case_id, seq, kind, occurred_on, data, actor, recorded_at FROM foi_events
             WHERE case_id = $1 ORDER BY seq",
        )
        .bind(case_id)
        .fetch_all(p)
        .await
    })
}

/// The event logs of many cases in one query.
pub async fn events_of(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<Dated>>> {
    let sql = format!(
        "SELECT id, case_id, seq, kind, occurred_on, data, actor, recorded_at FROM foi_events
         WHERE case_id IN ({}) ORDER BY case_id, seq",
        id_list(ids)
    );
    let rows: Vec<EventRow> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let mut out: HashMap<i64, Vec<Dated>> = HashMap::new();
    for r in rows {
        if let Some(d) = r.dated() {
            out.entry(r.case_id).or_default().push(d);
        }
    }
    Ok(out)
}

pub fn dated(rows: &[EventRow]) -> Vec<Dated> {
    rows.iter().filter_map(EventRow::dated).collect()
}

/// Rewrite the cached status columns of a case from its clock.
pub async fn set_status(tx: &mut Tx, case_id: i64, after: &Clock) -> sqlx::Result<()> {
    let outcome = after.outcome.map(|(o, g)| match g {
        Some(g) => format!("{}:{}", o.code(), g.code()),
        None => o.code().to_string(),
    });
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE foi_cases SET status = $1, outcome = $2, received_on = $3, concluded_on = $4, updated_at = $5
             WHERE id = $6",
        )
        .bind(after.status.code())
        .bind(&outcome)
        .bind(after.received_on)
        .bind(after.concluded_on)
        .bind(crate::clock::now())
        .bind(case_id)
        .execute(&mut **x)
        .await
        .map(|_| ())
    })
}

pub async fn set_handler(tx: &mut Tx, case_id: i64, handler: i64) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query("UPDATE foi_cases SET handler_id = $1, updated_at = $2 WHERE id = $3")
            .bind(handler)
            .bind(crate::clock::now())
            .bind(case_id)
            .execute(&mut **x)
            .await
            .map(|_| ())
    })
}

/// A case belongs to the units of its organ and of its FOI office.
fn in_units(units: &[i64]) -> String {
    let l = id_list(units);
    format!("(unit_id IN ({l}) OR office_id IN ({l}))")
}

/// Cases of the given units (None: all), optionally only open ones, newest first.
pub async fn list(
    db: &Db,
    units: Option<&[i64]>,
    status: Option<&str>,
    page: Page,
) -> sqlx::Result<(Vec<CaseRow>, i64)> {
    let mut wh = vec!["1=1".to_string()];
    if let Some(u) = units {
        wh.push(in_units(u));
    }
    if status.is_some() {
        wh.push("status = $1".into());
    }
    let w = wh.join(" AND ");
    let sql = format!(
        "SELECT {COLS} FROM foi_cases WHERE {w} ORDER BY id DESC LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let count = format!("SELECT COUNT(*) FROM foi_cases WHERE {w}");
    let st = status.unwrap_or("");
    let rows: Vec<CaseRow> = with_db!(db, |p| {
        let q = sqlx::query_as(&sql);
        if status.is_some() {
            q.bind(st).fetch_all(p).await
        } else {
            q.fetch_all(p).await
        }
    })?;
    let total: i64 = with_db!(db, |p| {
        let q = sqlx::query_scalar(&count);
        if status.is_some() {
            q.bind(st).fetch_one(p).await
        } else {
            q.fetch_one(p).await
        }
    })?;
    Ok((rows, total))
}

/// Every open case of the given units (for the deadline dashboard and reminders).
pub async fn open_cases(db: &Db, units: Option<&[i64]>) -> sqlx::Result<Vec<CaseRow>> {
    let unit_filter = units
        .map(|u| format!(" AND {}", in_units(u)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {COLS} FROM foi_cases WHERE status IN ('awaiting_confirmation','in_progress','awaiting_correction','consulting','awaiting_fee'){unit_filter} ORDER BY id"
    );
    with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })
}

/// Letter templates stored by administrators (kind → (title, body)).
pub async fn templates(db: &Db) -> sqlx::Result<HashMap<String, (String, String)>> {
    let rows: Vec<(String, String, String)> = with_db!(db, |p| {
        sqlx::query_as("SELECT kind, title, body FROM foi_letter_templates")
            .fetch_all(p)
            .await
    })?;
    Ok(rows.into_iter().map(|(k, t, b)| (k, (t, b))).collect())
}

pub async fn save_template(
    tx: &mut Tx,
    kind: &str,
    title: &str,
    body: &str,
    by: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query(
            "INSERT INTO foi_letter_templates (kind, title, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (kind) DO UPDATE SET title = excluded.title, body = excluded.body,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(kind)
        .bind(title)
        .bind(body)
        .bind(crate::clock::now())
        .bind(by)
        .execute(&mut **x)
        .await
        .map(|_| ())
    })
}

pub use super::store_files::{FileRow, file, files, insert_file};
pub use super::store_queries::{nth_in_month, raise_reminder, report_facts, same_applicant};
