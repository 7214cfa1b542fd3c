//! Prometheus metrics, written by hand: request counts and latency by route.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Series>>,
    jobs: Mutex<BTreeMap<(String, &'static str), u64>>,
}

impl Metrics {
    pub fn record_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        if let Ok(mut m) = self.requests.lock() {
            *m.entry((method.to_string(), route.to_string(), status))
                .or_default() += 1;
        }
        if let Ok(mut m) = self.latency.lock() {
            let s = m.entry(route.to_string()).or_default();
            s.count += 1;
            s.sum += seconds;
            for (i, b) in BUCKETS.iter().enumerate() {
                if seconds <= *b {
                    s.buckets[i] += 1;
                }
            }
        }
    }

    pub fn record_job(&self, kind: &str, outcome: &'static str) {
        if let Ok(mut m) = self.jobs.lock() {
            *m.entry((kind.to_string(), outcome)).or_default() += 1;
        }
    }

    /// The text exposition format; `gauges` are added as given.
    pub fn render(&self, gauges: &[(&str, &str, f64)]) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP gongkai_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE gongkai_http_requests_total counter");
        if let Ok(m) = self.requests.lock() {
            for ((method, route, status), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "gongkai_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(method),
                    escape(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP gongkai_http_request_duration_seconds Request latency by route."
        );
        let _ = writeln!(
            out,
            "# TYPE gongkai_http_request_duration_seconds histogram"
        );
        if let Ok(m) = self.latency.lock() {
            for (route, s) in m.iter() {
                let r = escape(route);
                for (i, b) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "gongkai_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {}",
                        s.buckets[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "gongkai_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                    s.count
                );
                let _ = writeln!(
                    out,
                    "gongkai_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                    s.sum
                );
                let _ = writeln!(
                    out,
                    "gongkai_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                    s.count
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP gongkai_jobs_total Background jobs run, by kind and outcome."
        );
        let _ = writeln!(out, "# TYPE gongkai_jobs_total counter");
        if let Ok(m) = self.jobs.lock() {
            for ((kind, outcome), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "gongkai_jobs_total{{kind=\"{}\",outcome=\"{outcome}\"}} {n}",
                    escape(kind)
                );
            }
        }
        for (name, help, value) in gauges {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} gauge");
            let _ = writeln!(out, "{name} {value}");
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
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
        let text = m.render(&[("gongkai_up", "Up.", 1.0)]);
        assert!(
            text.contains(r#"gongkai_http_requests_total{method="GET",route="/",status="200"} 2"#),
            "{text}"
        );
        assert!(
            text.contains(
                r#"gongkai_http_request_duration_seconds_bucket{route="/",le="0.005"} 1"#
            )
        );
        assert!(
            text.contains(r#"gongkai_http_request_duration_seconds_bucket{route="/",le="0.25"} 2"#)
        );
        assert!(text.contains(r#"gongkai_jobs_total{kind="session_cleanup",outcome="done"} 1"#));
        assert!(text.contains("gongkai_up 1"));
    }
}
