//! The wiring: every capability's routes merged under the middleware stack,
//! bootstrap of the first administrator, and the server. The only module that
//! names every capability.

use crate::audit::KernelAction;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use tower_http::catch_panic::CatchPanicLayer;

use crate::config::SiteSettings;
use crate::db::Db;
use crate::state::AppState;
use crate::web::routes::Routes;

/// Every capability's routes: public pages, back office (guarded) and API. The
/// route×role test walks the guarded ones.
pub fn routes() -> Routes {
    Routes::new()
        .merge(crate::web::routes())
        .merge(crate::auth::routes())
        .merge(crate::admin::routes())
        .merge(crate::portal::routes())
        .merge(crate::docs::routes())
        .merge(crate::foi::routes())
        .merge(crate::penalty::routes())
        .merge(crate::push::routes())
        .merge(crate::interact::routes())
        .merge(crate::inspect::routes())
        .merge(crate::orders::routes())
        .merge(crate::laws::routes())
        .merge(crate::sitesearch::routes())
        .merge(crate::qa::routes())
        .merge(crate::workdays::routes())
        .merge(crate::audit::routes())
        .merge(crate::jobs::routes())
        .merge(crate::api::routes())
        .merge(crate::sitecheck::routes())
        .merge(crate::annual::routes())
        .merge(crate::training::routes())
        .merge(crate::mobile::routes())
        .merge(crate::anchors::routes())
        .merge(crate::events::routes())
        .merge(crate::meetings::routes())
}

/// Register every capability's job handlers on this node.
pub fn install_jobs(state: &AppState) {
    use crate::jobs::{Kind, register};
    register(state, Kind::ScheduledPublish, |s| {
        Box::pin(crate::docs::jobs::scheduled_publish(s))
    });
    register(state, Kind::PushChanges, |s| {
        Box::pin(crate::docs::jobs::push_changes(s))
    });
    register(state, Kind::ValidityExpire, |s| {
        Box::pin(crate::docs::jobs::validity_expire(s))
    });
    register(state, Kind::FoiDaily, |s| Box::pin(crate::foi::daily(s)));
    register(state, Kind::PolicyPush, |s| Box::pin(crate::push::job(s)));
    register(state, Kind::SiteCheck, |s| {
        Box::pin(crate::sitecheck::job(s, router))
    });
    register(state, Kind::PenaltyExpire, |s| {
        Box::pin(crate::penalty::daily(s))
    });
    register(state, Kind::InteractDaily, |s| {
        Box::pin(crate::interact::daily(s))
    });
    register(state, Kind::AuditAnchor, |s| {
        Box::pin(crate::anchors::daily(s))
    });
    register(state, Kind::OrdersDaily, |s| {
        Box::pin(crate::orders::daily(s))
    });
    register(state, Kind::OrdersPushBack, |s| {
        Box::pin(crate::orders::pushback::job(s))
    });
}

/// Every capability's audit actions as (code, label).
pub fn audit_actions() -> Vec<(String, String)> {
    fn all<A: crate::audit::Action>(all: &[A], out: &mut Vec<(String, String)>) {
        out.extend(
            all.iter()
                .map(|a| (a.code().into_owned(), a.label().into_owned())),
        );
    }
    let mut out = Vec::new();
    all(crate::audit::KernelAction::ALL, &mut out);
    all(crate::docs::DocAction::ALL, &mut out);
    all(crate::foi::FoiAction::ALL, &mut out);
    all(crate::penalty::PenaltyAction::ALL, &mut out);
    all(crate::inspect::InspectAction::ALL, &mut out);
    all(crate::laws::LawsAction::ALL, &mut out);
    all(crate::sitesearch::SearchAction::ALL, &mut out);
    all(crate::workdays::WorkdayAction::ALL, &mut out);
    all(crate::demo::DemoAction::ALL, &mut out);
    all(crate::push::PushAction::ALL, &mut out);
    all(crate::interact::InteractAction::ALL, &mut out);
    all(crate::interact::InterviewAction::ALL, &mut out);
    all(crate::orders::OrderAction::ALL, &mut out);
    all(crate::annual::AnnualAction::ALL, &mut out);
    all(crate::training::TrainingAction::ALL, &mut out);
    all(crate::sitecheck::SitecheckAction::ALL, &mut out);
    all(crate::qa::QaAction::ALL, &mut out);
    all(crate::events::EventAction::ALL, &mut out);
    all(crate::meetings::MeetingAction::ALL, &mut out);
    out
}

/// The whole application router: the routes inside the middleware stack. Also
/// registers the job handlers, so a node that serves can run jobs.
pub fn router(state: AppState) -> Router {
    install_jobs(&state);
    crate::audit::labels(&state).register(audit_actions());
    let (routes, nav) = routes().into_parts();
    let _ = state.nav.set(nav);
    let max_body = state.settings.server.max_body_bytes;
    routes
        .fallback(crate::web::middleware::not_found)
        // Innermost first. Every error response from the layers inside
        // `render_errors` (CSRF refusals, body limits, panics) is rendered too.
        .layer(from_fn_with_state(state.clone(), crate::auth::load_session))
        .layer(from_fn_with_state(state.clone(), crate::web::csrf::layer))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::body_limit,
        ))
        .layer(CatchPanicLayer::custom(
            crate::web::middleware::panic_response,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::render_errors,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::pagecache::layer,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::security_headers,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::web::middleware::observe,
        ))
        .with_state(state)
}

/// On an empty database, create the first administrator (in a top-level unit) and
/// return the generated password, to be printed once.
pub async fn bootstrap(db: &Db, site: &SiteSettings) -> anyhow::Result<Option<(String, String)>> {
    use crate::auth::roles::{Grant, Role, UnitKind};
    use crate::auth::store;
    crate::docs::store::seed_topics(db).await?;
    if store::count_users(db).await? > 0 {
        return Ok(None);
    }
    let units = store::all_units(db).await?;
    let mut tx = db.begin().await?;
    let unit_id = match units.iter().find(|u| u.parent_id.is_none()) {
        Some(u) => u.id,
        None => {
            let input = store::UnitInput {
                name: &site.sponsor,
                kind: UnitKind::Other,
                parent_id: None,
                code: Some(&site.org_code),
                sort_order: 0,
                active: true,
            };
            let id = store::create_unit(&mut tx, &input).await?;
            // 依申请公开: the organ accepts applications, handled by itself until an
            // administrator names its FOI office (as the 0020 migration does).
            store::set_foi_routing(&mut tx, id, true, Some(id)).await?;
            id
        }
    };
    let password = crate::auth::password::generate();
    let hash = crate::auth::password::hash(password.clone()).await?;
    let id = store::create_user(&mut tx, "admin", "系统管理员", &hash, true).await?;
    store::set_grants(
        &mut tx,
        id,
        &[Grant {
            unit_id,
            role: Role::Admin,
        }],
    )
    .await?;
    crate::audit::append(
        &mut tx,
        &crate::audit::Actor::system(),
        KernelAction::Bootstrap,
        "user",
        Some(id.to_string()),
        "空数据库：创建首个系统管理员 admin".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(("admin".into(), password)))
}

/// Serve until Ctrl-C / SIGTERM; runs the job worker alongside when configured.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    crate::workdays::reload(&state).await?;
    crate::workdays::spawn_refresh(state.clone());
    if let Err(e) = crate::sitesearch::start(&state) {
        tracing::warn!(error = %e, "search index could not be opened; search is unavailable");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = state
        .settings
        .jobs
        .run_in_server
        .then(|| tokio::spawn(crate::jobs::run_worker(state.clone(), stop_rx.clone())));
    let app = router(state.clone());
    let mut rx = stop_rx.clone();
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        tokio::select! {
            _ = shutdown_signal() => {}
            _ = rx.changed() => {}
        }
    })
    .await?;
    let _ = stop_tx.send(true);
    if let Some(w) = worker {
        let _ = tokio::time::timeout(Duration::from_secs(10), w).await;
    }
    state.db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_audit_action_has_one_code_and_a_label() {
        let mut seen = std::collections::HashSet::new();
        for (code, label) in super::audit_actions() {
            let ok = code.split('.').count() <= 2
                && code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
            assert!(ok, "action code {code:?} is not area.verb");
            assert!(!label.is_empty(), "{code} has no label");
            assert!(seen.insert(code.clone()), "{code} named twice");
        }
        assert!(seen.len() > 60, "{}", seen.len());
    }
}
