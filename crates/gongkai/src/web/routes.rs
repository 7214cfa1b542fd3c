//! How capabilities register their routes. Every capability exposes one
//! `routes() -> Routes` holding its public pages, its back-office pages (each
//! guarded by a permission, with an optional navigation entry) and its API;
//! `app::router` only merges them. The list of guarded routes drives both the
//! router and the test that visits every route as every role.

use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn;
use axum::routing::MethodRouter;

use crate::auth::CurrentUser;
use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::NavItem;

/// One back-office route and the permission it requires.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub permission: Permission,
}

/// One entry of the back-office navigation; `order` places it among the entries
/// of all capabilities.
#[derive(Debug, Clone, Copy)]
pub struct NavEntry {
    pub order: u16,
    pub href: &'static str,
    pub label: &'static str,
    pub permission: Permission,
}

/// The back-office navigation of the whole application, in order.
#[derive(Debug, Clone, Default)]
pub struct Nav(Vec<NavEntry>);

impl Nav {
    /// The links this user may see, the one for `path` marked active.
    pub fn for_user(&self, user: &CurrentUser, path: &str) -> Vec<NavItem> {
        self.0
            .iter()
            .filter(|e| user.can(e.permission))
            .map(|e| NavItem {
                href: e.href,
                label: e.label,
                active: if e.href == "/admin" {
                    path == "/admin"
                } else {
                    path.starts_with(e.href)
                },
            })
            .collect()
    }

    pub fn entries(&self) -> &[NavEntry] {
        &self.0
    }
}

/// A capability's routes: the router, the guarded routes it holds, and its
/// navigation entries.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
    nav: Vec<NavEntry>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    /// A route open to everyone (public pages, the API with its own token check).
    pub fn public(mut self, path: &'static str, handler: MethodRouter<AppState>) -> Routes {
        self.router = self.router.route(path, handler);
        self
    }

    /// A back-office route: signed in, password current, and `permission` held
    /// (checked before the handler runs; handlers check the unit scope).
    pub fn staff(
        mut self,
        path: &'static str,
        permission: Permission,
        get: Option<MethodRouter<AppState>>,
        post: Option<MethodRouter<AppState>>,
    ) -> Routes {
        let mut mr: MethodRouter<AppState> = MethodRouter::new();
        for (method, handler) in [("GET", get), ("POST", post)] {
            if let Some(h) = handler {
                mr = mr.merge(h);
                self.specs.push(RouteSpec {
                    method,
                    path,
                    permission,
                });
            }
        }
        let mr = mr.layer(from_fn(move |req, next| {
            crate::auth::guard(permission, req, next)
        }));
        self.router = self.router.route(path, mr);
        self
    }

    /// A link in the back-office navigation, shown to holders of `permission`.
    pub fn nav(
        mut self,
        order: u16,
        href: &'static str,
        label: &'static str,
        permission: Permission,
    ) -> Routes {
        self.nav.push(NavEntry {
            order,
            href,
            label,
            permission,
        });
        self
    }

    /// A router built elsewhere (the Swagger UI), merged unguarded.
    pub fn router(mut self, router: impl Into<Router<AppState>>) -> Routes {
        self.router = self.router.merge(router.into());
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.specs.extend(other.specs);
        self.nav.extend(other.nav);
        self
    }

    /// Every guarded route registered so far.
    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }

    /// The router, and the navigation sorted by order.
    pub fn into_parts(self) -> (Router<AppState>, Arc<Nav>) {
        let mut nav = self.nav;
        nav.sort_by_key(|e| e.order);
        (self.router, Arc::new(Nav(nav)))
    }
}
