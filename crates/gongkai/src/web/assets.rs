//! Static assets compiled into the binary. Pages link them by a name carrying a
//! hash of their content (`app.3f9c1a2b4d.css`), served `immutable` for a year:
//! a new build changes the name, so nothing stale is ever read. The plain name
//! still answers, cached for an hour.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/app.css"),
    ),
    (
        "mobile.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/mobile.css"),
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

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Each asset's hashed name (`app.<10 hex>.css`), computed once.
fn hashed_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|(name, _, bytes)| {
                let hash = hex::encode(&Sha256::digest(bytes)[..5]);
                match name.rsplit_once('.') {
                    Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                    None => format!("{name}.{hash}"),
                }
            })
            .collect()
    })
}

/// The address pages use for the asset `name`: its hashed name, or the plain
/// one for an unknown name.
pub fn url(name: &str) -> String {
    match ASSETS.iter().position(|(n, _, _)| *n == name) {
        Some(i) => format!("/static/{}", hashed_names()[i]),
        None => format!("/static/{name}"),
    }
}

pub async fn serve(Path(name): Path<String>) -> Result<Response, AppError> {
    let hashed = hashed_names().iter().position(|n| *n == name);
    let (i, cache) = match hashed {
        Some(i) => (i, IMMUTABLE),
        None => (
            ASSETS
                .iter()
                .position(|(n, _, _)| *n == name)
                .ok_or(AppError::NotFound)?,
            "public, max-age=3600",
        ),
    };
    let (_, mime, bytes) = ASSETS[i];
    Ok((
        [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache)],
        bytes,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_follow_the_content() {
        let u = url("app.css");
        assert!(u.starts_with("/static/app.") && u.ends_with(".css"), "{u}");
        assert_eq!(u.len(), "/static/app..css".len() + 10);
        assert_ne!(url("app.css"), url("logo.svg"));
        assert_eq!(url("nothing.css"), "/static/nothing.css");
    }
}
