//! Staff changes to 培训记录, each audited in its transaction.

use super::TrainingAction;
use super::model::TrainingInput;
use super::store;
use crate::audit::{self, Actor};
use crate::db::Db;

fn summary(t: &TrainingInput) -> String {
    format!(
        "{} “{}”，对象：{}，{}人，组织：{}",
        t.held_on, t.topic, t.audience, t.attendance, t.organiser
    )
}

pub async fn create(db: &Db, t: &TrainingInput, by: i64, actor: &Actor) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let id = store::insert(&mut tx, t, Some(by)).await?;
    audit::append(
        &mut tx,
        actor,
        TrainingAction::Create,
        "training",
        Some(id.to_string()),
        summary(t),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Change a session; false when it does not exist.
pub async fn update(db: &Db, id: i64, t: &TrainingInput, actor: &Actor) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::update(&mut tx, id, t).await? {
        return Ok(false);
    }
    audit::append(
        &mut tx,
        actor,
        TrainingAction::Update,
        "training",
        Some(id.to_string()),
        summary(t),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Delete a session; false when it does not exist.
pub async fn delete(db: &Db, id: i64, actor: &Actor) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let Some(row) = store::delete(&mut tx, id).await? else {
        return Ok(false);
    };
    audit::append(
        &mut tx,
        actor,
        TrainingAction::Delete,
        "training",
        Some(id.to_string()),
        format!(
            "{} “{}”，{}人（已删除）",
            row.held_on, row.topic, row.attendance
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
