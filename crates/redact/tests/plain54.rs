//! One invented sentence per general mechanism added in round 54 (the spent test half
//! of eval36). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn an_identity_number_grouped_by_dashes_is_masked() {
    gone(
        "当事人身份证号：110105-19800101-0018。",
        &["19800101-0018", "0018"],
    );
}

#[test]
fn an_old_fifteen_digit_number_named_earlier_in_the_sentence_is_masked() {
    gone(
        "老身份证上，当事人的号码是 110105800101001，现已换领新证。",
        &["110105800101001"],
    );
}

#[test]
fn names_without_a_surname_before_gen_or_telling() {
    gone("这件事交给才让措跟进，她会说藏语。", &["才让措"]);
    gone("家住城东的乌日娜告诉记者，海边干净多了。", &["乌日娜"]);
}

#[test]
fn an_age_near_eighty_and_a_blood_sugar_reading_are_masked() {
    gone("家中老母亲年近九十，长期卧病在床。", &["年近九十"]);
    gone("受检者空腹血糖9.8mmol/L，诊断为糖尿病。", &["9.8mmol/L"]);
}

#[test]
fn a_village_clerk_is_a_private_person() {
    gone("找村文书龚兰花，她白天一般在村委会。", &["龚兰花"]);
}

#[test]
fn an_industrial_park_is_no_name() {
    kept("他在金桥工业园上班。", &["金桥工业园"]);
}
