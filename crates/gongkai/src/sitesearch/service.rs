//! Staff changes to site search, each in one transaction with its audit entry.

use std::collections::BTreeMap;

use crate::audit::{self, Actor};
use crate::db::Db;
use crate::sitesearch::SearchAction;
use crate::with_tx;

/// Replace the synonym dictionary (`term → expansion`; an empty expansion
/// switches a built-in entry off).
pub async fn save_synonyms(
    db: &Db,
    actor: &Actor,
    map: &BTreeMap<String, String>,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    with_tx!(&mut tx, |x| {
        sqlx::query("DELETE FROM search_synonyms")
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
    })?;
    for (k, v) in map {
        with_tx!(&mut tx, |x| {
            sqlx::query(
                "INSERT INTO search_synonyms (term, expands_to, updated_at) VALUES ($1, $2, $3)",
            )
            .bind(k)
            .bind(v)
            .bind(crate::clock::now())
            .execute(&mut **x)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    audit::append(
        &mut tx,
        actor,
        SearchAction::Synonyms,
        "search",
        None,
        format!(
            "修改同义词词典（{} 条）",
            map.values().filter(|v| !v.is_empty()).count()
        ),
    )
    .await?;
    tx.commit().await
}

/// Record that a staff member started rebuilding the index.
pub async fn rebuild_requested(db: &Db, actor: &Actor) -> sqlx::Result<()> {
    audit::append_now(
        db,
        actor,
        SearchAction::Rebuild,
        "search",
        None,
        "重建站内搜索索引".into(),
    )
    .await?;
    Ok(())
}
