//! The audited changes of reply letters, each in one transaction with its audit
//! entry (the SQL is in `store.rs` and `letter_settings.rs`): letter templates, an
//! organ's letter settings, and giving a letter its number.

use chrono::{Datelike, NaiveDate};

use super::FoiAction;
use super::letter_settings::{self, LetterSettings, NewLetter, format_number, issued};
use super::store;
use crate::audit::{self, Actor};
use crate::db::Db;

/// Save a letter template (kind → title and body), audited.
pub async fn save_template(
    db: &Db,
    kind: &str,
    title: &str,
    body: &str,
    actor: &Actor,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::save_template(&mut tx, kind, title, body, &actor.name).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::Template,
        "foi_letter_template",
        Some(kind.into()),
        format!("修改文书模板“{title}”"),
    )
    .await?;
    tx.commit().await
}

/// Save an organ's settings (audited).
pub async fn save_settings(db: &Db, s: &LetterSettings, actor: &Actor) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    letter_settings::upsert(&mut tx, s, &actor.name).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::LetterSettings,
        "unit",
        Some(s.unit_id.to_string()),
        format!(
            "设置依申请公开文书：署名“{}”，复议机关“{}”，文号格式“{}”",
            s.signer, s.review_organ, s.number_pattern
        ),
    )
    .await?;
    tx.commit().await
}

/// Give the case's letter of `kind` its number: the next of the organ's sequence
/// for the year of `on`, in one transaction with the audit entry. A letter that
/// already has a number keeps it.
pub async fn issue(
    db: &Db,
    case_id: i64,
    kind: &str,
    organ: &LetterSettings,
    on: NaiveDate,
    actor: &Actor,
) -> sqlx::Result<(String, NaiveDate)> {
    if let Some(n) = issued(db, case_id, kind).await? {
        return Ok(n);
    }
    let year = on.year();
    let mut tx = db.begin().await?;
    let n = letter_settings::next_number(&mut tx, organ.unit_id, year).await?;
    let number = format_number(&organ.number_pattern, year, n);
    let letter = NewLetter {
        case_id,
        kind,
        unit_id: organ.unit_id,
        year,
        n,
        number: &number,
        on,
        by: &actor.name,
    };
    if let Err(e) = letter_settings::insert_letter(&mut tx, &letter).await {
        // Another request numbered the same letter first: keep its number.
        drop(tx);
        return match issued(db, case_id, kind).await? {
            Some(n) => Ok(n),
            None => Err(e),
        };
    }
    audit::append(
        &mut tx,
        actor,
        FoiAction::LetterNumber,
        "foi_case",
        Some(case_id.to_string()),
        format!("文书编号 {number}（{kind}）"),
    )
    .await?;
    tx.commit().await?;
    Ok((number, on))
}

/// Demo settings for `serve --demo`: the root organ answers to 上海市人民政府, each
/// district bureau to its district's government.
pub async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    let units = crate::auth::store::all_units(db).await?;
    for u in units.iter().filter(|u| u.is_organ()) {
        let (review, pattern) = if u.parent_id.is_none() {
            (
                "上海市人民政府".to_string(),
                "沪城管执依复〔{year}〕{n}号".to_string(),
            )
        } else {
            let district = match u.name.find('区') {
                Some(i) => &u.name[..i + '区'.len_utf8()],
                None => u.name.as_str(),
            };
            (
                format!("{district}人民政府"),
                format!("{district}城管依复〔{{year}}〕{{n}}号"),
            )
        };
        let s = LetterSettings {
            unit_id: u.id,
            signer: u.name.clone(),
            review_organ: review,
            number_pattern: pattern,
        };
        save_settings(db, &s, &Actor::system()).await?;
    }
    Ok(())
}
