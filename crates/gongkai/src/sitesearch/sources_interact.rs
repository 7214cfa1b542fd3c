//! 政民互动 as search documents: published letters (网民留言) and finished interviews
//! (在线访谈), each read as its public page shows it — the letter's masked texts and
//! unit, never the writer's name, phone, e-mail or the unmasked originals; the
//! interview's summary, guests, transcript and the approved questions that were
//! answered (their masked text), never an asker's name or phone.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::sources::{Batch, Rows, date_key};
use crate::db::{Db, id_list};
use crate::interact::interview_model::{InterviewState, QuestionStatus};
use crate::interact::store::{PUBLIC as PUBLIC_LETTER, PUBLIC_COLS, PublicRow};
use crate::with_db;

/// Which interviews are public records in search: finished ones (their page keeps the
/// whole transcript; upcoming and live ones are still changing).
pub(super) fn public_interview() -> String {
    format!("i.state = '{}'", InterviewState::Finished.code())
}

/// Published letters: the masked subject, letter and reply, the unit that replied
/// and the letter type, as on `/interact/messages/{id}`.
pub async fn letters(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let sql = format!(
        "SELECT {PUBLIC_COLS} FROM interact_messages m JOIN units u ON u.id = m.unit_id
         WHERE {PUBLIC_LETTER}{}",
        rows.sql("m.id")
    );
    let rows: Vec<PublicRow> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.id).max();
    let docs = rows
        .into_iter()
        .map(|m| search::Doc {
            id: format!("letter:{}", m.id),
            kind: "留言".into(),
            title: m.masked_subject,
            number: m.receipt_no,
            body: format!("{}\n答复：{}", m.masked_content, m.masked_reply),
            url: format!("/interact/messages/{}", m.id),
            date: date_key(m.replied_on.or(Some(m.submitted_on))),
            issuer: m.unit_name,
            level: m.kind.label().to_string(),
            ..Default::default()
        })
        .collect();
    Ok(Batch { docs, last })
}

type InterviewTuple = (i64, String, String, DateTime<Utc>, String);

/// Finished interviews: title, summary, guests, the transcript and the answered
/// public questions, as on `/interact/interviews/{id}`.
pub async fn interviews(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let sql = format!(
        "SELECT i.id, i.title, i.summary, i.scheduled_at, u.name
         FROM interact_interviews i JOIN units u ON u.id = i.unit_id
         WHERE {}{}",
        public_interview(),
        rows.sql("i.id")
    );
    let rows: Vec<InterviewTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let ids = id_list(&rows.iter().map(|r| r.0).collect::<Vec<_>>());
    let mut text: HashMap<i64, Vec<String>> = HashMap::new();
    let gsql = format!(
        "SELECT interview_id, name, job_title FROM interact_interview_guests
         WHERE interview_id IN ({ids}) ORDER BY id"
    );
    let guests: Vec<(i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&gsql).fetch_all(p).await })?;
    for (iv, name, job) in guests {
        text.entry(iv)
            .or_default()
            .push(format!("嘉宾：{name}，{job}"));
    }
    let psql = format!(
        "SELECT interview_id, speaker, content FROM interact_interview_posts
         WHERE interview_id IN ({ids}) ORDER BY posted_at, id"
    );
    let posts: Vec<(i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&psql).fetch_all(p).await })?;
    for (iv, speaker, content) in posts {
        text.entry(iv)
            .or_default()
            .push(format!("{speaker}：{content}"));
    }
    // Only what the public page shows: approved questions, by their masked text,
    // with an answer (unanswered ones are not part of the record searched).
    let qsql = format!(
        "SELECT interview_id, masked_content, answer FROM interact_interview_questions
         WHERE interview_id IN ({ids}) AND status = '{}' AND answered_at IS NOT NULL ORDER BY id",
        QuestionStatus::Approved.code()
    );
    let questions: Vec<(i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&qsql).fetch_all(p).await })?;
    for (iv, question, answer) in questions {
        text.entry(iv)
            .or_default()
            .push(format!("网友提问：{question}\n答复：{answer}"));
    }
    let docs = rows
        .into_iter()
        .map(|(id, title, summary, at, unit)| {
            let mut body = vec![summary];
            body.extend(text.remove(&id).unwrap_or_default());
            let day: NaiveDate = at.with_timezone(&crate::clock::beijing()).date_naive();
            search::Doc {
                id: format!("interview:{id}"),
                kind: "访谈".into(),
                title,
                body: body.join("\n"),
                url: format!("/interact/interviews/{id}"),
                date: date_key(Some(day)),
                issuer: unit,
                ..Default::default()
            }
        })
        .collect();
    Ok(Batch { docs, last })
}

/// When an interview's public record last changed, per interview, as a relation
/// `(id, t)`: the interview row (finishing, the video link) and its questions
/// (approved, rejected, answered) and guests, which do not touch the interview row.
pub(super) const INTERVIEW_CHANGES: &str = "SELECT id, updated_at AS t FROM interact_interviews
  UNION ALL SELECT interview_id, decided_at FROM interact_interview_questions
  UNION ALL SELECT interview_id, answered_at FROM interact_interview_questions
  UNION ALL SELECT interview_id, created_at FROM interact_interview_guests";
