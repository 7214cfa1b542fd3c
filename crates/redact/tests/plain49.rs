//! One invented sentence per general mechanism added in round 49 (the development half
//! of eval35). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn an_age_of_tens_and_haoji_is_masked() {
    gone("我也六十好几了，干不动重活。", &["六十好几"]);
}

#[test]
fn a_poisoning_with_its_severity_is_health() {
    gone("其子曾因急性酒精中毒在县医院抢救。", &["急性酒精中毒"]);
}

#[test]
fn a_qualification_or_operator_certificate_number_is_masked() {
    gone(
        "持有叉车操作证（证号：苏320581201900123）。",
        &["320581201900123"],
    );
    gone("执业兽医资格证书编号：2020370112045。", &["2020370112045"]);
}

#[test]
fn a_welfare_scheme_joined_or_its_standard() {
    gone("独居老人已纳入城市特困供养。", &["特困供养"]);
    kept("本县城市低保标准为每人每月760元。", &["低保标准"]);
}

#[test]
fn a_disability_card_in_fields_is_masked() {
    gone(
        "【残疾人证复印件】姓名：柯某；残疾类别：听力；残疾等级：二级。",
        &["残疾类别：听力", "二级"],
    );
}

#[test]
fn an_honours_list_of_grid_workers_is_of_private_persons() {
    gone(
        "【表彰名单】2025年度优秀网格员：贺晓琳、吐尔逊·买买提、潘立军。",
        &["贺晓琳", "吐尔逊·买买提", "潘立军"],
    );
}

#[test]
fn nicknames_of_a_letter_and_wa_and_quoted_kin_titles() {
    gone(
        "【村民会议记录】五组的狗娃说他家的院墙不是他砌的。",
        &["狗娃"],
    );
    gone("【12345工单】反映“豹哥”每晚在广场放高音喇叭。", &["豹哥"]);
    gone("【商户微信群】瘦姐：@刘叔 明早八点检查。", &["瘦姐"]);
    kept("【12345工单】反映“大哥”每晚在广场放高音喇叭。", &["大哥"]);
}

#[test]
fn a_quoted_shop_that_ends_as_a_home_for_pets_is_a_business() {
    kept(
        "当事人柴永浩在东街开设“永浩宠物之家”，未取得动物诊疗许可证。",
        &["永浩宠物之家"],
    );
}
