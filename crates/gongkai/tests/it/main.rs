//! Integration tests over HTTP against the real server, on SQLite and PostgreSQL.
//! One binary for all of them keeps link time down.

mod admin;
mod api_snapshots;
mod audit;
mod auth;
mod axe;
mod browser;
mod cli;
mod common;
mod dashboard;
mod demo;
mod docs;
mod foi;
mod foi_letters;
mod inspect;
mod jobs;
mod laws;
mod openapi;
mod penalty;
mod penalty_kinds;
mod portal;
mod portal_home;
mod qa;
mod routes;
mod search;
mod security;
mod storage;
mod workdays;
