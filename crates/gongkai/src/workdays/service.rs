//! Saving schedules: the years replaced and their audit entries in one transaction.

use super::WorkdayAction;
use crate::audit::{self, Actor};
use crate::db::Db;

/// Save the schedules in `text` (one or more years), replacing those years, audited.
pub async fn save(db: &Db, text: &str, actor: &Actor) -> Result<Vec<i32>, Vec<String>> {
    let parsed =
        workday::parse(text).map_err(|e| e.iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
    let years: Vec<i32> = parsed.iter().map(|s| s.year).collect();
    let result: sqlx::Result<()> = async {
        let mut tx = db.begin().await?;
        for s in &parsed {
            super::store::put_year(&mut tx, s.year, &s.to_text(), &actor.name).await?;
            audit::append(
                &mut tx,
                actor,
                WorkdayAction::Save,
                "workday_year",
                Some(s.year.to_string()),
                format!("录入{}年节假日安排（{}个节日）", s.year, s.holidays.len()),
            )
            .await?;
        }
        tx.commit().await
    }
    .await;
    result.map_err(|e| {
        tracing::error!(error = %e, "saving calendar failed");
        vec!["保存失败，请稍后重试".to_string()]
    })?;
    Ok(years)
}
