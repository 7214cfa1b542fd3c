//! Facts for the annual report (documents, penalty decisions, 复议/诉讼 over FOI
//! cases), the proceedings themselves, and the staff-written drafts.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{DocFacts, Ended, ProceedingFacts, ProceedingKind, ProceedingOutcome};
use super::organ::Organ;
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

type DocRow = (
    i64,
    String,
    Option<String>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    Option<NaiveDate>,
);

/// 规章 (a 文号 in the decree form, …令第N号) and 行政规范性文件 that were published
/// by `organ`.
pub async fn doc_facts(db: &Db, organ: &Organ) -> sqlx::Result<Vec<DocFacts>> {
    let sql = format!(
        "SELECT id, title, doc_no, written_on, published_on, valid_until, validity, validity_changed_on \
         FROM documents WHERE state = 'published' AND (normative = TRUE OR doc_no LIKE '%令第%') \
         AND issuer_unit_id IN ({}) ORDER BY id",
        organ.units_sql()
    );
    let rows: Vec<DocRow> = db.rows(&sql).await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, doc_no, written, published, until, validity, changed)| {
                let rule = doc_no.as_deref().is_some_and(|n| n.contains("令第"));
                let ended = match (validity.as_deref(), changed) {
                    (Some("repealed"), Some(c)) => Some((c, Ended::Repealed)),
                    (Some("amended"), Some(c)) => Some((c, Ended::Amended)),
                    _ => until.and_then(|u| u.succ_opt()).map(|d| (d, Ended::Lapsed)),
                };
                DocFacts {
                    id,
                    title,
                    rule,
                    issued_on: written.or(published),
                    ended,
                }
            },
        )
        .collect())
}

/// Penalty decisions of `organ` in `year`: (id, 决定书文号, decided_on, fine in cents).
pub async fn penalty_facts(
    db: &Db,
    year: i32,
    organ: &Organ,
) -> sqlx::Result<Vec<(i64, String, NaiveDate, i64)>> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1);
    let last = NaiveDate::from_ymd_opt(year, 12, 31);
    let sql = format!(
        "SELECT id, decision_no, decided_on, fine_cents FROM penalty_cases \
         WHERE decided_on >= $1 AND decided_on <= $2 AND unit_id IN ({}) ORDER BY decided_on, id",
        organ.units_sql()
    );
    with_db!(db, |p| {
        sqlx::query_as(&sql)
            .bind(first)
            .bind(last)
            .fetch_all(p)
            .await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProceedingRow {
    pub id: i64,
    pub case_id: i64,
    pub receipt_no: String,
    pub kind: ProceedingKind,
    pub filed_on: NaiveDate,
    pub outcome: ProceedingOutcome,
    pub concluded_on: Option<NaiveDate>,
    pub note: String,
}

impl ProceedingRow {
    pub fn facts(&self) -> ProceedingFacts {
        ProceedingFacts {
            id: self.id,
            case_id: self.case_id,
            receipt_no: self.receipt_no.clone(),
            kind: self.kind,
            filed_on: self.filed_on,
            outcome: self.outcome,
            concluded_on: self.concluded_on,
        }
    }
}

const PROC_SELECT: &str = "SELECT p.id, p.case_id, c.receipt_no, p.kind, p.filed_on, p.outcome, p.concluded_on, p.note \
     FROM foi_proceedings p JOIN foi_cases c ON c.id = p.case_id";

/// The proceedings over cases of `organ`.
pub async fn proceedings(db: &Db, organ: &Organ) -> sqlx::Result<Vec<ProceedingRow>> {
    let sql = format!(
        "{PROC_SELECT} WHERE c.unit_id IN ({}) ORDER BY p.filed_on, p.id",
        organ.units_sql()
    );
    db.rows(&sql).await
}

pub async fn proceedings_of(db: &Db, case_id: i64) -> sqlx::Result<Vec<ProceedingRow>> {
    let sql = format!("{PROC_SELECT} WHERE p.case_id = $1 ORDER BY p.filed_on, p.id");
    db.rows_by(&sql, case_id).await
}

pub struct ProceedingInput {
    pub kind: ProceedingKind,
    pub filed_on: NaiveDate,
    pub outcome: ProceedingOutcome,
    pub concluded_on: Option<NaiveDate>,
    pub note: String,
}

pub async fn add_proceeding(
    tx: &mut Tx,
    case_id: i64,
    i: &ProceedingInput,
    by: i64,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO foi_proceedings (case_id, kind, filed_on, outcome, concluded_on, note, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(case_id)
        .bind(i.kind)
        .bind(i.filed_on)
        .bind(i.outcome)
        .bind(i.concluded_on)
        .bind(&i.note)
        .bind(by)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

/// Record the result of a proceeding of `case_id`.
pub async fn set_outcome(
    tx: &mut Tx,
    case_id: i64,
    id: i64,
    outcome: ProceedingOutcome,
    concluded_on: Option<NaiveDate>,
) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE foi_proceedings SET outcome = $1, concluded_on = $2 WHERE id = $3 AND case_id = $4",
        )
        .bind(outcome)
        .bind(concluded_on)
        .bind(id)
        .bind(case_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The staff-written parts of a year's report and the figures entered by hand.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Draft {
    pub year: i64,
    /// The organ whose report it is.
    pub organ_id: i64,
    pub overview: String,
    pub problems: String,
    pub other_matters: String,
    pub licences: i64,
    pub coercions: i64,
    pub fees_yuan: i64,
    pub document_id: Option<i64>,
    pub updated_at: Option<DateTime<Utc>>,
}

pub async fn draft(db: &Db, year: i32, organ_id: i64) -> sqlx::Result<Option<Draft>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT year, organ_id, overview, problems, other_matters, licences, coercions, fees_yuan, document_id, updated_at \
             FROM annual_reports WHERE year = $1 AND organ_id = $2",
        )
        .bind(i64::from(year))
        .bind(organ_id)
        .fetch_optional(p)
        .await
    })
}

pub async fn save_draft(tx: &mut Tx, d: &Draft, by: i64) -> sqlx::Result<()> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE annual_reports SET overview = $1, problems = $2, other_matters = $3, licences = $4, \
             coercions = $5, fees_yuan = $6, updated_by = $7, updated_at = $8 WHERE year = $9 AND organ_id = $10",
        )
        .bind(&d.overview)
        .bind(&d.problems)
        .bind(&d.other_matters)
        .bind(d.licences)
        .bind(d.coercions)
        .bind(d.fees_yuan)
        .bind(by)
        .bind(t)
        .bind(d.year)
        .bind(d.organ_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n == 0 {
        with_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO annual_reports (year, organ_id, overview, problems, other_matters, licences, coercions, fees_yuan, updated_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(d.year)
            .bind(d.organ_id)
            .bind(&d.overview)
            .bind(&d.problems)
            .bind(&d.other_matters)
            .bind(d.licences)
            .bind(d.coercions)
            .bind(d.fees_yuan)
            .bind(by)
            .bind(t)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn set_document(
    tx: &mut Tx,
    year: i32,
    organ_id: i64,
    document_id: i64,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query("UPDATE annual_reports SET document_id = $1 WHERE year = $2 AND organ_id = $3")
            .bind(document_id)
            .bind(i64::from(year))
            .bind(organ_id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
