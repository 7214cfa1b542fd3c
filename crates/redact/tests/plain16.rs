//! One invented sentence per general mechanism added while pooling the misses of the
//! spent test halves of eval9–eval13 (issue 16): structures, not phrasings. None of
//! the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_house_number_on_the_next_line_goes_even_before_a_quote() {
    let text = "据了解，范长庚（男，住东坡村小组\n23号）说：“地是我租的。”";
    gone(text, &["23号"]);
}

#[test]
fn a_home_whose_clause_began_two_lines_up_goes_on_to_its_number() {
    let text = "其家庭住址（临川区\n荆公路街道学府路西三巷\n15号）已登记。";
    gone(text, &["15号"]);
    kept(text, &["临川区"]);
}

#[test]
fn a_village_group_under_an_indent_goes() {
    let text = "住宿松县\n     河塘镇柳树村\n     七组41号。";
    gone(text, &["七组41号", "41号"]);
}

#[test]
fn full_width_house_numbers_on_the_next_line_go() {
    let text = "个人住址：吉安县敦厚镇井冈山路\n２０６号２栋３单元５０２\n联系电话：见附件";
    gone(text, &["２０６号２栋３单元５０２"]);
}

#[test]
fn a_date_on_the_next_line_stays_apart() {
    let text = "住所：吉安县敦厚镇井冈山路\n2026年3月4日";
    kept(text, &["2026年3月4日"]);
}
