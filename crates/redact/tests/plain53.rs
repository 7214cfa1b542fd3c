//! One invented sentence per general mechanism added in round 53 (the development half
//! of eval36). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn ages_said_loosely_and_a_groups_average_age() {
    gone("家里就我们两个八十来岁的老人。", &["八十来岁"]);
    gone("他姓邱，四十出头，在工地上干活。", &["四十出头"]);
    kept("敬老院现有在院老人62名，平均年龄79岁。", &["平均年龄79岁"]);
}

#[test]
fn bedridden_is_health() {
    gone("其母去年摔伤后至今不能下床。", &["不能下床"]);
}

#[test]
fn a_fishing_boat_and_a_farm_machines_plate_are_masked() {
    gone("使用其所有的渔船“浙岱渔03215”运送苗种。", &["浙岱渔03215"]);
    gone("一台收割机悬挂“豫16-02418”号牌照作业。", &["豫16-02418"]);
}

#[test]
fn a_makers_series_before_a_model_number_is_no_name() {
    kept(
        "发现一台雷沃谷神GM80型轮式联合收割机在地块作业。",
        &["雷沃谷神GM80型"],
    );
}

#[test]
fn a_hospitals_yearly_figures_are_no_ones_visit() {
    kept(
        "县精神卫生中心2025年共接诊门诊患者1.1万人次，较上年增长6%。",
        &["县精神卫生中心"],
    );
}

#[test]
fn a_record_title_before_its_subject_is_no_recorder() {
    gone(
        "入户走访记录：龚国栋，现年五十八岁，因车祸致双下肢瘫痪。",
        &["龚国栋"],
    );
    kept("询问人：王强（执法证号12345678）　记录：李明", &["李明"]);
}

#[test]
fn village_bynames_and_nicknames_said_with_a_surname() {
    gone("大陈说那个卖水果的老太太耳朵背。", &["大陈"]);
    gone("村民代表会上，老蔫儿说他家的羊圈是早年盖的。", &["老蔫儿"]);
    gone("二娃，你哥回来没？让他去社区报个到。", &["二娃"]);
    gone(
        "我跟“小贵州”是一个工地的，他姓何，具体叫啥不知道。",
        &["小贵州"],
    );
    gone(
        "家住城西的巴特尔说：“路灯亮了，心里踏实多了。”",
        &["巴特尔"],
    );
}
