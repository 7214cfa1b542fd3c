//! One invented sentence per general mechanism added in round 44 (the development half
//! of eval33). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_hearings_staff_named_before_their_roles_stay() {
    kept(
        "本次听证由林国栋担任主持人，邹晓梅担任听证员，蔡明担任记录员。",
        &["林国栋", "邹晓梅", "蔡明"],
    );
    gone("当事人申请由其表哥费长青担任代理人。", &["费长青"]);
}

#[test]
fn ages_after_an_old_persons_word_and_round_tens() {
    gone("来电人称老人七十六了，腿脚不便。", &["七十六"]);
    gone("答：我今年整七十了，还在种地。", &["整七十"]);
    kept("该路段限速整六十公里。", &["整六十"]);
}

#[test]
fn a_detention_told_and_a_stroke_counted() {
    gone(
        "答：2019年因为打架，被镇派出所拘留过五天。",
        &["拘留过五天"],
    );
    gone("我爸前年中过两次风，现在说话不清楚。", &["中过两次风"]);
}

#[test]
fn a_father_in_law_before_a_name() {
    gone("来电人称，他老丈人郑德顺在桥头卖菜。", &["郑德顺"]);
}

#[test]
fn a_neighbour_with_a_kin_title_and_a_caller_called_back() {
    gone("走访记录：隔壁潘姨每天给老人送饭。", &["潘姨"]);
    gone("【回访记录】回访对象黄女士表示满意。", &["黄女士"]);
}

#[test]
fn a_directory_that_says_where_to_go() {
    kept(
        "【办事指南】智力残疾评定请到县人民医院精神科预约。",
        &["县人民医院精神科"],
    );
    gone("我儿子上个月在县人民医院精神科住院。", &["精神科"]);
}

#[test]
fn whom_one_calls_along_is_a_person() {
    gone("建军：明天九点见，叫上秀英，把合同带来。", &["秀英"]);
    kept("下雨了，叫上车，别淋着。", &["叫上车"]);
}
