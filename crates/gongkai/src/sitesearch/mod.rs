//! Search over everything public, fed from the database.
//!
//! Each node keeps its own index under `data_dir/search` (crates/search). It is built
//! from the database when empty, and kept in step by a per-node loop that reads the
//! document change feed (`document_changes`, the same cursor the city library pulls)
//! and the laws' import time every 30 seconds. Only public content is indexed:
//! published proactive documents, their published interpretations, and laws. Adding a
//! content type means one function returning `search::Doc`s from the database.

//! Search over everything public, fed from the database.
//!
//! Each node keeps its own index under `storage.search_dir` (default
//! `data_dir/search`), kept in step by a per-node loop every 30 seconds that reads the
//! document change feed (`document_changes`, written in the same transaction as
//! publication and withdrawal; the same cursor the city library pulls), the penalty
//! cases' `updated_at` (set by the same statement that publishes, withdraws or expires
//! a case; likewise random-inspection results) and the laws' import time. Only public
//! content is indexed: published proactive documents, their published
//! interpretations, laws, published penalty cases (masked columns only) and published
//! random-inspection results. Adding a content type means one function returning
//! `search::Doc`s from the database, called from `all_public` and `sync`.
//!
//! The index lives in a generation directory named in the file `CURRENT`. A rebuild
//! (`gongkai reindex`, the administrators' button, or a first start) writes a new
//! generation while searches keep answering from the current one, records how far
//! into the change feeds it read (`cursor.json`) and then replaces `CURRENT`; every
//! node process watching that directory switches to it at its next sync and removes
//! the old generation.

pub mod admin;
pub mod web;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::state::AppState;
use crate::with_db;

/// How far a generation has followed the database.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Cursor {
    /// `search::INDEX_VERSION` of the build.
    #[serde(default)]
    pub version: u32,
    /// Last `document_changes.seq` applied.
    pub changes: i64,
    /// `MAX(laws.imported_at)` when the laws were last indexed.
    pub laws_at: Option<DateTime<Utc>>,
    /// `MAX(penalty_cases.updated_at)` applied.
    pub penalties_at: Option<DateTime<Utc>>,
    /// `MAX(inspect_results.updated_at)` applied.
    #[serde(default)]
    pub inspections_at: Option<DateTime<Utc>>,
}

/// Rows of a feed applied within its look-back window: (id, updated_at).
type Applied = Vec<(i64, DateTime<Utc>)>;

/// One built index and its cursor.
pub struct Generation {
    pub name: String,
    pub index: search::SearchIndex,
    /// Built from the database by this version (its cursor file says so), as opposed
    /// to just created or built by a version that analyses text differently.
    pub built: bool,
    cursor: Mutex<Cursor>,
    /// Rows applied within the look-back window, per feed (id, updated_at).
    recent: Mutex<[Applied; 2]>,
}

/// This node's search: the current generation, swapped when a rebuild completes.
pub struct SiteSearch {
    root: PathBuf,
    current: RwLock<Arc<Generation>>,
    building: AtomicBool,
    /// Syncs and switches run one at a time (a switch removes the old generation).
    sync_lock: tokio::sync::Mutex<()>,
    /// In-process rebuilds run one at a time.
    build_lock: tokio::sync::Mutex<()>,
}

const CURRENT: &str = "CURRENT";
const CURSOR: &str = "cursor.json";

fn open_generation(root: &Path, name: &str) -> Result<Generation, search::Error> {
    let dir = root.join(name);
    let index = search::SearchIndex::open_or_create(&dir)?;
    let cursor: Option<Cursor> = std::fs::read_to_string(dir.join(CURSOR))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    Ok(Generation {
        name: name.to_string(),
        index,
        built: cursor
            .as_ref()
            .is_some_and(|c| c.version == search::INDEX_VERSION),
        cursor: Mutex::new(cursor.unwrap_or_default()),
        recent: Mutex::new([Vec::new(), Vec::new()]),
    })
}

fn current_name(root: &Path) -> Option<String> {
    std::fs::read_to_string(root.join(CURRENT))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.contains(['/', '\\', '.']))
}

/// A new generation's name: later builds sort after earlier ones.
fn new_name() -> String {
    format!("g{:015}", Utc::now().timestamp_micros())
}

impl SiteSearch {
    /// Open the current generation under `root` (an empty one when there is none). One
    /// that cannot be opened (e.g. built by an older version with another schema) is
    /// derived data: it is replaced by an empty generation, rebuilt from the database.
    pub fn open(root: &Path) -> anyhow::Result<SiteSearch> {
        std::fs::create_dir_all(root)?;
        let generation = match current_name(root).map(|n| (open_generation(root, &n), n)) {
            Some((Ok(g), _)) => g,
            Some((Err(e), n)) if e.is_locked() => {
                anyhow::bail!(
                    "搜索索引 {} 正被另一个进程使用：{e}",
                    root.join(n).display()
                )
            }
            other => {
                if let Some((Err(e), n)) = other {
                    tracing::warn!(error = %e, generation = %n, "search index unusable; rebuilding it");
                    let _ = std::fs::remove_dir_all(root.join(n));
                }
                // Index files of the single-directory layout of earlier versions (only
                // those: the folder might be shared with other files by mistake).
                for entry in std::fs::read_dir(root)?.flatten() {
                    if entry.path().is_file()
                        && is_old_index_file(&entry.file_name().to_string_lossy())
                    {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
                let name = new_name();
                let g = open_generation(root, &name)?;
                write_current(root, &name)?;
                g
            }
        };
        // Generations left by a rebuild that finished while no server ran.
        remove_older(root, &generation.name);
        Ok(SiteSearch {
            root: root.to_path_buf(),
            current: RwLock::new(Arc::new(generation)),
            building: AtomicBool::new(false),
            sync_lock: tokio::sync::Mutex::new(()),
            build_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// The generation searches use now.
    pub fn current(&self) -> Arc<Generation> {
        match self.current.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Whether a rebuild runs in this process.
    pub fn building(&self) -> bool {
        self.building.load(Ordering::SeqCst)
    }

    /// Switch to the generation named in `CURRENT` when another one was built (by
    /// this process or by `gongkai reindex`), then remove the finished generations
    /// before it. Returns whether it switched. The caller holds `sync_lock`.
    async fn adopt(&self, db: &Db) -> anyhow::Result<bool> {
        let Some(name) = current_name(&self.root) else {
            return Ok(false);
        };
        let old = self.current();
        if name == old.name {
            return Ok(false);
        }
        let g = open_generation(&self.root, &name)?;
        if let Ok(map) = admin::effective_synonyms(db).await {
            g.index.set_synonyms(map);
        }
        match self.current.write() {
            Ok(mut c) => *c = Arc::new(g),
            Err(p) => *p.into_inner() = Arc::new(g),
        }
        drop(old);
        remove_older(&self.root, &name);
        tracing::info!(generation = %name, "search index switched to a new build");
        Ok(true)
    }
}

/// Remove the finished generations before `current` (names sort by build time;
/// finished ones have their cursor file). A build still running elsewhere is left
/// alone; one abandoned more than a day ago is removed.
fn remove_older(root: &Path, current: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        let finished = e.path().join(CURSOR).exists();
        let abandoned = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 86_400);
        if e.path().is_dir()
            && n.starts_with('g')
            && n != current
            && ((finished && n.as_str() < current) || abandoned)
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// A file tantivy writes in an index directory.
fn is_old_index_file(name: &str) -> bool {
    const EXT: [&str; 8] = [
        ".idx",
        ".pos",
        ".term",
        ".store",
        ".fast",
        ".fieldnorm",
        ".del",
        ".lock",
    ];
    name == "meta.json" || name == ".managed.json" || EXT.iter().any(|e| name.ends_with(e))
}

fn write_current(root: &Path, name: &str) -> std::io::Result<()> {
    let tmp = root.join(format!("{CURRENT}.tmp"));
    std::fs::write(&tmp, name)?;
    std::fs::rename(tmp, root.join(CURRENT))
}

fn date_key(d: Option<NaiveDate>) -> u64 {
    d.map(|d| d.format("%Y%m%d").to_string().parse().unwrap_or(0))
        .unwrap_or(0)
}

/// Which rows an adapter reads: all, the given ids, or the next page after a row id
/// (keyset pagination, so a rebuild never holds a whole table in memory).
#[derive(Clone, Copy)]
pub enum Rows<'a> {
    All,
    Ids(&'a [i64]),
    /// Up to `limit` rows with an id above the first number, in id order.
    After(i64, i64),
}

/// Rows per page of a rebuild.
const PAGE: i64 = 5_000;

impl Rows<'_> {
    /// The condition (and order and limit for a page) on the row id column `col`.
    fn sql(self, col: &str) -> String {
        match self {
            Rows::All => String::new(),
            Rows::Ids(i) => format!(" AND {col} IN ({})", crate::db::id_list(i)),
            Rows::After(a, limit) => format!(" AND {col} > {a} ORDER BY {col} LIMIT {limit}"),
        }
    }
}

/// What an adapter read: the search documents and the largest row id (the next page
/// starts after it; `None` when no row was read).
pub struct Batch {
    pub docs: Vec<search::Doc>,
    pub last: Option<i64>,
}

type DocTuple = (
    i64,
    String,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<NaiveDate>,
    String,
    Option<String>,
);

/// Public documents as search documents, with their published interpretations.
pub async fn documents(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("d.id");
    let sql = format!(
        "SELECT d.id, d.title, d.doc_no, d.body, d.published_on, d.validity, d.valid_until,
                d.issuer_name, t.name
         FROM documents d LEFT JOIN topics t ON t.id = d.topic_id
         WHERE d.state = 'published' AND d.disclosure = 'proactive'{filter}"
    );
    let rows: Vec<DocTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let today = crate::clock::today();
    let mut out: Vec<search::Doc> = rows
        .iter()
        .map(
            |(id, title, doc_no, body, published, validity, until, issuer, topic)| search::Doc {
                id: format!("doc:{id}"),
                kind: "文件".into(),
                title: title.clone(),
                number: doc_no.clone().unwrap_or_default(),
                body: body.clone(),
                url: format!("/xxgk/documents/{id}"),
                date: date_key(*published),
                lapsed: validity.as_deref() == Some("repealed") || until.is_some_and(|u| u < today),
                topic: topic.clone().unwrap_or_default(),
                issuer: issuer.clone(),
                level: String::new(),
            },
        )
        .collect();
    let doc_ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let isql = format!(
        "SELECT id, document_id, title, body FROM interpretations WHERE state = 'published' AND document_id IN ({})",
        crate::db::id_list(&doc_ids)
    );
    let interps: Vec<(i64, i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&isql).fetch_all(p).await })?;
    let by_id: std::collections::HashMap<i64, &DocTuple> = rows.iter().map(|r| (r.0, r)).collect();
    for (iid, did, title, body) in interps {
        let parent = by_id.get(&did).copied();
        out.push(search::Doc {
            id: format!("interp:{did}"),
            kind: "解读".into(),
            title,
            number: String::new(),
            body,
            url: format!("/xxgk/interpretations/{iid}"),
            date: date_key(parent.and_then(|p| p.4)),
            lapsed: false,
            topic: parent.and_then(|p| p.8.clone()).unwrap_or_default(),
            issuer: parent.map(|p| p.7.clone()).unwrap_or_default(),
            level: String::new(),
        });
    }
    Ok(Batch {
        docs: out,
        last: doc_ids.iter().max().copied(),
    })
}

type ArticleTuple = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    bool,
    Option<NaiveDate>,
    String,
);

/// Law articles as search documents (title 法规名, number 第X条).
pub async fn law_articles(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let sql = format!(
        "SELECT a.id, a.law_id, a.ordinal, a.number, a.heading, a.text, l.title, l.expired, l.publish, l.level
         FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE 1 = 1{}",
        rows.sql("a.id")
    );
    let rows: Vec<ArticleTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(_, law, ordinal, number, heading, text, title, expired, publish, level)| {
                search::Doc {
                    id: format!("law:{law}:{ordinal}"),
                    kind: "法规".into(),
                    title,
                    number: if heading.is_empty() {
                        number
                    } else {
                        format!("{number} {heading}")
                    },
                    body: text,
                    url: format!("/laws/{law}#a{ordinal}"),
                    date: date_key(publish),
                    lapsed: expired,
                    level,
                    ..Default::default()
                }
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

type PenaltyTuple = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
);

/// Published penalty cases (all, or the given ids), from the masked columns only: the
/// party as masked, the facts as masked, basis, penalty, authority, violation type.
pub async fn penalty_cases(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("id");
    let sql = format!(
        "SELECT id, decision_no, masked_party, masked_facts, basis, penalty_kind, penalty_content,
                decided_on, authority, violation_type
         FROM penalty_cases WHERE state = 'published'{filter}"
    );
    let rows: Vec<PenaltyTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(id, no, party, facts, basis, kind, content, decided, authority, violation)| {
                let violation = crate::penalty::model::ViolationType::parse(&violation)
                    .map(|v| v.label().to_string())
                    .unwrap_or(violation);
                let kind = crate::penalty::model::PenaltyKind::parse(&kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or(kind);
                search::Doc {
                    id: format!("penalty:{id}"),
                    kind: "处罚".into(),
                    title: format!("{party}{violation}行政处罚"),
                    number: no,
                    body: format!(
                        "{facts}\n处罚依据：{basis}\n处罚种类：{kind}\n处罚内容：{content}"
                    ),
                    url: format!("/enforcement/penalties/{id}"),
                    date: date_key(Some(decided)),
                    lapsed: false,
                    topic: String::new(),
                    issuer: authority,
                    level: violation,
                }
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

/// Published results of random inspections: the entity (an organisation, as on the
/// public results page), the item, the outcome and the date.
pub async fn inspection_results(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("r.id");
    let sql = format!(
        "SELECT r.id, r.credit_code, r.outcome, r.inspected_on, r.note, COALESCE(e.name, ''),
                COALESCE(e.district, ''), COALESCE(i.name, ''), COALESCE(i.basis, '')
         FROM inspect_results r
         JOIN inspect_draws d ON d.id = r.draw_id
         JOIN inspect_plans p ON p.id = d.plan_id
         JOIN inspect_items i ON i.id = p.item_id
         LEFT JOIN inspect_entities e ON e.credit_code = r.credit_code
         WHERE r.published{filter}"
    );
    type Row = (
        i64,
        String,
        String,
        NaiveDate,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(id, code, outcome, on, note, name, district, item, basis)| {
                let outcome = crate::inspect::service::outcome_label(&outcome).to_string();
                search::Doc {
                    id: format!("inspect:{id}"),
                    kind: "抽查".into(),
                    title: format!("{name}（{item}）"),
                    number: code,
                    body: format!(
                        "抽查结果：{outcome}。检查日期：{on}。{district}\n检查依据：{basis}\n{note}"
                    ),
                    url: "/enforcement/random/results".into(),
                    date: date_key(Some(on)),
                    lapsed: false,
                    topic: String::new(),
                    issuer: district,
                    level: outcome,
                }
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

/// Content followed by its rows' `updated_at` (set by the statement that changes
/// what is public): each sync looks back a minute for transactions that committed
/// late, skipping rows it already applied.
#[derive(Clone, Copy)]
enum Feed {
    Penalties,
    Inspections,
}

impl Feed {
    fn table(self) -> &'static str {
        match self {
            Feed::Penalties => "penalty_cases",
            Feed::Inspections => "inspect_results",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Feed::Penalties => "penalty",
            Feed::Inspections => "inspect",
        }
    }

    fn cursor(self, c: &mut Cursor) -> &mut Option<DateTime<Utc>> {
        match self {
            Feed::Penalties => &mut c.penalties_at,
            Feed::Inspections => &mut c.inspections_at,
        }
    }

    async fn public(self, db: &Db, ids: &[i64]) -> sqlx::Result<Vec<search::Doc>> {
        let source = match self {
            Feed::Penalties => Source::Penalties,
            Feed::Inspections => Source::Inspections,
        };
        Ok(source.read(db, Rows::Ids(ids)).await?.docs)
    }

    async fn updated_at(self, db: &Db) -> sqlx::Result<Option<DateTime<Utc>>> {
        let sql = format!("SELECT MAX(updated_at) FROM {}", self.table());
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
            "SELECT id, updated_at FROM {} WHERE updated_at > $1",
            self.table()
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

/// The kinds of public content, each read by its adapter.
#[derive(Clone, Copy)]
enum Source {
    Documents,
    Laws,
    Penalties,
    Inspections,
}

impl Source {
    const ALL: [Source; 4] = [
        Source::Documents,
        Source::Laws,
        Source::Penalties,
        Source::Inspections,
    ];

    async fn read(self, db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
        match self {
            Source::Documents => documents(db, rows).await,
            Source::Laws => law_articles(db, rows).await,
            Source::Penalties => penalty_cases(db, rows).await,
            Source::Inspections => inspection_results(db, rows).await,
        }
    }

    /// How many rows a rebuild will read (for the progress bar; interpretations come
    /// with their documents and are not counted).
    async fn count(self, db: &Db) -> sqlx::Result<i64> {
        let sql = match self {
            Source::Documents => {
                "SELECT COUNT(*) FROM documents WHERE state = 'published' AND disclosure = 'proactive'"
            }
            Source::Laws => "SELECT COUNT(*) FROM law_articles",
            Source::Penalties => "SELECT COUNT(*) FROM penalty_cases WHERE state = 'published'",
            Source::Inspections => "SELECT COUNT(*) FROM inspect_results WHERE published",
        };
        with_db!(db, |p| { sqlx::query_scalar(sql).fetch_one(p).await })
    }

    /// Every public item of this kind, page by page, into `index` (not committed).
    async fn add_all(
        self,
        db: &Db,
        index: &search::SearchIndex,
        mut each_page: impl FnMut(usize),
    ) -> anyhow::Result<usize> {
        let (mut after, mut n) = (0, 0);
        loop {
            let batch = self.read(db, Rows::After(after, PAGE)).await?;
            let Some(last) = batch.last else {
                return Ok(n);
            };
            n += batch.docs.len();
            index.add(batch.docs)?;
            each_page(n);
            after = last;
        }
    }
}

async fn max_change(db: &Db) -> sqlx::Result<i64> {
    with_db!(db, |p| {
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM document_changes")
            .fetch_one(p)
            .await
    })
    .map(|v| v.unwrap_or(0))
}

async fn laws_imported_at(db: &Db) -> sqlx::Result<Option<DateTime<Utc>>> {
    with_db!(db, |p| {
        sqlx::query_scalar("SELECT MAX(imported_at) FROM laws")
            .fetch_one(p)
            .await
    })
}

/// Build a new generation under `root` from the database while searches go on from
/// the current one, then make it current. `progress(done, total)` is called as items
/// are indexed. Returns the generation's name and how many items it holds.
pub async fn build(
    db: &Db,
    root: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<(String, usize)> {
    std::fs::create_dir_all(root)?;
    // Read the positions first: what changes while the data is read is applied again
    // by the next sync (upserts are idempotent).
    let cursor = Cursor {
        version: search::INDEX_VERSION,
        changes: max_change(db).await?,
        laws_at: laws_imported_at(db).await?,
        penalties_at: Feed::Penalties.updated_at(db).await?,
        inspections_at: Feed::Inspections.updated_at(db).await?,
    };
    let mut total = 0usize;
    for source in Source::ALL {
        total += usize::try_from(source.count(db).await?).unwrap_or(0);
    }
    let name = new_name();
    let dir = root.join(&name);
    let index = search::SearchIndex::open_or_create(&dir)?;
    let mut n = 0usize;
    for source in Source::ALL {
        let before = n;
        n += source
            .add_all(db, &index, |done| {
                progress(before + done, total.max(before + done))
            })
            .await?;
    }
    index.finish()?;
    progress(n, n);
    drop(index);
    std::fs::write(dir.join(CURSOR), serde_json::to_string(&cursor)?)?;
    write_current(root, &name)?;
    Ok((name, n))
}

/// Rebuild this node's index from the database and switch to it (searches keep
/// answering from the old generation meanwhile). Returns how many items.
pub async fn reindex(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let _one = s.build_lock.lock().await;
    rebuild_locked(db, s).await
}

/// Build, switch, catch up with what changed while the build read the database. The
/// caller holds `build_lock`.
async fn rebuild_locked(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    s.building.store(true, Ordering::SeqCst);
    let built = build(db, &s.root, &|_, _| {}).await;
    s.building.store(false, Ordering::SeqCst);
    let (_, n) = built?;
    let _sync = s.sync_lock.lock().await;
    s.adopt(db).await?;
    sync_locked(db, s).await?;
    Ok(n)
}

/// Build the index when the current generation was never built (a first start, or
/// one replaced because it could not be opened); nothing when a build already ran.
pub async fn build_if_new(db: &Db, s: &SiteSearch) -> anyhow::Result<Option<usize>> {
    let _one = s.build_lock.lock().await;
    if s.current().built {
        return Ok(None);
    }
    rebuild_locked(db, s).await.map(Some)
}

/// Apply what changed since the last sync: documents from the change feed, penalty
/// cases by `updated_at`, laws when an import ran. Switches first to a generation
/// built meanwhile. Returns how many items were updated.
pub async fn sync(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let _one = s.sync_lock.lock().await;
    s.adopt(db).await?;
    sync_locked(db, s).await
}

async fn sync_locked(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
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
    for feed in [Feed::Penalties, Feed::Inspections] {
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

/// Where this node keeps its index once `start` has opened it.
#[derive(Default)]
pub struct IndexSlot(std::sync::OnceLock<Arc<SiteSearch>>);

impl IndexSlot {
    fn set(&self, s: Arc<SiteSearch>) {
        let _ = self.0.set(s);
    }
}

/// This node's search index, once opened (`start`).
pub fn index(state: &AppState) -> Option<Arc<SiteSearch>> {
    state.part::<IndexSlot>().0.get().cloned()
}

/// Open this node's index, build it if empty and follow the database. Searches
/// answer "not available" until this has run.
pub fn start(state: &AppState) -> anyhow::Result<Arc<SiteSearch>> {
    let s = Arc::new(SiteSearch::open(&state.settings.search_dir())?);
    state.part::<IndexSlot>().set(s.clone());
    spawn(state.clone(), s.clone());
    Ok(s)
}

fn spawn(state: AppState, search: Arc<SiteSearch>) {
    tokio::spawn(async move {
        if let Ok(map) = admin::effective_synonyms(&state.db).await {
            search.current().index.set_synonyms(map);
        }
        match build_if_new(&state.db, &search).await {
            Ok(Some(n)) => tracing::info!(search.items = n, "search index built"),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "search index build failed"),
        }
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            tick.tick().await;
            if let Err(e) = sync(&state.db, &search).await {
                tracing::warn!(error = %e, "search sync failed");
            }
            // Synonyms edited on another node.
            if let Ok(map) = admin::effective_synonyms(&state.db).await {
                search.current().index.set_synonyms(map);
            }
        }
    });
}

/// The search page, the search API, and the search administration.
pub fn routes() -> crate::web::routes::Routes {
    use crate::auth::roles::Permission;
    use axum::routing::{get, post};
    crate::web::routes::Routes::new()
        .public("/search", get(web::page))
        .public("/search/go", get(web::go))
        .public("/api/v1/search", get(web::api))
        .staff(
            "/admin/search",
            Permission::ManageTopics,
            Some(get(crate::sitesearch::admin::page)),
            Some(post(crate::sitesearch::admin::save)),
        )
        .staff(
            "/admin/search/rebuild",
            Permission::ManageTopics,
            None,
            Some(post(crate::sitesearch::admin::rebuild)),
        )
        .nav(83, "/admin/search", "站内搜索", Permission::ManageTopics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_old_index_files_are_removed_when_the_layout_changes() {
        let root = tempfile::tempdir().expect("dir");
        for f in [
            "meta.json",
            ".managed.json",
            "abc.idx",
            "abc.store",
            "gongkai.db",
            "notes.txt",
        ] {
            std::fs::write(root.path().join(f), "x").expect("write");
        }
        let s = SiteSearch::open(root.path()).expect("open");
        assert!(!s.current().built, "a new generation waits for its build");
        assert!(root.path().join("gongkai.db").exists() && root.path().join("notes.txt").exists());
        assert!(!root.path().join("meta.json").exists() && !root.path().join("abc.idx").exists());
        assert_eq!(
            current_name(root.path()).as_deref(),
            Some(s.current().name.as_str())
        );
        drop(s);
        // Opened again: the same generation, not a new one; a finished older
        // generation is removed, one still being built (newer, no cursor) is kept.
        let name = current_name(root.path());
        let older = root.path().join("g000000000000001");
        std::fs::create_dir_all(&older).expect("older");
        std::fs::write(older.join(CURSOR), "{}").expect("cursor");
        let building = root.path().join("g999999999999999");
        std::fs::create_dir_all(&building).expect("building");
        let again = SiteSearch::open(root.path()).expect("reopen");
        assert_eq!(Some(again.current().name.clone()), name);
        assert!(!older.exists() && building.exists());
    }
}
