//! Application state, the router, and the server.

use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

use crate::config::{Settings, SiteSettings};
use crate::db::Db;
use crate::web::metrics::Metrics;
use crate::web::ratelimit::RateLimiter;

/// Shared state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub settings: Settings,
    pub site: Arc<SiteSettings>,
    pub db: Db,
    pub metrics: Metrics,
    pub limiter: RateLimiter,
    pub started: Instant,
    /// Facets of the public document list (years, issuers), kept for a minute.
    pub facets: crate::docs::store::FacetCache,
    /// The working-day calendar (built-in years plus those stored by administrators).
    pub calendar: crate::workdays::CalendarCell,
    /// This node's search index, once opened (`sitesearch::start`).
    pub search: std::sync::OnceLock<Arc<crate::sitesearch::SiteSearch>>,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(settings: Settings, db: Db) -> AppState {
        AppState(Arc::new(Inner {
            site: Arc::new(settings.site.clone()),
            settings,
            db,
            metrics: Metrics::default(),
            limiter: RateLimiter::default(),
            started: Instant::now(),
            facets: Default::default(),
            calendar: crate::workdays::CalendarCell::builtin(),
            search: std::sync::OnceLock::new(),
        }))
    }
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let (admin, _) = crate::admin::routes();
    let max_body = state.settings.server.max_body_bytes;
    Router::new()
        .route("/", get(crate::portal::home))
        .route("/xxgk", get(crate::portal::xxgk))
        .route("/xxgk/{section}", get(crate::portal::xxgk_section))
        .route("/interact", get(crate::portal::interact))
        .route("/enforcement", get(crate::portal::enforcement))
        .route("/search", get(crate::sitesearch::web::page))
        .route("/search/go", get(crate::sitesearch::web::go))
        .route("/api/v1/search", get(crate::sitesearch::web::api))
        .route("/ysqgk/deadline", get(crate::workdays::web::calculator))
        .route("/api/v1/workdays/add", get(crate::workdays::web::api_add))
        .route(
            "/api/v1/workdays/{year}",
            get(crate::workdays::web::api_year),
        )
        .route("/prefs/elder", post(crate::web::prefs::toggle_elder))
        .route("/static/{name}", get(crate::web::assets::serve))
        .route(
            "/admin/login",
            get(crate::auth::web::login_form).post(crate::auth::web::login),
        )
        .route("/admin/logout", post(crate::auth::web::logout))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(admin)
        .merge(crate::docs::routes())
        .merge(crate::foi::routes())
        .merge(crate::penalty::routes())
        .merge(crate::inspect::routes())
        .merge(crate::laws::routes())
        .merge(crate::api::routes())
        .merge(crate::api::swagger())
        .fallback(crate::web::middleware::not_found)
        // Innermost first. Every error response from the layers inside
        // `render_errors` (CSRF refusals, body limits, panics) is rendered too.
        .layer(from_fn_with_state(state.clone(), crate::auth::load_session))
        .layer(from_fn_with_state(state.clone(), crate::web::csrf::layer))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::body_limit,
        ))
        .layer(CatchPanicLayer::custom(
            crate::web::middleware::panic_response,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::render_errors,
        ))
        .layer(axum::middleware::from_fn(
            crate::web::middleware::security_headers,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::observe,
        ))
        .with_state(state)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut gauges: Vec<(String, f64)> =
        vec![("uptime".into(), state.started.elapsed().as_secs_f64())];
    if let Ok(counts) = crate::jobs::counts(&state.db).await {
        for (s, n) in counts {
            gauges.push((s, n as f64));
        }
    }
    let names: Vec<(String, String, f64)> = gauges
        .into_iter()
        .map(|(k, v)| {
            if k == "uptime" {
                (
                    "gongkai_uptime_seconds".into(),
                    "Seconds since start.".into(),
                    v,
                )
            } else {
                (
                    format!("gongkai_jobs_{k}"),
                    format!("Background jobs in state {k}."),
                    v,
                )
            }
        })
        .collect();
    let refs: Vec<(&str, &str, f64)> = names
        .iter()
        .map(|(a, b, v)| (a.as_str(), b.as_str(), *v))
        .collect();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(&refs),
    )
}

/// On an empty database, create the first administrator (in a top-level unit) and
/// return the generated password, to be printed once.
pub async fn bootstrap(db: &Db, site: &SiteSettings) -> anyhow::Result<Option<(String, String)>> {
    use crate::auth::roles::{Grant, Role, UnitKind};
    use crate::auth::store;
    crate::docs::store::seed_topics(db).await?;
    if store::count_users(db).await? > 0 {
        return Ok(None);
    }
    let units = store::all_units(db).await?;
    let mut tx = db.begin().await?;
    let unit_id = match units.iter().find(|u| u.parent_id.is_none()) {
        Some(u) => u.id,
        None => {
            let input = store::UnitInput {
                name: &site.sponsor,
                kind: UnitKind::Other,
                parent_id: None,
                code: Some(&site.org_code),
                sort_order: 0,
                active: true,
            };
            store::create_unit(&mut tx, &input).await?
        }
    };
    let password = crate::auth::password::generate();
    let hash = crate::auth::password::hash(password.clone()).await?;
    let id = store::create_user(&mut tx, "admin", "系统管理员", &hash, true).await?;
    store::set_grants(
        &mut tx,
        id,
        &[Grant {
            unit_id,
            role: Role::Admin,
        }],
    )
    .await?;
    crate::audit::append(
        &mut tx,
        &crate::audit::Actor::system(),
        "system.bootstrap",
        "user",
        Some(id.to_string()),
        "空数据库：创建首个系统管理员 admin".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(("admin".into(), password)))
}

/// Serve until Ctrl-C / SIGTERM; runs the job worker alongside when configured.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    crate::workdays::reload(&state).await?;
    crate::workdays::spawn_refresh(state.clone());
    if let Err(e) = crate::sitesearch::start(&state) {
        tracing::warn!(error = %e, "search index could not be opened; search is unavailable");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = state
        .settings
        .jobs
        .run_in_server
        .then(|| tokio::spawn(crate::jobs::run_worker(state.clone(), stop_rx.clone())));
    let app = router(state.clone());
    let mut rx = stop_rx.clone();
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        tokio::select! {
            _ = shutdown_signal() => {}
            _ = rx.changed() => {}
        }
    })
    .await?;
    let _ = stop_tx.send(true);
    if let Some(w) = worker {
        let _ = tokio::time::timeout(Duration::from_secs(10), w).await;
    }
    state.db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}
