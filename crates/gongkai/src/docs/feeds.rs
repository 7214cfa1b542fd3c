//! Feeds for machines: the change records of the city-wide library (pull), the
//! Atom feed of new documents, and sitemap.xml.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::api::DocSummary;
use super::store::{self, PublicFilter};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;

/// One change to a proactively disclosed document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Change {
    /// Pass as `since` to get the changes after this one.
    pub cursor: i64,
    /// published, updated or withdrawn
    pub change: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub document_id: i64,
    pub index_no: String,
    /// The document as it is now; absent when it is no longer public.
    pub document: Option<DocSummary>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChangeList {
    pub changes: Vec<Change>,
    /// The cursor to ask with next time (unchanged when there was nothing new).
    pub next_cursor: i64,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ChangesQuery {
    /// The last cursor received (0 for everything).
    pub since: Option<i64>,
    /// At most this many (1–500, default 100).
    pub limit: Option<i64>,
}

/// Every publication, change and withdrawal of a proactive document, in order, for
/// the city-wide document library to catch up after downtime.
#[utoipa::path(get, path = "/api/v1/documents/changes", tag = "documents", params(ChangesQuery),
    responses((status = 200, body = ChangeList)))]
pub async fn changes(
    State(state): State<AppState>,
    Query(q): Query<ChangesQuery>,
) -> Result<Json<ChangeList>, AppError> {
    let since = q.since.unwrap_or(0).max(0);
    let rows = store::changes_since(&state.db, since, q.limit.unwrap_or(100).clamp(1, 500)).await?;
    let changes = change_list(&state.db, &rows).await?;
    let next_cursor = changes.last().map(|c| c.cursor).unwrap_or(since);
    Ok(Json(ChangeList {
        changes,
        next_cursor,
    }))
}

/// Change records with the current public content of their documents (one query
/// for all the documents).
pub async fn change_list(
    db: &crate::db::Db,
    rows: &[store::ChangeRow],
) -> sqlx::Result<Vec<Change>> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.document_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let docs = store::get_many(db, &ids).await?;
    let topics = store::topics(db).await?;
    let t = crate::clock::today();
    Ok(rows
        .iter()
        .map(|r| {
            let doc = docs.iter().find(|d| d.id == r.document_id);
            Change {
                cursor: r.seq,
                change: r.change.clone(),
                at: r.at,
                document_id: r.document_id,
                index_no: doc.map(|d| d.index_no.clone()).unwrap_or_default(),
                document: doc
                    .filter(|d| super::portal::is_public(d))
                    .map(|d| super::api::summary(d, &topics, t)),
            }
        })
        .collect())
}

pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

type Local = chrono::DateTime<chrono::FixedOffset>;

/// A document's dates for machines, in Beijing time: `published` is its 发布日期 (the
/// moment of publishing when that fell on the same day; midnight otherwise, as for an
/// imported document), `updated` the latest approved revision, else `published`. Never
/// the moment of an import or of an internal change such as a validity update.
pub fn entry_dates(
    d: &store::DocRow,
    revised: Option<chrono::DateTime<chrono::Utc>>,
) -> (Local, Local) {
    let tz = crate::clock::beijing();
    let at = d.published_at.map(|t| t.with_timezone(&tz));
    let published = match (d.published_on, at) {
        (Some(day), Some(at)) if at.date_naive() == day => at,
        (Some(day), _) => day
            .and_time(chrono::NaiveTime::MIN)
            .and_local_timezone(tz)
            .single()
            .unwrap_or_else(|| d.updated_at.with_timezone(&tz)),
        (None, Some(at)) => at,
        (None, None) => d.updated_at.with_timezone(&tz),
    };
    let updated = revised
        .map(|t| t.with_timezone(&tz))
        .filter(|t| *t > published)
        .unwrap_or(published);
    (published, updated)
}

#[derive(Deserialize)]
pub struct FeedQuery {
    topic: Option<i64>,
}

/// Atom feed of the newest 50 documents (all, or one 主题分类 with `?topic=`).
pub async fn atom(
    State(state): State<AppState>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let topics = super::topics::public_topics(&state).await?;
    let topic_ids = q
        .topic
        .map(|t| store::topic_subtree(&topics, t))
        .unwrap_or_default();
    let f = PublicFilter {
        topic: q.topic,
        ..Default::default()
    };
    let (docs, _) = store::list_public(
        &state.db,
        &f,
        &topic_ids,
        Page::new(Some(1), Some(50)),
        crate::clock::today(),
    )
    .await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let self_url = match q.topic {
        Some(t) => format!("{base}/xxgk/feed.atom?topic={t}"),
        None => format!("{base}/xxgk/feed.atom"),
    };
    let title = match q.topic {
        Some(_) => format!(
            "{} · {}",
            state.site.name,
            store::topic_path(&topics, q.topic)
        ),
        None => format!("{} · 法定主动公开内容", state.site.name),
    };
    let revised = store::last_revisions(&state.db).await?;
    let dated: Vec<_> = docs
        .iter()
        .map(|d| (d, entry_dates(d, revised.get(&d.id).copied())))
        .collect();
    let updated = dated
        .iter()
        .map(|(_, (_, u))| *u)
        .max()
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&crate::clock::beijing()));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!(
        "<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        xml_escape(&title),
        xml_escape(&self_url),
        xml_escape(&self_url),
        updated.to_rfc3339(),
        xml_escape(&state.site.sponsor)
    ));
    for (d, (published, updated)) in &dated {
        let url = format!("{base}/xxgk/documents/{}", d.id);
        let summary = format!(
            "{}　{}　{}",
            d.issuer_name,
            d.doc_no.clone().unwrap_or_default(),
            d.index_no
        );
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<published>{}</published>\n<summary>{}</summary>\n</entry>\n",
            xml_escape(&d.title),
            xml_escape(&url),
            xml_escape(&url),
            updated.to_rfc3339(),
            published.to_rfc3339(),
            xml_escape(&summary)
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// sitemap.xml: the portal's fixed pages and every public document (newest 45 000).
pub async fn sitemap(State(state): State<AppState>) -> Result<Response, AppError> {
    let base = state.settings.server.public_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in [
        "/",
        "/xxgk",
        "/xxgk/guide",
        "/xxgk/rules",
        "/xxgk/proactive",
        "/xxgk/annual-reports",
        "/m/bianmin",
        "/m/fagui",
    ] {
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base}{p}"))
        ));
    }
    let revised = store::last_revisions(&state.db).await?;
    for column in ["general", "annual_report", "guide", "rules"] {
        let f = PublicFilter {
            column: Some(column.into()),
            ..Default::default()
        };
        let (docs, _) = store::list_public(
            &state.db,
            &f,
            &[],
            Page {
                number: 1,
                size: 45_000,
            },
            crate::clock::today(),
        )
        .await?;
        for d in docs {
            let (_, updated) = entry_dates(&d, revised.get(&d.id).copied());
            let lastmod = updated.format("%Y-%m-%d");
            xml.push_str(&format!(
                "<url><loc>{base}/xxgk/documents/{}</loc><lastmod>{lastmod}</lastmod></url>\n",
                d.id
            ));
        }
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// The public list as .xlsx, with the same filters as the page (at most 10 000 rows).
pub async fn list_xlsx(
    State(state): State<AppState>,
    Query(f): Query<PublicFilter>,
) -> Result<Response, AppError> {
    let topics = super::topics::public_topics(&state).await?;
    let topic_ids = f
        .topic
        .map(|t| store::topic_subtree(&topics, t))
        .unwrap_or_default();
    let t = crate::clock::today();
    let (docs, _) = store::list_public(
        &state.db,
        &f,
        &topic_ids,
        Page {
            number: 1,
            size: 10_000,
        },
        t,
    )
    .await?;
    let base = &state.settings.server.public_url;
    let rows = docs.iter().map(|d| xlsx_row(d, &topics, t, base)).collect();
    xlsx_response(rows, "法定主动公开内容.xlsx").await
}

/// A list as an .xlsx download with a Chinese file name.
pub async fn xlsx_response(rows: Vec<[String; 10]>, file_name: &str) -> Result<Response, AppError> {
    let bytes = tokio::task::spawn_blocking(move || write_xlsx(&rows))
        .await
        .map_err(anyhow::Error::from)??;
    let disposition = format!(
        "attachment; filename=\"documents.xlsx\"; filename*=UTF-8''{}",
        crate::audit::admin::percent_encode(file_name)
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

/// One spreadsheet row for a document.
pub fn xlsx_row(
    d: &store::DocRow,
    topics: &[store::Topic],
    today: chrono::NaiveDate,
    base: &str,
) -> [String; 10] {
    [
        d.title.clone(),
        d.index_no.clone(),
        d.doc_no.clone().unwrap_or_default(),
        d.issuer_name.clone(),
        d.genre().label().to_string(),
        store::topic_path(topics, d.topic_id),
        d.written_on.map(|x| x.to_string()).unwrap_or_default(),
        d.published_on.map(|x| x.to_string()).unwrap_or_default(),
        d.validity_today(today)
            .map(|v| v.label().to_string())
            .unwrap_or_else(|| d.state().label().to_string()),
        format!("{}/xxgk/documents/{}", base.trim_end_matches('/'), d.id),
    ]
}

fn write_xlsx(rows: &[[String; 10]]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("文件目录")?;
    let bold = Format::new().set_bold();
    let headers = [
        "标题",
        "索引号",
        "文号",
        "发文机构",
        "体裁",
        "主题分类",
        "成文日期",
        "发布日期",
        "有效性",
        "网址",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_with_format(0, i as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write((r + 1) as u32, c as u16, v)?;
        }
    }
    ws.set_column_width(0, 60)?;
    ws.set_column_width(1, 24)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_xml() {
        assert_eq!(
            super::xml_escape("a<b>&\"c'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
    }
}
