//! One invented sentence per rule added on the thirteenth blind set's dev half
//! (crates/redact/eval13, issue 16). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn an_offence_field_ends_at_a_comma() {
    let text = "社区矫正对象登记：罪名：诈骗罪，报到日期2025年6月3日。";
    gone(text, &["诈骗罪"]);
    kept(text, &["2025年6月3日"]);
}

#[test]
fn a_landline_split_four_and_three_after_a_contact_person_goes() {
    gone(
        "家属联系人：儿子 钱立伟 0519-6832 417，已签字确认。",
        &["0519-6832 417", "6832 417"],
    );
}

#[test]
fn a_landline_split_four_and_three_in_a_phone_cell_goes() {
    let text = "| 序号 | 户主 | 电话 | 事项 |\n| 1 | 钱立伟 | 0519-6832 417 | 堆放杂物 |\n";
    gone(text, &["0519-6832 417"]);
    // An organisation's row keeps its number.
    let org = "| 2 | 武进区湖塘农机专业合作社 | 0519-6832 509 | 搭建棚架 |\n";
    kept(org, &["0519-6832 509"]);
}

#[test]
fn a_full_width_landline_goes() {
    gone(
        "当事人住所地电话０５１９－６８３ ２４１７，已告知。",
        &["６８３ ２４１７", "２４１７"],
    );
}

#[test]
fn a_shops_own_line_noted_after_it_stays() {
    let text = "联系方式：159 6120 3378（本人） 0519-6601234（门店座机）";
    gone(text, &["159 6120 3378"]);
    kept(text, &["0519-6601234"]);
}

#[test]
fn a_place_the_agency_runs_keeps_its_number() {
    kept("便民服务点联系电话：0519-6601288\n", &["0519-6601288"]);
}

#[test]
fn an_old_id_split_by_spaces_goes() {
    gone(
        "公民身份号码：320402 580316 127；住常州市。",
        &["320402 580316 127", "580316"],
    );
}

#[test]
fn an_id_split_ten_four_four_goes() {
    // 320402 19580316 1279 written as ten, four and four digits.
    gone(
        "身份证号：3204021958 0316 1279\n",
        &["0316", "3204021958 0316"],
    );
}

#[test]
fn an_id_with_unreadable_marks_inside_goes() {
    gone(
        "身份证号：320402 1958 0316 1X7X（复印件不清）",
        &["1958 0316", "19580316"],
    );
}

#[test]
fn a_spaced_house_number_after_a_village_group_goes() {
    gone("住湖塘镇西林村三组 17 号，电话未留。", &["17 号"]);
}

#[test]
fn a_year_and_month_after_a_birth_field_goes() {
    gone(
        "姓名：钱立伟；出生：1957年8月；民族：汉族。",
        &["1957年8月"],
    );
}

#[test]
fn a_mass_or_friday_prayer_goes() {
    gone(
        "其称每周参加弥撒，弥撒后才回家；其兄要求主麻日休息。",
        &["弥撒", "主麻日"],
    );
}

#[test]
fn care_a_person_depends_on_goes() {
    let text = "其父钱老根（三级失能，卧床不起，靠鼻饲维持）由其照料；其妻居家氧疗，下床都要人扶。";
    gone(text, &["三级失能", "卧床不起", "鼻饲", "氧疗", "要人扶"]);
}

#[test]
fn signs_of_a_condition_in_plain_words_go() {
    let text = "当事人称其双手一直发抖，近来记不住事，每周去医院做康复。";
    gone(text, &["发抖", "记不住事", "康复"]);
}

#[test]
fn a_deaf_party_and_a_sign_interpreter_go_but_the_association_stays() {
    let text = "当事人系聋人，借助手语翻译陈述；翻译员由区聋人协会派出。";
    gone(text, &["系聋人", "借助手语"]);
    kept(text, &["聋人协会"]);
}

#[test]
fn an_occupational_disease_department_goes() {
    gone("当事人在武进人民医院职业病科住院治疗。", &["职业病科"]);
}

#[test]
fn a_stay_in_a_detox_centre_goes() {
    gone("其称女婿前年才从\n强制隔离戒毒所出来。", &["戒毒所"]);
}

#[test]
fn officers_written_in_a_forms_blanks_stay() {
    let text = "当事人签名：__钱立伟__\n执法人员：__严晓峰__（执法证号32041201007） __陶 静__（执法证号32041201019）\n";
    kept(text, &["严晓峰", "陶 静"]);
    gone(text, &["钱立伟"]);
}

#[test]
fn a_community_right_after_the_sub_district_stays_in_a_home() {
    let text = "家庭住址：武进区湖塘街道花园社区\n      花园新村12-2-301\n";
    kept(text, &["花园社区"]);
    gone(text, &["12-2-301"]);
}

#[test]
fn a_truck_whose_registered_owner_is_a_company_keeps_its_plate() {
    let text = "车辆号牌：苏D·K3619（蓝牌轻型货车），车辆所有人：常州市通达物流有限公司\n";
    kept(text, &["苏D·K3619"]);
    // A driver's own truck only attached to a company: the plate goes.
    let own = "车辆号牌：苏D·K3620，车辆所有人：钱立伟（挂靠常州市通达物流有限公司）\n";
    gone(own, &["苏D·K3620"]);
}

#[test]
fn a_citys_own_e_bike_plate_after_a_plate_word_goes() {
    let text = "钱立伟（电动自行车号牌：常州B·\n40517）在人行道停车。";
    gone(text, &["40517"]);
    kept(text, &["人行道停车"]);
}
