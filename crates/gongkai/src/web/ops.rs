//! Operations endpoints: liveness, readiness, Prometheus metrics.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use crate::state::AppState;

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

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let m = &state.metrics;
    m.set_gauge(
        "gongkai_uptime_seconds",
        "Seconds since start.",
        state.started.elapsed().as_secs_f64(),
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
}
