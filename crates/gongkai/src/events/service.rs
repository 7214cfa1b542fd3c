//! The transactions of 公众开放日: staff changes with their audit entries; public
//! registration and cancellation with the waitlist promotion, each in one transaction
//! that starts by locking the session's row (see `store`).

use super::EventAction;
use super::model::{self, RegStatus, Selection};
use super::store::{self, EventRow, NewEvent, SessionRow};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::{AppError, changed};

/// A new event with its sessions (place, start, capacity).
pub async fn create(
    db: &Db,
    e: &NewEvent,
    sessions: &[(String, chrono::DateTime<chrono::Utc>, i64)],
    actor: &Actor,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = store::insert_event(&mut tx, e).await?;
    for (place, at, cap) in sessions {
        store::insert_session(&mut tx, id, place, *at, *cap).await?;
    }
    let summary = format!("新建活动“{}”（{} 个场次）", e.title, sessions.len());
    audit::commit(tx, actor, EventAction::Create, "event", id, summary).await?;
    Ok(id)
}

pub async fn publish(db: &Db, id: i64, published: bool, actor: &Actor) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    changed(
        store::set_published(&mut tx, id, published).await?,
        AppError::NotFound,
    )?;
    let (action, summary) = if published {
        (EventAction::Publish, "发布活动")
    } else {
        (EventAction::Withdraw, "撤回活动")
    };
    audit::commit(tx, actor, action, "event", id, summary.into()).await?;
    Ok(())
}

pub async fn save_report(db: &Db, id: i64, report: &str, actor: &Actor) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    changed(
        store::set_report(&mut tx, id, report).await?,
        AppError::NotFound,
    )?;
    let summary = format!("保存活动报告（{} 字）", report.chars().count());
    audit::commit(tx, actor, EventAction::Report, "event", id, summary).await?;
    Ok(())
}

/// A checked public registration.
pub struct Registration {
    pub session_id: i64,
    pub name: String,
    pub phone: String,
    pub group_size: i64,
    pub id_type: String,
}

/// Register for a session while the window is open: a seat, the waitlist, or (under a
/// draw) an application. One live registration per phone per session.
pub async fn register(
    db: &Db,
    event: &EventRow,
    r: &Registration,
) -> Result<(String, RegStatus), AppError> {
    let now = crate::clock::now();
    if !event.published || now < event.opens_at || now >= event.closes_at {
        return Err(AppError::Conflict("不在报名时间内".into()));
    }
    if r.group_size < 1 || r.group_size > event.max_group {
        return Err(AppError::field(
            "group_size",
            &format!("每份报名 1–{} 人", event.max_group),
        ));
    }
    let mut tx = db.begin().await?;
    let s = store::lock_session(&mut tx, r.session_id)
        .await?
        .filter(|s| s.event_id == event.id)
        .ok_or_else(|| AppError::field("session_id", "请选择场次"))?;
    if store::live_by_phone(&mut tx, s.id, &r.phone).await? {
        return Err(AppError::field(
            "phone",
            "该电话号码已报名本场次（可用确认码取消后重新报名）",
        ));
    }
    if s.selection == Selection::Draw && s.draw_record.is_some() {
        return Err(AppError::Conflict("本场次已抽签，报名已结束".into()));
    }
    let status = model::placement(s.selection, s.capacity, s.seats_taken, r.group_size);
    let code = model::new_code();
    store::insert_reg(
        &mut tx,
        &store::NewReg {
            session_id: s.id,
            code: &code,
            name: &r.name,
            phone: &r.phone,
            group_size: r.group_size,
            id_type: &r.id_type,
            status,
        },
    )
    .await?;
    if status == RegStatus::Confirmed {
        store::add_seats(&mut tx, s.id, r.group_size).await?;
    }
    tx.commit().await?;
    Ok((code, status))
}

/// Give freed seats to the waitlist in queue order; inside the session's lock. A
/// waiting registration cancelled meanwhile (its own transaction) is skipped and the
/// list read again, so the seat goes to the next in line.
async fn promote_waitlist(tx: &mut crate::db::Tx, session_id: i64) -> Result<Vec<i64>, AppError> {
    let mut promoted = Vec::new();
    loop {
        let Some(s) = store::lock_session(tx, session_id).await? else {
            return Ok(promoted);
        };
        let waiting = store::waitlist(tx, session_id).await?;
        let mut missed = false;
        for id in model::promotions(s.capacity, s.seats_taken, &waiting) {
            if store::promote(tx, id).await? {
                let size = waiting
                    .iter()
                    .find(|(w, _)| *w == id)
                    .map_or(0, |(_, n)| *n);
                store::add_seats(tx, session_id, size).await?;
                promoted.push(id);
            } else {
                missed = true;
            }
        }
        if !missed {
            return Ok(promoted);
        }
    }
}

/// Cancel by confirmation code; a freed seat goes to the waitlist at once (in the same
/// transaction). Returns the ids promoted.
pub async fn cancel(db: &Db, code: &str) -> Result<Vec<i64>, AppError> {
    let mut tx = db.begin().await?;
    let Some(r) = store::cancel(&mut tx, code).await? else {
        return Err(AppError::field(
            "code",
            "确认码不正确，或该报名已取消、已签到",
        ));
    };
    let mut promoted = Vec::new();
    if r.status == RegStatus::Confirmed {
        store::lock_session(&mut tx, r.session_id).await?;
        store::add_seats(&mut tx, r.session_id, -r.group_size).await?;
        promoted = promote_waitlist(&mut tx, r.session_id).await?;
    }
    tx.commit().await?;
    Ok(promoted)
}

/// Switch a session to a public draw: commit to a secret and name the beacon, before
/// the registration deadline. Every live registration becomes an application.
pub async fn commit_draw(
    db: &Db,
    event: &EventRow,
    s: &SessionRow,
    beacon: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let (commitment, secret) =
        crate::draws::commit_before(event.closes_at, "报名已截止：抽签须在截止前公布承诺值")?;
    let mut tx = db.begin().await?;
    store::lock_session(&mut tx, s.id).await?;
    changed(
        store::commit_draw(&mut tx, s.id, beacon, &commitment, &secret).await?,
        AppError::Conflict("本场次已公布抽签承诺值".into()),
    )?;
    store::all_to_applied(&mut tx, s.id).await?;
    let summary = format!("改为公开抽签，承诺值 {commitment}，公开信标：{beacon}");
    audit::commit(
        tx,
        actor,
        EventAction::Commit,
        "event_session",
        s.id,
        summary,
    )
    .await?;
    Ok(())
}

/// The sortition input of a session's draw from its applications.
pub fn draw_input(
    event: &EventRow,
    s: &SessionRow,
    regs: &[store::RegRow],
) -> draw::sortition::SortitionInput {
    use draw::sortition::{Candidate, Seats, SortitionInput};
    SortitionInput {
        task: format!(
            "{}·{}·{}（场次{}）",
            event.title,
            s.place,
            crate::clock::fmt_local(&s.starts_at),
            s.id
        ),
        beacon: s.draw_beacon.clone(),
        strata: vec![Seats {
            stratum: "本场次".into(),
            seats: u32::try_from(s.capacity).unwrap_or(0),
        }],
        candidates: regs
            .iter()
            .filter(|r| r.status == RegStatus::Applied)
            .map(|r| Candidate {
                id: model::draw_id(r.id),
                stratum: "本场次".into(),
                size: u32::try_from(r.group_size).unwrap_or(1),
            })
            .collect(),
    }
}

/// After the deadline: enter the beacon's value, draw, seat the selected and queue the
/// others in drawn order. The record is then fixed.
pub async fn reveal_draw(
    db: &Db,
    event: &EventRow,
    s: &SessionRow,
    beacon_value: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    if crate::clock::now() < event.closes_at {
        return Err(AppError::Conflict("报名截止后才能抽签".into()));
    }
    let mut tx = db.begin().await?;
    let s = store::lock_session(&mut tx, s.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let secret = crate::draws::stored_secret(s.draw_secret.as_deref(), "本场次没有公布抽签承诺值")?;
    if s.draw_record.is_some() {
        return Err(AppError::Conflict("本场次已抽签，记录不可更改".into()));
    }
    let regs = store::regs_in(&mut tx, s.id).await?;
    let input = draw_input(event, &s, &regs);
    let (record, json) = crate::draws::sortition(input, &secret, beacon_value, "抽签")?;
    changed(
        store::save_draw(&mut tx, s.id, &json).await?,
        AppError::Conflict("本场次已抽签，记录不可更改".into()),
    )?;
    let by_draw_id: std::collections::HashMap<String, &store::RegRow> =
        regs.iter().map(|r| (model::draw_id(r.id), r)).collect();
    let mut seated = 0;
    for (pos, pick) in record.result.iter().enumerate() {
        let Some(r) = by_draw_id.get(&pick.id) else {
            continue;
        };
        let status = if pick.selected {
            seated += r.group_size;
            RegStatus::Confirmed
        } else {
            RegStatus::Waitlisted
        };
        store::set_status(&mut tx, r.id, status, pos as i64 + 1).await?;
    }
    store::add_seats(&mut tx, s.id, seated).await?;
    let summary = format!(
        "公开抽签：{} 份报名，{} 人获得名额，结果哈希 {}",
        record.result.len(),
        seated,
        record.result_hash
    );
    audit::commit(tx, actor, EventAction::Draw, "event_session", s.id, summary).await?;
    Ok(())
}

/// Mark a confirmed registration as arrived; a second check-in is refused.
pub async fn check_in(db: &Db, code: &str, actor: &Actor) -> Result<store::RegRow, AppError> {
    let Some(r) = store::reg_by_code(db, code).await? else {
        return Err(AppError::field("code", "没有这个确认码"));
    };
    if let Some(at) = r.checked_in_at {
        return Err(AppError::field(
            "code",
            &format!(
                "重复签到：该确认码已于 {} 签到",
                crate::clock::fmt_local(&at)
            ),
        ));
    }
    if r.status != RegStatus::Confirmed {
        return Err(AppError::field(
            "code",
            &format!("该报名状态为“{}”，不能签到", r.status.label()),
        ));
    }
    let mut tx = db.begin().await?;
    changed(
        store::check_in(&mut tx, code).await?,
        AppError::field("code", "重复签到：该确认码已签到"),
    )?;
    let summary = format!("现场签到（{} 人）", r.group_size);
    audit::commit(
        tx,
        actor,
        EventAction::CheckIn,
        "event_registration",
        r.id,
        summary,
    )
    .await?;
    Ok(r)
}
