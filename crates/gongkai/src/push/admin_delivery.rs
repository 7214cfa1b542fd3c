//! Back office of delivery: the platforms that take pushes, the subscribers import
//! for them (.xlsx), subscribers and what each was sent, the failed-deliveries
//! list with 重新发送, bounces, and the .xlsx exports.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::Errors;
use super::form_admin::{self, PlatformInput};
use super::model::{District, Scale, Subject, Theme, split_codes};
use super::store::{self, Message, Subscriber};
use super::store_platforms::{self, Platform};
use super::{service, service_admin};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Deserialize)]
pub struct MsgQuery {
    msg: Option<String>,
}

fn notice(msg: &Option<String>) -> &'static str {
    match msg.as_deref() {
        Some("saved") => "已保存。",
        Some("retry") => "已放回发件箱，下一次推送任务（每分钟）时发送。",
        Some("bounced") => "已记录退信。",
        Some("resumed") => "已恢复推送。",
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "push/templates/admin_platforms.html")]
struct PlatformsPage {
    layout: Layout,
    platforms: Vec<Platform>,
    /// 0: the new-platform form.
    edit_id: i64,
    name: String,
    url: String,
    active: bool,
    errors: Errors,
    message: &'static str,
}

form_page!(PlatformsPage: err);

async fn platforms_page(
    state: &AppState,
    layout: Layout,
    edit: Option<&Platform>,
    errors: Errors,
    message: &'static str,
) -> Result<PlatformsPage, AppError> {
    Ok(PlatformsPage {
        layout,
        platforms: store_platforms::platforms(&state.db).await?,
        edit_id: edit.map_or(0, |p| p.id),
        name: edit.map(|p| p.name.clone()).unwrap_or_default(),
        url: edit.map(|p| p.url.clone()).unwrap_or_default(),
        active: edit.is_none_or(|p| p.active),
        errors,
        message,
    })
}

pub async fn platforms(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    render(&platforms_page(&state, layout, None, Errors::new(), notice(&q.msg)).await?)
}

pub async fn platform_form(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let p = store_platforms::platform(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(&platforms_page(&state, layout, Some(&p), Errors::new(), notice(&q.msg)).await?)
}

async fn save_platform(
    state: AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    id: Option<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let checked: Result<PlatformInput, Errors> = form_admin::platform(&f, id.is_none());
    let errors = match checked {
        Ok(p) => match service_admin::save_platform(&state.db, &user.actor(), id, &p).await {
            Ok(id) => {
                return Ok(
                    Redirect::to(&format!("/admin/push/platforms/{id}?msg=saved")).into_response(),
                );
            }
            Err(AppError::Conflict(m)) => Errors::from([("name".to_string(), m)]),
            Err(e) => return Err(e),
        },
        Err(e) => e,
    };
    let existing = match id {
        Some(id) => store_platforms::platform(&state.db, id).await?,
        None => None,
    };
    let mut page = platforms_page(&state, layout, existing.as_ref(), errors, "").await?;
    page.name = f.get("name");
    page.url = f.get("url");
    page.active = id.is_none() || f.checked("active");
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn platform_create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    save_platform(state, layout, &user, None, f).await
}

pub async fn platform_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    save_platform(state, layout, &user, Some(id), f).await
}

#[derive(Template)]
#[template(path = "push/templates/admin_import.html")]
struct ImportPage {
    layout: Layout,
    platforms: Vec<Platform>,
    platform_id: i64,
    columns: String,
    added: usize,
    updated: usize,
    rejected: Vec<(usize, String)>,
    error: String,
    done: bool,
}

impl ImportPage {
    async fn new(state: &AppState, layout: Layout) -> Result<ImportPage, AppError> {
        Ok(ImportPage {
            layout,
            platforms: store_platforms::platforms(&state.db).await?,
            platform_id: 0,
            columns: crate::table::labels(form_admin::IMPORT_FIELDS),
            added: 0,
            updated: 0,
            rejected: Vec::new(),
            error: String::new(),
            done: false,
        })
    }
}

pub async fn import_form(
    State(state): State<AppState>,
    layout: Layout,
) -> Result<Response, AppError> {
    render(&ImportPage::new(&state, layout).await?)
}

/// `.xlsx` (or .csv) of enterprises for delivery through a platform: every row is
/// checked and any bad row imports nothing.
pub async fn import(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let up = crate::web::form::Upload::read(&mut multipart).await?;
    let mut page = ImportPage::new(&state, layout).await?;
    page.done = true;
    page.platform_id = up.field("platform").trim().parse().unwrap_or(0);
    let fail = |mut page: ImportPage, m: String| -> Result<Response, AppError> {
        page.error = m;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    if !page.platforms.iter().any(|p| p.id == page.platform_id) {
        return fail(page, "请选择推送平台".into());
    }
    let Some((name, bytes)) = up.file() else {
        return fail(page, "请选择 .xlsx 或 .csv 文件".into());
    };
    let cells = match crate::table::read_upload(&name, bytes).await {
        Ok(c) => c,
        Err(m) => return fail(page, m),
    };
    match service_admin::check_import(&cells) {
        Err(bad) => {
            page.rejected = bad;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Ok(rows) => {
            let (added, updated) = service_admin::import_subscribers(
                &state.db,
                &user.actor(),
                page.platform_id,
                &rows,
            )
            .await?;
            page.added = added;
            page.updated = updated;
            render(&page)
        }
    }
}

/// A subscriber as the back office lists it.
pub struct SubscriberRow {
    pub s: Subscriber,
    pub channel: String,
    pub state: &'static str,
}

pub fn state_label(state: &str) -> &'static str {
    match state {
        "active" => "已生效",
        "pending" => "待确认",
        "suspended" => "多次退信已暂停",
        _ => "已退订",
    }
}

fn rows_of(subs: Vec<Subscriber>, platforms: &[Platform]) -> Vec<SubscriberRow> {
    subs.into_iter()
        .map(|s| SubscriberRow {
            channel: match s.platform_id {
                Some(id) if s.channel == "webhook" => platforms
                    .iter()
                    .find(|p| p.id == id)
                    .map_or_else(|| "平台".to_string(), |p| p.name.clone()),
                _ => "电子邮件".to_string(),
            },
            state: state_label(&s.state),
            s,
        })
        .collect()
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "push/templates/admin_subscribers.html")]
struct SubscribersPage {
    layout: Layout,
    q: String,
    rows: Vec<SubscriberRow>,
}

pub async fn subscribers(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let q = q.q.trim().chars().take(100).collect::<String>();
    let subs = store_platforms::search_subscribers(&state.db, &q, 200).await?;
    let platforms = store_platforms::platforms(&state.db).await?;
    render(&SubscribersPage {
        layout,
        q,
        rows: rows_of(subs, &platforms),
    })
}

/// A message with its policy's title, for the lists.
pub struct MessageRow {
    pub m: Message,
    pub title: String,
    pub subscriber: String,
}

async fn message_rows(state: &AppState, msgs: Vec<Message>) -> Result<Vec<MessageRow>, AppError> {
    let ids: Vec<i64> = msgs.iter().filter_map(|m| m.document_id).collect();
    let docs = crate::docs::store::get_many(&state.db, &ids).await?;
    let mut out = Vec::with_capacity(msgs.len());
    for m in msgs {
        let title = match m.document_id {
            Some(d) => docs
                .iter()
                .find(|x| x.id == d)
                .map(|x| x.title.clone())
                .unwrap_or_default(),
            None => "订阅确认邮件".into(),
        };
        let subscriber = store::subscriber(&state.db, m.subscriber_id).await?.name;
        out.push(MessageRow {
            m,
            title,
            subscriber,
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "push/templates/admin_subscriber.html")]
struct SubscriberPage {
    layout: Layout,
    row: SubscriberRow,
    profile: Vec<(&'static str, String)>,
    messages: Vec<MessageRow>,
    message: &'static str,
}

/// What one enterprise was sent, with 记录退信 on delivered mail.
pub async fn subscriber(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let s = store::subscriber(&state.db, id).await?;
    let profile = vec![
        ("统一社会信用代码", s.credit_code.clone()),
        ("行业代码", s.industries.clone()),
        (
            "所在区",
            District::parse(&s.district)
                .map_or("", District::label)
                .into(),
        ),
        (
            "企业规模",
            Scale::parse(&s.scale).map_or("", Scale::label).into(),
        ),
        (
            "主体类型",
            Subject::parse(&s.subject).map_or("", Subject::label).into(),
        ),
        (
            "关注主题",
            split_codes(&s.themes)
                .into_iter()
                .filter_map(Theme::parse)
                .map(Theme::label)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ("电子邮箱", s.email.clone()),
        ("连续退信", s.bounces.to_string()),
    ];
    let msgs = store::messages_of_subscriber(&state.db, id).await?;
    let messages = message_rows(&state, msgs).await?;
    let platforms = store_platforms::platforms(&state.db).await?;
    let row = rows_of(vec![s], &platforms)
        .pop()
        .ok_or(AppError::NotFound)?;
    render(&SubscriberPage {
        layout,
        row,
        profile,
        messages,
        message: notice(&q.msg),
    })
}

#[derive(Template)]
#[template(path = "push/templates/admin_failed.html")]
struct FailedPage {
    layout: Layout,
    rows: Vec<MessageRow>,
    message: &'static str,
}

/// Messages that did not arrive, newest first, each with 重新发送.
pub async fn failed(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let msgs = store_platforms::undelivered(&state.db, 300).await?;
    render(&FailedPage {
        layout,
        rows: message_rows(&state, msgs).await?,
        message: notice(&q.msg),
    })
}

fn back(f: &Fields, fallback: &str, msg: &str) -> Redirect {
    // Only our own back-office pages.
    let to = f.get("back");
    let to = if to.starts_with("/admin/push/") && !to.contains("//") && !to.contains('?') {
        to
    } else {
        fallback.to_string()
    };
    Redirect::to(&format!("{to}?msg={msg}"))
}

pub async fn retry(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    service::retry(&state.db, &user.actor(), id).await?;
    Ok(back(&f, "/admin/push/failed", "retry").into_response())
}

/// 记录退信: a staff member read the relay's bounce report.
pub async fn bounce(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let reason = f.get("reason");
    if !service::bounce(&state.db, &user.actor(), id, &reason).await? {
        return Err(AppError::Conflict("只有已发送的消息可以记录退信".into()));
    }
    Ok(back(&f, "/admin/push/failed", "bounced").into_response())
}

pub async fn resume(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    service::resume(&state.db, &user.actor(), id).await?;
    Ok(Redirect::to(&format!("/admin/push/subscribers/{id}?msg=resumed")).into_response())
}

fn xlsx_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A one-sheet workbook: a bold header row, then the rows (numbers as numbers).
fn workbook(sheet: &str, head: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name(sheet).map_err(x)?;
    let bold = Format::new().set_bold();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(x)?;
        ws.set_column_width(c as u16, if c == 1 { 40 } else { 16 })
            .map_err(x)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = ((i + 1) as u32, c as u16);
            match v {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Cell::Num(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
            }
            .map_err(x)?;
        }
    }
    wb.save_to_buffer().map_err(x)
}

enum Cell {
    Text(String),
    Num(i64),
}

/// Every subscriber as .xlsx (the back office; contains e-mail addresses).
pub async fn subscribers_xlsx(State(state): State<AppState>) -> Result<Response, AppError> {
    let subs = store_platforms::all_subscribers(&state.db).await?;
    let platforms = store_platforms::platforms(&state.db).await?;
    let rows: Vec<Vec<Cell>> = rows_of(subs, &platforms)
        .into_iter()
        .map(|r| {
            let s = r.s;
            vec![
                Cell::Text(s.credit_code),
                Cell::Text(s.name),
                Cell::Text(r.channel),
                Cell::Text(s.email),
                Cell::Text(s.industries),
                Cell::Text(
                    District::parse(&s.district)
                        .map_or("", District::label)
                        .into(),
                ),
                Cell::Text(Scale::parse(&s.scale).map_or("", Scale::label).into()),
                Cell::Text(Subject::parse(&s.subject).map_or("", Subject::label).into()),
                Cell::Text(
                    split_codes(&s.themes)
                        .into_iter()
                        .filter_map(Theme::parse)
                        .map(Theme::label)
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                Cell::Text(r.state.into()),
                Cell::Text(crate::clock::fmt_local(&s.created_at)),
                Cell::Num(s.bounces),
            ]
        })
        .collect();
    let head = [
        "统一社会信用代码",
        "单位名称",
        "推送渠道",
        "电子邮箱",
        "行业代码",
        "所在区",
        "企业规模",
        "主体类型",
        "关注主题",
        "状态",
        "订阅时间",
        "连续退信",
    ];
    Ok(xlsx_response(
        "push-subscribers.xlsx",
        workbook("订阅企业", &head, &rows)?,
    ))
}

/// Per policy: matched, delivered, failed, bounced, opened, as .xlsx.
pub async fn figures_xlsx(State(state): State<AppState>) -> Result<Response, AppError> {
    let rows = super::admin::stat_rows(&state).await?;
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::Num(r.s.document_id),
                Cell::Text(r.title),
                Cell::Num(r.s.matched),
                Cell::Num(r.s.sent),
                Cell::Num(r.s.failed),
                Cell::Num(r.s.bounced),
                Cell::Num(r.s.opened),
            ]
        })
        .collect();
    let head = [
        "文件编号",
        "政策",
        "匹配企业",
        "已送达",
        "发送失败",
        "退信",
        "已打开",
    ];
    Ok(xlsx_response(
        "push-figures.xlsx",
        workbook("推送情况", &head, &rows)?,
    ))
}
