//! Staff changes of the annual report, each audited in its transaction: the
//! draft text and hand-entered figures, the 复议/诉讼 recorded on FOI cases, and
//! turning the report into a 年报 document that goes through review.

use super::AnnualAction;
use super::report::{self, Computed};
use super::store::{self, Draft, ProceedingInput};
use crate::audit;
use crate::auth::CurrentUser;
use crate::docs::store::DocInput;
use crate::error::AppError;
use crate::state::AppState;

pub async fn save_draft(state: &AppState, d: &Draft, user: &CurrentUser) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    store::save_draft(&mut tx, d, user.id).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        AnnualAction::Draft,
        "annual_report",
        Some(format!("{}/{}", d.year, d.organ_id)),
        format!(
            "保存{}年度报告草稿（机关{}；许可{}件，强制{}件，收费{}元）",
            d.year, d.organ_id, d.licences, d.coercions, d.fees_yuan
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_proceeding(
    state: &AppState,
    case_id: i64,
    receipt_no: &str,
    i: &ProceedingInput,
    user: &CurrentUser,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin().await?;
    let id = store::add_proceeding(&mut tx, case_id, i, user.id).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        AnnualAction::ProceedingAdd,
        "foi_case",
        Some(case_id.to_string()),
        format!(
            "{receipt_no}：登记{}（{}提起），{}",
            i.kind.label(),
            i.filed_on,
            i.outcome.label()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_outcome(
    state: &AppState,
    case_id: i64,
    receipt_no: &str,
    id: i64,
    i: &ProceedingInput,
    user: &CurrentUser,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !store::set_outcome(&mut tx, case_id, id, i.outcome, i.concluded_on).await? {
        return Err(AppError::NotFound);
    }
    audit::append(
        &mut tx,
        &user.actor(),
        AnnualAction::ProceedingOutcome,
        "foi_case",
        Some(case_id.to_string()),
        format!(
            "{receipt_no}：{}结果为{}{}",
            i.kind.label(),
            i.outcome.label(),
            i.concluded_on
                .map(|d| format!("（{d}审结）"))
                .unwrap_or_default()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The 年报 document's title.
pub fn title(organ: &str, year: i32) -> String {
    format!("{organ}{year}年政府信息公开工作年度报告")
}

/// Write the report into its 年报 document (a new draft, or the existing draft
/// updated): it is then sent for review and published like any document. Refused
/// while an invariant is broken or text is left to fill in.
pub async fn to_document(
    state: &AppState,
    c: &Computed,
    d: &Draft,
    user: &CurrentUser,
) -> Result<i64, AppError> {
    let blockers = report::blockers(c, d);
    if !blockers.is_empty() {
        return Err(AppError::Conflict(blockers.join("；")));
    }
    let organ = c.organ.name.clone();
    let input = DocInput {
        title: title(&organ, c.year),
        issuer_name: organ,
        issuer_unit_id: Some(c.organ.id),
        disclosure: "proactive".into(),
        written_on: Some(crate::clock::today()),
        genre: "report".into(),
        column_kind: "annual_report".into(),
        body: report::body(c, d),
        ..Default::default()
    };
    let existing = match d.document_id {
        Some(id) => Some(crate::docs::store::get(&state.db, id).await?),
        None => None,
    };
    let id = match existing.filter(|doc| doc.state() == crate::docs::model::DocState::Draft) {
        Some(doc) => {
            let input = DocInput {
                issuer_unit_id: doc.issuer_unit_id,
                ..input
            };
            crate::docs::workflow::update_draft(&state.db, &doc, &input, user, "annual")
                .await
                .map_err(|e| AppError::Conflict(e.to_string()))?;
            doc.id
        }
        None => {
            crate::docs::workflow::create_draft(
                &state.db,
                &state.site.org_code,
                &input,
                user,
                "annual",
            )
            .await?
        }
    };
    let mut tx = state.db.begin().await?;
    store::set_document(&mut tx, c.year, c.organ.id, id).await?;
    audit::append(
        &mut tx,
        &user.actor(),
        AnnualAction::Document,
        "annual_report",
        Some(format!("{}/{}", c.year, c.organ.id)),
        format!(
            "{}{}年度报告写入年报文件（文件{id}），待送审发布",
            c.organ.name, c.year
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
