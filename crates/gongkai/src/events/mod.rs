//! 公众开放日 and other public events: sessions with place, time and capacity, a
//! registration window, public registration with a confirmation code and a check-in QR
//! code, cancellation by code, a waitlist promoted automatically (in the cancelling
//! transaction), a verifiable draw for an oversubscribed session (crates/draw's
//! sortition with a public beacon), check-in at the door, attendance and a report.
//!
//! Pure rules in `model`; `form` parses; SQL in `store`; transactions in `service`;
//! `view` builds what pages and the API show (counts only); pages in `portal` and
//! `admin`; JSON in `api`; `qr` draws the QR code as SVG.

pub mod admin;
pub mod api;
pub mod demo;
pub mod form;
pub mod model;
pub mod portal;
pub mod qr;
pub mod service;
pub mod store;
pub mod view;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What 公众开放日 writes to the audit log.
    EventAction {
        Create = ("event.create", "新建活动"),
        Publish = ("event.publish", "发布活动"),
        Withdraw = ("event.withdraw", "撤回活动"),
        Report = ("event.report", "保存活动报告"),
        Commit = ("event.commit", "公布报名抽签承诺值"),
        Draw = ("event.draw", "报名公开抽签"),
        CheckIn = ("event.checkin", "现场签到"),
    }
);

/// 公众开放日: public pages, the API, the back office.
pub fn routes() -> Routes {
    use Permission::HandleInteraction as H;
    Routes::new()
        .public("/interact/events", get(portal::list))
        .public("/interact/events/registration", get(portal::progress))
        .public("/interact/events/registration/cancel", post(portal::cancel))
        .public("/interact/events/{id}", get(portal::show))
        .public("/interact/events/{id}/register", post(portal::register))
        .public("/interact/events/{id}/report", get(portal::report))
        .public(
            "/interact/events/sessions/{id}/draw.json",
            get(portal::draw_json),
        )
        .public("/api/v1/events", get(api::list))
        .public("/api/v1/events/{id}", get(api::one))
        .public("/api/v1/events/{id}/registrations", post(api::register))
        .staff(
            "/admin/events",
            H,
            Some(get(admin::list)),
            Some(post(admin::create)),
        )
        .staff(
            "/admin/events/checkin",
            H,
            Some(get(admin::checkin_form)),
            Some(post(admin::checkin)),
        )
        .staff("/admin/events/{id}", H, Some(get(admin::show)), None)
        .staff(
            "/admin/events/{id}/publish",
            H,
            None,
            Some(post(admin::publish)),
        )
        .staff(
            "/admin/events/{id}/report",
            H,
            None,
            Some(post(admin::report)),
        )
        .staff(
            "/admin/events/sessions/{id}/commit",
            H,
            None,
            Some(post(admin::commit)),
        )
        .staff(
            "/admin/events/sessions/{id}/reveal",
            H,
            None,
            Some(post(admin::reveal)),
        )
        .nav(45, "/admin/events", "公众开放日", H)
}
