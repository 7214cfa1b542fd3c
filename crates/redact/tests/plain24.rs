//! One invented sentence per general mechanism added in round 24 on eval20's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_star_masked_name_between_letters_is_a_name_and_gives_away_its_full_form() {
    // A village head named with one letter hidden, right after the office and before a verb.
    let text = "三岔村村民委员会主任罗*平到场并在笔录上签字。";
    gone(text, &["罗*平"]);
    // The source hid the middle letter once and gave the name in full elsewhere.
    let text = "买受人：邵*林，男。\n合同写明：“出卖人将院落卖给买受人邵德林。”";
    gone(text, &["邵*林", "邵德林"]);
    // An officer who shares the shown letters stays.
    let text = "执法队员邵德林（执法证号44010526031）到场；买受人邵*林拒绝签字。";
    kept(text, &["邵德林"]);
    gone(text, &["邵*林"]);
    // A star after a surname followed by a word of the sentence is no name's letter.
    let text = "经核查，王*称其不知情。";
    kept(text, &["称其不知情"]);
}

#[test]
fn a_line_that_opens_with_a_home_word_is_a_new_home_not_the_rest_of_the_last() {
    let text = "住址：某市某区某街道枫林路丹枫苑12号楼1单元302室\n家住某县柳河镇上坪村三组18号";
    // Each home is masked below its road or village; the town and village in between stay.
    gone(text, &["302室", "三组18号"]);
    kept(text, &["某县柳河镇上坪村"]);
}

#[test]
fn a_shops_own_landline_and_an_officers_work_mobile_stay() {
    let text = "当事人受雇于某某家电维修部（店内电话0571-86021347），在楼道张贴广告。";
    kept(text, &["0571-86021347"]);
    let text = "当事人手机139 0571 2468，其经营的某某粮油店电话0571-8602 135。";
    kept(text, &["0571-8602 135"]);
    gone(text, &["139 0571 2468"]);
    let text = "执法人员周凯（执法证号33010526044，工作手机13805710231）负责送达。";
    kept(text, &["13805710231"]);
    // A person's own landline is still masked.
    let text = "当事人家中电话0571-86021347。";
    gone(text, &["0571-86021347"]);
}

#[test]
fn a_village_group_is_a_home_only_where_the_clause_says_so() {
    let text = "当事人在柳河镇上坪村三组擅自搭建彩钢棚，占用上坪村五组东侧耕地约200平方米。";
    kept(text, &["上坪村三组", "上坪村五组东侧"]);
    let text = "证人罗某，家住本镇上坪村三组。";
    gone(text, &["三组"]);
    let text = "当事人户籍地柳河镇上坪村三组，现暂住县城。";
    gone(text, &["三组"]);
}

#[test]
fn welfare_status_in_the_words_of_poverty_relief_is_masked() {
    let text = "当事人称其家中系脱贫监测户，请求减免罚款。";
    gone(text, &["脱贫监测户"]);
    let text = "经核实，当事人家庭系城市特困供养对象。";
    gone(text, &["特困供养对象"]);
}

#[test]
fn an_age_in_the_classical_form_is_masked() {
    let text = "当事人张某今年八十有二，由其孙子陪同。";
    gone(text, &["八十有二"]);
}

#[test]
fn a_private_car_beside_a_company_truck_is_the_persons() {
    let text =
        "当事人驾驶其自有轿车浙A·7K315运送杂物，随后由浙A·B2041（某某物流有限公司所有）货车转运。";
    gone(text, &["浙A·7K315"]);
    kept(text, &["浙A·B2041"]);
    // A list of plates shares what the sentence says after it.
    let text = "进场渣土车浙A·D6612、浙A·D6613属某某渣土运输有限公司。";
    kept(text, &["浙A·D6612", "浙A·D6613"]);
}

#[test]
fn a_mobile_masked_with_crosses_still_shows_digits_and_is_masked() {
    let text = "联系电话：139××××2468";
    gone(text, &["139××××2468"]);
}

#[test]
fn a_landline_split_five_and_three_is_masked() {
    let text = "联系电话：0571-86021 347，手机另告。";
    gone(text, &["86021 347"]);
}

#[test]
fn a_hand_that_fails_in_plain_words_is_health() {
    let text = "当事人称其母右手不灵活，需人照料。";
    gone(text, &["右手不灵活"]);
}

#[test]
fn a_professional_registration_number_of_a_person_is_masked() {
    let text = "项目经理：某某，二级建造师注册编号浙233100512345。";
    gone(text, &["浙233100512345"]);
}

#[test]
fn the_seat_of_an_agency_party_on_its_own_line_stays() {
    let text = "申请人：罗某，男，身份证号：110227197103281234\n被申请人：某市城市管理综合行政执法局\n住所地：某市新华路66号\n";
    kept(text, &["某市新华路66号"]);
}

#[test]
fn the_contact_in_a_note_on_the_agencys_office_stays() {
    let text =
        "受送达人可到本局法制科（某市人民路12号，联系人：郝晓雯，电话：0571-86020000）领取文书。";
    kept(text, &["郝晓雯"]);
}

#[test]
fn a_shop_sign_that_runs_on_into_its_code_keeps_the_pet_name() {
    let text = "某县阿强烧烤店统一社会信用代码92330100MA2K0XXX0Y。";
    kept(text, &["阿强烧烤店"]);
}

#[test]
fn a_name_before_an_act_only_a_person_does_is_a_name() {
    let text = "本局将通知书交由其同住亲属（儿媳）曾玉兰签收。";
    gone(text, &["曾玉兰"]);
    let text = "据其陈述，“摊子是我的，曾美玉和金玉芬负责每天收摊”。";
    gone(text, &["曾美玉", "金玉芬"]);
    // Bodies and ordinary words before the act stay.
    let text = "由居委会见证，由经办人签收。";
    kept(text, &["居委会", "经办人"]);
}
