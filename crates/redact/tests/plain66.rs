//! One invented sentence per general mechanism added in round 66 (the development half
//! of eval46 and the spent test halves of eval44 and eval45). None of the sentences is
//! taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_speakers_own_mailbox_below_an_offices_phone_goes() {
    gone(
        "某县人民医院　院办电话：0939-1234567\n有事发邮件到zhangsan0101@qq.com，或者打我电话。",
        &["zhangsan0101@qq.com"],
    );
}

#[test]
fn accounts_after_add_me_v_and_with_dots() {
    gone("加我V：lan_hua_1990，拉你进群。", &["lan_hua_1990"]);
    gone("快手号：gs.laoma66，每晚直播。", &["gs.laoma66"]);
}

#[test]
fn a_mobile_with_zero_width_spaces_inside() {
    gone("留的号码为139\u{200b}1234\u{200b}5678，请回电。", &["1234"]);
}

#[test]
fn a_name_after_a_kin_word_before_an_age_in_numerals() {
    gone("来电人称其岳父柏德顺八十六岁，独居。", &["柏德顺"]);
}

#[test]
fn the_last_of_the_buyers_counted() {
    gone("苗种售给本县某镇的庞春兰等9户。", &["庞春兰"]);
}

#[test]
fn bynames_at_home_at_the_gate_and_helping() {
    gone("晚上在大孙家喝酒。", &["大孙"]);
    gone("他问过小区门卫老滕，老滕说没事。", &["老滕"]);
    gone("由其徒弟小欧代为到场取样。", &["小欧"]);
}

#[test]
fn a_byname_and_the_name_in_brackets_after_it() {
    gone(
        "售给坝卡村岩老四（本名岩新民）十卷。",
        &["岩老四", "岩新民"],
    );
}

#[test]
fn a_verb_and_a_towns_office_are_no_names() {
    kept("案由：未经批准张挂条幅案", &["张挂条幅"]);
    kept("地点：某县自然资源局柳桥国土资源所", &["柳桥国土资源所"]);
}
