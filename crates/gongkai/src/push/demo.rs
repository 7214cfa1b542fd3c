//! Demo content for `serve --demo`: three tagged policies (one a 轻微违法行为免罚清单),
//! the 食品生产单位 theme with its measures, and a few hundred generated enterprise
//! subscriptions (fictitious; addresses under example.invalid, never deliverable).

use super::model::Applicability;
use super::store::{self, DOCUMENT, Exemption, MEASURE, Measure, NewSubscriber};
use crate::db::Db;
use crate::docs::model::DocState;
use crate::docs::store::{self as docs, DocInput};

const FOOD: &str = "food-production";

struct Policy {
    title: &'static str,
    doc_no: &'static str,
    body: &'static str,
    tags: &'static [(&'static str, &'static str)],
}

const POLICIES: [Policy; 3] = [
    Policy {
        title: "关于支持小微食品生产企业发展的若干措施（演示）",
        doc_no: "沪城管执〔2026〕演示1号",
        body: "为支持本市小型、微型食品生产企业规范发展，制定以下措施。\n一、食品生产许可实行告知承诺，材料齐全的当场办结。\n二、首次申请的小微企业免费提供合规指导。\n三、对新建小微食品生产企业的户外招牌设置开通绿色通道。",
        tags: &[
            ("industry", "13"),
            ("industry", "14"),
            ("industry", "15"),
            ("scale", "small"),
            ("scale", "micro"),
            ("theme", "food_production"),
            ("theme", "support"),
        ],
    },
    Policy {
        title: "城市管理领域轻微违法行为免罚清单（演示）",
        doc_no: "沪城管执〔2026〕演示2号",
        body: "为贯彻《中华人民共和国行政处罚法》第三十三条，对清单所列首次轻微违法行为，及时改正、未造成危害后果的，依法不予行政处罚，以教育、告诫为主。清单各项见下表。",
        tags: &[
            ("subject", "enterprise"),
            ("subject", "individual"),
            ("theme", "minor_exemption"),
            ("theme", "business"),
        ],
    },
    Policy {
        title: "浦东新区食品生产单位门前责任区管理便利措施（演示）",
        doc_no: "浦城管执〔2026〕演示3号",
        body: "对浦东新区内的食品生产单位，门前责任区管理实行告知承诺，责任书可在线签订。",
        tags: &[
            ("industry", "14"),
            ("district", "310115"),
            ("theme", "food_production"),
            ("theme", "business"),
        ],
    },
];

const EXEMPTIONS: [(&str, &str, &str); 6] = [
    (
        "擅自设置户外招牌，面积较小且不影响安全",
        "首次发现，在责令期限内改正",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "门前责任区内堆放物品，影响市容",
        "首次发现，当场改正",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "未按规定分类投放生活垃圾（单位）",
        "首次发现，当场改正，未造成危害后果",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "车辆运输散体物料未采取密闭措施，少量泄漏",
        "首次发现，当场清理",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "施工工地出入口未设置冲洗设施",
        "首次发现，在责令期限内改正",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
    (
        "店招店牌破损、污浊，未及时维护",
        "首次发现，在责令期限内修复",
        "《中华人民共和国行政处罚法》第三十三条第一款",
    ),
];

/// (title, gives, conditions, how to apply, basis policy index, article, tags)
type MeasureRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const SMALL_FOOD: &[(&str, &str)] = &[
    ("industry", "13"),
    ("industry", "14"),
    ("industry", "15"),
    ("scale", "small"),
    ("scale", "micro"),
];
const FOOD_ALL: &[(&str, &str)] = &[("industry", "13"), ("industry", "14"), ("industry", "15")];
const FOOD_PUDONG: &[(&str, &str)] = &[("industry", "14"), ("district", "310115")];
const ANY_BUSINESS: &[(&str, &str)] = &[("subject", "enterprise"), ("subject", "individual")];

const MEASURES: [MeasureRow; 12] = [
    (
        "食品生产许可告知承诺",
        "材料齐全、符合法定形式的当场办结",
        "小型、微型食品生产企业",
        "“一网通办”企业专属网页在线申请，材料：申请书、承诺书",
        0,
        "第一条",
        SMALL_FOOD,
    ),
    (
        "免费合规指导",
        "首次申请许可前上门提供一次合规指导",
        "首次申请食品生产许可的小微企业",
        "拨打 12345 或在线预约",
        0,
        "第二条",
        SMALL_FOOD,
    ),
    (
        "户外招牌设置绿色通道",
        "招牌设置方案 3 个工作日内答复",
        "新建小微食品生产企业",
        "向所在区城管执法局提交设置方案",
        0,
        "第三条",
        SMALL_FOOD,
    ),
    (
        "轻微违法首违不罚：户外招牌",
        "首次轻微违法、及时改正的不予处罚",
        "各类市场主体",
        "执法人员现场告知，无需申请",
        1,
        "清单第 1 项",
        ANY_BUSINESS,
    ),
    (
        "轻微违法首违不罚：门前堆物",
        "首次发现、当场改正的不予处罚",
        "各类市场主体",
        "执法人员现场告知，无需申请",
        1,
        "清单第 2 项",
        ANY_BUSINESS,
    ),
    (
        "轻微违法首违不罚：垃圾分类",
        "首次发现、当场改正的不予处罚",
        "各类市场主体",
        "执法人员现场告知，无需申请",
        1,
        "清单第 3 项",
        ANY_BUSINESS,
    ),
    (
        "轻微违法首违不罚：散体物料运输",
        "首次发现、当场清理的不予处罚",
        "各类市场主体",
        "执法人员现场告知，无需申请",
        1,
        "清单第 4 项",
        ANY_BUSINESS,
    ),
    (
        "门前责任书在线签订",
        "无需到场，在线签订门前责任区责任书",
        "浦东新区内的食品制造企业",
        "“一网通办”在线办理",
        2,
        "全文",
        FOOD_PUDONG,
    ),
    (
        "门前责任区告知承诺",
        "以承诺代替现场核查",
        "浦东新区内的食品制造企业",
        "在线提交承诺书",
        2,
        "全文",
        FOOD_PUDONG,
    ),
    (
        "食品生产企业执法检查“综合查一次”",
        "同一企业同一时段的多项检查合并进行",
        "食品生产单位",
        "无需申请",
        0,
        "第一条",
        FOOD_ALL,
    ),
    (
        "执法检查结果线上反馈",
        "检查结果 5 个工作日内在线反馈",
        "食品生产单位",
        "“一网通办”企业专属网页查看",
        0,
        "第二条",
        FOOD_ALL,
    ),
    (
        "信用修复指导",
        "轻微失信记录修复的全程指导",
        "食品生产单位",
        "向所在区城管执法局申请",
        1,
        "全文",
        FOOD_ALL,
    ),
];

fn tags(rows: &[(&'static str, &'static str)]) -> Applicability {
    Applicability::from_rows(rows.iter().copied())
}

async fn published(db: &Db, p: &Policy, root: i64) -> anyhow::Result<i64> {
    let today = crate::clock::today();
    let input = DocInput {
        title: p.title.into(),
        issuer_unit_id: Some(root),
        issuer_name: "上海市城市管理行政执法局".into(),
        disclosure: "proactive".into(),
        doc_no: Some(p.doc_no.into()),
        written_on: Some(today),
        published_on: Some(today),
        genre: "notice".into(),
        column_kind: "general".into(),
        body: p.body.into(),
        ..Default::default()
    };
    let mut tx = db.begin().await?;
    let year = chrono::Datelike::year(&today);
    let idx = docs::next_index_no(&mut tx, "MB2F300040", year).await?;
    let id = docs::create(&mut tx, &input, &idx.to_string(), None, DocState::Review).await?;
    crate::with_tx!(&mut tx, |c| {
        sqlx::query("UPDATE documents SET state = 'published', published_at = $1 WHERE id = $2")
            .bind(crate::clock::now())
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    store::set_tags(&mut tx, DOCUMENT, id, &tags(p.tags)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Load the demo once (skipped when the theme exists).
pub async fn seed(db: &Db, root: i64, enterprises: usize) -> anyhow::Result<()> {
    if store::theme_by_slug(db, FOOD).await?.is_some() {
        return Ok(());
    }
    let mut ids = Vec::new();
    for p in &POLICIES {
        ids.push(published(db, p, root).await?);
    }
    let mut tx = db.begin().await?;
    let items: Vec<Exemption> = EXEMPTIONS
        .iter()
        .enumerate()
        .map(|(i, (v, c, b))| Exemption {
            seq: i as i64 + 1,
            violation: (*v).into(),
            conditions: (*c).into(),
            legal_basis: (*b).into(),
        })
        .collect();
    store::set_exemptions(&mut tx, ids[1], &items).await?;
    let theme = store::insert_theme(
        &mut tx,
        FOOD,
        "食品生产单位营商政策措施集成（演示）",
        "面向食品生产单位的许可、执法检查、门前责任区、免罚清单等措施，集中发布，可按贵单位情况筛选。",
    )
    .await?;
    for (i, (title, gives, conditions, how, basis, article, t)) in MEASURES.iter().enumerate() {
        let id = store::insert_measure(
            &mut tx,
            &Measure {
                id: 0,
                theme_id: theme,
                seq: i as i64 + 1,
                title: (*title).into(),
                gives: (*gives).into(),
                conditions: (*conditions).into(),
                how_to_apply: (*how).into(),
                contact: "12345 市民服务热线".into(),
                basis_document_id: Some(ids[*basis]),
                basis_article: (*article).into(),
                valid_until: None,
            },
        )
        .await?;
        store::set_tags(&mut tx, MEASURE, id, &tags(t)).await?;
    }
    store::set_theme_published(&mut tx, theme, true).await?;
    tx.commit().await?;
    generate_enterprises(db, enterprises, 1).await?;
    Ok(())
}

/// `n` active subscriptions with generated, check-digit-valid 统一社会信用代码,
/// spread over industries, districts and scales deterministically from `seed`.
/// Returns their ids. (The demo and the matching tests share it.)
pub async fn generate_enterprises(db: &Db, n: usize, seed: u64) -> anyhow::Result<Vec<i64>> {
    use super::model::{District, Scale, Subject};
    let classes: Vec<&str> = super::industry::tree()
        .all
        .iter()
        .filter(|i| i.level() == 4)
        .map(|i| i.code)
        .collect();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    let mut ids = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin().await?;
        for &i in chunk {
            // One in four in food manufacturing (13–15), the rest anywhere.
            let industry = if next() % 4 == 0 {
                let food: Vec<&&str> = classes
                    .iter()
                    .filter(|c| c.starts_with("13") || c.starts_with("14") || c.starts_with("15"))
                    .collect();
                *food[next() % food.len()]
            } else {
                classes[next() % classes.len()]
            };
            let body = format!(
                "91310{:03}MA{:07}",
                next() % 1000,
                (seed as usize * 1_000_003 + i) % 10_000_000
            );
            let code = crate::ids::credit_code_with_check(&body[..17]).unwrap_or_default();
            let s = NewSubscriber {
                credit_code: code,
                name: format!("演示企业{i:05}"),
                email: format!("demo{seed}-{i}@example.invalid"),
                industries: industry.into(),
                district: District::ALL[next() % District::ALL.len()].code().into(),
                scale: Scale::ALL[next() % Scale::ALL.len()].code().into(),
                subject: Subject::ALL[if next() % 5 == 0 { 1 } else { 0 }]
                    .code()
                    .into(),
                themes: String::new(),
            };
            let token = super::service::random_token();
            let id = store::insert_subscriber(&mut tx, &s, &token).await?;
            store::set_state(&mut tx, id, "pending", "active").await?;
            ids.push(id);
        }
        tx.commit().await?;
    }
    Ok(ids)
}
