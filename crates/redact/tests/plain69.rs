//! One invented sentence per general mechanism added in round 69 (the development halves
//! of eval49 and eval50). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn those_present_at_a_collective_discussion_stay_and_the_party_goes() {
    let t = "重大案件集体讨论记录\n主持人：高振国（副局长）\n参加人员：秦立新（法规科科长）、孟晓燕、法制审核员葛春来\n列席人员：石桥镇城建办主任姚德明\n\n承办人秦立新汇报案情：当事人龚海生，男，1975年出生，在店外摆放货架。\n孟晓燕：同意。\n参会人员签名：高振国　秦立新　孟晓燕　葛春来　姚德明";
    kept(t, &["秦立新", "孟晓燕", "葛春来", "姚德明"]);
    gone(t, &["龚海生"]);
}

#[test]
fn a_hearing_list_is_no_discussion() {
    gone("听证笔录\n参加人员：龚海生（当事人）", &["龚海生"]);
}

#[test]
fn officers_signing_approval_lines_stay() {
    let t = "当事人：龚海生\n大队意见：同意立案。　　城西中队　柏文涛　2026年3月2日\n法制审核意见：事实清楚，同意。　　法制科　骆红梅　2026年3月3日\n分管负责人审批意见：同意。　　签批人：钟国庆　2026年3月4日\n法规科负责人：滕晓峰";
    kept(t, &["柏文涛", "骆红梅", "钟国庆", "滕晓峰"]);
    gone(t, &["龚海生"]);
}

#[test]
fn the_partys_opinion_line_is_the_partys() {
    gone("当事人意见：无异议。　　龚海生　2026年3月2日", &["龚海生"]);
}

#[test]
fn an_officer_doing_something_right_after_the_name_stays() {
    kept("承办人柏文涛汇报案情，当事人未到场。", &["柏文涛"]);
    kept(
        "区动物卫生监督所官方兽医滕晓峰对现场生猪采样。",
        &["滕晓峰"],
    );
}

#[test]
fn a_town_cadre_witnessing_stays() {
    kept(
        "受送达人拒绝签收，见证人石桥镇政府干部姚德明在场，留置送达。",
        &["姚德明"],
    );
}

#[test]
fn a_place_or_a_group_known_by_a_quoted_name_stays() {
    kept("位于村北山坳（俗称“杨家洼”）。", &["杨家洼"]);
    kept("“向日葵”志愿服务队到社区义诊。", &["向日葵"]);
    kept("当事人称农家乐系其与姐夫合伙经营。", &["农家乐"]);
}

#[test]
fn a_call_to_the_agency_is_no_byname() {
    kept("喂，是城管吗？我们楼下有人占道。", &["城管"]);
}

#[test]
fn an_awareness_day_stays_and_a_persons_condition_goes() {
    kept("社区于世界糖尿病日开展义诊。", &["糖尿病"]);
    gone("其母患糖尿病多年。", &["糖尿病"]);
}
