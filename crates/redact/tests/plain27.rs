//! One invented sentence per general mechanism added in round 27 on eval22's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_full_name_that_opens_a_clause_and_acts_at_a_place_is_a_name() {
    let text = "巡查发现，何国强在某县某镇滨江大道北段私自开挖路面。";
    gone(text, &["何国强"]);
    let text = "巡查发现，仉宝林在某县某镇滨江大道北段私自开挖路面。";
    gone(text, &["仉宝林"]);
    // A place or a body acting at a place stays.
    let text = "经查，某某公司在某市某街道人民路设置广告牌。";
    kept(text, &["某某公司"]);
}

#[test]
fn an_age_said_in_full_and_a_birth_date_asked_and_answered_are_masked() {
    let text = "答：我今年都六十三了，腿脚还行。";
    gone(text, &["六十三"]);
    let text = "问：你的出生日期？答：七九年五月";
    gone(text, &["七九年五月"]);
}

#[test]
fn a_given_name_called_at_the_head_of_a_quoted_message_is_masked() {
    let text = "微信消息截图：“翠娥，城管下午三点来，你把遮阳棚先收了”";
    gone(text, &["翠娥"]);
    // An ordinary word heading a quote stays.
    let text = "其回复：“明天，我们一起去。”";
    kept(text, &["明天"]);
}

#[test]
fn a_name_and_the_verb_after_it_are_not_one_long_name() {
    let text = "当事人称牛舍由其雇请的崔东日、全永祥施工。";
    kept(text, &["施工"]);
    gone(text, &["全永祥"]);
}
