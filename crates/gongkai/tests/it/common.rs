//! Test harness: the real app on port 0 with a fresh database per test, on
//! SQLite always and on PostgreSQL when GONGKAI_TEST_POSTGRES holds a server URL.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use gongkai::auth::roles::{Grant, Role};
use gongkai::auth::{password, store};
use gongkai::config::Settings;
use gongkai::db::Db;
use gongkai::state::AppState;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;

pub use gongkai::db::Backend;

pub const PASSWORD: &str = "Test-password-1";

/// Run a test body on both backends: `both!(name)` makes `name::sqlite` and
/// `name::postgres` from `async fn name(b: Backend)`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::common::postgres_available() {
                        super::$name($crate::common::Backend::Postgres).await
                    }
                }
            }
        )*
    };
}

/// The PostgreSQL server URL for tests, or a printed reason why they are skipped.
/// Under CI the variable is required.
pub fn postgres_available() -> bool {
    match std::env::var("GONGKAI_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => true,
        _ => {
            if std::env::var("CI").is_ok() {
                panic!(
                    "CI is set but GONGKAI_TEST_POSTGRES is not: PostgreSQL tests are required in CI"
                );
            }
            eprintln!(
                "SKIP: PostgreSQL test skipped because GONGKAI_TEST_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)"
            );
            false
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database created for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pg_drop: Option<(String, String)>,
    pub dir: tempfile::TempDir,
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("tempdir");
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite:{}", dir.path().join("gongkai.db").display());
                TestDb {
                    url,
                    backend,
                    pg_drop: None,
                    dir,
                }
            }
            Backend::Postgres => {
                let base = std::env::var("GONGKAI_TEST_POSTGRES").expect("GONGKAI_TEST_POSTGRES");
                let name = format!(
                    "gk_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    rand_suffix()
                );
                let admin_url = base.clone();
                let url = replace_db(&base, &name);
                run_pg(&admin_url, &format!("CREATE DATABASE {name}"));
                TestDb {
                    url,
                    backend,
                    pg_drop: Some((admin_url, name)),
                    dir,
                }
            }
        }
    }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{n:x}")
}

/// Replace the database name in a PostgreSQL URL.
pub fn replace_db(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

/// Run one statement on the PostgreSQL server from a thread of its own (usable in Drop).
fn run_pg(admin_url: &str, sql: &str) {
    let admin_url = admin_url.to_string();
    let sql = sql.to_string();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        rt.block_on(async move {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("connect to GONGKAI_TEST_POSTGRES");
            sqlx::query(&sql)
                .execute(&mut c)
                .await
                .expect("admin statement");
        });
    })
    .join()
    .expect("pg thread");
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_drop.take() {
            run_pg(
                &admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub state: AppState,
    pub db: Db,
    pub root_unit: i64,
    pub tdb: TestDb,
}

pub fn settings_for(tdb: &TestDb) -> Settings {
    let mut s = Settings::default();
    s.database.url = tdb.url.clone();
    s.database.max_connections = 4;
    s.storage.data_dir = tdb.dir.path().to_path_buf();
    s.jobs.run_in_server = false;
    // Tests write to the database behind the app's back (as another node would):
    // the in-process page cache is off unless a test turns it on (tests/it/cache.rs).
    s.cache.page_cache_bytes = 0;
    s
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, |_| {}).await
}

pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let tdb = TestDb::new(backend);
    let mut settings = settings_for(&tdb);
    tweak(&mut settings);
    let db = Db::connect(&settings.database_url(), settings.database.max_connections)
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    gongkai::docs::store::seed_topics(&db)
        .await
        .expect("topics");
    let mut tx = db.begin().await.expect("tx");
    let root_unit = store::create_unit(
        &mut tx,
        &store::UnitInput {
            name: "上海市城市管理行政执法局",
            kind: gongkai::auth::roles::UnitKind::Other,
            parent_id: None,
            code: Some("MB2F300040"),
            sort_order: 0,
            active: true,
        },
    )
    .await
    .expect("root unit");
    // The bureau accepts 依申请公开 applications and handles them itself.
    store::set_foi_routing(&mut tx, root_unit, true, Some(root_unit))
        .await
        .expect("foi routing");
    tx.commit().await.expect("commit");
    let state = AppState::new(settings, db.clone());
    future_calendar_years(&state).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = gongkai::app::router(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let jar = Arc::new(Jar::default());
    let client = new_client(jar.clone());
    TestApp {
        base: format!("http://{addr}"),
        addr,
        client,
        jar,
        state,
        db,
        root_unit,
        tdb,
    }
}

pub fn new_client(jar: Arc<Jar>) -> reqwest::Client {
    gongkai::init_crypto();
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(Policy::none())
        // No reuse of connections: a server that refuses an oversized upload (413)
        // answers before reading the body and closes the connection, and the next
        // request sent on it would fail with "IncompleteMessage".
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET a JSON body.
    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        self.get(path).await.json().await.expect("JSON body")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let s = r.status().as_u16();
        (s, r.text().await.expect("body"))
    }

    /// The CSRF token in this client's cookie jar (fetching a page first if needed).
    pub async fn csrf(&self) -> String {
        if let Some(t) = cookie_value(&self.jar, &self.base, "gk_csrf") {
            return t;
        }
        // Only a page with a form sets the cookie.
        self.get("/admin/login").await;
        cookie_value(&self.jar, &self.base, "gk_csrf").expect("csrf cookie set")
    }

    /// POST a form, adding the CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("csrf_token", &token));
        self.client
            .post(self.url(path))
            .form(&body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post(
            "/admin/login",
            &[("username", username), ("password", password)],
        )
        .await
    }

    /// Log in and expect success.
    pub async fn login_ok(&self, username: &str) {
        let r = self.login(username, PASSWORD).await;
        assert_eq!(
            r.status().as_u16(),
            303,
            "login of {username} should succeed"
        );
    }

    /// A user with the test password and the given roles in the root unit.
    pub async fn user(&self, username: &str, roles: &[Role]) -> i64 {
        let unit = self.root_unit;
        self.user_in(username, roles, unit).await
    }

    pub async fn user_in(&self, username: &str, roles: &[Role], unit_id: i64) -> i64 {
        let hash = password::hash(PASSWORD.into()).await.expect("hash");
        let mut tx = self.db.begin().await.expect("tx");
        let id = store::create_user(&mut tx, username, username, &hash, false)
            .await
            .expect("user");
        let grants: Vec<Grant> = roles.iter().map(|r| Grant { unit_id, role: *r }).collect();
        store::set_grants(&mut tx, id, &grants)
            .await
            .expect("grants");
        tx.commit().await.expect("commit");
        id
    }

    pub async fn unit(&self, name: &str, parent: Option<i64>) -> i64 {
        let mut tx = self.db.begin().await.expect("tx");
        let id = store::create_unit(
            &mut tx,
            &store::UnitInput {
                name,
                kind: gongkai::auth::roles::UnitKind::District,
                parent_id: parent,
                code: None,
                sort_order: 0,
                active: true,
            },
        )
        .await
        .expect("unit");
        tx.commit().await.expect("commit");
        id
    }

    /// A separate client that fetched the login page and submitted `username` and
    /// `password`; returns it with its CSRF token and the login response.
    pub async fn client_login(
        &self,
        username: &str,
        password: &str,
    ) -> (reqwest::Client, String, reqwest::Response) {
        let (client, jar) = self.other_client();
        client
            .get(self.url("/admin/login"))
            .send()
            .await
            .expect("login page");
        let token = cookie_value(&jar, &self.base, "gk_csrf").expect("csrf cookie");
        let r = client
            .post(self.url("/admin/login"))
            .form(&[
                ("username", username),
                ("password", password),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .expect("login");
        (client, token, r)
    }

    /// A second, independent browser-like client against the same server.
    pub fn other_client(&self) -> (reqwest::Client, Arc<Jar>) {
        let jar = Arc::new(Jar::default());
        (new_client(jar.clone()), jar)
    }
}

pub fn cookie_value(jar: &Jar, base: &str, name: &str) -> Option<String> {
    let url: reqwest::Url = base.parse().ok()?;
    let header = jar.cookies(&url)?;
    let s = header.to_str().ok()?.to_string();
    s.split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Tests run on today's date, and a period that starts near the end of the year runs
/// into the next one. Years after the built-in data get a placeholder schedule
/// (元旦 only, marked as test data) so that tests do not start failing when the
/// calendar ages; the refusal for a missing year is tested with 2099.
async fn future_calendar_years(state: &gongkai::state::AppState) {
    use chrono::Datelike;
    gongkai::workdays::reload(state).await.expect("calendar");
    let next = gongkai::clock::today().year() + 1;
    let cal = gongkai::workdays::calendar(state);
    let missing: Vec<i32> = (2027..=next).filter(|y| !cal.has_year(*y)).collect();
    for year in &missing {
        // Seeded straight into the table: test data, not a staff action to audit.
        let text = format!("year {year}\n# 测试用占位数据，非国务院通知\n元旦 rest 01-01\n");
        gongkai::with_db!(&state.db, |p| sqlx::query(
            "INSERT INTO workday_years (year, schedule, updated_at, updated_by) VALUES ($1, $2, $3, '测试')"
        )
        .bind(i64::from(*year))
        .bind(&text)
        .bind(gongkai::clock::now())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
        .expect("placeholder year");
    }
    if !missing.is_empty() {
        gongkai::workdays::reload(state).await.expect("calendar");
    }
}
