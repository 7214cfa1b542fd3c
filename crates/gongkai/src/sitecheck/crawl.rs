//! The crawler: walks the public portal from the home page and the sitemap, over
//! the live router in-process or over HTTP on loopback, with a bounded number of
//! requests in flight; then checks each external link once (HEAD, GET when HEAD is
//! refused) with a timeout and a polite interval per host. Nothing is retried
//! within a run: a failure is reported and the next run looks again.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tower::ServiceExt;

use super::content::{self, Wording};
use super::model::{self, FindingKind, Target};

/// What the content checks of each page's text need.
#[derive(Debug, Clone)]
pub struct ContentRules {
    pub wordings: Vec<Wording>,
    pub today: chrono::NaiveDate,
}

/// Paths the crawler never requests: the back office, the API, sign-in and the
/// search box (whose queries would pollute the search log).
pub const SKIP_PREFIXES: [&str; 5] = ["/admin", "/api/", "/login", "/search", "/logout"];

/// Paths whose targets are attachments (a broken one is 附件无法下载).
pub const ATTACHMENT_PREFIXES: [&str; 2] = ["/xxgk/attachments/", "/files/"];

#[derive(Debug, Clone)]
pub struct Limits {
    /// Requests in flight at once (internal and external alike).
    pub concurrency: usize,
    /// Pages fetched at most per run.
    pub max_pages: usize,
    /// Different query strings followed per path (pagination, filters).
    pub max_queries_per_path: usize,
    /// External links checked at most per run.
    pub max_externals: usize,
    pub external_timeout: Duration,
    /// Time between two requests to the same outside host.
    pub external_interval: Duration,
    /// Pages larger than this are reported.
    pub max_page_bytes: usize,
    /// Pages slower than this are reported.
    pub slow: Duration,
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            concurrency: 4,
            max_pages: 5000,
            max_queries_per_path: 20,
            max_externals: 1000,
            external_timeout: Duration::from_secs(10),
            external_interval: Duration::from_secs(1),
            max_page_bytes: 1024 * 1024,
            slow: Duration::from_secs(3),
            max_redirects: 5,
        }
    }
}

/// How internal pages are fetched.
#[derive(Clone)]
pub enum Site {
    /// The application's router, called in-process (as from loopback).
    InProcess(axum::Router),
    /// A running server, e.g. `http://127.0.0.1:8080`.
    Http {
        base: String,
        client: reqwest::Client,
    },
}

/// One fetched response, as far as the checks need it.
struct Got {
    status: u16,
    location: Option<String>,
    html: Option<String>,
    bytes: usize,
    took: Duration,
}

impl Site {
    async fn get(&self, path: &str, max_html: usize) -> Result<Got, String> {
        let start = Instant::now();
        match self {
            Site::InProcess(router) => {
                let mut req = Request::get(path)
                    .header("user-agent", "gongkai-sitecheck")
                    .body(Body::empty())
                    .map_err(|e| e.to_string())?;
                req.extensions_mut()
                    .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
                let res = router
                    .clone()
                    .oneshot(req)
                    .await
                    .map_err(|e| e.to_string())?;
                let status = res.status().as_u16();
                let location = header(res.headers(), "location");
                let is_html = header(res.headers(), "content-type").is_some_and(|c| is_text(&c));
                let (html, bytes) = if is_html {
                    let b = axum::body::to_bytes(res.into_body(), max_html.saturating_mul(8))
                        .await
                        .map_err(|e| e.to_string())?;
                    (Some(String::from_utf8_lossy(&b).into_owned()), b.len())
                } else {
                    (None, 0)
                };
                Ok(Got {
                    status,
                    location,
                    html,
                    bytes,
                    took: start.elapsed(),
                })
            }
            Site::Http { base, client } => {
                let res = client
                    .get(format!("{}{path}", base.trim_end_matches('/')))
                    .header("user-agent", "gongkai-sitecheck")
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let status = res.status().as_u16();
                let location = header(res.headers(), "location");
                let is_html = header(res.headers(), "content-type").is_some_and(|c| is_text(&c));
                let (html, bytes) = if is_html {
                    let b = res.bytes().await.map_err(|e| e.to_string())?;
                    (Some(String::from_utf8_lossy(&b).into_owned()), b.len())
                } else {
                    (None, 0)
                };
                Ok(Got {
                    status,
                    location,
                    html,
                    bytes,
                    took: start.elapsed(),
                })
            }
        }
    }
}

/// HTML pages and XML (the sitemap) are read; everything else only has its status checked.
fn is_text(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("text/html") || ct.starts_with("application/xml") || ct.starts_with("text/xml")
}

fn header(h: &axum::http::HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.to_string())
}

/// One thing found, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: FindingKind,
    pub url: String,
    /// The page it was found on (or that links to it).
    pub page: String,
    pub status: Option<i64>,
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub pages: usize,
    pub links: usize,
    pub externals: usize,
    pub findings: Vec<Found>,
}

/// What happened to one internal request after its redirects.
enum Fetched {
    Page {
        path: String,
        got: Got,
    },
    Loop {
        chain: Vec<String>,
    },
    Error(String),
    /// A redirect that leaves the site: checked as an external link.
    Left(String),
}

async fn fetch_following(
    site: Site,
    path: String,
    own: Arc<Vec<String>>,
    l: Arc<Limits>,
) -> Fetched {
    let mut chain = vec![path.clone()];
    let mut current = path;
    loop {
        let got = match site.get(&current, l.max_page_bytes).await {
            Ok(g) => g,
            Err(e) => return Fetched::Error(e),
        };
        if !(300..400).contains(&got.status) {
            return Fetched::Page { path: current, got };
        }
        let Some(loc) = got.location.clone() else {
            return Fetched::Page { path: current, got };
        };
        match model::classify(&loc, &current, &own) {
            Target::Internal(next) => {
                if chain.contains(&next) || chain.len() > l.max_redirects {
                    chain.push(next);
                    return Fetched::Loop { chain };
                }
                chain.push(next.clone());
                current = next;
            }
            Target::External(u) => return Fetched::Left(u),
            Target::Skip => return Fetched::Page { path: current, got },
        }
    }
}

fn skipped(path: &str) -> bool {
    SKIP_PREFIXES.iter().any(|p| path.starts_with(p))
}

fn is_attachment(path: &str) -> bool {
    ATTACHMENT_PREFIXES.iter().any(|p| path.starts_with(p))
}

/// Walk the site from `seeds` (site paths), then check the external links found.
pub async fn crawl(
    site: Site,
    external: reqwest::Client,
    seeds: Vec<String>,
    own_origins: Vec<String>,
    limits: Limits,
    rules: &ContentRules,
) -> Outcome {
    let own = Arc::new(own_origins);
    let l = Arc::new(limits);
    let mut out = Outcome::default();
    let mut referrer: HashMap<String, String> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut per_path: HashMap<String, usize> = HashMap::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut externals: Vec<(String, String)> = Vec::new();
    let mut ext_seen: HashSet<String> = HashSet::new();
    for s in seeds {
        if seen.insert(s.clone()) {
            referrer.insert(s.clone(), String::new());
            queue.push_back(s);
        }
    }
    let mut tasks: JoinSet<(String, Fetched)> = JoinSet::new();
    let mut fetched = 0usize;
    loop {
        while tasks.len() < l.concurrency.max(1) && fetched < l.max_pages {
            let Some(p) = queue.pop_front() else { break };
            fetched += 1;
            let (site, own, l) = (site.clone(), own.clone(), l.clone());
            tasks.spawn(async move {
                let r = fetch_following(site, p.clone(), own, l).await;
                (p, r)
            });
        }
        let Some(joined) = tasks.join_next().await else {
            break;
        };
        let Ok((asked, result)) = joined else {
            continue;
        };
        let from = referrer.get(&asked).cloned().unwrap_or_default();
        let broken = if is_attachment(&asked) {
            FindingKind::BrokenAttachment
        } else {
            FindingKind::BrokenInternal
        };
        match result {
            Fetched::Error(e) => out.findings.push(Found {
                kind: broken,
                url: asked,
                page: from,
                status: None,
                detail: e,
            }),
            Fetched::Loop { chain } => out.findings.push(Found {
                kind: FindingKind::RedirectLoop,
                url: asked,
                page: from,
                status: None,
                detail: chain.join(" → "),
            }),
            Fetched::Left(u) => {
                if ext_seen.insert(u.clone()) {
                    externals.push((u, from));
                }
            }
            Fetched::Page { path, got } => {
                if got.status >= 400 {
                    out.findings.push(Found {
                        kind: broken,
                        url: asked,
                        page: from,
                        status: Some(i64::from(got.status)),
                        detail: format!("HTTP {}", got.status),
                    });
                    continue;
                }
                if got.took > l.slow {
                    out.findings.push(Found {
                        kind: FindingKind::Slow,
                        url: path.clone(),
                        page: from.clone(),
                        status: Some(i64::from(got.status)),
                        detail: format!("{} 毫秒", got.took.as_millis()),
                    });
                }
                let Some(html) = got.html else { continue };
                let links = if html.trim_start().starts_with("<?xml") {
                    model::sitemap_locs(&html)
                } else {
                    out.pages += 1;
                    check_page(&path, &html, got.bytes, &l, &mut out.findings);
                    check_text(&path, &html, rules, &mut out.findings);
                    model::page_facts(&html).links
                };
                for href in &links {
                    out.links += 1;
                    match model::classify(href, &path, &own) {
                        Target::Internal(p) => {
                            if skipped(&p) || seen.contains(&p) {
                                continue;
                            }
                            let base = p.split('?').next().unwrap_or("").to_string();
                            let n = per_path.entry(base).or_insert(0);
                            if p.contains('?') {
                                if *n >= l.max_queries_per_path {
                                    continue;
                                }
                                *n += 1;
                            }
                            seen.insert(p.clone());
                            referrer.insert(p.clone(), path.clone());
                            queue.push_back(p);
                        }
                        Target::External(u) => {
                            if ext_seen.insert(u.clone()) {
                                externals.push((u, path.clone()));
                            }
                        }
                        Target::Skip => {}
                    }
                }
            }
        }
    }
    externals.truncate(l.max_externals);
    out.externals = externals.len();
    out.findings
        .extend(check_externals(external, externals, l.clone()).await);
    out
}

/// The checks of one HTML page: title, images without alt, mixed content, size.
fn check_page(path: &str, html: &str, bytes: usize, l: &Limits, out: &mut Vec<Found>) {
    let facts = model::page_facts(html);
    let mut add = |kind, url: &str, detail: String| {
        out.push(Found {
            kind,
            url: url.to_string(),
            page: path.to_string(),
            status: None,
            detail,
        })
    };
    if facts.title.is_none() {
        add(FindingKind::MissingTitle, path, "没有 <title>".into());
    }
    for src in &facts.images_without_alt {
        add(FindingKind::MissingAlt, src, format!("图片 {src} 没有 alt"));
    }
    for r in facts.resources.iter().filter(|r| model::is_mixed(r)) {
        add(FindingKind::MixedContent, r, format!("以 HTTP 引用 {r}"));
    }
    if bytes > l.max_page_bytes {
        add(
            FindingKind::Oversized,
            path,
            format!("{} KB，超过 {} KB", bytes / 1024, l.max_page_bytes / 1024),
        );
    }
}

/// Pages whose text is not the site's own writing (laws as enacted, quoted from
/// the national database): the content checks leave them out.
pub const CONTENT_SKIP_PREFIXES: [&str; 1] = ["/laws/"];

/// The content checks of one page's main text. The print view repeats the
/// document page's text and is left out.
fn check_text(path: &str, html: &str, rules: &ContentRules, out: &mut Vec<Found>) {
    let bare = path.split('?').next().unwrap_or("");
    if bare.ends_with("/print") || CONTENT_SKIP_PREFIXES.iter().any(|p| bare.starts_with(p)) {
        return;
    }
    let text = content::main_text(html);
    for issue in content::check(&text, &rules.wordings, rules.today) {
        out.push(Found {
            kind: issue.kind,
            url: path.to_string(),
            page: path.to_string(),
            status: None,
            detail: issue.detail(),
        });
    }
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Wait for this host's turn: requests to one host are `interval` apart.
async fn polite(slots: &Mutex<HashMap<String, Instant>>, host: &str, interval: Duration) {
    let wait = {
        let mut m = slots.lock().await;
        let now = Instant::now();
        let at = m.get(host).map(|t| (*t).max(now)).unwrap_or(now);
        m.insert(host.to_string(), at + interval);
        at.saturating_duration_since(now)
    };
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
}

async fn check_one(
    client: reqwest::Client,
    url: String,
    page: String,
    slots: Arc<Mutex<HashMap<String, Instant>>>,
    l: Arc<Limits>,
) -> Option<Found> {
    let mut chain = vec![url.clone()];
    let mut current = url.clone();
    let mut head = true;
    let found = |kind, status: Option<u16>, detail: String| Found {
        kind,
        url: url.clone(),
        page: page.clone(),
        status: status.map(i64::from),
        detail,
    };
    loop {
        polite(&slots, &host_of(&current), l.external_interval).await;
        let req = if head {
            client.head(&current)
        } else {
            client.get(&current)
        };
        let res = match req.timeout(l.external_timeout).send().await {
            Ok(r) => r,
            Err(e) if e.is_timeout() => {
                return Some(found(
                    FindingKind::ExternalTimeout,
                    None,
                    format!("{} 秒内无响应", l.external_timeout.as_secs_f32()),
                ));
            }
            Err(e) => {
                return Some(found(
                    FindingKind::ExternalUnreachable,
                    None,
                    e.without_url().to_string(),
                ));
            }
        };
        let status = res.status().as_u16();
        if head && matches!(status, 405 | 501) {
            head = false;
            continue;
        }
        if (300..400).contains(&status)
            && let Some(loc) = header(res.headers(), "location")
        {
            let next = reqwest::Url::parse(&current)
                .and_then(|u| u.join(&loc))
                .map(|u| u.to_string())
                .unwrap_or(loc);
            let looped = chain.contains(&next);
            chain.push(next.clone());
            if looped || chain.len() > l.max_redirects + 1 {
                return Some(found(
                    FindingKind::RedirectLoop,
                    Some(status),
                    chain.join(" → "),
                ));
            }
            current = next;
            continue;
        }
        if status >= 400 {
            return Some(found(
                FindingKind::ExternalError,
                Some(status),
                format!("HTTP {status}"),
            ));
        }
        return None;
    }
}

async fn check_externals(
    client: reqwest::Client,
    links: Vec<(String, String)>,
    l: Arc<Limits>,
) -> Vec<Found> {
    let slots = Arc::new(Mutex::new(HashMap::new()));
    let mut out = Vec::new();
    let mut tasks = JoinSet::new();
    let mut it = links.into_iter();
    loop {
        while tasks.len() < l.concurrency.max(1) {
            let Some((url, page)) = it.next() else { break };
            tasks.spawn(check_one(
                client.clone(),
                url,
                page,
                slots.clone(),
                l.clone(),
            ));
        }
        match tasks.join_next().await {
            Some(Ok(Some(f))) => out.push(f),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// The client for outside links: no automatic redirects (they are followed and
/// checked for loops here), no cookies.
pub fn external_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("gongkai-sitecheck (政府网站链接检查)")
        .build()
}
