//! One invented sentence per general mechanism added in round 51 (the development half
//! of eval30). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_full_name_after_a_neighbours_word_whose_last_letter_makes_a_word_with_it() {
    gone(
        "据邻居反映，隔壁上官婉秋家散养的鸡鸭常在路上乱跑。",
        &["上官婉秋"],
    );
}

#[test]
fn a_qq_number_read_out_in_chinese_numerals_is_masked() {
    gone(
        "当事人QQ号三八七六一九二零五，微信同号。",
        &["三八七六一九二零五"],
    );
    kept("全年共受理投诉一二三件。", &["一二三件"]);
}
