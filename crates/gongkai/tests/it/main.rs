//! Integration tests over HTTP against the real server, on SQLite and PostgreSQL.
//! One binary for all of them keeps link time down.

mod admin;
mod api_snapshots;
mod audit;
mod auth;
mod axe;
mod browser;
mod cache;
mod cli;
mod common;
mod dashboard;
mod demo;
mod docs;
mod foi;
mod foi_letters;
mod inspect;
mod interact;
mod interact_browser;
mod interact_consult;
mod jobs;
mod laws;
mod openapi;
mod orders;
mod orders_browser;
mod orders_open311;
mod penalty;
mod penalty_kinds;
mod portal;
mod portal_home;
mod push;
mod routes;
mod search;
mod security;
mod storage;
mod workdays;
