//! The transactions of 诉求工单: creating an order (any source) and every workflow
//! step, each with its history event and its audit entry in the same transaction.

use super::OrderAction;
use rand::Rng;

use super::form::NewOrder;
use super::model::{self, Action, EventKind, Status};
use super::store::{self, OrderRow};
use super::store_outbox;
use crate::audit::{self, Actor};
use crate::error::AppError;
use crate::state::AppState;

/// A created order: its number, the query code for the requester, and the token
/// (Open311).
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub source_no: String,
    pub query_code: String,
    pub token: String,
}

/// An unambiguous code (no 0/O, 1/I/L).
fn code(len: usize) -> String {
    const A: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| A[rng.random_range(0..A.len())] as char)
        .collect()
}

/// The description as the public may read it: names, phone numbers, ID numbers and
/// the like masked (the requester's own name too).
pub fn public_text(text: &str, requester: &str) -> String {
    let opts = redact::Options {
        parties: [requester.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        tagger: crate::names_model::tagger(),
        ..Default::default()
    };
    redact::redact(text, &opts).text
}

/// The unit a new order goes to: the active unit whose name holds its district
/// (黄浦区 → 上海市黄浦区城管执法局), else the first top-level unit (the bureau,
/// whose staff 转办 it).
pub async fn route(state: &AppState, district: &str) -> Result<i64, AppError> {
    let units = crate::auth::store::all_units(&state.db).await?;
    let d = district.trim();
    if !d.is_empty()
        && let Some(u) = units.iter().find(|u| u.active && u.name.contains(d))
    {
        return Ok(u.id);
    }
    units
        .iter()
        .find(|u| u.parent_id.is_none() && u.active)
        .or_else(|| units.iter().find(|u| u.parent_id.is_none()))
        .map(|u| u.id)
        .ok_or_else(|| AppError::Conflict("尚未建立任何机构，无法受理工单".into()))
}

/// Refuse a source number the source already used, naming the existing order.
pub async fn check_duplicate(state: &AppState, o: &NewOrder) -> Result<(), AppError> {
    if let Some(no) = &o.source_no
        && let Some(old) = store::by_source_no(&state.db, o.source, no).await?
    {
        return Err(AppError::Conflict(duplicate_message(&old)));
    }
    Ok(())
}

pub fn duplicate_message(old: &OrderRow) -> String {
    format!(
        "{}工单编号 {} 已登记：工单 #{}（{}，受理日期 {}），不能重复登记",
        old.source.label(),
        old.source_no,
        old.id,
        old.status.label(),
        old.received_on
    )
}

/// A file to store with a new order (already content-checked).
pub struct NewFile {
    pub kind: &'static str,
    pub name: String,
    pub mime: &'static str,
    pub bytes: bytes::Bytes,
}

/// Create an order in its own transaction.
pub async fn create(
    state: &AppState,
    o: &NewOrder,
    unit_id: Option<i64>,
    file: Option<NewFile>,
    actor: &Actor,
) -> Result<Created, AppError> {
    check_duplicate(state, o).await?;
    let mut tx = state.db.begin().await?;
    let created = create_in(state, &mut tx, o, unit_id, file, actor).await?;
    tx.commit().await?;
    Ok(created)
}

/// Create an order in the caller's transaction (the import: all rows or none).
pub async fn create_in(
    state: &AppState,
    tx: &mut crate::db::Tx,
    o: &NewOrder,
    unit_id: Option<i64>,
    file: Option<NewFile>,
    actor: &Actor,
) -> Result<Created, AppError> {
    let unit_id = match unit_id {
        Some(u) => u,
        None => route(state, &o.district).await?,
    };
    let days = store::days(&state.db, o.source, o.urgency).await?;
    let cal = crate::workdays::calendar(state);
    let (mut accept_due, mut finish_due) = model::deadlines(&cal, o.received_on, days)?;
    if let Some(due) = o.due {
        // The source platform's own 办结 deadline (a 12345 push) is the one to keep.
        finish_due = due;
        accept_due = accept_due.min(due);
    }
    let public = public_text(&o.description, &o.contact_name);
    let query_code = code(8);
    let token = code(16);
    let (id, source_no) = match store::insert(
        tx,
        &store::Insert {
            order: o,
            public_description: &public,
            unit_id,
            accept_due,
            finish_due,
            query_code: &query_code,
            token: &token,
        },
    )
    .await
    {
        Ok(r) => r,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict(format!(
                "{}工单编号 {} 已登记，不能重复登记",
                o.source.label(),
                o.source_no.as_deref().unwrap_or("")
            )));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(f) = file {
        let sha =
            crate::docs::attachments::write_blob(&state.settings.files_dir(), &f.bytes).await?;
        store::add_file(tx, id, f.kind, &f.name, f.mime, f.bytes.len(), &sha).await?;
    }
    store::add_event(
        tx,
        id,
        EventKind::Created,
        &actor.name,
        Some(unit_id),
        &format!("来源：{}", o.source.label()),
    )
    .await?;
    audit::append(
        tx,
        actor,
        OrderAction::Create,
        "work_order",
        Some(id.to_string()),
        format!(
            "受理工单 {}（{}，{}）",
            source_no,
            o.source.label(),
            o.service_code
        ),
    )
    .await?;
    Ok(Created {
        id,
        source_no,
        query_code,
        token,
    })
}

/// Apply a workflow step to an order staff may act on; the order as it is after.
pub async fn act(
    state: &AppState,
    order: &OrderRow,
    action: Action,
    actor: &Actor,
) -> Result<OrderRow, AppError> {
    let st = model::step(order.status, order.reopened, &action).map_err(AppError::Conflict)?;
    let today = crate::clock::today();
    let cal = crate::workdays::calendar(state);
    let mut o = order.clone();
    o.status = st.status;
    let (note, summary) = match &action {
        Action::Accept => {
            o.accepted_on = Some(today);
            (String::new(), format!("签收工单 {}", o.source_no))
        }
        Action::Transfer { to } => {
            if *to == order.unit_id {
                return Err(AppError::field("unit_id", "请选择另一个承办单位"));
            }
            let days = store::days(&state.db, o.source, o.urgency).await?;
            o.unit_id = *to;
            o.accept_due = cal.add_workdays(today, days.accept)?;
            o.accepted_on = None;
            let name = crate::auth::store::all_units(&state.db)
                .await?
                .into_iter()
                .find(|u| u.id == *to)
                .map(|u| u.name)
                .unwrap_or_default();
            (
                format!("转办至{name}"),
                format!("转办工单 {} 至{name}", o.source_no),
            )
        }
        Action::Return { reason } => {
            o.return_reason = reason.clone();
            o.closed_on = Some(today);
            (reason.clone(), format!("退回工单 {}", o.source_no))
        }
        Action::Note { note } => (note.clone(), format!("记录工单 {} 的办理情况", o.source_no)),
        Action::Finish { result, reply } => {
            o.result = result.clone();
            o.reply = reply.clone();
            o.finished_on = Some(today);
            (result.clone(), format!("办结工单 {}", o.source_no))
        }
        Action::Visit { satisfaction } => {
            o.satisfaction = satisfaction.code().into();
            if st.reopen {
                let days = store::days(&state.db, o.source, o.urgency).await?;
                o.reopened = true;
                o.finished_on = None;
                o.finish_due = cal.add_workdays(today, days.finish)?;
            } else {
                o.closed_on = Some(today);
            }
            (
                satisfaction.label().to_string(),
                format!("回访工单 {}：{}", o.source_no, satisfaction.label()),
            )
        }
    };
    let mut tx = state.db.begin().await?;
    if !store::update(&mut tx, &o, order.status).await? {
        return Err(AppError::Conflict(
            "工单已被他人处理，请刷新页面后再试".into(),
        ));
    }
    store::add_event(
        &mut tx,
        o.id,
        action.event(),
        &actor.name,
        Some(o.unit_id),
        &note,
    )
    .await?;
    if st.reopen {
        store::add_event(
            &mut tx,
            o.id,
            EventKind::Reopened,
            &actor.name,
            Some(o.unit_id),
            "",
        )
        .await?;
    }
    if o.status == Status::Closed {
        store::add_event(
            &mut tx,
            o.id,
            EventKind::Closed,
            &actor.name,
            Some(o.unit_id),
            "",
        )
        .await?;
    }
    if model::push_back(o.source, action.event()) {
        let text = match &action {
            Action::Finish { result, reply } => format!("办理结果：{result}\n答复：{reply}"),
            Action::Return { reason } => format!("退回理由：{reason}"),
            _ => String::new(),
        };
        let delivery = format!("{}-{}-{}", o.source.prefix(), o.id, code(12));
        store_outbox::queue_push_back(&mut tx, &o, action.event(), &text, &delivery).await?;
    }
    audit::append(
        &mut tx,
        actor,
        OrderAction::from(action.event()),
        "work_order",
        Some(o.id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(o)
}

/// Attach an on-site photo (content-checked image) to an order being handled.
pub async fn add_photo(
    state: &AppState,
    order: &OrderRow,
    f: NewFile,
    actor: &Actor,
) -> Result<(), AppError> {
    if order.status != Status::Accepted {
        return Err(AppError::Conflict(
            "工单签收后、办结前才能上传现场照片".into(),
        ));
    }
    let sha = crate::docs::attachments::write_blob(&state.settings.files_dir(), &f.bytes).await?;
    let mut tx = state.db.begin().await?;
    store::add_file(
        &mut tx,
        order.id,
        f.kind,
        &f.name,
        f.mime,
        f.bytes.len(),
        &sha,
    )
    .await?;
    store::add_event(
        &mut tx,
        order.id,
        EventKind::Note,
        &actor.name,
        Some(order.unit_id),
        &format!("上传现场照片 {}", f.name),
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        OrderAction::Photo,
        "work_order",
        Some(order.id.to_string()),
        format!("工单 {} 上传现场照片", order.source_no),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Check an uploaded image by its content (PNG, JPEG or GIF) and size.
pub fn check_image(
    name: &str,
    bytes: bytes::Bytes,
    max: usize,
    kind: &'static str,
) -> Result<NewFile, String> {
    use crate::docs::attachments::{clean_name, sniff};
    if bytes.len() > max {
        return Err(format!("图片不能超过 {:.1} MB", max as f64 / 1048576.0));
    }
    match sniff(&bytes) {
        Some(k) if k.is_image() => Ok(NewFile {
            kind,
            name: clean_name(name),
            mime: k.mime(),
            bytes,
        }),
        _ => Err("只能上传 PNG、JPEG 或 GIF 图片（按文件内容判断）".into()),
    }
}

/// An order pushed by a source platform: created, or the one already received
/// under that number (`false`): a repeated push never makes a second order.
pub async fn receive(
    state: &AppState,
    o: &NewOrder,
    actor: &Actor,
) -> Result<(OrderRow, bool), AppError> {
    let existing = |no: String| async move {
        store::by_source_no(&state.db, o.source, &no)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("工单 {no} 未找到")))
    };
    let no = o.source_no.clone().unwrap_or_default();
    if store::by_source_no(&state.db, o.source, &no)
        .await?
        .is_some()
    {
        return Ok((existing(no).await?, false));
    }
    match create(state, o, None, None, actor).await {
        Ok(c) => Ok((existing(c.source_no).await?, true)),
        // Two pushes of one number at once: the loser returns the winner's order.
        Err(AppError::Conflict(m)) => match store::by_source_no(&state.db, o.source, &no).await? {
            Some(old) => Ok((old, false)),
            None => Err(AppError::Conflict(m)),
        },
        Err(e) => Err(e),
    }
}

/// Send a failed result again (staff, from the order page): back in the queue with
/// the same delivery id, audited.
pub async fn retry_push_back(
    state: &AppState,
    order: &OrderRow,
    push_back_id: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !store_outbox::requeue_failed(&mut tx, push_back_id, order.id).await? {
        return Err(AppError::Conflict("只有推送失败的结果才能重新推送".into()));
    }
    audit::append(
        &mut tx,
        actor,
        OrderAction::Repush,
        "work_order",
        Some(order.id.to_string()),
        format!("重新回传工单 {} 的结果", order.source_no),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
