//! Staff accounts: passwords, sessions, roles and the checks on every back-office route.

pub mod password;
pub mod roles;
pub mod scope;
pub mod service;
pub mod store;
pub mod store_tokens;
pub mod tokens;
pub mod web;

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::routes::Routes;
use axum::routing::{get, post};
use roles::{Grant, Permission};

pub const SESSION_COOKIE: &str = "gk_session";

/// The signed-in staff member of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub must_change_password: bool,
    pub grants: Vec<Grant>,
    /// The root units among the grants' units: city-wide permissions need a grant
    /// at one of them.
    pub root_units: Vec<i64>,
    pub session_hash: String,
    pub ip: String,
}

impl CurrentUser {
    /// Whether the user holds `perm` somewhere; a city-wide permission
    /// (`Permission::city_wide`) only through a grant at a root unit. What the
    /// permission reaches is `scope::Scope::of`.
    pub fn can(&self, perm: Permission) -> bool {
        roles::has_permission(&self.grants, perm, &self.root_units)
    }

    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.id),
            name: self.username.clone(),
            ip: Some(self.ip.clone()),
        }
    }
}

/// Middleware: find the session from its cookie and put the user in the request.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(token) = crate::web::cookie(req.headers(), SESSION_COOKIE) {
        let hash = store::token_hash(&token);
        let max_age = chrono::Duration::hours(i64::from(state.settings.security.session_max_hours));
        match store::session_user(&state.db, &hash, max_age).await {
            Ok(Some(su)) => {
                let ttl = chrono::Duration::hours(i64::from(state.settings.security.session_hours));
                // Slide the expiry at most once a minute to keep writes rare.
                if crate::clock::now() - su.last_seen_at > chrono::Duration::seconds(60)
                    && let Err(e) = store::touch_session(&state.db, &hash, ttl).await
                {
                    tracing::warn!(error = %e, "could not extend session");
                }
                let access = match store::grants(&state.db, su.user_id).await {
                    Ok(grants) => store::root_units_of(&state.db, su.user_id)
                        .await
                        .map(|roots| (grants, roots)),
                    Err(e) => Err(e),
                };
                match access {
                    Ok((grants, root_units)) => {
                        let (mut parts, body) = req.into_parts();
                        let ip = crate::web::client_ip(&state, &parts);
                        parts.extensions.insert(Arc::new(CurrentUser {
                            id: su.user_id,
                            username: su.username,
                            display_name: su.display_name,
                            must_change_password: su.must_change_password,
                            grants,
                            root_units,
                            session_hash: hash,
                            ip,
                        }));
                        req = Request::from_parts(parts, body);
                    }
                    Err(e) => return AppError::from(e).into_response(),
                }
            }
            Ok(None) => {}
            Err(e) => return AppError::from(e).into_response(),
        }
    }
    next.run(req).await
}

/// Extractor for back-office handlers: the signed-in user (the route guard has
/// already checked the permission).
pub struct Staff(pub Arc<CurrentUser>);

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<CurrentUser>>()
            .cloned()
            .map(Staff)
            .ok_or(AppError::Unauthorized)
    }
}

fn login_redirect(path_and_query: &str) -> Response {
    let next = crate::web::safe_return_path(path_and_query).unwrap_or("/admin");
    let q = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    Redirect::to(&format!("/admin/login?{q}")).into_response()
}

/// The guard on every back-office route: signed in, password current, permission held.
pub async fn guard(perm: Permission, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let pq = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let Some(user) = req.extensions().get::<Arc<CurrentUser>>().cloned() else {
        return login_redirect(&pq);
    };
    if user.must_change_password && path != "/admin/password" {
        return Redirect::to("/admin/password").into_response();
    }
    if !user.can(perm) {
        return AppError::Forbidden.into_response();
    }
    next.run(req).await
}

/// Sign-in, sign-out, one's own password, API tokens.
pub fn routes() -> Routes {
    Routes::new()
        .public("/admin/login", get(web::login_form).post(web::login))
        .public("/admin/logout", post(web::logout))
        .staff(
            "/admin/password",
            Permission::Dashboard,
            Some(get(crate::auth::web::password_form)),
            Some(post(crate::auth::web::change_password)),
        )
        .staff(
            "/admin/tokens",
            Permission::ManageUsers,
            Some(get(crate::auth::tokens::list)),
            Some(post(crate::auth::tokens::create)),
        )
        .staff(
            "/admin/tokens/{id}/revoke",
            Permission::ManageUsers,
            None,
            Some(post(crate::auth::tokens::revoke)),
        )
        .nav(85, "/admin/tokens", "API 令牌", Permission::ManageUsers)
        .nav(99, "/admin/password", "修改密码", Permission::Dashboard)
}
