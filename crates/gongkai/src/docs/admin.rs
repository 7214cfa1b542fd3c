//! Back-office pages of the document library: list, form, review, publish,
//! withdraw, interpretation, validity, and the warning lists.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Months;
use serde::Deserialize;
use serde_json::json;

use super::form::{self, Errors};
use super::model::{self, Disclosure, DocState, InterpForm, Validity};
use super::store::{self, DocInput, DocRow};
use super::views::{self, DocView, InterpView, Opt};
use crate::audit::{self, change_summary};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, Pager, render};

/// The document, if the user's units cover it (documents of outside bodies need a
/// global scope).
pub(crate) async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(DocRow, Scope), AppError> {
    let doc = store::get(&state.db, id).await?;
    let scope = Scope::of(state, user, Permission::Content).await?;
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
        pager: Pager::new(page, total, base),
        can_create: user.can(Permission::PublishContent),
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
    units: Vec<Opt>,
    genres: Vec<Opt>,
    disclosures: Vec<Opt>,
    grounds: Vec<Opt>,
    columns: Vec<Opt>,
    topics: Vec<Opt>,
}

impl FormPage {
    fn err(&self, field: &str) -> &str {
        crate::web::field_error(&self.errors, field)
    }
}

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
    let mut units: Vec<Opt> = scope
        .in_scope_units()
        .iter()
        .map(|u| Opt {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: Some(u.id) == sel.unit,
        })
        .collect();
    units.push(Opt {
        value: "outside".into(),
        label: "外单位（在下方填写名称）".into(),
        selected: sel.unit.is_none() && !f.issuer_name.is_empty(),
    });
    Ok(FormPage {
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
    let first_unit = user.grants.first().map(|g| g.unit_id);
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

fn unit_name(scope: &Scope) -> impl Fn(i64) -> Option<String> + '_ {
    move |id| scope.contains(id).then(|| scope.unit_name(id))
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
    let (input, errors) = form::parse(&fields, unit_name(&scope));
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
    let (doc, _) = load(&state, &user, id).await?;
    if !matches!(doc.state(), DocState::Draft | DocState::Published) {
        return Err(AppError::Conflict(
            "只有草稿或已发布的文件可以修改；已送审的文件请先退回".into(),
        ));
    }
    let scope = Scope::of(&state, &user, Permission::PublishContent).await?;
    let ground = doc.disclosure_ground.clone().unwrap_or_default();
    let sel = Selected {
        unit: doc.issuer_unit_id,
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
/// (or the minor-change flag) and becomes a new edition in the history.
pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let published = doc.state() == DocState::Published;
    if !published && doc.state() != DocState::Draft {
        return Err(AppError::Conflict(
            "只有草稿或已发布的文件可以修改；已送审的文件请先退回".into(),
        ));
    }
    let scope = Scope::of(&state, &user, Permission::PublishContent).await?;
    let (input, mut errors) = form::parse(&fields, unit_name(&scope));
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
    let mut tx = state.db.begin().await?;
    store::update(&mut tx, id, &input).await?;
    let before = json!({"title": doc.title, "doc_no": doc.doc_no, "valid_until": doc.valid_until});
    let after =
        json!({"title": input.title, "doc_no": input.doc_no, "valid_until": input.valid_until});
    if published {
        let mut revised = doc.clone();
        revised.title = input.title.clone();
        revised.body = input.body.clone();
        revised.doc_no = input.doc_no.clone();
        let note = if note.is_empty() {
            "细微修改".to_string()
        } else {
            note
        };
        let edition = store::add_edition(&mut tx, &revised, &note, minor, Some(user.id)).await?;
        store::record_change(&mut tx, id, "updated", crate::clock::now()).await?;
        audit::append(
            &mut tx,
            &user.actor(),
            "doc.revise",
            "document",
            Some(id.to_string()),
            format!(
                "第 {edition} 版：{note}；{}",
                change_summary(Some(before), Some(after))
            ),
        )
        .await?;
    } else {
        audit::append(
            &mut tx,
            &user.actor(),
            "doc.update",
            "document",
            Some(id.to_string()),
            change_summary(Some(before), Some(after)),
        )
        .await?;
    }
    tx.commit().await?;
    let msg = if published { "?msg=revised" } else { "" };
    Ok(Redirect::to(&format!("/admin/docs/{id}{msg}")).into_response())
}

pub struct ConversionRow {
    pub id: i64,
    pub title: String,
    pub index_no: String,
    pub disclosure: &'static str,
    pub ground: &'static str,
    pub due: String,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_conversion.html")]
struct ConversionPage {
    layout: Layout,
    rows: Vec<ConversionRow>,
    next_default: String,
    this_year: i32,
    converted_this_year: i64,
    converted_last_year: i64,
}

/// The 转化公开 review queue.
pub async fn conversion_queue(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ReviewContent).await?;
    let units = scope.filter();
    let t = crate::clock::today();
    let rows = store::conversion_queue(&state.db, t, units)
        .await?
        .iter()
        .map(|d| ConversionRow {
            id: d.id,
            title: d.title.clone(),
            index_no: d.index_no.clone(),
            disclosure: Disclosure::parse(&d.disclosure)
                .map(|x| x.label())
                .unwrap_or("未认定"),
            ground: d
                .disclosure_ground
                .as_deref()
                .and_then(model::Ground::parse)
                .map(|g| g.label())
                .unwrap_or(""),
            due: d
                .conversion_due
                .map(|x| x.to_string())
                .unwrap_or_else(|| "未审查".into()),
        })
        .collect();
    let year = chrono::Datelike::year(&t);
    let next = t + chrono::Duration::days(i64::from(state.settings.docs.conversion_interval_days));
    render(&ConversionPage {
        layout,
        rows,
        next_default: next.to_string(),
        this_year: year,
        converted_this_year: store::conversions_in_year(&state.db, year).await?,
        converted_last_year: store::conversions_in_year(&state.db, year - 1).await?,
    })
}

/// Record a 转化公开 decision for one document.
pub async fn conversion_decide(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    if doc.state() != DocState::Published || doc.disclosure == Disclosure::Proactive.code() {
        return Err(AppError::Conflict("该文件不在转化公开审查范围内".into()));
    }
    let convert = match fields.get("decision").as_str() {
        "convert" => true,
        "keep" => false,
        _ => return Err(AppError::field("decision", "请选择审查结论")),
    };
    let reason = fields.get("reason");
    let next_review =
        chrono::NaiveDate::parse_from_str(&fields.get("next_review"), "%Y-%m-%d").ok();
    let t = crate::clock::today();
    if !convert {
        if reason.is_empty() {
            return Err(AppError::field("reason", "维持不公开须说明理由"));
        }
        if next_review.is_none_or(|d| d <= t) {
            return Err(AppError::field(
                "next_review",
                "请填写今天以后的下次审查日期",
            ));
        }
    }
    let mut tx = state.db.begin().await?;
    store::decide_conversion(&mut tx, &doc, convert, &reason, next_review, user.id, t).await?;
    let summary = if convert {
        format!("转化公开：《{}》转为主动公开。{reason}", doc.title)
    } else {
        format!(
            "转化公开：《{}》维持{}，理由：{reason}；下次审查 {}",
            doc.title,
            Disclosure::parse(&doc.disclosure)
                .map(|d| d.label())
                .unwrap_or("未认定"),
            next_review.map(|d| d.to_string()).unwrap_or_default()
        )
    };
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.conversion",
        "document",
        Some(id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    let msg = if convert { "converted" } else { "kept" };
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg={msg}")).into_response())
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
    let (doc, _) = load(&state, &user, id).await?;
    let topics = store::topics(&state.db).await?;
    let interp = store::interpretation_of(&state.db, id).await?;
    let blocker = model::publish_blocker(
        doc.state(),
        doc.author_id,
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
        Some("revised") => "修订已保存，并记入版本历史。",
        Some("converted") => "已转为主动公开。",
        Some("kept") => "已记录审查结论和下次审查日期。",
        _ => "",
    };
    render(&ShowPage {
        layout,
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

pub async fn submit(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    if !super::workflow::submit(&state.db, &doc, &user).await? {
        return Err(AppError::Conflict("只有草稿可以送审".into()));
    }
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=submitted")).into_response())
}

pub async fn return_to_author(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let note = fields.get("note");
    if note.is_empty() {
        return Err(AppError::field("note", "请填写退回意见"));
    }
    let mut tx = state.db.begin().await?;
    if !store::transition(&mut tx, id, DocState::Review, DocState::Draft, Some(&note)).await? {
        return Err(AppError::Conflict("只有送审中的文件可以退回".into()));
    }
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.return",
        "document",
        Some(id.to_string()),
        format!("退回《{}》：{note}", doc.title),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=returned")).into_response())
}

/// Publish now, or — with `publish_at` (Beijing time, in the future) — approve
/// publication at that time.
pub async fn publish(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let when = fields.get("publish_at");
    if !when.is_empty() {
        let at = chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| t.and_local_timezone(crate::clock::beijing()).single())
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| {
                AppError::field("publish_at", "定时发布时间格式应为 2026-03-02T09:00")
            })?;
        if at <= crate::clock::now() {
            return Err(AppError::field("publish_at", "定时发布时间应晚于现在"));
        }
        let interp = store::interpretation_of(&state.db, id).await?;
        if let Some(why) = model::publish_blocker(
            doc.state(),
            doc.author_id,
            user.id,
            doc.needs_interpretation,
            interp.as_ref().map(|i| i.state()),
        ) {
            return Err(AppError::Conflict(why.into()));
        }
        let mut tx = state.db.begin().await?;
        if !store::schedule(&mut tx, id, user.id, at).await? {
            return Err(AppError::Conflict("只有送审中的文件可以定时发布".into()));
        }
        audit::append(
            &mut tx,
            &user.actor(),
            "doc.schedule",
            "document",
            Some(id.to_string()),
            format!(
                "审核通过《{}》，定时于 {} 发布",
                doc.title,
                crate::clock::fmt_local(&at)
            ),
        )
        .await?;
        tx.commit().await?;
        return Ok(Redirect::to(&format!("/admin/docs/{id}?msg=scheduled")).into_response());
    }
    super::workflow::publish(&state.db, &doc, user.id, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=published")).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let reason = fields.get("reason");
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::field("reason", "请填写撤回理由（不超过 500 字）"));
    }
    let public = fields.checked("public");
    let mut tx = state.db.begin().await?;
    if !store::withdraw(&mut tx, id, &reason, public).await? {
        return Err(AppError::Conflict("只有已发布的文件可以撤回".into()));
    }
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.withdraw",
        "document",
        Some(id.to_string()),
        format!(
            "撤回《{}》（{}理由）：{reason}",
            doc.title,
            if public { "公开" } else { "内部" }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=withdrawn")).into_response())
}

pub async fn set_validity(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    if !doc.normative {
        return Err(AppError::Conflict("只有行政规范性文件有有效性".into()));
    }
    let v = Validity::parse(&fields.get("validity"));
    let decision = fields.get("decision");
    let (v, replaced_by) = match v {
        Some(Validity::Repealed) if !decision.is_empty() => (Validity::Repealed, None),
        Some(Validity::Repealed) => {
            return Err(AppError::field("decision", "废止须填写作出废止决定的文件"));
        }
        Some(Validity::Amended) => {
            let idx = fields.get("replaced_by");
            let newer = store::find_by_index_no(&state.db, &idx)
                .await?
                .filter(|d| d.state() == DocState::Published && d.id != id);
            match newer {
                Some(n) => (Validity::Amended, Some(n.id)),
                None => {
                    return Err(AppError::field(
                        "replaced_by",
                        "请填写已发布的修改后文件的索引号",
                    ));
                }
            }
        }
        _ => return Err(AppError::field("validity", "请选择废止或已修改")),
    };
    let mut tx = state.db.begin().await?;
    store::set_validity(&mut tx, id, v, &decision, replaced_by).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.validity",
        "document",
        Some(id.to_string()),
        change_summary(
            Some(json!({"validity": doc.validity})),
            Some(json!({"validity": v.code(), "decision": decision, "replaced_by": replaced_by})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=validity")).into_response())
}

#[derive(Template)]
#[template(path = "docs/templates/admin_interp.html")]
struct InterpPage {
    layout: Layout,
    media: Vec<super::attachments::Attachment>,
    doc_id: i64,
    doc_title: String,
    title: String,
    body: String,
    forms: Vec<Opt>,
    errors: Errors,
}

impl InterpPage {
    fn err(&self, field: &str) -> &str {
        crate::web::field_error(&self.errors, field)
    }
}

pub async fn interp_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let existing = store::interpretation_of(&state.db, id).await?;
    let (title, body, form) = match &existing {
        Some(i) => (i.title.clone(), i.body.clone(), i.form.clone()),
        None => (
            format!("《{}》政策解读", doc.title),
            String::new(),
            InterpForm::Text.code().to_string(),
        ),
    };
    render(&InterpPage {
        layout,
        media: super::attachments::of(&state.db, id, super::attachments::Purpose::Interpretation)
            .await?,
        doc_id: id,
        doc_title: doc.title,
        title,
        body,
        forms: views::form_opts(&form),
        errors: Errors::new(),
    })
}

pub async fn interp_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    if !matches!(doc.state(), DocState::Draft | DocState::Review) {
        return Err(AppError::Conflict(
            "文件已发布或撤回，解读不能再修改".into(),
        ));
    }
    let mut errors = Errors::new();
    let title = fields.get("title");
    if title.is_empty() || title.chars().count() > 200 {
        errors.insert("title".into(), "请填写解读标题（不超过 200 字）".into());
    }
    let form = InterpForm::parse(&fields.get("form"));
    if form.is_none() {
        errors.insert("form".into(), "请选择解读形式".into());
    }
    let body = fields.get("body");
    if body.is_empty() {
        errors.insert("body".into(), "请填写解读内容".into());
    }
    let (Some(form), true) = (form, errors.is_empty()) else {
        let page = InterpPage {
            layout,
            media: super::attachments::of(
                &state.db,
                id,
                super::attachments::Purpose::Interpretation,
            )
            .await?,
            doc_id: id,
            doc_title: doc.title,
            title,
            body,
            forms: views::form_opts(&fields.get("form")),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    let mut tx = state.db.begin().await?;
    let iid =
        store::save_interpretation(&mut tx, id, &title, form.code(), &body, Some(user.id)).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        "interp.save",
        "interpretation",
        Some(iid.to_string()),
        format!("保存《{}》的解读《{title}》", doc.title),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}")).into_response())
}

pub async fn interp_approve(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let interp = store::interpretation_of(&state.db, id)
        .await?
        .ok_or_else(|| AppError::Conflict("该文件还没有解读材料".into()))?;
    if interp.author_id == Some(user.id) {
        return Err(AppError::Conflict(
            "解读材料须由起草人以外的审核人审定".into(),
        ));
    }
    let mut tx = state.db.begin().await?;
    if !store::approve_interpretation(&mut tx, interp.id, user.id).await? {
        return Err(AppError::Conflict("只有草稿状态的解读可以审定".into()));
    }
    audit::append(
        &mut tx,
        &user.actor(),
        "interp.approve",
        "interpretation",
        Some(interp.id.to_string()),
        format!("审定《{}》的解读", doc.title),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=approved")).into_response())
}

pub struct LateRow {
    pub id: i64,
    pub title: String,
    pub written_on: String,
    pub deadline: String,
    pub overdue: bool,
}

pub struct ExpiringRow {
    pub id: i64,
    pub title: String,
    pub valid_until: String,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_warnings.html")]
struct WarningsPage {
    layout: Layout,
    late: Vec<LateRow>,
    expiring: Vec<ExpiringRow>,
}

pub async fn warnings(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::Content).await?;
    let units = scope.filter();
    let t = crate::clock::today();
    let cal = crate::workdays::calendar(&state);
    let late = store::unpublished_proactive(&state.db, units)
        .await?
        .into_iter()
        .filter(|d| d.disclosure == Disclosure::Proactive.code())
        .filter_map(|d| {
            let w = d.written_on?;
            match model::publication_deadline(&cal, w) {
                // Overdue, or due within the next 5 days.
                Ok(deadline) => (deadline <= t + chrono::Duration::days(5)).then(|| LateRow {
                    id: d.id,
                    title: d.title,
                    written_on: w.to_string(),
                    deadline: deadline.to_string(),
                    overdue: deadline < t,
                }),
                Err(e) => Some(LateRow {
                    id: d.id,
                    title: d.title,
                    written_on: w.to_string(),
                    deadline: e.to_string(),
                    overdue: false,
                }),
            }
        })
        .collect();
    let until = t.checked_add_months(Months::new(6)).unwrap_or(t);
    let expiring = store::expiring(&state.db, t, until)
        .await?
        .into_iter()
        .filter(|d| d.issuer_unit_id.is_none_or(|u| scope.contains(u)))
        .map(|d| ExpiringRow {
            id: d.id,
            title: d.title,
            valid_until: d.valid_until.map(|v| v.to_string()).unwrap_or_default(),
        })
        .collect();
    render(&WarningsPage {
        layout,
        late,
        expiring,
    })
}

/// Change a document's 索引号 (系统管理员 only; audited, and announced to the
/// city library when the document is public).
pub async fn change_index_no(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let new = model::IndexNo::parse(&fields.get("index_no"))
        .map_err(|m| AppError::field("index_no", m))?;
    if store::find_by_index_no(&state.db, &new.to_string())
        .await?
        .is_some_and(|d| d.id != id)
    {
        return Err(AppError::field("index_no", "该索引号已被其他文件使用"));
    }
    let mut tx = state.db.begin().await?;
    store::set_index_no(&mut tx, id, &new).await?;
    store::record_change(&mut tx, id, "updated", crate::clock::now()).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.index_no",
        "document",
        Some(id.to_string()),
        change_summary(
            Some(json!({"index_no": doc.index_no})),
            Some(json!({"index_no": new.to_string()})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=index")).into_response())
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

/// Mark a published document 已被新版本替代 by another published document (by 索引号).
/// A normative document is also marked 已修改.
pub async fn supersede(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id).await?;
    let newer = store::find_by_index_no(&state.db, &fields.get("replacement"))
        .await?
        .filter(|d| d.state() == DocState::Published && d.id != id)
        .ok_or_else(|| AppError::field("replacement", "请填写已发布的新版本文件的索引号"))?;
    let mut tx = state.db.begin().await?;
    if !store::supersede(&mut tx, id, newer.id).await? {
        return Err(AppError::Conflict(
            "只有已发布的文件可以标注为已被新版本替代".into(),
        ));
    }
    if doc.normative {
        store::set_validity(&mut tx, id, Validity::Amended, "", Some(newer.id)).await?;
    }
    audit::append(
        &mut tx,
        &user.actor(),
        "doc.supersede",
        "document",
        Some(id.to_string()),
        format!(
            "《{}》已被新版本《{}》（{}）替代",
            doc.title, newer.title, newer.index_no
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=superseded")).into_response())
}
