//! Browsing, verifying and exporting the audit log (系统管理员).
//!
//! What an administrator sees follows its `ViewAudit` scope: with a global scope
//! (a grant at the root unit) every entry; otherwise only entries whose actor is a
//! user all of whose grants lie in the scope (the users it answers for, the same
//! rule as user management) — nothing by users of other units, and no entries
//! without a user (system, command line, failed logins of unknown names).
//! Grants are those held now: a user moved to another unit takes their history.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{Entry, Filter, Labels, VerifyReport, labels};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff, store};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Choice, Layout, Pager, render};

pub struct EntryView {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub object: String,
    pub summary: String,
}

impl EntryView {
    fn new(e: Entry, labels: &Labels) -> Self {
        EntryView {
            seq: e.seq,
            at: crate::clock::fmt_local(&e.at),
            actor: e.actor,
            ip: e.ip.unwrap_or_default(),
            action: labels.label(&e.action),
            object: match e.object_id {
                Some(id) => format!("{} #{id}", e.object_type),
                None => e.object_type,
            },
            summary: e.summary,
        }
    }
}

#[derive(Template)]
#[template(path = "audit/templates/list.html")]
struct AuditPage {
    layout: Layout,
    filter: Filter,
    actions: Vec<Choice>,
    types: Vec<Choice>,
    entries: Vec<EntryView>,
    pager: Pager,
    export_query: String,
    report: Option<VerifyReport>,
}

fn filter_query(f: &Filter) -> String {
    serde_urlencoded::to_string([
        ("actor", f.actor.as_str()),
        ("action", f.action.as_str()),
        ("object_type", f.object_type.as_str()),
        ("from", f.from.as_str()),
        ("to", f.to.as_str()),
    ])
    .unwrap_or_default()
}

/// The users whose entries `user` may see (None: all entries).
pub async fn visible_actors(
    state: &AppState,
    user: &CurrentUser,
) -> Result<Option<Vec<i64>>, AppError> {
    let scope = Scope::of(state, user, Permission::ViewAudit).await?;
    if scope.global {
        Ok(None)
    } else {
        Ok(Some(store::users_only_in(&state.db, &scope.ids).await?))
    }
}

async fn page(
    state: &AppState,
    layout: Layout,
    filter: Filter,
    report: Option<VerifyReport>,
) -> Result<Response, AppError> {
    let page = Page::new(filter.page, Some(50));
    let (rows, total) = super::list(&state.db, &filter, page).await?;
    let names = labels(state);
    let (actions, types) = super::distinct_values(&state.db, filter.only_actors.as_deref()).await?;
    let actions = actions
        .into_iter()
        .map(|a| Choice {
            label: names.label(&a),
            selected: a == filter.action,
            value: a,
        })
        .collect();
    let types = types
        .into_iter()
        .map(|t| Choice {
            label: t.clone(),
            selected: t == filter.object_type,
            value: t,
        })
        .collect();
    let q = filter_query(&filter);
    render(&AuditPage {
        layout,
        actions,
        types,
        entries: rows
            .into_iter()
            .map(|e| EntryView::new(e, &names))
            .collect(),
        pager: Pager::checked(page, total, format!("{q}&"))?,
        export_query: q,
        filter,
        report,
    })
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(mut filter): Query<Filter>,
) -> Result<Response, AppError> {
    filter.only_actors = visible_actors(&state, &user).await?;
    page(&state, layout, filter, None).await
}

pub async fn verify(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let filter = Filter {
        only_actors: visible_actors(&state, &user).await?,
        ..Filter::default()
    };
    let report = super::verify_for(&state.db, filter.only_actors.as_deref()).await?;
    page(&state, layout, filter, Some(report)).await
}

/// At most this many rows go into one export.
const EXPORT_MAX: i64 = 100_000;

pub async fn export(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(mut filter): Query<Filter>,
) -> Result<Response, AppError> {
    filter.only_actors = visible_actors(&state, &user).await?;
    let (rows, _) = super::list(
        &state.db,
        &filter,
        Page {
            number: 1,
            size: EXPORT_MAX,
        },
    )
    .await?;
    let bytes = tokio::task::spawn_blocking(move || super::to_xlsx(&rows))
        .await
        .map_err(anyhow::Error::from)??;
    let name = format!(
        "审计日志-{}.xlsx",
        chrono::Utc::now()
            .with_timezone(&crate::clock::beijing())
            .format("%Y%m%d")
    );
    let disposition = format!(
        "attachment; filename=\"audit.xlsx\"; filename*=UTF-8''{}",
        percent_encode(&name)
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// RFC 5987 encoding for a Chinese file name in Content-Disposition.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
