//! SQL of 在线访谈, each statement written once for both engines. State changes are
//! guarded UPDATEs (`WHERE state = $n`), so two staff pressing at once change once.

use chrono::{DateTime, Utc};

use super::interview_model::{InterviewState, QuestionStatus};
use crate::db::{Db, Page, Tx, Where, page_where};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InterviewRow {
    pub id: i64,
    pub unit_id: i64,
    pub title: String,
    pub summary: String,
    pub scheduled_at: DateTime<Utc>,
    pub state: InterviewState,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub video_url: String,
    pub created_at: DateTime<Utc>,
}

impl InterviewRow {
    pub fn when(&self) -> String {
        crate::clock::fmt_local(&self.scheduled_at)
    }
}

const COLS: &str = "id, unit_id, title, summary, scheduled_at, state, started_at, finished_at,
  video_url, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GuestRow {
    pub id: i64,
    pub interview_id: i64,
    pub name: String,
    pub job_title: String,
    pub photo_id: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub interview_id: i64,
    pub speaker: String,
    pub content: String,
    pub image_id: Option<i64>,
    pub posted_at: DateTime<Utc>,
}

impl PostRow {
    pub fn at(&self) -> String {
        crate::clock::fmt_local(&self.posted_at)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub interview_id: i64,
    pub content: String,
    pub masked_content: String,
    pub name: String,
    pub phone: String,
    pub status: QuestionStatus,
    pub answer: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const QUESTION_COLS: &str =
    "id, interview_id, content, masked_content, name, phone, status, answer,
  answered_at, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImageRow {
    pub id: i64,
    pub interview_id: i64,
    pub file_name: String,
    pub mime: String,
    pub sha256: String,
}

/// What a new interview holds.
#[derive(Debug, Clone)]
pub struct NewInterview {
    pub unit_id: i64,
    pub title: String,
    pub summary: String,
    pub scheduled_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, n: &NewInterview, user: Option<i64>) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_interviews (unit_id, title, summary, scheduled_at, state, created_by,
               created_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING id",
        )
        .bind(n.unit_id)
        .bind(&n.title)
        .bind(&n.summary)
        .bind(n.scheduled_at)
        .bind(InterviewState::Upcoming.code())
        .bind(user)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<InterviewRow>> {
    let sql = format!("SELECT {COLS} FROM interact_interviews WHERE id = $1");
    db.row_by(&sql, id).await
}

/// Interviews, latest scheduled first; `units` limits to a staff scope.
pub async fn list(
    db: &Db,
    units: Option<&[i64]>,
    page: Page,
) -> sqlx::Result<(Vec<InterviewRow>, i64)> {
    let mut w = Where::new();
    w.in_units("unit_id", units);
    page_where(
        db,
        COLS,
        "interact_interviews",
        &w,
        "scheduled_at DESC, id DESC",
        page,
    )
    .await
}

/// Move the interview from `from` to `to`, stamping the start or finish time and,
/// on finishing, the video link. Returns the rows changed (0: not in `from`).
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: InterviewState,
    to: InterviewState,
    video_url: Option<&str>,
) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    let sql = match to {
        InterviewState::Live => {
            "UPDATE interact_interviews SET state = $1, started_at = $2, updated_at = $2,
               video_url = COALESCE($3, video_url) WHERE id = $4 AND state = $5"
        }
        _ => {
            "UPDATE interact_interviews SET state = $1, finished_at = $2, updated_at = $2,
               video_url = COALESCE($3, video_url) WHERE id = $4 AND state = $5"
        }
    };
    with_tx!(tx, |x| {
        sqlx::query(sql)
            .bind(to.code())
            .bind(now)
            .bind(video_url)
            .bind(id)
            .bind(from.code())
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })
}

pub async fn set_video(tx: &mut Tx, id: i64, url: &str) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query("UPDATE interact_interviews SET video_url = $1, updated_at = $2 WHERE id = $3")
            .bind(url)
            .bind(now)
            .bind(id)
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Record a content-checked image (already written to the blob store).
pub async fn insert_image(
    tx: &mut Tx,
    interview: i64,
    file_name: &str,
    mime: &str,
    size: usize,
    sha256: &str,
) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_interview_images (interview_id, file_name, mime, size, sha256, created_at)
             VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
        )
        .bind(interview)
        .bind(file_name)
        .bind(mime)
        .bind(size)
        .bind(sha256)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn image(db: &Db, interview: i64, id: i64) -> sqlx::Result<Option<ImageRow>> {
    with_db!(db, |p| sqlx::query_as(
        "SELECT id, interview_id, file_name, mime, sha256 FROM interact_interview_images
         WHERE id = $1 AND interview_id = $2"
    )
    .bind(id)
    .bind(interview)
    .fetch_optional(p)
    .await)
}

pub async fn insert_guest(
    tx: &mut Tx,
    interview: i64,
    name: &str,
    job_title: &str,
    photo_id: Option<i64>,
) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_interview_guests (interview_id, name, job_title, photo_id, created_at)
             VALUES ($1,$2,$3,$4,$5) RETURNING id",
        )
        .bind(interview)
        .bind(name)
        .bind(job_title)
        .bind(photo_id)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn guests(db: &Db, interview: i64) -> sqlx::Result<Vec<GuestRow>> {
    with_db!(db, |p| sqlx::query_as(
        "SELECT id, interview_id, name, job_title, photo_id FROM interact_interview_guests
         WHERE interview_id = $1 ORDER BY id"
    )
    .bind(interview)
    .fetch_all(p)
    .await)
}

/// The guests of several interviews by interview: one query for a list.
pub async fn guests_of(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<GuestRow>>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!(
        "SELECT id, interview_id, name, job_title, photo_id FROM interact_interview_guests \
         WHERE interview_id IN ({}) ORDER BY id",
        crate::db::id_list(ids)
    );
    Ok(crate::db::grouped(
        db.rows_once(&sql).await?,
        |g: &GuestRow| g.interview_id,
    ))
}

pub async fn insert_post(
    tx: &mut Tx,
    interview: i64,
    speaker: &str,
    content: &str,
    image_id: Option<i64>,
    at: DateTime<Utc>,
) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_interview_posts (interview_id, speaker, content, image_id, posted_at)
             VALUES ($1,$2,$3,$4,$5) RETURNING id",
        )
        .bind(interview)
        .bind(speaker)
        .bind(content)
        .bind(image_id)
        .bind(at)
        .fetch_one(&mut **x)
        .await
    })
}

/// The transcript in the order it was posted.
pub async fn posts(db: &Db, interview: i64) -> sqlx::Result<Vec<PostRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
        "SELECT id, interview_id, speaker, content, image_id, posted_at FROM interact_interview_posts
         WHERE interview_id = $1 ORDER BY posted_at, id"
    )
    .bind(interview)
    .fetch_all(p)
    .await
    })
}

/// A citizen's question as submitted.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub content: String,
    pub masked_content: String,
    pub name: String,
    pub phone: String,
}

pub async fn insert_question(tx: &mut Tx, interview: i64, q: &NewQuestion) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_interview_questions (interview_id, content, masked_content, name, phone,
               status, created_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
        )
        .bind(interview)
        .bind(&q.content)
        .bind(&q.masked_content)
        .bind(&q.name)
        .bind(&q.phone)
        .bind(QuestionStatus::Pending.code())
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

/// Questions of an interview; `only`: of that status.
pub async fn questions(
    db: &Db,
    interview: i64,
    only: Option<QuestionStatus>,
) -> sqlx::Result<Vec<QuestionRow>> {
    let sql = format!(
        "SELECT {QUESTION_COLS} FROM interact_interview_questions WHERE interview_id = $1
           AND ($2 = '' OR status = $2) ORDER BY id"
    );
    let status = only.map(|s| s.code()).unwrap_or("");
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(interview)
        .bind(status)
        .fetch_all(p)
        .await)
}

/// Whether this interview already has a question with exactly this text.
pub async fn question_asked(db: &Db, interview: i64, content: &str) -> sqlx::Result<bool> {
    with_db!(db, |p| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM interact_interview_questions WHERE interview_id = $1 AND content = $2"
    )
    .bind(interview)
    .bind(content)
    .fetch_one(p)
    .await)
    .map(|n| n > 0)
}

pub async fn question(db: &Db, interview: i64, id: i64) -> sqlx::Result<Option<QuestionRow>> {
    let sql = format!(
        "SELECT {QUESTION_COLS} FROM interact_interview_questions WHERE id = $1 AND interview_id = $2"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .bind(interview)
        .fetch_optional(p)
        .await)
}

/// Set a question's status if it still has `from`.
pub async fn set_question_status(
    tx: &mut Tx,
    id: i64,
    from: QuestionStatus,
    to: QuestionStatus,
) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE interact_interview_questions SET status = $1, decided_at = $2
             WHERE id = $3 AND status = $4",
        )
        .bind(to.code())
        .bind(now)
        .bind(id)
        .bind(from.code())
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })
}

/// Attach the answer to an approved question.
pub async fn answer(tx: &mut Tx, id: i64, answer: &str) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE interact_interview_questions SET answer = $1, answered_at = $2
             WHERE id = $3 AND status = $4",
        )
        .bind(answer)
        .bind(now)
        .bind(id)
        .bind(QuestionStatus::Approved.code())
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })
}

/// Erase askers' names and phones of interviews finished before `before`.
pub async fn anonymise_finished_before(tx: &mut Tx, before: DateTime<Utc>) -> sqlx::Result<u64> {
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE interact_interview_questions SET name = '', phone = ''
             WHERE (name <> '' OR phone <> '') AND interview_id IN
               (SELECT id FROM interact_interviews WHERE state = $1 AND finished_at < $2)",
        )
        .bind(InterviewState::Finished.code())
        .bind(before)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })
}
