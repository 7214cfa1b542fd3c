//! SQL of 诉求工单, each statement written once for both engines.

use chrono::{DateTime, NaiveDate, Utc};

use super::form::NewOrder;
use super::model::{Days, EventKind, Source, Status, Urgency};
use crate::db::{Arg, Db, Page, Tx, Where};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub source: Source,
    pub source_no: String,
    pub service_code: String,
    pub description: String,
    pub public_description: String,
    pub address: String,
    pub district: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub urgency: Urgency,
    pub page_url: String,
    pub error_type: String,
    pub unit_id: i64,
    pub status: Status,
    pub received_on: NaiveDate,
    pub accept_due: NaiveDate,
    pub finish_due: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub return_reason: String,
    pub result: String,
    pub reply: String,
    pub satisfaction: String,
    pub reopened: bool,
    pub query_code: String,
    pub token: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrderRow {
    pub fn error_type_label(&self) -> &'static str {
        super::model::ErrorType::parse(&self.error_type)
            .map(|t| t.label())
            .unwrap_or("")
    }
    pub fn satisfaction_label(&self) -> &'static str {
        super::model::Satisfaction::parse(&self.satisfaction)
            .map(|t| t.label())
            .unwrap_or("")
    }
}

pub const COLS: &str = "id, source, source_no, service_code, description, public_description, address, district, lat, lon, contact_name, contact_phone, contact_email, urgency, page_url, error_type, unit_id, status, received_on, accept_due, finish_due, accepted_on, finished_on, closed_on, return_reason, result, reply, satisfaction, reopened, query_code, token, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub group_name: String,
    pub active: bool,
    pub sort_order: i64,
}

pub async fn services(db: &Db, active_only: bool) -> sqlx::Result<Vec<ServiceRow>> {
    let sql = format!(
        "SELECT code, name, description, group_name, active, sort_order FROM order_services{} ORDER BY sort_order, code",
        if active_only {
            " WHERE active = TRUE"
        } else {
            ""
        }
    );
    db.rows(&sql).await
}

/// Active services as `(code, name)`, for the checks.
pub async fn service_names(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    Ok(services(db, true)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect())
}

pub async fn service(db: &Db, code: &str) -> sqlx::Result<Option<ServiceRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
        "SELECT code, name, description, group_name, active, sort_order FROM order_services WHERE code = $1"
    )
    .bind(code)
    .fetch_optional(p)
    .await
    })
}

/// Add a service or change one (by code).
pub async fn save_service(tx: &mut Tx, s: &ServiceRow) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO order_services (code, name, description, group_name, active, sort_order)
         VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (code) DO UPDATE SET name = $2, description = $3, group_name = $4, active = $5, sort_order = $6"
    )
    .bind(&s.code)
    .bind(&s.name)
    .bind(&s.description)
    .bind(&s.group_name)
    .bind(s.active)
    .bind(s.sort_order)
    .execute(&mut **c)
    .await
    .map(|_| ())
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClockRow {
    pub source: Source,
    pub urgency: Urgency,
    pub accept_days: i64,
    pub finish_days: i64,
}

pub async fn clock_rows(db: &Db) -> sqlx::Result<Vec<ClockRow>> {
    with_db!(db, |p| sqlx::query_as(
        "SELECT source, urgency, accept_days, finish_days FROM order_clock ORDER BY source, urgency"
    )
    .fetch_all(p)
    .await)
}

/// The configured working days of a source and urgency, or the defaults.
pub async fn days(db: &Db, source: Source, urgency: Urgency) -> sqlx::Result<Days> {
    let row: Option<(i64, i64)> = with_db!(db, |p| sqlx::query_as(
        "SELECT accept_days, finish_days FROM order_clock WHERE source = $1 AND urgency = $2"
    )
    .bind(source)
    .bind(urgency)
    .fetch_optional(p)
    .await)?;
    Ok(match row {
        Some((a, f)) => Days {
            accept: u32::try_from(a).unwrap_or(1),
            finish: u32::try_from(f).unwrap_or(15),
        },
        None => super::model::default_days(source, urgency),
    })
}

pub async fn set_days(tx: &mut Tx, source: Source, urgency: Urgency, d: Days) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO order_clock (source, urgency, accept_days, finish_days) VALUES ($1,$2,$3,$4)
         ON CONFLICT (source, urgency) DO UPDATE SET accept_days = $3, finish_days = $4"
    )
    .bind(source)
    .bind(urgency)
    .bind(i64::from(d.accept))
    .bind(i64::from(d.finish))
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

/// The order a source already knows under this number.
pub async fn by_source_no(db: &Db, source: Source, no: &str) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("SELECT {COLS} FROM work_orders WHERE source = $1 AND source_no = $2");
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(source)
        .bind(no)
        .fetch_optional(p)
        .await)
}

/// Any order by its number (the numbers we give are unique across sources).
pub async fn by_no(db: &Db, no: &str) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("SELECT {COLS} FROM work_orders WHERE source_no = $1 ORDER BY id LIMIT 1");
    db.row_by(&sql, no).await
}

pub async fn by_token(db: &Db, token: &str) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("SELECT {COLS} FROM work_orders WHERE token = $1");
    db.row_by(&sql, token).await
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("SELECT {COLS} FROM work_orders WHERE id = $1");
    db.row_by(&sql, id).await
}

/// An order read inside a transaction.
pub async fn get_in(tx: &mut Tx, id: i64) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("SELECT {COLS} FROM work_orders WHERE id = $1");
    with_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut **c)
        .await)
}

/// What an insert needs besides the checked order.
pub struct Insert<'a> {
    pub order: &'a NewOrder,
    pub public_description: &'a str,
    pub unit_id: i64,
    pub accept_due: NaiveDate,
    pub finish_due: NaiveDate,
    pub query_code: &'a str,
    pub token: &'a str,
}

/// Insert an order; one without a source number gets ours (`WZ2026000012`).
pub async fn insert(tx: &mut Tx, i: &Insert<'_>) -> sqlx::Result<(i64, String)> {
    let o = i.order;
    let now = crate::clock::now();
    let placeholder = format!("pending-{}", i.token);
    let no = o.source_no.clone().unwrap_or(placeholder);
    let id: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO work_orders (source, source_no, service_code, description, public_description, address,
           district, lat, lon, contact_name, contact_phone, contact_email, urgency, page_url, error_type, unit_id,
           status, received_on, accept_due, finish_due, query_code, token, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'received',$17,$18,$19,$20,$21,$22,$22)
         RETURNING id"
    )
    .bind(o.source)
    .bind(&no)
    .bind(&o.service_code)
    .bind(&o.description)
    .bind(i.public_description)
    .bind(&o.address)
    .bind(&o.district)
    .bind(o.lat)
    .bind(o.lon)
    .bind(&o.contact_name)
    .bind(&o.contact_phone)
    .bind(&o.contact_email)
    .bind(o.urgency)
    .bind(&o.page_url)
    .bind(o.error_type.map(|t| t.code()).unwrap_or(""))
    .bind(i.unit_id)
    .bind(o.received_on)
    .bind(i.accept_due)
    .bind(i.finish_due)
    .bind(i.query_code)
    .bind(i.token)
    .bind(now)
    .fetch_one(&mut **c)
    .await
    })?;
    if o.source_no.is_some() {
        return Ok((id, no));
    }
    let ours = format!(
        "{}{}{id:06}",
        o.source.prefix(),
        chrono::Datelike::year(&o.received_on)
    );
    with_tx!(tx, |c| sqlx::query(
        "UPDATE work_orders SET source_no = $1 WHERE id = $2"
    )
    .bind(&ours)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|_| ()))?;
    Ok((id, ours))
}

/// Write the workflow columns of `o`, if the order is still in status `from`
/// (false: someone else moved it first).
pub async fn update(tx: &mut Tx, o: &OrderRow, from: Status) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE work_orders SET status = $1, unit_id = $2, accept_due = $3, finish_due = $4, accepted_on = $5,
           finished_on = $6, closed_on = $7, return_reason = $8, result = $9, reply = $10, satisfaction = $11,
           reopened = $12, updated_at = $13
         WHERE id = $14 AND status = $15"
    )
    .bind(o.status)
    .bind(o.unit_id)
    .bind(o.accept_due)
    .bind(o.finish_due)
    .bind(o.accepted_on)
    .bind(o.finished_on)
    .bind(o.closed_on)
    .bind(&o.return_reason)
    .bind(&o.result)
    .bind(&o.reply)
    .bind(&o.satisfaction)
    .bind(o.reopened)
    .bind(crate::clock::now())
    .bind(o.id)
    .bind(from)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub actor: String,
    pub unit_id: Option<i64>,
    pub note: String,
}

impl EventRow {
    pub fn when(&self) -> String {
        crate::clock::fmt_local(&self.at)
    }
}

pub async fn add_event(
    tx: &mut Tx,
    order_id: i64,
    kind: EventKind,
    actor: &str,
    unit_id: Option<i64>,
    note: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO work_order_events (order_id, at, kind, actor, unit_id, note) VALUES ($1,$2,$3,$4,$5,$6)"
    )
    .bind(order_id)
    .bind(crate::clock::now())
    .bind(kind)
    .bind(actor)
    .bind(unit_id)
    .bind(note)
    .execute(&mut **c)
    .await
    .map(|_| ())
    })
}

pub async fn events(db: &Db, order_id: i64) -> sqlx::Result<Vec<EventRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
        "SELECT id, at, kind, actor, unit_id, note FROM work_order_events WHERE order_id = $1 ORDER BY id"
    )
    .bind(order_id)
    .fetch_all(p)
    .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub order_id: i64,
    pub kind: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
}

impl FileRow {
    pub fn kind_label(&self) -> &'static str {
        match self.kind.as_str() {
            "screenshot" => "页面截图",
            "photo" => "现场照片",
            _ => "附件",
        }
    }
}

pub async fn add_file(
    tx: &mut Tx,
    order_id: i64,
    kind: &str,
    name: &str,
    mime: &str,
    size: usize,
    sha: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO work_order_files (order_id, kind, file_name, mime, size, sha256, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)"
    )
    .bind(order_id)
    .bind(kind)
    .bind(name)
    .bind(mime)
    .bind(i64::try_from(size).unwrap_or(i64::MAX))
    .bind(sha)
    .bind(crate::clock::now())
    .execute(&mut **c)
    .await
    .map(|_| ())
    })
}

pub async fn files(db: &Db, order_id: i64) -> sqlx::Result<Vec<FileRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
        "SELECT id, order_id, kind, file_name, mime, size, sha256 FROM work_order_files WHERE order_id = $1 ORDER BY id"
    )
    .bind(order_id)
    .fetch_all(p)
    .await
    })
}

/// The filters of the back-office list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub units: Option<Vec<i64>>,
    pub status: Option<Status>,
    pub source: Option<Source>,
    /// "overdue", "due_soon" (by the running deadline, against `today` and
    /// `soon_until`) or "returned".
    pub view: Option<String>,
    pub today: Option<NaiveDate>,
    pub soon_until: Option<NaiveDate>,
    pub service: Option<String>,
    /// Open311 filters.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub closed: Option<bool>,
}

/// The running deadline as SQL.
const DUE: &str = "(CASE WHEN status = 'received' THEN accept_due ELSE finish_due END)";

impl Filter {
    pub fn where_(&self) -> Where {
        let mut w = Where::new();
        if let Some(u) = &self.units {
            w.raw(format!("unit_id IN ({})", crate::db::id_list(u)));
        }
        if let Some(s) = self.status {
            w.push("status = ?", Arg::Text(s.code().into()));
        }
        if let Some(s) = self.source {
            w.push("source = ?", Arg::Text(s.code().into()));
        }
        if let Some(s) = &self.service {
            w.push("service_code = ?", Arg::Text(s.clone()));
        }
        let today = self.today.unwrap_or_else(crate::clock::today);
        match self.view.as_deref() {
            Some("overdue") => {
                w.raw("status IN ('received', 'accepted')");
                w.push(&format!("{DUE} < ?"), Arg::Date(today));
            }
            Some("due_soon") => {
                w.raw("status IN ('received', 'accepted')");
                w.push(&format!("{DUE} >= ?"), Arg::Date(today));
                w.push(
                    &format!("{DUE} <= ?"),
                    Arg::Date(self.soon_until.unwrap_or(today)),
                );
            }
            Some("returned") => w.raw("status = 'returned'"),
            _ => {}
        }
        if let Some(f) = self.from {
            w.push("created_at >= ?", Arg::Time(f));
        }
        if let Some(t) = self.to {
            w.push("created_at <= ?", Arg::Time(t));
        }
        match self.closed {
            Some(true) => w.raw("status IN ('returned', 'closed')"),
            Some(false) => w.raw("status NOT IN ('returned', 'closed')"),
            None => {}
        }
        w
    }
}

pub async fn list(db: &Db, f: &Filter, page: Page) -> sqlx::Result<(Vec<OrderRow>, i64)> {
    crate::db::page_where(
        db,
        COLS,
        "work_orders",
        &f.where_(),
        "received_on DESC, id DESC",
        page,
    )
    .await
}

/// An open 找错 report (national platform or our own form) that names a page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SiteReport {
    pub id: i64,
    pub source_no: String,
    pub page_url: String,
    pub error_type: String,
    pub status: Status,
    pub received_on: NaiveDate,
}

/// The 找错 reports still being handled (待签收 or 办理中) that carry a page
/// address, oldest first, at most 500.
pub async fn open_site_reports(db: &Db) -> sqlx::Result<Vec<SiteReport>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, source_no, page_url, error_type, status, received_on FROM work_orders \
             WHERE source IN ($1, $2) AND status IN ($3, $4) AND page_url <> '' \
             ORDER BY received_on, id LIMIT 500",
        )
        .bind(Source::SiteError)
        .bind(Source::SiteForm)
        .bind(Status::Received)
        .bind(Status::Accepted)
        .fetch_all(p)
        .await
    })
}
