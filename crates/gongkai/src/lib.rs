//! gongkai (公开): a government information disclosure platform.
//!
//! The crate is organised by capability (see docs/ARCHITECTURE.md): `auth`,
//! `audit`, `jobs`, `portal`, `admin`, `api`, with the shared web shell in `web`
//! and storage in `db`.

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
    };
}

pub mod admin;
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
pub mod error;
pub mod foi;
pub mod ids;
pub mod inspect;
pub mod jobs;
pub mod laws;
pub mod penalty;
pub mod portal;
pub mod sitesearch;
pub mod state;
pub mod table;
pub mod web;
pub mod workdays;

/// Install the TLS crypto provider (ring) once per process, before any HTTPS client
/// is built. Safe to call more than once.
pub fn init_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
