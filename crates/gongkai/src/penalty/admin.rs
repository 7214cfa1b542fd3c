//! Back office of 执法公示: penalty cases (register, import, confirm the masking,
//! publish, withdraw) and suspended numbers.

use crate::penalty::PenaltyAction;
use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::input::{self, FIELDS};
use super::model::{self, PenaltyKind, PenaltyState, Restriction, ViolationType, WithdrawKind};
use super::service;
use super::store::{self, CaseRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, Pager, choices, render};

pub struct ListRow {
    pub id: i64,
    pub decision_no: String,
    pub party: String,
    pub decided_on: String,
    pub state: &'static str,
    pub warning: String,
}

#[derive(Template)]
#[template(path = "penalty/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListRow>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct PageQuery {
    pub page: Option<i64>,
    pub msg: Option<String>,
    /// The case list: only cases in this state (the dashboard's links).
    pub state: Option<String>,
}

fn deadline_warning(state: &AppState, c: &CaseRow) -> String {
    let cal = crate::workdays::calendar(state);
    let today = crate::clock::today();
    match c.state() {
        PenaltyState::Pending | PenaltyState::Confirmed => {
            if !c.restriction.is_empty() {
                return "不予公开".into();
            }
            match model::publication_deadline(&cal, c.decided_on) {
                Ok(d) if d < today => format!("已超过公开期限{d}"),
                Ok(d) => format!("应于{d}前公开"),
                Err(e) => e.to_string(),
            }
        }
        PenaltyState::Withdrawn => match (c.event_on, c.withdrawn_on) {
            (Some(ev), Some(w)) => match model::withdrawal_deadline(&cal, ev) {
                Ok(d) if w > d => format!("撤回晚于期限{d}（应在{ev}后3个工作日内）"),
                _ => String::new(),
            },
            _ => String::new(),
        },
        _ => String::new(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let page = Page::new(q.page, None);
    let only = q.state.as_deref().and_then(PenaltyState::parse);
    let (cases, total) = store::list(&state.db, scope.filter(), only, page).await?;
    let rows = cases
        .iter()
        .map(|c| ListRow {
            id: c.id,
            decision_no: c.decision_no.clone(),
            party: c.masked_party.clone(),
            decided_on: c.decided_on.to_string(),
            state: c.state().label(),
            warning: deadline_warning(&state, c),
        })
        .collect();
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(
            page,
            total,
            only.map(|s| format!("state={}&", s.code()))
                .unwrap_or_default(),
        )?,
    })
}

#[derive(Template)]
#[template(path = "penalty/templates/admin_new.html")]
struct NewPage {
    layout: Layout,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    kinds: Vec<Choice>,
    violations: Vec<Choice>,
    restrictions: Vec<Choice>,
    units: Vec<(i64, String)>,
}

form_page!(NewPage: v, err);

impl NewPage {
    /// Whether a 处罚种类 checkbox was checked (values keep them joined by commas).
    fn kind_checked(&self, code: &str) -> bool {
        self.v("penalty_kind").split(',').any(|c| c == code)
    }
}

async fn new_page(
    state: &AppState,
    layout: Layout,
    user: &crate::auth::CurrentUser,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
) -> Result<NewPage, AppError> {
    let scope = Scope::of(state, user, Permission::HandleEnforcement).await?;
    Ok(NewPage {
        layout,
        values,
        errors,
        kinds: choices(PenaltyKind::ALL, PenaltyKind::code, PenaltyKind::label),
        violations: choices(
            ViolationType::ALL,
            ViolationType::code,
            ViolationType::label,
        ),
        restrictions: choices(Restriction::ALL, Restriction::code, Restriction::label),
        units: scope.unit_choices(),
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    render(&new_page(&state, layout, &user, BTreeMap::new(), BTreeMap::new()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let values: BTreeMap<String, String> = FIELDS
        .iter()
        // 处罚种类 are checkboxes: every checked one, joined by commas.
        .map(|(k, _)| (k.to_string(), fields.all(k).join(",")))
        .chain([("unit_id".to_string(), fields.get("unit_id"))])
        .collect();
    let unit_id = fields
        .get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| scope.contains(*u));
    let checked = input::check(
        &|k| values.get(k).cloned().unwrap_or_default(),
        unit_id.unwrap_or(0),
        crate::clock::today(),
    );
    let result = match (unit_id, checked) {
        (Some(_), Ok(c)) => {
            let mut tx = state.db.begin().await?;
            match service::insert(&mut tx, &c, Some(user.id), &user.actor()).await {
                Ok(id) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&format!("/admin/penalties/{id}")).into_response());
                }
                Err(AppError::Validation { fields, .. }) => fields,
                Err(e) => return Err(e),
            }
        }
        (None, r) => {
            let mut e = r.err().unwrap_or_default();
            e.insert("unit_id".into(), "请选择执法机关所属机构".into());
            e
        }
        (_, Err(e)) => e,
    };
    let page = new_page(&state, layout, &user, values, result).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "penalty/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    cmp: super::review::Comparison,
    c: CaseRow,
    state: PenaltyState,
    maskings: Vec<redact::Masking>,
    fine: String,
    warning: String,
    withdraw_kinds: Vec<Choice>,
    today: String,
    restriction: &'static str,
    msg: String,
    can_confirm: bool,
}

/// A case the user may act on (403 outside the enforcement scope).
pub(crate) async fn case_for(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: i64,
) -> Result<CaseRow, AppError> {
    let scope = Scope::of(state, user, Permission::HandleEnforcement).await?;
    let c = store::get(&state.db, id).await?;
    if !scope.contains(c.unit_id) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let c = case_for(&state, &user, id).await?;
    let maskings: Vec<redact::Masking> = serde_json::from_str(&c.maskings).unwrap_or_default();
    let cmp = super::review::comparison(&state.db, &c).await?;
    render(&ShowPage {
        layout,
        cmp,
        state: c.state(),
        maskings,
        fine: model::yuan(c.fine_cents),
        warning: deadline_warning(&state, &c),
        withdraw_kinds: choices(WithdrawKind::ALL, WithdrawKind::code, WithdrawKind::label),
        today: crate::clock::today().to_string(),
        restriction: Restriction::parse(&c.restriction)
            .map(|r| r.label())
            .unwrap_or(""),
        msg: q.msg.unwrap_or_default(),
        can_confirm: c.created_by != Some(user.id),
        c,
    })
}

/// The reviewer confirms the masked texts (possibly edited): nothing personal may
/// remain, and the reviewer is not the person who registered the case.
pub async fn confirm(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let c = case_for(&state, &user, id).await?;
    if c.created_by == Some(user.id) {
        return Err(AppError::Conflict(
            "去标识化须由登记人以外的人员确认".into(),
        ));
    }
    let party = fields.get("masked_party").trim().to_string();
    let facts = fields.get("masked_facts").trim().to_string();
    let text = fields.get("masked_text").trim().to_string();
    if party.is_empty() || facts.is_empty() {
        return Err(AppError::field(
            "masked_facts",
            "当事人和主要违法事实不能为空",
        ));
    }
    for (name, value) in [
        ("masked_party", &party),
        ("masked_facts", &facts),
        ("masked_text", &text),
    ] {
        let left = model::leftover(value, c.natural(), &c.party_name);
        if let Some(m) = left.first() {
            return Err(AppError::field(
                name,
                &format!(
                    "仍含个人信息：{}“{}”，请去标识化后再确认",
                    m.kind.label(),
                    m.original
                ),
            ));
        }
    }
    service::change(
        &state.db,
        &c,
        PenaltyState::Pending,
        store::Change::Confirm {
            party,
            facts,
            text,
            by: Some(user.id),
        },
        PenaltyAction::Confirm,
        format!("确认处罚案件 {} 的去标识化文本", c.decision_no),
        &user.actor(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/penalties/{id}?msg=confirmed")).into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = case_for(&state, &user, id).await?;
    if let Some(r) = Restriction::parse(&c.restriction) {
        return Err(AppError::Conflict(format!(
            "本案{}，依法不予公开",
            r.label()
        )));
    }
    if c.state() != PenaltyState::Confirmed {
        return Err(AppError::Conflict("去标识化文本确认后才能公开".into()));
    }
    let today = crate::clock::today();
    let until = model::retention_until(
        today,
        &c.penalty_kind,
        c.fine_cents,
        (&state.settings.penalty).into(),
    );
    service::change(
        &state.db,
        &c,
        PenaltyState::Confirmed,
        store::Change::Publish { on: today, until },
        PenaltyAction::Publish,
        format!("公开处罚案件 {}（公示至 {until}）", c.decision_no),
        &user.actor(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/penalties/{id}?msg=published")).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let c = case_for(&state, &user, id).await?;
    let kind = WithdrawKind::parse(&fields.get("kind"))
        .ok_or_else(|| AppError::field("kind", "请选择撤回原因"))?;
    let reason = fields.get("reason").trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::field(
            "reason",
            "请写明撤回理由（500字以内），将在原公示位置公开",
        ));
    }
    let event_on = NaiveDate::parse_from_str(fields.get("event_on").trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("event_on", "请填写变更、撤销或裁判的日期"))?;
    let today = crate::clock::today();
    if event_on > today || event_on < c.decided_on {
        return Err(AppError::field(
            "event_on",
            "日期应在作出决定之日和今天之间",
        ));
    }
    service::change(
        &state.db,
        &c,
        PenaltyState::Published,
        store::Change::Withdraw {
            on: today,
            kind: kind.code().into(),
            reason: reason.clone(),
            event_on,
        },
        PenaltyAction::Withdraw,
        format!("撤回处罚案件 {}：{}", c.decision_no, kind.label()),
        &user.actor(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/penalties/{id}?msg=withdrawn")).into_response())
}

#[derive(Template)]
#[template(path = "penalty/templates/admin_import.html")]
struct ImportPage {
    layout: Layout,
    units: Vec<(i64, String)>,
    columns: String,
    imported: usize,
    rejected: Vec<(usize, String)>,
    error: String,
    done: bool,
}

impl ImportPage {
    /// The form (the units in scope, the expected columns), before or after an import.
    fn new(layout: Layout, scope: &Scope, done: bool) -> ImportPage {
        ImportPage {
            layout,
            units: scope.unit_choices(),
            columns: crate::table::labels(FIELDS),
            imported: 0,
            rejected: Vec::new(),
            error: String::new(),
            done,
        }
    }
}

pub async fn import_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    render(&ImportPage::new(layout, &scope, false))
}

/// Import .xlsx or .csv: every row checked; rows with errors are listed with their
/// problems and nothing is imported unless every row is valid.
pub async fn import(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let up = crate::web::form::Upload::read(&mut form).await?;
    let mut page = ImportPage::new(layout, &scope, true);
    let fail = |mut page: ImportPage, m: String| -> Result<Response, AppError> {
        page.error = m;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let Some(unit_id) = up
        .field("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| scope.contains(*u))
    else {
        return fail(page, "请选择执法机关所属机构".into());
    };
    let Some((name, bytes)) = up.file() else {
        return fail(page, "请选择 .xlsx 或 .csv 文件".into());
    };
    let cells = match crate::table::read_upload(&name, bytes).await {
        Ok(c) => c,
        Err(m) => return fail(page, m),
    };
    let Some(header) = cells.first() else {
        return fail(page, "表格是空的".into());
    };
    let required = [
        "decision_no",
        "party_kind",
        "party_name",
        "facts",
        "basis",
        "penalty_kind",
        "decided_on",
    ];
    let col = match crate::table::labelled_columns(header, FIELDS, &required) {
        Ok(col) => col,
        Err(label) => {
            let columns = page.columns.clone();
            return fail(page, format!("缺少必需的列“{label}”（列名：{columns}）"));
        }
    };
    let today = crate::clock::today();
    let mut ok = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, row) in cells.iter().enumerate().skip(1) {
        let get = |k: &str| {
            col.get(k)
                .and_then(|c| row.get(*c))
                .cloned()
                .unwrap_or_default()
        };
        match input::check(&get, unit_id, today) {
            Ok(c) => {
                if !seen.insert(c.decision_no.clone()) {
                    page.rejected
                        .push((i + 1, format!("决定书文号 {} 在表中重复", c.decision_no)));
                } else if store::decision_exists(&state.db, &c.decision_no).await? {
                    page.rejected
                        .push((i + 1, format!("决定书文号 {} 已登记", c.decision_no)));
                } else {
                    ok.push(c);
                }
            }
            Err(e) => page
                .rejected
                .push((i + 1, e.into_values().collect::<Vec<_>>().join("；"))),
        }
    }
    if page.rejected.is_empty() {
        let mut tx = state.db.begin().await?;
        for c in &ok {
            service::insert(&mut tx, c, Some(user.id), &user.actor()).await?;
        }
        tx.commit().await?;
        page.imported = ok.len();
        render(&page)
    } else {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    }
}

#[derive(Template)]
#[template(path = "penalty/templates/admin_numbers.html")]
struct NumbersPage {
    layout: Layout,
    rows: Vec<store::NumberRow>,
    pager: Pager,
    units: Vec<(i64, String)>,
    today: String,
}

pub async fn numbers(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let page = Page::new(q.page, None);
    let (rows, total) = store::numbers(&state.db, page).await?;
    render(&NumbersPage {
        layout,
        rows,
        pager: Pager::checked(page, total, String::new())?,
        units: scope.unit_choices(),
        today: crate::clock::today().to_string(),
    })
}

pub async fn add_number(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    let unit = fields
        .get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| scope.contains(*u))
        .ok_or_else(|| AppError::field("unit_id", "请选择机构"))?;
    let number: String = fields
        .get("number")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if !(7..=13).contains(&digits) {
        return Err(AppError::field("number", "号码应为7–13位数字"));
    }
    let on = NaiveDate::parse_from_str(fields.get("on").trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= crate::clock::today())
        .ok_or_else(|| AppError::field("on", "请填写暂停日期（不晚于今天）"))?;
    let reason = fields.get("reason").trim().to_string();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::field("reason", "请写明暂停原因（200字以内）"));
    }
    service::add_number(&state.db, unit, &number, on, &reason, &user.actor()).await?;
    Ok(Redirect::to("/admin/numbers").into_response())
}

pub async fn lift_number(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let on = NaiveDate::parse_from_str(fields.get("on").trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= crate::clock::today())
        .ok_or_else(|| AppError::field("on", "请填写恢复日期（不晚于今天）"))?;
    let reason = fields.get("reason").trim().to_string();
    if reason.is_empty() {
        return Err(AppError::field("reason", "请写明恢复原因"));
    }
    let scope = Scope::of(&state, &user, Permission::HandleEnforcement).await?;
    if !scope.contains(store::number_unit(&state.db, id).await?) {
        return Err(AppError::Forbidden);
    }
    service::lift_number(&state.db, id, on, &reason, &user.actor()).await?;
    Ok(Redirect::to("/admin/numbers").into_response())
}
