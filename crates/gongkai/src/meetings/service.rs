//! The transactions of 会议公开: staff changes with their audit entries, the public
//! application, and the stratified draw (one stratum per seat category).

use super::MeetingAction;
use super::model::{self, Adoption, AppStatus, Category};
use super::store::{self, ApplicationRow, MeetingRow, NewMeeting, SeatRow};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::{AppError, changed};

/// A new meeting with its topics (title, document link) and seats per category.
pub async fn create(
    db: &Db,
    m: &NewMeeting,
    topics: &[(String, String)],
    seats: &[(Category, i64)],
    actor: &Actor,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = store::insert(&mut tx, m).await?;
    for (i, (title, url)) in topics.iter().enumerate() {
        store::add_topic(&mut tx, id, i as i64 + 1, title, url).await?;
    }
    for (c, n) in seats {
        store::add_seats(&mut tx, id, *c, *n).await?;
    }
    let summary = format!("新建会议公开“{}”（{} 个议题）", m.title, topics.len());
    audit::commit(tx, actor, MeetingAction::Create, "meeting", id, summary).await?;
    Ok(id)
}

pub async fn publish(db: &Db, id: i64, published: bool, actor: &Actor) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    changed(
        store::set_published(&mut tx, id, published).await?,
        AppError::NotFound,
    )?;
    let summary = if published {
        "发布会议公开"
    } else {
        "撤回会议公开"
    };
    audit::commit(
        tx,
        actor,
        MeetingAction::Publish,
        "meeting",
        id,
        summary.into(),
    )
    .await?;
    Ok(())
}

/// A checked application.
pub struct Application {
    pub category: Category,
    pub name: String,
    pub phone: String,
    pub organisation: String,
    pub credit_code: String,
    pub reason: String,
    pub publish_name: bool,
}

/// Apply for a seat while the window is open; one application per phone per meeting.
pub async fn apply(db: &Db, m: &MeetingRow, a: &Application) -> Result<i64, AppError> {
    let now = crate::clock::now();
    if !m.published || now < m.apply_opens_at || now >= m.apply_closes_at {
        return Err(AppError::Conflict("不在报名时间内".into()));
    }
    let seats = store::seats(db, m.id).await?;
    if !seats
        .iter()
        .any(|s| s.category == a.category && s.seats > 0)
    {
        return Err(AppError::field("category", "本次会议没有这一类别的席位"));
    }
    let mut tx = db.begin().await?;
    if store::phone_applied(&mut tx, m.id, &a.phone).await? {
        return Err(AppError::field("phone", "该电话号码已报名本次会议"));
    }
    let id = store::insert_application(
        &mut tx,
        &store::NewApplication {
            meeting_id: m.id,
            category: a.category,
            name: &a.name,
            phone: &a.phone,
            organisation: &a.organisation,
            credit_code: &a.credit_code,
            reason: &a.reason,
            publish_name: a.publish_name,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Commit to a secret and name the beacon, before the application window closes.
pub async fn commit_draw(
    db: &Db,
    m: &MeetingRow,
    beacon: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let (commitment, secret) =
        crate::draws::commit_before(m.apply_closes_at, "报名已截止：抽选须在截止前公布承诺值")?;
    let mut tx = db.begin().await?;
    changed(
        store::commit_draw(&mut tx, m.id, beacon, &commitment, &secret).await?,
        AppError::Conflict("已公布抽选承诺值".into()),
    )?;
    let summary = format!("公布抽选承诺值 {commitment}，公开信标：{beacon}");
    audit::commit(tx, actor, MeetingAction::Commit, "meeting", m.id, summary).await?;
    Ok(())
}

/// The stratified sortition input: one stratum per category with seats.
pub fn draw_input(
    m: &MeetingRow,
    seats: &[SeatRow],
    apps: &[ApplicationRow],
) -> draw::sortition::SortitionInput {
    use draw::sortition::{Candidate, Seats, SortitionInput};
    SortitionInput {
        task: format!(
            "{}·{}·{}（会议{}）",
            m.body.label(),
            m.title,
            crate::clock::fmt_local(&m.held_at),
            m.id
        ),
        beacon: m.draw_beacon.clone(),
        strata: seats
            .iter()
            .filter(|s| s.seats > 0)
            .map(|s| Seats {
                stratum: s.category.label().into(),
                seats: u32::try_from(s.seats).unwrap_or(0),
            })
            .collect(),
        candidates: apps
            .iter()
            .filter(|a| {
                seats
                    .iter()
                    .any(|s| s.category == a.category && s.seats > 0)
            })
            .map(|a| Candidate {
                id: model::draw_id(a.id),
                stratum: a.category.label().into(),
                size: 1,
            })
            .collect(),
    }
}

/// After the window: enter the beacon's value and draw per category.
pub async fn reveal_draw(
    db: &Db,
    m: &MeetingRow,
    beacon_value: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    if crate::clock::now() < m.apply_closes_at {
        return Err(AppError::Conflict("报名截止后才能抽选".into()));
    }
    let secret = crate::draws::stored_secret(m.draw_secret.as_deref(), "没有公布抽选承诺值")?;
    let seats = store::seats(db, m.id).await?;
    let apps = store::applications(db, m.id).await?;
    let input = draw_input(m, &seats, &apps);
    let (record, json) = crate::draws::sortition(input, &secret, beacon_value, "抽选")?;
    let mut tx = db.begin().await?;
    changed(
        store::save_draw(&mut tx, m.id, &json).await?,
        AppError::Conflict("已抽选，记录不可更改".into()),
    )?;
    let by_draw_id: std::collections::HashMap<String, &ApplicationRow> =
        apps.iter().map(|a| (model::draw_id(a.id), a)).collect();
    for pick in &record.result {
        if let Some(a) = by_draw_id.get(&pick.id) {
            let st = if pick.selected {
                AppStatus::Selected
            } else {
                AppStatus::Waitlisted
            };
            store::set_app_status(&mut tx, a.id, st).await?;
        }
    }
    let summary = format!(
        "分类别公开抽选：{} 人报名，{} 人抽中，结果哈希 {}",
        record.result.len(),
        record.result.iter().filter(|p| p.selected).count(),
        record.result_hash
    );
    audit::commit(tx, actor, MeetingAction::Draw, "meeting", m.id, summary).await?;
    Ok(())
}

/// Record who attended (selected applicants only).
pub async fn attendance(
    db: &Db,
    meeting: i64,
    attended: &[i64],
    apps: &[ApplicationRow],
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    for a in apps.iter().filter(|a| a.status == AppStatus::Selected) {
        store::set_attended(&mut tx, meeting, a.id, attended.contains(&a.id)).await?;
    }
    let summary = format!("登记列席情况：{} 人到会", attended.len());
    audit::commit(
        tx,
        actor,
        MeetingAction::Attendance,
        "meeting",
        meeting,
        summary,
    )
    .await?;
    Ok(())
}

pub async fn add_opinion(
    db: &Db,
    o: &store::NewOpinion<'_>,
    actor: &Actor,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    let id = store::insert_opinion(&mut tx, o).await?;
    let summary = format!("登记列席人员意见（{}）", o.adoption.label());
    audit::commit(
        tx,
        actor,
        MeetingAction::Opinion,
        "meeting_opinion",
        id,
        summary,
    )
    .await?;
    Ok(id)
}

pub async fn adopt(
    db: &Db,
    meeting: i64,
    id: i64,
    adoption: Adoption,
    reason: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let rows = store::set_adoption(&mut tx, meeting, id, adoption, reason).await?;
    changed(rows, AppError::NotFound)?;
    let summary = format!("意见处理：{}", adoption.label());
    audit::commit(
        tx,
        actor,
        MeetingAction::Adopt,
        "meeting_opinion",
        id,
        summary,
    )
    .await?;
    Ok(())
}

pub async fn decide(
    db: &Db,
    meeting: i64,
    topic: i64,
    decision: &str,
    url: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let rows = store::set_decision(&mut tx, meeting, topic, decision, url).await?;
    changed(rows, AppError::NotFound)?;
    audit::commit(
        tx,
        actor,
        MeetingAction::Decide,
        "meeting_topic",
        topic,
        "登记议题决定".into(),
    )
    .await?;
    Ok(())
}
