//! One invented sentence per general mechanism added in round 28 (a model of given-name
//! characters, and officers' lists that end at a name without its own badge). None of
//! the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_full_name_with_name_like_characters_in_running_text_is_masked() {
    // No role word, no cue: only the characters and the word boundaries say "person"
    // (jieba cuts 程/长青 and 单/海峰, so neither is read as a name by its tag).
    let text = "据查，程长青每天傍晚在此卸货，单海峰负责看管。";
    gone(text, &["程长青", "单海峰"]);
    let text = "材料由其雇请的罗德日、程长青运来。";
    gone(text, &["程长青"]);
}

#[test]
fn prose_and_staff_with_their_office_stay() {
    let text = "执法人员于当日送达，该路段由英雄执法中队负责巡查，但延长时限须报批。";
    kept(text, &["于当日", "英雄执法中队", "但延长时限"]);
    let text = "联系人：法制科 邝德胜　电话：0571-88886666";
    kept(text, &["邝德胜"]);
    let text = "执法人员：刘伟（浙A03-021877）　邝德胜（浙A03-021902）";
    kept(text, &["刘伟", "邝德胜"]);
    let text = "当事人在张贴广告时被发现，向社会公布处罚结果。";
    kept(text, &["张贴广告", "向社会公布"]);
}

#[test]
fn names_after_an_officer_with_a_badge_and_without_their_own_are_masked() {
    let text = "在场人员：执法队员刘伟（执法证号33048323015）、宓海峰、邝德胜。";
    kept(text, &["刘伟", "33048323015"]);
    gone(text, &["宓海峰", "邝德胜"]);
    // Badges given together after the last name, or broken onto the next line, still cover the list.
    let text = "执法人员刘伟、宓海峰（执法证号：33048323015、33048323016）到场检查。";
    kept(text, &["刘伟", "宓海峰"]);
    let text = "执法人员刘伟（执法证号：33048323015）、宓海峰（执\n法证号：33048323016）到场检查。";
    kept(text, &["刘伟", "宓海峰"]);
}

#[test]
fn a_surname_with_a_private_title_and_a_caller_addressed_by_surname_are_masked() {
    let text = "举报人向女士反映：“对面工地每晚施工到凌晨。”";
    gone(text, &["向女士"]);
    let text = "司机称车队调度刘经理要求多拉一趟。";
    gone(text, &["刘经理"]);
    // A company's manager as an office stays (公司经理, 担任经理).
    let text = "由公司经理签字，并担任经理职务。";
    kept(text, &["公司经理", "担任经理"]);
    // A preposition before 女士 in a sentence stays a preposition.
    let text = "执法人员向女士出示了执法证件。";
    kept(text, &["执法人员向"]);
}
