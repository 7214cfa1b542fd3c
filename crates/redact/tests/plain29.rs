//! One invented sentence per general mechanism added in round 29 on eval23's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_relative_by_marriage_is_read_whole_before_the_name() {
    let text = "据当事人称，围挡系其妻兄周海涛联系搭建。";
    gone(text, &["周海涛", "海涛"]);
    kept(text, &["其妻兄"]);
    let text = "其堂弟何国平负责看店。";
    gone(text, &["何国平"]);
}

#[test]
fn a_name_before_a_verb_that_starts_like_a_road_is_a_name() {
    let text = "当日上午，程秀珍路过时上前劝阻。";
    gone(text, &["程秀珍"]);
    // A road named like a person stays.
    let text = "当事人在何建华路东侧占道经营。";
    kept(text, &["何建华路"]);
}

#[test]
fn the_date_an_offence_happened_on_is_no_birth_date() {
    let text = "当事人1990年3月5日出生，违法行为发生于2026年3月5日。";
    kept(text, &["2026年3月5日"]);
    gone(text, &["1990年3月5日"]);
}

#[test]
fn an_ethnicity_after_a_name_says_the_name_is_a_persons() {
    let text = "单海生，回族，在某县某街道经营拉面馆。";
    gone(text, &["单海生", "回族"]);
}

#[test]
fn a_birth_year_in_spoken_digits_with_a_lunar_month_is_masked() {
    let text = "她说自己是八三年冬月生的。";
    gone(text, &["八三年"]);
}

#[test]
fn a_quoted_sign_said_to_be_a_business_keeps_the_given_name() {
    let text = "当事人：邝德胜，男。经查，当事人系“德胜汽车美容”经营者。";
    kept(text, &["“德胜汽车美容”经营者"]);
    gone(text, &["邝德胜"]);
}

#[test]
fn a_landline_masked_in_part_at_the_source_is_brought_to_the_engines_form() {
    let text = "联系电话：0731-86****42（宅）";
    gone(text, &["86****42"]);
    let text = "家中电话0731-8634**42。";
    gone(text, &["8634**42", "8634"]);
    // A shop's number as the source shows it stays.
    let text = "联系电话：0731-8634****（店内）";
    kept(text, &["0731-8634****"]);
}
