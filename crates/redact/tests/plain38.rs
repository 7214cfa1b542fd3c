//! One invented sentence per general mechanism added in round 38 on eval30's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_village_party_secretary_and_a_child_by_order_of_birth() {
    gone(
        "北岗村党支部书记孟建新和承包户证实棚房搭建于去年。",
        &["孟建新"],
    );
    gone("你的次子田浩然（县一中高二学生）曾上前拉扯。", &["田浩然"]);
}

#[test]
fn names_after_a_person_verb_a_neighbour_and_a_pet_name_after_a_relative() {
    gone("由巴特尔赔偿萨仁高娃修车费1200元。", &["萨仁高娃"]);
    gone("你儿子小峰那辆摩托车被扣到停车场了。", &["小峰"]);
    // A word that opens with 小 is no name.
    kept("你儿子小时候就在这儿。", &["小时候"]);
}

#[test]
fn nicknames_told_by_the_person_or_half_remembered() {
    gone(
        "“我姓钱，街上都叫我钱大个，这个摊子摆了十年了。”",
        &["钱大个"],
    );
    gone("“就是卖凉皮的那个，叫什么秀兰的，天天占道。”", &["秀兰"]);
}

#[test]
fn a_short_part_before_a_word_that_follows_names() {
    gone("检查时卓玛与次仁正在人行道上摆摊。", &["次仁"]);
}

#[test]
fn injuries_ages_births_and_records_told_in_words() {
    gone("我老伴去年摔断了腿，到现在还拄着拐。", &["摔断了腿"]);
    gone("我今年虚岁七十三，门口的摊子堵得我出不了门。", &["七十三"]);
    gone("受送达人今年已满七十五周岁。", &["七十五周岁"]);
    gone("答：实际是农历壬寅年腊月初八生的。", &["壬寅年腊月初八"]);
    gone("称其前夫因盗窃坐过两年牢。", &["坐过两年牢"]);
    gone("当事人系特困供养人员，每月领取供养金。", &["领取供养金"]);
    // A rule about ages stays.
    kept("已满十六周岁不满十八周岁的未成年人。", &["十六周岁"]);
}

#[test]
fn welfare_counted_as_a_statistic_stays() {
    let text = "全县共有城乡低保对象9841人，特困供养对象1236人。";
    kept(text, &["城乡低保对象9841人", "特困供养对象1236人"]);
}

#[test]
fn certificate_numbers_in_odd_forms() {
    gone(
        "驾驶证号略，档案编号451400998877，准驾车型B2。",
        &["451400998877"],
    );
    gone(
        "当事人护照号码Ｅ８８２１５８７４（全角录入）。",
        &["Ｅ８８２１５８７４"],
    );
    gone("社会保障卡卡号M21843159。", &["M21843159"]);
    gone(
        "通过支付宝账户zhao****@163.com缴纳。",
        &["zhao****@163.com"],
    );
}

#[test]
fn a_shops_sign_before_its_keepers_name_and_an_estate_after_letters() {
    let text = "示范商户名单：李记烧饼（李金锁）、春来超市（周春来）。";
    kept(text, &["李记烧饼"]);
    gone(text, &["李金锁"]);
    kept("州来路与凤凰大道交叉口金鼎商厦楼顶", &["金鼎商厦"]);
}
