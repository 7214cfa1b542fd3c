//! The web shell shared by every capability: page layout, extractors, middleware,
//! static assets, metrics and limits.

pub mod assets;
pub mod csrf;
pub mod form;
pub mod metrics;
pub mod middleware;
pub mod ops;
pub mod pagecache;
pub mod prefs;
pub mod ratelimit;
pub mod routes;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::CurrentUser;
use crate::config::SiteSettings;
use crate::error::AppError;
use crate::state::AppState;

/// Render a template into an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, AppError> {
    Ok(Html(t.render()?).into_response())
}

/// A public form refused by its checks, shown again by `page` (given the errors by
/// field and a message): with its fields' errors (422) or the conflict's message
/// (409). Other errors pass on.
pub async fn refused<T, F, Fut>(e: AppError, page: F) -> Result<Response, AppError>
where
    T: Template,
    F: FnOnce(std::collections::BTreeMap<String, String>, String) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    use axum::http::StatusCode;
    let (status, errors, message) = match e {
        AppError::Validation { fields, .. } => {
            (StatusCode::UNPROCESSABLE_ENTITY, fields, String::new())
        }
        AppError::Conflict(m) => (StatusCode::CONFLICT, Default::default(), m),
        other => return Err(other),
    };
    Ok((status, render(&page(errors, message).await?)?).into_response())
}

/// The message for one field of a form's errors ("" when it has none); form pages
/// expose it to their templates as `err("field")`.
pub fn field_error<'a>(
    errors: &'a std::collections::BTreeMap<String, String>,
    field: &str,
) -> &'a str {
    errors.get(field).map(String::as_str).unwrap_or("")
}

/// A link in the back-office navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// What every page layout needs: site identity, preferences, the CSRF token,
/// the signed-in user (back office) and where we are.
#[derive(Clone)]
pub struct Layout {
    pub site: Arc<SiteSettings>,
    pub elder: bool,
    /// The CSRF token of this page's forms (`{{ layout.csrf }}`); printing it makes
    /// the response set the cookie and keeps shared caches from storing the page.
    pub csrf: csrf::CsrfToken,
    pub user: Option<Arc<CurrentUser>>,
    pub path: String,
    pub query: String,
    pub admin_nav: Vec<NavItem>,
}

/// The portal's main navigation: address and label, in display order.
pub const PORTAL_NAV: [(&str, &str); 7] = [
    ("/", "首页"),
    ("/xxgk", "政府信息公开"),
    ("/xxgk/interpretations", "政策解读"),
    ("/laws", "法规库"),
    ("/ysqgk", "依申请公开"),
    ("/enforcement", "执法公示"),
    ("/interact", "政民互动"),
];

/// The main-navigation entry that contains `path`: the longest matching prefix
/// (so `/xxgk/interpretations/3` is 政策解读, not 政府信息公开).
pub fn current_nav(path: &str) -> Option<&'static str> {
    PORTAL_NAV
        .iter()
        .map(|(href, _)| *href)
        .filter(|href| {
            if *href == "/" {
                path == "/"
            } else {
                path == *href || path.starts_with(&format!("{href}/"))
            }
        })
        .max_by_key(|href| href.len())
}

impl Layout {
    /// The main navigation with the entry of the current page marked.
    pub fn portal_nav(&self) -> Vec<(&'static str, &'static str, bool)> {
        let cur = current_nav(&self.path);
        PORTAL_NAV
            .iter()
            .map(|(href, label)| (*href, *label, cur == Some(*href)))
            .collect()
    }

    /// Whether the current path is inside `prefix` (for `aria-current`).
    pub fn in_section(&self, prefix: &str) -> bool {
        if prefix == "/" {
            self.path == "/"
        } else {
            self.path.starts_with(prefix)
        }
    }

    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.display_name.as_str())
            .unwrap_or("")
    }

    /// The address of a static asset with its content hash (served `immutable`).
    pub fn asset(&self, name: &str) -> String {
        assets::url(name)
    }

    pub fn elder_label(&self) -> &'static str {
        if self.elder {
            "关闭长者模式"
        } else {
            "长者模式"
        }
    }
}

/// Build the layout from request parts; used by the `Layout` extractor and by the
/// error renderer.
pub fn layout_from_parts(state: &AppState, parts: &Parts) -> Layout {
    let elder = cookie(&parts.headers, prefs::ELDER_COOKIE).as_deref() == Some("1");
    // Error pages are rendered outside the CSRF layer: fall back to the cookie.
    let csrf = parts
        .extensions
        .get::<csrf::CsrfToken>()
        .cloned()
        .or_else(|| cookie(&parts.headers, csrf::COOKIE).map(csrf::CsrfToken::new))
        .unwrap_or_default();
    let user = parts.extensions.get::<Arc<CurrentUser>>().cloned();
    let path = parts.uri.path().to_string();
    let admin_nav = match &user {
        Some(u) if path.starts_with("/admin") => state
            .nav
            .get()
            .map(|nav| nav.for_user(u, &path))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Layout {
        site: state.site.clone(),
        elder,
        csrf,
        user,
        path,
        query: String::new(),
        admin_nav,
    }
}

impl FromRequestParts<AppState> for Layout {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(layout_from_parts(state, parts))
    }
}

/// The client address: the socket peer, or the first `X-Forwarded-For` entry
/// when `server.trust_proxy` is on.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

pub fn client_ip(state: &AppState, parts: &Parts) -> String {
    if state.settings.server.trust_proxy
        && let Some(fwd) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        && let Some(first) = fwd.split(',').next()
        && let Ok(ip) = first.trim().parse::<IpAddr>()
    {
        return ip.to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(state, parts)))
    }
}

/// Read one cookie's value from the request headers.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value with our defaults: HttpOnly, SameSite=Lax, Path=/.
pub fn set_cookie(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// A path we may redirect to: local, absolute-path only (no `//host`, no scheme).
///
/// A plain same-site path: one leading `/` followed by a path segment (never `//`),
/// then only printable ASCII without backslashes — no control characters (browsers
/// strip tabs and newlines, so `/\t/evil` would become `//evil`), no spaces, no
/// non-ASCII, no `\` (read as `/` by browsers), and no `.`/`..` segments.
pub fn safe_return_path(p: &str) -> Option<&str> {
    let path = p.split(['?', '#']).next().unwrap_or("");
    let ok = p.len() <= 512
        && p.starts_with('/')
        && !p.starts_with("//")
        && p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !path
            .split('/')
            .any(|seg| seg == "." || seg == ".." || seg.eq_ignore_ascii_case("%2e%2e"))
        && !path.to_ascii_lowercase().contains("%2f")
        && !path.to_ascii_lowercase().contains("%5c");
    ok.then_some(p)
}

/// `?saved=1` after a redirect from a successful save (Post/Redirect/Get).
#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

/// The query of a paged list: the page number, and (after a redirect) the code of the
/// message to show.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    pub page: Option<i64>,
    pub msg: Option<String>,
}

/// Page numbers for a pager: the current page, total pages and links.
#[derive(Debug, Clone)]
pub struct Pager {
    pub number: i64,
    pub total_pages: i64,
    pub total: i64,
    /// The query string without `page`, ending in `&` when non-empty.
    pub base_query: String,
}

impl Pager {
    pub fn new(page: crate::db::Page, total: i64, base_query: String) -> Pager {
        Pager {
            number: page.number,
            total_pages: page.total_pages(total),
            total,
            base_query,
        }
    }
    /// The pager of a public list: a page past the last one is an address that does
    /// not exist (404), like any other unknown address, rather than an empty page
    /// saying "第 99 / 4 页".
    pub fn checked(
        page: crate::db::Page,
        total: i64,
        base_query: String,
    ) -> Result<Pager, AppError> {
        let p = Pager::new(page, total, base_query);
        if p.number > p.total_pages {
            return Err(AppError::NotFound);
        }
        Ok(p)
    }
    pub fn has_prev(&self) -> bool {
        self.number > 1
    }
    pub fn has_next(&self) -> bool {
        self.number < self.total_pages
    }
    pub fn prev(&self) -> i64 {
        self.number - 1
    }
    pub fn next(&self) -> i64 {
        self.number + 1
    }
}

/// A numeric id from a one-parameter path (`/xxgk/documents/{id}`): an id that
/// is not a number names no page, so it is 404 like an unknown id, not 400.
#[derive(Debug, Clone, Copy)]
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<i64>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(id)| PathId(id))
            .map_err(|_| AppError::NotFound)
    }
}

/// An option of a select box (or a checkbox of a group): the submitted value, what
/// people read, and whether it is chosen. The one option type of every form.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl ToString, label: impl Into<String>, selected: bool) -> Choice {
        Choice {
            value: value.to_string(),
            label: label.into(),
            selected,
        }
    }
}

/// The options of a select for every value of an enum, none chosen (the template
/// compares with the submitted value).
pub fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Choice> {
    choices_selected(all, code, label, "")
}

/// The options of a select for every value of an enum, the one whose code is
/// `selected` chosen.
pub fn choices_selected<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    selected: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(code(*v), label(*v), code(*v) == selected))
        .collect()
}

/// The shell's own routes: preferences, static files, operations endpoints.
pub fn routes() -> routes::Routes {
    use axum::routing::{get, post};
    routes::Routes::new()
        .public("/prefs/elder", post(prefs::toggle_elder))
        .public("/static/{name}", get(assets::serve))
        .public("/favicon.ico", get(assets::favicon))
        .public("/healthz", get(ops::healthz))
        .public("/readyz", get(ops::readyz))
        .public("/metrics", get(ops::metrics))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths() {
        assert_eq!(safe_return_path("/xxgk"), Some("/xxgk"));
        assert_eq!(safe_return_path("//evil.example"), None);
        assert_eq!(safe_return_path("https://evil.example"), None);
        assert_eq!(safe_return_path("/\\evil"), None);
        assert_eq!(safe_return_path("/a\r\nSet-Cookie: x"), None);
        // Browsers strip tabs and newlines: "/\t/evil.example" is "//evil.example".
        assert_eq!(safe_return_path("/\t/evil.example"), None);
        assert_eq!(safe_return_path("/\n/evil.example"), None);
        assert_eq!(safe_return_path("/\u{0}/x"), None);
        assert_eq!(safe_return_path("/a\\b"), None);
        assert_eq!(safe_return_path("\\\\evil.example"), None);
        assert_eq!(safe_return_path("/ /evil.example"), None);
        assert_eq!(safe_return_path("/xxgk/../admin"), None);
        assert_eq!(safe_return_path("/%2F%2Fevil.example"), None);
        assert_eq!(safe_return_path("/\u{3000}evil"), None);
        assert_eq!(safe_return_path(""), None);
        assert_eq!(
            safe_return_path("/xxgk/documents?q=%E5%A4%84%E7%BD%9A&page=2"),
            Some("/xxgk/documents?q=%E5%A4%84%E7%BD%9A&page=2")
        );
        assert_eq!(safe_return_path("/laws/4#a17"), Some("/laws/4#a17"));
    }

    #[test]
    fn navigation_marks_the_closest_entry() {
        assert_eq!(current_nav("/"), Some("/"));
        assert_eq!(current_nav("/xxgk/proactive"), Some("/xxgk"));
        assert_eq!(
            current_nav("/xxgk/interpretations/3"),
            Some("/xxgk/interpretations")
        );
        assert_eq!(current_nav("/laws/12"), Some("/laws"));
        assert_eq!(current_nav("/lawsuit"), None);
        assert_eq!(current_nav("/sitemap"), None);
    }

    #[test]
    fn pager_past_the_last_page_is_not_found() {
        let page = |n| crate::db::Page::new(Some(n), Some(20));
        assert_eq!(
            Pager::checked(page(4), 61, String::new())
                .map(|p| p.total_pages)
                .ok(),
            Some(4)
        );
        assert!(matches!(
            Pager::checked(page(5), 61, String::new()),
            Err(AppError::NotFound)
        ));
        // An empty list still has its first page.
        assert!(Pager::checked(page(1), 0, String::new()).is_ok());
        assert!(Pager::checked(page(2), 0, String::new()).is_err());
    }

    #[test]
    fn cookies() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            "a=1; gk_elder=1; b=2".parse().expect("header"),
        );
        assert_eq!(cookie(&h, "gk_elder").as_deref(), Some("1"));
        assert_eq!(cookie(&h, "c"), None);
        assert!(set_cookie("x", "y", Some(10), true).ends_with("Max-Age=10; Secure"));
    }
}
