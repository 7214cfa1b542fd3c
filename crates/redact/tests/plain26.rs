//! One invented sentence per general mechanism added in round 26 on eval21's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn the_agencys_contact_on_a_bracketed_line_under_the_signature_stays() {
    let text = "某县综合行政执法局\n2026年5月8日\n（联系人：卜雅琴，电话：0575-83310000）\n";
    kept(text, &["卜雅琴"]);
}

#[test]
fn a_work_mobile_in_groups_and_a_shops_line_noted_before_it_stay() {
    let text = "执法人员：钟涛（执法证号42038126099，工作手机135 2710 0000）。";
    kept(text, &["135 2710 0000"]);
    let text = "涉案店铺招牌上的电话为（店内）0755-2663 0000，已责令覆盖。";
    kept(text, &["0755-2663 0000"]);
}

#[test]
fn numbers_and_words_that_look_like_names_stay() {
    // A document number with a full-width year.
    let text = "富某某自然资罚〔２０２６〕第０35号\n当事人：张某";
    kept(text, &["自然资罚"]);
    // A work order's number opening with letters.
    let text = "【12345工单 WX2026080100001】来电人反映有人占道。";
    kept(text, &["WX2026080100001"]);
    // Numbered forest units, a road, a village group, a project opening with its city.
    let text = "当事人：宫某。\n在国有林地（红星林场7林班2小班）内建设停车场。";
    kept(text, &["7林班2小班"]);
    let text = "当事人：江某。\n在某市城南街道九洲江大道中段堆放物料。";
    kept(text, &["九洲江大道"]);
    let text = "当事人：茅某。\n在某镇核桃村茅坪组公路东侧搭建棚房。";
    kept(text, &["茅坪组"]);
    let text = "当事人：某公司。住所：简阳市某街道。\n承建的“简阳·锦城名苑”项目位于简州大道东侧。";
    kept(text, &["简阳·锦城名苑"]);
    // 业主 inside 林业主管部门.
    let text = "当事人未经林业主管部门审核同意，擅自改变林地用途。";
    kept(text, &["林业主管部门"]);
}

#[test]
fn a_sign_named_after_the_family_keeps_its_nickname() {
    let text = "当事人：宫某某。\n其经营“某镇老宫家农家乐”（个体工商户）。";
    kept(text, &["老宫家农家乐"]);
    let text = "回访由“老杨家”家政服务有限公司前台转交。";
    kept(text, &["老杨家"]);
}

#[test]
fn persons_named_through_a_relative_a_trade_or_beside_the_party_are_masked() {
    let text = "现场由经营者之兄戴兴发看管。";
    gone(text, &["戴兴发"]);
    let text = "答：货是我女婿小邓开车拉来的。";
    gone(text, &["小邓"]);
    let text = "现场洗车工郑明亮正在作业。";
    gone(text, &["郑明亮"]);
    let text = "本局责令当事人及韦小宝立即停止焊接作业。";
    gone(text, &["韦小宝"]);
    let text = "现场洗车工綦立新正在作业。";
    gone(text, &["綦立新"]);
}

#[test]
fn a_home_in_a_pipe_table_and_an_estate_flat_with_dashes_are_masked() {
    let text = "| 姓名 | 熊** | 住址 | 某市某街道桂林路8巷3号 | 违法行为 | 饲养家禽 |";
    gone(text, &["8巷3号"]);
    let text = "“我家在某区果园新村街道，景园小区5-3-1201，你们过来看。”";
    gone(text, &["景园小区5-3-1201"]);
    // A firm's address in a table under a shared label is left to its row.
    let text = "| 律师事务所 | 某某律师事务所 |\n| 通信地址 | 某市某街道九一南路88号紫金大厦18层 |";
    kept(text, &["88号紫金大厦18层"]);
}

#[test]
fn a_body_that_fails_in_plain_words_is_health_and_goods_are_not() {
    let text = "当事人称其需每日注射胰岛素，无法长时间站立经营。";
    gone(text, &["无法长时间站立"]);
    let text = "答：老伴心脏不好，走几步就喘。";
    gone(text, &["走几步就喘"]);
    let text = "当事人称刚做完手术，不能干重活。";
    gone(text, &["不能干重活"]);
    let text = "当事人在人行道摆放轮椅、拐杖等康复器具出售。";
    kept(text, &["轮椅、拐杖等康复器具"]);
}

#[test]
fn a_lunar_birth_date_in_chinese_numerals_is_masked() {
    let text = "（户口簿摘抄）农历一九六八年九月初九生。";
    gone(text, &["一九六八年九月初九"]);
    let text = "（户口簿摘抄）农历一九六八年九月十五生。";
    gone(text, &["一九六八年九月十五"]);
}

#[test]
fn a_builders_registration_number_in_a_note_is_masked() {
    let text = "项目负责人：杨某（一级注册建造师，注册编号：川151200000000），电话另告。";
    gone(text, &["川151200000000"]);
}

#[test]
fn a_name_broken_by_a_scan_is_read_whole() {
    let text =
        "本局执法人员到场\n制止。村委会副主任刘建\n国、组员王*民在场见证。挖掘机车主称受雇用。\n";
    let o = out(text);
    assert!(!o.contains("刘建\n国"), "{o}");
}

#[test]
fn the_first_of_a_list_of_witnesses_is_masked() {
    let text = "本局执法人员到场制止。村委会副主任刘建国、组员王*民在场见证。";
    gone(text, &["刘建国"]);
}

#[test]
fn officers_in_a_table_row_with_their_numbers_stay() {
    let text = "| 执法人员 | 柯昊 35098226000 | 林思源 35098226001 | 审核人 | 法制股股长 陈秋萍 |";
    kept(text, &["柯昊", "林思源"]);
}

#[test]
fn a_private_car_noted_a_few_words_on_is_masked_whatever_the_document_holds() {
    let text = "当事人：某某建材有限公司\n（当场处罚决定书）当事人驾驶的闽J·5K000号小型轿车（个人所有）停放在人行道上。";
    gone(text, &["闽J·5K000"]);
}

#[test]
fn a_letters_writer_and_a_person_who_vouches_are_masked() {
    let text = "以上反映情况属实，请尽快处理。此致 敬礼！欧阳晴　2026年7月2日";
    gone(text, &["欧阳晴"]);
    let text = "以上情况莫小川可以证明，他当晚就在隔壁店里。";
    gone(text, &["莫小川"]);
}
