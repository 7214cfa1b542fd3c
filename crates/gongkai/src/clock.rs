//! Time helpers: storage is UTC; people read Beijing time (UTC+8, no DST).

use chrono::{DateTime, FixedOffset, Utc};

/// Today's date in Beijing: the calendar date of deadlines and validity.
pub fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&beijing()).date_naive()
}

pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// `2026-03-02 14:05` in Beijing time.
pub fn fmt_local(t: &DateTime<Utc>) -> String {
    t.with_timezone(&beijing())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

pub fn fmt_local_opt(t: &Option<DateTime<Utc>>) -> String {
    t.as_ref().map(fmt_local).unwrap_or_default()
}

/// The current time at microsecond precision: what PostgreSQL keeps, so values
/// round-trip on both backends.
pub fn now() -> DateTime<Utc> {
    let n = Utc::now();
    DateTime::from_timestamp_micros(n.timestamp_micros()).unwrap_or(n)
}
