//! The assistant's public page (works without JavaScript; `static/qa.js` turns it
//! into a chat panel) and 有用 / 没用 feedback.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::service::{self, Answered};
use super::store;
use crate::audit::admin::percent_encode;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, render};

#[derive(Deserialize, Default)]
pub struct AskQuery {
    #[serde(default)]
    q: String,
    /// Shown after feedback: "useful" | "useless" | "again".
    #[serde(default)]
    thanks: String,
}

#[derive(Template)]
#[template(path = "qa/templates/portal.html")]
struct AskPage {
    layout: Layout,
    q: String,
    result: Option<Answered>,
    thanks: String,
    /// The 网民留言 form with the question filled in.
    interact: String,
    /// Example questions for an empty page.
    examples: Vec<(&'static str, String)>,
    /// Related questions (the next answers): (question, link).
    related: Vec<(String, String)>,
}

const EXAMPLES: [&str; 4] = [
    "楼下有人摆地摊城管管不管",
    "工地半夜施工太吵了找谁",
    "装修垃圾应该扔哪里",
    "对城管罚款不服怎么办",
];

fn ask_link(q: &str) -> String {
    format!("/qa?q={}", percent_encode(q))
}

pub async fn page(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    Query(a): Query<AskQuery>,
) -> Result<Response, AppError> {
    let q: String =
        a.q.trim()
            .chars()
            .take(super::model::MAX_QUESTION_CHARS)
            .collect();
    let result = if q.is_empty() {
        None
    } else {
        let limit = state
            .settings
            .security
            .public_form_per_minute
            .saturating_mul(10);
        if !state
            .limiter
            .check("qa_ask", &ip, limit, Duration::from_secs(60))
        {
            return Err(AppError::RateLimited);
        }
        Some(service::ask(&state, &q, true).await?)
    };
    let related = result
        .iter()
        .flat_map(|r| r.answers.iter().skip(1))
        .map(|a| (a.question.clone(), ask_link(&a.question)))
        .collect();
    render(&AskPage {
        related,
        interact: format!("/interact?q={}", percent_encode(&q)),
        examples: EXAMPLES.iter().map(|e| (*e, ask_link(e))).collect(),
        layout,
        q,
        result,
        thanks: a.thanks,
    })
}

/// 有用 / 没用 on an answer: recorded once per question, then back to the answer.
pub async fn feedback(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    fields: Fields,
) -> Result<Response, AppError> {
    crate::web::ratelimit::public_form(&state, "qa_feedback", &ip)?;
    let id: i64 = fields
        .get("id")
        .parse()
        .map_err(|_| AppError::BadRequest("缺少提问编号".into()))?;
    let useful = match fields.get("useful").as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("请选择“有用”或“没用”".into())),
    };
    store::question(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let first = store::set_feedback(&state.db, id, useful).await?;
    let thanks = match (first, useful) {
        (false, _) => "again",
        (true, true) => "useful",
        (true, false) => "useless",
    };
    let q: String = fields
        .get("q")
        .chars()
        .take(super::model::MAX_QUESTION_CHARS)
        .collect();
    Ok(Redirect::to(&format!("/qa?q={}&thanks={thanks}", percent_encode(&q))).into_response())
}
