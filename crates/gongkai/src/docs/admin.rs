//! Back-office pages of the document library: the list (and its .xlsx), one
//! document, and the create/edit form. Review and publishing are in
//! `admin_review.rs`, the interpretation form in `admin_interp.rs`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::checks::{self, CheckView};
use super::form::{self, Errors};
use super::model::{self, DocState};
use super::store::{self, DocInput, DocRow};
use super::views::{self, DocView, InterpView};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Choice;
use crate::web::form::Fields;
use crate::web::{Layout, Pager, render};

/// The document, if the user's units for `perm` cover it (documents of outside
/// bodies need a global scope). `perm` is the route's own permission: viewing
/// needs Content, writing PublishContent and reviewing ReviewContent, each in the
/// units where the user holds it (a publisher of one unit who reviews another may
/// not write in the second nor review in the first).
pub(crate) async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    perm: Permission,
) -> Result<(DocRow, Scope), AppError> {
    let doc = store::get(&state.db, id).await?;
    let scope = Scope::of(state, user, perm).await?;
    if !scope.covers_unit(doc.issuer_unit_id) {
        return Err(AppError::Forbidden);
    }
    Ok((doc, scope))
}

pub struct Row {
    pub id: i64,
    pub title: String,
    pub index_no: String,
    pub state: &'static str,
    pub updated: String,
}

pub struct Tab {
    pub code: &'static str,
    pub label: &'static str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    pager: Pager,
    can_create: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    page: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::Content).await?;
    let current = q.state.as_deref().and_then(DocState::parse);
    let page = Page::new(q.page, None);
    let units = scope.filter();
    let (docs, total) = store::list_staff(&state.db, units, current, page).await?;
    let mut tabs = vec![Tab {
        code: "",
        label: "全部",
        current: current.is_none(),
    }];
    tabs.extend(DocState::ALL.iter().map(|s| Tab {
        code: s.code(),
        label: s.label(),
        current: Some(*s) == current,
    }));
    let rows = docs
        .iter()
        .map(|d| Row {
            id: d.id,
            title: d.title.clone(),
            index_no: d.index_no.clone(),
            state: d.state().label(),
            updated: crate::clock::fmt_local(&d.updated_at),
        })
        .collect();
    let base = current
        .map(|s| format!("state={}&", s.code()))
        .unwrap_or_default();
    render(&ListPage {
        layout,
        tabs,
        rows,
        pager: Pager::checked(page, total, base)?,
        can_create: user.can(Permission::PublishContent),
    })
}

/// The back-office list (same state filter and scope) as .xlsx, at most 10 000 rows.
pub async fn list_xlsx(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::Content).await?;
    let current = q.state.as_deref().and_then(DocState::parse);
    let units = scope.filter();
    let (docs, _) = store::list_staff(
        &state.db,
        units,
        current,
        Page {
            number: 1,
            size: 10_000,
        },
    )
    .await?;
    let topics = store::topics(&state.db).await?;
    let t = crate::clock::today();
    let base = &state.settings.server.public_url;
    let rows = docs
        .iter()
        .map(|d| super::feeds::xlsx_row(d, &topics, t, base))
        .collect();
    super::feeds::xlsx_response(rows, "公文库.xlsx").await
}

#[derive(Template)]
#[template(path = "docs/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    doc: DocView,
    editions: Vec<store::Edition>,
    can_change_index: bool,
    attachments: Vec<super::attachments::Attachment>,
    max_mb: usize,
    interp: Option<InterpView>,
    can_edit: bool,
    can_review: bool,
    blocker: String,
    message: String,
    revision: Option<RevisionView>,
    /// 政策精准推送: the applicability tags (edited on their own page).
    applicability: Vec<(&'static str, String)>,
    /// Content checks of a draft or a document in review (warnings, not blocks).
    checks: Vec<CheckView>,
    /// Whether the checks were run (the document is not yet published).
    checked: bool,
    /// Content checks of the interpretation before it is published.
    interp_checks: Vec<CheckView>,
}

/// A pending revision of a published document, as the reviewer sees it.
pub struct RevisionView {
    pub id: i64,
    pub note: String,
    pub minor: bool,
    pub when: String,
    pub title: String,
    pub body_html: String,
    /// Why this user may not approve it (empty when they may).
    pub blocker: String,
    /// Content checks of the revised text (warnings).
    pub checks: Vec<CheckView>,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    msg: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::Content).await?;
    let topics = store::topics(&state.db).await?;
    let interp = store::interpretation_of(&state.db, id).await?;
    let blocker = model::publish_blocker(
        doc.state(),
        doc.author_id,
        doc.last_editor_id,
        user.id,
        doc.needs_interpretation,
        interp.as_ref().map(|i| i.state()),
    )
    .unwrap_or("")
    .to_string();
    let message = match q.msg.as_deref() {
        Some("submitted") => "已送审。",
        Some("published") => "已发布。",
        Some("returned") => "已退回起草人。",
        Some("withdrawn") => "已撤回。",
        Some("approved") => "解读材料已审定，将与文件同步发布。",
        Some("validity") => "有效性已更新。",
        Some("attached") => "附件已上传。",
        Some("index") => "索引号已更改。",
        Some("superseded") => "已标注为已被新版本替代。",
        Some("scheduled") => "已审核通过，将在设定的时间自动发布。",
        Some("revised") => "修订已送审：审核通过后替换门户上的已发布版本，并记入版本历史。",
        Some("revision_approved") => "修订已审核通过并发布，已记入版本历史。",
        Some("revision_returned") => "修订已退回，门户上仍为原已发布版本。",
        Some("converted") => "已转为主动公开。",
        Some("kept") => "已记录审查结论和下次审查日期。",
        _ => "",
    };
    let revision = match store::pending_revision(&state.db, id).await? {
        Some(r) if doc.state() == DocState::Published => {
            let revised = r.input().map(|i| doc.with_input(&i));
            Some(RevisionView {
                id: r.id,
                note: r.change_note.clone(),
                minor: r.minor,
                when: crate::clock::fmt_local(&r.created_at),
                title: revised
                    .as_ref()
                    .map(|d| d.title.clone())
                    .unwrap_or_default(),
                body_html: revised
                    .as_ref()
                    .map(|d| DocView::new(d, &topics, crate::clock::today()).body_html)
                    .unwrap_or_default(),
                blocker: model::revision_blocker(doc.state(), doc.author_id, r.editor_id, user.id)
                    .unwrap_or("")
                    .to_string(),
                checks: revised
                    .as_ref()
                    .map(|d| checks::run(&state, &checks::doc_text(d).as_text()))
                    .unwrap_or_default(),
            })
        }
        _ => None,
    };
    let (applicability, _) =
        crate::push::document_applicability(&state.db, id, crate::push::store::DocFlags::ASK)
            .await?;
    let checked = matches!(doc.state(), DocState::Draft | DocState::Review);
    let doc_checks = if checked {
        checks::run(&state, &checks::doc_text(&doc).as_text())
    } else {
        Vec::new()
    };
    let interp_checks = match &interp {
        Some(i) if i.published_at.is_none() => checks::run(
            &state,
            &checks::Text {
                title: &i.title,
                body: &i.body,
                ..Default::default()
            },
        ),
        _ => Vec::new(),
    };
    render(&ShowPage {
        applicability,
        checks: doc_checks,
        checked,
        interp_checks,
        layout,
        revision,
        attachments: super::attachments::of_document(&state.db, id).await?,
        editions: store::editions(&state.db, id).await?,
        can_change_index: user.can(Permission::ManageUsers),
        max_mb: state.settings.docs.max_attachment_bytes / (1024 * 1024),
        doc: DocView::new(&doc, &topics, crate::clock::today()),
        interp: interp.as_ref().map(InterpView::new),
        can_edit: user.can(Permission::PublishContent),
        can_review: user.can(Permission::ReviewContent),
        blocker,
        message: message.to_string(),
    })
}

#[derive(Template)]
#[template(path = "docs/templates/admin_form.html")]
struct FormPage {
    layout: Layout,
    doc_id: Option<i64>,
    index_no: String,
    /// Revising a published document: a change note is asked for.
    revising: bool,
    f: FormValues,
    errors: Errors,
    units: Vec<Choice>,
    genres: Vec<Choice>,
    disclosures: Vec<Choice>,
    grounds: Vec<Choice>,
    columns: Vec<Choice>,
    topics: Vec<Choice>,
    /// Content checks of the values shown (warnings; saving is not blocked).
    checks: Vec<CheckView>,
}

form_page!(FormPage: err);

/// The raw values shown in the form (what the user typed, kept on errors).
#[derive(Default)]
pub struct FormValues {
    pub title: String,
    pub issuer_name: String,
    pub doc_no: String,
    pub written_on: String,
    pub published_on: String,
    pub normative: bool,
    pub provisional: bool,
    pub effective_on: String,
    pub valid_until: String,
    pub validity_reason: String,
    pub needs_interpretation: bool,
    pub body: String,
}

impl FormValues {
    fn from_fields(f: &Fields) -> FormValues {
        FormValues {
            title: f.get("title"),
            issuer_name: f.get("issuer_name"),
            doc_no: f.get("doc_no"),
            written_on: f.get("written_on"),
            published_on: f.get("published_on"),
            normative: f.checked("normative"),
            provisional: f.checked("provisional"),
            effective_on: f.get("effective_on"),
            valid_until: f.get("valid_until"),
            validity_reason: f.get("validity_reason"),
            needs_interpretation: f.checked("needs_interpretation"),
            body: f.get("body"),
        }
    }

    fn from_doc(d: &DocRow) -> FormValues {
        let ymd = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        FormValues {
            title: d.title.clone(),
            issuer_name: if d.issuer_unit_id.is_none() {
                d.issuer_name.clone()
            } else {
                String::new()
            },
            doc_no: d.doc_no.clone().unwrap_or_default(),
            written_on: ymd(d.written_on),
            published_on: ymd(d.published_on),
            normative: d.normative,
            provisional: d.provisional,
            effective_on: ymd(d.effective_on),
            valid_until: ymd(d.valid_until),
            validity_reason: d.validity_reason.clone().unwrap_or_default(),
            needs_interpretation: d.needs_interpretation,
            body: d.body.clone(),
        }
    }
}

/// Which document the form is for.
struct Target {
    doc_id: Option<i64>,
    index_no: String,
    revising: bool,
}

impl Target {
    fn new_doc() -> Target {
        Target {
            doc_id: None,
            index_no: String::new(),
            revising: false,
        }
    }
    fn of(doc: &DocRow) -> Target {
        Target {
            doc_id: Some(doc.id),
            index_no: doc.index_no.clone(),
            revising: doc.state() == DocState::Published,
        }
    }
}

struct Selected<'a> {
    unit: Option<i64>,
    genre: &'a str,
    disclosure: &'a str,
    ground: &'a str,
    column: &'a str,
    topic: Option<i64>,
}

async fn form_page(
    state: &AppState,
    layout: Layout,
    scope: &Scope,
    target: Target,
    f: FormValues,
    sel: Selected<'_>,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let topics = store::topics(&state.db).await?;
    // 发文机构: the organs of the units in scope (the bureau, a 区局), not departments.
    let in_scope: Vec<i64> = scope.ids_in_tree_order();
    let mut units: Vec<Choice> = super::issuer::issuing_organs(&scope.units, &in_scope)
        .into_iter()
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: Some(u.id) == sel.unit,
        })
        .collect();
    units.push(Choice {
        value: "outside".into(),
        label: "外单位（在下方填写名称）".into(),
        selected: sel.unit.is_none() && !f.issuer_name.is_empty(),
    });
    let checks = if f.title.is_empty() && f.body.is_empty() {
        Vec::new()
    } else {
        checks::run(
            state,
            &checks::Text {
                title: &f.title,
                doc_no: &f.doc_no,
                written_on: &f.written_on,
                published_on: &f.published_on,
                body: &f.body,
            },
        )
    };
    Ok(FormPage {
        checks,
        layout,
        doc_id: target.doc_id,
        index_no: target.index_no,
        revising: target.revising,
        f,
        errors,
        units,
        genres: views::genre_opts(sel.genre),
        disclosures: views::disclosure_opts(sel.disclosure),
        grounds: views::ground_opts(sel.ground),
        columns: views::column_opts(sel.column),
        topics: views::topic_opts(&topics, sel.topic),
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::PublishContent).await?;
    let first_unit = organ_id(&scope, user.grants.first().map(|g| g.unit_id));
    let sel = Selected {
        unit: first_unit,
        genre: "notice",
        disclosure: "proactive",
        ground: "",
        column: "general",
        topic: None,
    };
    render(
        &form_page(
            &state,
            layout,
            &scope,
            Target::new_doc(),
            FormValues::default(),
            sel,
            Errors::new(),
        )
        .await?,
    )
}

/// The 发文机构 chosen → the owning unit in scope and the organ's name; `current`
/// is the document's unit when editing.
pub fn issuer(scope: &Scope, current: Option<i64>) -> impl Fn(i64) -> Option<(i64, String)> + '_ {
    let in_scope: Vec<i64> = scope.ids_in_tree_order();
    move |id| super::issuer::resolve(&scope.units, &in_scope, id, current)
}

/// The organ shown as chosen for a stored unit.
fn organ_id(scope: &Scope, unit: Option<i64>) -> Option<i64> {
    unit.and_then(|u| super::issuer::organ_of(&scope.units, u).map(|o| o.id))
}

async fn invalid(
    state: &AppState,
    layout: Layout,
    scope: &Scope,
    target: Target,
    fields: &Fields,
    input: &DocInput,
    errors: Errors,
) -> Result<Response, AppError> {
    let raw_unit = fields.get("issuer_unit_id").parse::<i64>().ok();
    let ground = fields.get("disclosure_ground");
    let sel = Selected {
        unit: raw_unit,
        genre: &input.genre,
        disclosure: &input.disclosure,
        ground: &ground,
        column: &input.column_kind,
        topic: input.topic_id,
    };
    let page = form_page(
        state,
        layout,
        scope,
        target,
        FormValues::from_fields(fields),
        sel,
        errors,
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::PublishContent).await?;
    let (input, errors) = form::parse(&fields, issuer(&scope, None));
    if !errors.is_empty() {
        return invalid(
            &state,
            layout,
            &scope,
            Target::new_doc(),
            &fields,
            &input,
            errors,
        )
        .await;
    }
    let id = super::workflow::create_draft(&state.db, &state.site.org_code, &input, &user, "page")
        .await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}")).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, scope) = load(&state, &user, id, Permission::PublishContent).await?;
    if !matches!(doc.state(), DocState::Draft | DocState::Published) {
        return Err(AppError::Conflict(
            "只有草稿或已发布的文件可以修改；已送审的文件请先退回".into(),
        ));
    }
    // A published document with a pending revision: continue from the revision.
    let pending = if doc.state() == DocState::Published {
        store::pending_revision(&state.db, id)
            .await?
            .and_then(|r| r.input())
    } else {
        None
    };
    let doc = match &pending {
        Some(i) => doc.with_input(i),
        None => doc,
    };
    let ground = doc.disclosure_ground.clone().unwrap_or_default();
    let sel = Selected {
        unit: organ_id(&scope, doc.issuer_unit_id),
        genre: doc.genre.code(),
        disclosure: &doc.disclosure,
        ground: &ground,
        column: doc.column_kind.code(),
        topic: doc.topic_id,
    };
    render(
        &form_page(
            &state,
            layout,
            &scope,
            Target::of(&doc),
            FormValues::from_doc(&doc),
            sel,
            Errors::new(),
        )
        .await?,
    )
}

/// Save a draft, or revise a published document: a revision needs a change note
/// (or the minor-change flag) and waits for a reviewer; once approved it becomes a
/// new edition in the history (`workflow::update`).
pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, scope) = load(&state, &user, id, Permission::PublishContent).await?;
    let published = doc.state() == DocState::Published;
    if !published && doc.state() != DocState::Draft {
        return Err(AppError::Conflict(
            "只有草稿或已发布的文件可以修改；已送审的文件请先退回".into(),
        ));
    }
    let (input, mut errors) = form::parse(&fields, issuer(&scope, doc.issuer_unit_id));
    let note = fields.get("change_note");
    let minor = fields.checked("minor");
    if published && note.is_empty() && !minor {
        errors.insert(
            "change_note".into(),
            "修订已发布的文件须填写修订说明，或勾选“细微修改”".into(),
        );
    }
    if !errors.is_empty() {
        return invalid(
            &state,
            layout,
            &scope,
            Target::of(&doc),
            &fields,
            &input,
            errors,
        )
        .await;
    }
    super::workflow::update(&state.db, &doc, &input, &note, minor, &user).await?;
    let msg = if published { "?msg=revised" } else { "" };
    Ok(Redirect::to(&format!("/admin/docs/{id}{msg}")).into_response())
}
