//! What every verifiable draw of the site shares (双随机抽查, oversubscribed event sessions,
//! meeting seats): the public beacon named at commitment and entered at the draw, and a
//! fresh secret. The algorithms are in `crates/draw`; docs/DRAW.md explains them.

use crate::db::Tx;
use crate::error::AppError;
use crate::web::form::Fields;
use crate::with_tx;

/// The longest beacon source or value accepted (characters).
pub const BEACON_MAX: usize = 200;

/// The beacon source named when committing (field `beacon`): required.
pub fn beacon_source(fields: &Fields) -> Result<String, AppError> {
    let b = fields.get("beacon").trim().to_string();
    if b.is_empty() || b.chars().count() > BEACON_MAX {
        return Err(AppError::field(
            "beacon",
            "请指定抽取时才产生的公开信标（如“中国福利彩票双色球 第2027015期开奖号码”），不超过200字",
        ));
    }
    Ok(b)
}

/// The beacon's value entered at the draw (field `beacon_value`), required when the
/// commitment named a beacon.
pub fn beacon_value(fields: &Fields, named: bool) -> Result<Option<String>, AppError> {
    let v = fields.get("beacon_value").trim().to_string();
    if !named {
        return Ok(None);
    }
    if v.is_empty() || v.chars().count() > BEACON_MAX {
        return Err(AppError::field(
            "beacon_value",
            "请填写公开信标的值（如开奖号码），不超过200字",
        ));
    }
    Ok(Some(v))
}

/// A new 32-byte secret from the operating system's generator.
pub fn new_secret() -> [u8; 32] {
    let mut seed = [0u8; 32];
    rand::Rng::fill(&mut rand::rng(), &mut seed);
    seed
}

/// A commitment for a draw whose applications close at `closes_at`: refused once they
/// have closed (the commitment must be public before anyone knows who applied).
/// Returns the commitment and the secret (hex) to store until the draw.
pub fn commit_before(
    closes_at: chrono::DateTime<chrono::Utc>,
    refused: &str,
) -> Result<(String, String), AppError> {
    if crate::clock::now() >= closes_at {
        return Err(AppError::Conflict(refused.into()));
    }
    let secret = new_secret();
    Ok((draw::commitment(&secret), hex::encode(secret)))
}

/// The stored secret of a committed draw, or `missing` as a conflict when none was committed.
pub fn stored_secret(secret_hex: Option<&str>, missing: &str) -> Result<[u8; 32], AppError> {
    let h = secret_hex.ok_or_else(|| AppError::Conflict(missing.into()))?;
    draw::parse_seed(h).map_err(|e| AppError::Conflict(e.to_string()))
}

/// Record a commitment in the draw columns (`draw_beacon`, `draw_commitment`,
/// `draw_secret`, `draw_committed_at`) of row `id` of `table` (a capability's own
/// table, named by its store), once: 0 rows when one was already committed.
pub async fn store_commitment(
    tx: &mut Tx,
    table: &'static str,
    id: i64,
    beacon: &str,
    commitment: &str,
    secret: &str,
) -> sqlx::Result<u64> {
    let sql = format!(
        "UPDATE {table} SET draw_beacon = $1, draw_commitment = $2, draw_secret = $3,
           draw_committed_at = $4 WHERE id = $5 AND draw_commitment IS NULL"
    );
    with_tx!(tx, |c| sqlx::query(&sql)
        .bind(beacon)
        .bind(commitment)
        .bind(secret)
        .bind(crate::clock::now())
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected()))
}

/// Record a draw (`draw_record`, `drawn_at`) of row `id` of `table`, once: 0 rows when
/// it was already drawn.
pub async fn store_record(
    tx: &mut Tx,
    table: &'static str,
    id: i64,
    record: &str,
) -> sqlx::Result<u64> {
    let sql = format!(
        "UPDATE {table} SET draw_record = $1, drawn_at = $2 WHERE id = $3 AND draw_record IS NULL"
    );
    with_tx!(tx, |c| sqlx::query(&sql)
        .bind(record)
        .bind(crate::clock::now())
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected()))
}

/// Draw: the sortition record of `input` with the committed secret and the beacon's
/// value, and its JSON to store. `verb` names the draw in the refusal (抽签, 抽选).
pub fn sortition(
    input: draw::sortition::SortitionInput,
    secret: &[u8; 32],
    beacon_value: &str,
    verb: &str,
) -> Result<(draw::sortition::SortitionRecord, String), AppError> {
    let record = draw::sortition::record(input, secret, Some(beacon_value))
        .map_err(|e| AppError::Conflict(format!("无法{verb}：{e}")))?;
    let json = serde_json::to_string(&record).map_err(anyhow::Error::from)?;
    Ok((record, json))
}

/// The public record of a draw (JSON) from its stored columns: before the draw only
/// the beacon and the commitment; 404 before a commitment.
pub fn record_response(
    record: Option<&str>,
    commitment: Option<&str>,
    beacon: Option<&str>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let body = match (record, commitment) {
        (Some(r), _) => r.to_string(),
        (None, Some(c)) => serde_json::json!({
            "version": draw::sortition::SORTITION_VERSION,
            "beacon": beacon,
            "commitment": c,
        })
        .to_string(),
        (None, None) => return Err(AppError::NotFound),
    };
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "application/json; charset=utf-8",
        )],
        body,
    )
        .into_response())
}

/// The beacon named in a stored 双随机 input or sortition input (JSON), if any.
pub fn named_beacon(input_json: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(input_json).ok()?;
    v.pointer("/params/beacon")
        .or_else(|| v.get("beacon"))
        .and_then(|b| b.as_str())
        .map(str::to_string)
}

/// The beacon value recorded in a stored record (JSON), if any.
pub fn recorded_value(record_json: Option<&str>) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(record_json?).ok()?;
    v.get("beacon_value")
        .and_then(|b| b.as_str())
        .map(str::to_string)
}

/// A draw as pages and the API show it: the beacon and commitment (public from the
/// commitment on), the beacon's value and time once drawn, where the record is.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct DrawView {
    pub beacon: String,
    pub commitment: String,
    pub committed_at: String,
    pub beacon_value: Option<String>,
    pub drawn_at: Option<String>,
    /// The public record (JSON) at this address.
    pub record_url: String,
}

impl DrawView {
    /// The view of stored draw columns; None before a commitment.
    pub fn of(
        beacon: Option<&str>,
        commitment: Option<&str>,
        committed_at: &Option<chrono::DateTime<chrono::Utc>>,
        record: Option<&str>,
        drawn_at: &Option<chrono::DateTime<chrono::Utc>>,
        record_url: String,
    ) -> Option<DrawView> {
        Some(DrawView {
            beacon: beacon?.to_string(),
            commitment: commitment?.to_string(),
            committed_at: crate::clock::fmt_local_opt(committed_at),
            beacon_value: recorded_value(record),
            drawn_at: drawn_at.as_ref().map(crate::clock::fmt_local),
            record_url,
        })
    }
}
