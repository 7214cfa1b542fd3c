//! 意见征集: input checks and transactions (each with its audit entry).

use super::InteractAction;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::consult_model::{self, ConsultKind, Decision, Phase};
use super::consult_store::{self as store, ConsultRow, NewComment, NewConsult};
use super::form::{phone, text};
use crate::audit::{self, Actor};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;

/// Check the staff form of a new consultation.
pub fn check_new(
    state: &AppState,
    f: &Fields,
    units: &[i64],
) -> Result<NewConsult, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let unit_id = f
        .get("unit_id")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|u| units.contains(u));
    if unit_id.is_none() {
        e.insert("unit_id".into(), "请选择征集单位".into());
    }
    let title = text(&mut e, "title", &f.get("title"), "标题", true, 100);
    let kind = ConsultKind::parse(f.get("kind").trim());
    if kind.is_none() {
        e.insert("kind".into(), "请选择征集类型".into());
    }
    let draft = text(&mut e, "draft", &f.get("draft"), "草案文本", true, 60_000);
    if !draft.is_empty()
        && !consult_model::blocks(&draft)
            .iter()
            .any(|b| b.article.is_some())
    {
        e.insert(
            "draft".into(),
            "草案中没有找到“第X条”，请按条文格式填写（每条另起一行，以“第一条”等开头）".into(),
        );
    }
    let explanation = text(
        &mut e,
        "explanation",
        &f.get("explanation"),
        "起草说明",
        false,
        10_000,
    );
    let date = |e: &mut BTreeMap<String, String>, name: &str, label: &str| {
        let v = f.get(name);
        match v.trim().parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                e.insert(name.into(), format!("请填写{label}（如 2026-01-31）"));
                None
            }
        }
    };
    let opens_on = date(&mut e, "opens_on", "开始日期");
    let closes_on = date(&mut e, "closes_on", "截止日期");
    let short_reason = text(
        &mut e,
        "short_reason",
        &f.get("short_reason"),
        "缩短期限的理由",
        false,
        500,
    );
    let contact = text(&mut e, "contact", &f.get("contact"), "联系方式", true, 200);
    if let (Some(k), Some(o), Some(c)) = (kind, opens_on, closes_on) {
        let cal = crate::workdays::calendar(state);
        if let Some(m) =
            consult_model::period_problem(&cal, &state.settings.interact, k, o, c, &short_reason)
        {
            e.insert("closes_on".into(), m);
        }
    }
    match (unit_id, kind, opens_on, closes_on) {
        (Some(unit_id), Some(kind), Some(opens_on), Some(closes_on)) if e.is_empty() => {
            Ok(NewConsult {
                unit_id,
                title,
                kind,
                draft,
                explanation,
                opens_on,
                closes_on,
                short_reason,
                contact,
            })
        }
        _ => Err(e),
    }
}

pub async fn create(
    state: &AppState,
    c: &NewConsult,
    user: i64,
    actor: &Actor,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin().await?;
    let id = store::insert(&mut tx, c, Some(user)).await?;
    let summary = format!(
        "发布意见征集“{}”（{}，{}至{}）",
        c.title,
        c.kind.label(),
        c.opens_on,
        c.closes_on
    );
    audit::commit(
        tx,
        actor,
        InteractAction::ConsultCreate,
        "interact_consultation",
        id,
        summary,
    )
    .await?;
    Ok(id)
}

/// Check a citizen's comment: open consultation, an article of the draft (or the
/// whole), a passage quoted from that article, content, phone; name optional.
pub fn check_comment(
    c: &ConsultRow,
    f: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<NewComment, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match Phase::of(c.opens_on, c.closes_on, today) {
        Phase::Open => {}
        Phase::NotYet => {
            e.insert(
                "content".into(),
                format!("本次意见征集{}开始，尚不能提交意见", c.opens_on),
            );
            return Err(e);
        }
        Phase::Closed => {
            e.insert(
                "content".into(),
                format!("本次意见征集已于{}截止，不再接收意见", c.closes_on),
            );
            return Err(e);
        }
    }
    let blocks = consult_model::blocks(&c.draft);
    let article = match get("article").trim() {
        "" | "0" => None,
        a => match a
            .parse::<u32>()
            .ok()
            .filter(|n| blocks.iter().any(|b| b.article == Some(*n)))
        {
            Some(n) => Some(i64::from(n)),
            None => {
                e.insert("article".into(), "所选条文不存在，请重新选择".into());
                None
            }
        },
    };
    let passage = text(&mut e, "passage", &get("passage"), "引用的原文", false, 500);
    if !passage.is_empty() {
        let within = blocks
            .iter()
            .filter(|b| article.is_none() || b.article.map(i64::from) == article)
            .any(|b| b.text.contains(&passage));
        if !within {
            e.insert(
                "passage".into(),
                "引用的原文须是所选条文中的一段文字，请从草案中复制".into(),
            );
        }
    }
    let content = text(&mut e, "content", &get("content"), "意见内容", true, 2000);
    let name = text(&mut e, "name", &get("name"), "姓名", false, 30);
    let phone = match phone(&get("phone")) {
        Ok(p) => p,
        Err(m) => {
            e.insert("phone".into(), m.into());
            String::new()
        }
    };
    if !e.is_empty() {
        return Err(e);
    }
    let masked_content = super::model::masked(&content, &name).text;
    Ok(NewComment {
        article,
        passage,
        content,
        masked_content,
        name,
        phone,
    })
}

/// Store a comment; the same text from the same phone again is not stored twice.
/// Returns whether it was new.
pub async fn comment(
    state: &AppState,
    c: &ConsultRow,
    n: &NewComment,
    actor: &Actor,
) -> Result<bool, AppError> {
    let earlier = store::comments_from(&state.db, c.id, &n.phone).await?;
    if earlier
        .iter()
        .any(|x| x.article == n.article && super::model::similarity(&x.content, &n.content) >= 0.95)
    {
        return Ok(false);
    }
    if earlier.len() >= 30 {
        return Err(AppError::BadRequest(
            "同一联系电话对本次征集最多提交30条意见".into(),
        ));
    }
    let mut tx = state.db.begin().await?;
    let id = store::insert_comment(&mut tx, c.id, n).await?;
    let summary = format!(
        "意见征集“{}”收到{}意见",
        c.title,
        n.article.map(|a| format!("第{a}条的")).unwrap_or_default()
    );
    audit::commit(
        tx,
        actor,
        InteractAction::ConsultComment,
        "interact_comment",
        id,
        summary,
    )
    .await?;
    Ok(true)
}

/// Mark a comment 采纳 / 部分采纳 / 未采纳 (a reason required unless adopted);
/// only after the consultation closed and before the feedback is published.
pub async fn decide(
    state: &AppState,
    c: &ConsultRow,
    comment: i64,
    d: Decision,
    reason: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    if Phase::of(c.opens_on, c.closes_on, crate::clock::today()) != Phase::Closed {
        return Err(AppError::Conflict("征集截止后才能处理意见".into()));
    }
    if c.feedback_on.is_some() {
        return Err(AppError::Conflict("采纳情况已公布，不能再修改".into()));
    }
    if d != Decision::Adopted && reason.trim().is_empty() {
        return Err(AppError::field("reason", "部分采纳或未采纳的，请填写理由"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "理由不能超过500字"));
    }
    let mut tx = state.db.begin().await?;
    if store::decide(&mut tx, c.id, comment, d, reason.trim()).await? == 0 {
        return Err(AppError::NotFound);
    }
    let summary = format!("意见征集“{}”的意见{comment}：{}", c.title, d.label());
    audit::commit(
        tx,
        actor,
        InteractAction::ConsultDecide,
        "interact_comment",
        comment,
        summary,
    )
    .await?;
    Ok(())
}

/// Publish the 意见采纳情况: every comment decided, a summary written.
pub async fn publish_feedback(
    state: &AppState,
    c: &ConsultRow,
    summary: &str,
    document_id: Option<i64>,
    actor: &Actor,
) -> Result<(), AppError> {
    if Phase::of(c.opens_on, c.closes_on, crate::clock::today()) != Phase::Closed {
        return Err(AppError::Conflict("征集截止后才能公布采纳情况".into()));
    }
    let comments = store::comments(&state.db, c.id).await?;
    let open = comments.iter().filter(|x| x.decision.is_none()).count();
    if open > 0 {
        return Err(AppError::Conflict(format!(
            "还有{open}条意见未标明采纳情况，全部处理后才能公布"
        )));
    }
    let summary = summary.trim();
    if summary.is_empty() || summary.chars().count() > 5000 {
        return Err(AppError::field(
            "feedback",
            "请填写采纳情况说明（不超过5000字）",
        ));
    }
    let mut tx = state.db.begin().await?;
    let n =
        store::publish_feedback(&mut tx, c.id, summary, crate::clock::today(), document_id).await?;
    if n == 0 {
        return Err(AppError::Conflict("采纳情况已公布".into()));
    }
    let summary = format!(
        "公布意见征集“{}”的采纳情况（{}条意见）",
        c.title,
        comments.len()
    );
    audit::commit(
        tx,
        actor,
        InteractAction::ConsultFeedback,
        "interact_consultation",
        c.id,
        summary,
    )
    .await?;
    Ok(())
}
