//! The comparison page of a case under review: each masking highlighted in both
//! columns with its kind, and what the confirming officer adds by hand (a missed name
//! or other personal text), remembered as a known party of that document, the case
//! masked again, audited ([`super::service::add_mask`]).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::model::{self, PenaltyState, Segment};
use super::store::{self, CaseRow};
use crate::auth::Staff;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;

/// The most a reviewer may add to one case, and the longest text.
const MAX_ITEMS: usize = 50;
const MAX_CHARS: usize = 100;

/// Both columns of the comparison, cut at every masking. A column is highlighted
/// only while the stored masked text is still the automatic one (a reviewer's
/// edits are shown as they are).
pub struct Comparison {
    pub facts_orig: Vec<Segment>,
    pub facts_masked: Vec<Segment>,
    pub text_orig: Vec<Segment>,
    pub text_masked: Vec<Segment>,
    pub highlighted: bool,
    pub extras: Vec<String>,
}

pub async fn comparison(db: &Db, c: &CaseRow) -> Result<Comparison, AppError> {
    let extras = store::extras(db, c.id).await?;
    let opts = model::options_with(c.natural(), &c.party_name, &c.legal_rep, &extras);
    let f = redact::redact(&c.facts, &opts);
    let t = redact::redact(&c.full_text, &opts);
    let highlighted = f.text == c.masked_facts && t.text == c.masked_text;
    let (facts_orig, facts_masked) = model::segments(&f, &c.facts);
    let (text_orig, text_masked) = model::segments(&t, &c.full_text);
    Ok(Comparison {
        facts_orig,
        facts_masked,
        text_orig,
        text_masked,
        highlighted,
        extras,
    })
}

/// POST /admin/penalties/{id}/mask: the text the officer selected or typed in
/// “补充遮蔽的文字”. It must occur in the case's texts.
pub async fn add_mask(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let c = super::admin::case_for(&state, &user, id).await?;
    if c.state() != PenaltyState::Pending {
        return Err(AppError::Conflict("只有待确认的案件可以补充遮蔽".into()));
    }
    let item = fields.get("extra").trim().to_string();
    if item.is_empty() || item.chars().count() > MAX_CHARS || item.contains('\n') {
        return Err(AppError::field(
            "extra",
            "请填写或选中要补充遮蔽的文字（一行，不超过100字）",
        ));
    }
    if ![&c.party_name, &c.facts, &c.full_text]
        .iter()
        .any(|t| t.contains(item.as_str()))
    {
        return Err(AppError::field(
            "extra",
            "原文中没有这段文字，请从原文中选取",
        ));
    }
    if store::extras(&state.db, id).await?.len() >= MAX_ITEMS {
        return Err(AppError::field(
            "extra",
            "补充遮蔽的项目过多，请直接修改公开文本",
        ));
    }
    super::service::add_mask(&state.db, &c, &item, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/penalties/{id}?msg=masked")).into_response())
}
