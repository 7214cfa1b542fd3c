//! Visitor preferences: 长者模式 (large text, high contrast), kept in a cookie.
//! A plain form POST toggles it, so it works without JavaScript.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;

pub const ELDER_COOKIE: &str = "gk_elder";

#[derive(Deserialize)]
pub struct ElderForm {
    #[serde(default)]
    return_to: String,
}

pub async fn toggle_elder(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<ElderForm>,
) -> Result<Response, AppError> {
    if !state
        .limiter
        .check("prefs", &ip, 60, std::time::Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let on = crate::web::cookie(&headers, ELDER_COOKIE).as_deref() == Some("1");
    let cookie = if on {
        crate::web::set_cookie(ELDER_COOKIE, "0", Some(0), state.settings.secure_cookies())
    } else {
        crate::web::set_cookie(
            ELDER_COOKIE,
            "1",
            Some(365 * 24 * 3600),
            state.settings.secure_cookies(),
        )
    };
    let back = crate::web::safe_return_path(&form.return_to).unwrap_or("/");
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(back)).into_response())
}
