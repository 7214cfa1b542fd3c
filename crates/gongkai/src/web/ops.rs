//! Operations endpoints: liveness, readiness, Prometheus metrics.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::web::ClientIp;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Job states that always get a gauge: a state with no jobs left reads 0 rather
/// than keeping the count it had when it last had some.
const JOB_STATES: [&str; 4] = ["queued", "running", "done", "failed"];

/// Whether a metrics scrape may be answered: from a loopback address (as the client
/// address is determined, i.e. `X-Forwarded-For` behind a trusted proxy), or with
/// `Authorization: Bearer <server.metrics_token>` when that is set.
fn may_scrape(state: &AppState, ip: &str, headers: &HeaderMap) -> bool {
    if ip
        .parse::<std::net::IpAddr>()
        .is_ok_and(|a| a.to_canonical().is_loopback())
    {
        return true;
    }
    let token = &state.settings.server.metrics_token;
    !token.is_empty()
        && headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| crate::web::csrf::ct_eq(t.trim(), token))
}

pub async fn metrics(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> Response {
    if !may_scrape(&state, &ip, &headers) {
        return (
            StatusCode::FORBIDDEN,
            "metrics are available to local clients only",
        )
            .into_response();
    }
    let m = &state.metrics;
    m.set_gauge(
        "gongkai_uptime_seconds",
        "Seconds since start.",
        state.started.elapsed().as_secs_f64(),
    );
    let (pages, bytes) = crate::web::pagecache::pages(&state).stats();
    m.set_gauge(
        "gongkai_page_cache_pages",
        "Rendered public pages kept in memory.",
        pages as f64,
    );
    m.set_gauge(
        "gongkai_page_cache_bytes",
        "Memory counted for the kept pages (cache.page_cache_bytes bounds it).",
        bytes as f64,
    );
    if let Ok(counts) = crate::jobs::counts(&state.db).await {
        let absent = JOB_STATES
            .iter()
            .filter(|s| !counts.iter().any(|(c, _)| c == *s))
            .map(|s| (s.to_string(), 0));
        for (s, n) in counts.iter().cloned().chain(absent) {
            m.set_gauge(
                &format!("gongkai_jobs_{s}"),
                &format!("Background jobs in state {s}."),
                n as f64,
            );
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        m.render(),
    )
        .into_response()
}
