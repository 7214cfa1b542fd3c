//! Changes to topics and attachments, each in one transaction with its audit
//! entry (the document workflow itself is in `workflow.rs`).

use super::attachments::{self, Purpose, Stored};
use super::store::{self, DocRow, Topic};
use super::workflow::PublishError;
use crate::audit;
use crate::audit::Actor;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::docs::DocAction;

/// A new topic below `parent`; `all` are the topics as they are now.
pub async fn create_topic(
    db: &Db,
    actor: &Actor,
    all: &[Topic],
    parent: Option<i64>,
    name: &str,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id = store::create_topic(&mut tx, parent, name, all.len() as i64 + 100).await?;
    audit::append(
        &mut tx,
        actor,
        DocAction::TopicCreate,
        "topic",
        Some(id.to_string()),
        format!(
            "新增主题分类“{}”",
            store::topic_path(all, parent) + " › " + name
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn rename_topic(db: &Db, actor: &Actor, topic: &Topic, name: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::rename_topic(&mut tx, topic.id, name).await?;
    audit::append(
        &mut tx,
        actor,
        DocAction::TopicRename,
        "topic",
        Some(topic.id.to_string()),
        format!("主题分类“{}”改名为“{name}”", topic.name),
    )
    .await?;
    tx.commit().await
}

/// Attach a stored file to `doc` (the draft is touched, or the interpretation
/// reopened); the new attachment's id.
pub async fn attach(
    db: &Db,
    doc: &DocRow,
    purpose: Purpose,
    user: &CurrentUser,
    f: &Stored<'_>,
) -> Result<i64, PublishError> {
    let mut tx = db.begin().await?;
    super::workflow::attachments_changing(&mut tx, doc, purpose, user).await?;
    let aid = attachments::insert(&mut tx, doc.id, purpose, f, user.id).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        DocAction::Attach,
        "document",
        Some(doc.id.to_string()),
        format!(
            "上传附件“{}”（{}，{} 字节，SHA-256 {}）",
            f.name,
            f.kind.code(),
            f.size,
            f.sha
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(aid)
}

/// Remove an attachment from `doc`.
pub async fn detach(
    db: &Db,
    doc: &DocRow,
    purpose: Purpose,
    user: &CurrentUser,
    a: &attachments::Attachment,
) -> Result<(), PublishError> {
    let mut tx = db.begin().await?;
    super::workflow::attachments_changing(&mut tx, doc, purpose, user).await?;
    attachments::delete(&mut tx, a.id).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        DocAction::Detach,
        "document",
        Some(doc.id.to_string()),
        format!("删除附件“{}”", a.file_name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
