//! A small fixed-window rate limiter kept in memory, keyed by (bucket, client address).
//!
//! Each node limits on its own; behind a load balancer the effective limit is
//! per node, which is acceptable for abuse protection.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// (bucket, key) → (window start, events in the window).
type Windows = HashMap<(&'static str, String), (Instant, u32)>;

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<Windows>,
}

impl RateLimiter {
    /// Count one event; `false` when the key has used up `limit` events in `window`.
    pub fn check(&self, bucket: &'static str, key: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let mut map = match self.windows.lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        if map.len() > 50_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = map.entry((bucket, key.to_string())).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            return false;
        }
        entry.1 += 1;
        true
    }

    /// Forget a key (after a successful login, for instance).
    pub fn reset(&self, bucket: &'static str, key: &str) {
        if let Ok(mut map) = self.windows.lock() {
            map.remove(&(bucket, key.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key() {
        let l = RateLimiter::default();
        let w = Duration::from_secs(60);
        assert!(l.check("b", "1.1.1.1", 2, w));
        assert!(l.check("b", "1.1.1.1", 2, w));
        assert!(!l.check("b", "1.1.1.1", 2, w));
        assert!(l.check("b", "2.2.2.2", 2, w));
        assert!(l.check("other", "1.1.1.1", 2, w));
        l.reset("b", "1.1.1.1");
        assert!(l.check("b", "1.1.1.1", 2, w));
        assert!(!l.check("b", "x", 0, w));
        assert!(l.check("b", "y", 1, Duration::ZERO));
        assert!(l.check("b", "y", 1, Duration::ZERO));
    }
}
