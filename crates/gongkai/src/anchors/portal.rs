//! Public pages of the audit anchors: the paginated list and the Atom feed.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::model::Anchor;
use super::store;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, Pager, render};

#[derive(Deserialize)]
pub struct PageOnly {
    pub page: Option<i64>,
}

#[derive(Template)]
#[template(path = "anchors/templates/anchors.html")]
struct AnchorsPage {
    layout: Layout,
    rows: Vec<Row>,
    pager: Pager,
}

struct Row {
    day: String,
    seq: i64,
    hash: String,
    at: String,
    line: String,
}

impl From<Anchor> for Row {
    fn from(a: Anchor) -> Row {
        Row {
            day: a.day.to_string(),
            seq: a.seq,
            line: a.line(),
            hash: a.hash,
            at: crate::clock::fmt_local(&a.at),
        }
    }
}

/// `/audit/anchors`: the daily anchors, newest first.
pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageOnly>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::list(&state.db, page).await?;
    render(&AnchorsPage {
        layout,
        rows: rows.into_iter().map(Row::from).collect(),
        pager: Pager::checked(page, total, String::new())?,
    })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `/audit/anchors.atom`: every anchor ever recorded, newest first; each entry's
/// content is the line `seq=N hash=H` that `audit verify --anchors` reads.
pub async fn atom(State(state): State<AppState>) -> Result<Response, AppError> {
    let anchors = store::all(&state.db).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let page = format!("{base}/audit/anchors");
    let self_url = format!("{base}/audit/anchors.atom");
    let updated = anchors
        .first()
        .map(|a| a.at)
        .unwrap_or_else(crate::clock::now);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!(
        "<title>{} · 审计日志锚点</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml_escape(&state.site.name),
        xml_escape(&self_url),
        xml_escape(&self_url),
        xml_escape(&page),
        updated.to_rfc3339(),
        xml_escape(&state.site.sponsor)
    ));
    for a in &anchors {
        xml.push_str(&format!(
            "<entry>\n<title>{} 审计日志链头：第 {} 条</title>\n<id>{}#{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<content type=\"text\">{}</content>\n</entry>\n",
            a.day,
            a.seq,
            xml_escape(&page),
            a.day,
            xml_escape(&page),
            a.at.to_rfc3339(),
            a.line()
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
