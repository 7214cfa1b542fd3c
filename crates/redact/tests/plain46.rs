//! One invented sentence per general mechanism added in round 46 (dev halves and the
//! spent test halves of eval32–33). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn an_age_after_a_parent_and_a_heart_bypass_are_masked() {
    gone(
        "答：我爹七十九了，前年心脏搭过桥。",
        &["七十九", "心脏搭过桥"],
    );
}

#[test]
fn a_tibetan_part_with_an_amdo_ending_is_a_name() {
    gone("【证人证言】证人才让措：羊是傍晚进的地。", &["才让措"]);
    gone("“桑珠吉已经把帐篷收了。”", &["桑珠吉"]);
}

#[test]
fn a_short_name_part_beside_another_name_in_a_list_is_a_name() {
    gone("会上，卓玛加、索朗多吉、格桑分别说明了情况。", &["格桑"]);
}

#[test]
fn a_dotted_name_masked_in_part_at_the_source_is_masked_whole() {
    gone("收款方：古*·吐尔逊（139****2210）", &["古*·吐尔逊"]);
}

#[test]
fn a_pet_name_after_an_apprentice_or_a_carer_is_a_name() {
    gone("他说台阶是和徒弟小汤一起砌的。", &["小汤"]);
    gone("果树由其雇请的看护人老邵打理。", &["老邵"]);
    kept("他说儿子小时候就在这条街上玩。", &["小时候"]);
}

#[test]
fn a_chat_speaker_is_a_person() {
    gone("【工作群聊天】春生：明早七点在北门集合。", &["春生"]);
    kept("【业主群聊】物业：周五前把电动车挪走。", &["物业"]);
}

#[test]
fn a_unit_of_a_hospital_in_a_directory_stays() {
    kept(
        "【就医指引】县医院血液透析中心设在门诊楼二楼，挂号电话0931-5581230。",
        &["血液透析中心", "0931-5581230"],
    );
    kept(
        "【就医指引】县医院康复科均在住院部三楼，每周一至周五开诊。",
        &["康复科"],
    );
}

#[test]
fn a_home_landline_in_a_hotline_record_is_private() {
    gone(
        "【举报电话记录】来电人只留了家中座机0931-447 2815，未留手机。",
        &["447 2815"],
    );
}

#[test]
fn a_chapter_heading_padded_with_spaces_is_no_name() {
    kept(
        "第一章  总则\n第一条 为了加强管理，制定本条例。",
        &["第一章  总则"],
    );
}
