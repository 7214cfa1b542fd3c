//! One invented sentence per general mechanism added in round 50 (the spent test half
//! of eval35). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_banner_whose_name_opens_like_a_yi_name_stays() {
    kept(
        "阿鲁科尔沁旗农牧局于2026年4月7日作出决定。",
        &["阿鲁科尔沁旗农牧局"],
    );
}

#[test]
fn the_agencys_address_line_under_or_above_its_signature_stays() {
    let t = "当事人有权进行陈述、申辩。\n\n某某县农牧局\n2026年4月7日\n地址：某某县天山镇罕山东街8号　电话：0476-7222581";
    kept(t, &["0476-7222581"]);
    let t = "逾期视为放弃。\n\n地址：南丹县城关镇城东路21号　联系人：覃文军　电话：0778-7212330\n\n南丹县城市管理综合执法局\n2026年6月8日";
    kept(t, &["覃文军", "0778-7212330"]);
    let t = "处罚机关：都兰县自然资源局\n联系电话：0977-8222467";
    kept(t, &["0977-8222467"]);
}

#[test]
fn a_name_before_a_phone_in_brackets_is_a_name() {
    gone("租用龚德胜（联系电话：13778051234）的挖掘机。", &["龚德胜"]);
}

#[test]
fn a_village_office_where_a_paper_is_served_stays() {
    kept("送达地点：长乐镇红星村村部", &["长乐镇红星村村部"]);
    gone("送达地点：长乐镇红星村三组17号", &["三组17号"]);
}

#[test]
fn land_the_household_farms_is_no_home() {
    kept(
        "你在长乐镇红星村“大湾里”你家承包的集体山林内采伐杉木。",
        &["大湾里"],
    );
}

#[test]
fn an_attendance_field_lists_persons_with_a_note() {
    gone(
        "出席：鞠长顺、冷秀芝、闻一鸣、红梅（代签）。",
        &["鞠长顺", "冷秀芝", "闻一鸣", "红梅"],
    );
}

#[test]
fn bynames_owning_a_shop_or_a_relative_and_chat_letters() {
    gone("这是我表哥“大个”的店，他下午才回来。", &["大个"]);
    gone("反映小区门口“猴子”开的烧烤摊营业到凌晨。", &["猴子"]);
    gone("【业主微信群】老K：物业让你去一趟。", &["老K"]);
    gone("【村民会议记录】五组的铁蛋他奶奶今年九十五了。", &["铁蛋"]);
    kept("“志勇汽车美容”的经营者未办理审批。", &["志勇汽车美容"]);
}

#[test]
fn a_slight_cough_and_an_abnormal_liver_function_are_health() {
    gone("孙子事后有轻微咳嗽。", &["轻微咳嗽"]);
    gone("检查结论：肝功能轻度异常。", &["肝功能轻度异常"]);
}
