//! What every verifiable draw of the site shares (双随机抽查, oversubscribed event sessions,
//! meeting seats): the public beacon named at commitment and entered at the draw, and a
//! fresh secret. The algorithms are in `crates/draw`; docs/DRAW.md explains them.

use crate::error::AppError;
use crate::web::form::Fields;

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
