//! SQL of 会议公开, each statement written once for both engines.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::model::{Adoption, AppStatus, Body, Category};
use crate::db::{Db, Page, Tx, Where, grouped, id_list, page_where, rows_for};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub body: Body,
    pub title: String,
    pub held_at: DateTime<Utc>,
    pub place: String,
    pub apply_opens_at: DateTime<Utc>,
    pub apply_closes_at: DateTime<Utc>,
    pub published: bool,
    pub summary: String,
    pub unit_id: i64,
    pub draw_beacon: Option<String>,
    pub draw_commitment: Option<String>,
    pub draw_secret: Option<String>,
    pub draw_committed_at: Option<DateTime<Utc>>,
    pub draw_record: Option<String>,
    pub drawn_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const COLS: &str = "id, body, title, held_at, place, apply_opens_at, apply_closes_at, published, summary,
  unit_id, draw_beacon, draw_commitment, draw_secret, draw_committed_at, draw_record, drawn_at, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TopicRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub title: String,
    pub document_url: String,
    pub decision: String,
    pub decision_url: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeatRow {
    pub meeting_id: i64,
    pub category: Category,
    pub seats: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub meeting_id: i64,
    pub category: Category,
    pub name: String,
    pub phone: String,
    pub organisation: String,
    pub credit_code: String,
    pub reason: String,
    pub publish_name: bool,
    pub status: AppStatus,
    pub attended: bool,
    pub created_at: DateTime<Utc>,
}

const APP_COLS: &str = "id, meeting_id, category, name, phone, organisation, credit_code, reason,
  publish_name, status, attended, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpinionRow {
    pub id: i64,
    pub meeting_id: i64,
    pub topic_id: i64,
    pub application_id: Option<i64>,
    pub content: String,
    pub adoption: Adoption,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

pub struct NewMeeting {
    pub body: Body,
    pub title: String,
    pub held_at: DateTime<Utc>,
    pub place: String,
    pub apply_opens_at: DateTime<Utc>,
    pub apply_closes_at: DateTime<Utc>,
    pub unit_id: i64,
}

pub async fn meetings(db: &Db, published_only: bool) -> sqlx::Result<Vec<MeetingRow>> {
    let filter = if published_only {
        "WHERE published = TRUE"
    } else {
        ""
    };
    let sql = format!("SELECT {COLS} FROM meetings {filter} ORDER BY held_at DESC, id DESC");
    db.rows(&sql).await
}

/// A page of meetings, latest first, of the units given (None: all).
pub async fn meetings_page(
    db: &Db,
    units: Option<&[i64]>,
    page: Page,
) -> sqlx::Result<(Vec<MeetingRow>, i64)> {
    let mut w = Where::new();
    w.in_units("unit_id", units);
    page_where(db, COLS, "meetings", &w, "held_at DESC, id DESC", page).await
}

pub async fn meeting(db: &Db, id: i64) -> sqlx::Result<Option<MeetingRow>> {
    let sql = format!("SELECT {COLS} FROM meetings WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn insert(tx: &mut Tx, m: &NewMeeting) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO meetings (body, title, held_at, place, apply_opens_at, apply_closes_at, unit_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(m.body)
    .bind(&m.title)
    .bind(m.held_at)
    .bind(&m.place)
    .bind(m.apply_opens_at)
    .bind(m.apply_closes_at)
    .bind(m.unit_id)
    .bind(crate::clock::now())
    .fetch_one(&mut **c)
    .await
    })
}

pub async fn add_topic(
    tx: &mut Tx,
    meeting: i64,
    position: i64,
    title: &str,
    url: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO meeting_topics (meeting_id, position, title, document_url) VALUES ($1, $2, $3, $4)"
    )
    .bind(meeting)
    .bind(position)
    .bind(title)
    .bind(url)
    .execute(&mut **c)
    .await
    .map(|_| ())
    })
}

pub async fn add_seats(
    tx: &mut Tx,
    meeting: i64,
    category: Category,
    seats: i64,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "INSERT INTO meeting_seats (meeting_id, category, seats) VALUES ($1, $2, $3)"
    )
    .bind(meeting)
    .bind(category)
    .bind(seats)
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

pub async fn topics(db: &Db, meeting: i64) -> sqlx::Result<Vec<TopicRow>> {
    Ok(rows_for(topics_of(db, &[meeting]).await?, meeting))
}

/// The topics of several meetings (a list), one query.
pub async fn topics_of(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<TopicRow>>> {
    let sql = format!(
        "SELECT id, meeting_id, position, title, document_url, decision, decision_url FROM meeting_topics
         WHERE meeting_id IN ({}) ORDER BY position, id",
        id_list(ids)
    );
    Ok(grouped(db.rows_once(&sql).await?, |t: &TopicRow| {
        t.meeting_id
    }))
}

pub async fn seats(db: &Db, meeting: i64) -> sqlx::Result<Vec<SeatRow>> {
    Ok(rows_for(seats_of(db, &[meeting]).await?, meeting))
}

pub async fn seats_of(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<SeatRow>>> {
    let sql = format!(
        "SELECT meeting_id, category, seats FROM meeting_seats WHERE meeting_id IN ({}) ORDER BY category",
        id_list(ids)
    );
    Ok(grouped(db.rows_once(&sql).await?, |s: &SeatRow| {
        s.meeting_id
    }))
}

pub async fn applications(db: &Db, meeting: i64) -> sqlx::Result<Vec<ApplicationRow>> {
    Ok(rows_for(applications_of(db, &[meeting]).await?, meeting))
}

pub async fn applications_of(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<HashMap<i64, Vec<ApplicationRow>>> {
    let sql = format!(
        "SELECT {APP_COLS} FROM meeting_applications WHERE meeting_id IN ({}) ORDER BY category, id",
        id_list(ids)
    );
    Ok(grouped(db.rows_once(&sql).await?, |a: &ApplicationRow| {
        a.meeting_id
    }))
}

pub async fn opinions(db: &Db, meeting: i64) -> sqlx::Result<Vec<OpinionRow>> {
    Ok(rows_for(opinions_of(db, &[meeting]).await?, meeting))
}

pub async fn opinions_of(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<OpinionRow>>> {
    let sql = format!(
        "SELECT id, meeting_id, topic_id, application_id, content, adoption, reason, created_at
         FROM meeting_opinions WHERE meeting_id IN ({}) ORDER BY topic_id, id",
        id_list(ids)
    );
    Ok(grouped(db.rows_once(&sql).await?, |o: &OpinionRow| {
        o.meeting_id
    }))
}

pub async fn set_published(tx: &mut Tx, id: i64, published: bool) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE meetings SET published = $1 WHERE id = $2"
    )
    .bind(published)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

pub async fn phone_applied(tx: &mut Tx, meeting: i64, phone: &str) -> sqlx::Result<bool> {
    let n: i64 = with_tx!(tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM meeting_applications WHERE meeting_id = $1 AND phone = $2"
    )
    .bind(meeting)
    .bind(phone)
    .fetch_one(&mut **c)
    .await)?;
    Ok(n > 0)
}

pub struct NewApplication<'a> {
    pub meeting_id: i64,
    pub category: Category,
    pub name: &'a str,
    pub phone: &'a str,
    pub organisation: &'a str,
    pub credit_code: &'a str,
    pub reason: &'a str,
    pub publish_name: bool,
}

pub async fn insert_application(tx: &mut Tx, a: &NewApplication<'_>) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO meeting_applications (meeting_id, category, name, phone, organisation, credit_code, reason,
           publish_name, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'applied', $9) RETURNING id"
    )
    .bind(a.meeting_id)
    .bind(a.category)
    .bind(a.name)
    .bind(a.phone)
    .bind(a.organisation)
    .bind(a.credit_code)
    .bind(a.reason)
    .bind(a.publish_name)
    .bind(crate::clock::now())
    .fetch_one(&mut **c)
    .await
    })
}

pub async fn commit_draw(
    tx: &mut Tx,
    id: i64,
    beacon: &str,
    commitment: &str,
    secret: &str,
) -> sqlx::Result<u64> {
    crate::draws::store_commitment(tx, "meetings", id, beacon, commitment, secret).await
}

pub async fn save_draw(tx: &mut Tx, id: i64, record: &str) -> sqlx::Result<u64> {
    crate::draws::store_record(tx, "meetings", id, record).await
}

pub async fn set_app_status(tx: &mut Tx, id: i64, status: AppStatus) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE meeting_applications SET status = $1 WHERE id = $2"
    )
    .bind(status)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

pub async fn set_attended(tx: &mut Tx, meeting: i64, id: i64, attended: bool) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE meeting_applications SET attended = $1 WHERE id = $2 AND meeting_id = $3 AND status = 'selected'"
    )
    .bind(attended)
    .bind(id)
    .bind(meeting)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected())
    })
}

pub struct NewOpinion<'a> {
    pub meeting_id: i64,
    pub topic_id: i64,
    pub application_id: Option<i64>,
    pub content: &'a str,
    pub adoption: Adoption,
    pub reason: &'a str,
}

pub async fn insert_opinion(tx: &mut Tx, o: &NewOpinion<'_>) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO meeting_opinions (meeting_id, topic_id, application_id, content, adoption, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(o.meeting_id)
    .bind(o.topic_id)
    .bind(o.application_id)
    .bind(o.content)
    .bind(o.adoption)
    .bind(o.reason)
    .bind(crate::clock::now())
    .fetch_one(&mut **c)
    .await
    })
}

pub async fn set_adoption(
    tx: &mut Tx,
    meeting: i64,
    id: i64,
    adoption: Adoption,
    reason: &str,
) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE meeting_opinions SET adoption = $1, reason = $2 WHERE id = $3 AND meeting_id = $4"
    )
    .bind(adoption)
    .bind(reason)
    .bind(id)
    .bind(meeting)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

pub async fn set_decision(
    tx: &mut Tx,
    meeting: i64,
    topic: i64,
    decision: &str,
    url: &str,
) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE meeting_topics SET decision = $1, decision_url = $2 WHERE id = $3 AND meeting_id = $4"
    )
    .bind(decision)
    .bind(url)
    .bind(topic)
    .bind(meeting)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected())
    })
}

/// Move the application deadline (the demo's meeting, loaded after its window).
pub async fn set_closes(db: &Db, id: i64, at: DateTime<Utc>) -> sqlx::Result<()> {
    with_db!(db, |p| sqlx::query(
        "UPDATE meetings SET apply_closes_at = $1 WHERE id = $2"
    )
    .bind(at)
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
}
