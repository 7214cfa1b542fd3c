//! One invented sentence per general mechanism added in round 61 (the spent test half
//! of eval41). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn names_by_what_only_a_person_does_or_has() {
    gone("货物经由韩二虎驾驶的货车运出。", &["韩二虎"]);
    gone("补发款项打入柏树林的建行卡。", &["柏树林"]);
    gone("城关镇的江小花为特困供养人员。", &["江小花"]);
    gone("上帕镇的和春兰，纳西族，在桥头摆摊。", &["和春兰"]);
    gone("当事人田永强曾于2019年受过处罚。", &["田永强"]);
}

#[test]
fn a_video_users_handle_and_an_illness_that_came_back() {
    gone("抖音用户“城南老六”发视频称执法队打人。", &["城南老六"]);
    gone("他有癫痫，去年在摊位上发作过两次。", &["发作过两次"]);
}

#[test]
fn a_welfare_body_stays() {
    kept(
        "由县民政局特困人员供养服务中心统一安排。",
        &["县民政局特困人员供养服务中心"],
    );
}
