//! Demo content for `serve --demo`: the 第八届 7·15 城管执法公众开放日 with two sessions —
//! the morning one with seats left, the afternoon one full with a waitlist.

use chrono::{Datelike, Duration, NaiveDate, TimeZone};

use super::model::Audience;
use super::service::{self, Registration};
use super::store::{self, NewEvent};
use crate::audit::Actor;
use crate::db::Db;

const NAMES: [&str; 12] = [
    "王晓明",
    "李静",
    "张伟",
    "刘洋",
    "陈芳",
    "杨帆",
    "赵磊",
    "黄敏",
    "周婷",
    "吴强",
    "徐丽",
    "孙浩",
];

/// Load the demo event unless there are events already; returns the event's id.
pub async fn seed(db: &Db, unit: i64) -> anyhow::Result<Option<i64>> {
    if !store::events(db, false).await?.is_empty() {
        return Ok(None);
    }
    let today = crate::clock::today();
    let mut year = today.year();
    if today > NaiveDate::from_ymd_opt(year, 7, 10).unwrap_or(today) {
        year += 1;
    }
    let at = |h: u32| {
        crate::clock::beijing()
            .with_ymd_and_hms(year, 7, 15, h, 0, 0)
            .single()
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_else(crate::clock::now)
    };
    let e = NewEvent {
        title: format!("第八届“7·15城管执法公众开放日”（{year}年）"),
        description: "走进城管执法队伍，了解执法流程，参与社区服务，面对面提出意见和建议。".into(),
        programme: "政策发布：新修订的市容环境卫生管理条例\n亮点展示：智慧城管指挥平台\n走进中队：黄浦中队执法全过程记录\n社区服务：垃圾分类宣传与咨询".into(),
        accessibility: "场馆有无障碍通道和无障碍卫生间；需要手语翻译请在报名后来电告知。".into(),
        audience: Audience::Anyone,
        max_group: 3,
        opens_at: crate::clock::now() - Duration::days(3),
        closes_at: at(9) - Duration::days(5),
        unit_id: unit,
    };
    let actor = Actor::system();
    let sessions = vec![
        ("市城管执法总队指挥中心（上午场）".to_string(), at(9), 30),
        ("黄浦区城管执法局外滩中队（下午场）".to_string(), at(14), 8),
    ];
    let id = service::create(db, &e, &sessions, &actor).await?;
    service::publish(db, id, true, &actor).await?;
    let ev = store::event(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("event"))?;
    let ss = store::sessions(db, id).await?;
    // Morning: 6 registrations; afternoon: 8 seats taken, then 3 on the waitlist.
    let plan: [(usize, i64); 13] = [
        (0, 2),
        (0, 1),
        (0, 3),
        (0, 1),
        (0, 2),
        (0, 1),
        (1, 2),
        (1, 3),
        (1, 2),
        (1, 1),
        (1, 2),
        (1, 1),
        (1, 1),
    ];
    for (i, (s, size)) in plan.iter().enumerate() {
        let r = Registration {
            session_id: ss[*s].id,
            name: NAMES[i % NAMES.len()].into(),
            phone: format!("139{:08}", 20_260_715 + i),
            group_size: *size,
            id_type: String::new(),
        };
        service::register(db, &ev, &r).await?;
    }
    Ok(Some(id))
}
