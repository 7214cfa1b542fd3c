//! One invented sentence per general mechanism added in round 71 (the development halves
//! of eval53 and eval54). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn officers_masked_in_part_at_the_source_stay_as_given() {
    let t = "当事人：龚*生\n承办人：柏*涛（执法证号：33010226017）　骆*（执法证号：33010226021）\n法制审核人：钟*庆　2026年3月3日\n科长：滕*峰　2026年3月4日\n执法人员签名：柏*涛　骆*";
    kept(t, &["柏*涛", "骆*", "钟*庆", "滕*峰"]);
    gone(t, &["龚*生"]);
}

#[test]
fn a_signature_under_the_agencys_opinion_masked_in_part_stays() {
    kept(
        "分管领导意见：同意立案。\n签字：鲍*远　2026年5月20日",
        &["鲍*远"],
    );
}

#[test]
fn a_companys_checker_masked_in_part_goes() {
    gone(
        "你单位检测员宋*峰和审核人于*未核对原始记录即签字。",
        &["于*"],
    );
}

#[test]
fn a_head_named_after_a_colon_on_an_approval_line_stays() {
    kept(
        "执法监察大队意见：同意结案。  负责人：鲁文涛        2026年7月20日",
        &["鲁文涛"],
    );
}

#[test]
fn a_village_or_a_water_read_into_a_name_stays() {
    let t = "答：在后杨村金小凤家收了8头。";
    kept(t, &["后杨村"]);
    gone(t, &["金小凤"]);
    kept("在长江靖江段东兴港水域巡查时发现一艘船。", &["段东兴港"]);
    gone("我女儿于雪在新港区上班。", &["于雪"]);
}

#[test]
fn a_payment_slips_number_is_no_card() {
    kept("缴款书号：1310022026041300097", &["1310022026041300097"]);
}

#[test]
fn a_lunar_birth_date_after_its_field_goes() {
    gone(
        "出生日期农历一九五八年冬月初三，今年六十八岁。",
        &["一九五八年冬月初三"],
    );
}

#[test]
fn an_operation_to_come_an_old_injury_and_an_organ_that_cannot_bear_it() {
    gone("小儿子今年才十二岁，还要再做一次手术。", &["再做一次手术"]);
    gone("刘*东当天因腿伤复发请求换岗。", &["腿伤复发"]);
    gone("楼上天天半夜剁排骨，我老伴心脏受不了。", &["心脏受不了"]);
}

#[test]
fn a_tibetan_name_of_two_parts_goes() {
    gone("请扎西多吉、达瓦次仁于本周五前来领取回执。", &["达瓦次仁"]);
}

#[test]
fn a_byname_a_neighbour_or_a_witness_points_at_goes() {
    gone("邻居反映隔壁的“大胡子”又在楼道里烧纸。", &["大胡子"]);
    gone("我亲眼看见“瘦猴”把垃圾桶踢翻的。", &["瘦猴"]);
}

#[test]
fn a_rules_classes_of_welfare_and_of_injury_stay() {
    kept(
        "符合危旧房改造条件的农村最低生活保障家庭、分散供养的特困人员，优先纳入改造。",
        &["农村最低生活保障家庭"],
    );
    kept(
        "最低生活保障家庭成员参加本市少儿住院医疗互助基金的，给予资助。",
        &["最低生活保障家庭成员"],
    );
    kept(
        "因公致残的军人退出现役参加工作后旧伤复发的，依法享受相应的工伤待遇。",
        &["旧伤复发"],
    );
    gone("当事人系最低生活保障家庭成员。", &["最低生活保障家庭"]);
}
