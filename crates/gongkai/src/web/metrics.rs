//! Prometheus metrics through the `metrics` facade and `metrics-exporter-prometheus`:
//! request counts and latency by route, background jobs run, and the gauges that
//! `/metrics` sets when it is scraped (uptime, jobs by state).
//!
//! Each [`Metrics`] owns its own recorder, and everything is recorded into it with
//! [`metrics::with_local_recorder`]; nothing is installed as the process-wide
//! recorder. One `AppState` per process (the server) sees the same numbers either
//! way, but the tests build many `AppState`s in one process and expect each app's
//! `/metrics` to count only its own requests and jobs: a global recorder (which can
//! be installed once per process only) would add up every app's traffic. The
//! local recorder is set only for the duration of a synchronous closure on the
//! calling thread, so it never leaks across an `.await`.

use std::sync::atomic::{AtomicU64, Ordering};

use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};

const REQUESTS: &str = "gongkai_http_requests_total";
const LATENCY: &str = "gongkai_http_request_duration_seconds";
const JOBS: &str = "gongkai_jobs_total";
const PAGE_CACHE: &str = "gongkai_page_cache_total";
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
/// Histogram samples wait in the recorder until drained into their buckets, which
/// `render` does; drain them every so many requests too, so that a node nobody
/// scrapes does not keep every sample.
const UPKEEP_EVERY: u64 = 1024;

pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    observed: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        let builder = PrometheusBuilder::new();
        // Fails only for an empty list of buckets.
        let builder = match builder.set_buckets_for_metric(Matcher::Full(LATENCY.into()), &BUCKETS)
        {
            Ok(b) => b,
            Err(_) => PrometheusBuilder::new(),
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, || {
            describe_counter!(REQUESTS, "HTTP requests by method, route and status.");
            describe_histogram!(LATENCY, "Request latency by route.");
            describe_counter!(JOBS, "Background jobs run, by kind and outcome.");
            describe_counter!(
                PAGE_CACHE,
                "Public pages served from the page cache (hit) or rendered (miss)."
            );
        });
        Metrics {
            recorder,
            handle,
            observed: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    pub fn record_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        metrics::with_local_recorder(&self.recorder, || {
            counter!(REQUESTS, "method" => method.to_string(), "route" => route.to_string(), "status" => status.to_string())
                .increment(1);
            histogram!(LATENCY, "route" => route.to_string()).record(seconds);
        });
        if self.observed.fetch_add(1, Ordering::Relaxed) % UPKEEP_EVERY == UPKEEP_EVERY - 1 {
            self.handle.run_upkeep();
        }
    }

    pub fn record_page_cache(&self, hit: bool) {
        metrics::with_local_recorder(&self.recorder, || {
            counter!(PAGE_CACHE, "result" => if hit { "hit" } else { "miss" }).increment(1);
        });
    }

    pub fn record_job(&self, kind: &str, outcome: &'static str) {
        metrics::with_local_recorder(&self.recorder, || {
            counter!(JOBS, "kind" => kind.to_string(), "outcome" => outcome).increment(1);
        });
    }

    /// Set a gauge without labels (kept until set again).
    pub fn set_gauge(&self, name: &str, help: &str, value: f64) {
        metrics::with_local_recorder(&self.recorder, || {
            describe_gauge!(name.to_string(), help.to_string());
            gauge!(name.to_string()).set(value);
        });
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        self.handle.render()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histogram() {
        let m = Metrics::default();
        m.record_request("GET", "/", 200, 0.003);
        m.record_request("GET", "/", 200, 0.2);
        m.record_job("session_cleanup", "done");
        m.set_gauge("gongkai_up", "Up.", 1.0);
        let text = m.render();
        assert!(
            text.contains(r#"gongkai_http_requests_total{method="GET",route="/",status="200"} 2"#),
            "{text}"
        );
        assert!(text.contains(
            "# HELP gongkai_http_requests_total HTTP requests by method, route and status."
        ));
        assert!(text.contains("# TYPE gongkai_http_request_duration_seconds histogram"));
        assert!(
            text.contains(
                r#"gongkai_http_request_duration_seconds_bucket{route="/",le="0.005"} 1"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"gongkai_http_request_duration_seconds_bucket{route="/",le="0.25"} 2"#)
        );
        assert!(
            text.contains(r#"gongkai_http_request_duration_seconds_bucket{route="/",le="+Inf"} 2"#)
        );
        assert!(text.contains(r#"gongkai_http_request_duration_seconds_count{route="/"} 2"#));
        assert!(text.contains(r#"gongkai_jobs_total{kind="session_cleanup",outcome="done"} 1"#));
        assert!(text.contains("# TYPE gongkai_up gauge"));
        assert!(text.contains("gongkai_up 1"));
    }

    #[test]
    fn each_instance_counts_its_own() {
        let a = Metrics::default();
        let b = Metrics::default();
        a.record_request("GET", "/x", 404, 0.01);
        assert!(
            a.render()
                .contains(r#"gongkai_http_requests_total{method="GET",route="/x",status="404"} 1"#)
        );
        assert!(!b.render().contains("route=\"/x\""));
    }
}
