//! One invented sentence per general mechanism added in round 56 (the spent test half
//! of eval37). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_without_a_han_surname_masked_in_part_at_the_source() {
    gone("护林员扎*多吉巡山时发现火情。", &["扎*多吉", "多吉"]);
    gone("村民央*卓玛反映水渠堵了。", &["央*卓玛"]);
}

#[test]
fn the_agencys_own_address_and_a_business_served_at_its_site_stay() {
    kept(
        "本局地址：某县城关镇人民路林业局　　电话：0971-1234567",
        &["某县城关镇人民路林业局"],
    );
    kept(
        "送达地点：城西工业园12号顺发汽修店",
        &["城西工业园12号顺发汽修店"],
    );
    kept(
        "检查了当事人位于下坝村委会石门村南侧的养殖场。",
        &["石门村南侧的养殖场"],
    );
}

#[test]
fn a_household_taken_into_a_scheme_is_masked() {
    gone(
        "同意将罗海生一户纳入农村最低生活保障。",
        &["罗海生", "最低生活保障"],
    );
}

#[test]
fn a_missing_finger_is_health() {
    gone("他左手中指缺失，是早年在工地受的伤。", &["中指缺失"]);
}

#[test]
fn bynames_told_by_their_bearer_or_glossed_with_the_real_name() {
    gone("“大伙都叫我马大炮就行。”", &["马大炮"]);
    gone(
        "证人二驴子（真名谢广发）证实了这一点。",
        &["二驴子", "谢广发"],
    );
    kept(
        "某某有限公司（原名某某商贸有限公司）",
        &["某某有限公司（原名某某商贸有限公司）"],
    );
}

#[test]
fn a_form_of_address_called_out_is_no_name() {
    kept("“师傅，您贵姓？”", &["师傅"]);
}

#[test]
fn counted_pupils_are_no_ones_condition() {
    kept("县特殊教育学校今年招收听障学生21名。", &["听障学生21名"]);
}
