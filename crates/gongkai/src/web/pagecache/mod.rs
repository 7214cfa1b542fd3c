//! Public pages at the speed of static files.
//!
//! For every GET of a public HTML page (not the back office, the API, the FOI
//! pages, search or static files) this layer
//! - answers `304 Not Modified` to `If-None-Match` / `If-Modified-Since`;
//! - sends `ETag` (a hash of the bytes), `Last-Modified` (when this node last saw
//!   a change), `Cache-Control` (`cache.page_cache_control`) and `Vary: Cookie,
//!   Accept-Encoding` (a page differs with the 长者模式 cookie) on anonymous pages
//!   without a form; a page with a form (it carries a CSRF token) or that sets a
//!   cookie gets `no-store`; a signed-in visitor gets `private, no-cache`;
//! - keeps the rendered page, and its gzip and brotli encodings, in memory
//!   (`cache.page_cache_bytes`) keyed by path, query and 长者模式, for anonymous
//!   visitors.
//!
//! A page is kept from its second request on ([`Doorkeeper`]): pages asked for once
//! (a crawler walking a million documents, a visitor's one old notice) are served
//! but do not fill the memory or push out the pages people read. When the budget is
//! full the oldest page leaves first, unless it was served from memory since it was
//! kept or last passed over (second chance, as in the CLOCK algorithm).
//!
//! The kept pages belong to a generation. [`invalidate`] starts a new one: every
//! successful write under `/admin` or `/api/` on this node, every job the worker
//! ran, and every search sync that brought changes of other nodes (the document
//! change feed, penalty and inspection updates, law imports). A page is reused at
//! most `cache.page_ttl_secs` and never past the day it was rendered on (validity
//! is shown as of today).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::state::AppState;

mod store;

pub use store::{Entry, PageCache};

/// Largest page kept (bytes); bigger ones are served but not kept.
const MAX_PAGE: usize = 4 * 1024 * 1024;
const VARY: &str = "Cookie, Accept-Encoding";

/// This node's page cache.
pub fn pages(state: &AppState) -> Arc<PageCache> {
    state.part::<PageCache>()
}

/// Drop every kept page on this node: something public may have changed.
pub fn invalidate(state: &AppState) {
    pages(state).invalidate();
}

/// Whether GETs of `path` are public pages this layer handles.
pub fn page_path(path: &str) -> bool {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    !(crate::web::middleware::no_store_path(path)
        || under("/api")
        || under("/static")
        || under("/search") // each search is logged for the query statistics
        || under("/prefs")
        || matches!(path, "/healthz" | "/readyz" | "/metrics" | "/favicon.ico"))
}

/// Whether a successful request changes what public pages show: a write in the
/// back office or through the API. Not the anonymous submissions of 依申请公开
/// applications and 网民留言 through the API: no public page shows them until
/// staff act on them in the back office (which invalidates), as their HTML forms
/// (outside `/api`) never did; otherwise every citizen's submission would empty the
/// cache (`gongkai bench http`: 4 submissions a second took the mixed load from
/// cached to rendered pages).
fn is_write(method: &Method, path: &str) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && (path.starts_with("/admin/") || path.starts_with("/api/"))
        && !matches!(
            path,
            "/admin/login"
                | "/admin/logout"
                | "/admin/password"
                | "/api/v1/foi/applications"
                | "/api/v1/messages"
        )
}

/// Whether `Accept-Encoding` takes `coding` (`gzip`, `br`), by name or `*`, with a
/// quality above zero.
fn accepts(h: &HeaderMap, wanted: &str) -> bool {
    h.get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("");
            let q_zero = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case(wanted) || coding == "*") && !q_zero
        })
}

/// `If-None-Match` names this ETag (or `*`); weak comparison, as for GET.
fn etag_matches(h: &HeaderMap, etag: &str) -> Option<bool> {
    let v = h.get(header::IF_NONE_MATCH)?.to_str().ok()?;
    Some(v.split(',').map(str::trim).any(|t| {
        t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag.strip_prefix("W/").unwrap_or(etag)
    }))
}

pub fn http_date(secs: i64) -> String {
    DateTime::<Utc>::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

fn parse_http_date(v: &str) -> Option<i64> {
    DateTime::parse_from_rfc2822(v).ok().map(|d| d.timestamp())
}

/// Whether the client's copy is current: `If-None-Match` decides when present,
/// else `If-Modified-Since`.
fn not_modified(h: &HeaderMap, etag: &str, modified: i64) -> bool {
    if let Some(m) = etag_matches(h, etag) {
        return m;
    }
    h.get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date)
        .is_some_and(|since| modified <= since)
}

/// The brotli encoding of a page (quality 5: a tenth smaller than gzip for our
/// HTML, at about gzip's cost; done once per kept page, when first asked for).
fn brotli(body: &[u8]) -> Option<Bytes> {
    if body.len() < 1024 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 4);
    // Window 22: smaller ones are no faster at quality 5, and 16 is twenty times
    // slower in this encoder (6 ms a page against 0.33 ms, measured on a 6.5 kB page).
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        enc.write_all(body).ok()?;
    }
    Some(Bytes::from(out))
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    if body.len() < 1024 {
        return None;
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(body).ok()?;
    enc.finish().ok().map(Bytes::from)
}

/// The response for a kept page, shaped by this request's headers.
fn respond(e: &Entry, req: &HeaderMap, head: bool, cache_control: &HeaderValue) -> Response {
    // brotli where the client takes it, else gzip, else the page as it is.
    let br = || e.brotli.get_or_init(|| brotli(&e.body)).as_ref();
    let gz = || e.gzip.get_or_init(|| gzip(&e.body)).as_ref();
    let encoded = accepts(req, "br")
        .then(br)
        .flatten()
        .map(|b| ("br", b))
        .or_else(|| accepts(req, "gzip").then(gz).flatten().map(|b| ("gzip", b)));
    let etag = match encoded {
        Some(("br", _)) => format!("\"{}-br\"", e.etag),
        Some(_) => format!("\"{}-gz\"", e.etag),
        None => format!("\"{}\"", e.etag),
    };
    let mut res = if not_modified(req, &etag, e.modified) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = encoded.map_or(&e.body, |(_, b)| b).clone();
        let mut r = if head {
            let len = body.len();
            let mut r = Response::new(Body::empty());
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            r
        } else {
            Response::new(Body::from(body))
        };
        r.headers_mut()
            .insert(header::CONTENT_TYPE, e.content_type.clone());
        if let Some((coding, _)) = encoded {
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        r
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::LAST_MODIFIED, e.last_modified.clone());
    h.insert(header::CACHE_CONTROL, cache_control.clone());
    h.insert(header::VARY, HeaderValue::from_static(VARY));
    res
}

/// The layer; sits inside the security headers and outside everything that reads
/// the database, so a kept page costs a lookup.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let method = req.method().clone();
    if !matches!(method, Method::GET | Method::HEAD) {
        let write = is_write(&method, path);
        let res = next.run(req).await;
        if write && (res.status().is_success() || res.status().is_redirection()) {
            invalidate(&state);
        }
        return res;
    }
    if !page_path(path) {
        return next.run(req).await;
    }
    let cfg = &state.settings.cache;
    let signed_in = crate::web::cookie(req.headers(), crate::auth::SESSION_COOKIE).is_some();
    let elder =
        crate::web::cookie(req.headers(), crate::web::prefs::ELDER_COOKIE).as_deref() == Some("1");
    let key = format!(
        "{}{}?{}",
        if elder { 'E' } else { '-' },
        path,
        req.uri().query().unwrap_or("")
    );
    let head = method == Method::HEAD;
    let cache = pages(&state);
    let cache_control = HeaderValue::from_str(&cfg.page_cache_control)
        .unwrap_or(HeaderValue::from_static("no-cache"));
    let mut keep = !signed_in && cfg.page_cache_bytes > 0;
    let today = crate::clock::today();
    if keep && let Some(e) = cache.get(&key, cfg.page_ttl_secs, today) {
        state.metrics.record_page_cache(true);
        let mut res = respond(&e, req.headers(), head, &cache_control);
        if let Some(route) = &e.route {
            res.extensions_mut().insert(route.clone());
        }
        return res;
    }
    // A page is kept from its second request on.
    keep = keep && cache.seen.second_request(&key);
    let generation = cache.generation();
    let modified = cache.changed_at.load(Ordering::Acquire);
    let req_headers = req.headers().clone();
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let personal = res
        .extensions()
        .get::<crate::web::csrf::TokenUsed>()
        .is_some()
        || res.headers().contains_key(header::SET_COOKIE);
    let h = res.headers_mut();
    if h.contains_key(header::CACHE_CONTROL) || !html {
        return res; // the handler decided, or not a page
    }
    if personal {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return res;
    }
    h.insert(header::VARY, HeaderValue::from_static(VARY));
    if signed_in {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        return res;
    }
    // Only a complete page of known, bounded size is hashed and kept (a streamed or
    // very large body passes through as it is).
    let bounded = axum::body::HttpBody::size_hint(res.body())
        .upper()
        .is_some_and(|n| n <= MAX_PAGE as u64);
    if res.status() != StatusCode::OK || !bounded {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE).await {
        // A kept page holds exactly its bytes: the rendered String's spare capacity
        // (up to half again) would otherwise stay allocated as long as the page is kept.
        Ok(b) if keep => Bytes::copy_from_slice(&b),
        Ok(b) => b,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let entry = Arc::new(Entry {
        generation,
        born: Instant::now(),
        day: today,
        modified,
        etag: hex::encode(&Sha256::digest(&body)[..12]),
        last_modified: HeaderValue::from_str(&http_date(modified))
            .unwrap_or(HeaderValue::from_static("")),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8")),
        gzip: OnceLock::new(),
        brotli: OnceLock::new(),
        body,
        route: parts
            .extensions
            .get::<axum::extract::MatchedPath>()
            .cloned(),
        used: AtomicBool::new(false),
    });
    if keep {
        state.metrics.record_page_cache(false);
        cache.put(key, entry.clone(), cfg.page_cache_bytes, cfg.page_ttl_secs);
    }
    let mut out = respond(&entry, &req_headers, head, &cache_control);
    // Headers the handler set beyond the body's own (Content-Language, Link …).
    for (k, v) in parts.headers.iter() {
        if !out.headers().contains_key(k) && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    *out.extensions_mut() = parts.extensions;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), HeaderValue::from_str(v).expect("value"));
        }
        h
    }

    #[test]
    fn which_paths_are_pages() {
        for p in ["/", "/xxgk", "/xxgk/documents/3", "/laws/1", "/enforcement"] {
            assert!(page_path(p), "{p}");
        }
        for p in [
            "/admin",
            "/admin/docs",
            "/api/v1/documents",
            "/static/app.css",
            "/search",
            "/ysqgk/apply",
            "/metrics",
            "/prefs/elder",
        ] {
            assert!(!page_path(p), "{p}");
        }
        assert!(page_path("/searching"));
    }

    #[test]
    fn which_requests_empty_the_cache() {
        assert!(is_write(&Method::POST, "/admin/docs/3/publish"));
        assert!(is_write(&Method::POST, "/api/v1/documents"));
        assert!(is_write(&Method::DELETE, "/api/v1/documents/3"));
        assert!(!is_write(&Method::GET, "/api/v1/documents"));
        assert!(!is_write(&Method::POST, "/admin/login"));
        // Citizens' submissions: no public page shows them before staff act.
        assert!(!is_write(&Method::POST, "/api/v1/foi/applications"));
        assert!(!is_write(&Method::POST, "/api/v1/messages"));
        assert!(is_write(&Method::POST, "/api/v1/messages/3/reply"));
    }

    #[test]
    fn conditional_requests() {
        let etag = "\"abc\"";
        assert!(not_modified(
            &headers(&[(header::IF_NONE_MATCH, "\"x\", \"abc\"")]),
            etag,
            0
        ));
        assert!(not_modified(
            &headers(&[(header::IF_NONE_MATCH, "W/\"abc\"")]),
            etag,
            0
        ));
        assert!(!not_modified(
            &headers(&[(header::IF_NONE_MATCH, "\"x\"")]),
            etag,
            0
        ));
        let t = 1_700_000_000;
        let ims = |s: i64| headers(&[(header::IF_MODIFIED_SINCE, &http_date(s))]);
        assert!(not_modified(&ims(t), etag, t));
        assert!(not_modified(&ims(t + 5), etag, t));
        assert!(!not_modified(&ims(t - 1), etag, t));
        // If-None-Match wins over If-Modified-Since.
        let mut h = ims(t);
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\""));
        assert!(!not_modified(&h, etag, t));
        assert!(!not_modified(&HeaderMap::new(), etag, t));
    }

    #[test]
    fn encodings_only_when_accepted() {
        let h = |v| headers(&[(header::ACCEPT_ENCODING, v)]);
        assert!(accepts(&h("gzip, deflate, br"), "gzip"));
        assert!(accepts(&h("gzip, deflate, br"), "br"));
        assert!(!accepts(&h("gzip;q=0, br"), "gzip"));
        assert!(accepts(&h("gzip;q=0, br"), "br"));
        assert!(!accepts(&h("gzip, br;q=0"), "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "br"));
    }

    #[test]
    fn brotli_decodes_to_the_page() {
        let page = "<p>城市管理行政执法局</p>".repeat(200);
        let br = brotli(page.as_bytes()).expect("encoded");
        let gz = gzip(page.as_bytes()).expect("encoded");
        assert!(br.len() < gz.len(), "{} {}", br.len(), gz.len());
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&br[..], 4096), &mut back)
            .expect("decode");
        assert_eq!(back, page.as_bytes());
        assert!(
            brotli(b"short").is_none(),
            "small pages are sent as they are"
        );
    }
}
