//! The kept pages of one node: a generation, a memory budget, the doorkeeper that
//! keeps a page from its second request on, and second-chance eviction.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Instant;

use axum::body::Bytes;
use axum::http::HeaderValue;
use chrono::{NaiveDate, Utc};

/// This node's rendered public pages.
pub struct PageCache {
    generation: AtomicU64,
    /// When the current generation began (Unix seconds): the pages' Last-Modified.
    pub(super) changed_at: AtomicI64,
    store: RwLock<Store>,
    pub(super) seen: Doorkeeper,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            generation: AtomicU64::new(0),
            changed_at: AtomicI64::new(Utc::now().timestamp()),
            store: RwLock::new(Store::default()),
            seen: Doorkeeper::new(DOORKEEPER_SLOTS),
        }
    }
}

/// How many recent first requests the doorkeeper remembers (8 bytes each).
const DOORKEEPER_SLOTS: usize = 1 << 16;

/// The pages asked for once lately, as hashes of their keys in a fixed table
/// (one slot per hash, a newer key overwrites an older one): a page is kept when
/// it is asked for again while its hash is still there. Lock-free and bounded; a
/// forgotten page only costs one more rendering.
pub(super) struct Doorkeeper {
    slots: Box<[AtomicU64]>,
    hasher: std::collections::hash_map::RandomState,
}

impl Doorkeeper {
    fn new(slots: usize) -> Self {
        Doorkeeper {
            slots: (0..slots.next_power_of_two())
                .map(|_| AtomicU64::new(0))
                .collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// Whether `key` was asked for before (since it was last forgotten); records it.
    pub(super) fn second_request(&self, key: &str) -> bool {
        let mut h = self.hasher.build_hasher();
        h.write(key.as_bytes());
        let hash = h.finish() | 1; // 0 marks an empty slot
        let slot = &self.slots[(hash as usize) & (self.slots.len() - 1)];
        slot.swap(hash, Ordering::Relaxed) == hash
    }
}

#[derive(Default)]
struct Store {
    entries: HashMap<String, Arc<Entry>>,
    /// Keys in the order they were stored: the oldest leave first.
    order: VecDeque<String>,
    bytes: usize,
}

/// One rendered page.
pub struct Entry {
    pub(super) generation: u64,
    pub(super) born: Instant,
    pub(super) day: NaiveDate,
    pub(super) modified: i64,
    pub(super) etag: String,
    pub(super) last_modified: HeaderValue,
    pub(super) content_type: HeaderValue,
    pub(super) body: Bytes,
    /// The encodings, made the first time a client asks for one (a page nobody
    /// asks compressed never pays for it; `None` inside: too short to bother).
    pub(super) gzip: OnceLock<Option<Bytes>>,
    pub(super) brotli: OnceLock<Option<Bytes>>,
    /// The route that rendered it, for the request metrics of a kept page.
    pub(super) route: Option<axum::extract::MatchedPath>,
    /// Served from memory since it was kept or last passed over by eviction.
    pub(super) used: AtomicBool,
}

impl Entry {
    fn size(&self, key: &str) -> usize {
        // The encodings come later; counted at what they may reach (together
        // under half the page for HTML).
        self.body.len() * 3 / 2 + key.len() + 256
    }
}

impl PageCache {
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Start a new generation: every kept page is dropped.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.changed_at
            .store(Utc::now().timestamp(), Ordering::Release);
        let mut s = write(&self.store);
        s.entries.clear();
        s.order.clear();
        s.bytes = 0;
    }

    /// How many pages are kept and their size in bytes.
    pub fn stats(&self) -> (usize, usize) {
        let s = read(&self.store);
        (s.entries.len(), s.bytes)
    }

    pub(super) fn get(&self, key: &str, ttl_secs: u64, today: NaiveDate) -> Option<Arc<Entry>> {
        let e = read(&self.store).entries.get(key).cloned()?;
        (e.generation == self.generation()
            && e.day == today
            && e.born.elapsed().as_secs() < ttl_secs)
            .then(|| {
                e.used.store(true, Ordering::Relaxed);
                e
            })
    }

    pub(super) fn put(&self, key: String, e: Arc<Entry>, budget: usize, ttl_secs: u64) {
        let size = e.size(&key);
        if size > budget / 4 || e.generation != self.generation() {
            return;
        }
        let mut s = write(&self.store);
        if let Some(old) = s.entries.remove(&key) {
            s.bytes = s.bytes.saturating_sub(old.size(&key));
        }
        // Pages past their time are never served again: those at the front leave
        // now, so the memory held is what was asked for twice within the TTL.
        let Store {
            entries,
            order,
            bytes,
        } = &mut *s;
        while let Some(k) = order.front() {
            if entries
                .get(k)
                .is_some_and(|old| old.born.elapsed().as_secs() < ttl_secs)
            {
                break;
            }
            if let Some(k) = order.pop_front()
                && let Some(old) = entries.remove(&k)
            {
                *bytes = bytes.saturating_sub(old.size(&k));
            }
        }
        // Each page passed over loses its mark, so this ends within two rounds.
        while s.bytes + size > budget {
            let Some(k) = s.order.pop_front() else { break };
            if s.entries
                .get(&k)
                .is_some_and(|old| old.used.swap(false, Ordering::Relaxed))
            {
                s.order.push_back(k);
                continue;
            }
            if let Some(old) = s.entries.remove(&k) {
                s.bytes = s.bytes.saturating_sub(old.size(&k));
            }
        }
        s.bytes += size;
        s.order.push_back(key.clone());
        s.entries.insert(key, e);
        // Keys replaced in place leave stale names behind; keep the queue bounded.
        if s.order.len() > 2 * s.entries.len() + 64 {
            let Store { entries, order, .. } = &mut *s;
            order.retain(|k| entries.contains_key(k));
        }
    }
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(generation: u64, n: usize) -> Arc<Entry> {
        Arc::new(Entry {
            generation,
            born: Instant::now(),
            day: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            modified: 0,
            etag: "e".into(),
            last_modified: HeaderValue::from_static("x"),
            content_type: HeaderValue::from_static("text/html"),
            body: Bytes::from(vec![b'x'; n]),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            route: None,
            used: AtomicBool::new(false),
        })
    }

    #[test]
    fn pages_are_kept_from_their_second_request() {
        let d = Doorkeeper::new(1024);
        assert!(!d.second_request("-/xxgk/documents/1?"));
        assert!(d.second_request("-/xxgk/documents/1?"));
        assert!(d.second_request("-/xxgk/documents/1?"), "and after");
        assert!(
            !d.second_request("E/xxgk/documents/1?"),
            "长者模式 is another page"
        );
        // Other pages asked once are not taken for second requests, and after
        // 100 000 of them a table of 1 024 slots has forgotten the first page.
        let again = (2..100_002)
            .filter(|i| d.second_request(&format!("-/xxgk/documents/{i}?")))
            .count();
        assert_eq!(again, 0);
        assert!(!d.second_request("-/xxgk/documents/1?"), "forgotten");
    }

    #[test]
    fn pages_served_from_memory_get_a_second_chance() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let c = PageCache::default();
        c.put("hot".into(), entry(0, 1000), 10_000, 60);
        for i in 0..40 {
            assert!(c.get("hot", 60, day).is_some(), "round {i}");
            c.put(format!("once{i}"), entry(0, 1000), 10_000, 60);
        }
        assert!(c.get("once0", 60, day).is_none(), "pages never reused left");
        assert!(c.get("once39", 60, day).is_some());
    }

    #[test]
    fn generations_ttl_and_memory_bound() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let c = PageCache::default();
        c.put("a".into(), entry(0, 100), 10_000, 60);
        assert!(c.get("a", 60, day).is_some());
        assert!(c.get("a", 0, day).is_none(), "older than the TTL");
        assert!(c.get("a", 60, day.succ_opt().expect("day")).is_none());
        c.invalidate();
        assert!(c.get("a", 60, day).is_none(), "a new generation");
        c.put("old".into(), entry(0, 100), 10_000, 60);
        assert_eq!(c.stats().0, 0, "rendered before the change: not kept");
        for i in 0..20 {
            c.put(format!("k{i}"), entry(1, 1000), 10_000, 60);
        }
        let (n, bytes) = c.stats();
        assert!(bytes <= 10_000 && n < 20 && n > 0, "{n} {bytes}");
        assert!(c.get("k19", 60, day).is_some(), "the newest stays");
        assert!(c.get("k0", 60, day).is_none(), "the oldest left");
        // Pages past their time leave when the next page is kept.
        c.put("late".into(), entry(1, 100), 10_000, 0);
        assert_eq!(c.stats().0, 1, "only the page just kept");
    }
}
