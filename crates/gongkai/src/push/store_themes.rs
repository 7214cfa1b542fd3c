//! SQL of the theme editor (集成式发布): a theme's fields, a measure's edit and
//! removal (its tags with it). Written once for both engines.

use super::store::Measure;
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

pub async fn theme(db: &Db, id: i64) -> sqlx::Result<Option<super::store::Theme>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT id, slug, title, intro, published FROM push_themes WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await
    })
}

/// Whether another theme has this slug.
pub async fn slug_taken(db: &Db, slug: &str, except: i64) -> sqlx::Result<bool> {
    let n: i64 = with_db!(db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM push_themes WHERE slug = $1 AND id <> $2")
            .bind(slug)
            .bind(except)
            .fetch_one(p)
            .await
    })?;
    Ok(n > 0)
}

pub async fn update_theme(
    tx: &mut Tx,
    id: i64,
    slug: &str,
    title: &str,
    intro: &str,
    published: bool,
) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_themes SET slug = $1, title = $2, intro = $3, published = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(slug)
        .bind(title)
        .bind(intro)
        .bind(published)
        .bind(now())
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })
}

pub async fn measure(db: &Db, id: i64) -> sqlx::Result<Option<Measure>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, theme_id, seq, title, gives, conditions, how_to_apply, contact, basis_document_id, basis_article, valid_until \
             FROM push_measures WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(p)
        .await
    })
}

pub async fn update_measure(tx: &mut Tx, m: &Measure) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_measures SET seq = $1, title = $2, gives = $3, conditions = $4, how_to_apply = $5, \
             contact = $6, basis_document_id = $7, basis_article = $8, valid_until = $9, updated_at = $10 WHERE id = $11",
        )
        .bind(m.seq)
        .bind(&m.title)
        .bind(&m.gives)
        .bind(&m.conditions)
        .bind(&m.how_to_apply)
        .bind(&m.contact)
        .bind(m.basis_document_id)
        .bind(&m.basis_article)
        .bind(m.valid_until)
        .bind(now())
        .bind(m.id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })
}

/// Remove a measure and its tags.
pub async fn delete_measure(tx: &mut Tx, id: i64) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM push_tags WHERE object_type = $1 AND object_id = $2")
            .bind(super::store::MEASURE)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM push_measures WHERE id = $1")
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })
}
