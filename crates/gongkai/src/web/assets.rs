//! Static assets compiled into the binary.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/app.js"),
    ),
    (
        "qa.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/qa.js"),
    ),
    (
        "xiaocheng.svg",
        "image/svg+xml",
        include_bytes!("../../static/xiaocheng.svg"),
    ),
    (
        "logo.svg",
        "image/svg+xml",
        include_bytes!("../../static/logo.svg"),
    ),
];

pub async fn serve(Path(name): Path<String>) -> Result<Response, AppError> {
    let (_, mime, bytes) = ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        *bytes,
    )
        .into_response())
}

/// `/favicon.ico`, which browsers and crawlers ask for whatever the page says: the
/// site's emblem (the pages link it as `<link rel="icon">`).
pub async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_bytes!("../../static/logo.svg").as_slice(),
    )
        .into_response()
}
