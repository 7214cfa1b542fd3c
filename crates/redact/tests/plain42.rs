//! One invented sentence per general mechanism added in round 42 (the spent test half
//! of eval31). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_directory_of_hospital_departments_stays() {
    kept(
        "【便民信息】城北县人民医院眼科、县中医院骨伤科均位于解放路东段。",
        &["城北县人民医院眼科", "县中医院骨伤科"],
    );
    gone("我母亲上周在县人民医院眼科住院。", &["眼科"]);
}

#[test]
fn a_budgets_sum_is_no_ones_allowance() {
    kept(
        "县民政局：上半年发放城乡低保金1250万元。",
        &["城乡低保金1250万元"],
    );
    gone("他家是低保户，每月领四百元。", &["低保户"]);
}

#[test]
fn ages_with_all_or_in_full_years_pregnancy_and_a_lunar_birthday() {
    gone("隔壁两口子都八十多了，睡不好。", &["八十多"]);
    gone("答：我今年周岁五十八，身体还行。", &["周岁五十八"]);
    gone("在场人：当事人之妻（怀孕七个月）。", &["怀孕七个月"]);
    gone("摆摊的大姐说她是农历八月十五的生日。", &["农历八月十五"]);
}

#[test]
fn a_quoted_byname_after_a_relative_or_a_neighbour() {
    gone("来访人称其表哥“黑老三”在河边挖沙。", &["黑老三"]);
    gone("来电人称：隔壁“瘦婶”天天烧垃圾。", &["瘦婶"]);
    kept("楼下商户“晨光面馆”占道经营。", &["晨光面馆"]);
}

#[test]
fn a_lunar_birth_date_leaves_no_month_to_read() {
    for text in [
        "答：我生日是正月十五，今年五十七了。",
        "证人袁某某，女，出生日期：1953年腊月初八。",
    ] {
        gone(text, &["正月", "腊月", "十五", "初八"]);
    }
}
