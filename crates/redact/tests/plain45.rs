//! One invented sentence per general mechanism added in round 45 (the spent test half
//! of eval33). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_broken_right_leg_a_plate_and_an_amputation_are_health() {
    gone(
        "答：我前年摔断了左腿，打了钢板，重活干不了。",
        &["摔断了左腿", "打了钢板"],
    );
    gone("她丈夫去年出工伤截了肢。", &["截了肢"]);
}

#[test]
fn a_lunar_day_before_sheng_de_is_a_birth_date() {
    gone("当事人称：我是腊月初九生的，今年五十一。", &["腊月初九"]);
}

#[test]
fn a_landline_after_the_callers_word_in_a_hotline_record_is_private() {
    gone(
        "【举报电话记录】举报人座机0871-5326 418，受理编号JB-0612-07。",
        &["5326 418"],
    );
    kept(
        "举报人可拨打举报电话0871-5326418（工作日受理）。",
        &["0871-5326418"],
    );
}
