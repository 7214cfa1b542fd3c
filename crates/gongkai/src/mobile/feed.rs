//! The feed a 公众号 editor pulls: new proactively disclosed documents and
//! published 政策解读, newest first, as Atom (`/m/feed.atom`) and JSON Feed 1.1
//! (`/m/feed.json`). Entries carry titles, addresses, dates, 发文机构, 文号 and
//! 索引号 only — never a body — so nothing personal reaches a feed reader.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::db::Page;
use crate::docs::feeds::{entry_dates, xml_escape};
use crate::docs::store::{self, PublicFilter};
use crate::error::AppError;
use crate::state::AppState;

/// Entries in a feed at most.
pub const MAX: usize = 50;

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 文件 or 政策解读
    pub kind: &'static str,
    pub title: String,
    /// Path on the site (`/xxgk/documents/5`).
    pub path: String,
    pub published: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub summary: String,
}

/// Newest first (by publication, then by address for a stable order), at most `max`.
pub fn newest(mut entries: Vec<Entry>, max: usize) -> Vec<Entry> {
    entries.sort_by(|a, b| b.published.cmp(&a.published).then(b.path.cmp(&a.path)));
    entries.truncate(max);
    entries
}

/// The feed's header.
pub struct Head<'a> {
    pub title: &'a str,
    pub base: &'a str,
    pub author: &'a str,
}

/// The Atom document.
pub fn atom(h: &Head<'_>, entries: &[Entry], fallback: DateTime<FixedOffset>) -> String {
    let self_url = format!("{}/m/feed.atom", h.base);
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(fallback);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!(
        "<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}/m/bianmin\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml_escape(h.title),
        xml_escape(&self_url),
        xml_escape(&self_url),
        xml_escape(h.base),
        updated.to_rfc3339(),
        xml_escape(h.author)
    ));
    for e in entries {
        let url = format!("{}{}", h.base, e.path);
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<category term=\"{}\"/>\n<updated>{}</updated>\n<published>{}</published>\n<summary>{}</summary>\n</entry>\n",
            xml_escape(&e.title),
            xml_escape(&url),
            xml_escape(&url),
            e.kind,
            e.updated.to_rfc3339(),
            e.published.to_rfc3339(),
            xml_escape(&e.summary)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    language: &'static str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    summary: &'a str,
    date_published: String,
    date_modified: String,
    tags: [&'static str; 1],
}

/// The JSON Feed 1.1 document.
pub fn json(h: &Head<'_>, entries: &[Entry]) -> String {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: h.title,
        home_page_url: format!("{}/m/bianmin", h.base),
        feed_url: format!("{}/m/feed.json", h.base),
        language: "zh-CN",
        authors: vec![JsonAuthor { name: h.author }],
        items: entries
            .iter()
            .map(|e| JsonItem {
                id: format!("{}{}", h.base, e.path),
                url: format!("{}{}", h.base, e.path),
                title: &e.title,
                summary: &e.summary,
                date_published: e.published.to_rfc3339(),
                date_modified: e.updated.to_rfc3339(),
                tags: [e.kind],
            })
            .collect(),
    };
    serde_json::to_string_pretty(&feed).unwrap_or_else(|_| "{}".into())
}

#[derive(sqlx::FromRow)]
struct InterpItem {
    id: i64,
    title: String,
    doc_title: String,
    published_on: Option<chrono::NaiveDate>,
    published_at: Option<DateTime<chrono::Utc>>,
}

/// The newest public documents and interpretations.
pub async fn entries(state: &AppState) -> Result<Vec<Entry>, AppError> {
    let db = &state.db;
    let tz = crate::clock::beijing();
    let (docs, _) = store::list_public(
        db,
        &PublicFilter::default(),
        &[],
        Page::new(Some(1), Some(MAX as i64)),
        crate::clock::today(),
    )
    .await?;
    let revised = store::last_revisions(db).await?;
    let mut out: Vec<Entry> = docs
        .iter()
        .map(|d| {
            let (published, updated) = entry_dates(d, revised.get(&d.id).copied());
            let summary = [
                d.issuer_name.as_str(),
                d.doc_no.as_deref().unwrap_or(""),
                d.index_no.as_str(),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("　");
            Entry {
                kind: "文件",
                title: d.title.clone(),
                path: format!("/xxgk/documents/{}", d.id),
                published,
                updated,
                summary,
            }
        })
        .collect();
    let sql = format!(
        "SELECT i.id AS id, i.title AS title, d.title AS doc_title, d.published_on AS published_on, \
         i.published_at AS published_at FROM interpretations i JOIN documents d ON d.id = i.document_id \
         WHERE i.{} AND d.state = 'published' AND d.disclosure = 'proactive' \
         ORDER BY i.published_at DESC, i.id DESC LIMIT {MAX}",
        store::PUBLIC_INTERPRETATION
    );
    let interps: Vec<InterpItem> = db.rows(&sql).await?;
    for i in interps {
        let at = i.published_at.map(|t| t.with_timezone(&tz)).or_else(|| {
            i.published_on.and_then(|d| {
                d.and_time(chrono::NaiveTime::MIN)
                    .and_local_timezone(tz)
                    .single()
            })
        });
        let Some(at) = at else { continue };
        out.push(Entry {
            kind: "政策解读",
            title: i.title,
            path: format!("/xxgk/interpretations/{}", i.id),
            published: at,
            updated: at,
            summary: format!("解读《{}》", i.doc_title),
        });
    }
    Ok(newest(out, MAX))
}

fn head(state: &AppState) -> (String, String) {
    (
        format!("{} · 最新公开文件和政策解读", state.site.name),
        state
            .settings
            .server
            .public_url
            .trim_end_matches('/')
            .to_string(),
    )
}

pub async fn atom_feed(State(state): State<AppState>) -> Result<Response, AppError> {
    let entries = entries(&state).await?;
    let (title, base) = head(&state);
    let h = Head {
        title: &title,
        base: &base,
        author: &state.site.sponsor,
    };
    let now = crate::clock::now().with_timezone(&crate::clock::beijing());
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        atom(&h, &entries, now),
    )
        .into_response())
}

pub async fn json_feed(State(state): State<AppState>) -> Result<Response, AppError> {
    let entries = entries(&state).await?;
    let (title, base) = head(&state);
    let h = Head {
        title: &title,
        base: &base,
        author: &state.site.sponsor,
    };
    Ok((
        [(header::CONTENT_TYPE, "application/feed+json; charset=utf-8")],
        json(&h, &entries),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    fn e(kind: &'static str, path: &str, t: &str) -> Entry {
        Entry {
            kind,
            title: format!("标题<{path}>&"),
            path: path.into(),
            published: at(t),
            updated: at(t),
            summary: "摘要".into(),
        }
    }

    #[test]
    fn newest_first_and_capped() {
        let v = newest(
            vec![
                e("文件", "/xxgk/documents/1", "2026-03-01T09:00:00+08:00"),
                e(
                    "政策解读",
                    "/xxgk/interpretations/1",
                    "2026-03-05T09:00:00+08:00",
                ),
                e("文件", "/xxgk/documents/2", "2026-03-03T09:00:00+08:00"),
            ],
            2,
        );
        let paths: Vec<&str> = v.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["/xxgk/interpretations/1", "/xxgk/documents/2"]);
    }

    #[test]
    fn atom_and_json_escape_and_carry_kinds() {
        let h = Head {
            title: "站 & 名",
            base: "https://example.gov.cn",
            author: "主办",
        };
        let v = vec![e(
            "政策解读",
            "/xxgk/interpretations/1",
            "2026-03-05T09:00:00+08:00",
        )];
        let x = atom(&h, &v, at("2026-01-01T00:00:00+08:00"));
        assert!(x.contains("<title>站 &amp; 名</title>"));
        assert!(x.contains("<title>标题&lt;/xxgk/interpretations/1&gt;&amp;</title>"));
        assert!(x.contains("<category term=\"政策解读\"/>"));
        assert!(x.contains("<updated>2026-03-05T09:00:00+08:00</updated>"));
        let j: serde_json::Value = serde_json::from_str(&json(&h, &v)).expect("json");
        assert_eq!(j["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(
            j["items"][0]["url"],
            "https://example.gov.cn/xxgk/interpretations/1"
        );
        assert_eq!(j["items"][0]["tags"][0], "政策解读");
    }
}
