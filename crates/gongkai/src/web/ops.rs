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

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
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
