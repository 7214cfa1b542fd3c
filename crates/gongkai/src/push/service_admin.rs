//! Transactions of the back office, each audited: push platforms, the subscribers
//! import (all or nothing), themes and measures.

use std::collections::HashSet;

use super::PushAction;
use super::form_admin::{self, MeasureInput, PlatformInput, ThemeInput};
use super::model::Applicability;
use super::store::{self, MEASURE, Measure, NewSubscriber};
use super::store_platforms::{self, Platform};
use super::store_themes;
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;

/// Register a platform (`id` None) or change one; the secret is never audited.
pub async fn save_platform(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    p: &PlatformInput,
) -> Result<i64, AppError> {
    let taken = store_platforms::platforms(db)
        .await?
        .iter()
        .any(|o| o.name == p.name && Some(o.id) != id);
    if taken {
        return Err(AppError::Conflict(format!("已有名为“{}”的平台", p.name)));
    }
    let mut tx = db.begin().await?;
    let (id, summary) = match id {
        None => {
            let secret = p.secret.as_deref().unwrap_or_default();
            let id = store_platforms::insert_platform(&mut tx, &p.name, &p.url, secret).await?;
            (id, format!("登记推送平台“{}”：{}", p.name, p.url))
        }
        Some(id) => {
            let old = store_platforms::platform(db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            store_platforms::update_platform(
                &mut tx,
                &Platform {
                    id,
                    name: p.name.clone(),
                    url: p.url.clone(),
                    secret: p.secret.clone().unwrap_or(old.secret),
                    active: p.active,
                },
            )
            .await?;
            let key = if p.secret.is_some() {
                "，更换了签名密钥"
            } else {
                ""
            };
            let on = if p.active { "启用" } else { "停用" };
            (
                id,
                format!("修改推送平台“{}”：{}，{on}{key}", p.name, p.url),
            )
        }
    };
    audit::append(
        &mut tx,
        actor,
        PushAction::Platform,
        "push_platform",
        Some(id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The rows of an uploaded table as subscribers, or every bad row's problems
/// (1-based line numbers, the header being line 1).
pub fn check_import(cells: &[Vec<String>]) -> Result<Vec<NewSubscriber>, Vec<(usize, String)>> {
    let Some(header) = cells.first() else {
        return Err(vec![(1, "表格是空的".into())]);
    };
    let col = match crate::table::labelled_columns(
        header,
        form_admin::IMPORT_FIELDS,
        form_admin::IMPORT_REQUIRED,
    ) {
        Ok(c) => c,
        Err(label) => return Err(vec![(1, format!("缺少必需的列“{label}”"))]),
    };
    let (mut ok, mut bad, mut seen) = (Vec::new(), Vec::new(), HashSet::new());
    for (i, row) in cells.iter().enumerate().skip(1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |k: &str| crate::table::cell(row, &col, k);
        match form_admin::import_row(&get) {
            Ok(s) if !seen.insert(s.credit_code.clone()) => {
                bad.push((
                    i + 1,
                    format!("统一社会信用代码 {} 在表中重复", s.credit_code),
                ));
            }
            Ok(s) => ok.push(s),
            Err(m) => bad.push((i + 1, m)),
        }
    }
    if ok.is_empty() && bad.is_empty() {
        bad.push((2, "表格没有数据行".into()));
    }
    if bad.is_empty() { Ok(ok) } else { Err(bad) }
}

/// Import checked rows for delivery through a platform, in one transaction: an
/// enterprise already reached through it is updated, others are added active.
/// Returns (added, updated). One audit entry, naming no enterprise.
pub async fn import_subscribers(
    db: &Db,
    actor: &Actor,
    platform_id: i64,
    rows: &[NewSubscriber],
) -> Result<(usize, usize), AppError> {
    let p = store_platforms::platform(db, platform_id)
        .await?
        .ok_or_else(|| AppError::BadRequest("请选择推送平台".into()))?;
    let mut existing = Vec::with_capacity(rows.len());
    for r in rows {
        existing.push(store_platforms::platform_subscriber(db, p.id, &r.credit_code).await?);
    }
    let mut tx = db.begin().await?;
    let (mut added, mut updated) = (0, 0);
    for (r, old) in rows.iter().zip(existing) {
        match old {
            Some(s) => {
                store::update_subscriber(&mut tx, s.id, r).await?;
                updated += 1;
            }
            None => {
                let token = super::service::random_token();
                store_platforms::insert_platform_subscriber(&mut tx, r, p.id, &token).await?;
                added += 1;
            }
        }
    }
    audit::append(
        &mut tx,
        actor,
        PushAction::Import,
        "push_platform",
        Some(p.id.to_string()),
        format!(
            "导入经“{}”推送的企业 {} 家（新增 {added}，更新 {updated}）",
            p.name,
            rows.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((added, updated))
}

/// Create (`id` None) or change a theme.
pub async fn save_theme(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    t: &ThemeInput,
) -> Result<i64, AppError> {
    if store_themes::slug_taken(db, &t.slug, id.unwrap_or(0)).await? {
        return Err(AppError::Conflict(format!(
            "网址名 {} 已被其他主题使用",
            t.slug
        )));
    }
    let mut tx = db.begin().await?;
    let id = match id {
        None => {
            let id = store::insert_theme(&mut tx, &t.slug, &t.title, &t.intro).await?;
            store::set_theme_published(&mut tx, id, t.published).await?;
            id
        }
        Some(id) => {
            if store_themes::update_theme(&mut tx, id, &t.slug, &t.title, &t.intro, t.published)
                .await?
                == 0
            {
                return Err(AppError::NotFound);
            }
            id
        }
    };
    let state = if t.published { "公开" } else { "不公开" };
    audit::append(
        &mut tx,
        actor,
        PushAction::Theme,
        "push_theme",
        Some(id.to_string()),
        format!("主题“{}”（/themes/{}，{state}）", t.title, t.slug),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Add (`id` None) or change a measure of a theme, with its tags. The basis
/// document must exist.
pub async fn save_measure(
    db: &Db,
    actor: &Actor,
    theme_id: i64,
    id: Option<i64>,
    m: &MeasureInput,
    tags: &Applicability,
) -> Result<i64, AppError> {
    if let Some(doc) = m.basis_document_id
        && crate::docs::store::get_many(db, &[doc]).await?.is_empty()
    {
        return Err(AppError::BadRequest(format!("依据文件 #{doc} 不存在")));
    }
    let row = Measure {
        id: id.unwrap_or(0),
        theme_id,
        seq: m.seq,
        title: m.title.clone(),
        gives: m.gives.clone(),
        conditions: m.conditions.clone(),
        how_to_apply: m.how_to_apply.clone(),
        contact: m.contact.clone(),
        basis_document_id: m.basis_document_id,
        basis_article: m.basis_article.clone(),
        valid_until: m.valid_until,
    };
    let mut tx = db.begin().await?;
    let id = match id {
        None => store::insert_measure(&mut tx, &row).await?,
        Some(id) => {
            store_themes::update_measure(&mut tx, &row).await?;
            id
        }
    };
    store::set_tags(&mut tx, MEASURE, id, tags).await?;
    let basis = match m.basis_document_id {
        Some(d) => format!("，依据文件 #{d} {}", m.basis_article),
        None => String::new(),
    };
    audit::append(
        &mut tx,
        actor,
        PushAction::Measure,
        "push_measure",
        Some(id.to_string()),
        format!("主题 #{theme_id} 的措施“{}”{basis}", m.title),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_measure(db: &Db, actor: &Actor, m: &Measure) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    store_themes::delete_measure(&mut tx, m.id).await?;
    audit::append(
        &mut tx,
        actor,
        PushAction::MeasureDelete,
        "push_measure",
        Some(m.id.to_string()),
        format!("删除主题 #{} 的措施“{}”", m.theme_id, m.title),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
