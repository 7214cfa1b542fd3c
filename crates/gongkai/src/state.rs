//! Application state shared by every handler: settings, the database, and the
//! per-node caches. Part of the kernel: it names capabilities only through the
//! types they keep in it.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, RwLock};
use std::time::Instant;

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
    /// What capabilities keep per node (caches, the calendar, the search index),
    /// one value per type: see [`AppState::part`].
    parts: Parts,
    /// The back-office navigation, set when the router is built (`app::router`).
    pub nav: std::sync::OnceLock<Arc<crate::web::routes::Nav>>,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(mut settings: Settings, db: Db) -> AppState {
        settings.follow_bind(None);
        AppState(Arc::new(Inner {
            site: Arc::new(settings.site.clone()),
            settings,
            db,
            metrics: Metrics::default(),
            limiter: RateLimiter::default(),
            started: Instant::now(),
            parts: Parts::default(),
            nav: std::sync::OnceLock::new(),
        }))
    }
}

/// Per-node values of capabilities, one per type, created on first use. The
/// kernel holds them without naming them: a capability asks for its own type.
#[derive(Default)]
struct Parts(RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl AppState {
    /// This node's value of type `T`, created with `T::default()` the first time
    /// it is asked for. Capabilities wrap it in a function of their own
    /// (`workdays::calendar`, `sitesearch::index`).
    pub fn part<T: Any + Default + Send + Sync>(&self) -> Arc<T> {
        let id = TypeId::of::<T>();
        if let Some(v) = read(&self.parts.0).get(&id)
            && let Ok(t) = v.clone().downcast::<T>()
        {
            return t;
        }
        let mut map = match self.parts.0.write() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        let v = map
            .entry(id)
            .or_insert_with(|| Arc::new(T::default()) as Arc<dyn Any + Send + Sync>)
            .clone();
        match v.downcast::<T>() {
            Ok(t) => t,
            // Unreachable: the entry under TypeId::of::<T>() is always a T.
            Err(_) => Arc::new(T::default()),
        }
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    match lock.read() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
