//! Back-office pages of 依申请公开: the case list, registering an application, a case
//! with its clock, events, assignment and files; the application form's parts the
//! portal shares. Letters and templates are in `admin_letters`, table 三 in
//! `admin_report`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::case_service;
use super::clock::Status;
use super::input::{self, ApplicationForm};
use super::letters::LetterKind;
use super::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, Ground, IdKind, Outcome};
use super::service::{self, DeadlineView, EventView};
use super::store::{self, CaseRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, Pager, choices, render};

#[derive(Clone)]
pub struct Row {
    pub id: i64,
    pub receipt_no: String,
    pub summary: String,
    pub status: String,
    pub received_on: String,
    pub deadline: String,
    pub days_left: String,
    pub late: bool,
}

fn summary(c: &CaseRow) -> String {
    let t = service::request_text(c);
    let s: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        format!("{s}…")
    } else {
        s
    }
}

fn row(state: &AppState, c: &CaseRow, clock: Option<&super::clock::Clock>) -> Row {
    let dl = clock.map(|k| service::deadline_view(state, k));
    Row {
        id: c.id,
        receipt_no: c.receipt_no.clone(),
        summary: summary(c),
        status: clock
            .map(|k| k.status.label())
            .or_else(|| Status::parse(&c.status).map(Status::label))
            .unwrap_or("")
            .into(),
        received_on: c
            .received_on
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        deadline: dl
            .as_ref()
            .and_then(|d| d.date)
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        days_left: dl
            .as_ref()
            .and_then(|d| d.days_left)
            .map(|n| {
                if n < 0 {
                    format!("逾期{}个工作日", -n)
                } else {
                    format!("剩{n}个工作日")
                }
            })
            .unwrap_or_default(),
        late: dl.is_some_and(|d| d.late),
    }
}

#[derive(Template)]
#[template(path = "foi/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    sections: Vec<(&'static str, &'static str, Vec<Row>)>,
    cases: Vec<Row>,
    pager: Pager,
    status: String,
    statuses: &'static [Status],
    /// The letter templates are shared by the whole city: edited from a root unit only.
    can_edit_templates: bool,
    /// 依申请办理人 register applications; administrators only read.
    can_register: bool,
    only_correction: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
    pub page: Option<i64>,
    /// `correction`: only the cases whose 补正 window closes within 2 working days.
    pub due: Option<String>,
}

/// Dashboard: due within 5 working days, overdue, waiting on the applicant; then all cases.
pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ViewFoi).await?;
    let open = super::dashboard::open_clocks(&state, scope.filter()).await?;
    let today = crate::clock::today();
    let mut correction = vec![];
    let cal = crate::workdays::calendar(&state);
    let (mut overdue, mut due_soon, mut waiting, mut unconfirmed, mut uncomputable) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (c, clock) in &open {
        let r = row(&state, c, Some(clock));
        if let Some((due, _)) = super::dashboard::correction_closing(&cal, clock, today) {
            correction.push((due, r.clone()));
        }
        let left = service::deadline_view(&state, clock).days_left;
        if matches!(clock.deadline(&cal), Some(Err(_))) {
            uncomputable.push(r);
        } else if clock.status == Status::AwaitingConfirmation {
            unconfirmed.push(r);
        } else if clock.status.waiting_on_applicant() {
            waiting.push(r);
        } else if left.is_some_and(|n| n < 0) {
            overdue.push(r);
        } else if left.is_some_and(|n| n <= 5) {
            due_soon.push(r);
        }
    }
    correction.sort_by_key(|(due, r)| (*due, r.id));
    let correction: Vec<Row> = correction.into_iter().map(|(_, r)| r).collect();
    let status = q.status.clone().filter(|s| Status::parse(s).is_some());
    let page = Page::new(q.page, None);
    let only_correction = q.due.as_deref() == Some("correction");
    let (case_rows, total, base) = if only_correction {
        let rows: Vec<Row> = correction.iter().map(Row::clone).collect();
        let n = rows.len() as i64;
        (rows, n, "due=correction&".to_string())
    } else {
        let (cases, total) =
            store::list(&state.db, scope.filter(), status.as_deref(), page).await?;
        let base = status
            .as_ref()
            .map(|s| format!("status={s}&"))
            .unwrap_or_default();
        (
            cases.iter().map(|c| row(&state, c, None)).collect(),
            total,
            base,
        )
    };
    render(&ListPage {
        layout,
        can_edit_templates: user.can(Permission::ManageFoiTemplates),
        can_register: user.can(Permission::HandleFoi),
        only_correction,
        sections: vec![
            (
                "补正通知将到期（2个工作日内须发出）",
                "correction-due",
                correction,
            ),
            ("已逾期", "overdue", overdue),
            ("5个工作日内到期", "due-soon", due_soon),
            ("等待申请人（补正或缴费）", "waiting", waiting),
            ("待确认收到", "unconfirmed", unconfirmed),
            (
                "期限无法计算（请先录入下一年的节假日安排）",
                "uncomputable",
                uncomputable,
            ),
        ],
        cases: case_rows,
        pager: Pager::checked(page, total, base)?,
        status: status.unwrap_or_default(),
        statuses: Status::ALL,
    })
}

/// The option lists of the application form (portal and back office).
pub struct FormChoices {
    pub units: Vec<(i64, String)>,
    pub kinds: Vec<Choice>,
    pub id_kinds: Vec<Choice>,
    pub forms: Vec<Choice>,
    pub methods: Vec<Choice>,
    pub channels: Vec<Choice>,
}

/// The form's choices; `organs`: the 受理机关 offered ([`super::routing`]).
pub fn form_choices(organs: Vec<super::routing::Organ>) -> FormChoices {
    let units = organs.into_iter().map(|o| (o.id, o.name)).collect();
    FormChoices {
        units,
        kinds: choices(
            ApplicantKind::ALL,
            ApplicantKind::code,
            ApplicantKind::label,
        ),
        id_kinds: choices(IdKind::ALL, IdKind::code, IdKind::label),
        forms: choices(DeliveryForm::ALL, DeliveryForm::code, DeliveryForm::label),
        methods: choices(
            DeliveryMethod::ALL,
            DeliveryMethod::code,
            DeliveryMethod::label,
        ),
        channels: choices(&Channel::ALL[1..], Channel::code, Channel::label),
    }
}

/// The organs a member of staff registers applications for.
async fn staff_organs(
    state: &AppState,
    user: &crate::auth::CurrentUser,
) -> Result<Vec<super::routing::Organ>, AppError> {
    let scope = Scope::of(state, user, Permission::HandleFoi).await?;
    Ok(super::routing::for_scope(
        super::routing::accepting(state).await?,
        &scope,
    ))
}

/// A text input of the application form.
pub struct TextField {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub required: bool,
    pub kind: &'static str,
    pub error: String,
}

/// The person and contact inputs of the application form, with their errors.
pub fn text_fields(
    f: &ApplicationForm,
    errors: &std::collections::BTreeMap<String, String>,
) -> (Vec<TextField>, Vec<TextField>) {
    let t = |name: &'static str,
             label: &'static str,
             value: &str,
             required: bool,
             kind: &'static str| TextField {
        name,
        label,
        value: value.to_string(),
        required,
        kind,
        error: errors.get(name).cloned().unwrap_or_default(),
    };
    (
        vec![
            t(
                "applicant_name",
                "姓名或单位名称",
                &f.applicant_name,
                true,
                "text",
            ),
            t(
                "legal_rep",
                "法定代表人或负责人（法人或其他组织填写）",
                &f.legal_rep,
                false,
                "text",
            ),
            t(
                "contact_name",
                "联系人（法人或其他组织填写）",
                &f.contact_name,
                false,
                "text",
            ),
        ],
        vec![
            t("phone", "联系电话", &f.phone, true, "tel"),
            t("email", "电子邮箱", &f.email, false, "email"),
            t("address", "通信地址", &f.address, false, "text"),
            t("postcode", "邮政编码", &f.postcode, false, "text"),
        ],
    )
}

#[derive(Template)]
#[template(path = "foi/templates/admin_new.html")]
struct NewPage {
    layout: Layout,
    c: FormChoices,
    f: ApplicationForm,
    errors: std::collections::BTreeMap<String, String>,
    people: Vec<TextField>,
    contacts: Vec<TextField>,
}

form_page!(NewPage: err);

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let f = ApplicationForm {
        arrived_on: crate::clock::today().to_string(),
        ..Default::default()
    };
    let (people, contacts) = text_fields(&f, &Default::default());
    render(&NewPage {
        layout,
        c: form_choices(staff_organs(&state, &user).await?),
        f,
        errors: Default::default(),
        people,
        contacts,
    })
}

/// Register a letter, fax or in-person application.
pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let f = form_from(&fields);
    let organs = staff_organs(&state, &user).await?;
    let ids: Vec<i64> = organs.iter().map(|o| o.id).collect();
    match input::check(&f, &ids, true, crate::clock::today()) {
        Ok(c) => {
            let key = Some(fields.get("idempotency_key")).filter(|k| !k.is_empty());
            let created =
                case_service::create(&state.db, &c, key.as_deref(), &user.actor()).await?;
            Ok(Redirect::to(&format!("/admin/foi/{}", created.id)).into_response())
        }
        Err(errors) => {
            let (people, contacts) = text_fields(&f, &errors);
            let page = NewPage {
                layout,
                c: form_choices(organs),
                f,
                errors,
                people,
                contacts,
            };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub fn form_from(fields: &Fields) -> ApplicationForm {
    ApplicationForm {
        unit_id: fields.get("unit_id"),
        applicant_kind: fields.get("applicant_kind"),
        applicant_name: fields.get("applicant_name"),
        id_kind: fields.get("id_kind"),
        id_number: fields.get("id_number"),
        legal_rep: fields.get("legal_rep"),
        contact_name: fields.get("contact_name"),
        phone: fields.get("phone"),
        email: fields.get("email"),
        address: fields.get("address"),
        postcode: fields.get("postcode"),
        info_title: fields.get("info_title"),
        info_doc_no: fields.get("info_doc_no"),
        info_description: fields.get("info_description"),
        purpose: fields.get("purpose"),
        delivery_form: fields.get("delivery_form"),
        delivery_method: fields.get("delivery_method"),
        channel: fields.get("channel"),
        arrived_on: fields.get("arrived_on"),
    }
}

pub struct OpenConsult {
    pub seq: u32,
    pub label: String,
    pub window_end: String,
}

#[derive(Template)]
#[template(path = "foi/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    c: CaseRow,
    labels: (String, String, String, String),
    channel: String,
    receipt_rule: &'static str,
    status: Status,
    deadline: DeadlineView,
    left: String,
    overdue: bool,
    warnings: Vec<String>,
    events: Vec<EventView>,
    consultations: Vec<OpenConsult>,
    /// "补正通知须于 X 前发出" while the notice may still be sent.
    correction_notice: String,
    /// The organ applied to and the FOI office the case was routed to.
    organ: String,
    office: String,
    /// Forwarded by another platform: "一网通办（编号 …），申请人于 … 提交".
    forwarded: String,
    /// A 依申请办理人 of the case acts on it; an administrator only reads.
    can_act: bool,
    objection: bool,
    extension_used: bool,
    correction_used: bool,
    outcomes: Vec<Choice>,
    grounds: Vec<Choice>,
    letters: Vec<Choice>,
    repeats: Vec<(String, i64, f64)>,
    files: Vec<store::FileRow>,
    handlers: Vec<(i64, String)>,
    handler: String,
    today: String,
    fee_count: String,
    msg: String,
}

#[derive(Deserialize)]
pub struct Msg {
    pub msg: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(m): Query<Msg>,
) -> Result<Response, AppError> {
    let case = service::case_visible(&state, &user, id).await?;
    let can_act = service::case_for(&state, &user, id).await.is_ok();
    let l = service::load(&state, case).await?;
    let repeats = service::repeats(&state, &l.case).await?;
    let handlers = service::handlers_of(&state, &l.case).await?;
    let cal = crate::workdays::calendar(&state);
    let correction_notice = match l.clock.correction_notice_due(&cal) {
        Some(Ok(d)) => format!(
            "补正通知须于 {d} 前发出（条例第三十条：收到申请之日起7个工作日内，一次性告知）"
        ),
        Some(Err(e)) => format!("补正通知的最后期限无法计算：{e}"),
        None => String::new(),
    };
    let units = crate::auth::store::all_units(&state.db).await?;
    let name = |id: i64| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let forwarded = match (&l.case.forwarded_by, &l.case.submitted_at) {
        (Some(p), Some(t)) => format!(
            "由{p}转来（对方编号 {}），申请人于 {} 在该平台提交",
            l.case.forwarded_ref.as_deref().unwrap_or(""),
            crate::clock::fmt_local(t)
        ),
        _ => String::new(),
    };
    let handler = l
        .case
        .handler_id
        .and_then(|h| {
            handlers
                .iter()
                .find(|(i, _)| *i == h)
                .map(|(_, n)| n.clone())
        })
        .unwrap_or_else(|| "未分配".into());
    let nth = store::nth_in_month(
        &state.db,
        &l.case,
        l.clock.received_on.unwrap_or(crate::clock::today()),
    )
    .await?;
    let c = &l.clock;
    let channel = l.case.channel();
    let dl = service::deadline_view(&state, c);
    render(&ShowPage {
        layout,
        labels: service::labels(&l.case),
        channel: channel.label().into(),
        receipt_rule: channel.receipt_rule(),
        status: c.status,
        left: match dl.days_left {
            Some(n) if n < 0 => format!("已逾期{}个工作日", -n),
            Some(n) => format!("剩余{n}个工作日"),
            None => String::new(),
        },
        overdue: dl.days_left.is_some_and(|n| n < 0),
        deadline: dl,
        warnings: c.warnings.clone(),
        events: service::event_views(&l.rows),
        consultations: c
            .consultations
            .iter()
            .map(|o| OpenConsult {
                seq: o.seq,
                label: format!("{}（{}）", o.name, o.party.label()),
                window_end: o.window_end.to_string(),
            })
            .collect(),
        objection: c.objection,
        correction_notice,
        organ: name(l.case.unit_id),
        office: name(l.case.office_id),
        forwarded,
        can_act,
        extension_used: c.extension.is_some(),
        correction_used: c.correction_used,
        outcomes: Outcome::replies()
            .map(|o| Choice::new(o.code(), o.label(), false))
            .collect(),
        grounds: choices(Ground::ALL, Ground::code, Ground::label),
        letters: choices(LetterKind::ALL, LetterKind::code, LetterKind::label),
        repeats,
        files: store::files(&state.db, id).await?,
        handlers,
        handler,
        today: crate::clock::today().to_string(),
        fee_count: super::fee::explain_count(u32::try_from(nth).unwrap_or(0)),
        msg: m.msg.unwrap_or_default(),
        c: l.case,
    })
}

/// Record an event on the clock.
pub async fn add_event(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let case = service::case_for(&state, &user, id).await?;
    let nth = store::nth_in_month(
        &state.db,
        &case,
        case.received_on.unwrap_or(crate::clock::today()),
    )
    .await?;
    let (on, ev) = service::parse_event(&|k| fields.get(k), nth)?;
    let cal = crate::workdays::calendar(&state);
    case_service::append(&state.db, &cal, &case, on, ev, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/foi/{id}?msg=saved#clock")).into_response())
}

pub async fn assign(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let case = service::case_for(&state, &user, id).await?;
    let handlers = service::handlers_of(&state, &case).await?;
    let hid: i64 = fields
        .get("handler_id")
        .parse()
        .map_err(|_| AppError::field("handler_id", "请选择办理人"))?;
    let (_, name) = handlers.iter().find(|(i, _)| *i == hid).ok_or_else(|| {
        AppError::field("handler_id", "办理人须为办理机构或受理机关的依申请办理人")
    })?;
    case_service::assign(&state.db, &case, hid, name, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/foi/{id}?msg=assigned")).into_response())
}

/// Staff download of a file sent with an application.
pub async fn file(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let case = service::case_for(&state, &user, id).await?;
    let f = store::file(&state.db, file_id).await?;
    if f.case_id != case.id {
        return Err(AppError::NotFound);
    }
    crate::docs::attachments::send_blob(
        &state,
        &f.sha256,
        &f.file_name,
        &f.mime,
        crate::docs::attachments::Caching::NoStore,
    )
    .await
}
