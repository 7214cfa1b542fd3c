//! Running a check (crawl + column freshness, stored with what is new since the
//! last run) and the staff changes (a run started by hand, a column rule edited),
//! each audited in its transaction.

use super::SitecheckAction;
use std::collections::HashSet;
use std::sync::RwLock;

use super::content::{self, Wording};
use super::crawl::{self, Found, Limits, Site};
use super::model::{self, FindingKind, Freshness};
use super::store::{self, ColumnInput, Totals};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::state::AppState;

/// The crawler's limits on this node (defaults in [`Limits`]; tests shorten the
/// external timeout).
#[derive(Default)]
pub struct Tuning(RwLock<Option<Limits>>);

pub fn limits(state: &AppState) -> Limits {
    let t = state.part::<Tuning>();
    let guard = match t.0.read() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    guard.clone().unwrap_or_default()
}

pub fn set_limits(state: &AppState, l: Limits) {
    let t = state.part::<Tuning>();
    let mut guard = match t.0.write() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    *guard = Some(l);
}

/// The wrong-wordings list: the file configured in `docs.wordings_file`, else the
/// built-in one; a file that cannot be read falls back to the built-in list and
/// says so in the run's note.
pub fn wordings(state: &AppState) -> (Vec<Wording>, String) {
    let path = &state.settings.docs.wordings_file;
    if path.as_os_str().is_empty() {
        return (content::default_wordings(), String::new());
    }
    match std::fs::read_to_string(path) {
        Ok(src) => (content::parse_wordings(&src), String::new()),
        Err(e) => (
            content::default_wordings(),
            format!("错别字表 {} 无法读取（{e}），已使用内置表", path.display()),
        ),
    }
}

/// The seeds of a crawl: the home page, the HTML site map and sitemap.xml.
pub fn seeds() -> Vec<String> {
    vec!["/".into(), "/sitemap".into(), "/sitemap.xml".into()]
}

/// The columns past their update rule, or empty, on `today`.
pub async fn column_findings(db: &Db, today: chrono::NaiveDate) -> sqlx::Result<Vec<Found>> {
    let mut out = Vec::new();
    for c in store::columns(db).await?.into_iter().filter(|c| c.active) {
        let last = store::last_update(db, &c).await?;
        let rule = c.rule();
        let found = |kind, detail: String| Found {
            kind,
            url: c.path.clone(),
            page: c.name.clone(),
            status: None,
            detail,
        };
        match model::freshness(rule, last, today) {
            Freshness::Fresh { .. } => {}
            Freshness::Stale { since } => out.push(found(
                FindingKind::StaleColumn,
                format!(
                    "最近更新{}，规则为{}，自{since}起未按期更新",
                    last.map(|d| d.to_string()).unwrap_or_default(),
                    rule.describe()
                ),
            )),
            Freshness::Empty => out.push(found(
                FindingKind::EmptyColumn,
                "栏目没有任何已发布的内容".into(),
            )),
        }
    }
    Ok(out)
}

/// Run a check now against `site`: the queued run if there is one, else a new
/// one of `trigger`. Returns the run's id.
pub async fn run_check(state: &AppState, site: Site, trigger: &str) -> anyhow::Result<i64> {
    let db = &state.db;
    let run_id = match store::pending_run(db).await? {
        Some(id) => id,
        None => {
            let mut tx = db.begin().await?;
            let id = store::open_run(&mut tx, trigger).await?;
            tx.commit().await?;
            id
        }
    };
    let mut own = vec![state.settings.server.public_url.clone()];
    if let Site::Http { base, .. } = &site {
        own.push(base.clone());
    }
    own.retain(|o| !o.is_empty());
    let (wordings, note) = wordings(state);
    let rules = crawl::ContentRules {
        wordings,
        today: crate::clock::today(),
    };
    let outcome = crawl::crawl(
        site,
        crawl::external_client()?,
        seeds(),
        own,
        limits(state),
        &rules,
    )
    .await;
    let mut findings = outcome.findings;
    findings.extend(column_findings(db, crate::clock::today()).await?);
    let before: HashSet<(String, String)> = store::previous_failures(db, run_id)
        .await?
        .into_iter()
        .collect();
    let marked: Vec<(Found, bool)> = findings
        .into_iter()
        .map(|f| {
            let new = !before.contains(&(f.kind.code().to_string(), f.url.clone()));
            (f, new)
        })
        .collect();
    let totals = Totals {
        pages: outcome.pages as i64,
        links: outcome.links as i64,
        externals: outcome.externals as i64,
        note,
    };
    let mut tx = db.begin().await?;
    store::finish_run(&mut tx, run_id, &marked, &totals).await?;
    tx.commit().await?;
    let failures = marked.iter().filter(|(f, _)| f.kind.is_failure()).count();
    tracing::info!(
        sitecheck.run = run_id,
        sitecheck.pages = outcome.pages,
        sitecheck.failures = failures,
        "site check finished"
    );
    Ok(run_id)
}

/// A run started from the back office: queued for the job, audited.
pub async fn queue_run(state: &AppState, actor: &Actor) -> anyhow::Result<i64> {
    let mut tx = state.db.begin().await?;
    let id = store::open_run(&mut tx, "manual").await?;
    crate::jobs::enqueue(
        &mut tx,
        crate::jobs::Kind::SiteCheck,
        &serde_json::json!({ "run": id }),
        crate::clock::now(),
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        SitecheckAction::Queue,
        "sitecheck_run",
        Some(id.to_string()),
        "手动启动网站巡检".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Add (`id` None) or change a column rule, audited.
pub async fn save_column(
    db: &Db,
    id: Option<i64>,
    c: &ColumnInput,
    actor: &Actor,
) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let id = match id {
        Some(id) => {
            if !store::update_column(&mut tx, id, c).await? {
                anyhow::bail!("栏目不存在");
            }
            id
        }
        None => store::add_column(&mut tx, c).await?,
    };
    audit::append(
        &mut tx,
        actor,
        SitecheckAction::Column,
        "sitecheck_column",
        Some(id.to_string()),
        format!(
            "栏目“{}”（{}）：每{}{}更新，{}",
            c.name,
            c.path,
            c.every_n,
            c.every_unit.label(),
            if c.active { "检查" } else { "不检查" }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The addresses this site is reached at, for reading the page of a 找错 report.
pub fn own_addresses(state: &AppState) -> Vec<String> {
    let mut v = vec![state.settings.server.public_url.clone()];
    v.retain(|o| !o.trim().is_empty());
    v
}

/// The last finished run's findings about the page of a 找错 report.
pub struct UrlFindings {
    pub run_id: i64,
    pub finished: String,
    /// The page as the crawler names it (a path on this site).
    pub key: String,
    pub rows: Vec<store::FindingRow>,
}

/// The latest findings for `url` (none when no run has finished yet).
pub async fn latest_for_url(state: &AppState, url: &str) -> anyhow::Result<Option<UrlFindings>> {
    let Some(run) = store::last_finished(&state.db).await? else {
        return Ok(None);
    };
    let key = model::url_key(url, &own_addresses(state));
    let rows = store::findings_for(&state.db, run.id, &key).await?;
    Ok(Some(UrlFindings {
        run_id: run.id,
        finished: run
            .finished_at
            .map(|t| crate::clock::fmt_local(&t))
            .unwrap_or_default(),
        key,
        rows,
    }))
}

/// The open 找错 reports about one page, with what a run found there.
pub struct ReportGroup {
    pub key: String,
    pub orders: Vec<crate::orders::store::SiteReport>,
    /// Findings of the run whose address is this page or that were found on it.
    pub findings: usize,
}

/// The open 找错 reports grouped by page (pages with most reports first), each
/// with the number of `run_id`'s findings for that page.
pub async fn open_reports(state: &AppState, run_id: i64) -> anyhow::Result<Vec<ReportGroup>> {
    let own = own_addresses(state);
    let keys = store::finding_keys(&state.db, run_id).await?;
    let mut groups: Vec<ReportGroup> = Vec::new();
    for o in crate::orders::store::open_site_reports(&state.db).await? {
        let key = model::url_key(&o.page_url, &own);
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.orders.push(o),
            None => groups.push(ReportGroup {
                findings: keys.iter().filter(|(u, p)| *u == key || *p == key).count(),
                key,
                orders: vec![o],
            }),
        }
    }
    groups.sort_by(|a, b| b.orders.len().cmp(&a.orders.len()).then(a.key.cmp(&b.key)));
    Ok(groups)
}
