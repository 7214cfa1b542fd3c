//! A synchronous read path for the hottest public read on SQLite (a document's
//! page), beside the sqlx pool.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every statement
//! and every row to it and back over channels; under load on two cores those
//! hand-offs (futex wake-ups, task switches) cost more than the read itself
//! (docs/BENCHMARKS.md, "2026-12-04"). Here a few read-only connections to the same
//! file are kept and a point read runs on the calling thread: an indexed read of a
//! database the operating system has cached takes microseconds, like rendering the
//! page's template, which also runs there.
//!
//! Only for reads that are cheap and bounded (one row by primary key), and only on
//! a file database (an in-memory one has no second connection). A caller falls back
//! to the pool on any error here, so this path can make a read faster, never wrong.
//! The same SQL text serves both: SQLite takes `$1` as a parameter.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use sqlx::sqlite::SqliteConnectOptions;

/// Read-only connections kept for reuse (more are opened under load and closed
/// again once this many wait).
const KEEP: usize = 8;

pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    /// Readers of the SQLite file behind `url`; `None` for PostgreSQL, an in-memory
    /// database or a file that does not exist yet.
    pub fn for_url(url: &str) -> Option<Readers> {
        if super::Backend::from_url(url).ok()? != super::Backend::Sqlite {
            return None;
        }
        // An in-memory database names no file, so `is_file` leaves it out too.
        let opts = SqliteConnectOptions::from_str(url).ok()?;
        let path = opts.get_filename().to_path_buf();
        path.is_file().then(|| Readers {
            path,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Run `f` on a kept read-only connection (opened when none is free).
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let kept = self.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match kept {
            Some(c) => c,
            None => self.open()?,
        };
        let out = f(&conn);
        if let Ok(mut v) = self.idle.lock()
            && v.len() < KEEP
        {
            v.push(conn);
        }
        out
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let c = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        c.busy_timeout(Duration::from_secs(2))?;
        c.pragma_update(None, "cache_size", super::SQLITE_CACHE_KIB)?;
        Ok(c)
    }
}

/// The node's readers, made on first use from the configured database address.
#[derive(Default)]
pub struct FastReads(OnceLock<Option<Readers>>);

impl FastReads {
    /// The readers; `url` is asked for only the first time (it is formatted from the
    /// settings, and this sits on the document page's path).
    pub fn get(&self, url: impl FnOnce() -> String) -> Option<&Readers> {
        self.0.get_or_init(|| Readers::for_url(&url())).as_ref()
    }
}

/// A column error for a value this path cannot read as sqlx would (the caller then
/// reads through the pool).
fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(idx, what.to_string(), rusqlite::types::Type::Text)
}

/// The columns of a row read in the order of the SELECT, by position (a lookup by
/// name scans every column name); each name is compared with the one expected, so
/// a SELECT and a reader that drift apart fail here, and the caller falls back to
/// the pool.
#[derive(Default)]
pub struct Cols(usize);

impl Cols {
    fn next(&mut self, row: &rusqlite::Row<'_>, name: &str) -> rusqlite::Result<usize> {
        let i = self.0;
        self.0 += 1;
        match row.as_ref().column_name(i) {
            Ok(n) if n == name => Ok(i),
            _ => Err(bad(i, &format!("expected column {name}"))),
        }
    }

    pub fn get<T: rusqlite::types::FromSql>(
        &mut self,
        row: &rusqlite::Row<'_>,
        name: &str,
    ) -> rusqlite::Result<T> {
        let i = self.next(row, name)?;
        row.get(i)
    }

    /// A timestamp as sqlx writes it to SQLite (RFC 3339), or as SQLite's own
    /// `CURRENT_TIMESTAMP` does (UTC without an offset).
    pub fn time(&mut self, row: &rusqlite::Row<'_>, name: &str) -> rusqlite::Result<DateTime<Utc>> {
        let i = self.0;
        self.time_opt(row, name)?.ok_or_else(|| bad(i, "NULL"))
    }

    pub fn time_opt(
        &mut self,
        row: &rusqlite::Row<'_>,
        name: &str,
    ) -> rusqlite::Result<Option<DateTime<Utc>>> {
        let i = self.next(row, name)?;
        let Some(s) = row.get::<_, Option<String>>(i)? else {
            return Ok(None);
        };
        parse_time(&s).map(Some).ok_or_else(|| bad(i, &s))
    }

    pub fn date_opt(
        &mut self,
        row: &rusqlite::Row<'_>,
        name: &str,
    ) -> rusqlite::Result<Option<NaiveDate>> {
        let i = self.next(row, name)?;
        let Some(s) = row.get::<_, Option<String>>(i)? else {
            return Ok(None);
        };
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| bad(i, &s))
    }

    /// A coded value (`code_enum!`) from its code, by the given parser.
    pub fn code<T>(
        &mut self,
        row: &rusqlite::Row<'_>,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> rusqlite::Result<T> {
        let i = self.next(row, name)?;
        let s: String = row.get(i)?;
        parse(&s).ok_or_else(|| bad(i, &s))
    }
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_as_sqlx_and_sqlite_write_them() {
        let t = parse_time("2026-12-04T15:39:51.129777+00:00").expect("rfc3339");
        assert_eq!(t.to_rfc3339(), "2026-12-04T15:39:51.129777+00:00");
        assert_eq!(
            parse_time("2026-12-04 15:39:51")
                .expect("sqlite")
                .to_rfc3339(),
            "2026-12-04T15:39:51+00:00"
        );
        assert!(parse_time("4 Dec 2026").is_none());
    }

    #[test]
    fn only_file_databases() {
        assert!(Readers::for_url("postgres://x@localhost/db").is_none());
        assert!(Readers::for_url("sqlite::memory:").is_none());
        assert!(Readers::for_url("sqlite:/nonexistent/dir/gongkai.db").is_none());
    }
}
