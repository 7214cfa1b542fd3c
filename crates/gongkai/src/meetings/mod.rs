//! 会议公开: decision meetings (局党组会, 局长办公会) opened to 人大代表, 政协委员,
//! experts, citizens, enterprise representatives and media. Seats per category,
//! applications with eligibility checks (an enterprise representative's
//! 统一社会信用代码 via `ids::CreditCode`), a verifiable draw per category (crates/draw's
//! sortition with a public beacon), then attendance, opinions with
//! 采纳/部分采纳/未采纳 and reasons, and the decision per topic; a yearly list.

pub mod admin;
pub mod api;
pub mod demo;
pub mod form;
pub mod model;
pub mod portal;
pub mod service;
pub mod store;
pub mod view;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What 会议公开 writes to the audit log.
    MeetingAction {
        Create = ("meeting.create", "新建会议公开"),
        Publish = ("meeting.publish", "发布或撤回会议公开"),
        Commit = ("meeting.commit", "公布列席抽选承诺值"),
        Draw = ("meeting.draw", "列席人员分类别抽选"),
        Attendance = ("meeting.attendance", "登记列席情况"),
        Opinion = ("meeting.opinion", "登记列席意见"),
        Adopt = ("meeting.adopt", "意见采纳情况"),
        Decide = ("meeting.decide", "登记议题决定"),
    }
);

/// 会议公开: public pages, the API, the back office.
pub fn routes() -> Routes {
    use Permission::HandleInteraction as H;
    Routes::new()
        .public("/interact/meetings", get(portal::list))
        .public("/interact/meetings/{id}", get(portal::show))
        .public("/interact/meetings/{id}/apply", post(portal::apply))
        .public("/interact/meetings/{id}/draw.json", get(portal::draw_json))
        .public("/api/v1/meetings", get(api::list))
        .public("/api/v1/meetings/{id}", get(api::one))
        .staff(
            "/admin/meetings",
            H,
            Some(get(admin::list)),
            Some(post(admin::create)),
        )
        .staff("/admin/meetings/{id}", H, Some(get(admin::show)), None)
        .staff(
            "/admin/meetings/{id}/publish",
            H,
            None,
            Some(post(admin::publish)),
        )
        .staff(
            "/admin/meetings/{id}/commit",
            H,
            None,
            Some(post(admin::commit)),
        )
        .staff(
            "/admin/meetings/{id}/reveal",
            H,
            None,
            Some(post(admin::reveal)),
        )
        .staff(
            "/admin/meetings/{id}/attendance",
            H,
            None,
            Some(post(admin::attendance)),
        )
        .staff(
            "/admin/meetings/{id}/opinions",
            H,
            None,
            Some(post(admin::add_opinion)),
        )
        .staff(
            "/admin/meetings/{id}/opinions/{opinion}",
            H,
            None,
            Some(post(admin::adopt)),
        )
        .staff(
            "/admin/meetings/{id}/topics/{topic}",
            H,
            None,
            Some(post(admin::decide)),
        )
        .nav(46, "/admin/meetings", "会议公开", H)
}
