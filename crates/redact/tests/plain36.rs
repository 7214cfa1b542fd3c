//! One invented sentence per general mechanism added in round 36 on eval29's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn two_letters_that_open_a_business_name_are_no_person() {
    let text = "受让方：某县秦岚苗木专业合作社，法定代表人吴某。";
    kept(text, &["秦岚苗木专业合作社"]);
    let text = "受让方：某县柳韵苗木专业合作社，法定代表人吴某。";
    kept(text, &["柳韵苗木专业合作社"]);
}

#[test]
fn diseases_named_as_a_class_are_no_ones_health() {
    let text = "根据传染病防治法，艾滋病、肺结核属于乙类传染病，不得以此为由拒绝入驻。";
    kept(text, &["艾滋病", "肺结核"]);
    // Said of a person, they go.
    gone("其患有肺结核，属于乙类传染病，已居家治疗。", &["肺结核"]);
}

#[test]
fn a_public_bodys_property_certificate_stays() {
    let text = "豫（2024）某县不动产权第0012345号，权利人：某县城市管理局，用途：停车场。";
    kept(text, &["0012345"]);
    gone(
        "皖（2023）某县不动产权第0054321号，权利人：吴某。",
        &["0054321"],
    );
}

#[test]
fn a_long_mongolian_name_after_a_joining_word_or_in_a_list() {
    let text = "与额尔德尼、其其格协商后，双方同意把围挡后移一米。";
    gone(text, &["额尔德尼", "其其格"]);
}

#[test]
fn kham_tibetan_names_and_more_relatives() {
    gone("户主泽仁拉姆患有高原病，拆除由其侄子配合。", &["泽仁拉姆"]);
    gone("那天是我老表顾建军帮我看的摊。", &["顾建军"]);
    gone("我哥林阿伯是聋哑人，说不出话。", &["林阿伯"]);
}

#[test]
fn a_message_that_turns_to_its_reader_after_tongzhi() {
    let text = "【某县城管 短信】通知晓东：您在门店外搭设的遮阳棚须于三日内自行拆除。";
    gone(text, &["晓东"]);
}

#[test]
fn an_identity_number_behind_one_letter() {
    let text = "特种作业操作证号：T110101199003077774，作业类别：电工作业。";
    gone(text, &["110101199003077774"]);
}

#[test]
fn birth_dates_on_the_identity_card_and_in_the_republican_era() {
    gone("她说身份证上登记为1988年3月5日。", &["1988年3月5日"]);
    gone("老人今年九十岁，民国二十五年生人。", &["民国二十五年"]);
}

#[test]
fn a_cold_told_of_oneself() {
    gone("那几天我感冒发烧，吃了药有点犯困。", &["感冒发烧"]);
}

#[test]
fn a_given_name_with_one_plain_letter_beside_a_likely_one() {
    gone("经调解，由胡永乐赔偿马春生建材损失1500元。", &["马春生"]);
    // A public figure named with the office stays.
    kept("在温家宝总理考察工作时所提问题。", &["温家宝"]);
}
