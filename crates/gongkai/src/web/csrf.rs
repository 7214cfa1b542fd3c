//! CSRF protection for every state-changing request.
//!
//! Double-submit token: a random value in an HttpOnly, SameSite=Lax cookie that
//! each form repeats in a hidden `csrf_token` field of its body — urlencoded or
//! multipart (uploads) — or in an `X-CSRF-Token` header. Never in the query string,
//! where it would reach access logs and `Referer` headers.
//! In addition a request whose `Origin` (or `Sec-Fetch-Site`) shows another site
//! is refused. Under `/api/` writes are authenticated by bearer tokens only (never
//! by the session cookie), so there is no ambient credential to forge and the check
//! does not apply.
//!
//! The cookie is set only on a response whose page used the token (a page with a
//! form): the token marks itself used when a template prints it. Pages without a
//! form set no cookie, so browsers, nginx and CDNs may share them. The 长者模式
//! button (`/prefs/elder`, on every page, changing nothing but a display
//! preference) carries no token; it needs proof of the same origin instead
//! (`Origin` naming this host, or `Sec-Fetch-Site: same-origin`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE: &str = "gk_csrf";
pub const FIELD: &str = "csrf_token";

/// The token for forms on this page. Printing it (`{{ layout.csrf }}`) or reading
/// it marks it used, and only then does the response set the cookie.
#[derive(Debug, Clone, Default)]
pub struct CsrfToken {
    value: String,
    used: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl CsrfToken {
    pub fn new(value: String) -> CsrfToken {
        CsrfToken {
            value,
            used: Default::default(),
        }
    }

    /// The token, for a form: the response will set the cookie if needed.
    pub fn value(&self) -> &str {
        self.used.store(true, std::sync::atomic::Ordering::Relaxed);
        &self.value
    }

    /// Whether a form of this response carries the token.
    pub fn used(&self) -> bool {
        self.used.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl std::fmt::Display for CsrfToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.value())
    }
}

/// Marks a response whose page carries the CSRF token: it is personal (the token
/// matches one visitor's cookie) and must not be stored by a shared cache.
#[derive(Debug, Clone, Copy)]
pub struct TokenUsed;

/// Paths whose POST needs no token, only proof of the same origin: the 长者模式
/// toggle, a display preference present on every page.
const ORIGIN_ONLY: &[&str] = &["/prefs/elder"];

/// Positive proof that a request comes from a page of this site: a browser's
/// `Sec-Fetch-Site: same-origin`, or an `Origin` naming this host (browsers send
/// `Origin` with every POST).
fn proven_same_origin(req: &Request) -> bool {
    let site = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok());
    if site == Some("same-origin") {
        return true;
    }
    req.headers().contains_key(header::ORIGIN) && same_origin(req)
}

pub fn new_token() -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

fn same_origin(req: &Request) -> bool {
    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && (site == "cross-site" || site == "same-site")
    {
        return false;
    }
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true; // older clients and non-browser tools send no Origin: the token decides
    };
    if origin == "null" {
        return false;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
    origin_host.eq_ignore_ascii_case(host)
}

pub fn ct_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cookie_token = crate::web::cookie(req.headers(), COOKIE).filter(|t| t.len() == 64);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);

    let (token, is_new) = match cookie_token {
        Some(t) => (t, false),
        None => (new_token(), true),
    };
    let mut req = req;

    // The JSON API authenticates writes only with bearer tokens, never with the
    // session cookie, so a forged cross-site request has nothing to ride on; and
    // browsers cannot add the Authorization header cross-site without CORS, which is
    // not offered.
    // The Open311 GeoReport v2 API authenticates writes with its `api_key` field
    // (an API token) in the same way, at the path the standard fixes.
    let api = req.uri().path().starts_with("/api/") || req.uri().path().starts_with("/open311/");
    let origin_only = ORIGIN_ONLY.contains(&req.uri().path()) && proven_same_origin(&req);
    if unsafe_method && !api && !origin_only {
        if is_new || !same_origin(&req) {
            return AppError::Csrf.into_response();
        }
        let (ok, rebuilt) =
            match check_token(req, &token, state.settings.server.max_body_bytes).await {
                Ok(v) => v,
                Err(resp) => return resp,
            };
        if !ok {
            return AppError::Csrf.into_response();
        }
        req = rebuilt;
    }

    let csrf = CsrfToken::new(token.clone());
    req.extensions_mut().insert(csrf.clone());
    let mut res = next.run(req).await;
    if csrf.used() {
        res.extensions_mut().insert(TokenUsed);
    }
    if is_new && csrf.used() {
        let c = crate::web::set_cookie(COOKIE, &token, None, state.settings.secure_cookies());
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Find the submitted token in the header or the body (urlencoded or multipart),
/// and give back the request with its body intact. The query string does not count.
async fn check_token(req: Request, token: &str, limit: usize) -> Result<(bool, Request), Response> {
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        let ok = ct_eq(h, token);
        return Ok((ok, req));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_multipart = content_type.starts_with("multipart/form-data");
    if !is_form && !is_multipart {
        return Ok((false, req));
    }
    let (parts, body) = req.into_parts();
    // Upload routes raise the body limit (`middleware::body_limit`, applied outside
    // this layer), so the limit given here only bounds urlencoded forms.
    let limit = if is_multipart { usize::MAX } else { limit };
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return Err(AppError::PayloadTooLarge.into_response()),
    };
    let ok = if is_multipart {
        multipart_token(&parts, bytes.clone())
            .await
            .is_some_and(|v| ct_eq(&v, token))
    } else {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == FIELD))
            .is_some_and(|(_, v)| ct_eq(&v, token))
    };
    Ok((ok, Request::from_parts(parts, Body::from(bytes))))
}

/// The `csrf_token` field of a multipart body, read with the same parser the
/// handlers use (other fields are skipped without being kept).
async fn multipart_token(
    parts: &axum::http::request::Parts,
    bytes: axum::body::Bytes,
) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    let mut builder = Request::builder();
    if let Some(ct) = parts.headers.get(header::CONTENT_TYPE) {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    let req = builder.body(Body::from(bytes)).ok()?;
    let mut form = Multipart::from_request(req, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_compare() {
        assert!(ct_eq("abc", "abc"));
        assert!(!ct_eq("abc", "abd"));
        assert!(!ct_eq("abc", "ab"));
        assert_eq!(new_token().len(), 64);
        assert_ne!(new_token(), new_token());
    }

    #[test]
    fn printing_the_token_marks_it_used() {
        let t = CsrfToken::new("ab".into());
        let copy = t.clone();
        assert!(!t.used());
        assert_eq!(format!("{copy}"), "ab");
        assert!(t.used(), "a clone shares the mark");
    }
}
