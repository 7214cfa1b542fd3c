//! One invented sentence per general mechanism added in round 70 (the development halves
//! of eval51 and eval52). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_signature_line_under_the_agencys_opinion_stays() {
    let t = "当事人：龚海生\n分管领导审批意见：同意立案。\n签名：鲍志远　　2026年4月4日";
    kept(t, &["鲍志远"]);
    gone(t, &["龚海生"]);
}

#[test]
fn a_field_after_the_role_word_is_no_name() {
    let t = "当事人民族为土家族，其妻向晓琴民族为苗族。";
    kept(t, &["当事人"]);
    gone(t, &["土家族", "苗族", "向晓琴"]);
}

#[test]
fn a_bodys_landline_masked_in_part_at_the_source_stays() {
    kept(
        "当事人：某某建材有限公司，统一社会信用代码：91330100MA2******7，法定代表人：钱*明，联系电话：0571-86****35",
        &["0571-86****35"],
    );
}

#[test]
fn a_licence_number_is_no_mobile() {
    kept(
        "兽药经营许可证号：（2025）兽药经营证字13012300045号",
        &["13012300045"],
    );
}

#[test]
fn a_builders_number_masked_in_part_goes() {
    gone(
        "项目经理（一级注册建造师，注册证书编号：浙133******41）",
        &["133******41"],
    );
}

#[test]
fn a_brand_a_school_a_shop_and_a_township_stay() {
    kept("现场查获“千响”鞭炮三盘。", &["千响"]);
    kept("发放“乐学教育培训学校”的传单。", &["乐学教育培训学校"]);
    kept("案件名称：丰禾兽药店违法经营案", &["丰禾兽药店"]);
    kept("向阿拉腾苏木的牧户销售。", &["阿拉腾苏木"]);
}

#[test]
fn a_public_figure_where_only_the_figure_is_spoken_of() {
    kept("巡游队伍中扮猪八戒的演员由石磊担任。", &["猪八戒"]);
    kept("她说：“我又不是雷锋。”", &["雷锋"]);
    // A person who bears the name is a person.
    gone("经查，当事人与其表弟屈原在路口摆摊。", &["屈原"]);
}

#[test]
fn speakers_of_a_copied_chat_and_a_name_told_by_oneself_go() {
    gone(
        "微信群聊记录：【孟一凡】明天谁去？【秋菊】我去吧。",
        &["孟一凡", "秋菊"],
    );
    gone("来电人自称“老倔头”，不愿留姓名。", &["老倔头"]);
    gone("来电人自称“老抠儿”，不愿留姓名。", &["老抠儿"]);
}

#[test]
fn the_unit_of_a_hospital_that_tells_a_condition_goes_and_the_hospital_stays() {
    let t = "其父每周在某市第二人民医院血液净化中心透析三次。";
    gone(t, &["血液净化中心透析"]);
    kept(t, &["某市第二人民医院"]);
}

#[test]
fn a_welfare_household_goes() {
    gone(
        "当事人以农村最低生活保障家庭身份申请。",
        &["最低生活保障家庭"],
    );
    gone("他家是特困供养户。", &["特困供养户"]);
}
