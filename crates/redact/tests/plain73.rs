//! One invented sentence per general mechanism added in round 73 (the development halves
//! of eval55 and eval56). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn officers_masked_in_part_stay_wherever_they_stand() {
    let t = "听证主持人：鲍*远（执法证号：51010726001193）\n记 录 人：唐*琳\n约谈人：钟*（科长）\n经本局执法人员欧阳*、郭*林调查，当事人龚*生无异议。\n鲍*远：现在开始听证。\n列席：石桥镇人民政府 王*川";
    kept(t, &["鲍*远", "唐*琳", "钟*", "郭*林", "王*川"]);
    gone(t, &["龚*生"]);
}

#[test]
fn a_witness_named_after_the_chair_is_no_officer() {
    gone(
        "主持人：证人何*贵，你收泔水给钱吗？\n何*贵：没有。",
        &["何*贵"],
    );
}

#[test]
fn a_head_after_a_full_stop_on_an_approval_line_stays() {
    kept("中队意见：同意。负责人：柏文涛  2026年7月24日", &["柏文涛"]);
}

#[test]
fn the_agencys_contacts_listed_before_a_wide_space_stay() {
    kept(
        "某某区农业农村局\n2026年10月20日\n（联系人：郝振宇、柯文婷　联系电话：0531-76885213）",
        &["郝振宇", "柯文婷"],
    );
}

#[test]
fn a_deadline_after_a_name_ending_in_sheng_is_no_birth() {
    kept(
        "责令贾春生于2026年8月31日前回填取土坑。",
        &["2026年8月31日"],
    );
}

#[test]
fn a_platform_a_licence_and_a_studio_stay() {
    kept("该门店在“安家网”等平台发布房源。", &["安家网"]);
    kept(
        "许可证编号：D（云昭威）农种许字（2023）第0017号",
        &["云昭威"],
    );
    kept(
        "原列当事人：某某区悦禧婚庆策划工作室（个体工商户）",
        &["悦禧"],
    );
    kept("大家一起重温了张海迪的事迹。", &["张海迪"]);
}
