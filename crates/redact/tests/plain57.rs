//! One invented sentence per general mechanism added in round 57 (the development half
//! of eval38). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn the_other_items_of_a_list_of_names_are_names() {
    gone(
        "获奖人员：王德明、欧阳春华、岩罕、苏日娜、卢国庆。",
        &["岩罕"],
    );
    gone(
        "签到：李秀英　司马文博　玉罕　秋生　（共4人）",
        &["玉罕", "秋生"],
    );
    kept(
        "途经红星村、东风村、新华村三个行政村。",
        &["红星村、东风村、新华村"],
    );
}

#[test]
fn a_plate_grouped_by_spaces_is_masked() {
    gone("涉案车辆：浙A 5K2 81（小型轿车）。", &["5K2 81"]);
}

#[test]
fn an_age_reached_and_aches_of_the_back_or_legs() {
    gone("我今年满七十了，干不动了。", &["七十"]);
    gone("当事人称其腰背疼痛，不能弯腰。", &["腰背疼痛"]);
    gone("因“双下肢麻木三月”入院。", &["双下肢麻木"]);
}

#[test]
fn a_grand_nephew_by_his_pet_name_and_a_head_of_household() {
    gone("平时由侄孙小蒋每天送饭。", &["小蒋"]);
    gone("户主鲁秀兰信仰佛教。", &["鲁秀兰"]);
}

#[test]
fn the_treasury_account_named_on_the_line_and_opening_hours_stay() {
    kept(
        "收款人：永和县财政局非税收入汇缴结算户；账号：3302230101000412586。",
        &["3302230101000412586"],
    );
    kept("县医院精神科周六上午照常开诊。", &["精神科"]);
    kept("残疾人两项补贴按月发放。", &["残疾人两项补贴"]);
}

#[test]
fn a_weekday_and_an_old_tree_are_no_names() {
    kept("每周日由女儿陪同。", &["周日由"]);
    kept("东北角古槐（国槐，树龄约300年）", &["古槐"]);
}
