//! One invented sentence per general mechanism added in round 58 (the development
//! halves of eval39 and eval40). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn names_where_only_a_person_stands() {
    gone("问：还有谁？答：就我和柏青，后来他也走了。", &["柏青"]);
    gone("“那块菜地是我跟严肃一起种的。”", &["严肃"]);
    gone("22:15　谷雨来电称小区门口有人烧纸。", &["谷雨"]);
    gone("还有他表弟，向阳家住在渡口那边。", &["向阳"]);
    gone(
        "比赛结果：一等奖蒋春生，二等奖符建、夏秋。",
        &["蒋春生", "夏秋"],
    );
    kept("我和房东说好了，市民来电称路灯不亮。", &["房东", "市民"]);
}

#[test]
fn sign_in_sheets_numbered_lists_and_two_households() {
    gone(
        "【会议签到表】1.李红梅　2.阿不都　3.司马青　4.丁香",
        &["丁香"],
    );
    gone(
        "【座谈会签到】韩明珠　田园　冯建军　白云",
        &["田园", "白云"],
    );
    gone("刘志军、喻小兰两家门店门口各堆了一车砖。", &["喻小兰"]);
}

#[test]
fn bynames_said_of_a_person_and_a_widow_by_her_surname() {
    gone("经常被一个叫“猴子”的男孩拦住要钱。", &["猴子"]);
    gone("调解后，何某同意赔偿郑寡妇家的院墙。", &["郑寡妇"]);
    // 变成哑巴: the letter before makes a word with the would-be surname.
    let r = masked("他后来变成哑巴了。");
    assert!(
        r.maskings.iter().all(|m| m.original != "成哑巴"),
        "{:?}",
        r.maskings
    );
}

#[test]
fn a_chat_or_a_letter_that_calls_its_reader() {
    gone("【微信聊天记录】三姨：国栋，你舅的事别管了。", &["国栋"]);
    gone(
        "【信访事项受理告知书】春燕：你于2026年5月3日提交的信访事项已受理。",
        &["春燕"],
    );
}

#[test]
fn welfare_criminal_and_health_of_new_shapes() {
    gone(
        "同意将黄某家庭（2人户）纳入农村最低生活保障。",
        &["纳入农村最低生活保障"],
    );
    gone("户主杨某，月领保障金860元。", &["860"]);
    gone("其家中系脱贫不稳定监测户。", &["脱贫不稳定监测户"]);
    gone("2025年8月经裁定假释，现住本村。", &["假释"]);
    gone("我颈椎间盘又犯了，去不了。", &["颈椎间盘又犯了"]);
    gone("他那条腿是年轻时开山砸断的。", &["砸断"]);
    gone("其女长期在市里一家康复中心训练。", &["康复中心训练"]);
    gone(
        "经镇卫生院抢救后转市中心医院住院治疗。",
        &["抢救后转市中心医院"],
    );
    gone("你姐做手术的钱我先垫上。", &["做手术"]);
    gone("我老伴王桂香八十一了，耳朵聋。", &["八十一"]);
}

#[test]
fn homes_by_village_society_and_the_tail_of_a_vin() {
    gone("住址：红原县安曲镇哈拉村三社", &["三社"]);
    gone("车辆识别代号后六位：482913", &["482913"]);
    gone("张某所有的川A·3K582号洒水车。", &["3K582"]);
}

#[test]
fn counts_hospital_news_goods_and_the_agency_contact_stay() {
    kept(
        "市特殊教育学校今年招收听障、视障儿童31名。",
        &["听障、视障儿童31名"],
    );
    kept(
        "县中医院血液透析中心新增透析机6台；市疾控中心艾滋病自愿咨询检测门诊周末开放。",
        &["血液透析中心", "艾滋病自愿咨询检测门诊"],
    );
    kept("该批苗木系当事人从外地购进。", &["苗木"]);
    kept(
        "联系人：祁文海、汤宁\n联系电话：0571-85123456\n联系地址：某县综合行政执法局法制科\n\n某县综合行政执法局\n2026年3月2日",
        &["0571-85123456"],
    );
}
