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

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// Largest page kept (bytes); bigger ones are served but not kept.
const MAX_PAGE: usize = 4 * 1024 * 1024;
const VARY: &str = "Cookie, Accept-Encoding";

/// This node's rendered public pages.
pub struct PageCache {
    generation: AtomicU64,
    /// When the current generation began (Unix seconds): the pages' Last-Modified.
    changed_at: AtomicI64,
    store: RwLock<Store>,
    seen: Doorkeeper,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            generation: AtomicU64::new(0),
            changed_at: AtomicI64::new(Utc::now().timestamp()),
            store: RwLock::new(Store::default()),
            seen: Doorkeeper::new(DOORKEEPER_SLOTS),
        }
    }
}

/// How many recent first requests the doorkeeper remembers (8 bytes each).
const DOORKEEPER_SLOTS: usize = 1 << 16;

/// The pages asked for once lately, as hashes of their keys in a fixed table
/// (one slot per hash, a newer key overwrites an older one): a page is kept when
/// it is asked for again while its hash is still there. Lock-free and bounded; a
/// forgotten page only costs one more rendering.
struct Doorkeeper {
    slots: Box<[AtomicU64]>,
    hasher: std::collections::hash_map::RandomState,
}

impl Doorkeeper {
    fn new(slots: usize) -> Self {
        Doorkeeper {
            slots: (0..slots.next_power_of_two())
                .map(|_| AtomicU64::new(0))
                .collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// Whether `key` was asked for before (since it was last forgotten); records it.
    fn second_request(&self, key: &str) -> bool {
        let mut h = self.hasher.build_hasher();
        h.write(key.as_bytes());
        let hash = h.finish() | 1; // 0 marks an empty slot
        let slot = &self.slots[(hash as usize) & (self.slots.len() - 1)];
        slot.swap(hash, Ordering::Relaxed) == hash
    }
}

#[derive(Default)]
struct Store {
    entries: HashMap<String, Arc<Entry>>,
    /// Keys in the order they were stored: the oldest leave first.
    order: VecDeque<String>,
    bytes: usize,
}

/// One rendered page.
pub struct Entry {
    generation: u64,
    born: Instant,
    day: NaiveDate,
    modified: i64,
    etag: String,
    last_modified: HeaderValue,
    content_type: HeaderValue,
    body: Bytes,
    /// The encodings, made the first time a client asks for one (a page nobody
    /// asks compressed never pays for it; `None` inside: too short to bother).
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
    /// The route that rendered it, for the request metrics of a kept page.
    route: Option<axum::extract::MatchedPath>,
    /// Served from memory since it was kept or last passed over by eviction.
    used: AtomicBool,
}

impl Entry {
    fn size(&self, key: &str) -> usize {
        // The encodings come later; counted at what they may reach (together
        // under half the page for HTML).
        self.body.len() * 3 / 2 + key.len() + 256
    }
}

impl PageCache {
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Start a new generation: every kept page is dropped.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.changed_at
            .store(Utc::now().timestamp(), Ordering::Release);
        let mut s = write(&self.store);
        s.entries.clear();
        s.order.clear();
        s.bytes = 0;
    }

    /// How many pages are kept and their size in bytes.
    pub fn stats(&self) -> (usize, usize) {
        let s = read(&self.store);
        (s.entries.len(), s.bytes)
    }

    fn get(&self, key: &str, ttl_secs: u64, today: NaiveDate) -> Option<Arc<Entry>> {
        let e = read(&self.store).entries.get(key).cloned()?;
        (e.generation == self.generation()
            && e.day == today
            && e.born.elapsed().as_secs() < ttl_secs)
            .then(|| {
                e.used.store(true, Ordering::Relaxed);
                e
            })
    }

    fn put(&self, key: String, e: Arc<Entry>, budget: usize, ttl_secs: u64) {
        let size = e.size(&key);
        if size > budget / 4 || e.generation != self.generation() {
            return;
        }
        let mut s = write(&self.store);
        if let Some(old) = s.entries.remove(&key) {
            s.bytes = s.bytes.saturating_sub(old.size(&key));
        }
        // Pages past their time are never served again: those at the front leave
        // now, so the memory held is what was asked for twice within the TTL.
        let Store {
            entries,
            order,
            bytes,
        } = &mut *s;
        while let Some(k) = order.front() {
            if entries
                .get(k)
                .is_some_and(|old| old.born.elapsed().as_secs() < ttl_secs)
            {
                break;
            }
            if let Some(k) = order.pop_front()
                && let Some(old) = entries.remove(&k)
            {
                *bytes = bytes.saturating_sub(old.size(&k));
            }
        }
        // Each page passed over loses its mark, so this ends within two rounds.
        while s.bytes + size > budget {
            let Some(k) = s.order.pop_front() else { break };
            if s.entries
                .get(&k)
                .is_some_and(|old| old.used.swap(false, Ordering::Relaxed))
            {
                s.order.push_back(k);
                continue;
            }
            if let Some(old) = s.entries.remove(&k) {
                s.bytes = s.bytes.saturating_sub(old.size(&k));
            }
        }
        s.bytes += size;
        s.order.push_back(key.clone());
        s.entries.insert(key, e);
        // Keys replaced in place leave stale names behind; keep the queue bounded.
        if s.order.len() > 2 * s.entries.len() + 64 {
            let Store { entries, order, .. } = &mut *s;
            order.retain(|k| entries.contains_key(k));
        }
    }
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|p| p.into_inner())
}

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

    fn entry(generation: u64, n: usize) -> Arc<Entry> {
        Arc::new(Entry {
            generation,
            born: Instant::now(),
            day: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            modified: 0,
            etag: "e".into(),
            last_modified: HeaderValue::from_static("x"),
            content_type: HeaderValue::from_static("text/html"),
            body: Bytes::from(vec![b'x'; n]),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            route: None,
            used: AtomicBool::new(false),
        })
    }

    #[test]
    fn pages_are_kept_from_their_second_request() {
        let d = Doorkeeper::new(1024);
        assert!(!d.second_request("-/xxgk/documents/1?"));
        assert!(d.second_request("-/xxgk/documents/1?"));
        assert!(d.second_request("-/xxgk/documents/1?"), "and after");
        assert!(
            !d.second_request("E/xxgk/documents/1?"),
            "长者模式 is another page"
        );
        // Other pages asked once are not taken for second requests, and after
        // 100 000 of them a table of 1 024 slots has forgotten the first page.
        let again = (2..100_002)
            .filter(|i| d.second_request(&format!("-/xxgk/documents/{i}?")))
            .count();
        assert_eq!(again, 0);
        assert!(!d.second_request("-/xxgk/documents/1?"), "forgotten");
    }

    #[test]
    fn pages_served_from_memory_get_a_second_chance() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let c = PageCache::default();
        c.put("hot".into(), entry(0, 1000), 10_000, 60);
        for i in 0..40 {
            assert!(c.get("hot", 60, day).is_some(), "round {i}");
            c.put(format!("once{i}"), entry(0, 1000), 10_000, 60);
        }
        assert!(c.get("once0", 60, day).is_none(), "pages never reused left");
        assert!(c.get("once39", 60, day).is_some());
    }

    #[test]
    fn generations_ttl_and_memory_bound() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let c = PageCache::default();
        c.put("a".into(), entry(0, 100), 10_000, 60);
        assert!(c.get("a", 60, day).is_some());
        assert!(c.get("a", 0, day).is_none(), "older than the TTL");
        assert!(c.get("a", 60, day.succ_opt().expect("day")).is_none());
        c.invalidate();
        assert!(c.get("a", 60, day).is_none(), "a new generation");
        c.put("old".into(), entry(0, 100), 10_000, 60);
        assert_eq!(c.stats().0, 0, "rendered before the change: not kept");
        for i in 0..20 {
            c.put(format!("k{i}"), entry(1, 1000), 10_000, 60);
        }
        let (n, bytes) = c.stats();
        assert!(bytes <= 10_000 && n < 20 && n > 0, "{n} {bytes}");
        assert!(c.get("k19", 60, day).is_some(), "the newest stays");
        assert!(c.get("k0", 60, day).is_none(), "the oldest left");
        // Pages past their time leave when the next page is kept.
        c.put("late".into(), entry(1, 100), 10_000, 0);
        assert_eq!(c.stats().0, 1, "only the page just kept");
    }
}
