//! What the pages and the API of 智能小城 share: answering (with the question logged
//! de-identified), the bank's first import, and every staff change with its audit
//! entry in the same transaction.

use super::QaAction;
use serde::Serialize;

use super::engine::Outcome;
use super::model::{Entry, Source};
use super::store;
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;

/// A source as the answer shows it: its name and a link (a law article's anchor on
/// the law's page in the 法规库, or a page of the site).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SourceLink {
    /// 《法规名》第X条, or the page's title
    pub title: String,
    pub url: String,
    /// 法规名 (law sources)
    #[serde(skip_serializing_if = "String::is_empty")]
    pub law: String,
    /// 第X条 (law sources)
    #[serde(skip_serializing_if = "String::is_empty")]
    pub article: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerItem {
    /// The entry's id, as in faq.jsonl (faq-001 …)
    pub faq_id: String,
    pub question: String,
    pub answer: String,
    pub sources: Vec<SourceLink>,
    /// 0–1; the best answer's score is the assistant's confidence
    pub score: f32,
}

/// A page of the site that may help when the assistant declines (您可能想找).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Answered {
    /// true: no answer in the bank is good enough; see suggestions and 网民留言
    pub declined: bool,
    /// hybrid (lexical + sentence vectors) or lexical (no model installed)
    pub mode: String,
    /// Best first (at most 3); empty when declined
    pub answers: Vec<AnswerItem>,
    /// When declined: site-search results for the question
    pub suggestions: Vec<Suggestion>,
    /// The logged question's id (for 有用 / 没用), absent when not logged
    #[serde(skip)]
    pub logged: Option<i64>,
}

/// The entry's sources as links.
pub async fn links(db: &Db, sources: &[Source]) -> Result<Vec<SourceLink>, AppError> {
    let mut out = Vec::new();
    for s in sources {
        let url = if s.law.is_empty() {
            s.url.clone()
        } else {
            match store::law_link(db, &s.law, &s.path, &s.article).await? {
                Some((id, Some(ord))) => format!("/laws/{id}#a{ord}"),
                Some((id, None)) => format!("/laws/{id}"),
                None => format!(
                    "/search?kind={}&q={}",
                    crate::audit::admin::percent_encode("法规"),
                    crate::audit::admin::percent_encode(&format!("{} {}", s.law, s.article))
                ),
            }
        };
        out.push(SourceLink {
            title: s.label(),
            url,
            law: s.law.clone(),
            article: s.article.clone(),
        });
    }
    Ok(out)
}

/// Answer `question`: rank the bank, decline or give the best answers with their
/// sources, and on a decline the best site-search results. The question is logged
/// de-identified (crates/redact) when `log`.
pub async fn ask(state: &AppState, question: &str, log: bool) -> Result<Answered, AppError> {
    let q: String = question
        .trim()
        .chars()
        .take(super::model::MAX_QUESTION_CHARS)
        .collect();
    let index = super::index(state).await?;
    let outcome: Outcome = if q.is_empty() {
        index.ask("", 3)
    } else {
        index.ask(&q, 3)
    };
    let mut answers = Vec::new();
    if !outcome.declined {
        for r in &outcome.ranked {
            let e = &index.entries[r.entry];
            answers.push(AnswerItem {
                faq_id: e.faq_id.clone(),
                question: e.question.clone(),
                answer: e.answer.clone(),
                sources: links(&state.db, &e.sources).await?,
                score: (r.score * 1000.0).round() / 1000.0,
            });
        }
    }
    let suggestions = if outcome.declined && !q.is_empty() {
        site_results(state, &q)
    } else {
        Vec::new()
    };
    let logged = if log && !q.is_empty() {
        let clean = redact::redact(&q, &crate::names_model::options()).text;
        let top = outcome
            .ranked
            .first()
            .map(|r| index.entries[r.entry].faq_id.as_str());
        Some(
            store::log_question(
                &state.db,
                &clean,
                top,
                f64::from(outcome.confidence),
                outcome.declined,
            )
            .await?,
        )
    } else {
        None
    };
    Ok(Answered {
        declined: outcome.declined,
        mode: if index.hybrid() { "hybrid" } else { "lexical" }.into(),
        answers,
        suggestions,
        logged,
    })
}

/// The best five site-search results for the question (none while the index starts).
fn site_results(state: &AppState, q: &str) -> Vec<Suggestion> {
    let Some(s) = crate::sitesearch::index(state) else {
        return Vec::new();
    };
    let sq = crate::sitesearch::portal::SearchQuery {
        q: q.chars().take(100).collect(),
        ..Default::default()
    };
    let mut query = crate::sitesearch::portal::engine_query(&sq, &state.site.region, false);
    query.limit = 5;
    match s.current().index.search(&query) {
        Ok(r) => r
            .hits
            .into_iter()
            .map(|h| Suggestion {
                title: if h.number.is_empty() {
                    h.title
                } else {
                    format!("{} {}", h.title, h.number)
                },
                url: h.url,
            })
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "qa site search failed");
            Vec::new()
        }
    }
}

/// Import the bank that ships with the product into an empty table (the first start);
/// entries that exist are left alone. Returns how many were added.
pub async fn seed(db: &Db) -> Result<usize, AppError> {
    let bank = super::model::bundled()?;
    let actor = Actor::system();
    let mut tx = db.begin().await?;
    let mut n = 0;
    for e in &bank {
        n += usize::from(store::insert(&mut tx, e, &actor.name).await?.is_some());
    }
    if n > 0 {
        audit::append(
            &mut tx,
            &actor,
            QaAction::Seed,
            "qa_entry",
            None,
            format!("导入随产品提供的问答库 {n} 条"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// Create an entry (its faq id the next in the series); `from` marks the question it
/// was made from as handled. Returns the new row id.
pub async fn create(
    db: &Db,
    actor: &Actor,
    mut e: Entry,
    from: Option<i64>,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    e.faq_id = store::next_faq_id(&mut tx).await?;
    let id = store::insert(&mut tx, &e, &actor.name)
        .await?
        .ok_or_else(|| AppError::Conflict("编号已被占用，请重试".into()))?;
    if let Some(q) = from {
        store::mark_handled(&mut tx, q).await?;
    }
    audit::append(
        &mut tx,
        actor,
        QaAction::Create,
        "qa_entry",
        Some(e.faq_id.clone()),
        format!(
            "新建问答 {}：{}{}",
            e.faq_id,
            e.question,
            from.map(|q| format!("（来自提问 {q}）"))
                .unwrap_or_default()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Save a new version of an entry that is still at `version`.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    e: &Entry,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let old = store::get_tx(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::update(&mut tx, id, version, e, active, &actor.name).await? {
        return Err(AppError::Conflict(
            "该问答已被他人修改，请重新打开后再改".into(),
        ));
    }
    let mut changed = Vec::new();
    for (label, a, b) in [
        ("分类", old.category.as_str(), e.category.as_str()),
        ("问题", &old.question, &e.question),
        ("答案", &old.answer, &e.answer),
    ] {
        if a != b {
            changed.push(label.to_string());
        }
    }
    if old.sources() != e.sources {
        changed.push("来源".into());
    }
    if old.paraphrase_list() != e.paraphrases {
        changed.push(format!(
            "相似问法（{} → {} 条）",
            old.paraphrase_list().len(),
            e.paraphrases.len()
        ));
    }
    if old.active != active {
        changed.push(if active { "启用" } else { "停用" }.into());
    }
    audit::append(
        &mut tx,
        actor,
        QaAction::Update,
        "qa_entry",
        Some(old.faq_id.clone()),
        format!(
            "修改问答 {} 为第 {} 版：{}",
            old.faq_id,
            version + 1,
            if changed.is_empty() {
                "无内容变化".into()
            } else {
                changed.join("、")
            }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One click: the asked question becomes a 相似问法 of entry `entry_id`.
pub async fn add_paraphrase(
    db: &Db,
    actor: &Actor,
    question_id: i64,
    entry_id: i64,
) -> Result<String, AppError> {
    let q = store::question(db, question_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = db.begin().await?;
    let row = store::get_tx(&mut tx, entry_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut e = row.to_entry();
    let text: String = q
        .question
        .chars()
        .take(super::model::MAX_PARAPHRASE_CHARS)
        .collect();
    if !e.paraphrases.contains(&text) && e.question != text {
        e.paraphrases.push(text.clone());
    }
    if !store::update(&mut tx, entry_id, row.version, &e, row.active, &actor.name).await? {
        return Err(AppError::Conflict("该问答已被他人修改，请重试".into()));
    }
    store::mark_handled(&mut tx, question_id).await?;
    audit::append(
        &mut tx,
        actor,
        QaAction::Paraphrase,
        "qa_entry",
        Some(row.faq_id.clone()),
        format!(
            "把提问 {question_id} 加为 {} 的相似问法（第 {} 版）",
            row.faq_id,
            row.version + 1
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(row.faq_id)
}

/// Mark a question handled without changing the bank.
pub async fn dismiss(db: &Db, actor: &Actor, question_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if store::mark_handled(&mut tx, question_id).await? {
        audit::append(
            &mut tx,
            actor,
            QaAction::Dismiss,
            "qa_question",
            Some(question_id.to_string()),
            format!("提问 {question_id} 标为已处理（不改问答库）"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
