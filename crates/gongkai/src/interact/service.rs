//! 网民留言 transactions: each change, its step and its audit entry commit together.
//! Audit summaries carry the receipt number and labels, never the writer's data.

use super::InteractAction;
use chrono::{NaiveDate, TimeDelta};

use super::form::NewMessage;
use super::model::{self, MessageStatus, RejectReason, Step};
use super::store::{self, MessageRow};
use crate::audit::{self, Actor};
use crate::db::{Arg, Tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::with_tx;

/// A content-checked file already written to the blob store.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub mime: &'static str,
    pub size: usize,
    pub sha256: String,
}

/// A submitted letter: its number and code; `merged_into` when it repeated a letter
/// sent in the last 24 hours from the same phone (linked, not a second item).
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub receipt_no: String,
    pub query_code: String,
    pub merged_into: Option<String>,
}

/// An unambiguous query code (no 0/O, 1/I/L).
fn query_code() -> String {
    use rand::Rng as _;
    const A: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| A[rng.random_range(0..A.len())] as char)
        .collect()
}

/// Take a letter from the portal or the API: limit per phone, link duplicates,
/// set the deadlines on the calendar, store files, audit.
pub async fn submit(
    state: &AppState,
    m: &NewMessage,
    files: &[Upload],
    actor: &Actor,
) -> Result<Created, AppError> {
    let db = &state.db;
    let now = crate::clock::now();
    let today = crate::clock::today();
    let recent = store::recent_from(db, &m.phone, now - TimeDelta::hours(24)).await?;
    let original = recent.iter().find(|r| {
        r.status != MessageStatus::Duplicate
            && model::is_duplicate(&r.subject, &r.content, &m.subject, &m.content)
    });
    let cfg = &state.settings.interact;
    if original.is_none()
        && recent
            .iter()
            .filter(|r| r.status != MessageStatus::Duplicate)
            .count()
            >= cfg.per_phone_per_day as usize
    {
        return Err(AppError::BadRequest(format!(
            "同一联系电话24小时内最多提交{}件留言，请明天再提交，或在已提交留言的答复中继续反映",
            cfg.per_phone_per_day
        )));
    }
    let cal = crate::workdays::calendar(state);
    let (status, sign_due, reply_due) = match original {
        Some(_) => (MessageStatus::Duplicate, None, None),
        None => (
            MessageStatus::Submitted,
            model::sign_due(&cal, cfg, today).ok(),
            model::reply_due(&cal, cfg, m.kind, today, false).ok(),
        ),
    };
    let code = query_code();
    let placeholder = format!("pending-{}", query_code());
    let mut tx = state.db.begin().await?;
    let id: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO interact_messages (receipt_no, query_code, kind, subject, content, writer_name, phone,
               email, consent, unit_id, status, duplicate_of, submitted_on, sign_due, reply_due, created_at,
               updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) RETURNING id",
        )
        .bind(&placeholder)
        .bind(&code)
        .bind(m.kind.code())
        .bind(&m.subject)
        .bind(&m.content)
        .bind(&m.name)
        .bind(&m.phone)
        .bind(&m.email)
        .bind(m.consent)
        .bind(original.map_or(m.unit_id, |o| o.unit_id))
        .bind(status.code())
        .bind(original.map(|o| o.id))
        .bind(today)
        .bind(sign_due)
        .bind(reply_due)
        .bind(now)
        .fetch_one(&mut **c)
        .await
    })?;
    let receipt_no = format!("LY{}{id:06}", chrono::Datelike::year(&today));
    with_tx!(&mut tx, |c| {
        sqlx::query("UPDATE interact_messages SET receipt_no = $1 WHERE id = $2")
            .bind(&receipt_no)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|_| ())
    })?;
    for f in files {
        with_tx!(&mut tx, |c| {
            sqlx::query(
                "INSERT INTO interact_message_files (message_id, name, mime, size, sha256, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(&f.name)
            .bind(f.mime)
            .bind(i64::try_from(f.size).unwrap_or(i64::MAX))
            .bind(&f.sha256)
            .bind(now)
            .execute(&mut **c)
            .await
            .map(|_| ())
        })?;
    }
    store::add_step(&mut tx, id, today, Step::Submitted, "", &actor.name).await?;
    let summary = match original {
        Some(o) => {
            store::add_step(&mut tx, o.id, today, Step::Merged, &receipt_no, &actor.name).await?;
            format!("重复留言 {receipt_no} 并入 {}", o.receipt_no)
        }
        None => format!("收到{}留言 {receipt_no}", m.kind.label()),
    };
    audit::append(
        &mut tx,
        actor,
        InteractAction::Submit,
        "interact_message",
        Some(id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(Created {
        id,
        receipt_no,
        query_code: code,
        merged_into: original.map(|o| o.receipt_no.clone()),
    })
}

/// What a staff action does to a letter.
#[derive(Debug, Clone)]
pub enum Action {
    /// 签收
    Sign,
    /// 转办 to another unit, with a note for it.
    Transfer {
        unit_id: i64,
        unit_name: String,
        note: String,
    },
    /// Extend the reply period once (reason required).
    Extend { reason: String },
    /// Draft the reply; `withhold` is why it is not to be published (empty: publish
    /// when the writer agreed). The public texts are masked again from the originals.
    Draft { reply: String, withhold: String },
    /// A second person approves the draft, with the public texts as reviewed.
    Approve {
        subject: String,
        content: String,
        reply: String,
    },
    /// The reviewer sends the draft back.
    Return { note: String },
    /// 不予受理 with the reason and, for 非本机关职责, whose remit it is.
    Reject { reason: RejectReason, note: String },
    /// Take a published letter off the portal (and site search), with the reason; it
    /// stays answered.
    Unpublish { reason: String },
}

fn bad(m: &str) -> AppError {
    AppError::Conflict(m.to_string())
}

/// Apply `action` to letter `m` as `actor` (user id `user`), audited. The status
/// guard in the UPDATE makes a double submit fail cleanly instead of acting twice.
pub async fn act(
    state: &AppState,
    m: &MessageRow,
    action: &Action,
    user: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    use MessageStatus as S;
    let today = crate::clock::today();
    let cfg = &state.settings.interact;
    let mut tx = state.db.begin().await?;
    let (from, set, args, step, note, summary): (Vec<S>, &str, Vec<Arg>, Step, String, String) =
        match action {
            Action::Sign => (
                vec![S::Submitted],
                "status = 'handling', signed_on = $2",
                vec![Arg::Date(today)],
                Step::Signed,
                String::new(),
                format!("签收留言 {}", m.receipt_no),
            ),
            Action::Transfer {
                unit_id,
                unit_name,
                note,
            } => (
                vec![S::Submitted, S::Handling],
                "status = 'handling', unit_id = $2, signed_on = COALESCE(signed_on, $3)",
                vec![Arg::Int(*unit_id), Arg::Date(today)],
                Step::Transferred,
                format!("转至{unit_name}：{note}"),
                format!("留言 {} 转办至{unit_name}", m.receipt_no),
            ),
            Action::Extend { reason } => {
                if m.extended {
                    return Err(bad("答复期限只能延长一次"));
                }
                let cal = crate::workdays::calendar(state);
                let due = model::reply_due(&cal, cfg, m.kind, m.submitted_on, true)?;
                (
                    vec![S::Handling, S::Review],
                    "extended = TRUE, extension_reason = $2, reply_due = $3",
                    vec![Arg::Text(reason.clone()), Arg::Date(due)],
                    Step::Extended,
                    format!("延长至{due}：{reason}"),
                    format!("留言 {} 答复期限延长至{due}", m.receipt_no),
                )
            }
            Action::Draft { reply, withhold } => {
                let withhold = if m.consent {
                    withhold.clone()
                } else {
                    "留言人不同意公开".to_string()
                };
                let name = &m.writer_name;
                (
                    vec![S::Handling],
                    "status = 'review', reply = $2, withhold_reason = $3, drafted_by = $4,
                 masked_subject = $5, masked_content = $6, masked_reply = $7",
                    vec![
                        Arg::Text(reply.clone()),
                        Arg::Text(withhold),
                        Arg::Int(user),
                        Arg::Text(model::masked(&m.subject, name).text),
                        Arg::Text(model::masked(&m.content, name).text),
                        Arg::Text(model::masked(reply, name).text),
                    ],
                    Step::Drafted,
                    String::new(),
                    format!("拟写留言 {} 的答复", m.receipt_no),
                )
            }
            Action::Approve {
                subject,
                content,
                reply,
            } => {
                if m.drafted_by == Some(user) {
                    return Err(bad("答复须由拟写人以外的另一名工作人员审核"));
                }
                let publish = m.consent && m.withhold_reason.is_empty();
                let (set, step) = if publish {
                    (
                    "status = 'published', reviewed_by = $2, replied_on = $3, published_on = $3,
                     masked_subject = $4, masked_content = $5, masked_reply = $6",
                    Step::Published,
                )
                } else {
                    (
                        "status = 'answered', reviewed_by = $2, replied_on = $3,
                     masked_subject = $4, masked_content = $5, masked_reply = $6",
                        Step::Answered,
                    )
                };
                (
                    vec![S::Review],
                    set,
                    vec![
                        Arg::Int(user),
                        Arg::Date(today),
                        Arg::Text(subject.clone()),
                        Arg::Text(content.clone()),
                        Arg::Text(reply.clone()),
                    ],
                    step,
                    String::new(),
                    format!("审核通过留言 {} 的答复（{}）", m.receipt_no, step.label()),
                )
            }
            Action::Return { note } => (
                vec![S::Review],
                "status = 'handling'",
                vec![],
                Step::Returned,
                note.clone(),
                format!("退回留言 {} 的答复", m.receipt_no),
            ),
            Action::Reject { reason, note } => (
                vec![S::Submitted, S::Handling],
                "status = 'rejected', reject_reason = $2, replied_on = $3",
                vec![
                    Arg::Text(if note.is_empty() {
                        reason.label().to_string()
                    } else {
                        format!("{}：{note}", reason.label())
                    }),
                    Arg::Date(today),
                ],
                Step::Rejected,
                note.clone(),
                format!("留言 {} 不予受理（{}）", m.receipt_no, reason.label()),
            ),
            Action::Unpublish { reason } => (
                vec![S::Published],
                "status = 'answered', published_on = NULL, withhold_reason = $2",
                vec![Arg::Text(reason.clone())],
                Step::Unpublished,
                reason.clone(),
                format!("撤回留言 {} 的公开：{reason}", m.receipt_no),
            ),
        };
    let n = store::update(&mut tx, m.id, &from, set, args).await?;
    if n == 0 {
        return Err(bad(
            "留言状态已变化（可能已由他人处理），请刷新页面后再操作",
        ));
    }
    store::add_step(&mut tx, m.id, today, step, &note, &actor.name).await?;
    audit::append(
        &mut tx,
        actor,
        InteractAction::from(step),
        "interact_message",
        Some(m.id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The writer rates a reply with the query code (once per reply). 不满意 the first
/// time reopens the letter for a second reply on a fresh clock (off the portal until
/// it is published again); later ratings are kept. Returns whether it reopened.
pub async fn rate(
    state: &AppState,
    m: &MessageRow,
    rating: model::Rating,
    comment: &str,
    actor: &Actor,
) -> Result<bool, AppError> {
    use MessageStatus as S;
    if !matches!(m.status, S::Published | S::Answered) {
        return Err(bad("答复后才能评价"));
    }
    if m.rating.is_some() {
        return Err(bad("您已评价过本次答复"));
    }
    let today = crate::clock::today();
    let reopen = model::reopens(rating, m.reopened);
    let mut tx = state.db.begin().await?;
    let n = if reopen {
        let cal = crate::workdays::calendar(state);
        let due = model::reply_due(&cal, &state.settings.interact, m.kind, today, false)?;
        store::update(
            &mut tx,
            m.id,
            &[S::Published, S::Answered],
            "status = 'handling', reopened = TRUE, published_on = NULL, replied_on = NULL,
             drafted_by = NULL, reviewed_by = NULL, reply_due = $2, rating_comment = $3",
            vec![Arg::Date(due), Arg::Text(comment.to_string())],
        )
        .await?
    } else {
        store::update(
            &mut tx,
            m.id,
            &[S::Published, S::Answered],
            "rating = $2, rating_comment = $3",
            vec![
                Arg::Text(rating.code().into()),
                Arg::Text(comment.to_string()),
            ],
        )
        .await?
    };
    if n == 0 {
        return Err(bad("留言状态已变化，请刷新页面后再评价"));
    }
    store::add_step(
        &mut tx,
        m.id,
        today,
        Step::Rated,
        rating.label(),
        &actor.name,
    )
    .await?;
    if reopen {
        store::add_step(&mut tx, m.id, today, Step::Reopened, "", &actor.name).await?;
    }
    audit::append(
        &mut tx,
        actor,
        InteractAction::Rated,
        "interact_message",
        Some(m.id.to_string()),
        format!(
            "留言 {} 的答复评价：{}{}",
            m.receipt_no,
            rating.label(),
            if reopen { "，重新办理" } else { "" }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(reopen)
}

/// Erase the writer's name, phone and e-mail of letters closed before `before`
/// (retention); the letter and its public texts stay. Returns how many.
pub async fn anonymise_closed_before(state: &AppState, before: NaiveDate) -> Result<u64, AppError> {
    let mut tx: Tx = state.db.begin().await?;
    let n = with_tx!(&mut tx, |c| {
        sqlx::query(
            "UPDATE interact_messages SET writer_name = '', phone = '', email = '', anonymised = TRUE
             WHERE anonymised = FALSE AND status IN ('published','answered','rejected','duplicate')
               AND COALESCE(replied_on, submitted_on) < $1",
        )
        .bind(before)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n > 0 {
        audit::append(
            &mut tx,
            &Actor::system(),
            InteractAction::Anonymise,
            "interact_message",
            None,
            format!("删除{n}件已办结留言的留言人个人信息（保存期满）"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}
