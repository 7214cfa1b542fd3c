//! What the public sees of an opened meeting (page and API): seats and counts per
//! category, the draw, who attended (named only with consent), each topic's opinions
//! with 采纳/部分采纳/未采纳 and the reason, and the decision. No phone, no
//! unconsented name, no 统一社会信用代码 of a person's application.

use serde::Serialize;

use super::model::{self, Adoption, AppStatus};
use super::store::{self, MeetingRow};
use crate::db::Db;
use crate::draws::DrawView;
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SeatView {
    /// npc | cppcc | expert | public | enterprise | media
    pub category: String,
    pub label: String,
    pub seats: i64,
    pub applied: i64,
    pub selected: i64,
    pub attended: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OpinionView {
    /// The speaker as published: name and category with consent, else the category.
    pub speaker: String,
    pub content: String,
    /// pending | adopted | partial | rejected
    pub adoption: String,
    pub adoption_label: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TopicView {
    pub id: i64,
    pub title: String,
    pub document_url: String,
    pub decision: String,
    pub decision_url: String,
    pub opinions: Vec<OpinionView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    pub id: i64,
    /// party | director
    pub body: String,
    pub body_label: String,
    pub title: String,
    /// Beijing time
    pub held_at: String,
    pub place: String,
    pub apply_opens_at: String,
    pub apply_closes_at: String,
    pub open: bool,
    pub seats: Vec<SeatView>,
    pub draw: Option<DrawView>,
    /// Attendees as published (after the meeting).
    pub attendees: Vec<String>,
    pub topics: Vec<TopicView>,
    /// Opinions per outcome: adopted, partial, rejected, pending.
    pub adoption_counts: [i64; 4],
}

pub fn is_open(m: &MeetingRow) -> bool {
    let now = crate::clock::now();
    m.published && m.apply_opens_at <= now && now < m.apply_closes_at
}

pub async fn published(db: &Db, id: i64) -> Result<MeetingRow, AppError> {
    store::meeting(db, id)
        .await?
        .filter(|m| m.published)
        .ok_or(AppError::NotFound)
}

pub async fn view(db: &Db, m: &MeetingRow) -> Result<MeetingView, AppError> {
    let mut v = views(db, std::slice::from_ref(m)).await?;
    v.pop().ok_or(AppError::NotFound)
}

/// The views of several meetings (a list): four queries in all, not four a meeting.
pub async fn views(db: &Db, ms: &[MeetingRow]) -> Result<Vec<MeetingView>, AppError> {
    let ids: Vec<i64> = ms.iter().map(|m| m.id).collect();
    let mut apps = store::applications_of(db, &ids).await?;
    let mut opinions = store::opinions_of(db, &ids).await?;
    let mut seats = store::seats_of(db, &ids).await?;
    let mut topics = store::topics_of(db, &ids).await?;
    let mut take = |m: &MeetingRow| Parts {
        apps: apps.remove(&m.id).unwrap_or_default(),
        opinions: opinions.remove(&m.id).unwrap_or_default(),
        seats: seats.remove(&m.id).unwrap_or_default(),
        topics: topics.remove(&m.id).unwrap_or_default(),
    };
    Ok(ms.iter().map(|m| build(m, take(m))).collect())
}

/// What a meeting's view is made of besides the meeting.
struct Parts {
    apps: Vec<store::ApplicationRow>,
    opinions: Vec<store::OpinionRow>,
    seats: Vec<store::SeatRow>,
    topics: Vec<store::TopicRow>,
}

fn build(m: &MeetingRow, parts: Parts) -> MeetingView {
    let Parts {
        apps,
        opinions,
        seats,
        topics,
    } = parts;
    let count = |c: model::Category, f: &dyn Fn(&store::ApplicationRow) -> bool| {
        apps.iter().filter(|a| a.category == c && f(a)).count() as i64
    };
    let seats = seats
        .into_iter()
        .map(|s| SeatView {
            category: s.category.code().into(),
            label: s.category.label().into(),
            seats: s.seats,
            applied: count(s.category, &|_| true),
            selected: count(s.category, &|a| a.status == AppStatus::Selected),
            attended: count(s.category, &|a| a.attended),
        })
        .collect();
    let speaker = |id: Option<i64>| {
        id.and_then(|id| apps.iter().find(|a| a.id == id))
            .map(|a| model::public_name(a.category, &a.name, a.publish_name))
            .unwrap_or_else(|| "列席人员".into())
    };
    let mut adoption_counts = [0i64; 4];
    for o in &opinions {
        let i = match o.adoption {
            Adoption::Adopted => 0,
            Adoption::Partial => 1,
            Adoption::Rejected => 2,
            Adoption::Pending => 3,
        };
        adoption_counts[i] += 1;
    }
    let topics = topics
        .into_iter()
        .map(|t| TopicView {
            opinions: opinions
                .iter()
                .filter(|o| o.topic_id == t.id)
                .map(|o| OpinionView {
                    speaker: speaker(o.application_id),
                    content: o.content.clone(),
                    adoption: o.adoption.code().into(),
                    adoption_label: o.adoption.label().into(),
                    reason: o.reason.clone(),
                })
                .collect(),
            id: t.id,
            title: t.title,
            document_url: t.document_url,
            decision: t.decision,
            decision_url: t.decision_url,
        })
        .collect();
    MeetingView {
        id: m.id,
        body: m.body.code().into(),
        body_label: m.body.label().into(),
        title: m.title.clone(),
        held_at: crate::clock::fmt_local(&m.held_at),
        place: m.place.clone(),
        apply_opens_at: crate::clock::fmt_local(&m.apply_opens_at),
        apply_closes_at: crate::clock::fmt_local(&m.apply_closes_at),
        open: is_open(m),
        seats,
        draw: DrawView::of(
            m.draw_beacon.as_deref(),
            m.draw_commitment.as_deref(),
            &m.draw_committed_at,
            m.draw_record.as_deref(),
            &m.drawn_at,
            format!("/interact/meetings/{}/draw.json", m.id),
        ),
        attendees: apps
            .iter()
            .filter(|a| a.attended)
            .map(|a| model::public_name(a.category, &a.name, a.publish_name))
            .collect(),
        topics,
        adoption_counts,
    }
}
