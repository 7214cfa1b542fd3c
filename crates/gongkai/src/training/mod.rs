//! 培训记录: the 政府信息公开 training sessions (date, topic, audience, attendance,
//! organiser) kept in the back office, with an .xlsx export. The annual report's
//! 其他需要报告的事项 is drafted from the year's sessions, and warns when the year has
//! none (the seed asks for at least one a year).

pub mod admin;
pub mod model;
pub mod service;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::web::routes::Routes;

audit_actions!(
    /// What 培训记录 writes to the audit log.
    TrainingAction {
        Create = ("training.create", "登记培训"),
        Update = ("training.update", "修改培训记录"),
        Delete = ("training.delete", "删除培训记录"),
    }
);

/// The back-office pages: those who see the annual report see the sessions; FOI
/// handlers (who draft the report) record them.
pub fn routes() -> Routes {
    Routes::new()
        .staff(
            "/admin/trainings",
            Permission::ViewFoi,
            Some(get(admin::list)),
            None,
        )
        .staff(
            "/admin/trainings/export.xlsx",
            Permission::ViewFoi,
            Some(get(admin::export)),
            None,
        )
        .staff(
            "/admin/trainings/new",
            Permission::HandleFoi,
            Some(get(admin::new_form)),
            Some(post(admin::create)),
        )
        .staff(
            "/admin/trainings/{id}",
            Permission::HandleFoi,
            Some(get(admin::edit_form)),
            Some(post(admin::update)),
        )
        .staff(
            "/admin/trainings/{id}/delete",
            Permission::HandleFoi,
            None,
            Some(post(admin::delete)),
        )
        .nav(26, "/admin/trainings", "培训记录", Permission::ViewFoi)
}

/// Demo sessions: two last year (the year the annual report opens on) and one this
/// year, so the demo report is drafted from them.
pub async fn seed_demo(db: &crate::db::Db) -> anyhow::Result<()> {
    use chrono::Datelike;
    let today = crate::clock::today();
    let y = today.year();
    let sessions = [
        (
            y - 1,
            3,
            15,
            "新修订《政府信息公开条例》解读",
            "各处室、各区局信息公开联络员",
            42,
        ),
        (
            y - 1,
            9,
            20,
            "依申请公开答复文书规范与案例",
            "法制处及依申请公开办理人员",
            18,
        ),
        (
            y,
            4,
            10,
            "政府网站内容检查与个人信息保护",
            "信息发布员、审核人",
            26,
        ),
    ];
    let mut tx = db.begin().await?;
    for (year, m, d, topic, audience, n) in sessions {
        let Some(held_on) = chrono::NaiveDate::from_ymd_opt(year, m, d).filter(|d| *d <= today)
        else {
            continue;
        };
        let t = model::TrainingInput {
            held_on,
            topic: topic.into(),
            audience: audience.into(),
            attendance: n,
            organiser: "办公室".into(),
            note: String::new(),
            unit_id: None,
        };
        store::insert(&mut tx, &t, None).await?;
    }
    tx.commit().await?;
    Ok(())
}
