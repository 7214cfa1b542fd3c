//! One invented sentence per rule added on the eleventh blind set's dev half
//! (crates/redact/eval11, issue 16). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn a_number_masked_at_the_source_in_an_id_column_goes() {
    let text = "| 序号 | 当事人 | 身份证号码 | 事由 |\n|---|---|---|---|\n| 1 | 钱某 | 4201**********0637 | 占道经营 |\n";
    gone(text, &["4201**********0637"]);
    // The same form in a table without an identity column stays.
    let other = "| 序号 | 单位 | 编号 | 事由 |\n|---|---|---|---|\n| 1 | 某公司 | 4201**********0637 | 占道经营 |\n";
    kept(other, &["4201**********0637"]);
}

#[test]
fn an_id_read_out_with_wide_gaps_goes() {
    // A check character that does not hold, digits read out one by one.
    let text = "当事人说：身份证号是370102 19750312 2  5  1  9，你们记一下。";
    gone(text, &["370102 19750312 2  5  1  9"]);
}

#[test]
fn an_id_grouped_by_fours_and_masked_in_part_goes() {
    let text = "证件号：4201 0619 8809 **** 37，系本人提供。";
    gone(text, &["4201 0619 8809 **** 37"]);
    // Without an identity word, grouped numbers stay.
    kept(
        "货号：4201 0619 8809 **** 37，系本人提供。",
        &["4201 0619 8809 **** 37"],
    );
}

#[test]
fn a_landline_with_its_seven_digits_split_four_and_three_goes() {
    let text = "当事人住某村，电话：0871—3326 907，已告知权利。";
    gone(text, &["3326 907"]);
}

#[test]
fn a_contact_office_number_split_four_and_three_stays() {
    let text = "联系人：某社区居委会 0871-3326 907；";
    kept(text, &["0871-3326 907"]);
}

#[test]
fn tibetan_names_without_a_surname_go() {
    let text =
        "经查，其中索朗旺堆（男）在路口摆摊；车主白玛、其女小德吉在场；经营者罗布顿珠未办证。";
    gone(text, &["索朗旺堆", "白玛", "小德吉", "罗布顿珠"]);
    // A shop named after a name part stays.
    kept("格桑甜品店门前占道经营。", &["格桑甜品店"]);
}

#[test]
fn a_tibetan_officer_with_his_card_number_stays() {
    let text = "送达人：平措多吉（执法证号：54010299001），受送达人：索朗旺堆。";
    kept(text, &["平措多吉"]);
    gone(text, &["索朗旺堆"]);
}

#[test]
fn a_hospital_with_its_specialty_in_brackets_is_health() {
    let text = "当事人称其正在某市第二人民医院（精神病专科）住院。";
    gone(text, &["第二人民医院（精神病专科）"]);
}

#[test]
fn a_nickname_of_da_and_a_surname_in_quotes_goes() {
    let text = "邻居都叫他“大孙”，平时在菜场卖鱼。";
    gone(text, &["大孙"]);
    kept("这里是大孙庄村委会。", &["大孙庄"]);
}

#[test]
fn an_infant_age_in_months_goes() {
    let text = "投诉人称家中有一个五个月大的宝宝，夜间噪声影响休息。";
    gone(text, &["五个月大的宝宝"]);
    kept("整改期限为3个月，逾期不改的依法处理。", &["3个月"]);
}

#[test]
fn a_school_named_by_the_uniform_a_child_wears_goes() {
    let text = "一名男孩（身穿某县实验中学校服）在摊位旁帮忙。";
    gone(text, &["某县实验中学"]);
    kept("执法人员身穿制服到场。", &["制服"]);
}

#[test]
fn a_persons_own_words_on_worship_go() {
    let text = "证人称，当事人说过“我每个星期天都去教堂做礼拜，没空管院子”。";
    gone(text, &["教堂做礼拜"]);
    kept("执法人员说“我们下周再来复查”。", &["我们下周再来复查"]);
}
