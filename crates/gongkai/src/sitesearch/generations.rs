//! The index generations on disk: each build is a directory `g<micros>` under the
//! search root, the file `CURRENT` names the one searches use, and a finished
//! generation holds `cursor.json` (how far it followed the database). A rebuild writes
//! a new generation while searches go on from the current one, then replaces
//! `CURRENT`; every process switches at its next sync and removes the older ones.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::sources::Source;
use super::sync::{FEEDS, Feed, laws_imported_at, max_change, sync_locked};
use crate::db::Db;

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
    /// When the letters' public content last changed, as applied (`MAX(updated_at)`).
    #[serde(default)]
    pub letters_at: Option<DateTime<Utc>>,
    /// When the interviews' public record last changed, as applied.
    #[serde(default)]
    pub interviews_at: Option<DateTime<Utc>>,
}

/// Rows of a feed applied within its look-back window: (id, updated_at).
pub(super) type Applied = Vec<(i64, DateTime<Utc>)>;

/// One built index and its cursor.
pub struct Generation {
    pub name: String,
    pub index: search::SearchIndex,
    /// Built from the database by this version (its cursor file says so), as opposed
    /// to just created or built by a version that analyses text differently.
    pub built: bool,
    pub(super) cursor: Mutex<Cursor>,
    /// Rows applied within the look-back window, per feed (id, updated_at).
    pub(super) recent: Mutex<[Applied; FEEDS]>,
}

/// This node's search: the current generation, swapped when a rebuild completes.
pub struct SiteSearch {
    pub(super) root: PathBuf,
    current: RwLock<Arc<Generation>>,
    building: AtomicBool,
    /// Syncs and switches run one at a time (a switch removes the old generation).
    pub(super) sync_lock: tokio::sync::Mutex<()>,
    /// In-process rebuilds run one at a time.
    build_lock: tokio::sync::Mutex<()>,
}

const CURRENT: &str = "CURRENT";
pub(super) const CURSOR: &str = "cursor.json";

fn open_generation(root: &Path, name: &str) -> Result<Generation, search::Error> {
    let dir = root.join(name);
    let index = search::SearchIndex::open_or_create(&dir)?;
    // Citizens' words linked to legal terms, by what this index holds (an empty new
    // generation learns when it is adopted after its build).
    index.learn_related(&super::faq_pairs());
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
        recent: Mutex::new(Default::default()),
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
    pub(super) async fn adopt(&self, db: &Db) -> anyhow::Result<bool> {
        let Some(name) = current_name(&self.root) else {
            return Ok(false);
        };
        let old = self.current();
        if name == old.name {
            return Ok(false);
        }
        let g = open_generation(&self.root, &name)?;
        if let Ok(map) = super::admin::effective_synonyms(db).await {
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
        letters_at: Feed::Letters.updated_at(db).await?,
        interviews_at: Feed::Interviews.updated_at(db).await?,
    };
    let total = public_items(db).await?;
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
/// In a child process when `child` says so for this many items.
pub async fn build_if_new(
    db: &Db,
    s: &SiteSearch,
    child: Option<&ChildBuild>,
) -> anyhow::Result<Option<usize>> {
    let _one = s.build_lock.lock().await;
    if s.current().built {
        return Ok(None);
    }
    if let Some(c) = child.filter(|c| c.min_items > 0) {
        let items = public_items(db).await?;
        if items as u64 >= c.min_items {
            match c.build(db, s).await {
                Ok(true) => return Ok(Some(items)),
                Ok(false) => tracing::warn!("子进程重建后未找到新索引，改在本进程重建"),
                Err(e) => {
                    tracing::warn!(error = %format!("{e:#}"), "子进程重建搜索索引失败，改在本进程重建")
                }
            }
        }
    }
    rebuild_locked(db, s).await.map(Some)
}

/// A large build in a child process: `exe --config CONFIG reindex`, told this
/// node's database and index folder through the environment (what `serve`'s command
/// line changed, like `--bind`, does not matter to a build). The build's memory (over
/// 1 GB at a million documents; glibc keeps much of what a process freed) goes back to
/// the system when the child exits. Set by `serve` only: tests and the other commands
/// build in their own process. The child stops if the server dies first.
#[derive(Debug, Clone)]
pub struct ChildBuild {
    pub exe: PathBuf,
    pub config: PathBuf,
    pub database_url: String,
    /// `storage.search_build_child_min_items`.
    pub min_items: u64,
}

/// How many public items the sources hold (what a build indexes).
async fn public_items(db: &Db) -> anyhow::Result<usize> {
    let mut total = 0usize;
    for source in Source::ALL {
        total += usize::try_from(source.count(db).await?).unwrap_or(0);
    }
    Ok(total)
}

impl ChildBuild {
    /// Build in the child, then switch to its generation and catch up; whether a new
    /// generation was there to switch to. The caller holds `build_lock`.
    async fn build(&self, db: &Db, s: &SiteSearch) -> anyhow::Result<bool> {
        s.building.store(true, Ordering::SeqCst);
        let built = self.run(&s.root).await;
        s.building.store(false, Ordering::SeqCst);
        built?;
        let _sync = s.sync_lock.lock().await;
        if !s.adopt(db).await? {
            return Ok(false);
        }
        sync_locked(db, s).await?;
        Ok(true)
    }

    async fn run(&self, root: &Path) -> anyhow::Result<()> {
        let out = tokio::process::Command::new(&self.exe)
            .arg("--config")
            .arg(&self.config)
            .arg("reindex")
            .env("GONGKAI__DATABASE__URL", &self.database_url)
            .env("GONGKAI__STORAGE__SEARCH_DIR", root)
            .env(crate::cli::REINDEX_FOR_SERVER_VAR, "1")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output()
            .await?;
        if out.status.success() {
            tracing::info!(
                output = %String::from_utf8_lossy(&out.stdout).trim(),
                "search index built by a child process"
            );
            return Ok(());
        }
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        anyhow::bail!("gongkai reindex 退出（{}）：{last}", out.status)
    }
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
