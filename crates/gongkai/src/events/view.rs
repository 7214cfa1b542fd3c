//! What the public and staff pages show of an event and its sessions: counts only,
//! never a name or phone.

use serde::Serialize;

use super::model::RegStatus;
use super::store::{self, EventRow, SessionRow};
use crate::db::Db;
use crate::draws::DrawView;
use crate::error::AppError;

/// A session as shown on the event page, in the API and on the report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionView {
    pub id: i64,
    pub place: String,
    /// Beijing time, `2027-07-15 09:00`
    pub starts_at: String,
    pub capacity: i64,
    /// People holding a seat.
    pub confirmed: i64,
    pub remaining: i64,
    /// Registrations waiting for a seat.
    pub waitlisted: i64,
    /// Registrations waiting for the draw.
    pub applied: i64,
    /// People checked in.
    pub arrived: i64,
    /// first_come | draw
    pub selection: String,
    pub selection_label: String,
    /// The draw (named beacon and commitment before, record after), if any.
    pub draw: Option<DrawView>,
    /// A draw is committed and not yet made.
    pub pending_draw: bool,
}

pub fn draw_view(s: &SessionRow) -> Option<DrawView> {
    DrawView::of(
        s.draw_beacon.as_deref(),
        s.draw_commitment.as_deref(),
        &s.draw_committed_at,
        s.draw_record.as_deref(),
        &s.drawn_at,
        format!("/interact/events/sessions/{}/draw.json", s.id),
    )
}

pub async fn sessions(db: &Db, event_id: i64) -> Result<Vec<SessionView>, AppError> {
    Ok(crate::db::rows_for(
        sessions_of(db, &[event_id]).await?,
        event_id,
    ))
}

/// The sessions of several events with their counts, grouped by event: two queries
/// for a whole list.
pub async fn sessions_of(
    db: &Db,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<SessionView>>, AppError> {
    let counts: std::collections::HashMap<(i64, RegStatus), store::CountRow> =
        store::counts_of(db, ids)
            .await?
            .into_iter()
            .map(|c| ((c.session_id, c.status), c))
            .collect();
    let n = |sid: i64, st: RegStatus| counts.get(&(sid, st));
    let view = |s: SessionRow| {
        let confirmed = n(s.id, RegStatus::Confirmed).map_or(0, |c| c.people);
        SessionView {
            id: s.id,
            place: s.place.clone(),
            starts_at: crate::clock::fmt_local(&s.starts_at),
            capacity: s.capacity,
            confirmed,
            remaining: (s.capacity - confirmed).max(0),
            waitlisted: n(s.id, RegStatus::Waitlisted).map_or(0, |c| c.regs),
            applied: n(s.id, RegStatus::Applied).map_or(0, |c| c.regs),
            arrived: n(s.id, RegStatus::Confirmed).map_or(0, |c| c.arrived),
            selection: s.selection.code().into(),
            selection_label: s.selection.label().into(),
            pending_draw: s.draw_commitment.is_some() && s.draw_record.is_none(),
            draw: draw_view(&s),
        }
    };
    Ok(store::sessions_of(db, ids)
        .await?
        .into_iter()
        .map(|(event, rows)| (event, rows.into_iter().map(view).collect()))
        .collect())
}

/// A published event, or 404.
pub async fn published(db: &Db, id: i64) -> Result<EventRow, AppError> {
    store::event(db, id)
        .await?
        .filter(|e| e.published)
        .ok_or(AppError::NotFound)
}

/// Registration is open now.
pub fn is_open(e: &EventRow) -> bool {
    let now = crate::clock::now();
    e.published && e.opens_at <= now && now < e.closes_at
}
