//! One invented sentence per general mechanism added in round 31 on eval25's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_source_tag_with_its_county_is_no_dotted_name() {
    let text = "【12345工单·临海县】来电反映：某镇菜市场门口有人占道。";
    kept(text, &["工单·临海县"]);
}

#[test]
fn legal_reviewers_and_callback_staff_of_the_agency_stay() {
    let text = "执法人员：刘伟（执法证号43072226008）\n法制审核：邝志刚\n某县农业农村局";
    kept(text, &["邝志刚"]);
}

#[test]
fn the_contact_closing_a_notice_row_and_the_number_are_the_agencys() {
    let text = "某综执罚〔2026〕12号｜某经营部｜擅自设置户外广告｜不予行政处罚｜2026-08-19｜联系人：邝佳\u{3000}0838-8202736";
    kept(text, &["邝佳", "0838-8202736"]);
}

#[test]
fn a_full_name_after_a_relative_or_a_noun_for_a_person_is_found_by_its_letters() {
    let text = "答：店是我姐夫揭永平开的，我只是帮他看几天。";
    gone(text, &["揭永平"]);
}

#[test]
fn a_given_name_called_in_a_quote_is_not_masked_inside_other_words() {
    let text = "他说：“文静，你过来。”她性格文静。";
    gone(text, &["“文静"]);
    kept(text, &["性格文静"]);
}
