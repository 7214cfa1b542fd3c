//! 政民互动: 网民留言 (a letter answered on the working-day clock, reviewed by a
//! second person and published with its reply, de-identified) and 意见征集 (a
//! draft shown article by article, comments per article, adoption feedback).
//!
//! Pure rules in `model` (letters) and `consult_model` (consultations); checked
//! input in `form`; SQL in `store` and `consult_store`; transactions with their
//! audit entries in `service` and `consult_service`; pages in `portal`, `admin`,
//! `consult_portal` and `consult_admin`; JSON in `api`. 在线访谈 (an interview
//! announced, held live with its transcript, then kept as a record with the
//! answered questions and a video link) lives in `interview_*`.

pub mod admin;
pub mod api;
pub mod consult_admin;
pub mod consult_model;
pub mod consult_portal;
pub mod consult_service;
pub mod consult_store;
pub mod demo;
pub mod form;
pub mod interview_admin;
pub mod interview_model;
pub mod interview_portal;
pub mod interview_service;
pub mod interview_store;
pub mod model;
pub mod portal;
pub mod reminders;
pub mod service;
pub mod stats;
pub mod store;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 政民互动 writes to the audit log: a letter's steps (`interact.<step>`), and
    /// consultations (`consult.*`).
    InteractAction {
        Submit = ("interact.submit", "收到网民留言"),
        Demo = ("interact.demo", "演示留言"),
        Anonymise = ("interact.anonymise", "删除留言人个人信息"),
        Submitted = ("interact.submitted", "提交留言"),
        Signed = ("interact.signed", "签收留言"),
        Transferred = ("interact.transferred", "转办留言"),
        Extended = ("interact.extended", "延长答复期限"),
        Drafted = ("interact.drafted", "拟写答复"),
        Returned = ("interact.returned", "答复退回修改"),
        Published = ("interact.published", "答复并公开"),
        Answered = ("interact.answered", "答复（不公开）"),
        Rejected = ("interact.rejected", "不予受理留言"),
        Merged = ("interact.merged", "收到重复留言"),
        Rated = ("interact.rated", "留言人评价"),
        Reopened = ("interact.reopened", "重新办理留言"),
        Unpublished = ("interact.unpublished", "撤回公开的留言"),
        ConsultCreate = ("consult.create", "发布意见征集"),
        ConsultComment = ("consult.comment", "收到征集意见"),
        ConsultDecide = ("consult.decide", "处理征集意见"),
        ConsultFeedback = ("consult.feedback", "公布采纳情况"),
    }
);

audit_actions!(
    /// What 在线访谈 writes to the audit log (`interview.*`).
    InterviewAction {
        Create = ("interview.create", "发布在线访谈预告"),
        Guest = ("interview.guest", "添加访谈嘉宾"),
        Start = ("interview.start", "开始在线访谈"),
        Post = ("interview.post", "发布访谈文字实录"),
        Finish = ("interview.finish", "结束在线访谈"),
        Video = ("interview.video", "设置访谈视频链接"),
        Question = ("interview.question", "收到网友提问"),
        QuestionApprove = ("interview.question_approve", "提问审核通过"),
        QuestionReject = ("interview.question_reject", "提问审核不通过"),
        QuestionAnswer = ("interview.question_answer", "答复网友提问"),
        Anonymise = ("interview.anonymise", "删除提问人个人信息"),
    }
);

impl From<model::Step> for InteractAction {
    fn from(s: model::Step) -> Self {
        use model::Step as S;
        match s {
            S::Submitted => InteractAction::Submitted,
            S::Signed => InteractAction::Signed,
            S::Transferred => InteractAction::Transferred,
            S::Extended => InteractAction::Extended,
            S::Drafted => InteractAction::Drafted,
            S::Returned => InteractAction::Returned,
            S::Published => InteractAction::Published,
            S::Answered => InteractAction::Answered,
            S::Rejected => InteractAction::Rejected,
            S::Merged => InteractAction::Merged,
            S::Rated => InteractAction::Rated,
            S::Reopened => InteractAction::Reopened,
            S::Unpublished => InteractAction::Unpublished,
        }
    }
}

/// 政民互动: public pages, the back office, the API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/interact/messages", get(portal::list))
        .public(
            "/interact/messages/new",
            get(portal::write_form).post(portal::write),
        )
        .public("/interact/messages/progress", get(portal::progress))
        .public("/interact/messages/rate", post(portal::rate))
        .public("/interact/messages/stats", get(stats::public_page))
        .public("/interact/messages/{id}", get(portal::letter))
        .public("/api/v1/messages", get(api::list).post(api::submit))
        .public("/api/v1/messages/{no}", get(api::progress))
        .public("/interact/consultations", get(consult_portal::list))
        .public("/interact/consultations/{id}", get(consult_portal::show))
        .public(
            "/interact/consultations/{id}/comments",
            post(consult_portal::comment),
        )
        .public("/api/v1/consultations", get(consult_portal::api_list))
        .public("/api/v1/consultations/{id}", get(consult_portal::api_one))
        .staff(
            "/admin/consultations",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::list)),
            None,
        )
        .staff(
            "/admin/consultations/new",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::new_form)),
            Some(post(crate::interact::consult_admin::create)),
        )
        .staff(
            "/admin/consultations/{id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::consult_admin::show)),
            None,
        )
        .staff(
            "/admin/consultations/{id}/comments/{comment}",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::consult_admin::decide)),
        )
        .staff(
            "/admin/consultations/{id}/feedback",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::consult_admin::feedback)),
        )
        .merge(interview_routes())
        .staff(
            "/admin/interact",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::list)),
            None,
        )
        .staff(
            "/admin/interact/stats",
            Permission::HandleInteraction,
            Some(get(crate::interact::stats::admin_page)),
            None,
        )
        .staff(
            "/admin/interact/stats.xlsx",
            Permission::HandleInteraction,
            Some(get(crate::interact::stats::admin_xlsx)),
            None,
        )
        .staff(
            "/admin/interact/{id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::show)),
            None,
        )
        .staff(
            "/admin/interact/{id}/files/{file_id}",
            Permission::HandleInteraction,
            Some(get(crate::interact::admin::file)),
            None,
        )
        .staff(
            "/admin/interact/{id}/{action}",
            Permission::HandleInteraction,
            None,
            Some(post(crate::interact::admin::act)),
        )
        .nav(
            40,
            "/admin/interact",
            "网民留言",
            Permission::HandleInteraction,
        )
        .nav(
            41,
            "/admin/consultations",
            "意见征集",
            Permission::HandleInteraction,
        )
        .nav(
            44,
            "/admin/interact/stats",
            "留言统计",
            Permission::HandleInteraction,
        )
}

/// 在线访谈: public pages, the API, the back office.
fn interview_routes() -> Routes {
    use interview_admin as a;
    use interview_portal as p;
    let h = Permission::HandleInteraction;
    Routes::new()
        .public("/interact/interviews", get(p::list))
        .public("/interact/interviews/{id}", get(p::show))
        .public(
            "/interact/interviews/{id}/questions",
            get(p::ask_form).post(p::ask),
        )
        .public("/interact/interviews/{id}/images/{image}", get(p::image))
        .public("/api/v1/interviews", get(p::api_list))
        .public("/api/v1/interviews/{id}", get(p::api_one))
        .staff(
            "/admin/interviews",
            h,
            Some(get(a::list)),
            Some(post(a::create)),
        )
        .staff("/admin/interviews/{id}", h, Some(get(a::show)), None)
        .staff("/admin/interviews/{id}/state", h, None, Some(post(a::step)))
        .staff(
            "/admin/interviews/{id}/video",
            h,
            None,
            Some(post(a::video)),
        )
        .staff(
            "/admin/interviews/{id}/guests",
            h,
            None,
            Some(post(a::guest)),
        )
        .staff("/admin/interviews/{id}/posts", h, None, Some(post(a::post)))
        .staff(
            "/admin/interviews/{id}/questions/{q}",
            h,
            None,
            Some(post(a::question)),
        )
        .nav(42, "/admin/interviews", "在线访谈", h)
}

/// The daily job's share: reminders for letters whose 签收 or reply deadline is
/// due within 1 working day or overdue, once per letter and deadline
/// (`interact_reminders`, for the receiving unit's handlers); erase writers' and
/// askers' personal data past the retention period (`interact.retention_years` after closing or finishing). Logs
/// counts only.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    let cal = crate::workdays::calendar(state);
    let today = crate::clock::today();
    let mut raised = 0u64;
    for m in store::open_letters(&state.db).await? {
        for (deadline, kind, due) in
            model::reminders(&cal, today, m.status, m.sign_due, m.reply_due)
        {
            raised += store::raise_reminder(&state.db, &m, deadline, kind, due).await?;
        }
    }
    let years = i32::try_from(state.settings.interact.retention_years).unwrap_or(3);
    let before = chrono::Datelike::with_year(&today, chrono::Datelike::year(&today) - years)
        .unwrap_or(today);
    let n = service::anonymise_closed_before(state, before)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let cutoff = before
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::beijing()).single())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(crate::clock::now);
    let asked = interview_service::anonymise_finished_before(state, cutoff)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tracing::info!(
        interact.reminders = raised,
        interact.anonymised = n,
        interact.questions_anonymised = asked,
        "政民互动 daily job"
    );
    Ok(())
}
