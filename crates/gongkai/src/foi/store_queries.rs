//! Queries over cases for repeats, fees, table 三 and the daily job.

use chrono::NaiveDate;

use super::model::ApplicantKind;
use super::report::CaseFacts;
use super::store::{COLS, CaseRow};
use crate::db::Db;
use crate::with_db;

/// Earlier cases of the same applicant (by identity number), for repeat detection.
pub async fn same_applicant(db: &Db, case: &CaseRow) -> sqlx::Result<Vec<CaseRow>> {
    let sql = format!(
        "SELECT {COLS} FROM foi_cases WHERE id_number = $1 AND id <> $2 AND id < $2 ORDER BY id DESC LIMIT 50"
    );
    with_db!(db, |p| {
        sqlx::query_as(&sql)
            .bind(&case.id_number)
            .bind(case.id)
            .fetch_all(p)
            .await
    })
}

/// How many applications this applicant made in the calendar month of `on`, up to
/// and including this case (for the 按件 fee).
pub async fn nth_in_month(db: &Db, case: &CaseRow, on: NaiveDate) -> sqlx::Result<i64> {
    use chrono::Datelike;
    let first = on.with_day(1).unwrap_or(on);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM foi_cases WHERE id_number = $1 AND received_on >= $2 AND received_on < $3 AND id <= $4",
        )
        .bind(&case.id_number)
        .bind(first)
        .bind(next)
        .bind(case.id)
        .fetch_one(p)
        .await
    })
}

/// The facts table 三 needs, for every case received up to the end of `year` (made
/// to one of `units` when given: an organ's own report).
pub async fn report_facts(
    db: &Db,
    year: i32,
    units: Option<&[i64]>,
) -> sqlx::Result<Vec<CaseFacts>> {
    let last = NaiveDate::from_ymd_opt(year, 12, 31);
    let first = NaiveDate::from_ymd_opt(year, 1, 1);
    type FactRow = (
        i64,
        String,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<String>,
    );
    let unit_cond = units
        .map(|u| format!(" AND unit_id IN ({})", crate::db::id_list(u)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT id, receipt_no, applicant_kind, received_on, concluded_on, outcome FROM foi_cases
         WHERE received_on IS NOT NULL AND (received_on <= $1 OR concluded_on >= $2){unit_cond} ORDER BY id"
    );
    let rows: Vec<FactRow> = with_db!(db, |p| {
        sqlx::query_as(&sql)
            .bind(last)
            .bind(first)
            .fetch_all(p)
            .await
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(id, receipt_no, kind, received_on, concluded_on, outcome)| CaseFacts {
                id,
                receipt_no,
                kind: ApplicantKind::parse(&kind).unwrap_or(ApplicantKind::OtherOrg),
                received_on,
                concluded_on,
                row: outcome.as_deref().and_then(super::parse_outcome),
            },
        )
        .collect())
}

/// Record a reminder once per case, kind and deadline; 1 when it is new.
pub async fn raise_reminder(
    db: &Db,
    case_id: i64,
    kind: &str,
    due_on: NaiveDate,
) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query(
            "INSERT INTO foi_reminders (case_id, kind, due_on, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id, kind, due_on) DO NOTHING",
        )
        .bind(case_id)
        .bind(kind)
        .bind(due_on)
        .bind(crate::clock::now())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
}
