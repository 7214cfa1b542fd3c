//! Storage: one `Db` value over either a SQLite or a PostgreSQL pool.
//!
//! Every query is written once, in the SQL both backends accept (`$n` parameters,
//! `RETURNING`, `ON CONFLICT`), and run on either pool through [`with_db!`] /
//! [`with_tx!`], which expand the same expression once per backend so that sqlx's
//! full type support (chrono, bool) is kept. See docs/ARCHITECTURE.md.

pub mod fast;
mod rows;
pub use rows::{Row, grouped, rows_for};

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// Each SQLite connection's own page cache (negative: in KiB; SQLite's default is
/// -2000, about 2 MB):
/// the operating system's file cache holds the database for all connections
/// together, so a small cache per connection costs a `pread` now and then and keeps
/// the server's memory flat as the pool grows.
const SQLITE_CACHE_KIB: i64 = -1024;

/// Which SQL engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, DbUrlError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbUrlError(url_for_log(url)))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("数据库地址无法识别（{0}）：应以 sqlite: 或 postgres:// 开头")]
pub struct DbUrlError(String);

/// A database URL with any password replaced, safe to print.
pub fn url_for_log(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// How SQLite syncs its write-ahead log (`database.sqlite_synchronous`).
///
/// `Full`: every commit is fsynced before it is acknowledged, so a commit survives
/// a power loss or an OS crash. `Normal`: the log is fsynced only at checkpoints; a
/// commit survives a crash of the process but the last ones may be lost on a power
/// loss. PostgreSQL keeps its own `synchronous_commit = on` (the default), which
/// promises what `Full` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    Full,
    Normal,
}

impl SqliteSync {
    pub fn parse(s: &str) -> Option<SqliteSync> {
        match s {
            "full" => Some(SqliteSync::Full),
            "normal" => Some(SqliteSync::Normal),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SqliteSync::Full => "full",
            SqliteSync::Normal => "normal",
        }
    }
}

/// The connection pool of the configured backend.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction on either backend.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Run one expression on the concrete pool: `with_db!(db, |p| query.fetch_one(p))`.
#[macro_export]
macro_rules! with_db {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($p) => $body,
            $crate::db::Db::Postgres($p) => $body,
        }
    };
}

/// Run one expression on the concrete connection of a transaction:
/// `with_tx!(tx, |c| query.execute(&mut **c))`.
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite($c) => $body,
            $crate::db::Tx::Postgres($c) => $body,
        }
    };
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connect to the database at `url`. For SQLite the file (and its folder) is
    /// created if missing; WAL with `synchronous = FULL`, foreign keys and a busy
    /// timeout are switched on.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        Db::connect_with(url, max_connections, SqliteSync::Full).await
    }

    /// [`Db::connect`] with the configured durability of SQLite commits.
    pub async fn connect_settings(settings: &crate::config::Settings) -> anyhow::Result<Db> {
        Db::connect_with(
            &settings.database_url(),
            settings.database.max_connections,
            settings.sqlite_sync(),
        )
        .await
    }

    /// [`Db::connect`] with SQLite's `synchronous` setting given (PostgreSQL: unused).
    pub async fn connect_with(
        url: &str,
        max_connections: u32,
        sync: SqliteSync,
    ) -> anyhow::Result<Db> {
        match Backend::from_url(url)? {
            Backend::Sqlite => {
                let opts = SqliteConnectOptions::from_str(url)
                    .with_context(|| format!("SQLite 地址无效：{}", url_for_log(url)))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(match sync {
                        SqliteSync::Full => SqliteSynchronous::Full,
                        SqliteSync::Normal => SqliteSynchronous::Normal,
                    })
                    .foreign_keys(true)
                    .pragma("cache_size", SQLITE_CACHE_KIB.to_string())
                    .busy_timeout(Duration::from_secs(10));
                if let Some(parent) = opts.get_filename().parent()
                    && !parent.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("无法创建数据目录 {}", parent.display()))?;
                }
                // No ping before each acquire: a connection to a local file does not go
                // stale, and the ping is one more hand-off to the connection's worker
                // thread before every statement the pool runs.
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await
                    .with_context(|| format!("无法打开 SQLite 数据库 {}", url_for_log(url)))?;
                Ok(Db::Sqlite(pool))
            }
            Backend::Postgres => {
                let opts = PgConnectOptions::from_str(url)
                    .with_context(|| format!("PostgreSQL 地址无效：{}", url_for_log(url)))?;
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(opts)
                    .await
                    .with_context(|| format!("无法连接 PostgreSQL {}", url_for_log(url)))?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Apply the embedded migrations of this backend.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATOR
                .run(p)
                .await
                .context("SQLite 数据库迁移失败")?,
            Db::Postgres(p) => POSTGRES_MIGRATOR
                .run(p)
                .await
                .context("PostgreSQL 数据库迁移失败")?,
        }
        Ok(())
    }

    /// Whether every embedded migration has been applied.
    pub async fn pending_migrations(&self) -> anyhow::Result<usize> {
        let total = match self {
            Db::Sqlite(_) => SQLITE_MIGRATOR.iter().count(),
            Db::Postgres(_) => POSTGRES_MIGRATOR.iter().count(),
        };
        let applied: Result<Vec<(i64,)>, sqlx::Error> = with_db!(self, |p| {
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(p)
                .await
        });
        let applied = match applied {
            Ok(rows) => rows.len(),
            // No migrations table yet: nothing applied.
            Err(sqlx::Error::Database(_)) => 0,
            Err(e) => return Err(e.into()),
        };
        Ok(total.saturating_sub(applied))
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// What an acknowledged commit survives, as the engine reports it:
    /// `synchronous = FULL|NORMAL|…` (SQLite) or `synchronous_commit = on|off|…`
    /// (PostgreSQL).
    pub async fn durability(&self) -> sqlx::Result<String> {
        match self {
            Db::Sqlite(p) => {
                let n: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(p)
                    .await?;
                let name = match n {
                    0 => "OFF",
                    1 => "NORMAL",
                    2 => "FULL",
                    _ => "EXTRA",
                };
                Ok(format!("synchronous = {name}"))
            }
            Db::Postgres(p) => {
                let v: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(p)
                    .await?;
                Ok(format!("synchronous_commit = {v}"))
            }
        }
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_db!(self, |p| sqlx::query("SELECT 1")
            .execute(p)
            .await
            .map(|_| ()))
    }

    pub async fn close(&self) {
        with_db!(self, |p| p.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Whether an error is a unique-constraint violation (for friendly messages).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => d.is_unique_violation(),
        _ => false,
    }
}

/// Offset/limit pagination shared by every list.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Page {
    pub number: i64,
    pub size: i64,
}

impl Page {
    pub const DEFAULT_SIZE: i64 = 20;

    pub fn new(number: Option<i64>, size: Option<i64>) -> Page {
        Page {
            number: number.unwrap_or(1).max(1),
            size: size.unwrap_or(Self::DEFAULT_SIZE).clamp(1, 200),
        }
    }

    /// Rows to skip; saturates, so a page number far past the end (an API caller's
    /// `page=9223372036854775806`) reads an empty page instead of overflowing.
    pub fn offset(&self) -> i64 {
        (self.number - 1).saturating_mul(self.size)
    }

    pub fn total_pages(&self, total: i64) -> i64 {
        ((total + self.size - 1) / self.size).max(1)
    }
}

/// A value bound to a `Where` condition.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
    Date(chrono::NaiveDate),
    Time(chrono::DateTime<chrono::Utc>),
}

/// The conditions of a filtered list and their arguments, written once for both
/// backends: each `?` in a condition becomes the next `$n`.
#[derive(Debug, Clone, Default)]
pub struct Where {
    conds: Vec<String>,
    args: Vec<Arg>,
}

impl Where {
    pub fn new() -> Where {
        Where::default()
    }

    /// A condition without arguments (a fixed rule, or integers already checked).
    pub fn raw(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    /// A condition whose `?` placeholders all take `arg`.
    pub fn push(&mut self, cond: &str, arg: Arg) {
        self.args.push(arg);
        self.conds
            .push(cond.replace('?', &format!("${}", self.args.len())));
    }

    /// ` WHERE a AND b`, or nothing when there are no conditions.
    pub fn clause(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conds.join(" AND "))
        }
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }

    /// `{col} IN (…)` for a staff member's unit scope; nothing when the scope is
    /// all units (`None`).
    pub fn in_units(&mut self, col: &str, units: Option<&[i64]>) {
        if let Some(u) = units {
            self.raw(format!("{col} IN ({})", id_list(u)));
        }
    }
}

/// One page of `SELECT {cols} FROM {from}` filtered by `w` and sorted by `order`,
/// with the total count of matching rows.
pub async fn page_where<T>(
    db: &Db,
    cols: &str,
    from: &str,
    w: &Where,
    order: &str,
    page: Page,
) -> sqlx::Result<(Vec<T>, i64)>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    page_where_known(db, cols, from, w, order, page, None).await
}

/// [`page_where`], without the `COUNT(*)` when the caller already knows the total
/// (a count kept from an earlier page of the same filter).
pub async fn page_where_known<T>(
    db: &Db,
    cols: &str,
    from: &str,
    w: &Where,
    order: &str,
    page: Page,
    known_total: Option<i64>,
) -> sqlx::Result<(Vec<T>, i64)>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let clause = w.clause();
    let n = w.args.len();
    let sql = format!(
        "SELECT {cols} FROM {from}{clause} ORDER BY {order} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let count_sql = format!("SELECT COUNT(*) FROM {from}{clause}");
    with_db!(db, |p| {
        let mut q = sqlx::query_as::<_, T>(&sql);
        let mut cq = sqlx::query_scalar::<_, i64>(&count_sql);
        for a in &w.args {
            match a {
                Arg::Text(s) => {
                    q = q.bind(s.clone());
                    cq = cq.bind(s.clone());
                }
                Arg::Int(i) => {
                    q = q.bind(*i);
                    cq = cq.bind(*i);
                }
                Arg::Date(d) => {
                    q = q.bind(*d);
                    cq = cq.bind(*d);
                }
                Arg::Time(t) => {
                    q = q.bind(*t);
                    cq = cq.bind(*t);
                }
            }
        }
        let rows = q.bind(page.size).bind(page.offset()).fetch_all(p).await?;
        let total = match known_total {
            Some(t) => t,
            None => cq.fetch_one(p).await?,
        };
        Ok((rows, total))
    })
}

/// Ids as a SQL list for `IN (…)` (they are integers, so this is safe); an empty set
/// becomes `0`, which matches nothing.
pub fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "0".to_string()
    } else {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}
