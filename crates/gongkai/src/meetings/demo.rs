//! Demo content for `serve --demo`: an opened 局长办公会 with applicants in every
//! category, its draw (committed with a beacon, then drawn), attendance, opinions
//! with 采纳/部分采纳/未采纳 and the decisions.

use chrono::Duration;

use super::model::{Adoption, AppStatus, Body, Category};
use super::service::{self, Application};
use super::store::{self, NewMeeting, NewOpinion};
use crate::audit::Actor;
use crate::db::Db;

const APPLICANTS: [(Category, &str, &str, &str, bool); 12] = [
    (Category::Npc, "陈代表", "黄浦区代表团", "", true),
    (Category::Cppcc, "林委员", "经济界", "", true),
    (Category::Cppcc, "郑委员", "社会福利界", "", false),
    (Category::Expert, "何教授", "同济大学城市规划系", "", true),
    (Category::Public, "王阿姨", "", "", false),
    (Category::Public, "刘先生", "", "", true),
    (Category::Public, "赵女士", "", "", false),
    (Category::Public, "钱先生", "", "", false),
    (
        Category::Enterprise,
        "孙经理",
        "上海某某餐饮管理有限公司",
        "91310000MA1FL8XQ37",
        true,
    ),
    (
        Category::Enterprise,
        "周店长",
        "上海某某便利店有限公司",
        "91350100M000100Y43",
        false,
    ),
    (Category::Media, "吴记者", "新民晚报", "", true),
    (Category::Media, "冯编辑", "澎湃新闻", "", true),
];

/// Load the demo meeting unless there are meetings already; returns its id.
pub async fn seed(db: &Db, unit: i64) -> anyhow::Result<Option<i64>> {
    if !store::meetings(db, false).await?.is_empty() {
        return Ok(None);
    }
    let now = crate::clock::now();
    let actor = Actor::system();
    let m = NewMeeting {
        body: Body::Director,
        title: "局长办公会：占道经营疏导点设置导则等事项".into(),
        held_at: now - Duration::days(2),
        place: "市城管执法局第一会议室".into(),
        apply_opens_at: now - Duration::days(20),
        apply_closes_at: now + Duration::hours(1),
        unit_id: unit,
    };
    let topics = vec![
        (
            "《上海市占道经营疏导点设置导则（征求意见稿）》".to_string(),
            "/interact/consultations".to_string(),
        ),
        ("夜间施工噪声投诉快速处置机制".to_string(), String::new()),
    ];
    let seats = vec![
        (Category::Npc, 1),
        (Category::Cppcc, 1),
        (Category::Expert, 1),
        (Category::Public, 2),
        (Category::Enterprise, 1),
        (Category::Media, 1),
    ];
    let id = service::create(db, &m, &topics, &seats, &actor).await?;
    service::publish(db, id, true, &actor).await?;
    let row = store::meeting(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("meeting"))?;
    for (i, (category, name, org, code, consent)) in APPLICANTS.iter().enumerate() {
        let a = Application {
            category: *category,
            name: (*name).into(),
            phone: format!("137{:08}", 20_270_001 + i),
            organisation: (*org).into(),
            credit_code: (*code).into(),
            reason: "关心占道经营疏导点的选址和管理".into(),
            publish_name: *consent,
        };
        service::apply(db, &row, &a).await?;
    }
    service::commit_draw(db, &row, "中国福利彩票双色球 第2026138期开奖号码", &actor).await?;
    store::set_closes(db, id, now - Duration::days(3)).await?;
    let row = store::meeting(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("meeting"))?;
    service::reveal_draw(db, &row, "06 11 17 24 29 33 + 12", &actor).await?;
    let apps = store::applications(db, id).await?;
    let selected: Vec<i64> = apps
        .iter()
        .filter(|a| a.status == AppStatus::Selected)
        .map(|a| a.id)
        .collect();
    service::attendance(db, id, &selected, &apps, &actor).await?;
    let topic_ids: Vec<i64> = store::topics(db, id).await?.iter().map(|t| t.id).collect();
    let opinions = [
        (
            0,
            "疏导点应避开学校和医院出入口50米范围。",
            Adoption::Adopted,
            "已写入导则第八条。",
        ),
        (
            0,
            "疏导点收取管理费。",
            Adoption::Rejected,
            "疏导点为公益性设施，不收取费用；保洁由街道统一安排。",
        ),
        (
            0,
            "允许小微企业申请疏导点摊位。",
            Adoption::Partial,
            "导则面向个体摊贩；小微企业可在夜间经济示范街区另行申请。",
        ),
        (
            1,
            "夜间施工投诉应在2小时内到场。",
            Adoption::Adopted,
            "处置时限定为接报后2小时内到场。",
        ),
    ];
    for (i, (t, content, adoption, reason)) in opinions.iter().enumerate() {
        let o = NewOpinion {
            meeting_id: id,
            topic_id: topic_ids[*t],
            application_id: selected.get(i % selected.len().max(1)).copied(),
            content,
            adoption: *adoption,
            reason,
        };
        service::add_opinion(db, &o, &actor).await?;
    }
    service::decide(
        db,
        id,
        topic_ids[0],
        "原则通过，按采纳的意见修改后印发。",
        "",
        &actor,
    )
    .await?;
    service::decide(db, id, topic_ids[1], "通过，自下月起试行。", "", &actor).await?;
    Ok(Some(id))
}
