//! A small fixed-window rate limiter kept in memory, keyed by (bucket, client address),
//! and the growing login delays per (account, client address).
//!
//! Both are per node: each node limits on its own, so behind a load balancer the
//! effective limit is per node (and a login delay started on one node does not hold
//! on another), which is acceptable for abuse protection. Nothing here survives a
//! restart; the per-account failure count for display and audit is in the database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// (bucket, key) → (window start, events in the window).
type Windows = HashMap<(&'static str, String), (Instant, u32)>;

/// (account, client address) → (failures in a row, no attempt before this instant).
type Delays = HashMap<(String, String), (u32, Instant)>;

/// A public form's limit per client address (`security.public_form_per_minute` in
/// `bucket`, per minute): refused as 429 beyond it.
pub fn public_form(
    state: &crate::state::AppState,
    bucket: &'static str,
    ip: &str,
) -> Result<(), crate::error::AppError> {
    let limit = state.settings.security.public_form_per_minute;
    if state
        .limiter
        .check(bucket, ip, limit, Duration::from_secs(60))
    {
        Ok(())
    } else {
        Err(crate::error::AppError::RateLimited)
    }
}

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<Windows>,
    delays: Mutex<Delays>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// The delay after `failures` failed logins in a row when `free` of them cost
/// nothing: 1 s after the `free`-th, doubling with each further failure, at most `cap`.
pub fn login_delay(failures: u32, free: u32, cap: Duration) -> Duration {
    if failures < free.max(1) {
        return Duration::ZERO;
    }
    let doublings = (failures - free.max(1)).min(30);
    Duration::from_secs(1u64 << doublings).min(cap)
}

impl RateLimiter {
    /// Count one event; `false` when the key has used up `limit` events in `window`.
    pub fn check(&self, bucket: &'static str, key: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let mut map = lock(&self.windows);
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

    /// Whether the key has used up `limit` events in `window`, without counting one.
    pub fn exhausted(&self, bucket: &'static str, key: &str, limit: u32, window: Duration) -> bool {
        let map = lock(&self.windows);
        map.get(&(bucket, key.to_string()))
            .is_some_and(|(start, n)| start.elapsed() < window && *n >= limit)
    }

    /// Forget a key.
    pub fn reset(&self, bucket: &'static str, key: &str) {
        lock(&self.windows).remove(&(bucket, key.to_string()));
    }

    /// How long a login for `account` from `ip` must still wait (zero: it may try now).
    pub fn login_wait(&self, account: &str, ip: &str) -> Duration {
        let map = lock(&self.delays);
        map.get(&(account.to_string(), ip.to_string()))
            .map(|(_, until)| until.saturating_duration_since(Instant::now()))
            .unwrap_or(Duration::ZERO)
    }

    /// Count a failed login for `account` from `ip`; from the `free`-th failure in a
    /// row on, the next attempt from that address waits [`login_delay`]. Returns the
    /// failures in a row and the delay now imposed.
    pub fn login_failed(
        &self,
        account: &str,
        ip: &str,
        free: u32,
        cap: Duration,
    ) -> (u32, Duration) {
        let now = Instant::now();
        let mut map = lock(&self.delays);
        if map.len() > 50_000 {
            // Entries whose delay ran out long ago hold nothing worth keeping.
            map.retain(|_, (_, until)| {
                now.saturating_duration_since(*until) < cap.max(Duration::from_secs(60))
            });
        }
        let entry = map
            .entry((account.to_string(), ip.to_string()))
            .or_insert((0, now));
        entry.0 = entry.0.saturating_add(1);
        let delay = login_delay(entry.0, free, cap);
        entry.1 = now + delay;
        (entry.0, delay)
    }

    /// A successful login for `account` from `ip` ends its delay.
    pub fn login_succeeded(&self, account: &str, ip: &str) {
        lock(&self.delays).remove(&(account.to_string(), ip.to_string()));
    }

    /// End the delays of `account` from every address (an administrator reset its
    /// password) — on this node only.
    pub fn login_clear_account(&self, account: &str) {
        lock(&self.delays).retain(|(a, _), _| a != account);
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
        assert!(!l.exhausted("c", "k", 1, w));
        assert!(l.check("c", "k", 1, w));
        assert!(l.exhausted("c", "k", 1, w));
    }

    #[test]
    fn login_delays_double_per_account_and_address() {
        let cap = Duration::from_secs(60);
        assert_eq!(login_delay(4, 5, cap), Duration::ZERO);
        assert_eq!(login_delay(5, 5, cap), Duration::from_secs(1));
        assert_eq!(login_delay(6, 5, cap), Duration::from_secs(2));
        assert_eq!(login_delay(8, 5, cap), Duration::from_secs(8));
        assert_eq!(login_delay(20, 5, cap), cap);
        assert_eq!(login_delay(u32::MAX, 5, cap), cap);
        let l = RateLimiter::default();
        for _ in 0..4 {
            assert_eq!(l.login_failed("bob", "1.1.1.1", 5, cap).1, Duration::ZERO);
        }
        assert_eq!(l.login_wait("bob", "1.1.1.1"), Duration::ZERO);
        let (n, d) = l.login_failed("bob", "1.1.1.1", 5, cap);
        assert_eq!((n, d), (5, Duration::from_secs(1)));
        assert!(l.login_wait("bob", "1.1.1.1") > Duration::ZERO);
        assert_eq!(
            l.login_wait("bob", "2.2.2.2"),
            Duration::ZERO,
            "other address"
        );
        assert_eq!(
            l.login_wait("alice", "1.1.1.1"),
            Duration::ZERO,
            "other account"
        );
        l.login_succeeded("bob", "1.1.1.1");
        assert_eq!(l.login_wait("bob", "1.1.1.1"), Duration::ZERO);
        for _ in 0..5 {
            l.login_failed("bob", "3.3.3.3", 5, cap);
        }
        l.login_clear_account("bob");
        assert_eq!(l.login_wait("bob", "3.3.3.3"), Duration::ZERO);
    }
}
