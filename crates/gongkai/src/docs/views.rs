//! What templates show of a document: labels, dates and validity worked out once.

use crate::web::Choice;
use chrono::NaiveDate;

use super::model::{Column, Disclosure, Genre, Ground, InterpForm, Validity};
use super::store::{DocRow, InterpRow, Topic, topic_path};

pub struct DocView {
    pub id: i64,
    pub title: String,
    pub issuer: String,
    pub disclosure: &'static str,
    pub ground: &'static str,
    pub index_no: String,
    pub doc_no: String,
    pub written_on: String,
    pub published_on: String,
    pub genre: &'static str,
    pub topic: String,
    pub column: &'static str,
    pub normative: bool,
    pub provisional: bool,
    /// "" when not a normative document.
    pub validity: &'static str,
    pub validity_code: &'static str,
    pub effective_on: String,
    pub valid_until: String,
    pub validity_decision: String,
    pub replaced_by: Option<i64>,
    pub state: &'static str,
    pub state_code: String,
    pub needs_interpretation: bool,
    /// The body as sanitised HTML (see `richtext`).
    pub body_html: String,
    pub review_note: String,
    pub withdraw_reason: String,
    pub withdraw_public: bool,
    pub author_id: Option<i64>,
    /// Approved for publication at this time (Beijing), or "".
    pub publish_at: String,
}

fn ymd(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl DocView {
    pub fn new(d: &DocRow, topics: &[Topic], today: NaiveDate) -> DocView {
        let validity = d.validity_today(today);
        DocView {
            id: d.id,
            title: d.title.clone(),
            issuer: d.issuer_name.clone(),
            disclosure: Disclosure::parse(&d.disclosure)
                .map(|x| x.label())
                .unwrap_or(""),
            ground: d
                .disclosure_ground
                .as_deref()
                .and_then(Ground::parse)
                .map(|g| g.label())
                .unwrap_or(""),
            index_no: d.index_no.clone(),
            doc_no: d.doc_no.clone().unwrap_or_default(),
            written_on: ymd(d.written_on),
            published_on: ymd(d.published_on),
            genre: d.genre().label(),
            topic: topic_path(topics, d.topic_id),
            column: d.column().label(),
            normative: d.normative,
            provisional: d.provisional,
            validity: validity.map(|v| v.label()).unwrap_or(""),
            validity_code: validity.map(|v| v.code()).unwrap_or(""),
            effective_on: ymd(d.effective_on),
            valid_until: ymd(d.valid_until),
            validity_decision: d.validity_decision.clone().unwrap_or_default(),
            replaced_by: d.replaced_by,
            state: d.state().label(),
            state_code: d.state.code().into(),
            needs_interpretation: d.needs_interpretation,
            body_html: super::richtext::to_html(&d.body),
            review_note: d.review_note.clone().unwrap_or_default(),
            withdraw_reason: d.withdraw_reason.clone().unwrap_or_default(),
            withdraw_public: d.withdraw_public,
            author_id: d.author_id,
            publish_at: crate::clock::fmt_local_opt(&d.publish_at),
        }
    }
}

pub struct InterpView {
    pub id: i64,
    pub document_id: i64,
    pub title: String,
    pub form: &'static str,
    pub state: &'static str,
    pub state_code: String,
    pub body_html: String,
    pub author_id: Option<i64>,
}

impl InterpView {
    pub fn new(i: &InterpRow) -> InterpView {
        InterpView {
            id: i.id,
            document_id: i.document_id,
            title: i.title.clone(),
            form: InterpForm::parse(&i.form).map(|f| f.label()).unwrap_or(""),
            state: i.state().label(),
            state_code: i.state.code().into(),
            body_html: super::richtext::to_html(&i.body),
            author_id: i.author_id,
        }
    }
}

fn opts<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    selected: &str,
) -> Vec<Choice> {
    crate::web::choices_selected(all, code, label, selected)
}

pub fn genre_opts(selected: &str) -> Vec<Choice> {
    opts(Genre::ALL, Genre::code, Genre::label, selected)
}
pub fn disclosure_opts(selected: &str) -> Vec<Choice> {
    opts(
        Disclosure::ALL,
        Disclosure::code,
        Disclosure::label,
        selected,
    )
}
pub fn ground_opts(selected: &str) -> Vec<Choice> {
    opts(Ground::ALL, Ground::code, Ground::label, selected)
}
pub fn column_opts(selected: &str) -> Vec<Choice> {
    opts(Column::ALL, Column::code, Column::label, selected)
}
pub fn validity_opts(selected: &str) -> Vec<Choice> {
    opts(Validity::ALL, Validity::code, Validity::label, selected)
}
pub fn form_opts(selected: &str) -> Vec<Choice> {
    opts(
        InterpForm::ALL,
        InterpForm::code,
        InterpForm::label,
        selected,
    )
}

/// Topic options in tree order with indentation.
pub fn topic_opts(topics: &[Topic], selected: Option<i64>) -> Vec<Choice> {
    fn walk(
        topics: &[Topic],
        parent: Option<i64>,
        depth: usize,
        selected: Option<i64>,
        out: &mut Vec<Choice>,
    ) {
        for t in topics.iter().filter(|t| t.parent_id == parent) {
            if depth > 5 {
                continue;
            }
            out.push(Choice {
                value: t.id.to_string(),
                label: format!("{}{}", "　".repeat(depth), t.name),
                selected: Some(t.id) == selected,
            });
            walk(topics, Some(t.id), depth + 1, selected, out);
        }
    }
    let mut out = Vec::new();
    walk(topics, None, 0, selected, &mut out);
    out
}
