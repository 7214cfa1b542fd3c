//! Integration tests over HTTP against the real server, on SQLite and PostgreSQL.
//! One binary for all of them keeps link time down.

mod admin;
mod api_snapshots;
mod audit;
mod auth;
mod browser;
mod cli;
mod common;
mod dashboard;
mod docs;
mod foi;
mod inspect;
mod jobs;
mod laws;
mod penalty;
mod penalty_kinds;
mod portal;
mod routes;
mod search;
mod security;
mod storage;
mod workdays;
