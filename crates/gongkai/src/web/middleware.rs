//! Cross-cutting middleware: request id + tracing + metrics, security headers,
//! and the renderer that turns every error response into an HTML page or JSON.

use std::time::Instant;

use askama::Template;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use crate::error::{ErrorInfo, json_body};
use crate::state::AppState;

/// The id of this request, also sent back as `X-Request-Id`.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn request_id(req: &Request) -> String {
    req.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_string)
        .unwrap_or_else(|| {
            use rand::Rng;
            let b: [u8; 8] = rand::rng().random();
            hex::encode(b)
        })
}

/// Outermost layer: a span per request with its id, method and route; metrics.
/// The query string is not logged (it may carry what a citizen searched for).
pub async fn observe(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = request_id(&req);
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request.id = %id, http.method = %method, http.route = %route);
    let start = Instant::now();
    let mut res = next.run(req).instrument(span.clone()).await;
    let elapsed = start.elapsed().as_secs_f64();
    let status = res.status().as_u16();
    // The matched path is known only after routing; prefer the one the router set.
    let route = res
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or(route);
    state
        .metrics
        .record_request(&method, &route, status, elapsed);
    span.in_scope(|| {
        tracing::info!(
            http.status = status,
            latency_ms = (elapsed * 1000.0) as u64,
            "done"
        )
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

/// Size limit on request bodies: `server.max_body_bytes`, or the attachment limit
/// on upload routes. A declared length over the limit is refused at once; a body
/// that grows past it fails when read (and the handler answers 413).
pub async fn body_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let upload = path.ends_with("/attachments") || path.ends_with("/import");
    let limit = if upload {
        state.settings.docs.max_attachment_bytes + 64 * 1024
    } else {
        state.settings.server.max_body_bytes
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return crate::error::AppError::PayloadTooLarge.into_response();
    }
    let req = req.map(|b| Body::new(http_body_util::Limited::new(b, limit)));
    next.run(req).await
}

/// Whether responses under `path` may hold personal data or staff-only content and
/// must never be stored by a browser or proxy: the back office, the FOI API (cases,
/// receipts with query codes), the applicant's FOI pages (receipt, progress,
/// uploads), and a letter writer's receipt and progress (page and API).
pub fn no_store_path(path: &str) -> bool {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    under("/admin")
        || under("/api/v1/foi")
        || under("/ysqgk")
        || under("/interact/messages/new")
        || under("/interact/messages/progress")
        || path.starts_with("/api/v1/messages/")
}

/// Security headers on every response; HSTS when the site is served over https;
/// `Cache-Control: no-store` on [`no_store_path`]s (over whatever a handler set).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let docs = path.starts_with("/api/v1/docs");
    let no_store = no_store_path(path);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if state.settings.server.public_url.starts_with("https://") {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if no_store {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let csp = if docs {
        // Swagger UI (served from the binary) needs inline styles.
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    } else {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}

#[derive(Template)]
#[template(path = "web/templates/error.html")]
struct ErrorPage {
    layout: crate::web::Layout,
    status: u16,
    info: ErrorInfo,
}

/// Render error responses: JSON under `/api/`, an HTML page elsewhere. Bare error
/// statuses from outside our handlers (unknown routes, body limits, rejected
/// extractors) are rendered too, without their original text.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let api = parts.uri.path().starts_with("/api/");
    // Built before the handler runs (cheap clones), so that an error page shows the
    // same header, preferences and user as any other page.
    let layout = (!api).then(|| crate::web::layout_from_parts(&state, &parts));
    let res = next.run(Request::from_parts(parts, body)).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let info = match res.extensions().get::<ErrorInfo>() {
        Some(i) => i.clone(),
        None => {
            let ct = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if ["text/html", "application/json", "text/xml"]
                .iter()
                .any(|t| ct.starts_with(t))
            {
                return res; // already rendered by us (text/xml: the Open311 error list)
            }
            ErrorInfo::from_status(status)
        }
    };
    let mut keep = Vec::new();
    for name in [header::SET_COOKIE, header::RETRY_AFTER, header::ALLOW] {
        for v in res.headers().get_all(&name) {
            keep.push((name.clone(), v.clone()));
        }
    }
    let mut out = if let Some(layout) = layout {
        let page = ErrorPage {
            layout,
            status: status.as_u16(),
            info,
        };
        match page.render() {
            Ok(html) => (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                html,
            )
                .into_response(),
            Err(_) => (status, "系统出现错误").into_response(),
        }
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            json_body(&info),
        )
            .into_response()
    };
    for (k, v) in keep {
        out.headers_mut().append(k, v);
    }
    out
}

/// The fallback for unknown routes.
pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}

/// Turn a panic into a plain 500 that `render_errors` then renders.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

#[cfg(test)]
mod no_store_tests {
    use super::no_store_path;

    #[test]
    fn back_office_and_foi_are_never_stored() {
        for p in [
            "/admin",
            "/admin/foi/3",
            "/admin/attachments/1",
            "/api/v1/foi/cases/1",
            "/api/v1/foi/applications",
            "/ysqgk/progress",
        ] {
            assert!(no_store_path(p), "{p}");
        }
        for p in [
            "/",
            "/administration",
            "/xxgk/attachments/1",
            "/api/v1/documents",
        ] {
            assert!(!no_store_path(p), "{p}");
        }
    }
}
