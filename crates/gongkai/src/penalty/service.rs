//! The changes of 执法公示, each in one transaction with its audit entry (the SQL is
//! in `store.rs`): registering a case with its automatic masking, the state changes
//! (confirm, publish, withdraw), a reviewer's added masking, and suspended numbers.

use chrono::NaiveDate;

use super::PenaltyAction;
use super::model::{self, PenaltyState};
use super::store::{self, CaseRow, Change, NewCase};
use crate::audit::{self, Actor};
use crate::db::{Db, Tx};
use crate::error::AppError;

/// Insert a case with its automatic masking (state: pending confirmation), audited,
/// in the caller's transaction (an import registers many in one).
pub async fn insert(
    tx: &mut Tx,
    c: &NewCase,
    by: Option<i64>,
    actor: &Actor,
) -> Result<i64, AppError> {
    let m = masked(
        c.natural,
        &c.party_name,
        &c.legal_rep,
        Vec::new(),
        &c.facts,
        &c.full_text,
    )
    .await?;
    let id = match store::insert(tx, c, &m, by).await {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::field("decision_no", "该决定书文号已登记"));
        }
        Err(e) => return Err(e.into()),
    };
    audit::append(
        tx,
        actor,
        PenaltyAction::Create,
        "penalty_case",
        Some(id.to_string()),
        format!(
            "登记处罚案件 {}（自动去标识化 {} 处）",
            c.decision_no,
            m.maskings.len()
        ),
    )
    .await?;
    Ok(id)
}

/// [`model::mask_with`] on a blocking thread: a 50 000-character decision takes the
/// masker a few hundred milliseconds, which must not stall the server's other requests.
async fn masked(
    natural: bool,
    party_name: &str,
    legal_rep: &str,
    extra: Vec<String>,
    facts: &str,
    full_text: &str,
) -> Result<model::Masked, AppError> {
    let (party_name, legal_rep, facts, full_text) = (
        party_name.to_string(),
        legal_rep.to_string(),
        facts.to_string(),
        full_text.to_string(),
    );
    Ok(tokio::task::spawn_blocking(move || {
        model::mask_with(natural, &party_name, &legal_rep, &extra, &facts, &full_text)
    })
    .await
    .map_err(anyhow::Error::from)?)
}

/// Apply a change guarded by the current state, audited, in one transaction.
pub async fn change(
    db: &Db,
    case: &CaseRow,
    from: PenaltyState,
    change: Change,
    action: PenaltyAction,
    summary: String,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !store::change(&mut tx, case.id, from, &change).await? {
        return Err(AppError::Conflict("案件状态已变化，请刷新后重试".into()));
    }
    audit::append(
        &mut tx,
        actor,
        action,
        "penalty_case",
        Some(case.id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Remember `item` as personal text of this case and mask the case again; returns
/// how many maskings the case now has.
pub async fn add_mask(db: &Db, c: &CaseRow, item: &str, actor: &Actor) -> Result<usize, AppError> {
    let mut items = store::extras(db, c.id).await?;
    if !items.iter().any(|x| x == item) {
        items.push(item.to_string());
    }
    let m = masked(
        c.natural(),
        &c.party_name,
        &c.legal_rep,
        items.clone(),
        &c.facts,
        &c.full_text,
    )
    .await?;
    let mut tx = db.begin().await?;
    if !store::set_masks(&mut tx, c.id, &m, &items).await? {
        return Err(AppError::Conflict("只有待确认的案件可以补充遮蔽".into()));
    }
    // The audit log names the case and the count, never the personal text itself.
    audit::append(
        &mut tx,
        actor,
        PenaltyAction::MaskAdd,
        "penalty_case",
        Some(c.id.to_string()),
        format!(
            "为处罚案件 {} 人工补充遮蔽 1 项（共 {} 项，去标识化 {} 处）",
            c.decision_no,
            items.len(),
            m.maskings.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(m.maskings.len())
}

/// Suspend a number (暂停通讯工具号码), audited with the masked number only.
pub async fn add_number(
    db: &Db,
    unit_id: i64,
    number: &str,
    on: NaiveDate,
    reason: &str,
    actor: &Actor,
) -> Result<i64, AppError> {
    let masked = model::mask_number(number);
    let mut tx = db.begin().await?;
    let id = store::add_number(&mut tx, unit_id, number, &masked, on, reason).await?;
    audit::append(
        &mut tx,
        actor,
        PenaltyAction::NumberSuspend,
        "suspended_number",
        Some(id.to_string()),
        format!("暂停通讯工具号码 {masked}（{on}）"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Lift a suspension, audited.
pub async fn lift_number(
    db: &Db,
    id: i64,
    on: NaiveDate,
    reason: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !store::lift_number(&mut tx, id, on, reason).await? {
        return Err(AppError::Conflict(
            "该号码不在暂停状态，或恢复日期早于暂停日期".into(),
        ));
    }
    audit::append(
        &mut tx,
        actor,
        PenaltyAction::NumberLift,
        "suspended_number",
        Some(id.to_string()),
        format!("恢复通讯工具号码（{on}）：{reason}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
