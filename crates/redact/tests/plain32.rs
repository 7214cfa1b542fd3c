//! One invented sentence per general mechanism added in round 32 on eval26's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_plate_masked_in_part_at_the_source_is_masked_whole() {
    let text = "当事人驾驶其自有的鲁H·6M2**货车运输渣土，另一辆苏C·3**9K面包车停在路边。";
    gone(text, &["6M2", "3**9K"]);
}

#[test]
fn an_identity_value_blanked_with_more_stars_than_it_hid_is_masked() {
    let text = "委托其妻子陶*兰（身份证号码：3706231988********17）代为缴纳罚款。";
    gone(text, &["1988", "17）"]);
}

#[test]
fn every_name_of_the_agencys_contact_list_stays_and_so_does_a_units_contact() {
    let text = "逾期未提出的，视为放弃上述权利。\n\n　　联系人：尹国平、邬　刚　　联系电话：0931-4120987\n";
    kept(text, &["邬　刚", "0931-4120987"]);
    let text = "你可以在上述期限内提出陈述、申辩。\n\n　　联系机构：某县自然资源局法规股　　联系人：柏　松　　联系电话：0951-6011234\n";
    kept(text, &["柏　松", "0951-6011234"]);
}

#[test]
fn the_payer_on_a_receipt_is_a_person() {
    let text = "罚没款收据｜缴款人：牛大力｜执收单位：某县城市管理局｜金额：伍佰元整";
    gone(text, &["牛大力"]);
}

#[test]
fn a_mobile_grouped_by_middle_dots_is_masked() {
    let text = "法定代表人某某，手机137·4512·8890。";
    gone(text, &["4512", "8890"]);
}

#[test]
fn the_last_digits_of_an_identity_number_alone_are_masked() {
    let text = "乙方身份证号后六位为318245，甲方已核对。";
    gone(text, &["318245"]);
}

#[test]
fn an_age_answered_with_a_trailing_particle_is_masked() {
    let text = "问：你今年多大岁数了？答：五十八了。";
    gone(text, &["五十八"]);
}

#[test]
fn a_suspended_sentence_joined_by_a_list_mark_is_masked() {
    let text = "举报人称那人因盗窃被判过拘役四个月、缓刑八个月。";
    gone(text, &["缓刑八个月"]);
}

#[test]
fn a_nickname_in_single_quotes_and_one_with_the_name_in_brackets_are_names() {
    let text = "孩子说：“我爸外号‘大熊’，大名邴志强。”";
    gone(text, &["大熊"]);
    let text = "群里有人问：“瘦猴（邴春生）今天咋没出摊？”";
    gone(text, &["瘦猴", "邴春生"]);
    // A title quoted whole with a region in brackets is no nickname.
    let text = "处罚信息在\"信用中国（湖南）\"公示。";
    kept(text, &["信用中国（湖南）"]);
}

#[test]
fn a_quoted_nickname_and_the_name_it_is_are_masked() {
    let text = "举报信称：河滩挖沙的是“二愣子”，就是仇长顺，他天天半夜来。";
    gone(text, &["二愣子", "仇长顺"]);
}

#[test]
fn names_listed_before_brothers_or_a_couple_are_names() {
    let text = "经查，牛犇、牛群兄弟二人在公园门口占道销售水果。";
    gone(text, &["牛犇", "牛群"]);
}

#[test]
fn a_name_with_an_ethnicity_in_brackets_in_a_notice_cell_is_a_name() {
    let text = "某县城市管理局｜某城罚〔2026〕第021号｜白音（蒙古族）｜店外晾晒占道｜警告";
    gone(text, &["白音"]);
}

#[test]
// Passes on 64e3644 too (the given-name model reads 冶有贵 there); kept as a guard of
// the rule, which the evaluation line needed (a surname the list lacks).
fn one_who_acts_with_a_relative_of_the_same_surname_is_named() {
    let text = "某镇人民调解委员会：冶有贵与其堂弟冶有田就宅基地围墙达成协议。";
    gone(text, &["冶有贵", "冶有田"]);
}

#[test]
fn a_text_message_that_calls_its_reader_by_given_name_is_masked() {
    let text = "【短信】志刚：你在北关街的流动摊点明早8点前撤走。——某县城管执法大队";
    gone(text, &["志刚"]);
}
