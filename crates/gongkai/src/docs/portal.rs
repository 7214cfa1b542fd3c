//! Public pages of the 政府信息公开 column: lists with filters, the document page
//! with the header table, print view, interpretations.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::model::{Column, Disclosure, DocState, InterpState, Validity};
use super::store::{self, DocRow, PublicFilter};
use super::views::{self, DocView, InterpView};
use crate::db::Page;
use crate::error::AppError;
use crate::portal::{SECTIONS, Section};
use crate::state::AppState;
use crate::web::Choice;
use crate::web::{Layout, Pager, PathId, render};

/// A document is public when published and proactively disclosed.
/// A superseded document stays readable at its address (pointing to its
/// replacement) but leaves the lists.
pub fn is_public(d: &DocRow) -> bool {
    matches!(d.state(), DocState::Published | DocState::Superseded)
        && d.disclosure == Disclosure::Proactive.code()
}

pub struct ListItem {
    pub id: i64,
    pub title: String,
    pub doc_no: String,
    pub published_on: String,
    pub validity: &'static str,
    pub validity_code: &'static str,
}

#[derive(Template)]
#[template(path = "docs/templates/portal_list.html")]
struct ListPage {
    layout: Layout,
    section: &'static Section,
    sections: &'static [Section],
    items: Vec<ListItem>,
    pager: Pager,
    years: Vec<Choice>,
    topics: Vec<Choice>,
    genres: Vec<Choice>,
    issuers: Vec<Choice>,
    validities: Vec<Choice>,
    filters: bool,
}

fn section(slug: &str) -> &'static Section {
    SECTIONS
        .iter()
        .find(|s| s.slug == slug)
        .unwrap_or(&SECTIONS[0])
}

pub async fn list_page(
    state: &AppState,
    layout: Layout,
    f: PublicFilter,
    slug: &str,
) -> Result<Response, AppError> {
    let topics_all = super::topics::public_topics(state).await?;
    let topic_ids = f
        .topic
        .map(|t| store::topic_subtree(&topics_all, t))
        .unwrap_or_default();
    let page = Page::new(f.page, None);
    let t = crate::clock::today();
    // Totals are kept with the page cache (off when it is off).
    let (docs, total) = if state.settings.cache.page_cache_bytes > 0 {
        let generation = crate::web::pagecache::pages(state).generation();
        let counts = state.part::<store::CountCache>();
        store::list_public_counted(&state.db, &f, &topic_ids, page, t, &counts, generation).await?
    } else {
        store::list_public(&state.db, &f, &topic_ids, page, t).await?
    };
    let items = docs
        .iter()
        .map(|d| {
            let v = d.validity_today(t);
            ListItem {
                id: d.id,
                title: d.title.clone(),
                doc_no: d.doc_no.clone().unwrap_or_default(),
                published_on: d.published_on.map(|p| p.to_string()).unwrap_or_default(),
                validity: v.map(|v| v.label()).unwrap_or(""),
                validity_code: v.map(|v| v.code()).unwrap_or(""),
            }
        })
        .collect();
    let (years, issuers) = state.part::<store::FacetCache>().get(&state.db).await?;
    // Only the filters that are set: an empty `year=` does not parse as a number
    // (the export link and the pager would answer 400; found by 网站巡检).
    let params: Vec<(&str, String)> = [
        ("year", f.year.map(|y| y.to_string()).unwrap_or_default()),
        ("topic", f.topic.map(|y| y.to_string()).unwrap_or_default()),
        ("genre", f.genre.clone().unwrap_or_default()),
        ("issuer", f.issuer.clone().unwrap_or_default()),
        ("validity", f.validity.clone().unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let q = serde_urlencoded::to_string(params)
        .map(|q| if q.is_empty() { q } else { format!("{q}&") })
        .unwrap_or_default();
    let sel = |v: &Option<String>| v.clone().unwrap_or_default();
    render(&ListPage {
        layout,
        section: section(slug),
        sections: &SECTIONS,
        items,
        pager: Pager::checked(page, total, q)?,
        years: years
            .iter()
            .map(|y| Choice {
                value: y.to_string(),
                label: format!("{y}年"),
                selected: f.year == Some(*y),
            })
            .collect(),
        topics: views::topic_opts(&topics_all, f.topic),
        genres: views::genre_opts(&sel(&f.genre)),
        issuers: issuers
            .iter()
            .map(|i| Choice {
                value: i.clone(),
                label: i.clone(),
                selected: f.issuer.as_deref() == Some(i),
            })
            .collect(),
        validities: views::validity_opts(&sel(&f.validity)),
        filters: slug == "proactive",
    })
}

pub async fn proactive(
    State(state): State<AppState>,
    layout: Layout,
    Query(mut f): Query<PublicFilter>,
) -> Result<Response, AppError> {
    f.column = Some(Column::General.code().into());
    list_page(&state, layout, f, "proactive").await
}

pub async fn annual_reports(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageOnly>,
) -> Result<Response, AppError> {
    let f = PublicFilter {
        column: Some(Column::AnnualReport.code().into()),
        page: q.page,
        ..Default::default()
    };
    list_page(&state, layout, f, "annual-reports").await
}

#[derive(serde::Deserialize)]
pub struct PageOnly {
    page: Option<i64>,
}

/// 指南 and 制度: the newest published document of that column, or a plain notice.
pub async fn column_page(
    state: &AppState,
    layout: Layout,
    slug: &str,
    column: Column,
) -> Result<Response, AppError> {
    let f = PublicFilter {
        column: Some(column.code().into()),
        ..Default::default()
    };
    let (docs, _) = store::list_public(
        &state.db,
        &f,
        &[],
        Page::new(Some(1), Some(20)),
        crate::clock::today(),
    )
    .await?;
    match docs.first() {
        Some(d) => public_doc(state, layout, d.id, false).await,
        None => crate::portal::section_page(layout, slug),
    }
}

#[derive(Template)]
#[template(path = "docs/templates/portal_doc.html")]
struct DocPage {
    layout: Layout,
    doc: DocView,
    attachments: Vec<super::attachments::Attachment>,
    interp_id: Option<i64>,
    replaced_by: Option<i64>,
    print: bool,
    /// 政策精准推送: applicability tags and 免罚清单 items (a hook).
    applicability: Vec<(&'static str, String)>,
    exemptions: Vec<crate::push::store::Exemption>,
}

#[derive(Template)]
#[template(path = "docs/templates/portal_withdrawn.html")]
struct WithdrawnPage {
    layout: Layout,
    title: String,
    index_no: String,
    reason: String,
}

async fn document_page(
    state: &AppState,
    layout: Layout,
    page: super::store_page::PageRow,
    print: bool,
) -> Result<Response, AppError> {
    let topics = super::topics::public_topics(state).await?;
    let d = &page.doc;
    let doc = DocView::new(d, &topics, crate::clock::today());
    let replaced_by =
        if doc.validity_code == Validity::Amended.code() || d.state() == DocState::Superseded {
            d.replaced_by
        } else {
            None
        };
    let attachments = if page.has_attachments {
        super::attachments::of_document(&state.db, d.id).await?
    } else {
        Vec::new()
    };
    let (applicability, exemptions) =
        crate::push::document_applicability(&state.db, d.id, page.push).await?;
    render(&DocPage {
        applicability,
        exemptions,
        layout,
        doc,
        attachments,
        interp_id: page.interp_id,
        replaced_by,
        print,
    })
}

/// A document's public page: one read for the document and what its page has
/// (see [`super::store_page::page_row`]), then only the lists it has.
async fn public_doc(
    state: &AppState,
    layout: Layout,
    id: i64,
    print: bool,
) -> Result<Response, AppError> {
    let page = super::store_page::page_row_for(state, id).await?;
    if is_public(&page.doc) {
        return document_page(state, layout, page, print).await;
    }
    let d = page.doc;
    // A withdrawn document keeps its address and shows the public reason there.
    if d.state() == DocState::Withdrawn
        && d.disclosure == Disclosure::Proactive.code()
        && d.withdraw_public
    {
        return render(&WithdrawnPage {
            layout,
            title: d.title,
            index_no: d.index_no,
            reason: d.withdraw_reason.unwrap_or_default(),
        });
    }
    Err(AppError::NotFound)
}

pub async fn document(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    public_doc(&state, layout, id, false).await
}

pub async fn document_print(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    public_doc(&state, layout, id, true).await
}

#[derive(Template)]
#[template(path = "docs/templates/portal_interp.html")]
struct InterpPage {
    layout: Layout,
    media: Vec<super::attachments::Attachment>,
    interp: InterpView,
    doc_title: String,
    applicability: Vec<(&'static str, String)>,
}

pub async fn interpretation(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let i = store::get_interpretation(&state.db, id).await?;
    let d = store::get(&state.db, i.document_id).await?;
    if i.state() != InterpState::Published || !is_public(&d) {
        return Err(AppError::NotFound);
    }
    let media =
        super::attachments::of(&state.db, d.id, super::attachments::Purpose::Interpretation)
            .await?;
    let (applicability, _) =
        crate::push::document_applicability(&state.db, d.id, crate::push::store::DocFlags::ASK)
            .await?;
    render(&InterpPage {
        applicability,
        layout,
        media,
        interp: InterpView::new(&i),
        doc_title: d.title,
    })
}
