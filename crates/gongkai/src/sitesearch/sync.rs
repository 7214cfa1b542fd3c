//! Following the database: the document change feed (`document_changes`), the
//! `updated_at` feeds of penalty cases, inspection results, letters and interviews,
//! and the laws' import time, applied to the current generation.

use chrono::{DateTime, Utc};

use super::generations::{CURSOR, Cursor, Generation, SiteSearch};
use super::sources::{PAGE, Rows, Source, documents, law_articles};
use super::sources_interact::INTERVIEW_CHANGES;
use crate::db::Db;
use crate::with_db;

/// Content followed by its rows' `updated_at` (set by the statement that changes
/// what is public): each sync looks back a minute for transactions that committed
/// late, skipping rows it already applied.
#[derive(Clone, Copy)]
pub(super) enum Feed {
    Penalties,
    Inspections,
    /// 网民留言: `updated_at` is set by every change of a letter's status (publishing,
    /// reopening, withdrawal from publication).
    Letters,
    /// 在线访谈: the interview row and its questions and guests (`INTERVIEW_CHANGES`).
    Interviews,
}

/// How many feeds there are (`Generation::recent` keeps one list per feed).
pub(super) const FEEDS: usize = 4;

impl Feed {
    pub(super) const ALL: [Feed; FEEDS] = [
        Feed::Penalties,
        Feed::Inspections,
        Feed::Letters,
        Feed::Interviews,
    ];

    /// The rows of this feed as `(id, t)`: when each row's public content last changed.
    fn changes(self) -> String {
        let table = match self {
            Feed::Penalties => "penalty_cases",
            Feed::Inspections => "inspect_results",
            Feed::Letters => "interact_messages",
            Feed::Interviews => return INTERVIEW_CHANGES.to_string(),
        };
        format!("SELECT id, updated_at AS t FROM {table}")
    }

    fn prefix(self) -> &'static str {
        match self {
            Feed::Penalties => "penalty",
            Feed::Inspections => "inspect",
            Feed::Letters => "letter",
            Feed::Interviews => "interview",
        }
    }

    fn cursor(self, c: &mut Cursor) -> &mut Option<DateTime<Utc>> {
        match self {
            Feed::Penalties => &mut c.penalties_at,
            Feed::Inspections => &mut c.inspections_at,
            Feed::Letters => &mut c.letters_at,
            Feed::Interviews => &mut c.interviews_at,
        }
    }

    async fn public(self, db: &Db, ids: &[i64]) -> sqlx::Result<Vec<search::Doc>> {
        let source = match self {
            Feed::Penalties => Source::Penalties,
            Feed::Inspections => Source::Inspections,
            Feed::Letters => Source::Letters,
            Feed::Interviews => Source::Interviews,
        };
        Ok(source.read(db, Rows::Ids(ids)).await?.docs)
    }

    pub(super) async fn updated_at(self, db: &Db) -> sqlx::Result<Option<DateTime<Utc>>> {
        let sql = format!("SELECT MAX(t) FROM ({}) c", self.changes());
        with_db!(db, |p| { sqlx::query_scalar(&sql).fetch_one(p).await })
    }

    /// Re-index the rows changed since this feed's place in `cursor` and move it on;
    /// returns how many public items were written and whether the index changed (a
    /// row that left the public set changes it without writing anything).
    async fn follow(
        self,
        db: &Db,
        g: &Generation,
        cursor: &mut Cursor,
    ) -> anyhow::Result<(usize, bool)> {
        let since = *self.cursor(cursor);
        let from = since
            .map(|t| t - chrono::Duration::seconds(60))
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let sql = format!(
            "SELECT id, MAX(t) FROM ({}) c WHERE t > $1 GROUP BY id",
            self.changes()
        );
        let changed: Vec<(i64, DateTime<Utc>)> = with_db!(db, |p| {
            sqlx::query_as(&sql).bind(from).fetch_all(p).await
        })?;
        let slot = self as usize;
        let fresh: Vec<i64> = {
            let recent = g.recent.lock().map(|r| r[slot].clone()).unwrap_or_default();
            changed
                .iter()
                .filter(|c| !recent.contains(c))
                .map(|c| c.0)
                .collect()
        };
        let mut n = 0;
        if !fresh.is_empty() {
            let public = self.public(db, &fresh).await?;
            for id in &fresh {
                g.index.delete(&format!("{}:{id}", self.prefix()))?;
            }
            n = public.len();
            g.index.upsert(public)?;
        }
        *self.cursor(cursor) = changed.iter().map(|c| c.1).max().max(since);
        if let Ok(mut r) = g.recent.lock() {
            r[slot] = changed;
        }
        Ok((n, !fresh.is_empty()))
    }
}

pub(super) async fn max_change(db: &Db) -> sqlx::Result<i64> {
    with_db!(db, |p| {
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM document_changes")
            .fetch_one(p)
            .await
    })
    .map(|v| v.unwrap_or(0))
}

pub(super) async fn laws_imported_at(db: &Db) -> sqlx::Result<Option<DateTime<Utc>>> {
    with_db!(db, |p| {
        sqlx::query_scalar("SELECT MAX(imported_at) FROM laws")
            .fetch_one(p)
            .await
    })
}

/// Apply what changed since the last sync: documents from the change feed, penalty
/// cases, inspection results, letters and interviews by `updated_at`, laws when an
/// import ran. Switches first to a generation built meanwhile. Returns how many items
/// were updated.
pub async fn sync(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let _one = s.sync_lock.lock().await;
    s.adopt(db).await?;
    sync_locked(db, s).await
}

pub(super) async fn sync_locked(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let g = s.current();
    let mut cursor = g.cursor.lock().map(|c| c.clone()).unwrap_or_default();
    let mut n = 0;
    let mut touched = false;
    let changes = crate::docs::store::changes_since(db, cursor.changes, 1000).await?;
    if let Some(last) = changes.last().map(|c| c.seq) {
        let mut ids: Vec<i64> = changes.iter().map(|c| c.document_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let public = documents(db, Rows::Ids(&ids)).await?.docs;
        for id in &ids {
            g.index.delete(&format!("doc:{id}"))?;
            g.index.delete(&format!("interp:{id}"))?;
        }
        n += public.len();
        g.index.upsert(public)?;
        cursor.changes = last;
        touched = true;
    }
    for feed in Feed::ALL {
        let (written, changed) = feed.follow(db, &g, &mut cursor).await?;
        n += written;
        touched |= changed;
    }
    let laws_at = laws_imported_at(db).await?;
    if laws_at.is_some() && laws_at != cursor.laws_at {
        let mut after = 0;
        loop {
            let batch = law_articles(db, Rows::After(after, PAGE)).await?;
            let Some(last) = batch.last else { break };
            n += batch.docs.len();
            g.index.upsert(batch.docs)?;
            after = last;
        }
        cursor.laws_at = laws_at;
        touched = true;
    }
    if touched {
        g.index.commit()?;
        // After the commit: a crash in between replays changes, which is harmless.
        let _ = std::fs::write(
            s.root.join(&g.name).join(CURSOR),
            serde_json::to_string(&cursor)?,
        );
    }
    if let Ok(mut c) = g.cursor.lock() {
        *c = cursor;
    }
    Ok(n)
}
