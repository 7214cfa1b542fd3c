//! Storage: connection errors, migrations, backup and restore.

use gongkai::db::{Backend, Db};

use crate::both;
use crate::common::{TestDb, settings_for, spawn};

#[tokio::test]
async fn bad_database_urls_give_clear_errors() {
    let e = Db::connect("mysql://localhost/x", 1)
        .await
        .expect_err("unsupported");
    assert!(format!("{e:#}").contains("sqlite: 或 postgres://"), "{e:#}");
    let e = Db::connect("postgres://postgres:secret@127.0.0.1:1/none", 1)
        .await
        .expect_err("unreachable");
    let msg = format!("{e:#}");
    assert!(msg.contains("无法连接 PostgreSQL"), "{msg}");
    assert!(!msg.contains("secret"), "password not shown: {msg}");
}

#[tokio::test]
async fn sqlite_pragmas_are_set() {
    let tdb = TestDb::new(Backend::Sqlite);
    let db = Db::connect(&tdb.url, 2).await.expect("connect");
    let Db::Sqlite(pool) = &db else {
        panic!("sqlite")
    };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .expect("pragma");
    assert_eq!(fk, 1);
    let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .expect("pragma");
    assert!(timeout >= 5000);
    // A commit survives a power loss by default; `normal` is the configured choice.
    assert_eq!(
        db.durability().await.expect("durability"),
        "synchronous = FULL"
    );
    let mut s = settings_for(&tdb);
    s.database.sqlite_synchronous = "normal".into();
    let normal = Db::connect_settings(&s).await.expect("connect");
    assert_eq!(
        normal.durability().await.expect("durability"),
        "synchronous = NORMAL"
    );
}

/// An acknowledged commit is on disk: SQLite FULL by default, PostgreSQL's
/// synchronous_commit left on.
async fn commits_are_durable_by_default(b: Backend) {
    let tdb = TestDb::new(b);
    let db = Db::connect_settings(&settings_for(&tdb))
        .await
        .expect("connect");
    let expected = match b {
        Backend::Sqlite => "synchronous = FULL",
        Backend::Postgres => "synchronous_commit = on",
    };
    assert_eq!(db.durability().await.expect("durability"), expected);
}

both!(
    commits_are_durable_by_default,
    migrations_are_idempotent_and_counted,
    backup_and_restore_round_trip
);

async fn migrations_are_idempotent_and_counted(b: Backend) {
    let tdb = TestDb::new(b);
    let db = Db::connect(&tdb.url, 2).await.expect("connect");
    assert!(db.pending_migrations().await.expect("pending") >= 1);
    db.migrate().await.expect("migrate");
    db.migrate().await.expect("migrate again");
    assert_eq!(db.pending_migrations().await.expect("pending"), 0);
    // Foreign keys hold on both backends.
    let bad = gongkai::with_db!(&db, |p| sqlx::query(
        "INSERT INTO user_roles (user_id, unit_id, role) VALUES (999, 999, 'admin')"
    )
    .execute(p)
    .await
    .map(|_| ()));
    assert!(bad.is_err(), "foreign keys enforced");
}

async fn backup_and_restore_round_trip(b: Backend) {
    if b == Backend::Postgres
        && std::process::Command::new("pg_dump")
            .arg("--version")
            .output()
            .is_err()
    {
        if std::env::var("CI").is_ok() {
            panic!("pg_dump is required in CI");
        }
        eprintln!("SKIP: pg_dump not installed; PostgreSQL backup test skipped");
        return;
    }
    let app = spawn(b).await;
    app.user("keep_me", &[gongkai::auth::roles::Role::Publisher])
        .await;
    let settings = app.state.settings.clone();
    std::fs::create_dir_all(settings.files_dir().join("2026")).expect("files dir");
    std::fs::write(settings.files_dir().join("2026/附件.pdf"), b"%PDF-1.4 test").expect("file");
    let out = tempfile::tempdir().expect("dir");
    let target = out.path().join("backup");
    let m = gongkai::backup::backup(&app.db, &settings, &target)
        .await
        .expect("backup");
    assert_eq!(m.files, 1);
    assert!(target.join("manifest.json").exists());
    // A second backup into the same folder is refused.
    assert!(
        gongkai::backup::backup(&app.db, &settings, &target)
            .await
            .is_err()
    );

    // Restore into a fresh database and data directory.
    let fresh = TestDb::new(b);
    let mut s2 = settings_for(&fresh);
    s2.site = settings.site.clone();
    if b == Backend::Postgres {
        let db2 = Db::connect(&fresh.url, 1).await.expect("connect");
        db2.migrate().await.expect("migrate"); // an existing schema is replaced by --clean
        db2.close().await;
    }
    gongkai::backup::restore(&s2, &target, false)
        .await
        .expect("restore");
    let db2 = Db::connect(&s2.database_url(), 2).await.expect("connect");
    let user = gongkai::auth::store::find_by_username(&db2, "keep_me")
        .await
        .expect("q");
    assert!(user.is_some(), "data restored");
    assert!(gongkai::audit::verify(&db2).await.expect("verify").ok());
    assert_eq!(
        std::fs::read(s2.files_dir().join("2026/附件.pdf")).expect("file"),
        b"%PDF-1.4 test"
    );
    db2.close().await;
    // Restoring over data needs --force.
    let e = gongkai::backup::restore(&s2, &target, false)
        .await
        .expect_err("refuses");
    assert!(format!("{e:#}").contains("--force"));
    gongkai::backup::restore(&s2, &target, true)
        .await
        .expect("forced restore");
}
