//! 公文库: documents and their publishing workflow, 政策解读 published with their
//! policy (三同步), validity of normative documents, the 政府信息公开 column.

pub mod admin;
pub mod admin_interp;
pub mod admin_review;
pub mod api;
pub mod attachments;
pub mod catalogue;
pub mod checks;
pub mod feeds;
pub mod form;
pub mod import;
pub mod issuer;
pub mod jobs;
pub mod model;
pub mod portal;
pub mod push;
pub mod revision_service;
pub mod richtext;
pub mod service;
pub mod store;
pub mod store_editions;
pub mod store_interp;
pub mod store_lists;
pub mod store_page;
pub mod store_topics;
pub mod topics;
pub mod views;
pub mod workflow;

use axum::routing::{get, post};

use crate::auth::roles::Permission;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 公文库、解读与专题 writes to the audit log.
    DocAction {
        Create = ("doc.create", "新建公文"),
        Update = ("doc.update", "修改公文"),
        Submit = ("doc.submit", "提交审核"),
        Return = ("doc.return", "退回修改"),
        Schedule = ("doc.schedule", "定时发布"),
        Publish = ("doc.publish", "发布公文"),
        Withdraw = ("doc.withdraw", "撤回公文"),
        Supersede = ("doc.supersede", "标注被替代"),
        Validity = ("doc.validity", "修改有效性"),
        IndexNo = ("doc.index_no", "编制索引号"),
        Conversion = ("doc.conversion", "附件转换"),
        Import = ("doc.import", "导入公文"),
        Attach = ("doc.attach", "上传附件"),
        Detach = ("doc.detach", "删除附件"),
        Revise = ("doc.revise", "修订已发布公文"),
        RevisionSubmit = ("doc.revision_submit", "提交修订"),
        RevisionReturn = ("doc.revision_return", "退回修订"),
        InterpSave = ("interp.save", "保存解读"),
        InterpApprove = ("interp.approve", "审核解读"),
        InterpPublish = ("interp.publish", "发布解读"),
        TopicCreate = ("topic.create", "新建专题"),
        TopicRename = ("topic.rename", "重命名专题"),
    }
);

/// The 公文库's public pages, back office and API.
pub fn routes() -> Routes {
    Routes::new()
        .public("/xxgk/proactive", get(portal::proactive))
        .public("/xxgk/annual-reports", get(portal::annual_reports))
        .public("/xxgk/guide", get(guide))
        .public("/xxgk/rules", get(rules))
        .public("/xxgk/documents/{id}", get(portal::document))
        .public("/xxgk/documents/{id}/print", get(portal::document_print))
        .public("/xxgk/interpretations/{id}", get(portal::interpretation))
        .public("/xxgk/attachments/{id}", get(attachments::download))
        .public("/xxgk/feed.atom", get(feeds::atom))
        .public("/xxgk/proactive.xlsx", get(feeds::list_xlsx))
        .public("/sitemap.xml", get(feeds::sitemap))
        .public("/api/v1/documents/changes", get(feeds::changes))
        .public("/api/v1/documents", get(api::list).post(api::create))
        .public("/api/v1/documents/{id}", get(api::get).put(api::update))
        .public(
            "/api/v1/documents/{id}/submit",
            axum::routing::post(api::submit),
        )
        .public(
            "/api/v1/documents/{id}/publish",
            axum::routing::post(api::publish),
        )
        .staff(
            "/admin/docs",
            Permission::Content,
            Some(get(crate::docs::admin::list)),
            None,
        )
        .staff(
            "/admin/docs/new",
            Permission::PublishContent,
            Some(get(crate::docs::admin::new_form)),
            Some(post(crate::docs::admin::create)),
        )
        .staff(
            "/admin/docs/warnings",
            Permission::Content,
            Some(get(crate::docs::admin_review::warnings)),
            None,
        )
        .staff(
            "/admin/docs/{id}/interpretation/attachments",
            Permission::PublishContent,
            None,
            Some(
                post(crate::docs::attachments::upload_interp)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/docs/{id}/attachments",
            Permission::PublishContent,
            None,
            Some(
                post(crate::docs::attachments::upload)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/attachments/{id}",
            Permission::Content,
            Some(get(crate::docs::attachments::staff_download)),
            None,
        )
        .staff(
            "/admin/attachments/{id}/delete",
            Permission::PublishContent,
            None,
            Some(post(crate::docs::attachments::remove)),
        )
        .staff(
            "/admin/docs/import",
            Permission::PublishContent,
            Some(get(crate::docs::catalogue::form)),
            Some(
                post(crate::docs::catalogue::upload)
                    .layer(axum::extract::DefaultBodyLimit::disable()),
            ),
        )
        .staff(
            "/admin/docs/import/template.xlsx",
            Permission::PublishContent,
            Some(get(crate::docs::catalogue::template_download)),
            None,
        )
        .staff(
            "/admin/docs/{id}/index-no",
            Permission::ManageUsers,
            None,
            Some(post(crate::docs::admin_review::change_index_no)),
        )
        .staff(
            "/admin/docs/export.xlsx",
            Permission::Content,
            Some(get(crate::docs::admin::list_xlsx)),
            None,
        )
        .staff(
            "/admin/docs/{id}/supersede",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::supersede)),
        )
        .staff(
            "/admin/docs/conversion",
            Permission::ReviewContent,
            Some(get(crate::docs::admin_review::conversion_queue)),
            None,
        )
        .staff(
            "/admin/docs/{id}/conversion",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::conversion_decide)),
        )
        .staff(
            "/admin/docs/{id}",
            Permission::Content,
            Some(get(crate::docs::admin::show)),
            None,
        )
        .staff(
            "/admin/docs/{id}/edit",
            Permission::PublishContent,
            Some(get(crate::docs::admin::edit_form)),
            Some(post(crate::docs::admin::update)),
        )
        .staff(
            "/admin/docs/{id}/submit",
            Permission::PublishContent,
            None,
            Some(post(crate::docs::admin_review::submit)),
        )
        .staff(
            "/admin/docs/{id}/interpretation",
            Permission::PublishContent,
            Some(get(crate::docs::admin_interp::interp_form)),
            Some(post(crate::docs::admin_interp::interp_save)),
        )
        .staff(
            "/admin/docs/{id}/interpretation/approve",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_interp::interp_approve)),
        )
        .staff(
            "/admin/docs/{id}/return",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::return_to_author)),
        )
        .staff(
            "/admin/docs/{id}/publish",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::publish)),
        )
        .staff(
            "/admin/docs/{id}/revision/approve",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::approve_revision)),
        )
        .staff(
            "/admin/docs/{id}/revision/return",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::return_revision)),
        )
        .staff(
            "/admin/docs/{id}/withdraw",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::withdraw)),
        )
        .staff(
            "/admin/docs/{id}/validity",
            Permission::ReviewContent,
            None,
            Some(post(crate::docs::admin_review::set_validity)),
        )
        .staff(
            "/admin/topics",
            Permission::ManageTopics,
            Some(get(crate::docs::topics::list)),
            Some(post(crate::docs::topics::create)),
        )
        .staff(
            "/admin/topics/{id}",
            Permission::ManageTopics,
            None,
            Some(post(crate::docs::topics::rename)),
        )
        .nav(10, "/admin/docs", "公文库", Permission::Content)
        .nav(82, "/admin/topics", "主题分类", Permission::ManageTopics)
}

async fn guide(
    axum::extract::State(state): axum::extract::State<AppState>,
    layout: crate::web::Layout,
) -> Result<axum::response::Response, crate::error::AppError> {
    portal::column_page(&state, layout, "guide", model::Column::Guide).await
}

async fn rules(
    axum::extract::State(state): axum::extract::State<AppState>,
    layout: crate::web::Layout,
) -> Result<axum::response::Response, crate::error::AppError> {
    portal::column_page(&state, layout, "rules", model::Column::Rules).await
}
