//! gongkai (公开): a government information disclosure platform.
//!
//! The crate is organised by capability (docs/ARCHITECTURE.md has the map and the
//! file layout every capability follows).
//!
//! The kernel, which every capability may use and which names none of them:
//! - `config`: settings (defaults, gongkai.toml, environment), validated.
//! - `db`: the `Db`/`Tx` enums over SQLite and PostgreSQL, migrations, pages,
//!   the `Where` builder for filtered lists.
//! - `error`: `AppError`, the one error type (HTML page or JSON).
//! - `clock`: UTC storage, Beijing-time display, `now()`.
//! - `ids`: 身份证号 and 统一社会信用代码 with checked constructors.
//! - `table`: uploaded .xlsx/.csv tables as rows of strings.
//! - `state`: `AppState`, with per-capability parts by type.
//! - `web`: the layout, middleware, CSRF, rate limiter, forms, assets, route
//!   registration (`web::routes::Routes`), health and metrics.
//! - `auth`: staff accounts, roles and unit scopes, sessions, the route guard,
//!   API tokens.
//! - `audit`: the hash-chained audit log.
//! - `jobs`: the job queue and its worker.
//! - `webhook`: signed JSON pushes (HMAC-SHA256, delivery id, backoff) shared by
//!   every capability that pushes to another system.
//!
//! The capabilities: `portal` (home and columns), `docs` (公文库 and 政策解读),
//! `foi` (依申请公开), `penalty` (执法公示), `inspect` (双随机、一公开), `laws`
//! (法规库), `qa` (智能小城, the Q&A assistant), `sitesearch` (site search), `workdays` (the working-day calendar),
//! `admin` (dashboard, users, units), `api` (the OpenAPI document).
//!
//! `anchors` publishes the audit chain's head daily (`/audit/anchors`).
//!
//! The wiring above them: `app` (the router made of every capability's routes,
//! bootstrap, serve), `cli` (the `gongkai` command), `demo`, `backup`, `bench`.

/// An enum stored by a short code, shown by a Chinese label.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = ($code:literal, $label:literal)),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),* } }
            pub fn parse(code: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.code() == code) }
            pub fn from_label(label: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.label() == label) }
        }
        // Stored as TEXT (the code) on both backends; an unknown code read back is
        // an error, never a silent default.
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name where str: sqlx::Type<DB> {
            fn type_info() -> DB::TypeInfo { <str as sqlx::Type<DB>>::type_info() }
            fn compatible(ty: &DB::TypeInfo) -> bool { <str as sqlx::Type<DB>>::compatible(ty) }
        }
        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name where &'q str: sqlx::Encode<'q, DB> {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&'q str as sqlx::Encode<'q, DB>>::encode($name::code(*self), buf)
            }
        }
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name where &'r str: sqlx::Decode<'r, DB> {
            fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let code = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                Self::parse(code).ok_or_else(|| format!("{}: unknown code {code:?}", stringify!($name)).into())
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str($name::label(*self)) }
        }
    };
}

/// The actions a capability writes to the audit log: a [`code_enum!`] that is also an
/// [`audit::Action`]. Codes are `area.verb` ("doc.publish"); labels are Chinese.
macro_rules! audit_actions {
    ($(#[$m:meta])* $name:ident { $($variant:ident = ($code:literal, $label:literal)),* $(,)? }) => {
        code_enum!($(#[$m])* $name { $($variant = ($code, $label)),* });
        impl $crate::audit::Action for $name {
            fn code(&self) -> std::borrow::Cow<'static, str> { std::borrow::Cow::Borrowed($name::code(*self)) }
            fn label(&self) -> std::borrow::Cow<'static, str> { std::borrow::Cow::Borrowed($name::label(*self)) }
        }
    };
}

/// The lookups a form page's template calls, from the page's `values` (what was typed)
/// and `errors` (by field) maps: `v("field")` and `err("field")`, "" when absent. Name
/// those the template uses: `form_page!(NewPage: v, err);`.
macro_rules! form_page {
    ($page:ident: $($lookup:ident),+) => {
        impl $page { $(form_page!(@ $lookup);)+ }
    };
    (@ v) => {
        fn v(&self, field: &str) -> &str { self.values.get(field).map_or("", String::as_str) }
    };
    (@ err) => {
        fn err(&self, field: &str) -> &str { $crate::web::field_error(&self.errors, field) }
    };
}

pub mod admin;
pub mod anchors;
pub mod annual;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bench;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod docs;
pub mod draws;
pub mod error;
pub mod events;
pub mod foi;
pub mod ids;
pub mod inspect;
pub mod interact;
pub mod jobs;
pub mod laws;
pub mod meetings;
pub mod mobile;
pub mod names_model;
pub mod orders;
pub mod penalty;
pub mod portal;
pub mod push;
pub mod qa;
pub mod sitecheck;
pub mod sitesearch;
pub mod state;
pub mod table;
pub mod training;
pub mod web;
pub mod webhook;
pub mod workdays;

#[cfg(test)]
mod layout_tests;

/// Install the TLS crypto provider (ring) once per process, before any HTTPS client
/// is built. Safe to call more than once.
pub fn init_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
