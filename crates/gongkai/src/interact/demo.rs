//! Demo 政民互动 content for `serve --demo` (fictitious writers): answered and open
//! letters, a closed consultation with its adoption report, an open one; a past
//! 在线访谈 with its transcript and answered questions, and an upcoming one.

use super::InteractAction;
use chrono::{NaiveDate, TimeDelta};

use super::consult_model::{ConsultKind, Decision};
use super::consult_store::{self, NewComment, NewConsult};
use super::model::{self, MessageKind, MessageStatus, Step};
use super::store;
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::with_tx;

struct Letter {
    kind: MessageKind,
    subject: &'static str,
    content: &'static str,
    name: &'static str,
    phone: &'static str,
    status: MessageStatus,
    days_ago: i64,
    reply: &'static str,
}

const LETTERS: [Letter; 4] = [
    Letter {
        kind: MessageKind::Complaint,
        subject: "南京东路步行街夜间流动摊贩占道经营",
        content: "我是附近居民演示人员丙，电话13900002222。每天晚上九点以后南京东路步行街东段有流动摊贩占道经营，油烟和噪声很大，希望加强管理。",
        name: "演示人员丙",
        phone: "13900002222",
        status: MessageStatus::Published,
        days_ago: 20,
        reply: "您好！收到留言后，黄浦区城管执法局于次日起在南京东路步行街东段开展夜间专项巡查，已劝离流动摊贩12户，对拒不改正的2户依法立案查处。下一步将落实定人定岗，持续巡查。感谢您的监督。",
    },
    Letter {
        kind: MessageKind::Consult,
        subject: "沿街商铺门前设置遮阳篷是否需要审批",
        content: "请问在自家商铺门前安装可伸缩的遮阳篷，需要办理什么手续？",
        name: "演示人员丁",
        phone: "13900003333",
        status: MessageStatus::Published,
        days_ago: 12,
        reply: "您好！根据《上海市市容环境卫生管理条例》，沿街设置遮阳篷应当符合本市市容环境卫生规范，不得影响通行和相邻权利人；具体设置要求请咨询所在区绿化市容部门。",
    },
    Letter {
        kind: MessageKind::Suggestion,
        subject: "建议在地铁站出口增设非机动车停放区",
        content: "地铁站出口非机动车乱停放严重，建议增设停放区并加强引导。",
        name: "演示人员戊",
        phone: "13900004444",
        status: MessageStatus::Handling,
        days_ago: 2,
        reply: "",
    },
    Letter {
        kind: MessageKind::Help,
        subject: "小区门口建筑垃圾长期未清运",
        content: "小区门口堆放的装修垃圾已经一周没有清运，请帮助协调。",
        name: "演示人员己",
        phone: "13900005555",
        status: MessageStatus::Submitted,
        days_ago: 0,
        reply: "",
    },
];

const CLOSED_DRAFT: &str = "上海市城市管理行政执法局关于规范夜间施工执法检查的规定（征求意见稿）\n\
第一章　总则\n\
第一条　为了规范夜间施工执法检查，保障市民休息权利，制定本规定。\n\
第二条　本规定适用于本市城管执法部门对夜间施工的执法检查。\n\
第二章　检查\n\
第三条　执法人员夜间检查时应当不少于两人，并出示执法证件。\n\
第四条　本规定自发布之日起施行。";

const OPEN_DRAFT: &str = "上海市城市管理行政执法局关于户外招牌设施执法检查的规定（征求意见稿）\n\
第一条　为了规范户外招牌设施执法检查，制定本规定。\n\
第二条　本规定适用于本市行政区域内的户外招牌设施。\n\
第三条　执法检查应当公示检查依据、检查事项和检查结果。\n\
对检查中发现的安全隐患，应当告知设置人限期整改。\n\
第四条　本规定自2027年1月1日起施行。";

pub async fn seed(db: &Db, unit: i64) -> anyhow::Result<()> {
    let today = crate::clock::today();
    let cal = workday::builtin();
    let cfg = crate::config::InteractSettings::default();
    let actor = Actor::system();
    let mut tx = db.begin().await?;
    let now = crate::clock::now();
    for (i, l) in LETTERS.iter().enumerate() {
        let on: NaiveDate = today - TimeDelta::days(l.days_ago);
        let replied = l.status == MessageStatus::Published;
        let replied_on = replied.then(|| on + TimeDelta::days(4));
        let masked = |t: &str| model::masked(t, l.name).text;
        let id: i64 = with_tx!(&mut tx, |c| {
            sqlx::query_scalar(
                "INSERT INTO interact_messages (receipt_no, query_code, kind, subject, content, writer_name, phone,
                   consent, unit_id, status, submitted_on, sign_due, reply_due, signed_on, reply, replied_on,
                   masked_subject, masked_content, masked_reply, published_on, created_at, updated_at)
                 VALUES ($1,$2,$3,$4,$5,$6,$7,TRUE,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$15,$19,$19)
                 RETURNING id",
            )
            .bind(format!("LYDEMO{:04}", i + 1))
            .bind(format!("DEMO{:04}", i + 1))
            .bind(l.kind.code())
            .bind(l.subject)
            .bind(l.content)
            .bind(l.name)
            .bind(l.phone)
            .bind(unit)
            .bind(l.status.code())
            .bind(on)
            .bind(model::sign_due(&cal, &cfg, on).ok())
            .bind(model::reply_due(&cal, &cfg, l.kind, on, false).ok())
            .bind((l.status != MessageStatus::Submitted).then_some(on))
            .bind(l.reply)
            .bind(replied_on)
            .bind(if replied { masked(l.subject) } else { String::new() })
            .bind(if replied { masked(l.content) } else { String::new() })
            .bind(if replied { masked(l.reply) } else { String::new() })
            .bind(now)
            .fetch_one(&mut **c)
            .await
        })?;
        store::add_step(&mut tx, id, on, Step::Submitted, "", "网友（网站）").await?;
        if l.status != MessageStatus::Submitted {
            store::add_step(&mut tx, id, on, Step::Signed, "", "系统").await?;
        }
        if let Some(r) = replied_on {
            store::add_step(&mut tx, id, r, Step::Published, "", "系统").await?;
        }
    }
    let closed = NewConsult {
        unit_id: unit,
        title: "关于规范夜间施工执法检查的规定（征求意见稿）".into(),
        kind: ConsultKind::Normative,
        draft: CLOSED_DRAFT.into(),
        explanation: "为回应市民对夜间施工噪声的关切，起草本规定。".into(),
        opens_on: today - TimeDelta::days(60),
        closes_on: today - TimeDelta::days(40),
        short_reason: String::new(),
        contact: "法制处，电话 021-00000000".into(),
    };
    let cid = consult_store::insert(&mut tx, &closed, None).await?;
    let comments = [
        (
            Some(3),
            "执法证件",
            "建议夜间检查同时佩戴执法记录仪并全程记录。",
            Decision::Adopted,
            "",
        ),
        (
            None,
            "",
            "建议明确夜间的时间范围。",
            Decision::Partly,
            "时间范围依照噪声污染防治法的规定，在第二条中引用。",
        ),
        (
            Some(1),
            "",
            "建议删除本条。",
            Decision::NotAdopted,
            "第一条说明立法目的，应当保留。",
        ),
    ];
    for (article, passage, content, d, reason) in comments {
        let n = NewComment {
            article,
            passage: passage.into(),
            content: content.into(),
            masked_content: content.into(),
            name: String::new(),
            phone: "13900006666".into(),
        };
        let id = consult_store::insert_comment(&mut tx, cid, &n).await?;
        consult_store::decide(&mut tx, cid, id, d, reason).await?;
    }
    consult_store::publish_feedback(
        &mut tx,
        cid,
        "共收到意见3条。关于执法记录的意见已采纳，在第三条中增加“全程记录”的要求。",
        today - TimeDelta::days(30),
        None,
    )
    .await?;
    let open = NewConsult {
        unit_id: unit,
        title: "关于户外招牌设施执法检查的规定（征求意见稿）".into(),
        kind: ConsultKind::Normative,
        draft: OPEN_DRAFT.into(),
        explanation: "为规范户外招牌设施执法检查，起草本规定。".into(),
        opens_on: today - TimeDelta::days(3),
        closes_on: today + TimeDelta::days(30),
        short_reason: String::new(),
        contact: "法制处，电话 021-00000000".into(),
    };
    consult_store::insert(&mut tx, &open, None).await?;
    seed_interviews(&mut tx, unit).await?;
    audit::append(
        &mut tx,
        &actor,
        InteractAction::Demo,
        "interact_message",
        None,
        format!(
            "载入政民互动演示内容：留言{}件、意见征集2项、在线访谈2期",
            LETTERS.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The past interview's transcript: (speaker, text).
const TRANSCRIPT: [(&str, &str); 4] = [
    (
        "主持人",
        "各位网友大家好！今天我们邀请到市城管执法局副局长演示人员甲，就夜间施工噪声治理与大家在线交流。",
    ),
    (
        "演示人员甲",
        "大家好！夜间施工噪声是市民反映较多的问题。今年以来，我们推行夜间施工“一地一档”，对投诉集中的工地实行夜间巡查全覆盖。",
    ),
    (
        "主持人",
        "有网友问，晚上十点以后工地还在施工，应该怎么反映？",
    ),
    (
        "演示人员甲",
        "可以拨打12345市民服务热线，或者在本网站“网民留言”反映，请写明工地位置和时间。我们接到后当晚安排巡查，查实的依法处理。",
    ),
];

/// 10:00 Beijing time `days` from today.
fn at_ten(days: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    let day = crate::clock::today() + TimeDelta::days(days);
    crate::events::form::parse_local(&format!("{day} 10:00"))
}

/// A past interview (transcript, answered questions, video link) and an upcoming one.
async fn seed_interviews(tx: &mut crate::db::Tx, unit: i64) -> anyhow::Result<()> {
    use super::interview_model::{InterviewState, QuestionStatus};
    use super::interview_store::{self as istore, NewInterview, NewQuestion};
    let now = crate::clock::now();
    let past = NewInterview {
        unit_id: unit,
        title: "夜间施工噪声治理在线访谈".into(),
        summary: "市城管执法局副局长演示人员甲介绍夜间施工噪声治理措施，并回答网友提问。".into(),
        scheduled_at: at_ten(-14).unwrap_or(now),
    };
    let id = istore::insert(tx, &past, None).await?;
    istore::insert_guest(tx, id, "演示人员甲", "市城管执法局副局长", None).await?;
    istore::set_state(tx, id, InterviewState::Upcoming, InterviewState::Live, None).await?;
    for (i, (speaker, text)) in TRANSCRIPT.iter().enumerate() {
        let at = past.scheduled_at + TimeDelta::minutes(i64::try_from(i).unwrap_or(0) * 3);
        istore::insert_post(tx, id, speaker, text, None, at).await?;
    }
    let questions = [
        (
            "小区旁边的工地经常半夜运渣土，能不能管一管？",
            "渣土运输车辆夜间作业须按核准的时间和路线行驶。我们将会同交警部门加强夜间检查，对违规运输依法查处。",
        ),
        (
            "夜间施工许可的信息在哪里可以查到？",
            "经批准的夜间施工，施工单位应当在工地门口公示许可内容；也可以在本网站“政府信息公开”栏目查询。",
        ),
    ];
    for (q, a) in questions {
        let n = NewQuestion {
            content: q.into(),
            masked_content: q.into(),
            name: String::new(),
            phone: "13900007777".into(),
        };
        let qid = istore::insert_question(tx, id, &n).await?;
        istore::set_question_status(tx, qid, QuestionStatus::Pending, QuestionStatus::Approved)
            .await?;
        istore::answer(tx, qid, a).await?;
    }
    istore::set_state(
        tx,
        id,
        InterviewState::Live,
        InterviewState::Finished,
        Some("https://video.example.cn/interviews/demo-night-noise"),
    )
    .await?;
    let next = NewInterview {
        unit_id: unit,
        title: "户外招牌设施安全管理在线访谈".into(),
        summary: "市城管执法局相关处室负责人介绍户外招牌设施安全检查，欢迎网友提前提问。".into(),
        scheduled_at: at_ten(7).unwrap_or(now),
    };
    let id = istore::insert(tx, &next, None).await?;
    istore::insert_guest(tx, id, "演示人员乙", "市城管执法局市容执法处处长", None).await?;
    Ok(())
}
